//! The JSON results, format `akim-tally.results.v2`, and the validation report. [`Results`] is the one definition
//! of the results format: `tally` writes it, `verify` and `diff` read it back typed.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::check::{Finding, Severity};
use crate::decide::{DistrictResult, Notice, NoticeCode, NoticeDetail};
use crate::report::{InputFile, RunOptions, TOOL};
use crate::rules::RuleSet;

/// A diagnostic as JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic<'a> {
    /// Error or warning.
    pub severity: Severity,
    /// The code, e.g. `E401`.
    pub code: Cow<'a, str>,
    /// What is wrong and what to do.
    pub message: Cow<'a, str>,
    /// The file, as given.
    pub file: Option<Cow<'a, str>>,
    /// Its line (1-based).
    pub line: Option<u32>,
    /// Its column (1-based).
    pub column: Option<u32>,
    /// The district it concerns.
    pub district_id: Option<Cow<'a, str>>,
    /// The precinct it concerns.
    pub precinct_id: Option<Cow<'a, str>>,
}

/// Findings as JSON diagnostics, in their (sorted) order.
pub fn diagnostics(findings: &[Finding]) -> Vec<Diagnostic<'_>> {
    findings
        .iter()
        .map(|f| Diagnostic {
            severity: f.severity(),
            code: Cow::Borrowed(f.code.as_str()),
            message: Cow::Owned(crate::report::text::finding(f, crate::report::text::Lang::En)),
            file: f.location.as_ref().map(|l| Cow::Borrowed(l.file.as_ref())),
            line: f.location.as_ref().map(|l| l.line).filter(|&l| l > 0),
            column: f.location.as_ref().map(|l| l.column).filter(|&c| c > 0),
            district_id: f.district.as_ref().map(|d| Cow::Borrowed(d.as_str())),
            precinct_id: f.precinct.as_ref().map(|p| Cow::Borrowed(p.as_str())),
        })
        .collect()
}

/// A notice as JSON: its code and its message. Read back, the message is kept as written
/// ([`NoticeDetail::AsRead`]).
#[derive(Serialize, Deserialize)]
struct NoticeJson<'a> {
    code: NoticeCode,
    message: Cow<'a, str>,
}

impl Serialize for Notice {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let message = crate::report::text::notice(self, crate::report::text::Lang::En);
        NoticeJson { code: self.code, message: Cow::Owned(message) }.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Notice {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = NoticeJson::deserialize(d)?;
        Ok(Notice { code: n.code, detail: NoticeDetail::AsRead(n.message.into_owned()) })
    }
}

/// The results of `tally`: written borrowing what was computed, read back owning what was parsed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Results<'a> {
    /// [`RESULTS_FORMAT`].
    pub format: Cow<'a, str>,
    /// The program and version that made them.
    pub generator: Cow<'a, str>,
    /// The rule set the races were decided under.
    pub rules: Cow<'a, RuleSet>,
    /// The choices made on the command line.
    pub options: Cow<'a, RunOptions>,
    /// The inputs, with their SHA-256.
    pub inputs: Cow<'a, [InputFile]>,
    /// Every race.
    pub districts: Cow<'a, [DistrictResult]>,
    /// Every finding, sorted.
    pub diagnostics: Vec<Diagnostic<'a>>,
}

impl Results<'static> {
    /// Reads results back from their JSON text; `Err` says why they are not `akim-tally.results.v2` results.
    pub fn parse(text: &str) -> Result<Self, String> {
        #[derive(Deserialize)]
        struct Format {
            format: Option<String>,
        }
        let wrong = || format!("its format is not {RESULTS_FORMAT}");
        // Read once; only a text that is not read as results is read again, for its format alone, so that
        // another file is told apart from damaged results.
        match serde_json::from_str::<Results>(text) {
            Ok(r) if r.format == RESULTS_FORMAT => Ok(r),
            Ok(_) => Err(wrong()),
            Err(e) => match serde_json::from_str::<Format>(text) {
                Ok(f) if f.format.as_deref() != Some(RESULTS_FORMAT) => Err(wrong()),
                _ => Err(e.to_string()),
            },
        }
    }
}

/// The format name of the JSON results.
pub const RESULTS_FORMAT: &str = "akim-tally.results.v2";

/// Renders the results of `tally`.
pub fn results(
    rules: &RuleSet,
    inputs: &[InputFile],
    options: &RunOptions,
    districts: &[DistrictResult],
    findings: &[Finding],
) -> String {
    let mut out = Vec::new();
    // Writing into memory fails only if the results cannot be serialised, which they always can.
    match write_results(&mut out, rules, inputs, options, districts, findings) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(e) => format!("{{\"error\": \"{e}\"}}\n"),
    }
}

/// Writes the results of `tally` as they are made (a million diagnostics are hundreds of megabytes); the same
/// bytes as [`results`].
pub fn write_results(
    out: &mut dyn Write,
    rules: &RuleSet,
    inputs: &[InputFile],
    options: &RunOptions,
    districts: &[DistrictResult],
    findings: &[Finding],
) -> io::Result<()> {
    let doc = Results {
        format: Cow::Borrowed(RESULTS_FORMAT),
        generator: Cow::Borrowed(TOOL),
        rules: Cow::Borrowed(rules),
        options: Cow::Borrowed(options),
        inputs: Cow::Borrowed(inputs),
        districts: Cow::Borrowed(districts),
        diagnostics: diagnostics(findings),
    };
    // serde_json writes a few bytes at a time: through a buffer of its own type, each write is a copy the compiler
    // sees, not a call through `dyn Write` (about a quarter of the time of writing the JSON of 50,000 small races).
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, &doc)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// One district in the validation report.
#[derive(Serialize)]
pub struct DistrictCheck<'a> {
    /// District id.
    pub district_id: &'a str,
    /// District name.
    pub district_name: &'a str,
    /// Precincts with a protocol, or annulled.
    pub precincts_reporting: usize,
    /// Precincts in the roster.
    pub precincts_total: usize,
    /// Roster precincts with no protocol.
    pub missing_precincts: Vec<&'a str>,
    /// Errors that block the race.
    pub errors: usize,
}

#[derive(Serialize)]
struct Validation<'a> {
    format: &'static str,
    generator: &'static str,
    inputs: &'a [InputFile],
    districts: &'a [DistrictCheck<'a>],
    diagnostics: Vec<Diagnostic<'a>>,
}

/// Renders the report of `validate`.
pub fn validation(inputs: &[InputFile], districts: &[DistrictCheck], findings: &[Finding]) -> String {
    let doc = Validation {
        format: "akim-tally.validation.v1",
        generator: TOOL,
        inputs,
        districts,
        diagnostics: diagnostics(findings),
    };
    to_text(&doc)
}

fn to_text<T: Serialize>(doc: &T) -> String {
    let mut s = serde_json::to_string_pretty(doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
