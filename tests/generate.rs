//! Generated elections are tallied to exactly the totals the generator planted, and every planted error is found
//! with its code; the same seed gives the same bytes.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn bin(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_akim-tally"))
        .env("LC_ALL", "C")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs")
}

fn generate(dir: &std::path::Path, name: &str, shape: &str, errors: &str) -> (PathBuf, Value) {
    let out = dir.join(name);
    let o = bin(
        dir,
        &[
            "generate",
            "--districts",
            "12",
            "--precincts-per",
            "5",
            "--candidates",
            "4",
            "--seed",
            "42",
            "--shape",
            shape,
            "--errors",
            errors,
            "--output",
            name,
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let expected = serde_json::from_slice(&fs::read(out.join("expected.json")).unwrap()).expect("expected.json");
    (out, expected)
}

fn tally(dir: &std::path::Path, name: &str) -> (i32, Value) {
    let o = bin(
        dir,
        &[
            "tally",
            "--quiet",
            "--rules",
            "plurality",
            "--format",
            "json",
            "--roster",
            &format!("{name}/roster"),
            &format!("{name}/returns"),
        ],
    );
    (o.status.code().unwrap(), serde_json::from_slice(&o.stdout).expect("JSON"))
}

#[test]
fn generated_elections_tally_to_the_planted_totals() {
    let tmp = tempfile::tempdir().unwrap();
    for shape in ["wide", "long"] {
        let (_, expected) = generate(tmp.path(), shape, shape, "0");
        let (code, got) = tally(tmp.path(), shape);
        assert!(code == 0 || code == 3, "{shape}: no errors in balanced protocols (3 only for a tie)");
        assert!(
            got["diagnostics"].as_array().unwrap().iter().all(|d| d["severity"] != "error"),
            "{shape}: {}",
            got["diagnostics"]
        );
        for planted in expected["totals"].as_array().unwrap() {
            let id = planted["district_id"].as_str().unwrap();
            let d = got["districts"].as_array().unwrap().iter().find(|d| d["district_id"] == id).unwrap();
            for (c, votes) in planted["votes"].as_object().unwrap() {
                let got_votes = d["candidates"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|x| x["candidate_id"] == c.as_str())
                    .unwrap()["votes"]
                    .clone();
                assert_eq!(&got_votes, votes, "{shape}: {id} {c}");
            }
            assert_eq!(d["against_all"], planted["against_all"], "{shape}: {id} against all");
            assert_eq!(d["precincts_reporting"], 5);
        }
    }
    let wide = fs::read(tmp.path().join("wide/returns/returns.csv")).unwrap();
    generate(tmp.path(), "again", "wide", "0");
    assert_eq!(fs::read(tmp.path().join("again/returns/returns.csv")).unwrap(), wide, "the same seed, the same bytes");
}

#[test]
fn every_planted_error_is_found_with_its_code() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, expected) = generate(tmp.path(), "bad", "long", "0.3");
    let planted = expected["planted_errors"].as_array().unwrap();
    assert!(planted.len() >= 5, "a 30% rate over 60 precincts plants several: {}", planted.len());
    let (code, got) = tally(tmp.path(), "bad");
    assert_eq!(code, 1);
    let diags = got["diagnostics"].as_array().unwrap();
    for p in planted {
        let found = diags.iter().any(|d| d["precinct_id"] == p["precinct_id"] && d["code"] == p["code"]);
        assert!(found, "planted {p} is reported");
    }
}

/// Above 50,000 precincts the protocols are checked in runs of districts, one per thread: the results, the
/// findings and the per-precinct figures are the same bytes whatever the number of threads.
#[test]
fn counting_in_runs_of_districts_gives_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let o = bin(
        tmp.path(),
        &[
            "generate",
            "--districts",
            "600",
            "--precincts-per",
            "100",
            "--candidates",
            "3",
            "--seed",
            "7",
            "--shape",
            "wide",
            "--errors",
            "0.01",
            "--output",
            "big",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let run = |jobs: &str, format: &[&str]| {
        let mut args =
            vec!["tally", "--quiet", "--rules", "plurality", "--jobs", jobs, "--roster", "big/roster", "big/returns"];
        args.extend_from_slice(format);
        let o = bin(tmp.path(), &args);
        (o.status.code(), o.stdout)
    };
    for format in [&["--format", "json"][..], &["--format", "csv", "--precincts"][..]] {
        let one = run("1", format);
        assert_eq!(one.0, Some(1), "planted errors are errors");
        assert!(one.1.len() > 500_000, "every district (and, in the CSV, every precinct) is in the output");
        for jobs in ["2", "3"] {
            assert!(run(jobs, format) == one, "--jobs {jobs} {format:?} differs from --jobs 1");
        }
    }
}
