//! Hostile inputs that need the process's own limits to be shown: few file handles, little memory, little time.
//! Each runs the binary under a shell's `ulimit` (skipped, with a word, where there is no shell).

use std::fs;
use std::path::Path;
use std::process::Command;

/// Runs the binary in `dir` under `sh -c 'ulimit …; exec akim-tally …'`; `None` when there is no `sh`.
fn under_limit(limit: &str, dir: &Path, args: &[&str]) -> Option<(i32, String)> {
    let script = format!("ulimit {limit} && exec \"$0\" \"$@\"");
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_akim-tally"))
        .args(args)
        .current_dir(dir)
        .env("LC_ALL", "C")
        .env("NO_COLOR", "1")
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = out.status.code().unwrap_or_else(|| panic!("{args:?}: killed by a signal\n{stderr}"));
    assert!(code != 101 && !stderr.contains("panicked"), "{args:?}: a panic\n{stderr}");
    Some((code, stderr))
}

#[test]
fn a_folder_with_a_file_per_precinct_is_read_under_a_small_limit_of_open_files() {
    let d = tempfile::tempdir().unwrap();
    let (roster, returns) = (d.path().join("roster"), d.path().join("returns"));
    fs::create_dir_all(&roster).unwrap();
    fs::create_dir_all(&returns).unwrap();
    let mut precincts = String::from("district_id,district_name,precinct_id,voters_on_list\n");
    // 300 precincts, a file for each: far more than the 48 files the run may keep open.
    for p in 0..300 {
        precincts.push_str(&format!("01,Ақсу,{p:04},500\n"));
        fs::write(
            returns.join(format!("{p:04}.csv")),
            format!("precinct_id,ballots_issued,ballots_in_box,ballots_invalid,a,b,against_all\n{p:04},300,300,0,150,140,10\n"),
        )
        .unwrap();
    }
    fs::write(roster.join("precincts.csv"), precincts).unwrap();
    fs::write(
        roster.join("candidates.csv"),
        "district_id,candidate_id,candidate_name,nominated_by\n01,a,Әлиев Асқар,x\n01,b,Бекова Гүл,y\n",
    )
    .unwrap();
    let Some((code, err)) = under_limit("-n 48", d.path(), &["validate", "--roster", "roster", "returns"]) else {
        eprintln!("skipped: no sh to set the limit");
        return;
    };
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("E101"), "{err}");
}

/// Runs the binary from the repository root; gives its exit code and stderr.
fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_akim-tally"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LC_ALL", "C")
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    (out.status.code().expect("an exit code"), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn ids_that_look_the_same_are_told_apart_and_the_difference_named() {
    let case = |n: &str, roster: &str, lang: &str| {
        let (returns, roster) = (format!("fixtures/bad/{n}/returns.csv"), roster.replace("{n}", n));
        run(&["--lang", lang, "validate", "--roster", &roster, &returns])
    };
    // A zero-width space in the returns' id: no match, and the suggestion says what cannot be seen.
    let (code, err) = case("83-precinct-id-with-a-zero-width-space", "fixtures/mini/roster", "en");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("looks like \"101\"") && err.contains("U+200B"), "{err}");
    // A Latin E where the roster has a Cyrillic Е, in Russian.
    let (code, err) = case("84-latin-letter-in-a-precinct-id", "fixtures/bad/{n}/roster", "ru");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("U+0045") && err.contains("U+0415") && err.contains("кириллическая"), "{err}");
    // Two roster ids a person cannot tell apart refuse the roster, in Kazakh.
    let (code, err) = case("85-roster-twin-precinct-ids", "fixtures/bad/{n}/roster", "kk");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("E318") && err.contains("U+200B"), "{err}");
}

#[test]
fn a_cell_holding_a_line_break_is_named_as_such() {
    let (code, err) =
        run(&["validate", "--roster", "fixtures/mini/roster", "fixtures/bad/87-cell-with-a-line-break/returns.csv"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("returns.csv:3:9: error E105: a quote is left open"), "{err}");
    assert!(err.contains("returns.csv:4:1: error E105: this line ends the cell in quotes that line 3 opened"), "{err}");
    assert!(err.contains("Alt+Enter"), "{err}");
}

#[test]
fn a_settings_file_larger_than_any_is_refused_before_it_is_read() {
    let d = tempfile::tempdir().unwrap();
    let big = d.path().join("rules.toml");
    fs::write(&big, "#".repeat(2 << 20)).unwrap();
    let big = big.to_string_lossy().to_string();
    let returns = "fixtures/bad/68-duplicate-precinct-identical/returns.csv";
    for option in ["--rules", "--columns"] {
        let (code, err) = run(&["tally", "--roster", "fixtures/mini/roster", returns, option, &big]);
        assert_eq!(code, 2, "{option}: {err}");
        assert!(err.contains("more than a settings file"), "{option}: {err}");
    }
}
