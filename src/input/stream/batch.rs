//! Rows cut into fields on another thread, in batches: many lines at once, found by marking the line ends,
//! delimiters and quotes of 64 bytes at a time; a line with a quote is cut by the one field splitter.

use super::*;

/// At most how many rows a batch cut on another thread holds.
const BATCH: usize = 2048;
/// A batch takes no more rows once its text is this long (a row can be long: this bounds a batch's memory).
const BATCH_BYTES: usize = 256 << 10;

/// Rows cut into fields on another thread, kept one after another (their text in one string, the ends of their
/// fields in one list), so that they are read in the order they are laid out in memory.
#[derive(Default)]
pub struct Batch {
    text: String,
    ends: Vec<u32>,
    /// Each row: its line number, whether a quote was left open, and where its text and its ends end.
    rows: Vec<(u32, Result<(), OpenQuote>, u32, u32)>,
    /// Why the reading stopped after these rows (the line being read, and the reason).
    pub failure: Option<(u32, StreamError)>,
    /// Whether this is the last batch.
    pub last: bool,
}

impl Batch {
    /// Empties the batch, keeping its memory.
    fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        self.rows.clear();
        self.failure = None;
        self.last = false;
    }

    /// How many rows it holds.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether it holds no row.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The k-th row: its line number, whether a quote was left open, and its fields.
    #[inline(always)]
    pub fn row(&self, k: usize) -> (u32, Result<(), OpenQuote>, Cells<'_>) {
        let (line, split, text_end, ends_end) = self.rows[k];
        let (text_start, ends_start) = match k.checked_sub(1).map(|j| self.rows[j]) {
            Some((_, _, t, e)) => (t as usize, e as usize),
            None => (0, 0),
        };
        let cells =
            Cells { text: &self.text[text_start..text_end as usize], ends: &self.ends[ends_start..ends_end as usize] };
        (line, split, cells)
    }

    /// Adds a line, cut into fields.
    fn push(&mut self, line: u32, text: &str, delimiter: u8) {
        let split = split_into(text, delimiter, &mut self.text, &mut self.ends);
        self.end_row(line, split);
    }

    /// Ends the row whose text and field ends were just added.
    #[inline]
    fn end_row(&mut self, line: u32, split: Result<(), OpenQuote>) {
        // A batch's text is at most BATCH_BYTES and one line (MAX_LINE_BYTES): it fits in a u32.
        let text_end = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        let ends_end = u32::try_from(self.ends.len()).unwrap_or(u32::MAX);
        self.rows.push((line, split, text_end, ends_end));
    }
}

/// The bytes of a block of 64 that end a line (`\n`, `\r`), end a field (`delimiter`) or may start a quoted
/// field (`"`), as a mask (bit k for byte k). The compares are written plainly (they compile to vector compares);
/// each 8 of their results (0 or 1) are gathered into 8 bits by one multiplication: byte i of the word, times
/// the byte 2^(7-j) at place j, lands on bit 56 + i when i + j = 7, and no two products share a bit, so nothing
/// carries.
#[inline]
pub(super) fn marks(block: &[u8; 64], delimiter: u8) -> u64 {
    let mut hit = [0u8; 64];
    for (h, &b) in hit.iter_mut().zip(block) {
        *h = u8::from((b == b'\n') | (b == b'\r') | (b == delimiter) | (b == b'"'));
    }
    let mut m = 0u64;
    for (k, eight) in hit.chunks_exact(8).enumerate() {
        let mut w = [0u8; 8];
        w.copy_from_slice(eight);
        m |= (u64::from_le_bytes(w).wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k);
    }
    m
}

impl Batch {
    /// Whether the batch takes no more rows.
    fn full(&self) -> bool {
        self.rows.len() >= BATCH || self.text.len() >= BATCH_BYTES
    }

    /// Cuts the lines of `text` (whose first line is number `number`) into fields, as [`Lines::next_line`] and
    /// [`split_fields`] would, 64 bytes at a time: line ends and delimiters are found in the same pass. Stops when
    /// the batch is full, or where what is left may not be a whole line: a line whose end is not in a whole block,
    /// or a `\r` at the very end (it may be the first half of `\r\n`). Gives how many bytes it read and the
    /// number of the line that starts there.
    fn cut_lines(&mut self, text: &str, mut number: u32, delimiter: u8) -> (usize, u32) {
        let bytes = text.as_bytes();
        let mut start = 0;
        let mut ends_start = self.ends.len();
        let mut quoted = false;
        let mut base = 0;
        while base + 64 <= bytes.len() && !self.full() {
            let mut block = [0u8; 64];
            block.copy_from_slice(&bytes[base..base + 64]);
            let mut m = marks(&block, delimiter);
            while m != 0 {
                let at = base + m.trailing_zeros() as usize;
                m &= m - 1;
                // The `\n` of a `\r\n` already read.
                if at < start {
                    continue;
                }
                match bytes[at] {
                    b'"' => quoted = true,
                    b'\n' | b'\r' => {
                        let ending = match (bytes[at], bytes.get(at + 1)) {
                            (b'\r', None) => break,
                            (b'\r', Some(b'\n')) => 2,
                            _ => 1,
                        };
                        if at > start {
                            let line = &text[start..at];
                            let split = if quoted {
                                self.ends.truncate(ends_start);
                                split_into(line, delimiter, &mut self.text, &mut self.ends)
                            } else {
                                self.text.push_str(line);
                                self.ends.push((at - start) as u32);
                                Ok(())
                            };
                            self.end_row(number, split);
                        }
                        number = number.saturating_add(1);
                        start = at + ending;
                        ends_start = self.ends.len();
                        quoted = false;
                        if self.full() {
                            return (start, number);
                        }
                    }
                    _ => {
                        if !quoted {
                            self.ends.push((at - start) as u32);
                        }
                    }
                }
            }
            base += 64;
        }
        // The line being cut when the whole blocks ran out is left to be read again.
        self.ends.truncate(ends_start);
        (start, number)
    }

    /// Empties the batch and fills it again from `lines`: until it is full, at the end of the text (the last
    /// batch), or at a failure.
    pub fn refill(&mut self, lines: &mut Lines, delimiter: u8) {
        self.clear();
        while !self.full() {
            let (read, number) = self.cut_lines(&lines.buf[lines.pos..], lines.number, delimiter);
            lines.pos += read;
            lines.number = number;
            if self.full() {
                return;
            }
            // What is left is at most one line and a block: read one line the careful way, which reads more
            // text when it needs to.
            match lines.next_line() {
                Ok(Some((n, l))) => self.push(n, l, delimiter),
                Ok(None) => {
                    self.last = true;
                    return;
                }
                Err(e) => {
                    self.failure = Some((lines.line_number(), e));
                    self.last = true;
                    return;
                }
            }
        }
    }
}

/// Reads the lines of `lines`, cuts them into fields with `delimiter`, and sends them in batches until the end,
/// a failure, or the receiver hanging up. Batches sent back through `spent` are filled again.
pub fn cut_rows(
    mut lines: Lines,
    delimiter: u8,
    tx: std::sync::mpsc::SyncSender<Batch>,
    spent: std::sync::mpsc::Receiver<Batch>,
) {
    loop {
        let mut b = spent.try_recv().unwrap_or_default();
        b.refill(&mut lines, delimiter);
        let last = b.last;
        if tx.send(b).is_err() || last {
            return;
        }
    }
}
