//! The command line: argument definitions, reading the input files, writing outputs, printing diagnostics.
//! One file per subcommand; this file holds what they share.

pub mod diff;
pub mod generate;
pub mod report;
pub mod shell;
pub mod statement;
pub mod tally;
pub mod template;
pub mod validate;
pub mod verify;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use clap::{Args, Parser, Subcommand, ValueEnum};

use akim_tally::check::Finding;
use akim_tally::input::decode::encoding_for_label;
use akim_tally::input::header::ColumnMap;
use akim_tally::input::returns::{CandidateIndex, ReadOptions};
use akim_tally::input::sha256_hex;
use akim_tally::model::{CandidateId, DistrictId, Location, PrecinctId, Roster};
use akim_tally::pipeline::{ReturnsInput, ReturnsMeta, RosterSources, Source, load_roster, unreadable};
use akim_tally::report::InputFile;
use akim_tally::report::diagnostics::{human, plural, summary, visible};

/// Exit codes: 0 every race decided; 1 errors in the returns; 2 could not run; 3 a race needs the commission.
pub mod exit {
    /// Every race decided, no errors.
    pub const OK: u8 = 0;
    /// Validation errors.
    pub const ERRORS: u8 = 1;
    /// Could not run: usage, unreadable or undecodable file, bad roster.
    pub const FATAL: u8 = 2;
    /// No errors, but a race needs action (tie, incomplete, repeat election).
    pub const ACTION: u8 = 3;
}

/// Validates and tallies precinct returns of rural akim elections.
#[derive(Parser)]
#[command(
    name = "akim-tally",
    version,
    about,
    long_about = None,
    after_help = "Example:\n  akim-tally tally --roster fixtures/sample/roster fixtures/sample/returns\n\n\
        Run `akim-tally help tally` for the options; docs/checks.md lists the check codes, the README the exit codes."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check the returns against the roster and the protocol arithmetic; decide nothing.
    #[command(
        after_help = "Example:\n  akim-tally validate --roster fixtures/sample/roster fixtures/sample/returns\n\n\
        Exit codes: 0 no errors; 1 errors found; 2 could not run; 3 no errors but protocols are missing."
    )]
    Validate(validate::Args),
    /// Check the returns, then decide every race.
    #[command(after_help = "Examples:\n  akim-tally tally --roster fixtures/sample/roster fixtures/sample/returns\n  \
        akim-tally tally --roster fixtures/sample/roster fixtures/sample/returns --format json --output results.json\n  \
        akim-tally tally --roster DIR RETURNS --tie-break 02=seitkali --annul 0412\n\n\
        Exit codes: 0 every race decided; 1 errors found; 2 could not run; 3 a race needs action (tie, incomplete, repeat election).")]
    Tally(tally::Args),
    /// Write the results as a self-contained HTML page to print, sign and publish.
    #[command(
        after_help = "Example:\n  akim-tally report --roster fixtures/sample/roster fixtures/sample/returns --lang kk --output results.html"
    )]
    Report(report::Args),
    /// Write the statement of the results the commission publishes (Art. 44 p.5), in Kazakh or Russian.
    #[command(
        after_help = "Example:\n  akim-tally statement --roster fixtures/sample/roster fixtures/sample/returns --election-date 2025-10-19 --lang ru --output statement.html"
    )]
    Statement(statement::Args),
    /// Check that a results file came from exactly these inputs: their SHA-256, and the same results again.
    #[command(
        after_help = "Example:\n  akim-tally tally --format json --output results.json --roster fixtures/sample/roster fixtures/sample/returns\n  \
        akim-tally verify results.json\n\nExit codes: 0 verified; 1 an input changed or the results differ; 2 could not run."
    )]
    Verify(verify::Args),
    /// Compare two entries of the same protocols (double entry), or two results files.
    #[command(
        after_help = "Examples:\n  akim-tally diff --roster fixtures/sample/roster entry-1.csv entry-2.csv\n  akim-tally diff results-a.json results-b.json\n\n\
        Exit codes: 0 no differences; 1 differences; 2 could not run."
    )]
    Diff(diff::Args),
    /// Write the blank returns sheet of each district, to fill in and read back without options.
    #[command(
        after_help = "Example:\n  akim-tally template --roster fixtures/sample/roster --lang ru --excel --output sheets/"
    )]
    Template(template::Args),
    /// Write a synthetic election (roster, balanced returns, planted errors, expected totals) for a seed.
    #[command(
        after_help = "Example:\n  akim-tally generate --districts 1000 --precincts-per 10 --candidates 4 --seed 7 --shape long --output /tmp/big"
    )]
    Generate(generate::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    #[command(after_help = "Example:\n  akim-tally completions bash > /etc/bash_completion.d/akim-tally")]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), made from the same definitions as --help.
    #[command(after_help = "Example:\n  akim-tally man > akim-tally.1 && man ./akim-tally.1")]
    Man,
}

/// What every command reads.
#[derive(Args, Debug, Clone, Default)]
pub struct InputArgs {
    /// Folder holding the roster: precincts.csv and candidates.csv (and optionally districts.csv).
    #[arg(long, value_name = "DIR")]
    pub roster: PathBuf,
    /// Returns: files (CSV, TSV, or .xlsx/.xls/.ods workbooks), or folders whose such files are all read.
    #[arg(required = true, value_name = "RETURNS")]
    pub returns: Vec<PathBuf>,
    /// A precinct whose results the commission annulled, with the grounds if you give them after `=`: left out of
    /// the count, listed in the output (e.g. --annul "0412=ballots found outside the box"). Repeatable.
    #[arg(long = "annul", value_name = "PRECINCT[=GROUNDS]")]
    pub annul: Vec<String>,
    /// A header of the returns to read past instead of reporting it as unknown. Repeatable.
    #[arg(long = "ignore-column", value_name = "HEADER")]
    pub ignore_column: Vec<String>,
    /// Your own header names: a TOML file from header to key, e.g. "Кол-во избирателей" = "voters_on_list".
    #[arg(long, value_name = "FILE")]
    pub columns: Option<PathBuf>,
    /// The encoding of the returns text files (utf-8, utf-16, windows-1251, koi8-r, …) instead of recognising it.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// The sheet of workbook returns to read (by name); the first sheet when not given.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Print no notes on how each file was read (problems are still printed), and no progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// How many returns files to read at once (default: the number of cores). The results are the same for any N.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
}

/// Where the output goes.
#[derive(Args, Debug)]
pub struct OutputArgs {
    /// Write to this file instead of standard output. It appears whole or not at all.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables for a person.
    Table,
    /// CSV for programs and spreadsheets.
    Csv,
    /// JSON (akim-tally.results.v2).
    Json,
    /// NIST SP 1500-100 Election Results Reporting CDF v2, JSON (needs --election-date).
    NistCdf,
}

/// Why a command could not run (exit code 2).
pub enum Fatal {
    /// A message.
    Message(String),
    /// Findings that stop the run (undecodable files, a bad roster).
    Findings(String, Vec<Finding>),
}

impl Fatal {
    /// Prints itself on stderr and gives the exit code.
    pub fn report(self) -> u8 {
        let mut err = std::io::stderr().lock();
        match self {
            Fatal::Message(m) => {
                let _ = writeln!(err, "akim-tally: {}", visible(&m, true));
            }
            Fatal::Findings(what, findings) => {
                let _ = write!(err, "{}", human(&findings, colour()));
                let _ = writeln!(err, "akim-tally: {what}: {}", summary(&findings));
            }
        }
        exit::FATAL
    }
}

/// Whether stderr gets colour: only on a terminal, never with `NO_COLOR`.
pub fn colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A path as shown in outputs: as the user gave it, with `/` separators.
pub fn display(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Opens an input file, which must be a regular file: a pipe or a device would hang the run or fill the memory
/// (`/dev/zero`), so it is refused before it is opened.
pub fn open_input(path: &Path) -> std::io::Result<std::fs::File> {
    let not_regular = || {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "it is not a regular file (a pipe, a device or a folder): give the file itself",
        )
    };
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let f = std::fs::File::open(path)?;
    // It may have been replaced between the look and the opening.
    if !f.metadata()?.is_file() {
        return Err(not_regular());
    }
    Ok(f)
}

/// Reads a whole input file (a regular file only, see [`open_input`]).
pub fn read_input(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut open_input(path)?, &mut bytes)?;
    Ok(bytes)
}

fn read_source(path: &Path) -> Result<Source, Finding> {
    let name: Arc<str> = display(path).into();
    read_input(path).map(|bytes| Source { name: Arc::clone(&name), bytes }).map_err(|e| unreadable(&name, &e))
}

fn is_returns_file(p: &Path) -> bool {
    // Hidden files, and the lock file Excel keeps beside an open workbook (`~$raion.xlsx`), are not returns.
    let hidden = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.') || n.starts_with("~$"));
    let ext = p.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    !hidden && matches!(ext.as_deref(), Some("csv" | "tsv" | "txt" | "xlsx" | "xlsm" | "xls" | "ods"))
}

/// The returns files of a folder and its subfolders. A link to a folder is not followed (two links to each other,
/// or to the folder itself, would make the walk endless); a link to a file is read as the file.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        let kind = entry.file_type()?;
        if kind.is_dir() && !hidden {
            walk(&path, out)?;
        } else if path.is_file() && is_returns_file(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// A returns file to read.
pub struct ReturnsFile {
    /// As shown in outputs.
    pub name: Arc<str>,
    pub path: PathBuf,
}

/// A reader that counts the bytes read, for the progress bar.
struct Counted<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: std::io::Read> std::io::Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A progress bar on stderr (bytes read of the total), drawn while it lives, for inputs that take more than a
/// moment; only on a terminal, and never with `--quiet`.
pub struct Progress {
    done: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    /// Starts drawing, after half a second, the share of `total` bytes that `read` counts.
    pub fn start(read: Arc<AtomicU64>, total: u64, quiet: bool) -> Progress {
        let done = Arc::new(AtomicBool::new(false));
        let thread = (!quiet && total > 0 && std::io::stderr().is_terminal()).then(|| {
            let done = Arc::clone(&done);
            std::thread::spawn(move || {
                let start = std::time::Instant::now();
                let mut drawn = false;
                while !done.load(Ordering::Relaxed) {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    if start.elapsed() < std::time::Duration::from_millis(500) {
                        continue;
                    }
                    let r = read.load(Ordering::Relaxed).min(total);
                    let width = 30;
                    let filled = (r * width / total) as usize;
                    let bar = format!("{}{}", "#".repeat(filled), "-".repeat(width as usize - filled));
                    let _ = write!(
                        std::io::stderr(),
                        "\rakim-tally: reading [{bar}] {:>3}%  {} of {} MB  {:.1} s",
                        r * 100 / total,
                        r / 1_000_000,
                        total / 1_000_000,
                        start.elapsed().as_secs_f64()
                    );
                    drawn = true;
                }
                if drawn {
                    let _ = write!(std::io::stderr(), "\r{}\r", " ".repeat(78));
                }
            })
        });
        Progress { done, thread }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Loaded {
    /// The returns files opened, each to be read once from start to end, with a progress bar while they are.
    pub fn inputs(&self, quiet: bool) -> Result<(Vec<ReturnsInput<'static>>, Progress), Fatal> {
        let mut out = Vec::new();
        let mut failed = Vec::new();
        let read = Arc::new(AtomicU64::new(0));
        let mut total = 0;
        for r in &self.returns {
            match open_input(&r.path) {
                Ok(f) => {
                    total += f.metadata().map_or(0, |m| m.len());
                    let reader = Counted { inner: f, read: Arc::clone(&read) };
                    out.push(ReturnsInput { name: Arc::clone(&r.name), reader: Box::new(reader) })
                }
                Err(e) => failed.push(unreadable(&r.name, &e)),
            }
        }
        if !failed.is_empty() {
            return Err(Fatal::Findings("could not read the inputs".into(), failed));
        }
        Ok((out, Progress::start(read, total, quiet)))
    }
}

/// Everything a command has read.
pub struct Loaded {
    pub roster: Roster,
    /// The roster's files: name, SHA-256 and encoding (their bytes are not kept once the roster is read).
    pub roster_files: Vec<(Arc<str>, String, &'static str)>,
    /// Warnings about the roster (it has no errors, or the run would have stopped).
    pub roster_warnings: Vec<Finding>,
    /// Other files that shape the result (a rule set, a column mapping): (role, source).
    pub extra_files: Vec<(&'static str, Source)>,
    /// The returns files, found readable; each is read when it is checked.
    pub returns: Vec<ReturnsFile>,
    pub annulled: BTreeSet<PrecinctId>,
    /// The grounds given for annulled precincts (blank: none given).
    pub annul_grounds: BTreeMap<PrecinctId, String>,
    pub options: ReadOptions,
    /// Canonical paths of every input, so that no output is written over one.
    pub input_paths: Vec<PathBuf>,
}

/// Reads the roster and the returns files (not yet checked) for a run under a rule set: what it asks of each
/// protocol, and the roster's warnings under the law.
pub fn load_under(args: &InputArgs, rules: &akim_tally::rules::RuleSet) -> Result<Loaded, Fatal> {
    let mut loaded = load(args)?;
    loaded.options.requirements = rules.requirements();
    if rules.kazakh_checks {
        let at = loaded
            .roster_files
            .iter()
            .find(|(n, _, _)| n.ends_with("candidates.csv"))
            .map(|(n, _, _)| Location::file(n));
        let districts = loaded.roster.districts.values().map(|d| (d.id.clone(), d.candidates.len(), at.clone()));
        loaded.roster_warnings.extend(akim_tally::check::roster_under_law(districts));
    }
    Ok(loaded)
}

/// Reads the roster and the returns files (not yet checked).
pub fn load(args: &InputArgs) -> Result<Loaded, Fatal> {
    let mut failed = Vec::new();
    let mut input_paths = Vec::new();
    let roster_path = |name: &str| args.roster.join(name);
    if !args.roster.is_dir() {
        return Err(Fatal::Message(format!(
            "the roster folder {} does not exist or is not a folder (it must hold precincts.csv and candidates.csv)",
            display(&args.roster)
        )));
    }
    fn read(p: PathBuf, paths: &mut Vec<PathBuf>, failed: &mut Vec<Finding>) -> Option<Source> {
        match read_source(&p) {
            Ok(s) => {
                paths.push(p.canonicalize().unwrap_or(p));
                Some(s)
            }
            Err(f) => {
                failed.push(f);
                None
            }
        }
    }
    let precincts = read(roster_path("precincts.csv"), &mut input_paths, &mut failed);
    let candidates = read(roster_path("candidates.csv"), &mut input_paths, &mut failed);
    let districts_path = roster_path("districts.csv");
    let districts = if districts_path.exists() { read(districts_path, &mut input_paths, &mut failed) } else { None };

    // Returns: files as given, folders walked; sorted, each read once, the roster's own files left out.
    let mut paths = Vec::new();
    for r in &args.returns {
        if r.is_dir() {
            let mut found = Vec::new();
            if let Err(e) = walk(r, &mut found) {
                return Err(Fatal::Message(format!("cannot read the folder {}: {e}", display(r))));
            }
            if found.is_empty() {
                return Err(Fatal::Message(format!(
                    "the folder {} holds no returns (.csv, .tsv, .txt, .xlsx, .xls or .ods)",
                    display(r)
                )));
            }
            paths.extend(found);
        } else {
            paths.push(r.clone());
        }
    }
    paths.sort();
    let mut seen = BTreeSet::new();
    let roster_canon: Vec<PathBuf> = input_paths.clone();
    let mut returns = Vec::new();
    for p in paths {
        let canon = p.canonicalize().unwrap_or_else(|_| p.clone());
        if roster_canon.contains(&canon) || !seen.insert(canon) {
            continue;
        }
        // Opened now, so that a file that cannot be read stops the run before any work; read when checked.
        match open_input(&p) {
            Ok(_) => {
                input_paths.push(p.canonicalize().unwrap_or_else(|_| p.clone()));
                returns.push(ReturnsFile { name: display(&p).into(), path: p });
            }
            Err(e) => failed.push(unreadable(&display(&p).into(), &e)),
        }
    }
    if !failed.is_empty() {
        return Err(Fatal::Findings("could not read the inputs".into(), failed));
    }
    let (Some(precincts), Some(candidates)) = (precincts, candidates) else {
        return Err(Fatal::Message("the roster could not be read".into()));
    };
    let sources = RosterSources { precincts: &precincts, candidates: &candidates, districts: districts.as_ref() };
    let files = [Some(&precincts), Some(&candidates), districts.as_ref()];
    // The roster's files are hashed beside the reading of the roster (a national roster is tens of megabytes).
    let hash_all = || files.iter().flatten().map(|s| sha256_hex(&s.bytes)).collect::<Vec<String>>();
    let (loaded, hashes) = std::thread::scope(|scope| {
        let hashing = scope.spawn(hash_all);
        let loaded = load_roster(&sources);
        (loaded, hashing.join().unwrap_or_else(|_| hash_all()))
    });
    let akim_tally::pipeline::LoadedRoster { roster, encodings, warnings: roster_warnings } =
        loaded.map_err(|f| Fatal::Findings("the roster has errors".into(), f))?;
    let mut roster_files: Vec<(Arc<str>, String, &'static str)> = Vec::new();
    for ((s, sha), enc) in files.iter().flatten().zip(hashes).zip(encodings) {
        roster_files.push((Arc::clone(&s.name), sha, enc));
    }

    let mut annulled = BTreeSet::new();
    let mut annul_grounds = BTreeMap::new();
    for a in &args.annul {
        let (p, grounds) = a.split_once('=').unwrap_or((a, ""));
        let id = PrecinctId::parse(p);
        if !roster.precincts.contains_key(&id) {
            return Err(Fatal::Message(format!("--annul {a}: there is no precinct \"{id}\" in the roster")));
        }
        annulled.insert(id.clone());
        annul_grounds.insert(id, grounds.trim().to_string());
    }
    let encoding = match &args.encoding {
        None => None,
        Some(e) => Some(encoding_for_label(e).ok_or_else(|| {
            Fatal::Message(format!("--encoding {e}: unknown encoding; try utf-8, utf-16, windows-1251 or koi8-r"))
        })?),
    };
    let mut extra_files = Vec::new();
    let columns = match &args.columns {
        None => ColumnMap::default(),
        Some(p) => {
            let source = read_source(p).map_err(|f| Fatal::Findings("could not read the inputs".into(), vec![f]))?;
            let text = String::from_utf8(source.bytes.clone())
                .map_err(|_| Fatal::Message(format!("--columns {}: the file is not UTF-8", display(p))))?;
            let map =
                ColumnMap::from_toml(&text).map_err(|e| Fatal::Message(format!("--columns {}: {e}", display(p))))?;
            input_paths.push(p.canonicalize().unwrap_or_else(|_| p.clone()));
            extra_files.push(("columns", source));
            map
        }
    };
    let options = ReadOptions {
        ignore_columns: args.ignore_column.clone(),
        columns,
        encoding,
        sheet: args.sheet.clone(),
        keep_protocols: false,
        requirements: Default::default(),
        jobs: args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
    };
    Ok(Loaded {
        roster,
        roster_files,
        roster_warnings,
        extra_files,
        returns,
        annulled,
        annul_grounds,
        options,
        input_paths,
    })
}

/// Which rules decide the races, and the day whose law applies.
#[derive(Args, Debug, Clone, Default)]
pub struct RulesArgs {
    /// The rule set: `kz-rural-akim` (the default: the law of Kazakhstan, in the version in force on
    /// --election-date), `plurality` (for data from elsewhere: a tie is decided by lot), or a TOML file.
    #[arg(long, value_name = "NAME|FILE")]
    pub rules: Option<String>,
    /// Election day, YYYY-MM-DD: picks the version of the law in force (kz-2021, kz-2023 or kz-2026; the newest
    /// when not given), and dates a NIST report.
    #[arg(long, value_name = "DATE")]
    pub election_date: Option<String>,
}

impl RulesArgs {
    /// The rule set, and the file it was read from (an input of the run), if it is one.
    pub fn rule_set(&self) -> Result<(akim_tally::rules::RuleSet, Option<Source>), Fatal> {
        use akim_tally::rules::{BUILT_IN, RuleSet};
        let date = match &self.election_date {
            None => None,
            Some(d) => Some(checked_date(d).map_err(|e| Fatal::Message(format!("--election-date {d}: {e}")))?),
        };
        let date = date.as_deref();
        let Some(given) = &self.rules else { return Ok((RuleSet::kz_rural_akim(date), None)) };
        if let Some(r) = RuleSet::built_in(given, date) {
            return Ok((r, None));
        }
        let path = Path::new(given);
        let source = read_source(path).map_err(|f| {
            Fatal::Message(format!(
                "--rules {given}: not a built-in rule set ({}) nor a file that can be read: {}",
                BUILT_IN.join(", "),
                f.message
            ))
        })?;
        let text = std::str::from_utf8(&source.bytes)
            .map_err(|_| Fatal::Message(format!("--rules {given}: the file is not UTF-8 text")))?;
        let rules = RuleSet::from_toml(text, date)
            .map_err(|e| Fatal::Message(format!("the rule set {given} is not valid: {e}")))?;
        Ok((rules, Some(source)))
    }
}

/// A real calendar day written `YYYY-MM-DD`, as given, or what is wrong with it.
pub fn checked_date(d: &str) -> Result<String, String> {
    let b = d.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| d.get(r).filter(|s| s.bytes().all(|c| c.is_ascii_digit()))?.parse::<u32>().ok();
    let (Some(y), Some(m), Some(day), 10, b'-', b'-') = (
        digits(0..4),
        digits(5..7),
        digits(8..10),
        b.len(),
        b.get(4).copied().unwrap_or(0),
        b.get(7).copied().unwrap_or(0),
    ) else {
        return Err("expected YYYY-MM-DD, e.g. 2025-10-19".into());
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(format!("there is no month {m}")),
    };
    if day == 0 || day > days {
        return Err(format!("month {m} of {y} has no day {day}"));
    }
    Ok(d.to_string())
}

/// Reads `--declare-invalid DISTRICT[=GROUNDS]` values against the roster.
pub fn declared_invalid(roster: &Roster, given: &[String]) -> Result<BTreeMap<DistrictId, String>, Fatal> {
    let mut out = BTreeMap::new();
    for g in given {
        let (d, grounds) = g.split_once('=').unwrap_or((g, ""));
        let d = DistrictId::parse(d);
        if !roster.districts.contains_key(&d) {
            return Err(Fatal::Message(format!("--declare-invalid {g}: there is no district \"{d}\" in the roster")));
        }
        out.insert(d, grounds.trim().to_string());
    }
    Ok(out)
}

/// Reads `--tie-break DISTRICT=CANDIDATE` values against the roster.
pub fn tie_breaks(roster: &Roster, given: &[String]) -> Result<BTreeMap<DistrictId, CandidateId>, Fatal> {
    if given.is_empty() {
        return Ok(BTreeMap::new());
    }
    let index = CandidateIndex::new(roster);
    let mut out = BTreeMap::new();
    for g in given {
        let Some((d, c)) = g.split_once('=') else {
            return Err(Fatal::Message(format!("--tie-break {g}: expected DISTRICT=CANDIDATE")));
        };
        let d = DistrictId::parse(d);
        if !roster.districts.contains_key(&d) {
            return Err(Fatal::Message(format!("--tie-break {g}: there is no district \"{d}\" in the roster")));
        }
        let Some(id) = index.resolve(&d, c) else {
            return Err(Fatal::Message(format!(
                "--tie-break {g}: \"{}\" is not a candidate of district {d}",
                c.trim()
            )));
        };
        if out.insert(d.clone(), id.clone()).is_some() {
            return Err(Fatal::Message(format!("--tie-break: district {d} is given twice")));
        }
    }
    Ok(out)
}

/// The inputs as reported in outputs: roster files first, then returns, each with its SHA-256.
pub fn input_files(loaded: &Loaded, metas: &[ReturnsMeta]) -> Vec<InputFile> {
    let mut out: Vec<InputFile> = loaded
        .roster_files
        .iter()
        .map(|(name, sha256, enc)| InputFile {
            path: name.to_string(),
            role: "roster".into(),
            sha256: sha256.clone(),
            encoding: Some(enc.to_string()),
            delimiter: None,
            shape: None,
            sheet: None,
        })
        .collect();
    for (s, m) in loaded.returns.iter().zip(metas) {
        out.push(InputFile {
            path: s.name.to_string(),
            role: "returns".into(),
            sha256: m.sha256.clone(),
            encoding: m.encoding.map(str::to_string),
            delimiter: m.info.as_ref().and_then(|i| i.delimiter).map(str::to_string),
            shape: m.info.as_ref().map(|i| i.shape.name().to_string()),
            sheet: m.sheet.clone(),
        });
    }
    for (role, s) in &loaded.extra_files {
        out.push(InputFile {
            path: s.name.to_string(),
            role: role.to_string(),
            sha256: sha256_hex(&s.bytes),
            encoding: None,
            delimiter: None,
            shape: None,
            sheet: None,
        });
    }
    out
}

/// One line per returns file on stderr: how it was read (encoding, delimiter or sheet, shape, rows) and what
/// was read past (blank, title and totals rows).
pub fn print_notes(loaded: &Loaded, metas: &[ReturnsMeta], quiet: bool) {
    if quiet {
        return;
    }
    let mut err = std::io::stderr().lock();
    for (s, m) in loaded.returns.iter().zip(metas) {
        let mut parts = Vec::new();
        match (&m.sheet, m.encoding) {
            (Some(sheet), _) => parts.push(format!("workbook, sheet \"{sheet}\"")),
            (None, Some(enc)) => parts.push(format!("{enc} ({})", if m.detected { "recognised" } else { "as given" })),
            (None, None) => {}
        }
        if let Some(i) = &m.info {
            if let Some(d) = i.delimiter {
                parts.push(format!("delimiter {}", if d == "tab" { "tab".to_string() } else { format!("\"{d}\"") }));
            }
            parts.push(format!("{} shape", i.shape.name()));
            parts.push(format!("header at line {}", i.header_line));
            parts.push(plural(i.rows, "row"));
            if i.title_rows > 0 {
                parts.push(format!("{} above the header read past", plural(i.title_rows, "title row")));
            }
            if i.unnamed_columns > 0 {
                parts.push(format!("{} without a header read past", plural(i.unnamed_columns, "column")));
            }
            if i.blank_rows > 0 {
                parts.push(format!("{} read past", plural(i.blank_rows, "blank row")));
            }
            if !i.totals_rows.is_empty() {
                let lines: Vec<String> = i.totals_rows.iter().map(u32::to_string).collect();
                parts.push(format!("totals row at line {} checked, not counted", lines.join(", ")));
            }
        }
        let note = format!("{}: {}", s.name, parts.join(", "));
        let _ = writeln!(err, "akim-tally: note: {}", visible(&note, false));
    }
}

/// Prints the findings on stderr, with a one-line summary.
pub fn print_findings(findings: &[Finding]) {
    if findings.is_empty() {
        return;
    }
    let mut err = std::io::stderr().lock();
    let shown = &findings[..findings.len().min(MAX_PRINTED)];
    let _ = write!(err, "{}", human(shown, colour()));
    if findings.len() > shown.len() {
        let _ = writeln!(
            err,
            "akim-tally: … {} more not shown here (the first {MAX_PRINTED} are); --format json lists them all",
            findings.len() - shown.len()
        );
    }
    let _ = writeln!(err, "akim-tally: {}", summary(findings));
}

/// The most diagnostics printed on stderr; the JSON output lists them all.
pub const MAX_PRINTED: usize = 1_000;

/// Refuses an output target that is one of the inputs, or that exists without `--force`. Checked before any work
/// and again just before writing.
pub fn check_output(out: &OutputArgs, inputs: &[PathBuf]) -> Result<(), Fatal> {
    let Some(path) = out.output.as_ref().filter(|p| !is_stdout(p)) else {
        return Ok(());
    };
    let shown = display(path);
    let target = output_dir(path).canonicalize().map(|d| d.join(path.file_name().unwrap_or_default()));
    if let Ok(t) = &target
        && inputs.iter().any(|i| i == t || t.canonicalize().is_ok_and(|c| &c == i))
    {
        return Err(Fatal::Message(format!("refusing to write {shown}: it is one of the inputs")));
    }
    if path.is_dir() {
        return Err(Fatal::Message(format!("cannot write {shown}: it is a folder")));
    }
    // A pipe or a device is never replaced by a regular file, even with --force.
    if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(Fatal::Message(format!(
            "refusing to write {shown}: it is not a regular file (a pipe, a device or a link); give a file name, or - for standard output"
        )));
    }
    if path.exists() && !out.force {
        return Err(Fatal::Message(format!("{shown} exists; pass --force to replace it")));
    }
    Ok(())
}

/// Whether `--output` names standard output (`-`).
fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn output_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes the output: to stdout, or to a file that appears whole or not at all (a temporary file in the same
/// folder, synced, then renamed over the target), never over an input, and over an existing file only with
/// `--force`.
pub fn write_output(out: &OutputArgs, text: &str, inputs: &[PathBuf]) -> Result<(), Fatal> {
    write_output_with(out, inputs, |w| w.write_all(text.as_bytes()))
}

/// As [`write_output`], for an output that `make` writes piece by piece (a per-precinct export of a national
/// election is a gigabyte): it goes to the file as it is made, through a buffer, never whole in memory.
pub fn write_output_with(
    out: &OutputArgs,
    inputs: &[PathBuf],
    make: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Fatal> {
    let Some(path) = out.output.as_ref().filter(|p| !is_stdout(p)) else {
        let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        return make(&mut stdout)
            .and_then(|_| stdout.flush())
            .map_err(|e| Fatal::Message(format!("cannot write to standard output: {e}")));
    };
    check_output(out, inputs)?;
    let shown = display(path);
    let fail = |e: std::io::Error| Fatal::Message(format!("cannot write {shown}: {e}"));
    let mut tmp = tempfile::NamedTempFile::new_in(output_dir(path)).map_err(fail)?;
    // A temporary file is private (0600); the output is a document to share, readable like any other file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(fail)?;
    }
    // On any failure the temporary file is removed when dropped: the output appears whole or not at all.
    {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        make(&mut w).map_err(fail)?;
        w.flush().map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    // Without --force the file is linked into place only if the name is still free: another run that wrote it
    // meanwhile is not silently replaced (no check-then-rename race).
    if out.force {
        tmp.persist(path).map_err(|e| fail(e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => {
                Fatal::Message(format!("{shown} appeared while this run was writing it; pass --force to replace it"))
            }
            _ => fail(e.error),
        })?;
    }
    Ok(())
}
