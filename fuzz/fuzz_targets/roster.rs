//! The roster parser on arbitrary bytes: the first byte says where precincts.csv ends and candidates.csv begins.
#![no_main]

use akim_tally::pipeline::{RosterSources, Source, load_roster};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&split, rest)) = data.split_first() else { return };
    let at = (split as usize * rest.len()) / 255;
    let (p, c) = rest.split_at(at.min(rest.len()));
    let p = Source { name: "precincts.csv".into(), bytes: p.to_vec() };
    let c = Source { name: "candidates.csv".into(), bytes: c.to_vec() };
    let _ = load_roster(RosterSources { precincts: p, candidates: c, districts: None });
});
