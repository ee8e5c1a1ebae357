//! Reading the inputs: a returns folder walked for its files, each opened as a regular file only and read as it
//! is tallied (with a progress line on a terminal), the roster loaded, and the inputs listed with their SHA-256.

use super::*;

/// Opens an input file, which must be a regular file: a pipe or a device would hang the run or fill the memory
/// (`/dev/zero`), so it is refused before it is opened.
pub fn open_input(path: &Path) -> std::io::Result<std::fs::File> {
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

/// The error of an input that is not a regular file.
fn not_regular() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        "it is not a regular file (a pipe, a device or a folder): give the file itself",
    )
}

/// Reads a whole input file (a regular file only, see [`open_input`]).
pub fn read_input(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut open_input(path)?, &mut bytes)?;
    Ok(bytes)
}

pub(super) fn read_source(path: &Path) -> Result<Source, Finding> {
    let name: Arc<str> = display(path).into();
    read_input(path)
        .map(|bytes| Source { name: Arc::clone(&name), bytes })
        .map_err(|e| unreadable(&name, IoTrouble::of(&e)))
}

/// The most a settings file (`--rules`, `--columns`, `--members`) may hold: a few hundred lines are a lot.
const SETTINGS_BYTES: u64 = 1 << 20;

/// Reads a settings file whole: a regular file of at most [`SETTINGS_BYTES`].
pub fn read_settings(path: &Path) -> std::io::Result<Vec<u8>> {
    let f = open_input(path)?;
    let size = f.metadata()?.len();
    if size > SETTINGS_BYTES {
        let said = format!("it holds {size} bytes, more than a settings file ({SETTINGS_BYTES} at most)");
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, said));
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(f, SETTINGS_BYTES), &mut bytes)?;
    Ok(bytes)
}

/// A settings file as a source (see [`read_settings`]).
pub(super) fn settings_source(path: &Path) -> Result<Source, Finding> {
    let name: Arc<str> = display(path).into();
    read_settings(path)
        .map(|bytes| Source { name: Arc::clone(&name), bytes })
        .map_err(|e| unreadable(&name, IoTrouble::of(&e)))
}

/// Whether `name` matches `glob`: `*` any run of characters, `?` any one, everything else itself.
fn glob_matches(glob: &str, name: &str) -> bool {
    let (g, n): (Vec<char>, Vec<char>) = (glob.chars().collect(), name.chars().collect());
    // Where the last `*` was met, and the place in the name it stands for so far.
    let (mut gi, mut ni, mut star) = (0, 0, None::<(usize, usize)>);
    while ni < n.len() {
        if gi < g.len() && (g[gi] == '?' || g[gi] == n[ni]) {
            (gi, ni) = (gi + 1, ni + 1);
        } else if gi < g.len() && g[gi] == '*' {
            star = Some((gi, ni));
            gi += 1;
        } else if let Some((sg, sn)) = star {
            (gi, ni) = (sg + 1, sn + 1);
            star = Some((sg, sn + 1));
        } else {
            return false;
        }
    }
    g[gi..].iter().all(|&c| c == '*')
}

/// A roster file of `dir` by its name without extension: `NAME.csv`, or else the workbook or text export of that
/// name that is there (`.xlsx`, `.xls`, `.ods`, `.tsv`, `.txt`); `NAME.csv` when there is none (to say it is missing).
pub fn roster_file(dir: &Path, stem: &str) -> PathBuf {
    ["csv", "xlsx", "xls", "ods", "tsv", "txt"]
        .iter()
        .map(|ext| dir.join(format!("{stem}.{ext}")))
        .find(|p| p.is_file())
        .unwrap_or_else(|| dir.join(format!("{stem}.csv")))
}

/// Whether a file of a folder is a table by its extension (a lock or hidden file among them is read past by [`walk`]).
fn is_returns_file(p: &Path) -> bool {
    let ext = p.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("csv" | "tsv" | "txt" | "xlsx" | "xlsm" | "xls" | "ods"))
}

/// The returns files of a folder and its subfolders. A link to a folder is not followed (two links to each other,
/// or to the folder itself, would make the walk endless); a link to a file is read as the file.
fn walk(dir: &Path, out: &mut Vec<PathBuf>, passed: &mut Vec<(PathBuf, Passed)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let hidden = name.starts_with('.');
        let kind = entry.file_type()?;
        if kind.is_dir() && !hidden {
            walk(&path, out, passed)?;
        } else if path.is_file() && is_returns_file(&path) {
            // A folder is forgiving: Excel's lock file of an open workbook (`~$…`) and hidden files are no returns.
            if name.starts_with("~$") {
                passed.push((path, Passed::LockFile));
            } else if hidden {
                passed.push((path, Passed::Hidden));
            } else {
                out.push(path);
            }
        }
    }
    Ok(())
}

/// The files of a returns folder read past, and why.
pub type ReadPast = Vec<(PathBuf, Passed)>;

/// Why a file of a returns folder was read past.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Passed {
    /// Excel's lock file of an open workbook (`~$…`).
    LockFile,
    /// A hidden file.
    Hidden,
    /// Left out with `--exclude`.
    Excluded,
}

/// A returns file to read.
pub struct ReturnsFile {
    /// As shown in outputs.
    pub name: Arc<str>,
    pub path: PathBuf,
    /// Whether it was found in a folder rather than named.
    pub in_folder: bool,
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
    /// Files of a returns folder read past, and why.
    pub read_past: ReadPast,
    pub annulled: BTreeSet<PrecinctId>,
    /// The grounds given for annulled precincts (blank: none given).
    pub annul_grounds: BTreeMap<PrecinctId, String>,
    pub options: ReadOptions,
    /// Canonical paths of every input, so that no output is written over one.
    pub input_paths: Vec<PathBuf>,
}

impl Loaded {
    /// The returns files opened, each to be read once from start to end, with a progress bar while they are.
    pub fn inputs(&self, quiet: bool) -> Result<(Vec<ReturnsInput<'static>>, Progress), Fatal> {
        let mut out = Vec::new();
        let mut failed = Vec::new();
        let read = Arc::new(AtomicU64::new(0));
        let mut total = 0;
        for r in &self.returns {
            // Each file is opened when it is first read and closed when it is done: a folder of a file per
            // precinct may hold more files than a process may keep open.
            match std::fs::metadata(&r.path) {
                Ok(m) if m.is_file() => {
                    total += m.len();
                    let reader = Counted { inner: OpenedWhenRead::Closed(r.path.clone()), read: Arc::clone(&read) };
                    let (name, in_folder) = (Arc::clone(&r.name), r.in_folder);
                    out.push(ReturnsInput { name, reader: Box::new(reader), in_folder })
                }
                Ok(_) => failed.push(unreadable(&r.name, IoTrouble::of(&not_regular()))),
                Err(e) => failed.push(unreadable(&r.name, IoTrouble::of(&e))),
            }
        }
        if !failed.is_empty() {
            return Err(Fatal::Findings(Heading::Inputs, failed));
        }
        Ok((out, Progress::start(read, total, quiet)))
    }
}

/// A returns file, opened (as a regular file only) at its first read.
enum OpenedWhenRead {
    Closed(PathBuf),
    Open(std::fs::File),
}

impl std::io::Read for OpenedWhenRead {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if let OpenedWhenRead::Closed(path) = self {
            *self = OpenedWhenRead::Open(open_input(path)?);
        }
        match self {
            OpenedWhenRead::Open(f) => f.read(buf),
            OpenedWhenRead::Closed(_) => Ok(0),
        }
    }
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
            .find(|(n, _, _)| Path::new(&**n).file_stem().is_some_and(|s| s == "candidates"))
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
    let roster_path = |name: &str| roster_file(&args.roster, name);
    if !args.roster.is_dir() {
        return Err(Fatal::Said(Said::NoRosterFolder { path: display(&args.roster) }));
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
    let precincts = read(roster_path("precincts"), &mut input_paths, &mut failed);
    let candidates = read(roster_path("candidates"), &mut input_paths, &mut failed);
    let districts_path = roster_path("districts");
    let districts = if districts_path.exists() { read(districts_path, &mut input_paths, &mut failed) } else { None };

    let (returns, read_past) = returns_files(&args.returns, &args.exclude, &mut input_paths, &mut failed)?;
    if !failed.is_empty() {
        return Err(Fatal::Findings(Heading::Inputs, failed));
    }
    let (Some(precincts), Some(candidates)) = (precincts, candidates) else {
        // Not met: a roster file that could not be read is among the failures above.
        return Err(Fatal::Findings(Heading::Inputs, failed));
    };
    let names: Vec<Arc<str>> = [Some(&precincts), Some(&candidates), districts.as_ref()]
        .into_iter()
        .flatten()
        .map(|s| Arc::clone(&s.name))
        .collect();
    let loaded = load_roster(RosterSources { precincts, candidates, districts });
    let akim_tally::pipeline::LoadedRoster { roster, encodings, sha256, warnings: roster_warnings } =
        loaded.map_err(|f| Fatal::Findings(Heading::Roster, f))?;
    let roster_files: Vec<(Arc<str>, String, &'static str)> =
        names.into_iter().zip(sha256).zip(encodings).map(|((name, sha), enc)| (name, sha, enc)).collect();

    let annul_grounds = annulments(&roster, &args.annul)?;
    let annulled = annul_grounds.keys().cloned().collect();
    let encoding = match &args.encoding {
        None => None,
        Some(e) => Some(encoding_for_label(e).ok_or_else(|| Fatal::Said(Said::UnknownEncoding { given: e.clone() }))?),
    };
    let mut extra_files = Vec::new();
    let columns = match &args.columns {
        None => ColumnMap::default(),
        Some(p) => {
            let (map, source) = column_map(p)?;
            input_paths.push(p.canonicalize().unwrap_or_else(|_| p.clone()));
            extra_files.push(("columns", source));
            map
        }
    };
    let options = ReadOptions {
        ignore_columns: args.ignore_column.clone(),
        columns,
        encoding,
        sheets: args.sheet.clone(),
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
        read_past,
        annulled,
        annul_grounds,
        options,
        input_paths,
    })
}

/// The returns files: files as given, folders walked; sorted, each read once, the roster's own files (already
/// in `input_paths`) left out. Each is opened now, so that a file that cannot be read stops the run before any
/// work; it is read when checked.
fn returns_files(
    given: &[PathBuf],
    exclude: &[String],
    input_paths: &mut Vec<PathBuf>,
    failed: &mut Vec<Finding>,
) -> Result<(Vec<ReturnsFile>, ReadPast), Fatal> {
    let mut paths = Vec::new();
    let mut passed = Vec::new();
    for r in given {
        if r.is_dir() {
            let mut found = Vec::new();
            if let Err(e) = walk(r, &mut found, &mut passed) {
                return Err(Fatal::Said(Said::FolderUnreadable { path: display(r), reason: e.to_string() }));
            }
            if found.is_empty() {
                return Err(Fatal::Said(Said::NoReturnsInFolder { path: display(r) }));
            }
            let excluded = |p: &PathBuf| {
                let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
                exclude.iter().any(|g| glob_matches(&g.to_lowercase(), &name))
            };
            let (out, kept): (Vec<PathBuf>, Vec<PathBuf>) = found.into_iter().partition(excluded);
            passed.extend(out.into_iter().map(|p| (p, Passed::Excluded)));
            paths.extend(kept.into_iter().map(|p| (p, true)));
        } else {
            paths.push((r.clone(), false));
        }
    }
    paths.sort();
    let mut seen = BTreeSet::new();
    let roster_canon: Vec<PathBuf> = input_paths.clone();
    let mut returns = Vec::new();
    for (p, in_folder) in paths {
        let canon = p.canonicalize().unwrap_or_else(|_| p.clone());
        if roster_canon.contains(&canon) || !seen.insert(canon) {
            continue;
        }
        match open_input(&p) {
            Ok(_) => {
                input_paths.push(p.canonicalize().unwrap_or_else(|_| p.clone()));
                returns.push(ReturnsFile { name: display(&p).into(), path: p, in_folder });
            }
            Err(e) => failed.push(unreadable(&display(&p).into(), IoTrouble::of(&e))),
        }
    }
    passed.sort();
    Ok((returns, passed))
}

/// The precincts annulled with `--annul P[=GROUNDS]`, each in the roster, with their grounds.
fn annulments(roster: &Roster, given: &[String]) -> Result<BTreeMap<PrecinctId, String>, Fatal> {
    let mut annul_grounds = BTreeMap::new();
    for a in given {
        let (p, grounds) = a.split_once('=').unwrap_or((a, ""));
        let id = PrecinctId::parse(p);
        if !roster.precincts.contains_key(&id) {
            let (given, precinct) = (a.clone(), id.to_string());
            return Err(Fatal::Said(Said::NoSuchPrecinct { option: "--annul", given, precinct }));
        }
        annul_grounds.insert(id, grounds.trim().to_string());
    }
    Ok(annul_grounds)
}

/// The user's own header names (`--columns FILE`, TOML), and the file as read.
fn column_map(p: &Path) -> Result<(ColumnMap, Source), Fatal> {
    let source = settings_source(p).map_err(|f| Fatal::Findings(Heading::Inputs, vec![f]))?;
    let text = String::from_utf8(source.bytes.clone())
        .map_err(|_| Fatal::Said(Said::SettingsNotText { option: "--columns", path: display(p) }))?;
    let map = ColumnMap::from_toml(&text)
        .map_err(|reason| Fatal::Said(Said::SettingsInvalid { option: "--columns", path: display(p), reason }))?;
    Ok((map, source))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_globs_as_a_shell_does() {
        for (g, n, m) in [
            ("*копия*", "жамбыл-копия-2.csv", true),
            ("*копия*", "жамбыл.csv", false),
            ("*.txt", "ескерту.txt", true),
            ("a?c.csv", "abc.csv", true),
            ("a?c.csv", "ac.csv", false),
            ("*", "", true),
            ("**b*", "aab", true),
            ("a*b*c", "axxbyyc", true),
            ("a*b*c", "axxbyy", false),
        ] {
            assert_eq!(glob_matches(g, n), m, "{g} {n}");
        }
    }
}
