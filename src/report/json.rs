//! The JSON results, format `akim-tally.results.v2`, and the validation report.

use std::io::{self, Write};

use serde::Serialize;

use crate::check::{Finding, Severity};
use crate::decide::DistrictResult;
use crate::report::{InputFile, RunOptions, TOOL};
use crate::rules::RuleSet;

/// A diagnostic as JSON.
#[derive(Serialize)]
pub struct Diagnostic<'a> {
    severity: Severity,
    code: &'static str,
    message: &'a str,
    file: Option<&'a str>,
    line: Option<u32>,
    column: Option<u32>,
    district_id: Option<&'a str>,
    precinct_id: Option<&'a str>,
}

/// Findings as JSON diagnostics, in their (sorted) order.
pub fn diagnostics(findings: &[Finding]) -> Vec<Diagnostic<'_>> {
    findings
        .iter()
        .map(|f| Diagnostic {
            severity: f.severity(),
            code: f.code.as_str(),
            message: &f.message,
            file: f.location.as_ref().map(|l| l.file.as_ref()),
            line: f.location.as_ref().map(|l| l.line).filter(|&l| l > 0),
            column: f.location.as_ref().map(|l| l.column).filter(|&c| c > 0),
            district_id: f.district.as_ref().map(|d| d.as_str()),
            precinct_id: f.precinct.as_ref().map(|p| p.as_str()),
        })
        .collect()
}

#[derive(Serialize)]
struct Results<'a> {
    format: &'static str,
    generator: &'static str,
    rules: &'a RuleSet,
    options: &'a RunOptions,
    inputs: &'a [InputFile],
    districts: &'a [DistrictResult],
    diagnostics: Vec<Diagnostic<'a>>,
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
        format: RESULTS_FORMAT,
        generator: TOOL,
        rules,
        options,
        inputs,
        districts,
        diagnostics: diagnostics(findings),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
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
