//! A delimited text table: the delimiter recognised from the header line, the header, then rows one at a time,
//! each with the line an editor shows it on.

use std::sync::Arc;

use crate::check::{Code, Finding};
use crate::model::Location;

/// A delimiter recognised from the header line.
pub fn sniff_delimiter(text: &str) -> Result<u8, String> {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header.bytes() {
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
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    match counts {
        [(_, 0), ..] => Err("no `,`, `;` or tab in the header line: is this a CSV file with a header?".into()),
        [(a, n), (b, m), _] if n == m => Err(format!(
            "the header line has as many {} as {}: cannot tell which one separates the columns",
            delimiter_name(a),
            delimiter_name(b)
        )),
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

/// One row of a table.
#[derive(Debug, Default)]
pub struct Row {
    /// The line it starts on (1-based).
    pub line: u32,
    /// Its fields, untrimmed.
    pub fields: csv::StringRecord,
}

impl Row {
    /// A field, or "" past the end.
    pub fn get(&self, i: usize) -> &str {
        self.fields.get(i).unwrap_or("")
    }

    /// Whether every field is blank.
    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.trim().is_empty())
    }
}

/// A table being read.
pub struct Table<'a> {
    /// The file as the user named it.
    pub file: Arc<str>,
    /// The delimiter.
    pub delimiter: u8,
    /// The header cells.
    pub header: Vec<String>,
    /// The line of the header.
    pub header_line: u32,
    text: &'a [u8],
    reader: csv::Reader<&'a [u8]>,
}

impl<'a> Table<'a> {
    /// Opens a table over text: recognises the delimiter and reads the header.
    pub fn open(file: &Arc<str>, text: &'a str) -> Result<Table<'a>, Finding> {
        let at_file = || Some(Location::file(file));
        if text.trim().is_empty() {
            return Err(Finding::new(Code::EmptyFile, at_file(), "the file is empty: expected a header line and rows"));
        }
        let delimiter = sniff_delimiter(text).map_err(|m| Finding::new(Code::NoDelimiter, at_file(), m))?;
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut table = Table {
            file: Arc::clone(file),
            delimiter,
            header: Vec::new(),
            header_line: 0,
            text: text.as_bytes(),
            reader,
        };
        let mut row = Row::default();
        loop {
            if !table.next_row(&mut row)? {
                return Err(Finding::new(Code::EmptyFile, at_file(), "the file has no header line"));
            }
            if !row.is_blank() {
                break;
            }
        }
        table.header = row.fields.iter().map(|h| h.trim().to_string()).collect();
        table.header_line = row.line;
        Ok(table)
    }

    /// The line a record starts on. The reader's position is taken before the blank lines it skips, so those
    /// are counted here.
    fn line_of(&self, pos: Option<&csv::Position>) -> u32 {
        let Some(p) = pos else { return 0 };
        let start = usize::try_from(p.byte()).unwrap_or(usize::MAX).min(self.text.len());
        let skipped =
            self.text[start..].iter().take_while(|b| matches!(b, b'\r' | b'\n')).filter(|&&b| b == b'\n').count();
        u32::try_from(p.line() + skipped as u64).unwrap_or(u32::MAX)
    }

    /// Reads the next row into `row`; `false` at the end. A field that spans lines is refused: in a table of counts
    /// it is almost always an unbalanced quote that swallowed the rows after it.
    pub fn next_row(&mut self, row: &mut Row) -> Result<bool, Finding> {
        match self.reader.read_record(&mut row.fields) {
            Ok(false) => Ok(false),
            Ok(true) => {
                row.line = self.line_of(row.fields.position());
                if let Some(col) = row.fields.iter().position(|f| f.contains(['\n', '\r'])) {
                    return Err(Finding::new(
                        Code::MalformedCsv,
                        Some(Location::new(&self.file, row.line, col as u32 + 1)),
                        "a quoted field runs over several lines: a quote is probably not closed; \
                         every field must be on one line",
                    ));
                }
                Ok(true)
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line()).try_into().unwrap_or(u32::MAX);
                Err(Finding::new(Code::MalformedCsv, Some(Location::new(&self.file, line, 0)), e.to_string()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_the_delimiter_from_the_header() {
        assert_eq!(sniff_delimiter("a,b,c\n1;2;3;4;5"), Ok(b','));
        assert_eq!(sniff_delimiter("\n\na;b;\"c,d\"\n"), Ok(b';'));
        assert_eq!(sniff_delimiter("a\tb"), Ok(b'\t'));
        assert!(sniff_delimiter("a,b;c").is_err());
        assert!(sniff_delimiter("abc").is_err());
    }

    #[test]
    fn reads_rows_with_their_lines() {
        let f: Arc<str> = "t.csv".into();
        let mut t = Table::open(&f, "\r\n\"x\";y\r\n1;2\r\n\r\n3;4\r\n").unwrap();
        assert_eq!((t.header.clone(), t.header_line, t.delimiter), (vec!["x".into(), "y".into()], 2, b';'));
        let mut r = Row::default();
        let mut seen = vec![];
        while t.next_row(&mut r).unwrap() {
            seen.push((r.line, r.get(0).to_string(), r.is_blank()));
        }
        assert_eq!(seen, vec![(3, "1".into(), false), (5, "3".into(), false)]);
    }

    #[test]
    fn refuses_an_unclosed_quote() {
        let f: Arc<str> = "t.csv".into();
        let mut t = Table::open(&f, "a,b\n1,\"2\n3,4\n").unwrap();
        let err = t.next_row(&mut Row::default()).unwrap_err();
        assert_eq!((err.code, err.location.unwrap().line), (Code::MalformedCsv, 2));
    }
}
