//! The terminal: notes on how each file was read, and the diagnostics with a summary line.

use super::*;

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
