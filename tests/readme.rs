//! The manual's tables of codes (docs/checks.md, docs/deciding.md) are the catalogue's own words: this test fails when they drift apart, and prints
//! the lines the README should hold.

use akim_tally::check::{Code, Severity};
use akim_tally::decide::NoticeCode;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

fn doc(name: &str) -> String {
    std::fs::read_to_string(format!("{}/docs/{name}", env!("CARGO_MANIFEST_DIR"))).expect("a page of docs/")
}

#[test]
fn the_manual_lists_every_check_code_as_the_catalogue_does() {
    let text = doc("checks.md");
    let rows: Vec<String> = Code::ALL
        .iter()
        .map(|c| {
            let sev = match c.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            format!("| `{}` | {} | {} |", c.as_str(), sev, c.title())
        })
        .collect();
    let missing: Vec<&String> = rows.iter().filter(|r| !text.contains(r.as_str())).collect();
    assert!(missing.is_empty(), "the manual lacks these rows:\n{}", rows.join("\n"));
}

#[test]
fn the_manual_lists_every_notice_code() {
    let text = doc("deciding.md");
    let rows: Vec<String> = NoticeCode::ALL.iter().map(|n| format!("| `{}` | {} |", n.as_str(), n.title())).collect();
    let missing: Vec<&String> = rows.iter().filter(|r| !text.contains(r.as_str())).collect();
    assert!(missing.is_empty(), "the manual lacks these rows:\n{}", rows.join("\n"));
}

#[test]
fn the_readme_setup_commands_are_the_ones_ci_runs() {
    let text = readme();
    assert!(text.contains("cargo run --release -- tally --roster fixtures/sample/roster fixtures/sample/returns"));
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).expect(".ci/run");
    assert!(text.contains("\ncargo test\n") && ci.contains("\ncargo test"), "README and .ci/run both run `cargo test`");
}
