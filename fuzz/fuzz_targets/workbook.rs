//! The workbook reader on sheets with forged contents: the first byte picks a real workbook of fixtures/exports
//! (.xlsx or .ods), the rest replaces its sheet (`xl/worksheets/sheet1.xml` or `content.xml`), so that far cells,
//! forged dimensions, repeated rows and huge declared counts reach the reader inside a valid zip. No panic, no
//! abort, no allocation past the fuzzer's memory limit.
#![no_main]

use std::io::{Cursor, Read, Write};

use akim_tally::input::workbook::read_sheets;
use libfuzzer_sys::fuzz_target;

const XLSX: &[u8] = include_bytes!("../../fixtures/exports/returns.xlsx");
const ODS: &[u8] = include_bytes!("../../fixtures/exports/returns.ods");

/// `base` with its part `part` replaced by `data`.
fn with_part(base: &[u8], part: &str, data: &[u8]) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(Cursor::new(base)).expect("a fixture workbook");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..src.len() {
        let mut entry = src.by_index(i).expect("an entry");
        let name = entry.name().expect("a name").to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("readable");
        out.start_file(name.as_str(), options).expect("written");
        out.write_all(if name == part { data } else { &bytes }).expect("written");
    }
    out.finish().expect("written").into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, sheet)) = data.split_first() else { return };
    let (base, part) = if pick % 2 == 0 { (XLSX, "xl/worksheets/sheet1.xml") } else { (ODS, "content.xml") };
    let book = with_part(base, part, sheet);
    let _ = read_sheets(&book, &[]);
});
