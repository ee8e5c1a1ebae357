//! Turning a cell into a count, strictly: a non-negative whole number that fits, or a coded error.

use crate::check::Code;
use crate::model::Count;

/// Why a cell is not a count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberError {
    /// The check code (`E201`, `E202` or `E203`).
    pub code: Code,
    /// What was found and what was expected.
    pub message: String,
}

/// Reads a count. A blank cell is `Ok(None)`: the line was not given.
pub fn parse_count(raw: &str) -> Result<Option<Count>, NumberError> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<u64>().map(|v| Some(Count(v))).map_err(|_| NumberError {
            code: Code::NumberTooLarge,
            message: format!("\"{s}\" is too large for a count (at most {})", u64::MAX),
        });
    }
    if let Some(rest) = s.strip_prefix('-')
        && !rest.is_empty()
        && rest.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return Err(NumberError {
            code: Code::NegativeNumber,
            message: format!("\"{s}\" is negative; a count is a whole number 0 or more"),
        });
    }
    Err(NumberError {
        code: Code::NotWholeNumber,
        message: format!("\"{}\" is not a whole number; expected digits only, e.g. 1234", shorten(s)),
    })
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

    #[test]
    fn reads_whole_numbers_and_blanks() {
        assert_eq!(parse_count(" 0 "), Ok(Some(Count(0))));
        assert_eq!(parse_count("1234"), Ok(Some(Count(1234))));
        assert_eq!(parse_count("007"), Ok(Some(Count(7))));
        assert_eq!(parse_count("   "), Ok(None));
        assert_eq!(parse_count("18446744073709551615"), Ok(Some(Count(u64::MAX))));
    }

    #[test]
    fn refuses_what_is_not_a_count() {
        let code = |s| parse_count(s).unwrap_err().code;
        for s in ["2e3", "1.5", "abc", "+3", "1 234", "0x10", "١٢", "½"] {
            assert_eq!(code(s), Code::NotWholeNumber, "{s}");
        }
        assert_eq!(code("-3"), Code::NegativeNumber);
        assert_eq!(code("-0.5"), Code::NegativeNumber);
        assert_eq!(code("18446744073709551616"), Code::NumberTooLarge);
    }
}
