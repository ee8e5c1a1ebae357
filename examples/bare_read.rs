//! The practical limit of reading a CSV file: the `csv` crate's `ByteRecord` loop, counting rows and bytes and
//! nothing else. `benches/compare.sh` times it beside akim-tally and DuckDB.
//!
//! Usage: `cargo run --release --example bare_read -- FILE`

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bare_read FILE");
        return ExitCode::from(2);
    };
    let mut reader = match csv::ReaderBuilder::new().flexible(true).from_path(&path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("bare_read: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut record = csv::ByteRecord::new();
    let (mut rows, mut bytes) = (0u64, 0u64);
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {
                rows += 1;
                bytes += record.as_slice().len() as u64;
            }
            Ok(false) => break,
            Err(e) => {
                eprintln!("bare_read: {path}: {e}");
                return ExitCode::from(1);
            }
        }
    }
    println!("{rows} rows, {bytes} bytes of fields");
    ExitCode::SUCCESS
}
