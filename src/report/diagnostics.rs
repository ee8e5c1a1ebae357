//! Findings in human form, one a line: `file:line:column: error E401: message [district 01, precinct 0102]`.

use std::borrow::Cow;

use crate::check::{Finding, Severity};
use crate::report::text::{self, Lang};

/// Text from the inputs (names, headers, ids, file names) as it may be shown on a terminal: every control
/// character, and every character that reorders or hides text, written out visibly (`\u{1b}`), so that a cell cannot
/// move the cursor, erase a line or rewrite a winner on the screen. Line ends are kept where `keep_lines` says.
pub fn visible(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let hidden = |c: char| {
        (c.is_control() && !(keep_lines && c == '\n'))
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
    };
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if hidden(c) { format!("\\u{{{:x}}}", c as u32) } else { c.to_string() }).collect())
}

/// Renders findings for a terminal or a log, in `lang`; `colour` adds ANSI colours to the severity.
pub fn human(findings: &[Finding], colour: bool, lang: Lang) -> String {
    let mut out = String::new();
    for f in findings {
        let word = text::severity(f.severity(), lang);
        let paint = match f.severity() {
            Severity::Error => "\x1b[1;31m",
            Severity::Warning => "\x1b[1;33m",
        };
        if let Some(l) = &f.location {
            out.push_str(&visible(&l.to_string(), false));
            out.push_str(": ");
        }
        if colour {
            out.push_str(&format!("{paint}{word} {}\x1b[0m: ", f.code));
        } else {
            out.push_str(&format!("{word} {}: ", f.code));
        }
        let mut said = text::finding(f, lang);
        said.push_str(&text::concerns(
            f.district.as_ref().map(|d| d.as_str()),
            f.precinct.as_ref().map(|p| p.as_str()),
            lang,
        ));
        out.push_str(&visible(&said, false));
        out.push('\n');
    }
    out
}

/// `2 errors, 1 warning`, in `lang`.
pub fn summary(findings: &[Finding], lang: Lang) -> String {
    let errors = findings.iter().filter(|f| f.is_error()).count();
    text::tally_of_findings(errors, findings.len() - errors, lang)
}

/// `1 error`, `3 errors`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}
