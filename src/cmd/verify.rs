//! `akim-tally verify RESULTS`: proves that a results file came from exactly these inputs. Every input's SHA-256
//! is checked against the file on disk, then the races are decided again with the options the results record,
//! and the new results are compared with the old ones. Anything that differs fails loudly.

use std::io::Write;
use std::path::{Path, PathBuf};

use akim_tally::input::sha256_of;
use akim_tally::report::RunOptions;
use akim_tally::report::json::RESULTS_FORMAT;
use serde_json::Value;

use super::tally::{DecideArgs, compute};
use super::{Fatal, InputArgs, RulesArgs, exit};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A results file written by `tally --format json` (or the HTML report, which carries the same results).
    #[arg(value_name = "RESULTS")]
    pub results: PathBuf,
    /// The folder the recorded paths are relative to (default: the current folder).
    #[arg(long, value_name = "DIR")]
    pub base: Option<PathBuf>,
}

/// The JSON results inside a results file: the file itself, or the block an HTML report embeds.
pub fn results_json(path: &Path) -> Result<Value, Fatal> {
    let shown = path.to_string_lossy().to_string();
    let bytes = super::read_input(path).map_err(|e| Fatal::Message(format!("cannot read {shown}: {e}")))?;
    let text =
        String::from_utf8(bytes).map_err(|_| Fatal::Message(format!("{shown} is not a results file: not UTF-8")))?;
    let json_text = match text.find(super::report::EMBED_START) {
        Some(start) => {
            let rest = &text[start + super::report::EMBED_START.len()..];
            let end = rest
                .find("</script>")
                .ok_or_else(|| Fatal::Message(format!("{shown}: the embedded results are cut short")))?;
            rest[..end].to_string()
        }
        None => text,
    };
    let v: Value = serde_json::from_str(&json_text)
        .map_err(|e| Fatal::Message(format!("{shown} is not a results file (tally --format json): {e}")))?;
    if v["format"] != RESULTS_FORMAT {
        return Err(Fatal::Message(format!("{shown} is not an {RESULTS_FORMAT} results file")));
    }
    Ok(v)
}

pub fn run(args: &Args) -> Result<u8, Fatal> {
    let recorded = results_json(&args.results)?;
    // Paths are recorded as given; without --base they are read as they are.
    // Paths are recorded as tally was given them: relative to where it ran. Without --base they are read from
    // here or, when the roster is not found here, from the results file's folder or the nearest folder above it
    // that holds the roster (verify run from the folder the results were written to).
    let roster = recorded["options"]["roster"].as_str().unwrap_or_default();
    let base = match &args.base {
        Some(b) => b.clone(),
        None if Path::new(roster).is_dir() => PathBuf::new(),
        None => args
            .results
            .canonicalize()
            .ok()
            .and_then(|r| r.ancestors().skip(1).find(|d| d.join(roster).is_dir()).map(Path::to_path_buf))
            .unwrap_or_default(),
    };
    let locate = |path: &str| base.join(path);
    let mut problems: Vec<String> = Vec::new();

    let inputs = recorded["inputs"].as_array().cloned().unwrap_or_default();
    let mut returns = Vec::new();
    let mut rules = None;
    let mut columns = None;
    for i in &inputs {
        let path = i["path"].as_str().unwrap_or_default();
        let file = locate(path);
        // A results file is passed between people: the paths it records are untrusted, and only a regular file is
        // read (a recorded /dev/zero or pipe would never end).
        match super::open_input(&file).and_then(sha256_of) {
            Err(e) => problems.push(format!("{path}: cannot read it: {e}")),
            Ok(now) => {
                let then = i["sha256"].as_str().unwrap_or_default();
                if now != then {
                    problems.push(format!("{path}: changed since the results were made (sha256 was {then}, is {now})"));
                }
            }
        }
        match i["role"].as_str() {
            Some("returns") => returns.push(file),
            Some("rules") => rules = Some(file),
            Some("columns") => columns = Some(file),
            _ => {}
        }
    }
    let options: RunOptions = serde_json::from_value(recorded["options"].clone())
        .map_err(|e| Fatal::Message(format!("the results record no usable options: {e}")))?;

    let mut stderr = std::io::stderr().lock();
    if problems.is_empty() {
        let decide = DecideArgs {
            input: InputArgs {
                roster: locate(&options.roster),
                returns,
                annul: options
                    .annul
                    .iter()
                    .map(|(p, g)| if g.is_empty() { p.clone() } else { format!("{p}={g}") })
                    .collect(),
                ignore_column: options.ignore_columns.clone(),
                columns,
                encoding: options.encoding.clone(),
                sheet: options.sheet.clone(),
                quiet: true,
                jobs: None,
            },
            rules: RulesArgs {
                rules: rules.map(|p| p.to_string_lossy().into_owned()).or_else(|| options.rules.clone()),
                election_date: options.election_date.clone(),
            },
            declare_invalid: options
                .declared_invalid
                .iter()
                .map(|(d, g)| if g.is_empty() { d.clone() } else { format!("{d}={g}") })
                .collect(),
            tie_break: options.tie_breaks.iter().map(|(d, c)| format!("{d}={c}")).collect(),
        };
        // Diagnostics were printed when the results were made; here only a difference matters.
        let again = compute(&decide, None, false)?;
        let now: Value = serde_json::from_str(&again.json()).map_err(|e| Fatal::Message(e.to_string()))?;
        // Paths are recorded as given; with --base the same files stand under another prefix.
        for key in ["rules", "options", "districts", "diagnostics"] {
            if strip(&recorded[key], &base) != strip(&now[key], &base) {
                problems.push(describe(key, &recorded[key], &now[key]));
            }
        }
        if recorded["generator"] != now["generator"] {
            let _ = writeln!(
                stderr,
                "akim-tally: note: the results were made by {}, this is {}",
                recorded["generator"], now["generator"]
            );
        }
    }
    if problems.is_empty() {
        let _ = writeln!(
            stderr,
            "akim-tally: verified: {} inputs have their recorded SHA-256, and tallying them again gives the same results",
            inputs.len()
        );
        Ok(exit::OK)
    } else {
        for p in &problems {
            let _ = writeln!(stderr, "akim-tally: NOT VERIFIED: {p}");
        }
        Ok(exit::ERRORS)
    }
}

/// A value with `base/` removed from every string, so paths compare as recorded.
fn strip(v: &Value, base: &Path) -> Value {
    if base.as_os_str().is_empty() {
        return v.clone();
    }
    let prefix = format!("{}/", base.to_string_lossy().trim_end_matches('/'));
    match v {
        Value::Array(a) => Value::Array(a.iter().map(|x| strip(x, base)).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, x)| (k.clone(), strip(x, base))).collect()),
        Value::String(s) => Value::String(s.replace(&prefix, "")),
        other => other.clone(),
    }
}

/// Says what differs in a part of the results, district by district where it can.
fn describe(key: &str, was: &Value, is: &Value) -> String {
    if key == "districts"
        && let (Some(a), Some(b)) = (was.as_array(), is.as_array())
    {
        let ids: Vec<String> = a
            .iter()
            .zip(b.iter())
            .filter(|(x, y)| x != y)
            .map(|(x, _)| x["district_id"].as_str().unwrap_or("?").to_string())
            .collect();
        if a.len() != b.len() {
            return format!("the results have {} districts, tallying again gives {}", a.len(), b.len());
        }
        return format!("tallying again gives other results for district(s) {}", ids.join(", "));
    }
    format!("tallying again gives other {key}")
}
