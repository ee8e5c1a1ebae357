//! From bytes to values: decoding, delimiter sniffing, header names, numbers, and the roster and returns readers.
//!
//! Everything here takes bytes or text and a file name; nothing here opens a file or decides a race.

pub mod decode;
pub mod header;
pub mod number;
pub mod returns;
pub mod roster;
pub mod stream;
pub mod table;
pub mod workbook;

use sha2::{Digest, Sha256};

/// The SHA-256 of some bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        let _ = write!(out, "{b:02x}");
    }
    out
}
