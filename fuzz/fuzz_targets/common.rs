//! The sample election's roster, for the targets that fuzz the returns.
use akim_tally::pipeline::{RosterSources, Source, load_roster};
use akim_tally::model::Roster;

pub fn sample_roster() -> Roster {
    let p = Source { name: "precincts.csv".into(), bytes: include_bytes!("../../fixtures/sample/roster/precincts.csv").to_vec() };
    let c = Source { name: "candidates.csv".into(), bytes: include_bytes!("../../fixtures/sample/roster/candidates.csv").to_vec() };
    load_roster(RosterSources { precincts: p, candidates: c, districts: None }).expect("the sample roster is good").roster
}
