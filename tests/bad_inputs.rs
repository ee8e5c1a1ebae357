//! The corpus of bad inputs (`fixtures/bad/`, made by its `make.py`), and three huge ones made here: whatever a
//! user or a broken export feeds in, akim-tally ends with a coded message that names the place, and an exit code
//! of 1 or 2 (0 only where the problem is a warning) — never a panic, never 101. The corpus runs within 100 MiB
//! and 10 s of CPU (`ulimit`); a folder of a file per precinct is read with few files allowed open; ids that look
//! the same, a cell holding a line break and oversized settings files get their own words.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Expect {
    status: i32,
    codes: Vec<String>,
    args: Option<Vec<String>>,
}

fn expect(dir: &Path) -> Expect {
    let text = fs::read_to_string(dir.join("expect")).expect("an expect file");
    let mut e = Expect { status: -1, codes: vec![], args: None };
    for line in text.lines() {
        if let Some(s) = line.strip_prefix("status: ") {
            e.status = s.trim().parse().expect("a status");
        } else if let Some(c) = line.strip_prefix("codes:") {
            e.codes = c.split_whitespace().map(String::from).collect();
        } else if let Some(a) = line.strip_prefix("args: ") {
            e.args = Some(a.split(' ').map(|x| x.replace("\\s", " ")).collect());
        }
    }
    e
}

/// Runs a case; returns its exit code and stderr. Fails on a panic, a signal or exit code 101.
fn run(args: &[String]) -> (i32, String) {
    run_within(None, args)
}

/// The most memory (address space, KiB) and CPU time (s) a run on a small input may take.
const SMALL_INPUT_LIMITS: &str = "ulimit -v 102400 && ulimit -t 10";

/// [`run`], under the shell's `ulimit` options `limits` when given (past them the run is killed, or its
/// allocation fails and it aborts: either fails the test).
fn run_within(limits: Option<&str>, args: &[String]) -> (i32, String) {
    let mut command = match limits {
        Some(l) => {
            let mut c = Command::new("sh");
            c.arg("-c").arg(format!("{l} && exec \"$0\" \"$@\"")).arg(env!("CARGO_BIN_EXE_akim-tally"));
            c
        }
        None => Command::new(env!("CARGO_BIN_EXE_akim-tally")),
    };
    let out = command.env("LC_ALL", "C").args(args).current_dir(root()).env("NO_COLOR", "1").output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = out.status.code().unwrap_or_else(|| panic!("{args:?}: killed by a signal\n{stderr}"));
    assert!(code != 101 && !stderr.contains("panicked"), "{args:?}: a panic\n{stderr}");
    (code, stderr)
}

/// Whether stderr reports `code` on a line that names `place`.
fn reported(stderr: &str, code: &str, place: &str) -> bool {
    stderr.lines().any(|l| l.contains(&format!(" {code}: ")) && l.starts_with(place))
}

#[test]
fn every_bad_input_ends_with_a_coded_message_naming_the_place() {
    let corpus = root().join("fixtures/bad");
    let mut dirs: Vec<PathBuf> =
        fs::read_dir(&corpus).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    assert!(dirs.len() >= 60, "the corpus has at least 60 cases, not {}", dirs.len());
    let mut failures = Vec::new();
    for dir in &dirs {
        let rel = dir.strip_prefix(root()).unwrap().to_string_lossy().to_string();
        let e = expect(dir);
        let args = match &e.args {
            Some(a) => a.iter().map(|x| x.replace("{dir}", &rel)).collect(),
            None => {
                let roster =
                    if dir.join("roster").is_dir() { format!("{rel}/roster") } else { "fixtures/mini/roster".into() };
                let returns = fs::read_dir(dir)
                    .unwrap()
                    .flatten()
                    .map(|x| x.file_name().to_string_lossy().to_string())
                    .find(|n| n.starts_with("returns"))
                    .expect("a returns file");
                vec![
                    "validate".to_string(),
                    "--rules".into(),
                    "plurality".into(),
                    "--roster".into(),
                    roster,
                    format!("{rel}/{returns}"),
                ]
            }
        };
        // Every case (none is over 20 KB) runs within 100 MiB of memory and 10 s of CPU.
        assert!(folder_bytes(dir) <= 20 * 1024, "{rel} is not a small input");
        let limited = Path::new("/bin/sh").exists().then_some(SMALL_INPUT_LIMITS);
        let (code, stderr) = run_within(limited, &args);
        let mut problems = Vec::new();
        if code != e.status {
            problems.push(format!("exit {code}, expected {}", e.status));
        }
        for c in &e.codes {
            if !reported(&stderr, c, &rel) {
                problems.push(format!("no {c} naming {rel}"));
            }
        }
        let coded =
            stderr.lines().any(|l| l.starts_with(&rel) && (l.contains(": error E") || l.contains(": warning W")));
        if !coded {
            problems.push("no coded message naming the place".into());
        }
        if !problems.is_empty() {
            failures.push(format!("{rel}: {}\n{stderr}", problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases:\n{}", failures.len(), dirs.len(), failures.join("\n"));
}

/// The bytes of the files in a case's folder and below, its `expect` left out.
fn folder_bytes(dir: &Path) -> u64 {
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name() != "expect")
        .map(|e| if e.path().is_dir() { folder_bytes(&e.path()) } else { e.metadata().map_or(0, |m| m.len()) })
        .sum()
}

/// A file made at test time, in a temporary folder.
fn huge(name: &str, bytes: &[u8]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    let p = path.to_string_lossy().to_string();
    (dir, p)
}

/// `validate` on returns made at test time, against the mini roster: the folder (kept while it is used), the
/// file's path, the exit status and stderr.
fn validate_huge(bytes: &[u8]) -> (tempfile::TempDir, String, i32, String) {
    let (dir, p) = huge("returns.csv", bytes);
    let (code, stderr) = run(&[
        "validate".into(),
        "--rules".into(),
        "plurality".into(),
        "--roster".into(),
        "fixtures/mini/roster".into(),
        p.clone(),
    ]);
    (dir, p, code, stderr)
}

/// `validate --format json` on a file against the mini roster, under the generic rule set.
fn validate_json(p: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_akim-tally"))
        .env("LC_ALL", "C")
        .args(["validate", "--rules", "plurality", "--format", "json", "--roster", "fixtures/mini/roster", p])
        .current_dir(root())
        .output()
        .expect("runs")
}

/// The beginning of a long stderr, for a failure message.
fn head(stderr: &str) -> &str {
    &stderr[..stderr.len().min(2000)]
}

#[test]
fn a_ten_megabyte_field_is_refused_within_the_limit() {
    let mut b = b"precinct_id,sultanov,amanova\n101,".to_vec();
    b.extend(std::iter::repeat_n(b'7', 10 << 20));
    b.extend(b",1\n");
    let (_d, p, code, stderr) = validate_huge(&b);
    assert_eq!(code, 1, "{stderr}");
    assert!(reported(&stderr, "E111", &format!("{p}:2:2")), "{stderr}");
}

#[test]
fn a_million_columns_are_refused_within_the_limit() {
    let mut header = String::from("precinct_id");
    for i in 0..1_000_000 {
        header.push_str(&format!(",c{i}"));
    }
    let (_d, p, code, stderr) = validate_huge(format!("{header}\n101,1\n").as_bytes());
    assert_eq!(code, 1, "{}", head(&stderr));
    assert!(reported(&stderr, "E112", &format!("{p}:1")), "{}", head(&stderr));
}

#[test]
fn a_flood_of_problems_is_listed_up_to_the_limit_then_summed_up() {
    let mut b = String::from("precinct_id,sultanov,amanova\n");
    for i in 0..20_000 {
        b.push_str(&format!("9{i:05},1,1\n"));
    }
    let (_d, p) = huge("returns.csv", b.as_bytes());
    let out = validate_json(&p);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.iter().filter(|d| d["code"] == "E301").count(), 10_000, "kept up to the limit");
    let summary = diags.iter().find(|d| d["code"] == "E113").expect("then one E113");
    assert!(summary["message"].as_str().unwrap().contains("10000 more are not"), "{summary}");
    // The terminal shows the first few of each code and counts the rest; --all-diagnostics shows every one.
    let stderr = String::from_utf8_lossy(&out.stderr);
    let e301 = stderr.lines().filter(|l| l.contains("error E301")).count();
    assert_eq!(e301, 5, "{}", head(&stderr));
    assert!(stderr.contains("… and 9995 more E301: the precinct is not in the roster"), "{}", head(&stderr));
    assert!(stderr.contains("(E113 ×1, E301 ×10000)"), "a count per code: {}", head(&stderr));
    let all = Command::new(env!("CARGO_BIN_EXE_akim-tally"))
        .env("LC_ALL", "C")
        .args(["validate", "--rules", "plurality", "--all-diagnostics", "--roster", "fixtures/mini/roster", &p])
        .current_dir(root())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&all.stderr);
    assert_eq!(stderr.lines().filter(|l| l.contains("error E301")).count(), 10_000);
}

#[test]
fn a_flood_of_warnings_is_listed_up_to_the_limit_and_blocks_nothing() {
    // Each copy of precinct 101 gives zeros for the two candidates of B2: two warnings a row.
    let mut b =
        String::from("precinct_id,ballots_issued,ballots_invalid,sultanov,amanova,kozhakhmet,orlova,against_all\n");
    for _ in 0..6_000 {
        b.push_str("101,402,2,240,150,0,0,10\n");
    }
    b.push_str("102,311,1,150,150,,,10\n103,200,1,120,75,,,4\n201,400,5,,,200,190,5\n202,300,4,,,150,140,6\n");
    let (_d, p) = huge("returns.csv", b.as_bytes());
    let out = validate_json(&p);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.iter().filter(|d| d["code"] == "W302").count(), 10_000, "kept up to the limit");
    let summary = diags.iter().find(|d| d["code"] == "W104").expect("then one W104");
    assert!(summary["message"].as_str().unwrap().contains("2000 more are not"), "{summary}");
    assert!(
        diags.iter().all(|d| d["severity"] == "warning"),
        "no error: {}",
        head(&String::from_utf8_lossy(&out.stderr))
    );
    assert_eq!(out.status.code(), Some(0), "warnings block nothing");
}

#[test]
fn a_bad_byte_past_the_first_megabytes_stops_the_run_at_its_line() {
    // The encoding is recognised from the first 4 MiB; a byte that is not UTF-8 after them is still refused.
    let mut b = b"precinct_id,sultanov,amanova\n".to_vec();
    let row = b"999,1,2\n";
    let rows = (5 << 20) / row.len();
    for _ in 0..rows {
        b.extend_from_slice(row);
    }
    b.extend_from_slice(b"101,\xFF,1\n");
    let (_d, _, code, stderr) = validate_huge(&b);
    assert_eq!(code, 2, "{}", head(&stderr));
    assert!(stderr.contains(&format!("(line {})", rows + 2)), "{}", head(&stderr));
}

#[test]
fn a_line_longer_than_the_limit_is_reported_and_the_file_read_no_further() {
    let mut b = b"precinct_id,sultanov,amanova\n101,1,".to_vec();
    b.extend(std::iter::repeat_n(b'7', 17 << 20));
    b.extend(b"\n102,1,2\n");
    let (_d, p, code, stderr) = validate_huge(&b);
    assert_eq!(code, 1, "{}", head(&stderr));
    assert!(reported(&stderr, "E111", &format!("{p}:2")), "{}", head(&stderr));
}

/// Runs the binary, killing it (and failing) if it outlasts 10 seconds: the input must not make it hang.
fn run_bounded(args: &[&str]) -> (i32, String) {
    use std::time::{Duration, Instant};
    let mut child = Command::new(env!("CARGO_BIN_EXE_akim-tally"))
        .env("LC_ALL", "C")
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("waits") {
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err).unwrap_or_default();
            return (status.code().unwrap_or(-1), err);
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("{args:?}: still running after 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(unix)]
#[test]
fn pipes_devices_and_looping_links_are_refused_at_once() {
    let d = tempfile::tempdir().unwrap();
    let fifo = d.path().join("returns.csv");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let fifo = fifo.to_string_lossy().to_string();
    let roster = "fixtures/mini/roster";
    // A pipe given as returns, a device as the rule set, a pipe as the results to verify.
    let (code, err) = run_bounded(&["validate", "--rules", "plurality", "--roster", roster, &fifo]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("it is not a file (a folder, a pipe or a device)"), "{err}");
    let (code, err) = run_bounded(&[
        "tally",
        "--rules",
        "/dev/zero",
        "--roster",
        roster,
        "fixtures/bad/68-duplicate-precinct-identical/returns.csv",
    ]);
    assert_eq!(code, 2, "{err}");
    let (code, err) = run_bounded(&["verify", &fifo]);
    assert_eq!(code, 2, "{err}");
    // A folder holding two links to itself: the walk does not follow links into folders; and Excel's lock file.
    let folder = d.path().join("returns");
    fs::create_dir(&folder).unwrap();
    fs::copy(root().join("fixtures/bad/68-duplicate-precinct-identical/returns.csv"), folder.join("a.csv")).unwrap();
    // The lock file Excel keeps beside an open workbook is not returns.
    fs::write(folder.join("~$a.xlsx"), b"\x0bAdministrator\0\0\0").unwrap();
    std::os::unix::fs::symlink(&folder, folder.join("loop1")).unwrap();
    std::os::unix::fs::symlink(&folder, folder.join("loop2")).unwrap();
    let (code, err) = run_bounded(&["validate", "--rules", "plurality", "--roster", roster, &folder.to_string_lossy()]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn control_characters_from_the_inputs_never_reach_the_terminal() {
    let d = tempfile::tempdir().unwrap();
    fs::create_dir(d.path().join("roster")).unwrap();
    fs::write(
        d.path().join("roster/precincts.csv"),
        "district_id,district_name,precinct_id,voters_on_list\n01,Ақсу\u{1b}[2K,0101,500\n",
    )
    .unwrap();
    fs::write(
        d.path().join("roster/candidates.csv"),
        "district_id,candidate_id,candidate_name,nominated_by\n01,a,Әлиев\u{1b}[31m Асқар,x\n01,b,Бекова\u{202e} Гүл,y\n",
    )
    .unwrap();
    // A header with an escape sequence (unknown column), and a precinct id with one (unknown precinct).
    fs::write(d.path().join("r\u{1b}[1A.csv"), "precinct_id,a,b,\u{1b}[2Jx\n0101,10,5,\n01\u{7}01,1,1,\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_akim-tally"))
        .env("LC_ALL", "C")
        .args(["tally", "--rules", "plurality", "--roster", "roster", "r\u{1b}[1A.csv"])
        .current_dir(d.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    for (what, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{what} holds a raw control character:\n{text}");
    }
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(all.contains("\\u{1b}[31m") && all.contains("\\u{202e}"), "shown escaped:\n{all}");
}

/// Arguments as `run` takes them.
fn args(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_folder_with_a_file_per_precinct_is_read_under_a_small_limit_of_open_files() {
    if !Path::new("/bin/sh").exists() {
        eprintln!("skipped: no sh to set the limit");
        return;
    }
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
    let (roster, returns) = (roster.to_string_lossy(), returns.to_string_lossy());
    let (code, err) = run_within(Some("ulimit -n 48"), &args(&["validate", "--roster", &roster, &returns]));
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("E101"), "{err}");
}

#[test]
fn ids_that_look_the_same_are_told_apart_and_the_difference_named() {
    let case = |n: &str, roster: &str, lang: &str| {
        let (returns, roster) = (format!("fixtures/bad/{n}/returns.csv"), roster.replace("{n}", n));
        run(&args(&["--lang", lang, "validate", "--roster", &roster, &returns]))
    };
    // A zero-width space in the returns' id: no match, and the suggestion says what cannot be seen.
    let (code, err) = case("83-precinct-id-with-a-zero-width-space", "fixtures/mini/roster", "en");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("looks like \"101\"") && err.contains("U+200B"), "{err}");
    // A Latin E where the roster has a Cyrillic Е, in Russian.
    let (code, err) = case("84-latin-letter-in-a-precinct-id", "fixtures/bad/{n}/roster", "ru");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("U+0045") && err.contains("U+0415") && err.contains("кириллическая"), "{err}");
    // A district id with a Cyrillic А where the roster has the Latin A: E305 names the two letters, in Kazakh.
    let (code, err) = case("92-district-id-with-a-cyrillic-look-alike", "fixtures/mini/roster", "kk");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("E305") && err.contains("U+0410") && err.contains("U+0041"), "{err}");
    // Two roster ids a person cannot tell apart refuse the roster, in Kazakh.
    let (code, err) = case("85-roster-twin-precinct-ids", "fixtures/bad/{n}/roster", "kk");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("E318") && err.contains("U+200B"), "{err}");
}

#[test]
fn a_cell_holding_a_line_break_is_named_as_such() {
    let (code, err) = run(&args(&[
        "validate",
        "--roster",
        "fixtures/mini/roster",
        "fixtures/bad/87-cell-with-a-line-break/returns.csv",
    ]));
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
        let (code, err) = run(&args(&["tally", "--roster", "fixtures/mini/roster", returns, option, &big]));
        assert_eq!(code, 2, "{option}: {err}");
        assert!(err.contains("more than a settings file"), "{option}: {err}");
    }
}

/// A line every protocol must give: where the file has no column for it, the error says to add the column; where
/// the column is there and a cell is blank, to write the figure. A long file has no columns of lines: the figure.
#[test]
fn a_required_line_missing_says_whether_the_column_or_the_figure_is_missing() {
    let d = tempfile::tempdir().unwrap();
    let wide = "precinct_id,ballots_issued,ballots_in_box,ballots_invalid,sultanov,amanova,against_all\n";
    let files = [
        ("no-column.csv", wide.replace(",ballots_invalid", "") + "101,402,402,240,150,10\n"),
        ("blank-cell.csv", wide.to_string() + "101,402,402,,240,150,10\n"),
        (
            "long.csv",
            "precinct_id,item,value\n101,ballots_issued,402\n101,ballots_in_box,402\n101,sultanov,240\n\
                      101,amanova,150\n101,against_all,10\n"
                .to_string(),
        ),
    ];
    for (name, text) in &files {
        fs::write(d.path().join(name), text).unwrap();
    }
    let said = |name: &str| {
        let path = d.path().join(name).to_string_lossy().to_string();
        let (code, err) = run(&args(&["validate", "--roster", "fixtures/mini/roster", &path]));
        assert_eq!(code, 1, "{name}: {err}");
        assert!(err.contains("E307") && err.contains("ballots_invalid"), "{name}: {err}");
        err
    };
    assert!(said("no-column.csv").contains("the file has no column for it; add the column"));
    for name in ["blank-cell.csv", "long.csv"] {
        let err = said(name);
        assert!(err.contains("write it (0 if none)") && !err.contains("no column"), "{name}: {err}");
    }
}

/// A district id whose leading zeros a spreadsheet dropped (`1` for `01`) is not matched, and the error says so.
#[test]
fn a_district_id_without_its_leading_zeros_is_named_as_such() {
    let d = tempfile::tempdir().unwrap();
    let sample = fs::read_to_string("fixtures/sample/returns/zhambyl-01-03.csv").unwrap();
    let path = d.path().join("returns.csv");
    fs::write(&path, sample.replacen("\n01;0101;", "\n1;0101;", 1)).unwrap();
    let path = path.to_string_lossy().to_string();
    let (code, err) = run(&args(&["--lang", "ru", "validate", "--roster", "fixtures/sample/roster", &path]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("E305: округа «1» нет в реестре") && err.contains("с нулями впереди"), "{err}");
}
