//! Workbooks read directly (.xlsx, .xls, .ods): the way around every encoding and delimiter problem.
//!
//! A sheet becomes rows of text cells, as the CSV reader gives them, with each cell at its own column index
//! (column A is field 0) and each row at its own sheet row number, so diagnostics can say `Sheet1!D7`.

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, Reader, SheetType, SheetVisible, open_workbook_auto_from_rs};

use crate::check::WorkbookTrouble;
use crate::input::compound::{Unsound, xls_unsound};

/// What kind of workbook the bytes are, by their signature, whatever the file is called.
pub fn kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some("an .xlsx or .ods workbook (a zip archive)")
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some("an .xls workbook")
    } else {
        None
    }
}

/// The name of the stream an encrypted (password-protected) Office file keeps its contents in, as the compound
/// file's directory writes it (UTF-16LE).
const ENCRYPTED: &[u8] = b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";

/// One sheet as rows of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The sheet's name.
    pub name: String,
    /// Rows: (sheet row number, cells from column A).
    pub rows: Vec<(u32, Vec<String>)>,
}

/// A cell as text, the way a person reads it: whole numbers without a decimal point; anything that is not a
/// whole number keeps its decimals (and is then refused as a count).
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 => format!("{}", *f as i64),
        // Above 2^53 a workbook's number is already rounded: written with its exponent, it is refused as a count
        // (E201) instead of being read as a figure it does not hold.
        Data::Float(f) if f.fract() == 0.0 => format!("{f:e}"),
        Data::Float(f) => format!("{f}"),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => format!("date {}", d.as_f64()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Reads the sheets of a workbook: the ones named, in the order named, or else every visible worksheet in order (a
/// hidden sheet, with stale figures or a scratch copy, is read only when named).
pub fn read_sheets(bytes: &[u8], wanted: &[String]) -> Result<Vec<Sheet>, WorkbookTrouble> {
    if kind(bytes) == Some("an .xls workbook") {
        // Encrypted, its cells cannot be looked at.
        if memchr::memmem::find(bytes, ENCRYPTED).is_some() {
            return Err(WorkbookTrouble::Encrypted);
        }
        let limit = cells_limit(bytes.len() as u64);
        match xls_unsound(bytes, limit) {
            Err(Unsound::Loops(at)) => return Err(WorkbookTrouble::SectorLoop(at)),
            Err(Unsound::Cells(cells)) => return Err(WorkbookTrouble::TooManyCells { cells, limit }),
            Ok(()) => {}
        }
    }
    if bytes.starts_with(b"PK\x03\x04") {
        declared_within_reason(bytes)?;
    }
    // A malformed workbook must give an error, not take the whole run down: the reader is a third-party parser,
    // and fuzzing found inputs that make it panic (an .xls whose sectors point past its end). Its panics are
    // silenced on this thread for this call only, so that the user sees our coded error and not a panic message.
    let _quiet = QuietPanics::on();
    let read = catch_unwind(AssertUnwindSafe(|| -> Result<Vec<Sheet>, WorkbookTrouble> {
        let mut book =
            open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| WorkbookTrouble::CannotOpen(e.to_string()))?;
        let names = book.sheet_names();
        let chosen: Vec<String> = match wanted {
            [_, ..] => wanted
                .iter()
                .map(|w| {
                    names
                        .iter()
                        .find(|n| n.as_str() == w || n.trim().to_lowercase() == w.trim().to_lowercase())
                        .cloned()
                        .ok_or_else(|| WorkbookTrouble::NoSuchSheet { wanted: w.to_string(), sheets: names.clone() })
                })
                .collect::<Result<_, _>>()?,
            [] => book
                .sheets_metadata()
                .iter()
                .filter(|s| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet)
                .map(|s| s.name.clone())
                .collect(),
        };
        if chosen.is_empty() {
            return Err(WorkbookTrouble::NoVisibleSheet);
        }
        chosen.into_iter().map(|name| read_named(&mut book, name)).collect()
    }));
    read.unwrap_or(Err(WorkbookTrouble::ReaderFailed))
}

/// One sheet of an open workbook, by name.
fn read_named(book: &mut calamine::Sheets<Cursor<&[u8]>>, name: String) -> Result<Sheet, WorkbookTrouble> {
    // An .xlsx sheet is read cell by cell: a range of it would be allocated whole, rows × columns, and one far
    // cell (XFD1048576) in a 3 KB file would ask for hundreds of gigabytes.
    let unreadable =
        |e: &dyn std::fmt::Display| WorkbookTrouble::CannotReadSheet { sheet: name.clone(), reason: e.to_string() };
    if let calamine::Sheets::Xlsx(xlsx) = book {
        let mut cells = xlsx.worksheet_cells_reader(&name).map_err(|e| unreadable(&e))?;
        let mut sparse = Vec::new();
        while let Some(cell) = cells.next_cell_with_formula_metadata().map_err(|e| unreadable(&e))? {
            let mut text = cell_text(&Data::from(cell.value.clone()));
            // A formula whose value was never calculated and stored (a sheet made by a program, not saved by a
            // spreadsheet) is shown as the formula, and refused as a count, never read as a blank.
            if text.is_empty()
                && let Some(formula) = &cell.formula
            {
                text = match formula {
                    calamine::XlsxFormulaMetadata::Normal { formula }
                    | calamine::XlsxFormulaMetadata::Shared { formula, .. } => format!("={formula}"),
                    // A cell derived from a shared formula (and any kind a later reader adds): its text is not kept.
                    _ => "=…".to_string(),
                };
            }
            if !text.is_empty() {
                sparse.push((cell.pos, text));
            }
        }
        return Ok(Sheet { rows: rows_of(sparse)?, name });
    }
    let range = book.worksheet_range(&name).map_err(|e| unreadable(&e))?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut fields = vec![String::new(); col0 as usize];
            fields.extend(cells.iter().map(cell_text));
            while fields.last().is_some_and(String::is_empty) {
                fields.pop();
            }
            (row0.saturating_add(i as u32).saturating_add(1), fields)
        })
        .collect();
    Ok(Sheet { name, rows })
}

/// The most columns a returns sheet may use, as in text files.
const MAX_SHEET_COLUMNS: u32 = 4_096;

/// The rows of a sheet from its non-blank cells ((row, column) from 0, and text), in row order as a person sees
/// them, numbered from 1. Short runs of blank rows between are kept as blank rows (they are counted as such);
/// a far gap is not filled.
fn rows_of(mut cells: Vec<((u32, u32), String)>) -> Result<Vec<(u32, Vec<String>)>, WorkbookTrouble> {
    cells.sort_by_key(|(at, _)| *at);
    let mut rows: Vec<(u32, Vec<String>)> = Vec::new();
    for ((r, c), text) in cells {
        if c >= MAX_SHEET_COLUMNS {
            return Err(WorkbookTrouble::FarColumn {
                row: r as u64 + 1,
                column: c as u64 + 1,
                limit: MAX_SHEET_COLUMNS.into(),
            });
        }
        let line = r.saturating_add(1);
        let last = rows.last().map_or(0, |(l, _)| *l);
        if rows.last().is_none_or(|(l, _)| *l != line) {
            if line > last + 1 && line - last <= 1_000 {
                rows.extend((last + 1..line).map(|l| (l, Vec::new())));
            }
            rows.push((line, Vec::new()));
        }
        if let Some((_, fields)) = rows.last_mut() {
            fields.resize(c as usize, String::new());
            fields.push(text);
        }
    }
    Ok(rows)
}

/// Refuses a zip workbook cut short (its directory cannot be read), and an .xlsx whose shared strings declare far
/// more entries than its bytes could hold: the reader reserves room for them at once, and
/// `uniqueCount="4294967295"` in a 2 KB file would abort the run.
fn declared_within_reason(bytes: &[u8]) -> Result<(), WorkbookTrouble> {
    // A zip whose directory cannot be read is cut short: an incomplete copy or download.
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Err(WorkbookTrouble::CutShort) };
    if let Ok(content) = zip.by_name("content.xml") {
        return ods_within_reason(content);
    }
    let Ok(entry) = zip.by_name("xl/sharedStrings.xml") else { return Ok(()) };
    let size = entry.size();
    let mut head = Vec::new();
    // The count stands in the first element.
    let _ = std::io::Read::read_to_end(&mut std::io::Read::take(entry, 4096), &mut head);
    let head = String::from_utf8_lossy(&head);
    for attr in ["uniqueCount=\"", "count=\""] {
        let declared = head.find(attr).and_then(|i| {
            let rest = &head[i + attr.len()..];
            rest[..rest.find('"')?].parse::<u64>().ok()
        });
        // Each shared string takes at least `<si><t/></si>`: 12 bytes.
        if let Some(n) = declared.filter(|&n| n > size / 12 + 1) {
            return Err(WorkbookTrouble::SharedStrings { declared: n, bytes: size });
        }
    }
    Ok(())
}

/// The fewest cells a workbook's sheets may span whatever its size: ten times the largest sheet of returns a
/// raion has.
const CELLS_FLOOR: u64 = 500_000;

/// The most cells a workbook's sheets may span from their first to their last cell, for `bytes` of content: a
/// cell takes more than 16 bytes of content unless rows or cells are repeated or far apart.
fn cells_limit(bytes: u64) -> u64 {
    CELLS_FLOOR.max(bytes.saturating_mul(16))
}

/// Refuses an .ods whose sheets span far more cells than its content could fill, or whose content ends inside a
/// sheet (the reader would wait for the sheet's end forever). The reader makes each sheet a
/// table of every row and column between its first and last cell, and an .ods may repeat a row or a cell any
/// number of times (`table:number-rows-repeated="1048000"`): 1 KB would ask for gigabytes. The content is read as
/// a stream of tags, never held whole, counting the rows and columns its non-blank cells reach.
fn ods_within_reason(content: impl std::io::Read) -> Result<(), WorkbookTrouble> {
    let mut span = OdsSpan::default();
    let mut bytes = 0u64;
    let mut pending: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    let mut reader = content;
    loop {
        let n = match std::io::Read::read(&mut reader, &mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            // A part that cannot be inflated: the reader will say what is wrong with it.
            Err(_) => return Ok(()),
        };
        bytes += n as u64;
        pending.extend_from_slice(&chunk[..n]);
        let (mut done, mut unfinished) = (0, None);
        while let Some(open) = memchr::memchr(b'<', &pending[done..]).map(|i| done + i) {
            let Some(close) = tag_end(&pending, open) else {
                unfinished = Some(open);
                break;
            };
            span.tag(&pending[open + 1..close]);
            done = close + 1;
        }
        match unfinished {
            // A tag still open after a whole chunk: no workbook has one, and the reader would read to the end
            // inside it.
            Some(open) if pending.len() - open > chunk.len() => return Err(WorkbookTrouble::SheetNotClosed),
            // The start of a tag the next chunk ends.
            Some(open) => drop(pending.drain(..open)),
            None => pending.clear(),
        }
    }
    if span.open_tables > 0 {
        return Err(WorkbookTrouble::SheetNotClosed);
    }
    let (cells, limit) = (span.finish(), cells_limit(bytes));
    if cells > limit {
        return Err(WorkbookTrouble::TooManyCells { cells, limit });
    }
    Ok(())
}

/// Where the tag that starts at `open` ends (its `>`), as an XML reader finds it: past quoted attribute values, and
/// for a comment, a CDATA section or a processing instruction, at its own end mark. `None` when it does not end in
/// `text`. A `>` inside quotes ends nothing: seen as an end, it would let a sheet's closing tag that the reader
/// takes for an attribute's text count as closing the sheet.
fn tag_end(text: &[u8], open: usize) -> Option<usize> {
    let rest = &text[open + 1..];
    for (start, end) in [(&b"!--"[..], &b"-->"[..]), (b"![CDATA[", b"]]>"), (b"?", b"?>")] {
        if rest.starts_with(start) {
            let after = open + 1 + start.len();
            return memchr::memmem::find(&text[after..], end).map(|i| after + i + end.len() - 1);
        }
    }
    let mut quote = None;
    for (i, &b) in rest.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(open + 1 + i),
            _ => {}
        }
    }
    None
}

/// The rows and columns an .ods's non-blank cells reach, sheet by sheet, from its tags.
#[derive(Default)]
struct OdsSpan {
    /// Sheets opened and not yet closed: one left open at the end would make the reader wait for its end forever.
    open_tables: u32,
    /// Cells spanned by the sheets before this one.
    cells: u64,
    /// This sheet: the row the next row starts at, and the rows and columns its non-blank cells reach.
    row: u64,
    rows: u64,
    columns: u64,
    /// This row: how many times it repeats, the column the next cell starts at, and whether it has a non-blank cell.
    repeat: u64,
    column: u64,
    filled: bool,
}

impl OdsSpan {
    fn tag(&mut self, tag: &[u8]) {
        let closed = tag.ends_with(b"/");
        let named = |name: &[u8]| {
            tag.starts_with(name) && tag.get(name.len()).is_none_or(|c| c.is_ascii_whitespace() || *c == b'/')
        };
        if named(b"table:table") {
            self.cells = self.finish();
            self.open_tables += u32::from(!closed);
        } else if named(b"/table:table") {
            self.open_tables = self.open_tables.saturating_sub(1);
        } else if named(b"table:table-row") {
            self.repeat = repeated(tag, b"table:number-rows-repeated=\"");
            (self.column, self.filled) = (0, false);
            if closed {
                self.end_row();
            }
        } else if named(b"/table:table-row") {
            self.end_row();
        } else if named(b"table:table-cell") || named(b"table:covered-table-cell") {
            let times = repeated(tag, b"table:number-columns-repeated=\"");
            // A cell with a value, or with content between its tags, is not blank.
            if !closed || memchr::memmem::find(tag, b"office:value-type=").is_some() {
                self.columns = self.columns.max(self.column.saturating_add(times));
                self.filled = true;
            }
            self.column = self.column.saturating_add(times);
        }
    }

    fn end_row(&mut self) {
        self.row = self.row.saturating_add(self.repeat.max(1));
        if self.filled {
            self.rows = self.row;
        }
        self.filled = false;
    }

    /// The cells spanned so far, this sheet's included; the next sheet starts afresh.
    fn finish(&mut self) -> u64 {
        let cells = self.cells.saturating_add(self.rows.saturating_mul(self.columns));
        *self = OdsSpan { cells, open_tables: self.open_tables, ..OdsSpan::default() };
        cells
    }
}

/// The number an attribute of a tag gives (1 when it is absent or not a number).
fn repeated(tag: &[u8], attr: &[u8]) -> u64 {
    let Some(at) = memchr::memmem::find(tag, attr) else { return 1 };
    let digits = &tag[at + attr.len()..];
    let end = digits.iter().position(|c| !c.is_ascii_digit()).unwrap_or(digits.len());
    std::str::from_utf8(&digits[..end]).ok().and_then(|d| d.parse().ok()).unwrap_or(1)
}

thread_local! {
    /// Whether a panic on this thread is the workbook reader's, caught and reported as a coded error.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Silences panics on the current thread while it lives. The process-wide hook is installed once and asks the
/// thread: several files read at once (`--jobs`) never swap the hook under each other, and a panic anywhere else
/// is printed as it would be.
struct QuietPanics;

impl QuietPanics {
    fn on() -> QuietPanics {
        static INSTALL: std::sync::Once = std::sync::Once::new();
        INSTALL.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if !QUIET.with(|q| q.get()) {
                    previous(info);
                }
            }));
        });
        QUIET.with(|q| q.set(true));
        QuietPanics
    }
}

impl Drop for QuietPanics {
    fn drop(&mut self) {
        QUIET.with(|q| q.set(false));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_cells_as_a_person_reads_them() {
        assert_eq!(cell_text(&Data::Float(412.0)), "412");
        assert_eq!(cell_text(&Data::Float(1.5)), "1.5");
        assert_eq!(cell_text(&Data::Int(7)), "7");
        assert_eq!(cell_text(&Data::String(" 0101 ".into())), " 0101 ");
        assert_eq!(cell_text(&Data::Empty), "");
        // Above 2^53 the figure is already rounded: shown so that it is refused as a count, not read as another.
        assert_eq!(cell_text(&Data::Float(2f64.powi(60))), "1.152921504606847e18");
    }

    #[test]
    fn rows_come_from_cells_without_allocating_the_empty_sheet_between() {
        let cells = vec![((2, 1), "b".to_string()), ((0, 0), "a".to_string()), ((1_000_000, 3), "far".to_string())];
        let rows = rows_of(cells).unwrap();
        assert_eq!(rows[0], (1, vec!["a".to_string()]));
        assert_eq!(rows[1], (2, vec![]), "a short gap is kept as a blank row");
        assert_eq!(rows[2], (3, vec![String::new(), "b".to_string()]));
        assert_eq!(rows[3].0, 1_000_001, "a far gap is not filled");
        assert_eq!(rows.len(), 4);
        assert!(matches!(
            rows_of(vec![((0, 16_383), "x".to_string())]),
            Err(WorkbookTrouble::FarColumn { row: 1, column: 16384, .. })
        ));
    }

    /// A compound file of 512-byte sectors whose sector table is sector 0, with `table` at its start.
    fn compound_file(table: &[u32], sectors: usize) -> Vec<u8> {
        let mut b = vec![0u8; 512 * (sectors + 1)];
        b[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        b[30..32].copy_from_slice(&9u16.to_le_bytes());
        b[44..48].copy_from_slice(&1u32.to_le_bytes());
        b[48..52].copy_from_slice(&1u32.to_le_bytes());
        b[68..72].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
        for k in 0..109 {
            let at = if k == 0 { 0 } else { 0xFFFF_FFFF };
            b[76 + 4 * k..80 + 4 * k].copy_from_slice(&u32::to_le_bytes(at));
        }
        for k in 0..128 {
            let v = table.get(k).copied().unwrap_or(0xFFFF_FFFF);
            b[512 + 4 * k..516 + 4 * k].copy_from_slice(&v.to_le_bytes());
        }
        b
    }

    #[test]
    fn a_workbook_cut_short_or_under_a_password_says_so() {
        let whole = include_bytes!("../../fixtures/exports/returns.xlsx");
        assert_eq!(read_sheets(&whole[..whole.len() / 2], &[]).unwrap_err(), WorkbookTrouble::CutShort);
        let mut encrypted = compound_file(&[0xFFFF_FFFD, 0xFFFF_FFFE], 1);
        encrypted.extend_from_slice(ENCRYPTED);
        assert_eq!(read_sheets(&encrypted, &[]).unwrap_err(), WorkbookTrouble::Encrypted);
        assert!(read_sheets(whole, &[]).is_ok());
    }

    #[test]
    fn an_ods_repeating_rows_of_figures_is_refused_and_one_repeating_blank_rows_is_not() {
        let sheet = |rows: &str| {
            format!(
                "<office:document-content><office:body><table:table table:name=\"A\">\
                 <table:table-row><table:table-cell office:value-type=\"string\"><text:p>precinct_id</text:p>\
                 </table:table-cell><table:table-cell table:number-columns-repeated=\"16383\"/></table:table-row>\
                 {rows}</table:table></office:body></office:document-content>"
            )
        };
        // As LibreOffice writes every sheet: the blank rows and columns to the sheet's edge, repeated.
        let blank_to_the_edge = sheet(
            "<table:table-row table:number-rows-repeated=\"1048575\"><table:table-cell \
             table:number-columns-repeated=\"16384\"/></table:table-row>",
        );
        assert_eq!(ods_within_reason(blank_to_the_edge.as_bytes()), Ok(()));
        let figures = sheet(
            "<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell \
             office:value-type=\"float\" office:value=\"1\"/></table:table-row>\
             <table:table-row><table:table-cell table:number-columns-repeated=\"3\" office:value-type=\"float\" \
             office:value=\"0\"/></table:table-row>",
        );
        // 1,048,002 rows reached, 3 columns.
        assert_eq!(
            ods_within_reason(figures.as_bytes()),
            Err(WorkbookTrouble::TooManyCells { cells: 3_144_006, limit: CELLS_FLOOR })
        );
        // A sheet never closed.
        let cut = figures.replace("</table:table>", "");
        assert_eq!(ods_within_reason(cut.as_bytes()), Err(WorkbookTrouble::SheetNotClosed));
        // A sheet whose closing tag stands inside an attribute's quotes, where the reader takes it for text (found
        // by fuzzing), is not closed; nor is one closed only inside a comment.
        let quoted = figures.replace("</table:table>", "<x a=\"</table:table>\"/>");
        assert_eq!(ods_within_reason(quoted.as_bytes()), Err(WorkbookTrouble::SheetNotClosed));
        let commented = figures.replace("</table:table>", "<!-- a > b </table:table> -->");
        assert_eq!(ods_within_reason(commented.as_bytes()), Err(WorkbookTrouble::SheetNotClosed));
        // Read a byte at a time, a tag cut anywhere is put together again.
        let one_by_one = std::io::BufReader::with_capacity(1, figures.as_bytes());
        assert!(ods_within_reason(one_by_one).is_err());
    }

    #[test]
    fn an_xls_with_one_far_cell_is_refused_and_a_real_one_is_not() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let real = std::fs::read(root.join("fixtures/exports/returns.xls")).unwrap();
        // The exports fixture: 13 rows of 13 columns on its sheet (a title row, the header, 11 precincts).
        let Err(Unsound::Cells(spanned)) = xls_unsound(&real, 0) else { panic!("its workbook stream is read") };
        assert!((100..1_000).contains(&spanned), "{spanned}");
        assert!(read_sheets(&real, &[]).is_ok());
        let far = std::fs::read(root.join("fuzz/regressions/xls-with-one-far-cell.xls")).unwrap();
        // Its far cell is at row 65,533 (from 1), column 256.
        assert_eq!(xls_unsound(&far, 0), Err(Unsound::Cells(65_533 * 256)));
        assert!(matches!(read_sheets(&far, &[]), Err(WorkbookTrouble::TooManyCells { cells: 16_776_448, .. })));
        // Found by fuzzing: a dimensions record declaring billions of cells, which the reader reserves at once.
        let vast = std::fs::read(root.join("fuzz/regressions/decode-xls-declaring-a-vast-sheet.xls")).unwrap();
        assert!(matches!(read_sheets(&vast, &[]), Err(WorkbookTrouble::TooManyCells { cells, .. }) if cells > 1 << 32));
    }

    #[test]
    fn refuses_an_xls_whose_sectors_loop_instead_of_filling_memory() {
        // Sector 0 is the table; the directory starts at sector 1, whose chain goes 1 → 2 → 1 → …
        let looping = compound_file(&[0xFFFF_FFFD, 2, 1], 3);
        assert_eq!(xls_unsound(&looping, u64::MAX), Err(Unsound::Loops(1)));
        assert_eq!(read_sheets(&looping, &[]).unwrap_err(), WorkbookTrouble::SectorLoop(1));
        // The same chain ending: no loop (the reader then says what else is wrong).
        assert_eq!(xls_unsound(&compound_file(&[0xFFFF_FFFD, 2, 0xFFFF_FFFE], 3), u64::MAX), Ok(()));
    }

    #[test]
    fn a_reader_that_panics_gives_an_error_and_leaves_panics_printed_elsewhere() {
        let damaged = include_bytes!("../../fuzz/regressions/decode-xls-sectors-past-the-end.xls");
        // Read on several threads at once, as --jobs does: each gets its error, none leaves panics silenced.
        let threads: Vec<_> = (0..4).map(|_| std::thread::spawn(|| read_sheets(damaged, &[]))).collect();
        for t in threads {
            let e = t.join().expect("the reader's panic is caught").unwrap_err();
            assert_eq!(e, WorkbookTrouble::ReaderFailed);
        }
        assert!(read_sheets(damaged, &[]).is_err());
        assert!(!QUIET.with(|q| q.get()), "silenced only while the reader runs");
    }

    #[test]
    fn refuses_what_is_not_a_workbook() {
        assert_eq!(kind(b"precinct_id,x\n"), None);
        assert!(read_sheets(b"PK\x03\x04 not really a zip", &[]).is_err());
    }
}
