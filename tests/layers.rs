//! The walls between the layers, checked on the source: the core (the protocol, its checks, the count, the rules
//! and the deciding) imports nothing that reads files, prints or runs the pipeline, and the renderers import no
//! reader and no pipeline. The compiler cannot see these walls inside one crate; this test does.

use std::fs;
use std::path::Path;

/// The source of a module without its unit tests (a test may build its values with a reader).
fn code_of(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// Every `.rs` file under a folder, at any depth.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for path in fs::read_dir(dir).unwrap().flatten().map(|e| e.path()) {
        if path.is_dir() {
            out.extend(files_under(&path));
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn crossings(path: &Path, forbidden: &[&str]) -> Vec<String> {
    let code = code_of(path);
    forbidden
        .iter()
        .filter(|m| code.contains(&format!("crate::{m}::")) || code.contains(&format!("crate::{m}}}")))
        .map(|m| format!("{} imports crate::{m}", path.display()))
        .collect()
}

#[test]
fn the_core_imports_no_reader_renderer_pipeline_or_command() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut bad = Vec::new();
    for core in ["model", "protocol", "check", "aggregate", "decide", "rules"] {
        // A module is a file, or a folder of files.
        let files = match src.join(core) {
            dir if dir.is_dir() => files_under(&dir),
            _ => vec![src.join(format!("{core}.rs"))],
        };
        for file in files {
            bad.extend(crossings(&file, &["input", "report", "pipeline", "cmd"]));
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn renderers_import_no_reader_and_no_pipeline() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut bad = Vec::new();
    for file in files_under(&src.join("report")) {
        bad.extend(crossings(&file, &["input", "pipeline", "cmd"]));
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn readers_import_no_renderer_pipeline_or_command() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut bad = Vec::new();
    for file in files_under(&src.join("input")) {
        bad.extend(crossings(&file, &["report", "pipeline", "cmd", "aggregate", "decide"]));
    }
    assert!(bad.is_empty(), "{bad:#?}");
}
