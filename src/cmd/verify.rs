//! `akim-tally verify RESULTS`: proves that a results file came from exactly these inputs. Every input's SHA-256
//! is checked against the file on disk, then the races are decided again with the options the results record,
//! and the new results are compared with the old ones. Anything that differs fails loudly.

use std::io::Write;
use std::path::{Path, PathBuf};

use akim_tally::decide::DistrictResult;
use akim_tally::input::sha256_of;
use akim_tally::report::json::Results;
use akim_tally::report::text::Lang;
use akim_tally::report::{InputFile, RunOptions};

use super::tally::{DecideArgs, compute};
use super::{Fatal, Heading, InputArgs, NotResults, RulesArgs, Said, exit};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A results file written by `tally --format json` (or the HTML report, which carries the same results).
    #[arg(value_name = "RESULTS")]
    pub results: PathBuf,
    /// The folder the recorded paths are relative to (default: the current folder).
    #[arg(long, value_name = "DIR")]
    pub base: Option<PathBuf>,
    /// `json` also prints the verdict on stdout as `akim-tally.verification.v1` (verified, inputs, problems).
    #[arg(long, value_enum, default_value = "text")]
    pub format: super::diff::TextOrJson,
}

/// The JSON results inside a results file: the file itself, or the block an HTML report embeds.
pub fn results_json(path: &Path) -> Result<Results<'static>, Fatal> {
    let shown = path.to_string_lossy().to_string();
    let not_results = |why| Fatal::Said(Said::NotResults { path: shown.clone(), why });
    let source = super::read_source(path).map_err(|f| Fatal::Findings(Heading::Inputs, vec![f]))?;
    let text = String::from_utf8(source.bytes).map_err(|_| not_results(NotResults::NotText))?;
    let json_text = match text.find(super::report::EMBED_START) {
        Some(start) => {
            let rest = &text[start + super::report::EMBED_START.len()..];
            let end = rest.find("</script>").ok_or_else(|| not_results(NotResults::CutShort))?;
            rest[..end].to_string()
        }
        None => text,
    };
    Results::parse(&json_text).map_err(|e| not_results(NotResults::Json(e)))
}

pub fn run(args: &Args, lang: Lang) -> Result<u8, Fatal> {
    let recorded = results_json(&args.results)?;
    let base = base_of(args, &recorded.options.roster);
    let (mut problems, found) = check_hashes(&recorded.inputs, &base);
    let mut stderr = std::io::stderr().lock();
    if problems.is_empty() {
        // Diagnostics were printed when the results were made; here only a difference matters.
        let again = compute(&decide_args(&recorded.options, found, &base), None, false)?;
        // Read back as the recorded results were, so that both went through the same writing and reading.
        let now = Results::parse(&again.json(&again.districts())).map_err(Fatal::Message)?;
        let now = relative(now, &base);
        if recorded.rules != now.rules {
            problems.push("tallying again gives other rules".into());
        }
        if recorded.options != now.options {
            problems.push("tallying again gives other options".into());
        }
        if recorded.districts != now.districts {
            problems.push(describe(&recorded.districts, &now.districts));
        }
        if recorded.diagnostics != now.diagnostics {
            problems.push("tallying again gives other diagnostics".into());
        }
        if recorded.generator != now.generator {
            let _ = writeln!(
                stderr,
                "akim-tally: note: the results were made by {}, this is {}",
                recorded.generator, now.generator
            );
        }
    }
    let n = recorded.inputs.len();
    if args.format == super::diff::TextOrJson::Json {
        let doc = serde_json::json!({
            "format": "akim-tally.verification.v1",
            "generator": akim_tally::report::TOOL,
            "results": args.results.to_string_lossy(),
            "verified": problems.is_empty(),
            "inputs": n,
            "problems": problems,
        });
        let _ = writeln!(std::io::stdout(), "{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    }
    if problems.is_empty() {
        let said = match lang {
            Lang::En => format!(
                "verified: {n} inputs have their recorded SHA-256, and tallying them again gives the same results"
            ),
            Lang::Ru => {
                format!("проверено: у {n} входных файлов записанные SHA-256, и повторный подсчёт даёт те же итоги")
            }
            Lang::Kk => format!(
                "тексерілді: {n} кіріс файлының SHA-256 жазылғанымен бірдей, қайта есептеу сол қорытындыларды береді"
            ),
        };
        let _ = writeln!(stderr, "akim-tally: {said}");
        Ok(exit::OK)
    } else {
        let not = match lang {
            Lang::En => "NOT VERIFIED",
            Lang::Ru => "НЕ ПОДТВЕРЖДЕНО",
            Lang::Kk => "РАСТАЛМАДЫ",
        };
        for p in &problems {
            let _ = writeln!(stderr, "akim-tally: {not}: {p}");
        }
        Ok(exit::ERRORS)
    }
}

/// The folder the recorded paths are relative to. Paths are recorded as tally was given them: relative to where
/// it ran. Without --base they are read from here or, when the roster is not found here, from the results file's
/// folder or the nearest folder above it that holds the roster (verify run from the folder the results were
/// written to).
fn base_of(args: &Args, roster: &str) -> PathBuf {
    match &args.base {
        Some(b) => b.clone(),
        None if Path::new(roster).is_dir() => PathBuf::new(),
        None => args
            .results
            .canonicalize()
            .ok()
            .and_then(|r| r.ancestors().skip(1).find(|d| d.join(roster).is_dir()).map(Path::to_path_buf))
            .unwrap_or_default(),
    }
}

/// The recorded inputs found again, by role.
#[derive(Default)]
struct Found {
    returns: Vec<PathBuf>,
    rules: Option<PathBuf>,
    columns: Option<PathBuf>,
}

/// Checks every recorded input's SHA-256 against the file under `base`: the problems, and the files by role.
fn check_hashes(inputs: &[InputFile], base: &Path) -> (Vec<String>, Found) {
    let mut problems = Vec::new();
    let mut found = Found::default();
    for i in inputs {
        let path = i.path.as_str();
        let file = base.join(path);
        // A results file is passed between people: the paths it records are untrusted, and only a regular file is
        // read (a recorded /dev/zero or pipe would never end).
        match super::open_input(&file).and_then(sha256_of) {
            Err(e) => problems.push(format!("{path}: cannot read it: {e}")),
            Ok(now) => {
                let then = &i.sha256;
                if &now != then {
                    problems.push(format!("{path}: changed since the results were made (sha256 was {then}, is {now})"));
                }
            }
        }
        match i.role.as_str() {
            "returns" => found.returns.push(file),
            "rules" => found.rules = Some(file),
            "columns" => found.columns = Some(file),
            _ => {}
        }
    }
    (problems, found)
}

/// The arguments that decide the races again as the results record them.
fn decide_args(options: &RunOptions, found: Found, base: &Path) -> DecideArgs {
    DecideArgs {
        input: InputArgs {
            roster: base.join(&options.roster),
            returns: found.returns,
            annul: options
                .annul
                .iter()
                .map(|(p, g)| if g.is_empty() { p.clone() } else { format!("{p}={g}") })
                .collect(),
            ignore_column: options.ignore_columns.clone(),
            columns: found.columns,
            encoding: options.encoding.clone(),
            sheet: options.sheet.iter().chain(&options.sheets).cloned().collect(),
            quiet: true,
            all_diagnostics: false,
            exclude: Vec::new(),
            jobs: None,
        },
        rules: RulesArgs {
            rules: found.rules.map(|p| p.to_string_lossy().into_owned()).or_else(|| options.rules.clone()),
            election_date: options.election_date.clone(),
        },
        declare_invalid: options
            .declared_invalid
            .iter()
            .map(|(d, g)| if g.is_empty() { d.clone() } else { format!("{d}={g}") })
            .collect(),
        tie_break: options.tie_breaks.iter().map(|(d, c)| format!("{d}={c}")).collect(),
    }
}

/// Results with `base/` taken off the paths they record (in the options, the rule set's name, and the
/// diagnostics' files and messages): with --base the same files stand under another prefix.
fn relative(mut r: Results<'static>, base: &Path) -> Results<'static> {
    if base.as_os_str().is_empty() {
        return r;
    }
    let prefix = format!("{}/", base.to_string_lossy().trim_end_matches('/'));
    let strip = |s: &str| s.replace(&prefix, "");
    let options = r.options.to_mut();
    options.roster = strip(&options.roster);
    let rules = r.rules.to_mut();
    rules.name = strip(&rules.name);
    for d in &mut r.diagnostics {
        d.message = strip(&d.message).into();
        if let Some(f) = &mut d.file {
            *f = strip(f).into();
        }
    }
    r
}

/// Says which districts differ.
fn describe(was: &[DistrictResult], is: &[DistrictResult]) -> String {
    if was.len() != is.len() {
        return format!("the results have {} districts, tallying again gives {}", was.len(), is.len());
    }
    let ids: Vec<&str> = was.iter().zip(is).filter(|(x, y)| x != y).map(|(x, _)| x.district_id.as_str()).collect();
    format!("tallying again gives other results for district(s) {}", ids.join(", "))
}
