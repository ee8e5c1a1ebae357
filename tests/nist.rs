//! The NIST SP 1500-100 ERR CDF v2 export validates against the official JSON schema (draft-04, copied into
//! `fixtures/nist-err/`), with format assertions on, and every reference in it resolves to an `@id` of the report.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cdf(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_akim-tally"))
        .env("LC_ALL", "C")
        .args(["tally", "--quiet", "--format", "nist-cdf", "--election-date", "2025-10-19"])
        .args(args)
        .current_dir(root())
        .output()
        .expect("the binary runs");
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)))
}

fn validate(doc: &Value) -> Result<(), String> {
    let schema: Value = serde_json::from_slice(
        &std::fs::read(root().join("fixtures/nist-err/NIST_V2_election_results_reporting.json")).expect("schema"),
    )
    .expect("schema JSON");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler.add_resource("urn:nist-err", schema).map_err(|e| e.to_string())?;
    let index = compiler.compile("urn:nist-err", &mut schemas).map_err(|e| format!("{e:#}"))?;
    schemas.validate(doc, index).map_err(|e| format!("{e}"))
}

/// Every `@id`, and every value of a `…Id` / `…Ids` field (the references), except `VendorApplicationId`.
fn ids_and_references(v: &Value, ids: &mut BTreeSet<String>, refs: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                if k == "@id" {
                    ids.insert(x.as_str().unwrap_or_default().to_string());
                } else if k.ends_with("Id") && k != "VendorApplicationId" {
                    refs.push(x.as_str().unwrap_or_default().to_string());
                } else if k.ends_with("Ids") {
                    refs.extend(x.as_array().into_iter().flatten().map(|r| r.as_str().unwrap_or_default().to_string()));
                }
                ids_and_references(x, ids, refs);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| ids_and_references(x, ids, refs)),
        _ => {}
    }
}

fn check(doc: &Value) {
    validate(doc).unwrap_or_else(|e| panic!("the export does not validate against the schema:\n{e}"));
    let (mut ids, mut refs) = (BTreeSet::new(), Vec::new());
    ids_and_references(doc, &mut ids, &mut refs);
    assert!(!refs.is_empty());
    let unresolved: Vec<&String> = refs.iter().filter(|r| !ids.contains(*r)).collect();
    assert!(unresolved.is_empty(), "references without an @id: {unresolved:?}");
    let ncname = |s: &str| {
        s.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
            && s.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
    };
    assert!(ids.iter().all(|i| ncname(i)), "every @id is an NCName");
}

#[test]
fn the_sample_election_exports_valid_cdf() {
    let doc = cdf(&["--roster", "fixtures/sample/roster", "fixtures/sample/returns"]);
    check(&doc);
    assert_eq!(doc["Status"], "unofficial-partial", "precinct 0304 is missing");
    let notes = doc["Notes"].as_str().unwrap();
    assert!(notes.contains("kz-rural-akim") && notes.contains("fixtures/sample/returns/zhambyl-01-03.csv"), "{notes}");
    let contests = doc["Election"][0]["Contest"].as_array().unwrap();
    assert_eq!(contests.len(), 7, "one CandidateContest per district");
    // District 05: against all is reported as a selection beside the candidates, per precinct.
    let d05 = contests.iter().find(|c| c["@id"] == "contest-05").unwrap();
    let against =
        d05["ContestSelection"].as_array().unwrap().iter().find(|s| s["@id"] == "sel-05-against-all").unwrap();
    let total: u64 = against["VoteCounts"].as_array().unwrap().iter().map(|v| v["Count"].as_u64().unwrap()).sum();
    assert_eq!(total, 410);
}

#[test]
fn alaska_2018_exports_valid_cdf_with_every_precinct() {
    let doc =
        cdf(&["--rules", "plurality", "--roster", "fixtures/ak-2018-house", "fixtures/ak-2018-house/returns.csv"]);
    check(&doc);
    assert_eq!(doc["Status"], "unofficial-complete");
    let precincts = doc["GpUnit"].as_array().unwrap().iter().filter(|g| g["Type"] == "precinct").count();
    assert_eq!(precincts, 561);
    // The winner of HD2 is marked, and a tie marks nobody.
    let cands = doc["Election"][0]["Candidate"].as_array().unwrap();
    let status = |id: &str| cands.iter().find(|c| c["@id"] == id).map(|c| c["PostElectionStatus"].clone()).unwrap();
    assert_eq!(status("cand-2-thompson-steve"), "winner");
    assert!(status("cand-1-lebon-barton-s").is_null());
}

#[test]
fn a_broken_export_would_not_pass() {
    let mut doc = cdf(&["--roster", "fixtures/sample/roster", "fixtures/sample/returns"]);
    doc["Status"] = Value::from("final-ish");
    assert!(validate(&doc).is_err(), "the schema check can fail");
}
