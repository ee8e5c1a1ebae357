//! The delimiter of a CSV file, recognised from its header line: `,`, `;` or tab, whichever stands most often
//! outside quotes on the widest of the first lines. Two equally frequent are ambiguous, never a guess.

use crate::check::Detail;
use crate::input::table::MAX_TITLE_ROWS;

/// Counts the delimiters of a line that stand outside quotes.
fn delimiter_counts(line: &str) -> [(u8, usize); 3] {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if *d == b {
                    *n += 1;
                }
            }
        }
    }
    counts
}

/// The delimiter, recognised from the header line: the widest of the first lines (a title above the header has
/// fewer delimiters than the header). Two delimiters equally frequent there are ambiguous, never a guess.
pub fn sniff_delimiter(text: &str) -> Result<u8, Detail> {
    sniff_lines(text.lines())
}

/// [`sniff_delimiter`] over the first lines of a file.
pub(crate) fn sniff_lines<'l>(lines: impl Iterator<Item = &'l str>) -> Result<u8, Detail> {
    let header = lines
        .filter(|l| !l.trim().is_empty())
        .take(MAX_TITLE_ROWS + 1)
        .max_by_key(|l| delimiter_counts(l).iter().map(|c| c.1).sum::<usize>())
        .unwrap_or("");
    let mut counts = delimiter_counts(header);
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    match counts {
        [(_, 0), ..] => Err(Detail::NoDelimiter),
        [(a, n), (b, m), _] if n == m => Err(Detail::DelimitersTie { first: char::from(a), second: char::from(b) }),
        [(d, _), ..] => Ok(d),
    }
}

/// How a delimiter is named to the user and in the JSON.
pub fn delimiter_name(d: u8) -> &'static str {
    match d {
        b',' => ",",
        b';' => ";",
        b'\t' => "tab",
        _ => "?",
    }
}
