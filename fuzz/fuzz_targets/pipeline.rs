//! The whole pipeline, from bytes to every rendering, against the sample roster: no panic, no hang, valid JSON,
//! and the same bytes twice (determinism).
#![no_main]

#[path = "common.rs"]
mod common;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use akim_tally::pipeline::{Source, run};
use akim_tally::input::returns::ReadOptions;
use akim_tally::model::Roster;
use akim_tally::report::{self, RunOptions, html, nist};
use akim_tally::rules::RuleSet;
use libfuzzer_sys::fuzz_target;

static ROSTER: OnceLock<Roster> = OnceLock::new();

fn render(roster: &Roster, data: &[u8]) -> Option<String> {
    let sources = [Source { name: "returns.csv".into(), bytes: data.to_vec() }];
    let rules = RuleSet::kz_rural_akim(None);
    let (districts, t, _) =
        run(roster, sources.iter().map(Source::input).collect(), &ReadOptions::default(), &BTreeSet::new(), &rules, &Default::default())
            .ok()?;
    let json = report::json::results(&rules, &[], &RunOptions::default(), &districts, &t.findings);
    serde_json::from_str::<serde_json::Value>(&json).expect("the JSON results parse");
    let mut out = json;
    for lang in [html::Lang::Kk, html::Lang::Ru, html::Lang::En] {
        out.push_str(&report::table::results(&rules, &[], &districts, lang));
        out.push_str(&report::diagnostics::human(&t.findings, false, lang));
    }
    out.push_str(&report::csv::results(&districts[..], true));
    let mut precincts = Vec::new();
    report::csv::precincts(&mut precincts, roster, &t.protocols, false).expect("writing into memory");
    out.push_str(std::str::from_utf8(&precincts).expect("the per-precinct CSV is UTF-8"));
    let commission = akim_tally::model::Commission::default();
    for lang in [html::Lang::Kk, html::Lang::Ru, html::Lang::En] {
        out.push_str(&html::page(&html::Report {
            lang,
            rules: &rules,
            commission: &commission,
            inputs: &[],
            districts: &districts,
            findings: &t.findings,
            roster,
            protocols: &t.protocols,
            results_json: "{}",
        }));
    }
    let info = nist::ElectionInfo {
        name: "x".into(),
        issuer: "x".into(),
        issuer_abbreviation: "x".into(),
        date: "2025-10-19".into(),
        generated: "2025-10-19T00:00:00Z".into(),
        language: "kk".into(),
        provenance: String::new(),
    };
    let mut cdf = Vec::new();
    nist::report(&mut cdf, roster, &districts, &t.protocols, &info).expect("writing into memory");
    serde_json::from_slice::<serde_json::Value>(&cdf).expect("the NIST report parses");
    out.push_str(std::str::from_utf8(&cdf).expect("the NIST report is UTF-8"));
    Some(out)
}

fuzz_target!(|data: &[u8]| {
    let roster = ROSTER.get_or_init(common::sample_roster);
    let first = render(roster, data);
    assert_eq!(first, render(roster, data), "the same input gives the same bytes");
});
