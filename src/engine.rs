//! The whole path from the bytes of the inputs to decided races, with no file system: the binary reads the
//! files and hands their bytes here; tests and fuzzers do the same.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::check::{Code, Finding, Scope};
use crate::decide::{DistrictResult, decide};
use crate::input::decode::{Decoded, decode};
use crate::input::returns::{CandidateIndex, FileInfo, ReadOptions, read_returns};
use crate::input::roster::{RosterFile, read_roster};
use crate::input::table::Body;
use crate::input::workbook::{self, Sheet};
use crate::model::{CandidateId, DistrictId, Location, Origin, PrecinctId, Roster};
use crate::rules::RuleSet;
use crate::tally::{Assembly, Tally};
pub use crate::tally::{PrecinctReturn, PrecinctState};

/// A file's name and bytes.
#[derive(Clone, Debug)]
pub struct Source {
    /// The file as the user named it.
    pub name: Arc<str>,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// How one returns file was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReturnsMeta {
    /// The encoding of a text file (`None` for a workbook).
    pub encoding: Option<&'static str>,
    /// Whether the encoding was recognised rather than given.
    pub detected: bool,
    /// The sheet of a workbook.
    pub sheet: Option<String>,
    /// Shape, delimiter and what was read past, when its header could be read.
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

/// A file opened: a sheet of a workbook, or decoded text.
enum Opened<'a> {
    Sheet(Sheet),
    Text(Decoded<'a>),
}

/// Opens a source: a workbook by its signature (whatever the file is called), otherwise text in the encoding
/// given or recognised. The error is a finding that stops the run (exit code 2).
fn open<'a>(source: &'a Source, options: &ReadOptions) -> Result<Opened<'a>, Finding> {
    let fail =
        |message: String| Finding::new(Code::NotText, Some(Location::file(&source.name)), message).scoped(Scope::All);
    if let Some(kind) = workbook::kind(&source.bytes) {
        return workbook::read_sheet(&source.bytes, options.sheet.as_deref())
            .map(Opened::Sheet)
            .map_err(|e| fail(format!("{e} (by its content, the file is {kind})")));
    }
    decode(&source.bytes, options.encoding).map(Opened::Text).map_err(|e| fail(e.to_string()))
}

/// A roster read, with how its files were read and its warnings.
pub struct LoadedRoster {
    /// The roster.
    pub roster: Roster,
    /// The encoding of each file, in the order of [`RosterSources`].
    pub encodings: Vec<&'static str>,
    /// Warnings (names a reader could confuse, title rows, destroyed letters).
    pub warnings: Vec<Finding>,
}

/// Reads the roster. `Err` holds every problem found (the run cannot go on: exit code 2).
pub fn load_roster(sources: &RosterSources) -> Result<LoadedRoster, Vec<Finding>> {
    let mut errors = Vec::new();
    let mut texts = Vec::new();
    for s in [Some(sources.precincts), Some(sources.candidates), sources.districts].into_iter().flatten() {
        match decode(&s.bytes, None) {
            Ok(d) => texts.push(d),
            Err(e) => errors
                .push(Finding::new(Code::NotText, Some(Location::file(&s.name)), e.to_string()).scoped(Scope::All)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let file = |i: usize, s: &Source| RosterFile {
        name: Arc::clone(&s.name),
        encoding: (texts[i].encoding, texts[i].legacy),
        text: &texts[i].text,
    };
    let p = file(0, sources.precincts);
    let c = file(1, sources.candidates);
    let d = sources.districts.map(|s| file(2, s));
    let (roster, warnings) = read_roster(&p, &c, d.as_ref())?;
    Ok(LoadedRoster { roster, encodings: texts.iter().map(|t| t.encoding).collect(), warnings })
}

/// Reads and checks returns against a roster. `Err` holds the files that cannot be opened at all (exit code 2).
pub fn check_returns(
    roster: &Roster,
    sources: &[Source],
    options: &ReadOptions,
    annulled: &BTreeSet<PrecinctId>,
) -> Result<(Tally, Vec<ReturnsMeta>), Vec<Finding>> {
    let mut opened = Vec::new();
    let mut errors = Vec::new();
    for s in sources {
        match open(s, options) {
            Ok(o) => opened.push(o),
            Err(f) => errors.push(f),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let index = CandidateIndex::new(roster);
    let mut assembly = Assembly::default();
    let mut metas = Vec::new();
    for (s, o) in sources.iter().zip(opened) {
        let meta = match o {
            Opened::Sheet(sheet) => {
                let name = sheet.name.clone();
                let origin = Origin { file: Arc::clone(&s.name), sheet: Some(name.as_str().into()) };
                let info = read_returns(origin, Body::Sheet(sheet), "", roster, &index, options, &mut assembly);
                ReturnsMeta { encoding: None, detected: true, sheet: Some(name), info }
            }
            Opened::Text(d) => {
                let body = Body::Text { text: &d.text, legacy: d.legacy };
                let info =
                    read_returns(Origin::file(&s.name), body, d.encoding, roster, &index, options, &mut assembly);
                ReturnsMeta { encoding: Some(d.encoding), detected: d.detected, sheet: None, info }
            }
        };
        metas.push(meta);
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
