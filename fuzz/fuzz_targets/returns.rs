//! The returns parser and the checks, on arbitrary bytes against the sample roster: no panic, no hang, and the
//! same result every time the same bytes are read.
#![no_main]

#[path = "common.rs"]
mod common;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use akim_tally::pipeline::{Source, check_returns};
use akim_tally::input::returns::ReadOptions;
use akim_tally::model::Roster;
use libfuzzer_sys::fuzz_target;

static ROSTER: OnceLock<Roster> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let roster = ROSTER.get_or_init(common::sample_roster);
    let source = Source { name: "returns.csv".into(), bytes: data.to_vec() };
    let sources = [source];
    let read = || format!("{:?}", check_returns(roster, &sources, &ReadOptions::default(), &BTreeSet::new()));
    assert_eq!(read(), read(), "the same bytes read differently");
});
