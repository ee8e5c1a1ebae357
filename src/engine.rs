//! The whole path from the bytes of the inputs to decided races, with no file system: the binary reads the
//! files and hands their bytes here; tests and fuzzers do the same.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::check::{Code, Finding, Scope};
use crate::decide::{DistrictResult, decide};
use crate::input::decode::decode;
use crate::input::returns::{CandidateIndex, FileInfo, ReadOptions, read_returns};
use crate::input::roster::{RosterFile, read_roster};
use crate::model::{CandidateId, DistrictId, PrecinctId, Roster};
use crate::rules::RuleSet;
use crate::tally::{Assembly, Tally};

/// A file's name and bytes.
#[derive(Clone, Debug)]
pub struct Source {
    /// The file as the user named it.
    pub name: Arc<str>,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// What was recognised in one returns file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReturnsMeta {
    /// The encoding it was read in.
    pub encoding: &'static str,
    /// Shape and delimiter, when its header could be read.
    pub info: Option<FileInfo>,
}

/// The roster's sources.
pub struct RosterSources<'a> {
    /// `precincts.csv`.
    pub precincts: &'a Source,
    /// `candidates.csv`.
    pub candidates: &'a Source,
    /// `districts.csv`, if the roster has one.
    pub districts: Option<&'a Source>,
}

/// Decodes bytes, or a finding that says why they cannot be read.
fn text_of(source: &Source) -> Result<(String, &'static str), Finding> {
    decode(&source.bytes).map(|(t, e)| (t.into_owned(), e.name())).map_err(|e| {
        Finding::new(Code::NotText, Some(crate::model::Location::file(&source.name)), e.to_string()).scoped(Scope::All)
    })
}

/// Reads the roster. `Err` holds every problem found (the run cannot go on: exit code 2).
pub fn load_roster(sources: &RosterSources) -> Result<(Roster, Vec<&'static str>), Vec<Finding>> {
    let mut errors = Vec::new();
    let mut texts = Vec::new();
    for s in [Some(sources.precincts), Some(sources.candidates), sources.districts].into_iter().flatten() {
        match text_of(s) {
            Ok(t) => texts.push(t),
            Err(f) => errors.push(f),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let file = |i: usize, s: &Source| RosterFile { name: Arc::clone(&s.name), text: &texts[i].0 };
    let p = file(0, sources.precincts);
    let c = file(1, sources.candidates);
    let d = sources.districts.map(|s| file(2, s));
    let roster = read_roster(&p, &c, d.as_ref())?;
    Ok((roster, texts.iter().map(|t| t.1).collect()))
}

/// Reads and checks returns against a roster. `Err` holds the files that cannot be decoded at all (exit code 2).
pub fn check_returns(
    roster: &Roster,
    sources: &[Source],
    options: &ReadOptions,
    annulled: &BTreeSet<PrecinctId>,
) -> Result<(Tally, Vec<ReturnsMeta>), Vec<Finding>> {
    let mut texts = Vec::new();
    let mut errors = Vec::new();
    for s in sources {
        match text_of(s) {
            Ok(t) => texts.push(t),
            Err(f) => errors.push(f),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let index = CandidateIndex::new(roster);
    let mut assembly = Assembly::default();
    let mut metas = Vec::new();
    for (s, (text, encoding)) in sources.iter().zip(&texts) {
        let info = read_returns(&s.name, text, roster, &index, options, &mut assembly);
        metas.push(ReturnsMeta { encoding, info });
    }
    Ok((assembly.finish(roster, annulled), metas))
}

/// Checks the returns and decides every race.
pub fn tally(
    roster: &Roster,
    sources: &[Source],
    options: &ReadOptions,
    annulled: &BTreeSet<PrecinctId>,
    rules: &RuleSet,
    tie_breaks: &BTreeMap<DistrictId, CandidateId>,
) -> Result<(Vec<DistrictResult>, Tally, Vec<ReturnsMeta>), Vec<Finding>> {
    let (t, metas) = check_returns(roster, sources, options, annulled)?;
    Ok((decide(roster, &t, rules, tie_breaks), t, metas))
}
