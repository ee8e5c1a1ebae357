//! Turning a cell into a count, strictly: a non-negative whole number that fits, or a coded error.

use crate::check::BadNumber;
use crate::model::Count;

/// Spaces a locale puts between groups of thousands: a space, a no-break space (Excel in a Russian locale), a
/// narrow no-break space and a thin space.
const GROUP_SPACES: [char; 4] = [' ', '\u{00A0}', '\u{202F}', '\u{2009}'];

/// The digits of a number written with thousands separators, when it is one: `1 234`, `12 345 678` (any of
/// [`GROUP_SPACES`]), or `1,234,567` (two commas or more: a decimal comma cannot stand twice). `1,234` alone
/// could be 1.234 in a Russian locale, so it is not one.
fn ungrouped(s: &str) -> Option<String> {
    let groups: Vec<&str> = if s.contains(GROUP_SPACES) {
        s.split(GROUP_SPACES).collect()
    } else if s.matches(',').count() >= 2 {
        s.split(',').collect()
    } else {
        return None;
    };
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let (first, rest) = groups.split_first()?;
    (digits(first) && first.len() <= 3 && rest.iter().all(|g| digits(g) && g.len() == 3)).then(|| groups.concat())
}

/// Reads a count. A blank cell is `Ok(None)`: the line was not given.
#[inline]
pub fn parse_count(raw: &str) -> Result<Option<Count>, BadNumber> {
    // Nearly every cell is plain digits: read at once (19 digits always fit in a u64).
    if !raw.is_empty() && raw.len() <= 19 {
        let mut n = 0u64;
        let mut digits = true;
        for b in raw.bytes() {
            let d = b.wrapping_sub(b'0');
            if d > 9 {
                digits = false;
                break;
            }
            n = n * 10 + u64::from(d);
        }
        if digits {
            return Ok(Some(Count(n)));
        }
    }
    parse_other(raw)
}

/// Reads a count that is not plain digits: blank, grouped, or an error.
#[inline(never)]
fn parse_other(raw: &str) -> Result<Option<Count>, BadNumber> {
    let s = raw.trim_matches(|c: char| c.is_whitespace());
    if s.is_empty() {
        return Ok(None);
    }
    let grouped;
    let s = match ungrouped(s) {
        Some(d) => {
            grouped = d;
            grouped.as_str()
        }
        None => s,
    };
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<u64>().map(|v| Some(Count(v))).map_err(|_| BadNumber::TooLarge(shorten(s)));
    }
    if let Some(rest) = s.strip_prefix('-')
        && !rest.is_empty()
        && rest.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return Err(BadNumber::Negative(shorten(s)));
    }
    // A formula: its value was never calculated and stored (see `workbook`), or it was typed as text.
    if s.starts_with('=') {
        return Err(BadNumber::Formula(shorten(s)));
    }
    // One comma between digits: thousands (`1,234`) or decimals (`4,0`, `12,5`)? Only three digits after it can be
    // thousands; anything else is a decimal part, and the advice never multiplies the figure.
    if let Some((whole, part)) = s.split_once(',')
        && !whole.is_empty()
        && !part.is_empty()
        && !part.contains(',')
        && (whole.bytes().chain(part.bytes())).all(|b| b.is_ascii_digit())
    {
        return Err(if part.len() == 3 {
            BadNumber::Ambiguous(s.to_string())
        } else {
            BadNumber::DecimalPart { text: shorten(s), whole: shorten(whole.trim_start_matches('0')) }
        });
    }
    Err(BadNumber::NotWhole(shorten(s)))
}

/// Shortens a long cell for a message.
pub fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn reads_any_digits_as_std_does(digits in "[0-9]{1,19}") {
            proptest::prop_assert_eq!(parse_count(&digits), Ok(Some(Count(digits.parse::<u64>().unwrap()))));
        }
    }

    #[test]
    fn reads_whole_numbers_and_blanks() {
        assert_eq!(parse_count(" 0 "), Ok(Some(Count(0))));
        assert_eq!(parse_count("1234"), Ok(Some(Count(1234))));
        assert_eq!(parse_count("007"), Ok(Some(Count(7))));
        assert_eq!(parse_count("   "), Ok(None));
        assert_eq!(parse_count("18446744073709551615"), Ok(Some(Count(u64::MAX))));
    }

    #[test]
    fn reads_thousands_as_locales_write_them() {
        for s in ["1 234", "1\u{00A0}234", "1\u{202F}234", "1\u{2009}234", " 1\u{00A0}234\u{00A0}"] {
            assert_eq!(parse_count(s), Ok(Some(Count(1234))), "{s:?}");
        }
        assert_eq!(parse_count("12 345 678"), Ok(Some(Count(12_345_678))));
        assert_eq!(parse_count("1,234,567"), Ok(Some(Count(1_234_567))));
        assert_eq!(parse_count("1,234"), Err(BadNumber::Ambiguous("1,234".into())));
        assert_eq!(parse_count("=SUM(B2:B3)"), Err(BadNumber::Formula("=SUM(B2:B3)".into())));
        // A decimal comma is never read as a thousands separator, nor advised away into ten times the figure.
        assert_eq!(parse_count("4,0"), Err(BadNumber::DecimalPart { text: "4,0".into(), whole: "4".into() }));
        assert_eq!(parse_count("12,50"), Err(BadNumber::DecimalPart { text: "12,50".into(), whole: "12".into() }));
    }

    #[test]
    fn refuses_what_is_not_a_count() {
        use crate::check::Code;
        let code = |s| parse_count(s).unwrap_err().code();
        for s in
            ["2e3", "1.5", "abc", "+3", "1 23", "12 3456", "1,234", "1,23,456", "1 234,5", "0x10", "١٢", "½", "1  234"]
        {
            assert_eq!(code(s), Code::NotWholeNumber, "{s}");
        }
        assert_eq!(code("-3"), Code::NegativeNumber);
        assert_eq!(code("-0.5"), Code::NegativeNumber);
        assert_eq!(code("18446744073709551616"), Code::NumberTooLarge);
    }
}
