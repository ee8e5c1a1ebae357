//! The results-file reader (`verify`, `diff`) on arbitrary text: results files pass between people, so their
//! contents are untrusted. No panic; results that are read are written and read back the same.
#![no_main]

use akim_tally::report::json::Results;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(results) = Results::parse(text) {
        let again = serde_json::to_string(&results).expect("results can be written");
        assert_eq!(Results::parse(&again).as_ref(), Ok(&results), "written and read back differently");
    }
});
