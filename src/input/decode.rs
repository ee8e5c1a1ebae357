//! Turning a file's bytes into text.

use std::borrow::Cow;

/// The encoding a file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (what Excel's "CSV UTF-8" writes).
    Utf8Bom,
}

impl Encoding {
    /// The name reported to the user and in the JSON `inputs`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
        }
    }
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Bytes that are not UTF-8, at a byte offset and line.
    #[error(
        "not valid UTF-8 at byte {offset} (line {line}); save the sheet as \"CSV UTF-8\" (Excel) or \"Text CSV\" with character set UTF-8 (LibreOffice)"
    )]
    NotUtf8 {
        /// 0-based byte offset of the first bad byte.
        offset: usize,
        /// 1-based line of the first bad byte.
        line: usize,
    },
    /// A UTF-16 file (Excel's "Unicode text").
    #[error("the file is UTF-16 (Excel's \"Unicode text\"); save the sheet as \"CSV UTF-8\" instead")]
    Utf16,
    /// A NUL byte: binary data, not a text table.
    #[error("the file holds binary data (a NUL byte at byte {offset}); is it a spreadsheet or an archive, not a CSV?")]
    Binary {
        /// 0-based byte offset of the NUL.
        offset: usize,
    },
}

/// Decodes a file's bytes: UTF-8, with or without a BOM (which is dropped).
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DecodeError::Utf16);
    }
    let (body, enc) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, Encoding::Utf8Bom),
        None => (bytes, Encoding::Utf8),
    };
    if let Some(offset) = body.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary { offset: offset + bytes.len() - body.len() });
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok((Cow::Borrowed(text), enc)),
        Err(e) => {
            let offset = e.valid_up_to();
            let line = 1 + body[..offset].iter().filter(|&&b| b == b'\n').count();
            Err(DecodeError::NotUtf8 { offset: offset + bytes.len() - body.len(), line })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_reports_it() {
        let (t, e) = decode("\u{feff}a,b".as_bytes()).unwrap();
        assert_eq!((t.as_ref(), e), ("a,b", Encoding::Utf8Bom));
        let (t, e) = decode(b"a,b").unwrap();
        assert_eq!((t.as_ref(), e), ("a,b", Encoding::Utf8));
    }

    #[test]
    fn rejects_what_is_not_utf8() {
        assert_eq!(decode(b"a\nb\xC0z"), Err(DecodeError::NotUtf8 { offset: 3, line: 2 }));
        assert_eq!(decode(b"\xFF\xFEa\0"), Err(DecodeError::Utf16));
        assert_eq!(decode(b"PK\x03\x04\0\0"), Err(DecodeError::Binary { offset: 4 }));
    }
}
