//! Where the time of a tally goes, phase by phase, on the library alone: reading the roster, reading and checking
//! the returns, deciding, writing the JSON. `benches/compare.sh` reports the whole; this splits it.
//!
//! Usage: `cargo run --release --example phases -- ROSTER_DIR RETURNS_FILE...`

use std::collections::BTreeSet;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use akim_tally::input::returns::ReadOptions;
use akim_tally::pipeline::{self, ReturnsInput, RosterSources, Source};
use akim_tally::report::{self, RunOptions};
use akim_tally::rules::RuleSet;

fn source(path: &std::path::Path) -> Result<Source, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("phases: {}: {e}", path.display()))?;
    Ok(Source { name: path.display().to_string().into(), bytes })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((roster_dir, returns)) = args.split_first() else {
        eprintln!("usage: phases ROSTER_DIR RETURNS_FILE...");
        return ExitCode::from(2);
    };
    let dir = std::path::Path::new(roster_dir);
    let (p, c) = match (source(&dir.join("precincts.csv")), source(&dir.join("candidates.csv"))) {
        (Ok(p), Ok(c)) => (p, c),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let lap = |what: &str| {
        eprintln!("{what:>28}: {:6.3} s", start.elapsed().as_secs_f64());
    };
    let Ok(loaded) = pipeline::load_roster(RosterSources { precincts: p, candidates: c, districts: None }) else {
        eprintln!("phases: the roster has errors");
        return ExitCode::from(2);
    };
    lap("roster read");
    let mut inputs: Vec<ReturnsInput> = Vec::new();
    for r in returns {
        match std::fs::File::open(r) {
            Ok(f) => inputs.push(ReturnsInput { name: Arc::from(r.as_str()), reader: Box::new(f), in_folder: false }),
            Err(e) => {
                eprintln!("phases: {r}: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let options = ReadOptions { jobs, ..ReadOptions::default() };
    let Ok((tally, _)) = pipeline::check_inputs(&loaded.roster, inputs, &options, &BTreeSet::new()) else {
        eprintln!("phases: the returns could not be read");
        return ExitCode::from(2);
    };
    lap("returns read and checked");
    let rules = RuleSet::plurality();
    let districts = akim_tally::decide::decide(&loaded.roster, &tally, &rules, &Default::default());
    lap("races decided");
    let run = RunOptions { roster: roster_dir.clone(), ..RunOptions::default() };
    let json = report::json::results(&rules, &[], &run, &districts, &tally.findings);
    lap("JSON written");
    eprintln!("{} districts, {} findings, {} bytes of JSON", districts.len(), tally.findings.len(), json.len());
    ExitCode::SUCCESS
}
