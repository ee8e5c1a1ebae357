//! `akim-tally generate`: a synthetic election, deterministic for a seed — a roster, returns whose protocols
//! balance (or carry planted errors), and `expected.json` with the totals and errors planted — for benchmarks,
//! demos and tests. Rows are written as they are made, so a national-scale file never sits in memory.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use super::{Fatal, exit};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ShapeArg {
    /// A row per precinct.
    Wide,
    /// A row per precinct and item.
    Long,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Districts (races).
    #[arg(long, default_value_t = 7)]
    pub districts: u32,
    /// Precincts in each district.
    #[arg(long = "precincts-per", default_value_t = 3)]
    pub precincts_per: u32,
    /// Candidates in each district.
    #[arg(long, default_value_t = 3)]
    pub candidates: u32,
    /// The seed: the same seed gives the same files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The shape of the returns file.
    #[arg(long, value_enum, default_value = "wide")]
    pub shape: ShapeArg,
    /// The share of precincts given a planted error (0 to 1), recorded in expected.json.
    #[arg(long, default_value_t = 0.0)]
    pub errors: f64,
    /// The folder to write: roster/, returns/returns.csv, expected.json. It must not exist yet.
    #[arg(long, short, value_name = "DIR")]
    pub output: PathBuf,
}

/// SplitMix64: small, fast, and the same numbers on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    /// `true` with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

/// The kinds of error planted, with the code each must raise.
const PLANTED: [(&str, &str); 3] =
    [("turnout-above-100", "E401"), ("received-off-by-one", "E402"), ("text-in-a-count", "E201")];

pub fn run(args: &Args) -> Result<u8, Fatal> {
    if args.output.exists() {
        return Err(Fatal::Message(format!("{} exists; generate writes a new folder", args.output.to_string_lossy())));
    }
    if args.districts == 0 || args.precincts_per == 0 || args.candidates == 0 || !(0.0..=1.0).contains(&args.errors) {
        return Err(Fatal::Message(
            "districts, precincts-per and candidates must be at least 1; errors from 0 to 1".into(),
        ));
    }
    let fail = |e: std::io::Error| Fatal::Message(format!("cannot write in {}: {e}", args.output.to_string_lossy()));
    std::fs::create_dir_all(args.output.join("roster")).map_err(fail)?;
    std::fs::create_dir_all(args.output.join("returns")).map_err(fail)?;
    let create = |rel: &str| File::create(args.output.join(rel)).map(BufWriter::new).map_err(fail);
    let (mut precincts, mut candidates, mut returns) =
        (create("roster/precincts.csv")?, create("roster/candidates.csv")?, create("returns/returns.csv")?);
    let k = args.candidates as usize;
    let io = |r: std::io::Result<()>| r.map_err(fail);

    io(writeln!(precincts, "district_id,district_name,precinct_id,voters_on_list"))?;
    io(writeln!(candidates, "district_id,candidate_id,candidate_name,nominated_by"))?;
    match args.shape {
        ShapeArg::Wide => {
            let cands: Vec<String> = (1..=k).map(|c| format!("c{c}")).collect();
            io(writeln!(returns, "district_id,precinct_id,{},{},against_all", LINES.join(","), cands.join(",")))?;
        }
        ShapeArg::Long => io(writeln!(returns, "district_id,precinct_id,item,value"))?,
    }

    let mut rng = Rng(args.seed);
    let mut expected = String::from("{\n  \"format\": \"akim-tally.generated.v1\",\n");
    expected.push_str(&format!(
        "  \"seed\": {},\n  \"districts\": {},\n  \"precincts_per\": {},\n  \"candidates\": {},\n  \"errors_rate\": {},\n  \"totals\": [\n",
        args.seed, args.districts, args.precincts_per, args.candidates, args.errors
    ));
    let mut planted: Vec<(String, &str, &str)> = Vec::new();
    for d in 1..=args.districts {
        let did = format!("D{d:06}");
        for c in 1..=k {
            // Cyrillic letters and digits only: a Latin letter in a Cyrillic name is a look-alike warning (W311).
            io(writeln!(candidates, "{did},c{c},Кандидат {c}-{d},self-nominated"))?;
        }
        let mut votes = vec![0u64; k];
        let mut against_total = 0u64;
        for p in 1..=args.precincts_per {
            let pid = format!("{did}-P{p:04}");
            let g = precinct(&mut rng, k, args.errors);
            if let Some((kind, code)) = g.planted {
                planted.push((pid.clone(), kind, code));
            }
            io(writeln!(precincts, "{did},Округ {d},{pid},{}", g.voters))?;
            for (v, c) in votes.iter_mut().zip(&g.votes) {
                *v += c;
            }
            against_total += g.against;
            io(write_returns(&mut returns, args.shape, &format!("{did},{pid}"), &g))?;
        }
        let v: Vec<String> = votes.iter().enumerate().map(|(c, n)| format!("\"c{}\": {n}", c + 1)).collect();
        expected.push_str(&format!(
            "    {{\"district_id\": \"{did}\", \"votes\": {{{}}}, \"against_all\": {against_total}}}{}\n",
            v.join(", "),
            if d < args.districts { "," } else { "" }
        ));
    }
    expected.push_str("  ],\n  \"planted_errors\": [\n");
    for (i, (pid, kind, code)) in planted.iter().enumerate() {
        expected.push_str(&format!(
            "    {{\"precinct_id\": \"{pid}\", \"kind\": \"{kind}\", \"code\": \"{code}\"}}{}\n",
            if i + 1 < planted.len() { "," } else { "" }
        ));
    }
    expected.push_str("  ]\n}\n");
    for w in [&mut precincts, &mut candidates, &mut returns] {
        io(w.flush())?;
    }
    std::fs::write(args.output.join("expected.json"), expected).map_err(fail)?;
    eprintln!(
        "akim-tally: generated {} districts, {} precincts, {} planted errors in {}",
        args.districts,
        u64::from(args.districts) * u64::from(args.precincts_per),
        planted.len(),
        args.output.to_string_lossy()
    );
    Ok(exit::OK)
}

/// The protocol lines a generated precinct gives, in order.
const LINES: [&str; 5] =
    ["voters_on_list", "ballots_received", "ballots_issued", "ballots_cancelled", "ballots_invalid"];

/// One generated precinct: its voters, the cells of its [`LINES`] and candidates (one may be planted wrong), its
/// true votes and against all, and the error planted in it.
struct Generated {
    voters: u64,
    row: [String; 5],
    cells: Vec<String>,
    votes: Vec<u64>,
    against: u64,
    planted: Option<(&'static str, &'static str)>,
}

/// A precinct of `k` candidates whose figures balance, with an error planted at the rate `errors`.
fn precinct(rng: &mut Rng, k: usize, errors: f64) -> Generated {
    let voters = rng.range(300, 3000);
    let issued = voters * rng.range(40, 90) / 100;
    let invalid = issued * rng.range(0, 20) / 1000;
    let valid = issued - invalid;
    // The valid ballots split among the candidates and against all, by random weights.
    let weights: Vec<u64> = (0..=k).map(|_| rng.range(1, 100)).collect();
    let sum: u64 = weights.iter().sum();
    let mut split: Vec<u64> = weights.iter().map(|w| valid * w / sum).collect();
    split[0] += valid - split.iter().sum::<u64>();
    let against = split[k];
    split.truncate(k);
    let received = voters;
    let mut row = [voters, received, issued, received - issued, invalid].map(|v| v.to_string());
    let mut cells: Vec<String> = split.iter().map(u64::to_string).collect();
    let mut planted = None;
    if rng.chance(errors) {
        let (kind, code) = PLANTED[rng.range(0, PLANTED.len() as u64 - 1) as usize];
        match kind {
            "turnout-above-100" => row[0] = (issued - 1).to_string(),
            "received-off-by-one" => row[1] = (received + 1).to_string(),
            _ => cells[0] = "много".to_string(),
        }
        planted = Some((kind, code));
    }
    Generated { voters, row, cells, votes: split, against, planted }
}

/// Writes a precinct's returns in the shape asked for; `ids` is its `district_id,precinct_id`.
fn write_returns(out: &mut impl Write, shape: ShapeArg, ids: &str, g: &Generated) -> std::io::Result<()> {
    match shape {
        ShapeArg::Wide => writeln!(out, "{ids},{},{},{}", g.row.join(","), g.cells.join(","), g.against),
        ShapeArg::Long => {
            for (name, value) in LINES.iter().zip(&g.row) {
                writeln!(out, "{ids},{name},{value}")?;
            }
            for (c, value) in g.cells.iter().enumerate() {
                writeln!(out, "{ids},c{},{value}", c + 1)?;
            }
            writeln!(out, "{ids},against_all,{}", g.against)
        }
    }
}
