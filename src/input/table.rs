//! A table of text cells, from a delimited text file or a workbook sheet: the header (found below any title rows),
//! then rows one at a time, each with the line an editor (or the row number a spreadsheet) shows it on.

use std::collections::VecDeque;

use std::sync::Arc;

use crate::check::{Code, Detail, Finding, Scope};
use crate::input::decode::looks_damaged;
use crate::input::delimiter::sniff_lines;
use crate::input::number::shorten;
use crate::input::stream::MAX_LINE_BYTES;
use std::sync::mpsc::{Receiver, SyncSender};

use crate::input::stream::{
    BATCHES_AHEAD, Batch, Cells, Fields, Lines, OpenQuote, StrSource, StreamError, TextSource, cut_rows, split_fields,
};
use crate::input::workbook::Sheet;
use crate::model::{Location, Origin};

/// How many cells of a row above the header are kept: enough to tell a title from a precinct's figures.
const TITLE_CELLS_KEPT: usize = 8;

/// How many non-blank rows may stand above the header (a title, a date, the commission's name).
pub(crate) const MAX_TITLE_ROWS: usize = 10;

/// The largest field read (bytes): no cell of a protocol comes near it; a larger one is a broken or hostile file.
pub const MAX_FIELD_BYTES: usize = 65_536;

/// The most columns a row may have: a returns sheet has a few dozen.
pub const MAX_COLUMNS: usize = 4_096;

/// A problem that stops the reading of a text, as a finding at the line being read.
fn stream_finding(file: &Arc<str>, line: u32, e: StreamError) -> Finding {
    match e {
        StreamError::Decode(t) => {
            Finding::new(Code::NotText, Some(Location::file(file)), Detail::NotText(t)).scoped(Scope::All)
        }
        StreamError::Io(t) => crate::input::unreadable(file, t),
        StreamError::LineTooLong => Finding::new(
            Code::FieldTooLarge,
            Some(Location::new(file, line, 0)),
            Detail::LineTooLong { mib: (MAX_LINE_BYTES >> 20) as u64 },
        ),
    }
}

/// A cell without the white space around it, as `str::trim` gives it; a cell that starts and ends with a visible
/// ASCII character (nearly every cell) is returned at once.
pub fn trim(cell: &str) -> &str {
    match (cell.as_bytes().first(), cell.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => cell,
        _ => cell.trim(),
    }
}

/// One row of a table.
#[derive(Debug, Default, Clone)]
pub struct Row {
    /// The line it starts on (1-based), or its sheet row number.
    pub line: u32,
    /// Its fields, untrimmed; in a sheet, field 0 is column A.
    pub fields: Fields,
}

/// A row where it lies: its line and its fields, borrowed from a [`Row`] or from the text a batch was cut from.
#[derive(Clone, Copy, Debug)]
pub struct RowCells<'a> {
    /// The line it starts on (1-based), or its sheet row number.
    pub line: u32,
    /// Its fields, untrimmed.
    pub cells: Cells<'a>,
}

impl<'a> RowCells<'a> {
    /// A field, or "" past the end.
    #[inline(always)]
    pub fn get(&self, i: usize) -> &'a str {
        self.cells.get(i).unwrap_or("")
    }
}

impl Row {
    /// The row, borrowed.
    pub fn view(&self) -> RowCells<'_> {
        RowCells { line: self.line, cells: self.fields.cells() }
    }

    /// A field, or "" past the end.
    pub fn get(&self, i: usize) -> &str {
        self.fields.get(i).unwrap_or("")
    }

    /// Whether every field is blank.
    pub fn is_blank(&self) -> bool {
        self.fields.cells().is_blank()
    }
}

/// What a table is read from.
pub enum Body<'a> {
    /// Decoded text; `legacy` when its encoding cannot store every Kazakh letter.
    Text {
        /// The text.
        text: &'a str,
        /// Whether it came from a legacy 8-bit code page.
        legacy: bool,
    },
    /// Text decoded as it is read.
    Stream {
        /// The text.
        source: Box<dyn TextSource + Send + 'a>,
        /// Whether it comes from a legacy 8-bit code page.
        legacy: bool,
    },
    /// A workbook sheet.
    Sheet(Sheet),
}

enum Rows<'a> {
    Lines {
        lines: Lines<'a>,
        delimiter: u8,
        peeked: VecDeque<(u32, String)>,
    },
    /// Lines cut into fields on another thread (see [`Table::cut_on`]), after the lines read to open the table.
    Cut {
        delimiter: u8,
        peeked: VecDeque<(u32, String)>,
        batches: Receiver<Batch>,
        spent: SyncSender<Batch>,
        current: Option<Batch>,
        next: usize,
    },
    /// Nothing more to read.
    Done,
    Sheet(std::vec::IntoIter<(u32, Vec<String>)>),
}

/// A table being read.
pub struct Table<'a> {
    /// The file (and sheet) it is read from.
    pub origin: Origin,
    /// The delimiter of a text file.
    pub delimiter: Option<u8>,
    /// The header cells, trimmed.
    pub header: Vec<String>,
    /// The line of the header.
    pub header_line: u32,
    /// The header's last line: the line after `header_line` when the header spans two rows.
    pub header_to: u32,
    /// Non-blank rows above the header, read past as a title: (line, its first cells, trimmed).
    pub title_rows: Vec<(u32, Vec<String>)>,
    /// Blank rows read past.
    pub blank_rows: usize,
    legacy: bool,
    /// The first cell whose letters a legacy export destroyed, and how many such cells there are.
    damage: Option<(Location, String)>,
    damaged_cells: usize,
    pending: VecDeque<Row>,
    rows: Rows<'a>,
    /// Why the text could not be read to its end (the bytes are not text in the encoding, or the reader failed).
    pub failure: Option<Finding>,
    /// A row read ahead that could not be read: given by the next read.
    deferred: Option<Finding>,
    /// The line of the last row that left a quote open.
    quote_open_at: Option<u32>,
}

impl<'a> Table<'a> {
    /// Opens a table: recognises the delimiter of a text file, and finds the header — the first row that
    /// `is_header` accepts among the first rows, the rows above it being a title — or else the first non-blank row.
    pub fn open(origin: Origin, body: Body<'a>, is_header: &dyn Fn(&[String]) -> bool) -> Result<Table<'a>, Finding> {
        let file = std::sync::Arc::clone(&origin.file);
        let at_file = || Some(Location::file(&file));
        let (rows, delimiter, legacy) = match body {
            Body::Text { text, legacy } => Self::lines(&file, Box::new(StrSource::new(text)), legacy)?,
            Body::Stream { source, legacy } => Self::lines(&file, source, legacy)?,
            Body::Sheet(sheet) => (Rows::Sheet(sheet.rows.into_iter()), None, false),
        };
        let mut table = Table {
            origin,
            delimiter,
            header: Vec::new(),
            header_line: 0,
            title_rows: Vec::new(),
            blank_rows: 0,
            legacy,
            damage: None,
            damaged_cells: 0,
            pending: VecDeque::new(),
            rows,
            failure: None,
            header_to: 0,
            deferred: None,
            quote_open_at: None,
        };
        let mut above: Vec<Row> = Vec::new();
        let mut row = Row::default();
        let header = loop {
            if above.len() > MAX_TITLE_ROWS || !table.raw_row(&mut row, &mut |_, _| false)? {
                // No row looks like a header: the first non-blank row is taken as it, and nothing is read past.
                if above.is_empty() {
                    return Err(Finding::new(Code::EmptyFile, at_file(), Detail::OnlyBlankRows));
                }
                let first = above.remove(0);
                table.pending.extend(above);
                break first;
            }
            if row.is_blank() {
                table.blank_rows += 1;
                continue;
            }
            let cells: Vec<String> = row.fields.iter().map(|h| h.trim().to_string()).collect();
            if is_header(&cells) {
                table.title_rows = above
                    .iter()
                    .map(|r| (r.line, r.fields.iter().take(TITLE_CELLS_KEPT).map(|f| f.trim().to_string()).collect()))
                    .collect();
                break row.clone();
            }
            above.push(row.clone());
        };
        table.check_damage(&header);
        table.header = header.fields.iter().map(|h| h.trim().to_string()).collect();
        table.header_line = header.line;
        table.header_to = header.line;
        Ok(table)
    }

    /// A header that spans two rows (cells merged in a spreadsheet: a group label above, the names under it). When
    /// the row after the header gives names `is_name` knows, two or more, and nothing else, each under a header cell
    /// that names nothing, the names complete the header and the row is no row of figures; otherwise it is left to
    /// be read.
    pub fn join_second_header_row(&mut self, is_name: &dyn Fn(&str) -> bool) {
        let mut row = Row::default();
        match self.raw_row(&mut row, &mut |_, _| false) {
            Ok(true) => {}
            Ok(false) => return,
            Err(f) => {
                self.deferred = Some(f);
                return;
            }
        }
        let cells: Vec<String> = row.fields.iter().map(|c| c.trim().to_string()).collect();
        let filled: Vec<usize> = (0..cells.len()).filter(|&i| !cells[i].is_empty()).collect();
        let names_nothing = |i: usize| self.header.get(i).is_none_or(|h| h.is_empty() || !is_name(h));
        // The header cell is looked at first: it is known at once, and a cell of figures is never looked up as a name.
        if filled.len() >= 2 && filled.iter().all(|&i| names_nothing(i) && is_name(&cells[i])) {
            for &i in &filled {
                if i >= self.header.len() {
                    self.header.resize(i + 1, String::new());
                }
                self.header[i] = cells[i].clone();
            }
            self.header_to = row.line;
        } else {
            self.pending.push_front(row);
        }
    }

    /// A place in this table.
    pub fn at(&self, line: u32, column: u32) -> Location {
        self.origin.at(line, column)
    }

    /// Reads the first lines of a text, recognises the delimiter from them, and keeps them to be read again.
    fn lines(
        file: &Arc<str>,
        source: Box<dyn TextSource + Send + 'a>,
        legacy: bool,
    ) -> Result<(Rows<'a>, Option<u8>, bool), Finding> {
        let mut lines = Lines::new(source);
        let mut peeked = VecDeque::new();
        let mut filled = 0;
        while filled <= MAX_TITLE_ROWS {
            match lines.next_line() {
                Ok(Some((n, l))) => {
                    filled += usize::from(!l.trim().is_empty());
                    peeked.push_back((n, l.to_string()));
                }
                Ok(None) => break,
                Err(e) => return Err(stream_finding(file, lines.line_number(), e)),
            }
        }
        if filled == 0 {
            return Err(Finding::new(Code::EmptyFile, Some(Location::file(file)), Detail::Empty));
        }
        let d = sniff_lines(peeked.iter().map(|(_, l)| l.as_str()))
            .map_err(|d| Finding::new(Code::NoDelimiter, Some(Location::file(file)), d))?;
        Ok((Rows::Lines { lines, delimiter: d, peeked }, Some(d), legacy))
    }

    /// Refuses a row beyond the limits, naming the place.
    fn within_limits(&self, row: &Row) -> Result<(), Finding> {
        if row.fields.len() > MAX_COLUMNS {
            return Err(Finding::new(
                Code::TooManyColumns,
                Some(self.origin.at(row.line, 0)),
                Detail::TooManyColumns { columns: row.fields.len() as u64, limit: MAX_COLUMNS as u64 },
            ));
        }
        // No field can be too large when all of them together are not.
        if row.fields.bytes() <= MAX_FIELD_BYTES {
            return Ok(());
        }
        if let Some(i) = row.fields.iter().position(|f| f.len() > MAX_FIELD_BYTES) {
            return Err(Finding::new(
                Code::FieldTooLarge,
                Some(self.origin.at(row.line, i as u32 + 1)),
                Detail::FieldTooLarge {
                    bytes: row.fields.get(i).map_or(0, str::len) as u64,
                    limit: MAX_FIELD_BYTES as u64,
                },
            ));
        }
        Ok(())
    }

    /// Reads the next row, blank or not; `false` at the end.
    fn raw_row(&mut self, row: &mut Row, taken: &mut impl FnMut(u32, Cells) -> bool) -> Result<bool, Finding> {
        let more = match self.read_row(row, taken) {
            Ok(more) => more,
            Err(f) => return Err(self.line_break_in_cell(f)),
        };
        if more {
            self.within_limits(row)?;
        }
        Ok(more)
    }

    /// Reads the next row into `row`. A row cut on the other thread that reads as it is written (its quotes
    /// closed, within the limits, not blank, and not in a legacy code page whose damage is looked for) is first
    /// offered to `taken`, which reads it itself and returns `true`, or leaves it to be read here.
    fn read_row(&mut self, row: &mut Row, taken: &mut impl FnMut(u32, Cells) -> bool) -> Result<bool, Finding> {
        let plain = !self.legacy;
        if let Some(r) = self.pending.pop_front() {
            *row = r;
            return Ok(true);
        }
        match &mut self.rows {
            Rows::Sheet(it) => match it.next() {
                None => Ok(false),
                Some((line, cells)) => {
                    row.line = line;
                    row.fields = Fields::from(cells);
                    Ok(true)
                }
            },
            Rows::Done => Ok(false),
            Rows::Lines { lines, delimiter, peeked } => {
                let (number, split) = match peeked.pop_front() {
                    Some((n, l)) => (n, split_fields(&l, *delimiter, &mut row.fields)),
                    None => match lines.next_line() {
                        Ok(Some((n, l))) => (n, split_fields(l, *delimiter, &mut row.fields)),
                        Ok(None) => return Ok(false),
                        Err(e) => {
                            let line = lines.line_number();
                            return Err(self.failed(line, e));
                        }
                    },
                };
                row.line = number;
                self.split(number, split)
            }
            Rows::Cut { delimiter, peeked, batches, spent, current, next } => {
                if let Some((n, l)) = peeked.pop_front() {
                    let split = split_fields(&l, *delimiter, &mut row.fields);
                    row.line = n;
                    return self.split(n, split);
                }
                loop {
                    if let Some(b) = current.as_mut() {
                        if *next < b.len() {
                            let (number, split, cells) = b.row(*next);
                            *next += 1;
                            if plain
                                && split.is_ok()
                                && cells.bytes() <= MAX_FIELD_BYTES
                                && cells.len() <= MAX_COLUMNS
                                && !cells.is_blank()
                                && taken(number, cells)
                            {
                                continue;
                            }
                            row.line = number;
                            row.fields.set(cells);
                            return self.split(number, split);
                        }
                        if let Some((line, e)) = b.failure.take() {
                            return Err(self.failed(line, e));
                        }
                        if b.last {
                            self.rows = Rows::Done;
                            return Ok(false);
                        }
                    }
                    if let Some(b) = current.take() {
                        let _ = spent.try_send(b);
                    }
                    match batches.recv() {
                        Ok(b) => {
                            *current = Some(b);
                            *next = 0;
                        }
                        Err(_) => {
                            // The cutting thread is gone: it ended, or could not be started.
                            self.rows = Rows::Done;
                            return match &self.failure {
                                Some(f) => Err(f.clone()),
                                None => Ok(false),
                            };
                        }
                    }
                }
            }
        }
    }

    /// A row cut into fields, or the quote it left open.
    fn split(&self, number: u32, split: Result<(), OpenQuote>) -> Result<bool, Finding> {
        match split {
            Ok(()) => Ok(true),
            Err(OpenQuote(column)) => Err(Finding::new(
                Code::MalformedCsv,
                Some(self.origin.at(number, u32::try_from(column).unwrap_or(u32::MAX))),
                Detail::QuoteLeftOpen,
            )),
        }
    }

    /// The reading stopped at a line: nothing more is read. A line too long is reported and the file read no
    /// further; text that cannot be read is a failure that stops the run.
    fn failed(&mut self, line: u32, e: StreamError) -> Finding {
        self.rows = Rows::Done;
        let f = stream_finding(&self.origin.file, line, e);
        if f.code != Code::FieldTooLarge {
            self.failure = Some(f.clone());
        }
        f
    }

    /// Cuts the rest of the lines into fields on a thread of `scope`, so that reading, decoding and cutting run
    /// beside the checks. A sheet is already in memory and stays as it is.
    pub fn cut_on<'scope>(&mut self, scope: &'scope std::thread::Scope<'scope, '_>)
    where
        'a: 'scope,
    {
        if !matches!(self.rows, Rows::Lines { .. }) {
            return;
        }
        let Rows::Lines { lines, delimiter, peeked } = std::mem::replace(&mut self.rows, Rows::Done) else {
            return;
        };
        let (tx, batches) = std::sync::mpsc::sync_channel(BATCHES_AHEAD);
        // Every batch read is given back to be filled again: the cutting thread takes one when it needs one.
        let (spent, spent_rx) = std::sync::mpsc::sync_channel(BATCHES_AHEAD + 2);
        // Named, so that a profile tells its work from the checks.
        let named = std::thread::Builder::new().name("cut rows".into());
        if let Err(e) = named.spawn_scoped(scope, move || cut_rows(lines, delimiter, tx, spent_rx)) {
            let at = Some(Location::file(&self.origin.file));
            self.failure = Some(Finding::new(Code::FileUnreadable, at, Detail::NoThread { reason: e.to_string() }));
        }
        self.rows = Rows::Cut { delimiter, peeked, batches, spent, current: None, next: 0 };
    }

    /// Whether reading has stopped (at the end, or at a line that could not be read).
    pub fn stopped(&self) -> bool {
        matches!(self.rows, Rows::Done)
    }

    /// Reads the next non-blank row into `row`; `false` at the end. Blank rows are counted and read past.
    pub fn next_row(&mut self, row: &mut Row) -> Result<bool, Finding> {
        self.next_row_or(row, &mut |_, _| false)
    }

    /// As [`Table::next_row`], but a row that reads as it is written is first offered to `taken` (see
    /// [`Table::read_row`]); the rows it takes are not given in `row`. Blank rows are never offered: they are
    /// counted here.
    pub fn next_row_or(&mut self, row: &mut Row, taken: &mut impl FnMut(u32, Cells) -> bool) -> Result<bool, Finding> {
        if let Some(f) = self.deferred.take() {
            return Err(f);
        }
        loop {
            if !self.raw_row(row, taken)? {
                return Ok(false);
            }
            if row.is_blank() {
                self.blank_rows += 1;
                continue;
            }
            if self.legacy {
                self.check_damage(row);
            }
            return Ok(true);
        }
    }

    /// A quote left open on the line after one that left a quote open closes the cell the first opened: a cell
    /// in quotes that holds a line break (Alt+Enter in Excel). The second says so, naming the first.
    fn line_break_in_cell(&mut self, mut f: Finding) -> Finding {
        if let (Code::MalformedCsv, Detail::QuoteLeftOpen, Some(at)) = (f.code, &f.detail, &f.location) {
            let line = at.line;
            if self.quote_open_at.is_some_and(|opened| opened + 1 == line) {
                f.detail = Detail::LineBreakInCell { opened_at: line - 1 };
                self.quote_open_at = None;
            } else {
                self.quote_open_at = Some(line);
            }
        }
        f
    }

    /// Notes cells whose letters a legacy export destroyed.
    fn check_damage(&mut self, row: &Row) {
        if !self.legacy {
            return;
        }
        for (i, f) in row.fields.iter().enumerate() {
            if looks_damaged(f) {
                self.damaged_cells += 1;
                if self.damage.is_none() {
                    self.damage = Some((self.origin.at(row.line, i as u32 + 1), shorten(f.trim())));
                }
            }
        }
    }

    /// Warnings about the table as a whole, once it has been read: title rows read past, letters destroyed.
    pub fn findings(&self, encoding: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        if let Some((first, _)) = self.title_rows.first() {
            let rows = self
                .title_rows
                .iter()
                .map(|(l, cells)| (*l, cells.iter().find(|c| !c.is_empty()).map_or(String::new(), |c| shorten(c))))
                .collect();
            out.push(Finding::new(
                Code::TitleRows,
                Some(self.at(*first, 0)),
                Detail::TitleRows { header_line: self.header_line, rows },
            ));
        }
        if let Some((at, cell)) = &self.damage {
            out.push(Finding::new(
                Code::DamagedLetters,
                Some(at.clone()),
                Detail::DamagedLetters {
                    cell: cell.clone(),
                    others: self.damaged_cells.saturating_sub(1) as u64,
                    encoding: encoding.to_string(),
                },
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::delimiter::sniff_delimiter;
    use std::sync::Arc;

    fn text_table<'a>(text: &'a str, header_word: &'a str) -> Table<'a> {
        let f: Arc<str> = "t.csv".into();
        let is_header = |cells: &[String]| cells.iter().any(|c| c == header_word);
        Table::open(Origin::file(&f), Body::Text { text, legacy: false }, &is_header).unwrap()
    }

    fn rest(t: &mut Table) -> Vec<(u32, String)> {
        let mut r = Row::default();
        let mut seen = vec![];
        while t.next_row(&mut r).unwrap() {
            seen.push((r.line, r.get(0).to_string()));
        }
        seen
    }

    #[test]
    fn recognises_the_delimiter_from_the_header() {
        assert_eq!(sniff_delimiter("a,b,c\n1;2;3;4;5"), Ok(b';'), "the widest of the first lines");
        assert_eq!(sniff_delimiter("\n\na;b;\"c,d\"\n"), Ok(b';'));
        assert_eq!(sniff_delimiter("Протокол, 2025\nx;y;z\n"), Ok(b';'));
        assert_eq!(sniff_delimiter("a\tb"), Ok(b'\t'));
        assert!(sniff_delimiter("a,b;c").is_err());
        assert!(sniff_delimiter("abc").is_err());
    }

    #[test]
    fn reads_rows_with_their_lines_and_counts_blank_ones() {
        let mut t = text_table("\r\n\"x\";y\r\n1;2\r\n\r\n;;\r\n3;4\r\n", "x");
        assert_eq!((t.header.clone(), t.header_line, t.delimiter), (vec!["x".into(), "y".into()], 2, Some(b';')));
        assert_eq!(rest(&mut t), vec![(3, "1".into()), (6, "3".into())]);
        assert_eq!(t.blank_rows, 1, "a row of empty fields is blank; an empty line is not a row at all");
    }

    #[test]
    fn reads_past_a_title_above_the_header() {
        let mut t = text_table("Протокол;;\nЖамбыл ауданы;;\n\nx;y;z\n1;2;3\n", "x");
        assert_eq!((t.header_line, t.title_rows.len()), (4, 2));
        assert_eq!(rest(&mut t), vec![(5, "1".into())]);
        assert_eq!(t.findings("utf-8")[0].code, Code::TitleRows);
        // Without a recognisable header, the first row is the header and nothing is lost.
        let mut t = text_table("a;b\n1;2\n3;4\n", "x");
        assert_eq!((t.header_line, t.title_rows.len()), (1, 0));
        assert_eq!(rest(&mut t), vec![(2, "1".into()), (3, "3".into())]);
    }

    #[test]
    fn refuses_an_unclosed_quote() {
        let f: Arc<str> = "t.csv".into();
        let open = |text| Table::open(Origin::file(&f), Body::Text { text, legacy: false }, &|_: &[String]| true);
        // Open to the end of the file, or closed on a later line: either way the quote is open on its own line.
        for (text, line, column) in [("a,b\n1,2\n3,\"4", 3, 2), ("a,b\n1,\"2\n3,4\"\n", 2, 2)] {
            let Ok(mut t) = open(text) else { panic!("opens") };
            let mut r = Row::default();
            let err = loop {
                match t.next_row(&mut r) {
                    Ok(true) => {}
                    Ok(false) => panic!("refused"),
                    Err(e) => break e,
                }
            };
            let at = err.location.unwrap();
            assert_eq!((err.code, at.line, at.column), (Code::MalformedCsv, line, column), "{text}");
        }
    }

    #[test]
    fn reads_a_sheet_with_its_row_numbers() {
        let sheet = Sheet {
            name: "Лист1".into(),
            rows: vec![(3, vec!["".into(), "x".into()]), (4, vec!["".into(), "1".into()])],
        };
        let f: Arc<str> = "b.xlsx".into();
        let origin = Origin { file: f, sheet: Some("Лист1".into()) };
        let mut t = Table::open(origin, Body::Sheet(sheet), &|c: &[String]| c.iter().any(|c| c == "x")).unwrap();
        assert_eq!((t.header_line, t.delimiter), (3, None));
        let mut r = Row::default();
        assert!(t.next_row(&mut r).unwrap());
        assert_eq!((r.line, r.get(1)), (4, "1"));
        assert_eq!(t.at(r.line, 2).to_string(), "b.xlsx:Лист1!B4");
    }
}
