//! From bytes to values: decoding, the delimiter (`delimiter`), header names, numbers, and the roster and
//! returns readers.
//!
//! Everything here takes bytes or text and a file name; nothing here opens a file or decides a race.

pub mod commission;
mod compound;
pub mod decode;
pub mod delimiter;
pub mod header;
pub mod number;
pub mod returns;
pub mod roster;
pub mod stream;
pub mod table;
pub mod words;
pub mod workbook;

use sha2::{Digest, Sha256};

/// A file that cannot be read: the run stops (exit code 2).
pub fn unreadable(name: &std::sync::Arc<str>, trouble: crate::check::IoTrouble) -> crate::check::Finding {
    use crate::check::{Code, Detail, Finding, Scope};
    let detail = Detail::CannotRead { trouble };
    Finding::new(Code::FileUnreadable, Some(crate::model::Location::file(name)), detail).scoped(Scope::All)
}

/// Where a reader may cut a file's rows into fields while it checks the rows before: a thread of the pipeline's
/// scope, or `None` to read in place (tests, fuzzers). Readers start no thread of their own.
pub type Beside<'scope, 'env> = Option<&'scope std::thread::Scope<'scope, 'env>>;

/// The SHA-256 of some bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The SHA-256 of everything a reader gives, read in pieces (a national returns file is not held whole).
pub fn sha256_of(mut reader: impl std::io::Read) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0; 1 << 20];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return Ok(hex(&hasher.finalize())),
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Lowercase hex of a digest.
pub fn hex(digest: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        let _ = write!(out, "{b:02x}");
    }
    out
}
