//! Findings in human form, one a line: `file:line:column: error E401: message [district 01, precinct 0102]`.

use crate::check::{Finding, Severity};

/// Renders findings for a terminal or a log; `colour` adds ANSI colours to the severity.
pub fn human(findings: &[Finding], colour: bool) -> String {
    let mut out = String::new();
    for f in findings {
        let (word, paint) = match f.severity() {
            Severity::Error => ("error", "\x1b[1;31m"),
            Severity::Warning => ("warning", "\x1b[1;33m"),
        };
        if let Some(l) = &f.location {
            out.push_str(&l.to_string());
            out.push_str(": ");
        }
        if colour {
            out.push_str(&format!("{paint}{word} {}\x1b[0m: ", f.code));
        } else {
            out.push_str(&format!("{word} {}: ", f.code));
        }
        out.push_str(&f.message);
        match (&f.district, &f.precinct) {
            (Some(d), Some(p)) => out.push_str(&format!(" [district {d}, precinct {p}]")),
            (Some(d), None) => out.push_str(&format!(" [district {d}]")),
            (None, Some(p)) => out.push_str(&format!(" [precinct {p}]")),
            (None, None) => {}
        }
        out.push('\n');
    }
    out
}

/// `2 errors, 1 warning`.
pub fn summary(findings: &[Finding]) -> String {
    let errors = findings.iter().filter(|f| f.is_error()).count();
    let warnings = findings.len() - errors;
    format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
}

/// `1 error`, `3 errors`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}
