//! Text read piece by piece, so that a file of any size is read in a fixed amount of memory: the bytes of a
//! reader decoded as they arrive ([`Decoding`]), cut into lines with their numbers ([`Lines`]), and a line cut
//! into fields ([`split_fields`]).
//!
//! A field never runs over a line end here: a quoted field that does is an error in a returns sheet (a quote left
//! open), so every line ending ends a row and the line numbers are exactly the ones an editor shows.

use std::io::Read;

use encoding_rs::{Decoder, DecoderResult, Encoding, UTF_8};

use crate::check::NotText;

mod batch;
mod cells;

pub use batch::*;
pub use cells::*;

/// How much text is decoded at a time.
const PIECE: usize = 1 << 20;

/// The longest line read (bytes): far above any row of a returns sheet, and a bound on the memory a file with
/// no line ends can take.
pub const MAX_LINE_BYTES: usize = 16 << 20;

/// Why text could not be read further.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamError {
    /// The bytes are not valid in the encoding (or are binary).
    Decode(NotText),
    /// The reader failed.
    Io(crate::check::IoTrouble),
    /// A line longer than [`MAX_LINE_BYTES`].
    LineTooLong,
}

/// Decoded text arriving in pieces.
pub trait TextSource {
    /// Appends the next piece of text to `out`; `Ok(false)` once everything has been given.
    fn read_text(&mut self, out: &mut String) -> Result<bool, StreamError>;
}

/// Text already decoded, given in pieces cut at character boundaries.
pub struct StrSource<'a> {
    rest: &'a str,
}

impl<'a> StrSource<'a> {
    /// The pieces of `text`.
    pub fn new(text: &'a str) -> Self {
        StrSource { rest: text }
    }
}

impl TextSource for StrSource<'_> {
    fn read_text(&mut self, out: &mut String) -> Result<bool, StreamError> {
        if self.rest.is_empty() {
            return Ok(false);
        }
        let mut cut = self.rest.len().min(PIECE);
        while !self.rest.is_char_boundary(cut) {
            cut += 1;
        }
        out.push_str(&self.rest[..cut]);
        self.rest = &self.rest[cut..];
        Ok(true)
    }
}

/// The bytes of a reader decoded strictly, piece by piece: a byte that is not valid in the encoding, or a NUL
/// character, stops the reading with an error; nothing is ever replaced.
pub struct Decoding<'a> {
    reader: &'a mut (dyn Read + Send),
    /// Bytes read ahead (to recognise the encoding) and not yet decoded.
    ahead: Vec<u8>,
    /// `None` for UTF-8, which is checked rather than converted.
    decoder: Option<Decoder>,
    encoding: &'static str,
    raw: Vec<u8>,
    /// The bytes of a UTF-8 character cut by the end of a piece.
    carry: Vec<u8>,
    /// Bytes consumed so far, for messages.
    offset: u64,
    /// Lines ended so far, for messages.
    lines: u64,
    done: bool,
}

impl<'a> Decoding<'a> {
    /// Decodes `ahead` (bytes already read, after any byte-order mark) and then the rest of `reader`.
    pub fn new(
        reader: &'a mut (dyn Read + Send),
        ahead: Vec<u8>,
        encoding: &'static Encoding,
        name: &'static str,
    ) -> Self {
        let decoder = (encoding != UTF_8).then(|| encoding.new_decoder_without_bom_handling());
        Decoding {
            reader,
            ahead,
            decoder,
            encoding: name,
            raw: vec![0; PIECE],
            carry: Vec::new(),
            offset: 0,
            lines: 0,
            done: false,
        }
    }

    fn invalid(&self, at: u64) -> StreamError {
        StreamError::Decode(NotText::Invalid {
            encoding: self.encoding,
            offset: at,
            line: self.lines + 1,
            stray_byte: false,
        })
    }

    fn nul(&self, at: u64) -> StreamError {
        StreamError::Decode(NotText::NulCharacter { at: Some(at) })
    }

    /// Checks and appends `bytes` (UTF-8).
    fn utf8(&mut self, bytes: &[u8], last: bool, out: &mut String) -> Result<(), StreamError> {
        let joined;
        let bytes = if self.carry.is_empty() {
            bytes
        } else {
            let mut j = std::mem::take(&mut self.carry);
            j.extend_from_slice(bytes);
            joined = j;
            &joined[..]
        };
        let (good, rest) = match std::str::from_utf8(bytes) {
            Ok(t) => (t, &[][..]),
            Err(e) if e.error_len().is_none() && !last => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                (std::str::from_utf8(good).unwrap_or_default(), rest)
            }
            Err(e) => {
                let text = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
                self.lines += count_lines(text);
                return Err(self.invalid(self.offset + e.valid_up_to() as u64));
            }
        };
        if let Some(i) = memchr::memchr(0, good.as_bytes()) {
            return Err(self.nul(self.offset + i as u64));
        }
        self.lines += count_lines(good);
        self.offset += good.len() as u64;
        out.push_str(good);
        self.carry = rest.to_vec();
        Ok(())
    }

    /// Converts and appends `bytes` (any other encoding).
    fn convert(&mut self, bytes: &[u8], last: bool, out: &mut String) -> Result<(), StreamError> {
        let Some(decoder) = self.decoder.as_mut() else { return Ok(()) };
        let start = out.len();
        let mut read = 0;
        loop {
            let need = decoder.max_utf8_buffer_length_without_replacement(bytes.len() - read).unwrap_or(PIECE * 4);
            out.reserve(need);
            let (result, n) = decoder.decode_to_string_without_replacement(&bytes[read..], out, last);
            read += n;
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => continue,
                DecoderResult::Malformed(bad, _) => {
                    self.lines += count_lines(&out[start..]);
                    return Err(self.invalid((self.offset + read as u64).saturating_sub(u64::from(bad))));
                }
            }
        }
        if memchr::memchr(0, &out.as_bytes()[start..]).is_some() {
            return Err(self.nul(self.offset));
        }
        self.lines += count_lines(&out[start..]);
        self.offset += bytes.len() as u64;
        Ok(())
    }
}

fn count_lines(text: &str) -> u64 {
    memchr::memchr_iter(b'\n', text.as_bytes()).count() as u64
}

impl TextSource for Decoding<'_> {
    fn read_text(&mut self, out: &mut String) -> Result<bool, StreamError> {
        if self.done {
            return Ok(false);
        }
        // The bytes read ahead first, then the reader's, read into `raw` (kept for the next piece).
        let from_reader = self.ahead.is_empty();
        let (bytes, n, last) = if !from_reader {
            let ahead = std::mem::take(&mut self.ahead);
            let n = ahead.len();
            (ahead, n, false)
        } else {
            let mut raw = std::mem::take(&mut self.raw);
            let n = loop {
                match self.reader.read(&mut raw) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        self.raw = raw;
                        return Err(StreamError::Io(crate::check::IoTrouble::of(&e)));
                    }
                }
            };
            (raw, n, n == 0)
        };
        if last {
            self.done = true;
        }
        let result = if self.decoder.is_some() {
            self.convert(&bytes[..n], last, out)
        } else {
            self.utf8(&bytes[..n], last, out)
        };
        if from_reader {
            self.raw = bytes;
        }
        result.map(|()| true)
    }
}

/// The lines of a text, each with its number (1-based, as an editor shows it). A line ends at `\n`, `\r\n` or a
/// lone `\r`; empty lines are read past (their numbers are counted).
pub struct Lines<'a> {
    source: Box<dyn TextSource + Send + 'a>,
    buf: String,
    pos: usize,
    /// The number of the line that starts at `pos`.
    number: u32,
    end: bool,
}

impl<'a> Lines<'a> {
    /// The lines of a source.
    pub fn new(source: Box<dyn TextSource + Send + 'a>) -> Self {
        Lines { source, buf: String::new(), pos: 0, number: 1, end: false }
    }

    /// Reads more text, keeping the unread part; `false` at the end.
    fn fill(&mut self) -> Result<bool, StreamError> {
        if self.end {
            return Ok(false);
        }
        if self.pos > 0 {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        if self.buf.len() > MAX_LINE_BYTES {
            return Err(StreamError::LineTooLong);
        }
        let more = self.source.read_text(&mut self.buf)?;
        self.end = !more;
        Ok(true)
    }

    /// The number of the next line (or of the line being read when an error stopped the reading).
    pub fn line_number(&self) -> u32 {
        self.number
    }

    /// The next non-empty line, without its ending, with its number; `None` at the end.
    pub fn next_line(&mut self) -> Result<Option<(u32, &str)>, StreamError> {
        loop {
            let rest = &self.buf.as_bytes()[self.pos..];
            match memchr::memchr2(b'\n', b'\r', rest) {
                // A `\r` at the end of what has been read may be the first half of `\r\n`.
                Some(i) if rest[i] == b'\n' || i + 1 < rest.len() || self.end => {
                    let ending = if rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                    let (start, number) = (self.pos, self.number);
                    self.pos += i + ending;
                    self.number = self.number.saturating_add(1);
                    if i > 0 {
                        return Ok(Some((number, &self.buf[start..start + i])));
                    }
                }
                _ => {
                    if !self.fill()? {
                        return Ok(None);
                    }
                    if self.end && self.pos >= self.buf.len() {
                        return Ok(None);
                    }
                    if self.end && memchr::memchr2(b'\n', b'\r', &self.buf.as_bytes()[self.pos..]).is_none() {
                        // The last line, with no ending.
                        let (start, number) = (self.pos, self.number);
                        self.pos = self.buf.len();
                        self.number = self.number.saturating_add(1);
                        return Ok(Some((number, &self.buf[start..])));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(u32, String)> {
        let mut l = Lines::new(Box::new(StrSource::new(text)));
        let mut out = vec![];
        while let Some((n, s)) = l.next_line().unwrap() {
            out.push((n, s.to_string()));
        }
        out
    }

    #[test]
    fn numbers_lines_as_an_editor_does() {
        let want = vec![(1, "a".to_string()), (3, "b".into()), (4, "c".into()), (5, "d".into())];
        assert_eq!(lines("a\n\nb\r\nc\rd"), want);
        assert_eq!(lines("a\r\n\r\nb\nc\rd\n"), want);
        assert_eq!(lines(""), vec![]);
        assert_eq!(lines("\n\n"), vec![]);
    }

    #[test]
    fn reads_lines_across_pieces() {
        let text: String = (0..200_000).map(|i| format!("{i};x\r\n")).collect();
        let got = lines(&text);
        assert_eq!(got.len(), 200_000);
        assert_eq!(got[150_000], (150_001, "150000;x".to_string()));
    }

    fn fields(line: &str) -> Result<Vec<String>, OpenQuote> {
        let mut r = Fields::new();
        split_fields(line, b';', &mut r).map(|()| r.iter().map(str::to_string).collect())
    }

    /// What the csv crate makes of one line.
    fn csv_fields(line: &str) -> Vec<String> {
        let mut r = csv::ReaderBuilder::new().delimiter(b';').has_headers(false).from_reader(line.as_bytes());
        let mut rec = csv::StringRecord::new();
        if !r.read_record(&mut rec).unwrap() {
            return vec![String::new()];
        }
        rec.iter().map(str::to_string).collect()
    }

    #[test]
    fn cuts_fields_as_a_csv_reader_does() {
        for line in
            ["a;b;c", ";;", "\"x;y\";z", "\"a\"\"b\";c", "\"ab\"c;d", "a\"b\"c;d", " \"a\" ;b", "\"\";\"\"", "x"]
        {
            assert_eq!(fields(line).unwrap(), csv_fields(line), "{line}");
        }
        assert_eq!(fields("a;\"b;c"), Err(OpenQuote(2)));
    }

    proptest::proptest! {
        #[test]
        fn cuts_any_line_as_the_csv_crate_does(line in "[a;\" ,б]{0,80}") {
            if line.matches('"').count() % 2 == 0 && !line.is_empty() {
                proptest::prop_assert_eq!(fields(&line).unwrap(), csv_fields(&line));
            }
        }

        #[test]
        fn cuts_a_line_without_quotes_as_the_csv_crate_does(line in "[a; ,б1]{1,80}") {
            proptest::prop_assert_eq!(fields(&line).unwrap(), csv_fields(&line));
        }
    }

    proptest::proptest! {
        #[test]
        fn finds_the_bytes_a_plain_search_finds(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600), a: u8, b: u8) {
            let mut got = Vec::new();
            for_each_of_two(&bytes, a, b, |i, c| {
                got.push((i, c));
                true
            });
            let want: Vec<(usize, u8)> =
                bytes.iter().enumerate().filter(|(_, c)| **c == a || **c == b).map(|(i, c)| (i, *c)).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    /// A text given in pieces of the sizes listed, in turn (cut at character boundaries).
    struct Pieces {
        text: String,
        at: usize,
        sizes: Vec<usize>,
        k: usize,
    }

    impl TextSource for Pieces {
        fn read_text(&mut self, out: &mut String) -> Result<bool, StreamError> {
            if self.at == self.text.len() {
                return Ok(false);
            }
            let size = self.sizes.get(self.k % self.sizes.len().max(1)).copied().unwrap_or(PIECE).max(1);
            self.k += 1;
            let mut cut = (self.at + size).min(self.text.len());
            while !self.text.is_char_boundary(cut) {
                cut += 1;
            }
            out.push_str(&self.text[self.at..cut]);
            self.at = cut;
            Ok(true)
        }
    }

    type Cut = Vec<(u32, Result<Vec<String>, OpenQuote>)>;

    fn lines_of(text: &str, sizes: &[usize]) -> Lines<'static> {
        Lines::new(Box::new(Pieces { text: text.to_string(), at: 0, sizes: sizes.to_vec(), k: 0 }))
    }

    /// The rows of a text as batches give them, and how many batches there were.
    fn by_batches(text: &str, sizes: &[usize], delimiter: u8) -> (Cut, usize) {
        let mut lines = lines_of(text, sizes);
        let (mut rows, mut batches) = (Vec::new(), 0);
        loop {
            let mut b = Batch::default();
            b.refill(&mut lines, delimiter);
            batches += 1;
            for k in 0..b.len() {
                let (n, split, cells) = b.row(k);
                rows.push((n, split.map(|()| cells.iter().map(str::to_string).collect())));
            }
            if b.last {
                return (rows, batches);
            }
        }
    }

    /// The rows of a text read line by line.
    fn by_lines(text: &str, sizes: &[usize], delimiter: u8) -> Cut {
        let mut lines = lines_of(text, sizes);
        let mut rows = Vec::new();
        let mut fields = Fields::new();
        while let Some((n, l)) = lines.next_line().expect("text") {
            let split = split_fields(l, delimiter, &mut fields);
            rows.push((n, split.map(|()| fields.iter().map(str::to_string).collect())));
        }
        rows
    }

    proptest::proptest! {
        #[test]
        fn batches_cut_lines_as_reading_line_by_line_does(
            text in "([ab;,\"б \t]{0,40}(\n|\r|\r\n|\n\n)){0,30}[ab;\"\r]{0,3}",
            sizes in proptest::collection::vec(1usize..70, 1..5),
            comma: bool,
        ) {
            let delimiter = if comma { b',' } else { b';' };
            proptest::prop_assert_eq!(by_batches(&text, &sizes, delimiter).0, by_lines(&text, &sizes, delimiter));
        }
    }

    #[test]
    fn batches_end_at_their_limits_and_lose_no_line() {
        let mut text = String::new();
        for i in 0..5000 {
            text.push_str(&format!("D{};\"P {i}\";{}\r\n", i % 7, i * 3));
            if i % 1000 == 0 {
                text.push_str(&"x".repeat(300_000));
                text.push('\n');
            }
        }
        let (rows, batches) = by_batches(&text, &[PIECE], b';');
        assert_eq!(rows, by_lines(&text, &[PIECE], b';'));
        assert_eq!(rows.len(), 5005);
        assert!(batches > 5, "{batches} batches");
    }

    #[test]
    fn decodes_in_pieces_and_refuses_bad_bytes() {
        let text = "Әлиев;1\n".repeat(300_000);
        let mut bytes = text.as_bytes();
        let mut d = Decoding::new(&mut bytes, Vec::new(), UTF_8, "utf-8");
        let mut out = String::new();
        while d.read_text(&mut out).unwrap() {}
        assert_eq!(out, text);

        let mut bad: &[u8] = b"a\nb\n\xFFc";
        let mut d = Decoding::new(&mut bad, Vec::new(), UTF_8, "utf-8");
        let err = loop {
            match d.read_text(&mut String::new()) {
                Ok(true) => {}
                Ok(false) => panic!("refused"),
                Err(e) => break e,
            }
        };
        assert!(matches!(&err, StreamError::Decode(NotText::Invalid { offset: 4, line: 3, .. })), "{err:?}");

        let (cp, _, _) = encoding_rs::WINDOWS_1251.encode("Номер;Иванов\n");
        let mut b: &[u8] = &cp;
        let mut d = Decoding::new(&mut b, Vec::new(), encoding_rs::WINDOWS_1251, "windows-1251");
        let mut out = String::new();
        while d.read_text(&mut out).unwrap() {}
        assert_eq!(out, "Номер;Иванов\n");
    }
}
