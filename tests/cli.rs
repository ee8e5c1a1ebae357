//! Drives the built binary on the case folders of `fixtures/cases/` and compares stdout, stderr and the exit
//! status with the expected files beside the arguments.
//!
//! A case folder holds `args` (one argument a line, paths relative to the repository root; `#` starts a comment)
//! and the expected `stdout`, `stderr` and `status`. `AKIM_BLESS=1 cargo test --test cli` rewrites the expected
//! files from what the binary does now: review the diff before committing it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run_case(dir: &Path) -> Result<(), String> {
    let args: Vec<String> = fs::read_to_string(dir.join("args"))
        .map_err(|e| format!("{}: no args file: {e}", dir.display()))?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect();
    let out = Command::new(env!("CARGO_BIN_EXE_akim-tally"))
        .env("LC_ALL", "C")
        .args(&args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .map_err(|e| format!("cannot run the binary: {e}"))?;
    let got = [
        ("stdout", String::from_utf8_lossy(&out.stdout).into_owned()),
        ("stderr", String::from_utf8_lossy(&out.stderr).into_owned()),
        ("status", format!("{}\n", out.status.code().map_or("signal".into(), |c| c.to_string()))),
    ];
    let bless = std::env::var_os("AKIM_BLESS").is_some();
    let mut problems = Vec::new();
    for (name, text) in got {
        let path = dir.join(name);
        if bless {
            fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
            continue;
        }
        let want = fs::read_to_string(&path).unwrap_or_default();
        if want != text {
            let line = want
                .lines()
                .zip(text.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(want.lines().count().min(text.lines().count()));
            problems.push(format!(
                "{}: {name} differs at line {}:\n  want: {}\n  got:  {}",
                dir.display(),
                line + 1,
                want.lines().nth(line).unwrap_or("<end>"),
                text.lines().nth(line).unwrap_or("<end>")
            ));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n")) }
}

#[test]
fn every_case_folder_gives_its_expected_output() {
    let cases = root().join("fixtures/cases");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&cases)
        .expect("fixtures/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("args").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 10, "expected the case folders, found {}", dirs.len());
    let failures: Vec<String> = dirs.iter().filter_map(|d| run_case(d).err()).collect();
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), dirs.len(), failures.join("\n\n"));
}

#[test]
fn the_cases_exercise_every_check_code_and_every_status() {
    let cases = root().join("fixtures/cases");
    let mut seen = String::new();
    for entry in fs::read_dir(&cases).expect("fixtures/cases exists").flatten() {
        for name in ["stdout", "stderr"] {
            seen.push_str(&fs::read_to_string(entry.path().join(name)).unwrap_or_default());
        }
    }
    // The corpus of bad inputs shows its codes too (tests/bad_inputs.rs checks them), and four codes are shown by
    // files too large to store, made by that test at run time.
    let mut corpus = String::new();
    for entry in fs::read_dir(root().join("fixtures/bad")).expect("fixtures/bad exists").flatten() {
        corpus.push_str(&fs::read_to_string(entry.path().join("expect")).unwrap_or_default());
    }
    let made_at_run_time = ["E111", "E112", "E113", "W104"];
    let missing: Vec<&str> = akim_tally::check::Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| {
            !seen.contains(&format!(" {c}: ")) && !corpus.contains(&format!(" {c}")) && !made_at_run_time.contains(c)
        })
        .collect();
    assert!(missing.is_empty(), "no case shows these codes: {missing:?}");
    for status in [
        "ELECTED:",
        "TIE:",
        "INCOMPLETE:",
        "NOT DECIDED:",
        "REPEAT ELECTION (tie)",
        "REPEAT ELECTION (declared invalid)",
    ] {
        assert!(seen.contains(&format!("  {status}")), "no case shows status {status}");
    }
}

#[test]
fn the_same_inputs_give_the_same_bytes_whatever_their_order_on_the_command_line() {
    let run = |returns: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_akim-tally"))
            .env("LC_ALL", "C")
            .args(["tally", "--format", "json", "--roster", "fixtures/sample/roster"])
            .args(returns)
            .current_dir(root())
            .output()
            .expect("runs");
        (out.stdout, out.stderr, out.status.code())
    };
    let files = [
        "fixtures/sample/returns/zhambyl-04-06.csv",
        "fixtures/sample/returns/sarybulak-07.tsv",
        "fixtures/sample/returns/zhambyl-01-03.csv",
    ];
    let first = run(&files);
    assert!(!first.0.is_empty());
    assert_eq!(run(&files), first, "twice the same");
    let mut reversed = files;
    reversed.reverse();
    assert_eq!(run(&reversed), first, "files in another order");
    assert_eq!(run(&["fixtures/sample/returns"]), first, "the folder");
}
