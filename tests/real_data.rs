//! Differential tests on real published precinct returns with independently certified totals.
//!
//! Alaska 2018 (State House) is copied into `fixtures/ak-2018-house/`, so these tests always run. Russia 2018
//! (presidential, 97,699 protocols) is too large to copy: its test reads `../shared/data/ru-2018-president/` (or
//! `$AKIM_SHARED_DATA/ru-2018-president/`) and says plainly that it skips when the folder is absent.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary and returns (exit code, parsed stdout JSON).
fn tally_json(args: &[&str]) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_akim-tally"))
        .env("LC_ALL", "C")
        .arg("tally")
        .arg("--format")
        .arg("json")
        // Data from elsewhere: the generic plurality rule set (a tie is decided by lot), not Kazakh law.
        .args(["--rules", "plurality"])
        .args(args)
        .current_dir(root())
        .output()
        .expect("the binary runs");
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}); stderr: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().expect("exit code"), json)
}

fn read_json(path: &PathBuf) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("expected.json")).expect("valid JSON")
}

fn district<'a>(results: &'a Value, id: &str) -> &'a Value {
    results["districts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["district_id"] == id)
        .unwrap_or_else(|| panic!("district {id}"))
}

/// (candidate_id, votes) pairs of a district, in the order given.
fn votes(d: &Value) -> Vec<(String, u64)> {
    d["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["candidate_id"].as_str().unwrap().to_string(), c["votes"].as_u64().unwrap()))
        .collect()
}

fn sorted(mut v: Vec<(String, u64)>) -> Vec<(String, u64)> {
    v.sort();
    v
}

#[test]
fn alaska_2018_house_gives_the_certified_winners_and_the_tie() {
    let dir = root().join("fixtures/ak-2018-house");
    let expected = read_json(&dir.join("expected.json"));
    let (code, got) = tally_json(&["--roster", "fixtures/ak-2018-house", "fixtures/ak-2018-house/returns.csv"]);
    assert_eq!(code, 3, "a tie needs action: exit code 3");
    let want = expected["districts"].as_array().unwrap();
    assert_eq!(want.len(), 40);
    assert_eq!(got["districts"].as_array().unwrap().len(), 40);
    for w in want {
        let id = w["district_id"].as_str().unwrap();
        let g = district(&got, id);
        assert_eq!(g["status"], w["status"], "status of HD{id}");
        assert_eq!(g["winner"], w["winner"], "winner of HD{id}");
        assert_eq!(votes(g), votes(w), "votes (in order) of HD{id}");
        assert_eq!(g["precincts_total"], w["precincts_total"], "precincts of HD{id}");
        assert_eq!(g["precincts_reporting"], w["precincts_total"], "all precincts report in HD{id}");
    }
    let hd1 = district(&got, "1");
    assert_eq!(hd1["status"], "tie");
    assert_eq!(hd1["tied"], serde_json::json!(["dodge-kathryn-e", "lebon-barton-s"]));
    assert_eq!(votes(hd1)[..2], [("dodge-kathryn-e".to_string(), 2662), ("lebon-barton-s".to_string(), 2662)]);
    let errors = got["diagnostics"].as_array().unwrap().iter().filter(|d| d["severity"] == "error").count();
    assert_eq!(errors, 0, "the corrected file has no errors");
}

#[test]
fn alaska_2018_as_published_reports_every_misfiled_precinct_and_declares_none_of_their_races() {
    let dir = root().join("fixtures/ak-2018-house");
    let expected = read_json(&dir.join("expected.json"));
    let (code, got) =
        tally_json(&["--roster", "fixtures/ak-2018-house", "fixtures/ak-2018-house/returns-as-published.csv"]);
    assert_eq!(code, 1, "misfiled precincts are errors: exit code 1");

    let mut want: BTreeSet<(String, String, String)> = BTreeSet::new();
    let mut touched: BTreeSet<String> = BTreeSet::new();
    for group in expected["facts"]["returns_as_published_wrong_district"].as_array().unwrap() {
        let published = group["published_district"].as_str().unwrap();
        let correct = group["correct_district"].as_str().unwrap();
        touched.insert(published.to_string());
        touched.insert(correct.to_string());
        for p in group["precinct_ids"].as_array().unwrap() {
            want.insert((p.as_str().unwrap().to_string(), published.to_string(), correct.to_string()));
        }
    }
    assert_eq!(want.len(), 31);

    let diags = got["diagnostics"].as_array().unwrap();
    let reported: BTreeSet<String> =
        diags.iter().filter(|d| d["code"] == "E302").map(|d| d["precinct_id"].as_str().unwrap().to_string()).collect();
    let want_ids: BTreeSet<String> = want.iter().map(|w| w.0.clone()).collect();
    assert_eq!(reported, want_ids, "every misfiled precinct, and only those, is reported");
    for (p, published, correct) in &want {
        let d = diags.iter().find(|d| d["code"] == "E302" && d["precinct_id"] == p.as_str()).unwrap();
        let msg = d["message"].as_str().unwrap();
        assert!(msg.contains(&format!("under district {published}")), "{msg}");
        assert!(msg.contains(&format!("in district {correct}")), "{msg}");
        assert!(d["line"].as_u64().unwrap() > 1 && d["column"] == 1, "points at the district cell: {d}");
    }
    let other_errors: Vec<&Value> = diags.iter().filter(|d| d["severity"] == "error" && d["code"] != "E302").collect();
    assert!(other_errors.is_empty(), "no other errors: {other_errors:?}");

    for d in got["districts"].as_array().unwrap() {
        let id = d["district_id"].as_str().unwrap();
        if touched.contains(id) {
            assert_eq!(d["status"], "blocked", "HD{id} holds a misfiled precinct");
            assert!(d["winner"].is_null(), "no winner declared in HD{id}");
        } else {
            let w = expected["districts"].as_array().unwrap().iter().find(|w| w["district_id"] == id).unwrap();
            assert_eq!(d["status"], w["status"], "HD{id} is untouched");
            assert_eq!(d["winner"], w["winner"], "HD{id} is untouched");
        }
    }
}

fn shared_data(name: &str) -> Option<PathBuf> {
    let base = std::env::var_os("AKIM_SHARED_DATA").map(PathBuf::from).unwrap_or_else(|| root().join("../shared/data"));
    let dir = base.join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} is absent (set AKIM_SHARED_DATA to the shared data folder to run this test)",
            dir.display()
        );
        None
    }
}

#[test]
fn russia_2018_president_flags_exactly_the_six_overfull_boxes_and_decides_once_they_are_annulled() {
    let Some(dir) = shared_data("ru-2018-president") else { return };
    let expected = read_json(&dir.join("expected.json"));
    let d = dir.to_string_lossy().to_string();
    let returns = dir.join("returns.csv").to_string_lossy().to_string();

    let (code, got) = tally_json(&["--roster", &d, &returns]);
    assert_eq!(code, 1);
    let errors: Vec<&Value> =
        got["diagnostics"].as_array().unwrap().iter().filter(|x| x["severity"] == "error").collect();
    let flagged: BTreeSet<(String, u64)> = errors
        .iter()
        .map(|e| {
            assert_eq!(e["code"], "E406", "only more-in-the-box-than-issued errors: {e}");
            (e["precinct_id"].as_str().unwrap().to_string(), e["line"].as_u64().unwrap())
        })
        .collect();
    let six = &expected["facts"]["control_relations"]["in_boxes_gt_issued"]["precincts"];
    let want: BTreeSet<(String, u64)> = six
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["precinct_id"].as_str().unwrap().to_string(), p["source_line"].as_u64().unwrap()))
        .collect();
    assert_eq!(want.len(), 6);
    assert_eq!(flagged, want, "exactly the six protocols, at their lines");
    let ru = district(&got, "RU");
    assert_eq!(ru["status"], "blocked");
    assert!(ru["winner"].is_null());
    assert_eq!(sorted(votes(ru)), sorted(votes(&expected["districts"][0])), "sums as read");

    let annulled = &expected["districts_with_annulled"];
    let mut args = vec!["--roster".to_string(), d.clone(), returns.clone()];
    for p in annulled["annul"].as_array().unwrap() {
        args.push("--annul".into());
        args.push(p.as_str().unwrap().into());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, got) = tally_json(&args);
    assert_eq!(code, 0, "with the six annulled, the race is decided");
    let ru = district(&got, "RU");
    let want = &annulled["districts"][0];
    assert_eq!(ru["status"], "elected");
    assert_eq!(ru["winner"], want["winner"]);
    assert_eq!(sorted(votes(ru)), sorted(votes(want)));
    assert_eq!(ru["precincts_reporting"], 97_699);
    assert_eq!(ru["notices"].as_array().unwrap().iter().filter(|n| n["code"] == "N103").count(), 6);
}
