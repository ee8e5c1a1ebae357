//! Rows cut into fields in batches, so that another thread can cut them while the rows before are checked: each
//! line found by [`Lines`] and cut by the one field splitter, [`split_into`].

use super::*;

/// At most how many rows a batch cut on another thread holds.
const BATCH: usize = 2048;
/// A batch takes no more rows once its text is this long (a row can be long: this bounds a batch's memory).
const BATCH_BYTES: usize = 256 << 10;
/// How many batches may wait, cut, for the checks (about 3 MB of ordinary rows; at most 16 × 256 KiB of text and
/// the ends of its fields). With 4, a pause of either thread of a millisecond or two stopped the other: on a
/// 2-core machine (2026-12-01), 30 runs each in turn, 2,000 races × 100 precincts took 0.295 s (median) with 4
/// and 0.265 s with 16, and 0.71 s against 0.675 s for 50,000 races × 4 (12 runs); 32 or 64, or batches of 8,192
/// rows, were no better than 16.
pub const BATCHES_AHEAD: usize = 16;

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

impl Batch {
    /// Whether the batch takes no more rows.
    fn full(&self) -> bool {
        self.rows.len() >= BATCH || self.text.len() >= BATCH_BYTES
    }

    /// Empties the batch and fills it again from `lines`: until it is full, at the end of the text (the last
    /// batch), or at a failure.
    pub fn refill(&mut self, lines: &mut Lines, delimiter: u8) {
        self.clear();
        while !self.full() {
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
