//! Cutting one line into fields: the one field splitter (quotes as a CSV reader reads them; a quote left open is
//! an error, never a field that runs on), and the fields of a row kept borrowed ([`Cells`]) or owned ([`Fields`]).
//! The bytes that matter (the delimiter, a quote) are found eight at a time.

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const LOW7: u64 = u64::from_ne_bytes([0x7f; 8]);
const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);

/// The high bit of each byte of `word` that equals `b` (exactly: no carry runs from one byte into the next).
#[inline(always)]
pub(super) fn bytes_equal(word: u64, b: u8) -> u64 {
    let v = word ^ (ONES * u64::from(b));
    !(((v & LOW7).wrapping_add(LOW7)) | v) & HIGH
}

/// Calls `each(position, byte)` for every byte of `bytes` that is `a` or `b`, in order, until it returns
/// `false`. Eight bytes are looked at a time: rows are a few dozen bytes, too short for a vectorised search to
/// pay for its start.
#[inline]
pub fn for_each_of_two(bytes: &[u8], a: u8, b: u8, mut each: impl FnMut(usize, u8) -> bool) {
    let mut base = 0;
    let mut chunks = bytes.chunks_exact(8);
    let mut scan = |word: u64, base: usize| -> bool {
        let mut hits = bytes_equal(word, a) | bytes_equal(word, b);
        while hits != 0 {
            let k = (hits.trailing_zeros() / 8) as usize;
            let byte = word.to_le_bytes()[k];
            if !each(base + k, byte) {
                return false;
            }
            hits &= hits - 1;
        }
        true
    };
    for chunk in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        if !scan(u64::from_le_bytes(w), base) {
            return;
        }
        base += 8;
    }
    // The last few bytes, one at a time.
    for (k, &c) in chunks.remainder().iter().enumerate() {
        if (c == a || c == b) && !each(base + k, c) {
            return;
        }
    }
}

/// Where a line cannot be cut into fields: a quote left open, at this 1-based column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenQuote(pub usize);

/// The fields of a row, borrowed: their text one after another, one byte apart (a line with no quote is kept as
/// it is, its delimiters standing between its fields), and where each ends.
#[derive(Clone, Copy, Debug)]
pub struct Cells<'a> {
    pub(super) text: &'a str,
    pub(super) ends: &'a [u32],
}

impl<'a> Cells<'a> {
    /// How many fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no fields.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The i-th field.
    #[inline(always)]
    pub fn get(&self, i: usize) -> Option<&'a str> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize + 1 };
        self.text.get(start..end)
    }

    /// The fields in order.
    pub fn iter(self) -> impl Iterator<Item = &'a str> + 'a {
        (0..self.len()).map(move |i| self.get(i).unwrap_or(""))
    }

    /// How many bytes the fields take together (with one between each two).
    pub fn bytes(&self) -> usize {
        self.text.len()
    }

    /// Whether every field is blank.
    pub fn is_blank(&self) -> bool {
        // A visible character anywhere makes a row not blank, and nearly every row starts with one.
        if self.text.as_bytes().first().is_some_and(u8::is_ascii_graphic) && self.ends.first() != Some(&0) {
            return false;
        }
        self.iter().all(|f| crate::input::table::trim(f).is_empty())
    }
}

/// The fields of a row, owned (see [`Cells`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fields {
    text: String,
    ends: Vec<u32>,
}

impl Fields {
    /// No fields.
    pub fn new() -> Self {
        Fields::default()
    }

    /// Removes every field, keeping the memory.
    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    /// Adds a field at the end.
    pub fn push_field(&mut self, field: &str) {
        push_field(field, 0, 0, &mut self.text, &mut self.ends);
    }

    /// Makes these fields a copy of `cells`, keeping the memory.
    pub fn set(&mut self, cells: Cells) {
        self.clear();
        self.text.push_str(cells.text);
        self.ends.extend_from_slice(cells.ends);
    }

    /// The fields, borrowed.
    pub fn cells(&self) -> Cells<'_> {
        Cells { text: &self.text, ends: &self.ends }
    }

    /// How many fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no fields.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The i-th field.
    pub fn get(&self, i: usize) -> Option<&str> {
        self.cells().get(i)
    }

    /// The fields in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        self.cells().iter()
    }

    /// How many bytes the fields take together (with one between each two).
    pub fn bytes(&self) -> usize {
        self.text.len()
    }
}

impl<S: AsRef<str>> From<Vec<S>> for Fields {
    fn from(cells: Vec<S>) -> Self {
        let mut f = Fields::new();
        for c in &cells {
            f.push_field(c.as_ref());
        }
        f
    }
}

/// Adds a field at the end of a row whose text starts at `text_base` in `text` and whose ends start at
/// `ends_base` in `ends`.
fn push_field(field: &str, text_base: usize, ends_base: usize, text: &mut String, ends: &mut Vec<u32>) {
    if ends.len() > ends_base {
        text.push('\u{1f}');
    }
    text.push_str(field);
    ends.push(u32::try_from(text.len() - text_base).unwrap_or(u32::MAX));
}

/// Cuts a line into fields as a CSV reader does: a field that starts with `"` is quoted (`""` inside stands for
/// `"`, and anything after the closing quote up to the delimiter is kept); elsewhere a quote is an ordinary
/// character. A line with an odd number of quotes has one left open, which no reader could close on this line.
pub fn split_fields(line: &str, delimiter: u8, out: &mut Fields) -> Result<(), OpenQuote> {
    out.clear();
    split_into(line, delimiter, &mut out.text, &mut out.ends)
}

/// Cuts a line into fields as [`split_fields`] does, adding its text at the end of `text` and the ends of its
/// fields (from the start of its text) at the end of `ends`. When a quote is left open, nothing is added.
pub fn split_into(line: &str, delimiter: u8, text: &mut String, ends: &mut Vec<u32>) -> Result<(), OpenQuote> {
    let (text_base, ends_base) = (text.len(), ends.len());
    let bytes = line.as_bytes();
    // Nearly every line has no quote: it is kept as it is, and its delimiters are found in one pass.
    let mut quoted = false;
    for_each_of_two(bytes, delimiter, b'"', |i, b| {
        if b == b'"' {
            quoted = true;
            return false;
        }
        ends.push(i as u32);
        true
    });
    if !quoted {
        text.push_str(line);
        ends.push(bytes.len() as u32);
        return Ok(());
    }
    ends.truncate(ends_base);
    if memchr::memchr_iter(b'"', bytes).count() % 2 == 1 {
        let last = memchr::memrchr(b'"', bytes).unwrap_or(0);
        let column = 1 + memchr::memchr_iter(delimiter, &bytes[..last]).count();
        return Err(OpenQuote(column));
    }
    let mut i = 0;
    let mut field = String::new();
    loop {
        field.clear();
        if bytes.get(i) == Some(&b'"') {
            i += 1;
            loop {
                match memchr::memchr(b'"', &bytes[i..]) {
                    None => {
                        field.push_str(&line[i..]);
                        i = bytes.len();
                        break;
                    }
                    Some(q) => {
                        field.push_str(&line[i..i + q]);
                        i += q + 1;
                        if bytes.get(i) == Some(&b'"') {
                            field.push('"');
                            i += 1;
                        } else {
                            break;
                        }
                    }
                }
            }
        }
        let end = memchr::memchr(delimiter, &bytes[i.min(bytes.len())..]).map_or(bytes.len(), |d| i + d);
        field.push_str(&line[i.min(end)..end]);
        push_field(&field, text_base, ends_base, text, ends);
        if end >= bytes.len() {
            return Ok(());
        }
        i = end + 1;
    }
}
