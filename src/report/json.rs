//! The JSON results, format `akim-tally.results.v2`, and the validation report. [`Results`] is the one definition
//! of the results format: `tally` writes it, `verify` and `diff` read it back typed.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::check::{Finding, Severity};
use crate::decide::{DistrictResult, Notice, NoticeCode, NoticeDetail};
use crate::report::{DistrictResults, InputFile, RunOptions, TOOL, batches};
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
    findings.iter().map(diagnostic).collect()
}

/// A finding as a JSON diagnostic (its message in English).
fn diagnostic(f: &Finding) -> Diagnostic<'_> {
    Diagnostic {
        severity: f.severity(),
        code: Cow::Borrowed(f.code.as_str()),
        message: Cow::Owned(crate::report::text::finding(f, crate::report::text::Lang::En)),
        file: f.location.as_ref().map(|l| Cow::Borrowed(l.file.as_ref())),
        line: f.location.as_ref().map(|l| l.line).filter(|&l| l > 0),
        column: f.location.as_ref().map(|l| l.column).filter(|&c| c > 0),
        district_id: f.district.as_ref().map(|d| Cow::Borrowed(d.as_str())),
        precinct_id: f.precinct.as_ref().map(|p| Cow::Borrowed(p.as_str())),
    }
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
/// bytes as [`results`], which are serde_json's pretty printing of [`Results`].
///
/// The districts are the bulk of the document (86 MB for 50,000 races), and each is written on its own: they are
/// rendered a batch at a time on the threads available, and written in order ([`write_districts`]). The rest of the
/// document is written around them, as serde_json writes it.
pub fn write_results(
    out: &mut dyn Write,
    rules: &RuleSet,
    inputs: &[InputFile],
    options: &RunOptions,
    districts: &(impl DistrictResults + ?Sized),
    findings: &[Finding],
) -> io::Result<()> {
    // serde_json writes a few bytes at a time: through a buffer of its own type, each write is a copy the compiler
    // sees, not a call through `dyn Write` (about a quarter of the time of writing the JSON of 50,000 small races).
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    // The document without its districts and diagnostics, the last two fields: it ends with them empty.
    let shell = Results {
        format: Cow::Borrowed(RESULTS_FORMAT),
        generator: Cow::Borrowed(TOOL),
        rules: Cow::Borrowed(rules),
        options: Cow::Borrowed(options),
        inputs: Cow::Borrowed(inputs),
        districts: Cow::Borrowed(&[]),
        diagnostics: Vec::new(),
    };
    out.write_all(&head(&shell)?)?;
    write_districts(&mut out, districts)?;
    end_with_diagnostics(&mut out, findings)
}

/// A document's pretty printing up to the value of its next-to-last field, `districts`: the document is given with
/// its districts and its diagnostics, its last two fields, empty (they are written after it as they are made).
fn head(shell: &impl Serialize) -> io::Result<Vec<u8>> {
    let mut text = serde_json::to_vec_pretty(shell)?;
    let tail = b"[],\n  \"diagnostics\": []\n}";
    if !text.ends_with(tail) {
        return Err(io::Error::other("the document does not end as written"));
    }
    text.truncate(text.len() - tail.len());
    Ok(text)
}

/// Writes a document's last field, `diagnostics`, after its districts, and its end. Each diagnostic is made as it
/// is written: a million of them at once are hundreds of megabytes.
fn end_with_diagnostics<W: Write>(out: &mut io::BufWriter<W>, findings: &[Finding]) -> io::Result<()> {
    use serde::Serializer as _;
    out.write_all(b",\n  \"diagnostics\": ")?;
    nested(&mut *out, 1).collect_seq(findings.iter().map(diagnostic))?;
    out.write_all(b"\n}\n")?;
    out.flush()
}

/// A pretty-printing serializer for a value that stands `depth` levels deep in the document: its lines are
/// indented as serde_json indents them when it writes the whole document.
fn nested<W: Write>(out: W, depth: usize) -> serde_json::Serializer<W, serde_json::ser::PrettyFormatter<'static>> {
    use serde_json::ser::Formatter;
    let mut f = serde_json::ser::PrettyFormatter::with_indent(b"  ");
    // Opening a level writes nothing but "[" (thrown away) and counts the level.
    for _ in 0..depth {
        let _ = f.begin_array(&mut io::sink());
    }
    serde_json::Serializer::with_formatter(out, f)
}

/// Writes the list of districts (the document's field `districts`, one level deep) as serde_json does. A round of
/// batches is decided here, one batch per thread; each thread renders its batch into its own buffer; the buffers
/// are then written in order, and the next round decided. The same bytes as one serializer writing them in turn (a
/// test compares them). Memory holds a round of results, not every result nor the document. The races are decided
/// on this thread, not on the render threads, which are started anew each round: deciding allocates a string for
/// each name, and a thread's first allocations are slow (divan, deciding and rendering 50,000 races: 338–406 ms
/// when each render thread decided its own batch, 246–318 ms deciding every race first, 182–200 ms deciding each
/// round here).
fn write_districts(out: &mut impl Write, districts: &(impl DistrictResults + ?Sized)) -> io::Result<()> {
    let count = districts.count();
    if count == 0 {
        return out.write_all(b"[]");
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut buffers = vec![Vec::new(); threads];
    // Each district is written after ",\n    " (one level deeper than the list); the first without the comma.
    let mut skip = 1;
    out.write_all(b"[")?;
    let places: Vec<_> = batches(count).collect();
    for round in places.chunks(threads) {
        let batches: Vec<_> = round.iter().map(|places| districts.batch(places.clone())).collect();
        let rendered: Vec<io::Result<()>> = std::thread::scope(|scope| {
            let mut jobs = buffers.iter_mut().zip(&batches);
            let here = jobs.next();
            let away: Vec<_> = jobs.map(|(buf, batch)| scope.spawn(move || render(buf, batch))).collect();
            let mut done = vec![here.map_or(Ok(()), |(buf, batch)| render(buf, batch))];
            done.extend(away.into_iter().map(|j| j.join().unwrap_or_else(|_| Err(io::Error::other("a panic")))));
            done
        });
        for (buf, r) in buffers.iter().zip(rendered) {
            r?;
            out.write_all(buf.get(skip..).unwrap_or_default())?;
            skip = 0;
        }
    }
    out.write_all(b"\n  ]")
}

/// Renders districts into `buf` (emptied first), each after ",\n    ", two levels deep as in the document.
fn render(buf: &mut Vec<u8>, batch: &[DistrictResult]) -> io::Result<()> {
    buf.clear();
    for d in batch {
        buf.extend_from_slice(b",\n    ");
        d.serialize(&mut nested(&mut *buf, 2))?;
    }
    Ok(())
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

/// Writes the report of `validate` as it is made: serde_json's pretty printing of the whole document (a million
/// diagnostics, with the document held whole, were over a gigabyte).
pub fn write_validation(
    out: &mut dyn Write,
    inputs: &[InputFile],
    districts: &[DistrictCheck],
    findings: &[Finding],
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let shell = Validation {
        format: "akim-tally.validation.v1",
        generator: TOOL,
        inputs,
        districts: &[],
        diagnostics: Vec::new(),
    };
    out.write_all(&head(&shell)?)?;
    districts.serialize(&mut nested(&mut out, 1))?;
    end_with_diagnostics(&mut out, findings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Code, Detail};
    use crate::report::DISTRICTS_PER_BATCH;

    #[test]
    fn the_validation_report_is_what_serde_json_writes_of_the_whole_document() {
        let findings = [
            Finding::new(Code::BlankId, None, Detail::BlankPrecinct),
            Finding::new(Code::BlankId, Some(crate::model::Location::new(&"r.csv".into(), 3, 2)), Detail::BlankItem),
        ];
        let check = |k: usize| DistrictCheck {
            district_id: "01",
            district_name: "Ақсу",
            precincts_reporting: k,
            precincts_total: 2,
            missing_precincts: vec!["0102"; 2 - k],
            errors: k,
        };
        let checks: Vec<DistrictCheck> = (0..3).map(check).collect();
        let inputs = [InputFile {
            path: "r.csv".into(),
            role: "returns".into(),
            sha256: "0".repeat(64),
            encoding: Some("utf-8".into()),
            delimiter: Some(",".into()),
            shape: Some("wide".into()),
            sheet: None,
        }];
        for (districts, findings) in
            [(&checks[..0], &findings[..0]), (&checks[..1], &findings[..1]), (&checks[..], &findings[..])]
        {
            let mut written = Vec::new();
            write_validation(&mut written, &inputs, districts, findings).expect("written");
            let whole = Validation {
                format: "akim-tally.validation.v1",
                generator: TOOL,
                inputs: &inputs,
                districts,
                diagnostics: diagnostics(findings),
            };
            let mut expected = serde_json::to_vec_pretty(&whole).expect("serialised");
            expected.push(b'\n');
            assert!(written == expected, "{} districts, {} findings", districts.len(), findings.len());
        }
    }

    #[test]
    fn the_results_are_what_serde_json_writes_of_the_whole_document() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/cases/sample-tally-json/stdout");
        let sample = Results::parse(&std::fs::read_to_string(path).expect("the sample's results")).expect("results");
        let findings = [
            Finding::new(Code::BlankId, None, Detail::BlankPrecinct),
            Finding::new(Code::BlankId, Some(crate::model::Location::new(&"r.csv".into(), 3, 2)), Detail::BlankItem),
        ];
        // No district, one, and more than a round of batches on two threads, ending with a short batch.
        for n in [0, 1, 2 * DISTRICTS_PER_BATCH + 3] {
            let districts: Vec<DistrictResult> = sample.districts.iter().cycle().take(n).cloned().collect();
            for findings in [&[][..], &findings[..]] {
                let mut written = Vec::new();
                write_results(&mut written, &sample.rules, &sample.inputs, &sample.options, &districts[..], findings)
                    .expect("written");
                let whole = Results {
                    districts: Cow::Borrowed(&districts),
                    diagnostics: diagnostics(findings),
                    ..sample.clone()
                };
                let mut expected = serde_json::to_vec_pretty(&whole).expect("serialised");
                expected.push(b'\n');
                assert!(written == expected, "{n} districts, {} findings", findings.len());
            }
        }
    }
}
