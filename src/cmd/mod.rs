//! The command line: argument definitions, exit codes and the options every subcommand shares. One file per
//! subcommand; reading the inputs is in `files`, the terminal in `print`, writing outputs in `write`.

pub mod diff;
pub mod generate;
pub mod report;
mod said;
pub mod shell;
pub mod statement;
pub mod tally;
pub mod template;
pub mod validate;
pub mod verify;

mod files;
mod print;
mod write;

pub use files::*;
pub use print::*;
pub use said::{Heading, NotResults, Said};
pub use write::*;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use clap::{Args, Parser, Subcommand, ValueEnum};

use akim_tally::check::{Code, Finding, IoTrouble};
use akim_tally::input::decode::encoding_for_label;
use akim_tally::input::header::ColumnMap;
use akim_tally::input::returns::{CandidateIndex, ReadOptions};
use akim_tally::input::sha256_hex;
use akim_tally::model::{CandidateId, DistrictId, Location, PrecinctId, Roster};
use akim_tally::pipeline::{ReturnsInput, ReturnsMeta, RosterSources, Source, load_roster, unreadable};
use akim_tally::report::InputFile;
use akim_tally::report::diagnostics::{human, plural, summary, visible};
use akim_tally::report::text::{self, Lang};

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
    /// The language of messages, reports and templates: kk, ru or en (default: from LC_ALL, LC_MESSAGES or LANG,
    /// else on Windows the display language, else en). Codes, ids and the JSON results are the same in every
    /// language.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    #[command(subcommand)]
    pub command: Command,
}

/// A language to choose on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    /// Қазақша.
    Kk,
    /// Русский.
    Ru,
    /// English.
    En,
}

/// The language of the run: `--lang`, else the first of LC_ALL, LC_MESSAGES and LANG that is set (`kk*` → Kazakh,
/// `ru*` → Russian), else on Windows, where those are seldom set, the user's display language, else English.
pub fn language(chosen: Option<LangArg>) -> Lang {
    match chosen {
        Some(LangArg::Kk) => Lang::Kk,
        Some(LangArg::Ru) => Lang::Ru,
        Some(LangArg::En) => Lang::En,
        None => ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| Lang::of_locale(&v))
            .or_else(display_language)
            .unwrap_or(Lang::En),
    }
}

/// The user's display language on Windows (the language of its menus), when it is Kazakh, Russian or English.
#[cfg(windows)]
fn display_language() -> Option<Lang> {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetUserDefaultUILanguage() -> u16;
    }
    // SAFETY: the function takes nothing and returns a number (a language id); no memory is shared with it.
    lang_of_windows_id(unsafe { GetUserDefaultUILanguage() })
}

/// Elsewhere the locale's variables say it.
#[cfg(not(windows))]
fn display_language() -> Option<Lang> {
    None
}

/// The language of a Windows language id (LANGID), by its primary language: the low 10 bits.
#[cfg_attr(not(windows), allow(dead_code))]
fn lang_of_windows_id(id: u16) -> Option<Lang> {
    match id & 0x3ff {
        0x3f => Some(Lang::Kk),
        0x19 => Some(Lang::Ru),
        0x09 => Some(Lang::En),
        _ => None,
    }
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
    /// A sheet of workbook returns to read (by name; repeatable); without it, every visible sheet that is a table of
    /// returns.
    #[arg(long, value_name = "NAME")]
    pub sheet: Vec<String>,
    /// Print no notes on how each file was read (problems are still printed), and no progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// List every problem on the terminal. Without it, a run with many problems lists the first few of each code
    /// and counts the rest (the JSON always lists them all).
    #[arg(long)]
    pub all_diagnostics: bool,
    /// How many returns files to read at once (default: the number of cores). The results are the same for any N.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Files of a returns folder to leave out, by name (`*` any run of characters, `?` one), e.g. `--exclude
    /// "*копия*"`. Repeatable; a file named on the command line is always read.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
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

impl OutputArgs {
    /// Whether the output is standard output (no `--output`, or `--output -`).
    pub fn is_stdout(&self) -> bool {
        self.output.as_deref().is_none_or(|p| p == Path::new("-"))
    }
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
    /// A message of the command, in the language of the run.
    Said(Said),
    /// A message in English: the developers' commands (`generate`, `completions`, `man`).
    Message(String),
    /// Findings that stop the run (undecodable files, a bad roster), under a heading.
    Findings(Heading, Vec<Finding>),
}

impl Fatal {
    /// Prints itself on stdout as JSON (`akim-tally.failure.v1`: the message and the diagnostics, in English), for
    /// a script that asked for JSON.
    pub fn print_json(&self) {
        #[derive(serde::Serialize)]
        struct Failure<'a> {
            format: &'static str,
            generator: &'static str,
            exit_code: u8,
            message: String,
            diagnostics: Vec<akim_tally::report::json::Diagnostic<'a>>,
        }
        let (message, findings): (String, &[Finding]) = match self {
            Fatal::Said(s) => (s.in_lang(Lang::En), &[]),
            Fatal::Message(m) => (m.clone(), &[]),
            Fatal::Findings(h, f) => (Said::Heading(*h).in_lang(Lang::En), f),
        };
        let doc = Failure {
            format: "akim-tally.failure.v1",
            generator: akim_tally::report::TOOL,
            exit_code: exit::FATAL,
            message,
            diagnostics: akim_tally::report::json::diagnostics(findings),
        };
        if let Ok(text) = serde_json::to_string_pretty(&doc) {
            let _ = writeln!(std::io::stdout(), "{text}");
        }
    }

    /// Prints itself on stderr and gives the exit code.
    pub fn report(self, lang: Lang) -> u8 {
        let mut err = std::io::stderr().lock();
        match self {
            Fatal::Said(s) => {
                let _ = writeln!(err, "akim-tally: {}", visible(&s.in_lang(lang), true));
            }
            Fatal::Message(m) => {
                let _ = writeln!(err, "akim-tally: {}", visible(&m, true));
            }
            Fatal::Findings(what, findings) => {
                let _ = write!(err, "{}", human(&findings, colour(), lang));
                let what = Said::Heading(what).in_lang(lang);
                let _ = writeln!(err, "akim-tally: {what}: {}", summary(&findings, lang));
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
            Some(d) => Some(
                checked_date(d).map_err(|e| Fatal::Said(Said::BadDate { given: d.clone(), reason: e.to_string() }))?,
            ),
        };
        let date = date.as_deref();
        let Some(given) = &self.rules else { return Ok((RuleSet::kz_rural_akim(date), None)) };
        if let Some(r) = RuleSet::built_in(given, date) {
            return Ok((r, None));
        }
        let path = Path::new(given);
        let source = settings_source(path).map_err(|f| {
            Fatal::Said(Said::RulesNotFound {
                given: given.clone(),
                built_in: BUILT_IN.join(", "),
                finding: Box::new(f),
            })
        })?;
        let (option, path) = ("--rules", given.clone());
        let text = std::str::from_utf8(&source.bytes)
            .map_err(|_| Fatal::Said(Said::SettingsNotText { option, path: path.clone() }))?;
        let rules = RuleSet::from_toml(text, date)
            .map_err(|reason| Fatal::Said(Said::SettingsInvalid { option, path, reason }))?;
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
            let (given, district) = (g.clone(), d.to_string());
            return Err(Fatal::Said(Said::NoSuchDistrict { option: "--declare-invalid", given, district }));
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
            return Err(Fatal::Said(Said::TieBreakShape { given: g.clone() }));
        };
        let d = DistrictId::parse(d);
        if !roster.districts.contains_key(&d) {
            let (given, district) = (g.clone(), d.to_string());
            return Err(Fatal::Said(Said::NoSuchDistrict { option: "--tie-break", given, district }));
        }
        let Some(id) = index.resolve(&d, c) else {
            let (given, candidate, district) = (g.clone(), c.trim().to_string(), d.to_string());
            return Err(Fatal::Said(Said::TieBreakNotCandidate { given, candidate, district }));
        };
        if out.insert(d.clone(), CandidateId(id.to_string())).is_some() {
            return Err(Fatal::Said(Said::TieBreakTwice { district: d.to_string() }));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_windows_display_language_is_read_by_its_primary_language() {
        // kk-KZ, ru-RU, ru-MD, en-US, en-GB; Ukrainian and Uzbek are none of the three.
        let ids = [(0x043f, Some(Lang::Kk)), (0x0419, Some(Lang::Ru)), (0x0819, Some(Lang::Ru))];
        let more = [(0x0409, Some(Lang::En)), (0x0809, Some(Lang::En)), (0x0422, None), (0x0443, None)];
        for (id, lang) in ids.into_iter().chain(more) {
            assert_eq!(lang_of_windows_id(id), lang, "{id:#06x}");
        }
    }
}
