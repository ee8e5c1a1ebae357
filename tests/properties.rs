//! Invariants of the tally, on random elections: the order of rows and files, and how the returns are split into
//! files, never change a result; a district's total is the sum of its precincts; more votes never hurt a winner.

use std::collections::BTreeSet;
use std::sync::Arc;

use proptest::prelude::*;

use akim_tally::aggregate::DistrictTotals;
use akim_tally::decide::{Decisions, DistrictResult, Races, Status, decide, decide_district};
use akim_tally::input::returns::ReadOptions;
use akim_tally::model::{Candidates, Count, District, DistrictId};
use akim_tally::pipeline::{RosterSources, Source, check_returns, load_roster};
use akim_tally::report::{RunOptions, json};
use akim_tally::rules::RuleSet;

/// One precinct's protocol: votes per candidate, against all, invalid, and spare voters on the list.
#[derive(Clone, Debug)]
struct Precinct {
    votes: Vec<u64>,
    against: u64,
    invalid: u64,
    spare: u64,
    reported: bool,
}

#[derive(Clone, Debug)]
struct Election {
    /// Per district: candidates count and precincts.
    districts: Vec<(usize, Vec<Precinct>)>,
}

fn precinct(candidates: usize) -> impl Strategy<Value = Precinct> {
    (prop::collection::vec(0u64..400, candidates), 0u64..60, 0u64..20, 0u64..300, prop::bool::weighted(0.9))
        .prop_map(|(votes, against, invalid, spare, reported)| Precinct { votes, against, invalid, spare, reported })
}

fn election() -> impl Strategy<Value = Election> {
    prop::collection::vec((1usize..5).prop_flat_map(|c| (Just(c), prop::collection::vec(precinct(c), 1..5))), 1..5)
        .prop_map(|districts| Election { districts })
}

fn did(d: usize) -> String {
    format!("D{d}")
}
fn pid(d: usize, p: usize) -> String {
    format!("{d}-{p:02}")
}
fn cid(c: usize) -> String {
    format!("c{c}")
}
fn cname(d: usize, c: usize) -> String {
    // Names as a commission writes them: Kazakh letters, and a different name per district.
    format!("Кандидат{d}{c} Әлқожаұлы")
}

impl Election {
    fn roster_files(&self) -> (Source, Source) {
        let mut p = String::from("district_id,district_name,precinct_id,voters_on_list\n");
        let mut c = String::from("district_id,candidate_id,candidate_name,nominated_by\n");
        for (d, (nc, ps)) in self.districts.iter().enumerate() {
            for (i, x) in ps.iter().enumerate() {
                let issued = x.votes.iter().sum::<u64>() + x.against + x.invalid;
                p.push_str(&format!("{},Ауыл {d},{},{}\n", did(d), pid(d, i), issued + x.spare));
            }
            for k in 0..*nc {
                c.push_str(&format!("{},{},{},self-nominated\n", did(d), cid(k), cname(d, k)));
            }
        }
        (source("precincts.csv", p), source("candidates.csv", c))
    }

    /// Rows of a wide multi-district sheet (header first), candidates named by name.
    fn wide_rows(&self) -> (String, Vec<String>) {
        let mut header =
            vec!["precinct_id".to_string(), "ballots_issued".into(), "ballots_in_box".into(), "ballots_invalid".into()];
        let mut cols = Vec::new();
        for (d, (nc, _)) in self.districts.iter().enumerate() {
            for k in 0..*nc {
                header.push(cname(d, k));
                cols.push((d, k));
            }
        }
        header.push("against_all".into());
        let mut rows = Vec::new();
        for (d, (_, ps)) in self.districts.iter().enumerate() {
            for (i, x) in ps.iter().enumerate().filter(|(_, x)| x.reported) {
                let issued = x.votes.iter().sum::<u64>() + x.against + x.invalid;
                let mut r = vec![pid(d, i), issued.to_string(), issued.to_string(), x.invalid.to_string()];
                for (cd, k) in &cols {
                    r.push(if *cd == d { x.votes[*k].to_string() } else { String::new() });
                }
                r.push(x.against.to_string());
                rows.push(r.join(";"));
            }
        }
        (header.join(";"), rows)
    }

    /// Rows of a long file (header first), candidates by id.
    fn long_rows(&self) -> (String, Vec<String>) {
        let mut rows = Vec::new();
        for (d, (_, ps)) in self.districts.iter().enumerate() {
            for (i, x) in ps.iter().enumerate().filter(|(_, x)| x.reported) {
                let issued = x.votes.iter().sum::<u64>() + x.against + x.invalid;
                let p = pid(d, i);
                rows.push(format!("{},{p},ballots_issued,{issued}", did(d)));
                rows.push(format!("{},{p},ballots_in_box,{issued}", did(d)));
                rows.push(format!("{},{p},ballots_invalid,{}", did(d), x.invalid));
                rows.push(format!("{},{p},against_all,{}", did(d), x.against));
                for (k, v) in x.votes.iter().enumerate() {
                    rows.push(format!("{},{p},{},{v}", did(d), cid(k)));
                }
            }
        }
        ("district_id,precinct_id,item,value".to_string(), rows)
    }
}

fn source(name: &str, text: String) -> Source {
    Source { name: Arc::from(name), bytes: text.into_bytes() }
}

/// Files from a header and rows: `cuts` split the rows into consecutive files, each with the header. With no rows,
/// no file (a file with a header and no rows is an error, E114).
fn files(header: &str, rows: &[String], cuts: &BTreeSet<usize>) -> Vec<Source> {
    let mut out = Vec::new();
    if rows.is_empty() {
        return out;
    }
    let mut start = 0;
    for (n, end) in cuts.iter().copied().filter(|&c| c > 0 && c < rows.len()).chain([rows.len()]).enumerate() {
        let mut text = format!("{header}\n");
        for r in &rows[start..end] {
            text.push_str(r);
            text.push('\n');
        }
        out.push(source(&format!("returns-{n}.csv"), text));
        start = end;
    }
    out
}

/// A long file's precinct: its second field.
fn precinct_of(row: &str) -> &str {
    row.split(',').nth(1).unwrap_or("")
}

/// The rows of a long file, each precinct's together, the precincts in the order they first come.
fn by_precinct(rows: &[String]) -> Vec<String> {
    let mut first: Vec<&str> = Vec::new();
    for r in rows {
        if !first.contains(&precinct_of(r)) {
            first.push(precinct_of(r));
        }
    }
    let mut out = rows.to_vec();
    out.sort_by_key(|r| first.iter().position(|p| *p == precinct_of(r)));
    out
}

/// A cut moved forward to the end of the protocol it falls in (in a wide file, every row is a protocol).
fn protocol_end(rows: &[String], mut cut: usize) -> usize {
    while cut > 0
        && cut < rows.len()
        && rows[cut].contains(',')
        && precinct_of(&rows[cut]) == precinct_of(&rows[cut - 1])
    {
        cut += 1;
    }
    cut
}

fn run(e: &Election, returns: &[Source]) -> Vec<DistrictResult> {
    run_with(e, returns, 1)
}

/// The results, with `jobs` files read at once.
fn run_with(e: &Election, returns: &[Source], jobs: usize) -> Vec<DistrictResult> {
    run_on(e.roster_files(), returns, jobs)
}

/// The results against a roster's files (precincts.csv and candidates.csv), with `jobs` files read at once.
fn run_on((p, c): (Source, Source), returns: &[Source], jobs: usize) -> Vec<DistrictResult> {
    let roster = load_roster(RosterSources { precincts: p, candidates: c, districts: None }).expect("roster").roster;
    let (results, t, _) = akim_tally::pipeline::run(
        &roster,
        returns.iter().map(Source::input).collect(),
        &ReadOptions { jobs, ..ReadOptions::default() },
        &BTreeSet::new(),
        &RuleSet::kz_rural_akim(None),
        &Decisions::default(),
    )
    .expect("decodable");
    assert!(t.findings.iter().all(|f| !f.is_error()), "generated returns are clean: {:?}", t.findings);
    results
}

/// Puts `items` in an order drawn from `seed`.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut rng = seed;
    for i in (1..items.len()).rev() {
        rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        items.swap(i, (rng >> 33) as usize % (i + 1));
    }
}

/// A roster file with its rows (below the header) in an order drawn from `seed`.
fn shuffled_file(file: &Source, seed: u64) -> Source {
    let text = String::from_utf8(file.bytes.clone()).expect("a generated roster is UTF-8");
    let mut lines: Vec<&str> = text.lines().collect();
    shuffle(&mut lines[1..], seed);
    source(&file.name, lines.iter().map(|l| format!("{l}\n")).collect())
}

fn as_json(r: &[DistrictResult]) -> String {
    serde_json::to_string(r).expect("serialisable")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn row_order_file_splits_and_file_order_never_change_the_result(
        e in election(),
        seed in any::<u64>(),
        cuts in prop::collection::btree_set(0usize..200, 0..4),
        long in any::<bool>(),
    ) {
        let (header, rows) = if long { e.long_rows() } else { e.wide_rows() };
        let reference = as_json(&run(&e, &files(&header, &rows, &BTreeSet::new())));

        let mut shuffled = rows.clone();
        shuffle(&mut shuffled, seed);
        prop_assert_eq!(&as_json(&run(&e, &files(&header, &shuffled, &BTreeSet::new()))), &reference, "shuffled rows");

        // A protocol is read from one file: a long file's rows of one precinct are kept together when the rows are
        // split into files (two files with parts of one protocol are two differing copies of it, an error).
        let shuffled = if long { by_precinct(&shuffled) } else { shuffled };
        let cuts: BTreeSet<usize> = cuts.into_iter().map(|c| protocol_end(&shuffled, c)).collect();
        let mut split = files(&header, &shuffled, &cuts);
        prop_assert_eq!(&as_json(&run(&e, &split)), &reference, "split into files");
        prop_assert_eq!(&as_json(&run_with(&e, &split, 3)), &reference, "files read three at once");
        split.reverse();
        prop_assert_eq!(&as_json(&run(&e, &split)), &reference, "files in another order");
    }

    #[test]
    fn the_order_of_the_roster_s_rows_never_changes_the_result(e in election(), seed in any::<u64>(), long in any::<bool>()) {
        let (header, rows) = if long { e.long_rows() } else { e.wide_rows() };
        let returns = files(&header, &rows, &BTreeSet::new());
        let reference = as_json(&run(&e, &returns));
        let (p, c) = e.roster_files();
        let shuffled = (shuffled_file(&p, seed), shuffled_file(&c, seed.rotate_left(17)));
        prop_assert_eq!(&as_json(&run_on(shuffled, &returns, 1)), &reference);
    }

    #[test]
    fn races_decided_a_batch_at_a_time_are_the_races_decided_at_once(
        e in election(),
        cuts in prop::collection::btree_set(0usize..12, 0..4),
    ) {
        let (header, rows) = e.long_rows();
        let (p, c) = e.roster_files();
        let roster = load_roster(RosterSources { precincts: p, candidates: c, districts: None }).expect("roster").roster;
        let returns = files(&header, &rows, &BTreeSet::new());
        let (totals, _) = check_returns(&roster, &returns, &ReadOptions::default(), &BTreeSet::new()).expect("read");
        let (rules, decisions) = (RuleSet::kz_rural_akim(None), Decisions::default());
        let at_once = decide(&roster, &totals, &rules, &decisions);
        let races = Races::new(&roster, &totals, &rules, &decisions);
        prop_assert_eq!(races.len(), at_once.len());
        // Cut at any places (past the end: one batch), each batch decided on its own.
        let mut bounds: Vec<usize> = cuts.into_iter().map(|k| k.min(races.len())).collect();
        bounds.extend([0, races.len()]);
        bounds.sort_unstable();
        let batched: Vec<DistrictResult> = bounds.windows(2).flat_map(|w| races.decide(w[0]..w[1])).collect();
        prop_assert_eq!(&batched, &at_once);
        // Written as they are decided, the JSON results are the bytes of the results decided first.
        let write = |districts: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
            let mut out = Vec::new();
            districts(&mut out).expect("written");
            out
        };
        let (inputs, options) = (Vec::new(), RunOptions::default());
        let streamed = write(&|out| json::write_results(out, &rules, &inputs, &options, &races, &totals.findings));
        let decided = write(&|out| json::write_results(out, &rules, &inputs, &options, &at_once[..], &totals.findings));
        prop_assert!(streamed == decided);
    }

    #[test]
    fn a_district_total_is_the_sum_of_its_precincts(e in election(), long in any::<bool>()) {
        let (header, rows) = if long { e.long_rows() } else { e.wide_rows() };
        let results = run(&e, &files(&header, &rows, &BTreeSet::new()));
        for (d, (nc, ps)) in e.districts.iter().enumerate() {
            let r = results.iter().find(|r| r.district_id.as_str() == did(d)).expect("district");
            let counted: Vec<&Precinct> = ps.iter().filter(|p| p.reported).collect();
            for k in 0..*nc {
                let want: u64 = counted.iter().map(|p| p.votes[k]).sum();
                let got = r.candidates.iter().find(|c| c.candidate_id.as_str() == cid(k)).expect("candidate").votes;
                // With no protocol counted, the votes are unknown, not 0.
                prop_assert_eq!(got, (!counted.is_empty()).then_some(Count(want)));
            }
            prop_assert_eq!(r.precincts_reporting, counted.len());
            let complete = counted.len() == ps.len();
            prop_assert_eq!(r.status == Status::Incomplete, !complete);
            if complete {
                let issued: u64 = counted.iter().map(|p| p.votes.iter().sum::<u64>() + p.against + p.invalid).sum();
                prop_assert_eq!(r.ballots_issued, Some(Count(issued)));
                prop_assert_eq!(r.against_all, Some(Count(counted.iter().map(|p| p.against).sum())));
            }
        }
    }
}

/// A complete, clean race with these votes.
fn race(votes: &[u64], against: u64) -> DistrictResult {
    let mut candidates = Candidates::default();
    for k in 0..votes.len() {
        candidates.push(&cid(k), &cname(0, k), "x".into(), None);
    }
    let district = District { id: DistrictId("D".into()), name: "D".into(), candidates, precincts: 0..0, index: 0 };
    let totals = DistrictTotals {
        precincts_total: 1,
        precincts_reporting: 1,
        counted: 1,
        against_all: Some(Count(against)),
        votes: votes.iter().copied().map(Count).collect(),
        ..DistrictTotals::default()
    };
    // A rule set with a lot: a tie stays a tie until one is drawn.
    decide_district(&district, &totals, &RuleSet::plurality(), &Decisions::default())
}

proptest! {
    #[test]
    fn more_votes_never_make_a_winner_lose(votes in prop::collection::vec(0u64..1000, 1..6), against in 0u64..500, extra in 1u64..500) {
        let before = race(&votes, against);
        if let Some(w) = before.winner.clone() {
            let k: usize = w.as_str()[1..].parse().unwrap();
            let mut more = votes.clone();
            more[k] += extra;
            let after = race(&more, against);
            prop_assert_eq!(after.status, Status::Elected);
            prop_assert_eq!(after.winner, Some(w));
        }
    }

    #[test]
    fn more_votes_make_a_loser_win_only_by_passing_everyone(
        votes in prop::collection::vec(0u64..1000, 2..6), against in 0u64..500, pick in any::<prop::sample::Index>(), extra in 1u64..1500,
    ) {
        let k = pick.index(votes.len());
        let before = race(&votes, against);
        let mut more = votes.clone();
        more[k] += extra;
        let after = race(&more, against);
        let others_max = more.iter().enumerate().filter(|(i, _)| *i != k).map(|(_, v)| *v).max().unwrap_or(0);
        let wins = after.winner.as_ref().is_some_and(|w| w.as_str() == cid(k));
        prop_assert_eq!(wins, more[k] > others_max, "wins exactly when strictly ahead of everyone");
        if before.winner.as_ref().is_some_and(|w| w.as_str() != cid(k)) && wins {
            prop_assert!(more[k] > votes.iter().copied().max().unwrap_or(0));
        }
        // Equal top votes are never decided by the tool.
        let top = *more.iter().max().unwrap();
        if more.iter().filter(|v| **v == top).count() > 1 {
            prop_assert_eq!(after.status, Status::Tie);
            prop_assert!(after.winner.is_none());
        }
    }
}

/// A cell that a commission's file could hold instead of the right one.
fn odd_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" ".to_string()),
        Just("Итого".to_string()),
        Just("total".to_string()),
        Just("-5".to_string()),
        Just("1 234".to_string()),
        Just("12a".to_string()),
        Just("\"7\"".to_string()),
        Just("\"D0\"".to_string()),
        Just("X-99".to_string()),
        Just("D1".to_string()),
        Just("0-00".to_string()),
        Just("c0".to_string()),
        Just("c3".to_string()),
        Just("c9".to_string()),
        Just(" ballots_invalid".to_string()),
        Just("against_all ".to_string()),
        Just("ballots_issued".to_string()),
        Just("0".to_string()),
        Just("99999999999999999999".to_string()),
    ]
}

/// A change to the rows of a long file: (kind, row, field, cell).
fn damage() -> impl Strategy<Value = (u8, usize, usize, String)> {
    (0u8..8, any::<usize>(), 0usize..4, odd_cell())
}

/// Applies changes to rows cut by `delimiter`: replaces a cell, copies, drops or swaps rows, adds a blank row, a
/// totals row or a field, or writes a line ending `\r\n`.
fn damaged(rows: &[String], changes: &[(u8, usize, usize, String)], delimiter: &str) -> Vec<String> {
    let mut rows = rows.to_vec();
    for (kind, at, field, cell) in changes {
        if rows.is_empty() {
            break;
        }
        let i = at % rows.len();
        match kind {
            0 | 1 => {
                let mut cells: Vec<String> = rows[i].split(delimiter).map(str::to_string).collect();
                let f = field % cells.len();
                cells[f] = cell.clone();
                rows[i] = cells.join(delimiter);
            }
            2 => {
                let r = rows[i].clone();
                rows.insert(i, r);
            }
            3 => {
                rows.remove(i);
            }
            4 => {
                let j = (i + 1) % rows.len();
                rows.swap(i, j);
            }
            5 => rows.insert(
                i,
                match (*field, delimiter) {
                    (0, d) => d.repeat(3),
                    (_, ",") => format!("Итого,,ballots_issued,{cell}"),
                    (_, d) => format!("Итого{d}{cell}{d}3"),
                },
            ),
            6 => rows[i].push_str(&if *field == 0 { delimiter.to_string() } else { format!("{delimiter}5") }),
            _ => rows[i].push('\r'),
        }
    }
    rows
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The table gives a row to the returns reader where it lies (cut on another thread) or copied (a row it had
    /// to look at itself: the first lines, a quote, a legacy code page, where damaged letters are looked for).
    /// Either way the one reader reads it: a damaged file read as UTF-8 and the same file in Windows-1251 (every
    /// row copied) give the same totals and findings.
    #[test]
    fn rows_read_in_place_or_copied_read_alike(
        e in prop::collection::vec((1usize..4).prop_flat_map(|c| (Just(c), prop::collection::vec(precinct(c), 2..14))), 1..4)
            .prop_map(|districts| Election { districts }),
        changes in prop::collection::vec(damage(), 0..12),
        long in any::<bool>(),
    ) {
        let ((header, rows), delimiter) = if long { (e.long_rows(), ",") } else { (e.wide_rows(), ";") };
        let text = format!("{header}\n{}\n", damaged(&rows, &changes, delimiter).join("\n"));
        let (p, c) = e.roster_files();
        let roster = load_roster(RosterSources { precincts: p, candidates: c, districts: None }).expect("roster").roster;
        let read = |bytes: Vec<u8>, encoding| {
            let options = ReadOptions { encoding, ..ReadOptions::default() };
            let read = check_returns(&roster, &[Source { name: "returns.csv".into(), bytes }], &options, &BTreeSet::new());
            format!("{:?}", read.map(|(totals, _)| totals))
        };
        let cp1251 = encoding_rs::WINDOWS_1251;
        let (legacy, _, lossy) = cp1251.encode(&text);
        prop_assume!(!lossy);
        prop_assert_eq!(read(text.clone().into_bytes(), Some(encoding_rs::UTF_8)), read(legacy.into_owned(), Some(cp1251)));
    }
}

/// What happens to one precinct's protocol: its rows dropped, the precinct annulled, or one of its count cells
/// made unreadable (`x`, `-1`, `1.5`) or left blank.
#[derive(Clone, Debug)]
enum Harm {
    Remove,
    Annul,
    Corrupt { cell: usize, with: &'static str },
}

fn harm() -> impl Strategy<Value = Harm> {
    prop_oneof![
        Just(Harm::Remove),
        Just(Harm::Annul),
        (any::<usize>(), prop::sample::select(vec!["x", "-1", "1.5", ""]))
            .prop_map(|(cell, with)| Harm::Corrupt { cell, with }),
    ]
}

/// The results of any returns, errors and all, with these precincts annulled.
fn run_damaged(e: &Election, returns: &[Source], annulled: &BTreeSet<String>) -> Vec<DistrictResult> {
    let (p, c) = e.roster_files();
    let roster = load_roster(RosterSources { precincts: p, candidates: c, districts: None }).expect("roster").roster;
    let annulled = annulled.iter().map(|p| akim_tally::model::PrecinctId::parse(p)).collect();
    let (results, _, _) = akim_tally::pipeline::run(
        &roster,
        returns.iter().map(Source::input).collect(),
        &ReadOptions::default(),
        &annulled,
        &RuleSet::kz_rural_akim(None),
        &Decisions::default(),
    )
    .expect("decodable");
    results
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Removing, annulling or corrupting any precinct's data never lets its race be decided (elected, tied or sent
    /// to a repeat election) unless the protocols that remain are complete and clean.
    #[test]
    fn a_harmed_precinct_never_lets_its_race_be_decided_on_what_is_left(
        e in election(), pick in any::<prop::sample::Index>(), harm in harm(), long in any::<bool>(),
    ) {
        let reported: Vec<(usize, usize)> = e.districts.iter().enumerate()
            .flat_map(|(d, (_, ps))| ps.iter().enumerate().filter(|(_, p)| p.reported).map(move |(i, _)| (d, i)))
            .collect();
        prop_assume!(!reported.is_empty());
        let (d, i) = reported[pick.index(reported.len())];
        let target = pid(d, i);
        let (header, rows, delimiter) = if long {
            let (h, r) = e.long_rows();
            (h, r, ",")
        } else {
            let (h, r) = e.wide_rows();
            (h, r, ";")
        };
        let precinct = |r: &str| r.split(delimiter).nth(usize::from(long)).unwrap_or("").to_string();
        let mut annulled = BTreeSet::new();
        let rows: Vec<String> = match &harm {
            Harm::Remove => rows.into_iter().filter(|r| precinct(r) != target).collect(),
            Harm::Annul => {
                annulled.insert(target.clone());
                rows
            }
            Harm::Corrupt { cell, with } => {
                // A count cell of the precinct's own: a long row's value, or a wide row's figure (every line of
                // these protocols is one the law requires, so any may be left blank).
                let own: Vec<usize> = (0..rows.len()).filter(|&k| precinct(&rows[k]) == target).collect();
                let k = own[cell % own.len()];
                let mut cells: Vec<String> = rows[k].split(delimiter).map(str::to_string).collect();
                let f = if long {
                    3
                } else {
                    let figures: Vec<usize> = (1..cells.len()).filter(|&f| !cells[f].is_empty()).collect();
                    figures[cell % figures.len()]
                };
                cells[f] = with.to_string();
                let mut rows = rows.clone();
                rows[k] = cells.join(delimiter);
                rows
            }
        };
        let results = run_damaged(&e, &files(&header, &rows, &BTreeSet::new()), &annulled);
        let r = results.iter().find(|r| r.district_id.as_str() == did(d)).expect("district");
        let decided = matches!(r.status, Status::Elected | Status::Tie | Status::RepeatElection);
        let ps = &e.districts[d].1;
        let rest_complete = ps.iter().enumerate().filter(|(k, _)| *k != i).all(|(_, p)| p.reported) && ps.len() > 1;
        match harm {
            Harm::Annul => prop_assert!(!decided || rest_complete, "{:?} on {}", r.status, target),
            _ => prop_assert!(!decided, "{:?} after {:?} on {}", r.status, harm, target),
        }
        if decided {
            prop_assert!(r.candidates.iter().all(|c| c.votes.is_some()));
        }
    }
}
