//! Micro-benchmarks of each stage, on a synthetic election held in memory (no disk): decoding, cutting lines
//! into fields, reading returns against the roster with every check, and the whole tally; and, for the shape of
//! a country's local elections (50,000 races of 4 precincts and 4 candidates), the roster alone and deciding and
//! rendering every race.
//!
//! `cargo bench --bench pipeline` (divan). The national-scale comparison with DuckDB is `benches/compare.sh`.

use std::collections::BTreeSet;
use std::fmt::Write;

use akim_tally::input::returns::ReadOptions;
use akim_tally::input::stream::{Batch, Decoding, Lines, StrSource, TextSource};
use akim_tally::pipeline::{RosterSources, Source, check_returns, load_roster, run};
use akim_tally::rules::RuleSet;
use divan::{Bencher, black_box, counter::BytesCount};

fn main() {
    divan::main();
}

const DISTRICTS: usize = 200;
const PRECINCTS: usize = 10;
const CANDIDATES: usize = 4;

/// A roster and balanced long returns: 2,000 precincts, 20,000 rows.
fn election() -> (Source, Source, String) {
    election_of(DISTRICTS, PRECINCTS)
}

/// A roster of `districts` races of `precincts` precincts and [`CANDIDATES`] candidates each, and balanced long
/// returns for every precinct.
fn election_of(districts: usize, precincts: usize) -> (Source, Source, String) {
    let mut p = String::from("district_id,district_name,precinct_id,voters_on_list\n");
    let mut c = String::from("district_id,candidate_id,candidate_name,nominated_by\n");
    let mut r = String::from("district_id,precinct_id,item,value\n");
    for d in 0..districts {
        for k in 0..CANDIDATES {
            let _ = writeln!(c, "D{d},c{k},Кандидат {k}-{d},self-nominated");
        }
        for q in 0..precincts {
            let voters = 1000 + (d * 7 + q * 13) % 900;
            let _ = writeln!(p, "D{d},Округ {d},D{d}-P{q},{voters}");
            let votes: Vec<usize> = (0..CANDIDATES).map(|k| 50 + (d + q * 3 + k * 11) % 200).collect();
            let invalid = 3 + q % 5;
            let against = 5 + d % 7;
            let issued = votes.iter().sum::<usize>() + invalid + against;
            for (item, value) in [
                ("voters_on_list", voters),
                ("ballots_issued", issued),
                ("ballots_in_box", issued),
                ("ballots_invalid", invalid),
                ("against_all", against),
            ] {
                let _ = writeln!(r, "D{d},D{d}-P{q},{item},{value}");
            }
            for (k, v) in votes.iter().enumerate() {
                let _ = writeln!(r, "D{d},D{d}-P{q},c{k},{v}");
            }
        }
    }
    let source = |name: &str, text: String| Source { name: name.into(), bytes: text.into_bytes() };
    (source("precincts.csv", p), source("candidates.csv", c), r)
}

/// Decoding `bytes` in `encoding`, piece by piece, to the end.
fn decode(bencher: Bencher, bytes: &[u8], encoding: &'static encoding_rs::Encoding, name: &'static str) {
    bencher.counter(BytesCount::new(bytes.len())).bench(|| {
        let mut rest = bytes;
        let mut d = Decoding::new(&mut rest, Vec::new(), encoding, name);
        let mut out = String::new();
        while d.read_text(&mut out).unwrap() {}
        black_box(out.len())
    });
}

#[divan::bench]
fn decode_utf8(bencher: Bencher) {
    let (_, _, returns) = election();
    decode(bencher, returns.as_bytes(), encoding_rs::UTF_8, "utf-8");
}

#[divan::bench]
fn decode_windows_1251(bencher: Bencher) {
    let (_, _, returns) = election();
    let (cp, _, _) = encoding_rs::WINDOWS_1251.encode(&returns);
    decode(bencher, &cp, encoding_rs::WINDOWS_1251, "windows-1251");
}

#[divan::bench]
fn lines_and_fields(bencher: Bencher) {
    let (_, _, returns) = election();
    // What the cutting thread does: lines cut into fields, batch after batch.
    bencher.counter(BytesCount::new(returns.len())).bench(|| {
        let mut lines = Lines::new(Box::new(StrSource::new(&returns)));
        let mut batch = Batch::default();
        let mut rows = 0;
        loop {
            batch.refill(&mut lines, b',');
            rows += batch.len();
            if batch.last {
                break;
            }
        }
        black_box(rows)
    });
}

/// The same work done line by line with the one field splitter: each line found, then cut (the way every line
/// was read before the batches found line ends and delimiters in one pass).
#[divan::bench]
fn lines_then_fields(bencher: Bencher) {
    let (_, _, returns) = election();
    bencher.counter(BytesCount::new(returns.len())).bench(|| {
        let mut lines = Lines::new(Box::new(StrSource::new(&returns)));
        let mut fields = akim_tally::input::stream::Fields::default();
        let mut rows = 0;
        while let Some((_, line)) = lines.next_line().unwrap() {
            let _ = akim_tally::input::stream::split_fields(line, b',', &mut fields);
            rows += usize::from(!fields.is_empty());
        }
        black_box(rows)
    });
}

/// The same work done by `csv-core` (the tokenizer under the `csv` crate): every record cut into fields, with
/// its line number, into one buffer as the batches keep them.
#[divan::bench]
fn csv_core_records(bencher: Bencher) {
    let (_, _, returns) = election();
    bencher.counter(BytesCount::new(returns.len())).bench(|| {
        let mut reader = csv_core::Reader::new();
        let (mut out, mut ends) = (vec![0u8; 1 << 16], vec![0usize; 4096]);
        let mut input = returns.as_bytes();
        let (mut rows, mut line) = (0, 1u64);
        loop {
            let (result, read, _, _) = reader.read_record(input, &mut out, &mut ends);
            input = &input[read..];
            match result {
                csv_core::ReadRecordResult::Record => {
                    rows += 1;
                    line = reader.line();
                }
                csv_core::ReadRecordResult::End => break,
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull | csv_core::ReadRecordResult::OutputEndsFull => {
                    unreachable!()
                }
            }
        }
        black_box((rows, line))
    });
}

#[divan::bench]
fn read_and_check(bencher: Bencher) {
    let (p, c, returns) = election();
    let roster = load_roster(RosterSources { precincts: p, candidates: c, districts: None }).unwrap().roster;
    let source = Source { name: "returns.csv".into(), bytes: returns.into_bytes() };
    bencher.counter(BytesCount::new(source.bytes.len())).bench(|| {
        let (t, _) =
            check_returns(&roster, std::slice::from_ref(&source), &ReadOptions::default(), &BTreeSet::new()).unwrap();
        assert!(t.findings.iter().all(|f| !f.is_error()));
        black_box(t.districts.len())
    });
}

#[divan::bench]
fn roster_and_tally(bencher: Bencher) {
    let (p, c, returns) = election();
    let source = Source { name: "returns.csv".into(), bytes: returns.into_bytes() };
    // The roster's files are given to the roster (which lets them go): each run has a copy made before its clock
    // starts.
    let sources = || RosterSources { precincts: p.clone(), candidates: c.clone(), districts: None };
    bencher
        .counter(BytesCount::new(source.bytes.len() + p.bytes.len() + c.bytes.len()))
        .with_inputs(sources)
        .bench_values(|sources| {
            let roster = load_roster(sources).unwrap().roster;
            let (results, _, _) = run(
                &roster,
                vec![source.input()],
                &ReadOptions::default(),
                &BTreeSet::new(),
                &RuleSet::plurality(),
                &Default::default(),
            )
            .unwrap();
            black_box(results.len())
        });
}

/// Many small races: 50,000 of 4 precincts and 4 candidates (a roster of 200,000 precincts and 200,000 candidates).
const SMALL_RACES: (usize, usize) = (50_000, 4);

#[divan::bench(sample_count = 5, sample_size = 1)]
fn roster_of_many_small_races(bencher: Bencher) {
    let (p, c, _) = election_of(SMALL_RACES.0, SMALL_RACES.1);
    let sources = || RosterSources { precincts: p.clone(), candidates: c.clone(), districts: None };
    bencher.counter(BytesCount::new(p.bytes.len() + c.bytes.len())).with_inputs(sources).bench_values(|sources| {
        let roster = load_roster(sources).unwrap().roster;
        black_box(roster.districts.len())
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn decide_and_render_many_small_races(bencher: Bencher) {
    let (p, c, returns) = election_of(SMALL_RACES.0, SMALL_RACES.1);
    let roster = load_roster(RosterSources { precincts: p, candidates: c, districts: None }).unwrap().roster;
    let source = Source { name: "returns.csv".into(), bytes: returns.into_bytes() };
    let options = ReadOptions::default();
    let (tally, _) = check_returns(&roster, std::slice::from_ref(&source), &options, &BTreeSet::new()).unwrap();
    let rules = RuleSet::plurality();
    let run = akim_tally::report::RunOptions::default();
    let decisions = Default::default();
    bencher.bench(|| {
        // As `tally` writes them: each batch of races decided where it is rendered.
        let races = akim_tally::decide::Races::new(&roster, &tally, &rules, &decisions);
        let mut json = Vec::new();
        akim_tally::report::json::write_results(&mut json, &rules, &[], &run, &races, &tally.findings).unwrap();
        black_box(json.len())
    });
}
