//! Workbooks read directly (.xlsx, .xls, .ods): the way around every encoding and delimiter problem.
//!
//! A sheet becomes rows of text cells, as the CSV reader gives them, with each cell at its own column index
//! (column A is field 0) and each row at its own sheet row number, so diagnostics can say `Sheet1!D7`.

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, Reader, open_workbook_auto_from_rs};

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
        Data::Float(f) => format!("{f}"),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => format!("date {}", d.as_f64()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Reads one sheet (the first, or the one named) of a workbook.
pub fn read_sheet(bytes: &[u8], wanted: Option<&str>) -> Result<Sheet, String> {
    // A malformed workbook must give an error, not take the whole run down: the reader is a third-party parser,
    // and fuzzing found inputs that make it panic (an .xls whose sectors point past its end). The panic hook is
    // silenced for this call only, so that the user sees our coded error and not a panic message.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let read = catch_unwind(AssertUnwindSafe(|| -> Result<Sheet, String> {
        let mut book =
            open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| format!("cannot open the workbook: {e}"))?;
        let names = book.sheet_names();
        let name = match wanted {
            Some(w) => names
                .iter()
                .find(|n| n.as_str() == w || n.trim().to_lowercase() == w.trim().to_lowercase())
                .cloned()
                .ok_or_else(|| format!("the workbook has no sheet \"{w}\"; its sheets are: {}", names.join(", ")))?,
            None => names.first().cloned().ok_or("the workbook has no sheets")?,
        };
        let range = book.worksheet_range(&name).map_err(|e| format!("cannot read sheet \"{name}\": {e}"))?;
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
    }));
    std::panic::set_hook(hook);
    read.unwrap_or_else(|_| Err("the workbook is damaged: its reader failed on it".to_string()))
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
    }

    #[test]
    fn refuses_what_is_not_a_workbook() {
        assert_eq!(kind(b"precinct_id,x\n"), None);
        assert!(read_sheet(b"PK\x03\x04 not really a zip", None).is_err());
    }
}
