//! Decoding and delimiter detection on arbitrary bytes, workbooks included: no panic, no hang.
#![no_main]

use akim_tally::input::decode::{decode, encoding_for_label, looks_damaged};
use akim_tally::input::number::parse_count;
use akim_tally::input::delimiter::sniff_delimiter;
use akim_tally::input::workbook;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if workbook::kind(data).is_some() {
        let _ = workbook::read_sheets(data, &[]);
    }
    if let Ok(d) = decode(data, None) {
        let _ = sniff_delimiter(&d.text);
        let _ = looks_damaged(&d.text);
        for cell in d.text.split([',', ';', '\t', '\n']).take(64) {
            let _ = parse_count(cell);
        }
    }
    for label in ["windows-1251", "utf-16", "koi8-r", "utf-8"] {
        let _ = decode(data, encoding_for_label(label));
    }
});
