//! A minimal .xlsx writer for the blank returns workbook: sheets of text cells (written inline, so ids such as
//! `0101` stay text), a frozen and protected header row, figure cells left open to typing and held to whole numbers
//! of 0 or more, and a hidden defined name that marks the workbook as akim-tally's template. Nothing else of the
//! format is written, so that what is written can be read in one sitting.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

/// One sheet: its name, its header, and its rows (the first cell of each row is text the user does not type: the
/// precinct id; the others are the cells to type figures in, given blank).
pub struct SheetSpec {
    /// The sheet's name (at most 31 characters, none of `[]:*?/\`).
    pub name: String,
    /// The header row.
    pub header: Vec<String>,
    /// The rows: the ids, then blank figure cells up to the header's width.
    pub rows: Vec<Vec<String>>,
    /// The column from which figure cells start (0-based).
    pub figures_from: usize,
}

/// The defined name that marks a workbook as akim-tally's template.
pub const MARKER: &str = "_akim_tally_template";

/// A sheet name Excel accepts, from any text: the forbidden characters replaced, cut to 31 characters.
pub fn sheet_name(s: &str) -> String {
    let clean: String = s.chars().map(|c| if "[]:*?/\\".contains(c) { '_' } else { c }).collect();
    let clean = clean.trim_matches('\'').to_string();
    let cut: String = clean.chars().take(31).collect();
    if cut.is_empty() { "_".to_string() } else { cut }
}

fn esc(t: &str) -> String {
    t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `A`, `B`, …, `Z`, `AA`, … for a 0-based column.
fn column(i: usize) -> String {
    crate::model::column_letters(u32::try_from(i + 1).unwrap_or(u32::MAX))
}

fn sheet_xml(s: &SheetSpec) -> String {
    let width = s.header.len();
    let last = s.rows.len() + 1;
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet \
         xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetViews><sheetView workbookViewId=\"0\">\
         <pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>\
         <cols><col min=\"1\" max=\"1\" width=\"14\" customWidth=\"1\"/></cols><sheetData>",
    );
    let cell = |x: &mut String, r: usize, c: usize, text: &str, style: u8| {
        if text.is_empty() {
            x.push_str(&format!("<c r=\"{}{r}\" s=\"{style}\"/>", column(c)));
        } else {
            x.push_str(&format!(
                "<c r=\"{}{r}\" s=\"{style}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                column(c),
                esc(text)
            ));
        }
    };
    x.push_str("<row r=\"1\">");
    for (c, h) in s.header.iter().enumerate() {
        cell(&mut x, 1, c, h, 2);
    }
    x.push_str("</row>");
    for (i, row) in s.rows.iter().enumerate() {
        let r = i + 2;
        x.push_str(&format!("<row r=\"{r}\">"));
        for c in 0..width {
            let text = row.get(c).map_or("", String::as_str);
            cell(&mut x, r, c, text, if c >= s.figures_from { 1 } else { 0 });
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData><sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" formatColumns=\"0\"/>");
    if width > s.figures_from && !s.rows.is_empty() {
        x.push_str(&format!(
            "<dataValidations count=\"1\"><dataValidation type=\"whole\" operator=\"greaterThanOrEqual\" \
             allowBlank=\"1\" showErrorMessage=\"1\" errorTitle=\"akim-tally\" error=\"0, 1, 2, …\" \
             sqref=\"{}2:{}{last}\"><formula1>0</formula1></dataValidation></dataValidations>",
            column(s.figures_from),
            column(width - 1)
        ));
    }
    x.push_str("</worksheet>");
    x
}

/// The workbook's bytes.
pub fn workbook(sheets: &[SheetSpec]) -> std::io::Result<Vec<u8>> {
    let n = sheets.len();
    let content_types = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types \
         xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" \
         ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" \
         ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" \
         ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override \
         PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>{}</Types>",
        (1..=n)
            .map(|i| format!(
                "<Override PartName=\"/xl/worksheets/sheet{i}.xml\" \
                 ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            ))
            .collect::<String>()
    );
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships \
                xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" \
                Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
                Target=\"xl/workbook.xml\"/></Relationships>";
    let workbook = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook \
         xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>{}</sheets>\
         <definedNames><definedName name=\"{MARKER}\" hidden=\"1\">\"{}\"</definedName></definedNames></workbook>",
        sheets
            .iter()
            .enumerate()
            .map(|(i, s)| format!("<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>", esc(&s.name), i + 1, i + 1))
            .collect::<String>(),
        crate::report::TOOL
    );
    let workbook_rels = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships \
         xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{}<Relationship Id=\"rId{}\" \
         Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
         </Relationships>",
        (1..=n)
            .map(|i| format!(
                "<Relationship Id=\"rId{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/\
                 relationships/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>"
            ))
            .collect::<String>(),
        n + 1
    );
    // Styles: 0 text (ids: the "@" format, locked); 1 a figure cell, unlocked for typing; 2 the header, bold.
    let styles = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet \
                  xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><fonts count=\"2\"><font><sz \
                  val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font>\
                  </fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill \
                  patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border/></borders><cellStyleXfs \
                  count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs \
                  count=\"3\"><xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" \
                  applyNumberFormat=\"1\"/><xf numFmtId=\"1\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" \
                  applyNumberFormat=\"1\" applyProtection=\"1\"><protection locked=\"0\"/></xf><xf numFmtId=\"49\" \
                  fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"><alignment wrapText=\"1\"/></xf>\
                  </cellXfs></styleSheet>";
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed time: the same roster gives the same bytes.
    let at = zip::DateTime::from_date_and_time(2021, 1, 1, 0, 0, 0).unwrap_or_default();
    let options =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).last_modified_time(at);
    let mut put = |path: &str, text: &str| -> std::io::Result<()> {
        zip.start_file(path, options).map_err(std::io::Error::other)?;
        zip.write_all(text.as_bytes())
    };
    put("[Content_Types].xml", &content_types)?;
    put("_rels/.rels", rels)?;
    put("xl/workbook.xml", &workbook)?;
    put("xl/_rels/workbook.xml.rels", &workbook_rels)?;
    put("xl/styles.xml", styles)?;
    for (i, s) in sheets.iter().enumerate() {
        put(&format!("xl/worksheets/sheet{}.xml", i + 1), &sheet_xml(s))?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_columns_and_sheets_as_excel_does() {
        assert_eq!(
            (column(0), column(25), column(26), column(701), column(702)),
            ("A".into(), "Z".into(), "AA".into(), "ZZ".into(), "AAA".into())
        );
        assert_eq!(sheet_name("01/02: [Ақсу]"), "01_02_ _Ақсу_");
        assert_eq!(sheet_name(&"ө".repeat(40)).chars().count(), 31);
    }
}
