//! Turning a file's bytes into text: UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text"),
//! Windows-1251 and KOI8-R (a Russian-locale "Save as CSV"), detected when not given.

use std::borrow::Cow;

use encoding_rs::{Encoding, KOI8_R, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1251};

use crate::check::NotText;

/// Text decoded from a file, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text, without a byte-order mark.
    pub text: Cow<'a, str>,
    /// The encoding's name as reported: `utf-8`, `utf-8-bom`, `utf-16le`, `windows-1251`, …
    pub encoding: &'static str,
    /// Whether it was recognised (`true`) or given with `--encoding` (`false`).
    pub detected: bool,
    /// Whether the encoding cannot store every Kazakh letter (a legacy 8-bit code page).
    pub legacy: bool,
}

/// The encodings `--encoding` accepts by name (any WHATWG label also works, e.g. `cp1251`).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    match label.trim().to_ascii_lowercase().as_str() {
        "utf-16" | "utf16" | "unicode" => Some(UTF_16LE),
        other => Encoding::for_label(other.as_bytes()),
    }
}

fn name(enc: &'static Encoding, bom: bool) -> &'static str {
    match (enc.name(), bom) {
        ("UTF-8", true) => "utf-8-bom",
        ("UTF-8", false) => "utf-8",
        ("UTF-16LE", _) => "utf-16le",
        ("UTF-16BE", _) => "utf-16be",
        ("windows-1251", _) => "windows-1251",
        ("KOI8-R", _) => "koi8-r",
        ("KOI8-U", _) => "koi8-u",
        ("IBM866", _) => "ibm866",
        (other, _) => other,
    }
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset.min(bytes.len())].iter().filter(|&&b| b == b'\n').count()
}

/// Decodes `bytes` in `enc`, refusing malformed input (never a silent replacement character).
fn strict<'a>(bytes: &'a [u8], enc: &'static Encoding, bom: bool, detected: bool) -> Result<Decoded<'a>, NotText> {
    let invalid = |offset: usize| NotText::Invalid {
        encoding: name(enc, bom),
        offset: offset as u64,
        line: line_of(bytes, offset) as u64,
        stray_byte: false,
    };
    if enc == UTF_8 {
        return match std::str::from_utf8(bytes) {
            Ok(t) => Ok(Decoded { text: Cow::Borrowed(t), encoding: name(enc, bom), detected, legacy: false }),
            Err(e) => Err(invalid(e.valid_up_to())),
        };
    }
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(bytes.len() * 3));
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => {}
        encoding_rs::DecoderResult::Malformed(bad, _) => return Err(invalid(read.saturating_sub(bad as usize))),
        encoding_rs::DecoderResult::OutputFull => return Err(invalid(read)),
    }
    let legacy = !(enc == UTF_16LE || enc == UTF_16BE);
    if !legacy && out.contains('\0') {
        return Err(NotText::NulCharacter { at: None });
    }
    Ok(Decoded { text: Cow::Owned(out), encoding: name(enc, bom), detected, legacy })
}

/// Whether the bytes look like UTF-16 without a byte-order mark: text whose every other byte is zero.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_at = |odd: usize| sample.iter().skip(odd).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zero_at(0), zero_at(1));
    if odd * 10 >= pairs * 3 && even == 0 {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 3 && odd == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// How a file's bytes are to be read, recognised from them (or from their beginning).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    /// The encoding.
    pub encoding: &'static Encoding,
    /// The length of the byte-order mark to skip.
    pub bom: usize,
    /// The encoding's name as reported.
    pub name: &'static str,
    /// Whether it was recognised (`true`) or given with `--encoding` (`false`).
    pub detected: bool,
    /// Whether the encoding cannot store every Kazakh letter.
    pub legacy: bool,
}

fn detected(encoding: &'static Encoding, bom: usize, detected: bool) -> Detected {
    Detected {
        encoding,
        bom,
        name: name(encoding, bom > 0),
        detected,
        legacy: !(encoding == UTF_8 || encoding == UTF_16LE || encoding == UTF_16BE),
    }
}

/// Recognises the encoding of `bytes` — the whole file when `complete`, else its beginning (a character cut at
/// the end is then not an error): with `forced`, that encoding; otherwise by the byte-order mark, as UTF-8 when
/// the bytes are valid UTF-8, as UTF-16 when every other byte is zero, and as Windows-1251 or KOI8-R when they
/// read as a Cyrillic text in one of them.
pub fn detect(bytes: &[u8], complete: bool, forced: Option<&'static Encoding>) -> Result<Detected, NotText> {
    detect_text(bytes, complete, forced).map(|(d, _)| d)
}

/// As [`detect`], with the text itself when the bytes were all read as UTF-8 to recognise them (so that they are
/// not read a second time).
fn detect_text<'a>(
    bytes: &'a [u8],
    complete: bool,
    forced: Option<&'static Encoding>,
) -> Result<(Detected, Option<&'a str>), NotText> {
    let boms: [(&[u8], &'static Encoding); 3] =
        [(b"\xEF\xBB\xBF", UTF_8), (b"\xFF\xFE", UTF_16LE), (b"\xFE\xFF", UTF_16BE)];
    let bom = boms.iter().find(|(b, _)| bytes.starts_with(b));
    if let Some(enc) = forced {
        let skip = match bom {
            Some((b, e)) if *e == enc => b.len(),
            _ => 0,
        };
        return Ok((detected(enc, skip, false), None));
    }
    if let Some((b, enc)) = bom {
        return Ok((detected(enc, b.len(), true), None));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return Ok((detected(enc, 0, true), None));
    }
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(NotText::NulByte { at: offset as u64 });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((detected(UTF_8, 0, true), complete.then_some(text))),
        Err(e) if !complete && e.error_len().is_none() => return Ok((detected(UTF_8, 0, true), None)),
        Err(e) if mostly_utf8(bytes) => {
            // A UTF-8 file with a stray byte is not a Windows-1251 file: read so, every letter would be garbage.
            let offset = e.valid_up_to();
            let line = 1 + memchr::memchr_iter(b'\n', &bytes[..offset]).count();
            return Err(NotText::Invalid {
                encoding: "UTF-8",
                offset: offset as u64,
                line: line as u64,
                stray_byte: true,
            });
        }
        Err(_) => {}
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, complete);
    let guess = detector.guess(Some(b"kz"), chardetng::Utf8Detection::Deny);
    if guess.name() == "KOI8-U" {
        // KOI8-U differs from KOI8-R only in eight Ukrainian letters; where the text has none, it is KOI8-R.
        let (u, _) = guess.decode_without_bom_handling(bytes);
        let (r, _) = KOI8_R.decode_without_bom_handling(bytes);
        return Ok((detected(if u == r { KOI8_R } else { guess }, 0, true), None));
    }
    if guess == WINDOWS_1251 || guess == KOI8_R || guess.name() == "IBM866" {
        return Ok((detected(guess, 0, true), None));
    }
    Err(NotText::Unsupported { guess: name(guess, false) })
}

/// Whether bytes that are not all UTF-8 still are, but for a few stray bytes: most of their non-ASCII bytes form
/// valid UTF-8 letters (a Windows-1251 file's Cyrillic letters almost never do).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += chunk.invalid().len();
    }
    good >= 8 && bad * 20 <= good
}

/// Decodes a file's bytes, in the encoding [`detect`] recognises (or `forced`).
pub fn decode<'a>(bytes: &'a [u8], forced: Option<&'static Encoding>) -> Result<Decoded<'a>, NotText> {
    match detect_text(bytes, true, forced)? {
        (d, Some(text)) => Ok(Decoded { text: Cow::Borrowed(text), encoding: d.name, detected: true, legacy: false }),
        (d, None) => strict(&bytes[d.bom..], d.encoding, d.bom > 0, d.detected),
    }
}

/// Whether a cell of a legacy-encoded file shows letters the export destroyed: a `?` or `_` standing inside a
/// Cyrillic word (what Windows-1251 makes of ә ғ қ ң ө ұ ү һ).
pub fn looks_damaged(cell: &str) -> bool {
    let chars: Vec<char> = cell.chars().collect();
    let cyr = |c: Option<&char>| c.is_some_and(|c| ('\u{0400}'..='\u{04FF}').contains(c));
    chars.iter().enumerate().any(|(i, &c)| {
        (c == '?' || c == '_' || c == '\u{FFFD}')
            && (cyr(i.checked_sub(1).and_then(|j| chars.get(j))) || cyr(chars.get(i + 1)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(bytes: &[u8]) -> Result<(String, &'static str), NotText> {
        decode(bytes, None).map(|d| (d.text.into_owned(), d.encoding))
    }

    #[test]
    fn reads_utf8_with_and_without_bom() {
        assert_eq!(enc("\u{feff}a,b".as_bytes()), Ok(("a,b".into(), "utf-8-bom")));
        assert_eq!(enc("Әлиев,1".as_bytes()), Ok(("Әлиев,1".into(), "utf-8")));
    }

    #[test]
    fn a_stray_byte_in_a_utf8_file_is_named_not_read_as_windows_1251() {
        let mut bytes = "Учаске;Қасымова Гүлнар;Бәріне қарсымын\n0101;12;3\n0102;1".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend(";4\n".as_bytes());
        match enc(&bytes) {
            Err(NotText::Invalid { encoding: "UTF-8", line: 3, .. }) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn reads_utf16_as_excel_writes_it() {
        let text = "Учаске\tҚасымова\r\n0101\t12\r\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(enc(&le), Ok((text.into(), "utf-16le")));
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(enc(&be), Ok((text.into(), "utf-16be")));
    }

    #[test]
    fn recognises_windows_1251_and_koi8_r() {
        // KOI8-R has no «№»; a real export's header says «Номер участка» there.
        let text = "Номер участка;Число избирателей, включенных в список;Иванов Сергей Петрович;Против всех\r\n0101;1020;412;21\r\n";
        let (b, _, _) = WINDOWS_1251.encode(text);
        assert_eq!(enc(&b), Ok((text.into(), "windows-1251")));
        let (k, _, _) = KOI8_R.encode(text);
        assert_eq!(enc(&k), Ok((text.into(), "koi8-r")));
        let forced = decode(&b, Some(WINDOWS_1251)).unwrap();
        assert_eq!((forced.encoding, forced.detected, forced.legacy), ("windows-1251", false, true));
    }

    #[test]
    fn refuses_what_is_not_text() {
        assert!(matches!(enc(b"PK\x03\x04\x14\0\0\0"), Err(NotText::NulByte { .. })));
        assert!(matches!(decode(b"a\xFFb", Some(UTF_8)), Err(NotText::Invalid { offset: 1, line: 1, .. })));
        // A high surrogate followed by a letter, not by its low surrogate.
        assert!(matches!(decode(b"\xD8\x00\x00\x41", Some(UTF_16BE)), Err(NotText::Invalid { .. })));
    }

    #[test]
    fn sees_letters_destroyed_by_a_legacy_export() {
        assert!(looks_damaged("Жұмабеков Ерлан С?кен?лы".replace('ұ', "?").as_str()));
        assert!(looks_damaged("?лиев"));
        assert!(looks_damaged("Б_кенов"));
        assert!(!looks_damaged("write_in"));
        assert!(!looks_damaged("Иванов Сергей"));
        assert!(!looks_damaged("Что? Где?"[..0].as_ref()));
    }
}
