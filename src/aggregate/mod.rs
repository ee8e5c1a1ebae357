//! Accumulating protocols into district totals: merging the parts of each precinct's protocol (from any row of
//! any file), finding copies, running the control relations, setting aside annulled precincts, and counting what
//! is missing.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use crate::check::{
    Code, CopyDifference, Detail, Finding, Place, Protocol, Requirements, Scope, control_relations, required_lines,
    sort_findings,
};
use crate::model::{Count, District, DistrictId, Line, Location, Origin, PrecinctId, Roster, RosterPrecinct};
use crate::protocol::{Item, Part, PrecinctReturn, PrecinctState, Sink};

mod copies;
mod count;

pub use count::{OneByOne, RunAll};

/// A protocol while its parts are arriving, with the place of every value.
#[derive(Clone, Debug, Default)]
struct Draft {
    /// Its first row.
    at: Place,
    cells: Vec<(Item, Count, Place)>,
    unreadable: Vec<Item>,
    /// The first place a value was given again, identically.
    copy_at: Option<Place>,
    /// Where another copy of the protocol differs from it.
    conflicts: Vec<Difference>,
}

/// An item on which two copies of a protocol differ: its figure (`None`: not given) and place in the first copy,
/// and in the other.
#[derive(Clone, Copy, Debug)]
struct Difference {
    item: Item,
    first: (Option<Count>, Place),
    other: (Option<Count>, Place),
}

/// Another copy of a precinct's protocol while its parts arrive (a row of a wide file; the rows of a long file),
/// compared item by item with the protocol already read.
#[derive(Clone, Debug, Default)]
struct CopyInProgress {
    /// Its first row.
    at: Place,
    /// The items it gives with the same figure as the protocol already read (a copy of every precinct may be in
    /// progress until its file ends: 4 bytes an item, not 8).
    same: Vec<Item>,
    /// Where it differs.
    differs: Vec<Difference>,
}

/// The values of a protocol stored compactly, in [`Assembly::packed`]: each value as what it counts
/// ([`Item::code`]), its place — its column (a wide file) or its line's distance from the protocol's first row (a
/// long file) — and its count. The code is written doubled, plus one when the place follows the previous value's
/// (the next line of a long file, the next column of a wide one, as nearly every value's does): then the place is
/// not written. Each number is written in 7-bit groups, low first, the top bit set on every byte but a number's
/// last (LEB128). A value whose code is below 64 and count below 16,384 takes 3 bytes or fewer: a million
/// protocols of ten values are about 30 MB, not the 80 of fixed fields of 8 bytes.
mod packing {
    /// Writes `n` after `out`.
    pub(super) fn put(out: &mut Vec<u8>, mut n: u64) {
        while n >= 0x80 {
            out.push(n as u8 | 0x80);
            n >>= 7;
        }
        out.push(n as u8);
    }

    /// The number at the start of `bytes`, and what follows it (`None` when the bytes end inside it, or it does not
    /// fit in 64 bits: never for bytes [`put`] wrote).
    pub(super) fn take(bytes: &[u8]) -> Option<(u64, &[u8])> {
        let mut n = 0u64;
        for (k, &b) in bytes.iter().enumerate().take(10) {
            // The tenth group holds the 64th bit alone.
            if k == 9 && b > 1 {
                return None;
            }
            n |= u64::from(b & 0x7f) << (7 * k);
            if b < 0x80 {
                return Some((n, &bytes[k + 1..]));
            }
        }
        None
    }
}

/// What is known of a roster precinct's protocol.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum SlotState {
    /// No part has arrived.
    #[default]
    Empty,
    /// Its values are packed in `packed[start..start + len]`.
    Packed,
    /// It is kept whole in `drafts` (it came in pieces, or with problems).
    Draft,
}

/// A roster precinct's protocol as kept (16 bytes: a national roster has a million).
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    state: SlotState,
    /// The bytes of its packed values (a longer protocol is kept whole).
    len: u16,
    start: u32,
    file: u32,
    line: u32,
}

/// A file of the run.
#[derive(Clone, Debug)]
struct FileShape {
    origin: Origin,
    /// A long file's value column.
    value_column: Option<u32>,
    /// The lines a wide file has a column for.
    lines: Vec<Line>,
}

/// Collects the parts and findings of every returns file. Memory grows with the roster (a few bytes per value
/// of each precinct), never with the rows: a protocol is merged while its rows arrive, then packed.
#[derive(Debug, Default)]
pub struct Assembly {
    slots: Vec<Slot>,
    /// Packed protocols, end to end (see [`packing`]).
    packed: Vec<u8>,
    /// Protocols kept whole, by precinct.
    drafts: HashMap<u32, Draft>,
    /// Where packed protocols were first given again with the same figures, by precinct.
    copies: HashMap<u32, Place>,
    /// Other copies of protocols being read in the current file, by precinct.
    copying: HashMap<u32, CopyInProgress>,
    /// The protocol being read, by precinct.
    open: Option<u32>,
    /// The open protocol (its buffers are used again for the next one).
    draft: Draft,
    /// Where each item is among the open protocol's cells (plus one; 0: not there), by [`Item::code`].
    positions: Vec<u32>,
    files: Vec<FileShape>,
    findings: Vec<Finding>,
    /// The districts each file reported precincts of (by place), and the last one seen.
    file_districts: Vec<BTreeSet<u32>>,
    last_district: Option<u32>,
    /// Findings listed and not listed, per file.
    per_file: BTreeMap<Arc<str>, Listed>,
    /// The errors not listed, by the races they block (the first of each): what they block is never dropped.
    unlisted_blocks: HashMap<Unlisted, (Code, Option<Location>)>,
    /// Files with a column that matches nothing (E107): a candidate of theirs may be that column, misspelled, so
    /// a protocol of theirs is not also told it gives no votes for them (one cause, one message).
    unknown_columns_in: BTreeSet<Arc<str>>,
}

/// What an unlisted error blocks: its scope, its file, and its precinct (an annulled precinct's errors block
/// nothing).
type Unlisted = (Scope, Arc<str>, Option<PrecinctId>);

/// How many errors and warnings of a file are listed, and how many more are not.
#[derive(Clone, Copy, Debug, Default)]
struct Listed {
    errors: usize,
    warnings: usize,
    errors_unlisted: usize,
    warnings_unlisted: usize,
}

/// The most errors, and the most warnings, listed for one file: a hostile file cannot fill the memory with them.
/// Past it, what an error blocks is still kept, by the races it blocks.
pub const MAX_FINDINGS_PER_FILE: usize = 10_000;

impl Sink for Assembly {
    fn file(&mut self, origin: &Origin, value_column: Option<u32>, lines: &[Line]) {
        self.close();
        self.compare_copies();
        self.files.push(FileShape { origin: origin.clone(), value_column, lines: lines.to_vec() });
        self.file_districts.push(BTreeSet::new());
        self.last_district = None;
    }

    fn part(&mut self, part: Part<'_>) {
        if self.last_district != Some(part.district) {
            if let Some(ds) = self.file_districts.last_mut() {
                ds.insert(part.district);
            }
            self.last_district = Some(part.district);
        }
        // A row with every figure blank is a protocol not yet received (a template filled in as they come).
        if part.entries.is_empty() && part.unreadable.is_empty() {
            return;
        }
        let file = self.files.len().saturating_sub(1) as u32;
        // A protocol is one row of a wide file, or the rows of a long file that name its precinct. Another row of
        // a wide file, or a row of another file, for a precinct already read is another copy of its protocol.
        let long = self.files.get(file as usize).is_some_and(|f| f.value_column.is_some());
        if self.open != Some(part.precinct) || !long {
            self.close();
            let slot = self.slots.get(part.precinct as usize).copied().unwrap_or_default();
            if slot.state != SlotState::Empty && (slot.file != file || !long) {
                self.copy(&part, file, long);
                return;
            }
            self.reopen(part.precinct, Place { file, line: part.line, column: 0 });
        }
        if self.open.is_none() {
            return;
        }
        let draft = &mut self.draft;
        draft.unreadable.extend_from_slice(part.unreadable);
        for e in part.entries {
            let at = Place { file, line: part.line, column: e.column };
            let code = e.item.code();
            if self.positions.len() <= code {
                self.positions.resize(code + 1, 0);
            }
            match self.positions[code] {
                0 => {
                    draft.cells.push((e.item, e.value, at));
                    self.positions[code] = draft.cells.len() as u32;
                }
                k => {
                    let (_, first, first_at) = draft.cells[k as usize - 1];
                    if first == e.value {
                        draft.copy_at.get_or_insert(at);
                    } else {
                        draft.conflicts.push(Difference {
                            item: e.item,
                            first: (Some(first), first_at),
                            other: (Some(e.value), at),
                        });
                    }
                }
            }
        }
    }

    fn finding(&mut self, finding: Finding) {
        // Only a header's unknown column blocks the races of every precinct of its file (`Scope::File`): a stray
        // cell's does not, and must not quiet anything.
        if let (Code::UnknownColumn, Scope::File, Some(l)) = (finding.code, &finding.scope, &finding.location) {
            self.unknown_columns_in.insert(Arc::clone(&l.file));
        }
        if let Some(l) = &finding.location {
            let counts = self.per_file.entry(Arc::clone(&l.file)).or_default();
            let error = finding.is_error();
            let (listed, unlisted) = if error {
                (&mut counts.errors, &mut counts.errors_unlisted)
            } else {
                (&mut counts.warnings, &mut counts.warnings_unlisted)
            };
            if *listed >= MAX_FINDINGS_PER_FILE {
                *unlisted += 1;
                if error {
                    self.unlisted_blocks
                        .entry((finding.scope, Arc::clone(&l.file), finding.precinct))
                        .or_insert((finding.code, finding.location));
                }
                return;
            }
            *listed += 1;
        }
        self.findings.push(finding);
    }
}

/// A total that is unknown as soon as one of its parts is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Known {
    total: Count,
    unknown: bool,
    overflow: bool,
}

/// A race's totals, before it is decided.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DistrictTotals {
    /// Precincts in the roster.
    pub precincts_total: usize,
    /// Precincts with a protocol, or annulled.
    pub precincts_reporting: usize,
    /// Roster precincts with no protocol.
    pub missing: Vec<PrecinctId>,
    /// The roster's voters on the list of the missing precincts, together (`None` when one of them is not known).
    pub missing_voters: Option<Count>,
    /// Annulled precincts, with the number of findings in their rows that were set aside.
    pub annulled: Vec<(PrecinctId, usize)>,
    /// Voters on the list (`None` when a counted protocol and the roster both lack it).
    pub voters_on_list: Option<Count>,
    /// Ballots issued (`None` when a counted protocol lacks it).
    pub ballots_issued: Option<Count>,
    /// Invalid ballots (`None` when a counted protocol lacks the line).
    pub ballots_invalid: Option<Count>,
    /// Ballots in the boxes: in Kazakh law, the voters who took part (`None` when a counted protocol lacks it).
    pub ballots_in_box: Option<Count>,
    /// Voters who voted with absentee certificates (`None` when a counted protocol lacks the line).
    pub voters_with_absentee_certificates: Option<Count>,
    /// Voters who voted outside the premises: ballots issued outside, or else in the portable boxes (`None` when a
    /// counted protocol lacks both).
    pub voters_outside: Option<Count>,
    /// Against all (`None` when a counted protocol lacks the line: see `against_all_given`).
    pub against_all: Option<Count>,
    /// Counted protocols that give the against-all line: none means the race's protocols have no such line;
    /// some but not all, that its total is unknown.
    pub against_all_given: usize,
    /// Votes of each registered candidate, in the roster's order of the district's candidates (0 when none
    /// reported).
    pub votes: Vec<Count>,
    /// Protocols counted (reporting, not annulled).
    pub counted: usize,
    /// The errors that block this race: code and place. Set where races are decided, by
    /// [`crate::decide::blocking`], from the findings' scopes.
    pub blocking: Vec<(Code, Option<Location>)>,
}

/// A race's totals as [`Totals`] keeps them, compactly (250,000 races' are held at once: 112 bytes and the
/// votes, not 256): the counts in 32 bits, the summed lines as counts with a bit for each one known, and the
/// precincts missing or annulled (few races have any) apart. [`CompactTotals::totals`] gives them back whole.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompactTotals {
    /// Precincts in the roster, reporting, counted; protocols giving the against-all line.
    counts: [u32; 4],
    /// Voters on the list, ballots issued, invalid, in the box, voters with absentee certificates, voters outside,
    /// against all, the missing precincts' voters: bit `k` of `known` is set when `sums[k]` is known.
    sums: [u64; 8],
    known: u8,
    votes: Box<[Count]>,
    /// The precincts missing or annulled, when there are any.
    precincts: Option<Box<NotCounted>>,
}

/// A race's precincts not counted: the missing ones, and the annulled ones with the number of findings in their
/// rows set aside.
type NotCounted = (Vec<PrecinctId>, Vec<(PrecinctId, usize)>);

impl CompactTotals {
    /// Keeps a race's counted totals (the errors that block it are not kept: they are known where it is decided).
    fn keep(t: DistrictTotals) -> CompactTotals {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let lines = [
            t.voters_on_list,
            t.ballots_issued,
            t.ballots_invalid,
            t.ballots_in_box,
            t.voters_with_absentee_certificates,
            t.voters_outside,
            t.against_all,
            t.missing_voters,
        ];
        let mut kept = CompactTotals {
            counts: [t.precincts_total, t.precincts_reporting, t.counted, t.against_all_given].map(count),
            votes: t.votes.into_boxed_slice(),
            precincts: (!t.missing.is_empty() || !t.annulled.is_empty()).then(|| Box::new((t.missing, t.annulled))),
            ..CompactTotals::default()
        };
        for (k, line) in lines.into_iter().enumerate() {
            if let Some(v) = line {
                kept.sums[k] = v.0;
                kept.known |= 1 << k;
            }
        }
        kept
    }

    /// The race's totals, whole.
    pub fn totals(&self) -> DistrictTotals {
        let line = |k: usize| (self.known & 1 << k != 0).then_some(Count(self.sums[k]));
        let [precincts_total, precincts_reporting, counted, against_all_given] = self.counts.map(|n| n as usize);
        let (missing, annulled) = self.precincts.as_deref().cloned().unwrap_or_default();
        DistrictTotals {
            precincts_total,
            precincts_reporting,
            missing,
            missing_voters: line(7),
            annulled,
            voters_on_list: line(0),
            ballots_issued: line(1),
            ballots_invalid: line(2),
            ballots_in_box: line(3),
            voters_with_absentee_certificates: line(4),
            voters_outside: line(5),
            against_all: line(6),
            against_all_given,
            votes: self.votes.to_vec(),
            counted,
            blocking: Vec::new(),
        }
    }

    /// Precincts in the roster.
    pub fn precincts_total(&self) -> usize {
        self.counts[0] as usize
    }

    /// Precincts with a protocol, or annulled.
    pub fn precincts_reporting(&self) -> usize {
        self.counts[1] as usize
    }

    /// Roster precincts with no protocol.
    pub fn missing(&self) -> &[PrecinctId] {
        self.precincts.as_deref().map_or(&[], |p| &p.0)
    }

    /// Adds one to the findings set aside in an annulled precinct's rows.
    fn set_aside_in(&mut self, precinct: &PrecinctId) {
        if let Some(a) = self.precincts.as_mut().and_then(|p| p.1.iter_mut().find(|(id, _)| id == precinct)) {
            a.1 += 1;
        }
    }
}

/// Every race's totals and every finding, sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Each roster district's totals, in the roster's order of districts (at its place, [`District::index`]).
    pub districts: Vec<CompactTotals>,
    /// Findings, sorted and without duplicates.
    pub findings: Vec<Finding>,
    /// Every roster precinct, in the roster's order, with its counted figures.
    pub protocols: Vec<PrecinctReturn>,
    /// The errors past a file's listing cap, by what they block (not listed, but blocking as the listed ones do).
    pub unlisted_errors: Vec<(Code, Option<Location>, Scope)>,
    /// The districts of each file's protocols: what a finding scoped to the file blocks.
    pub file_districts: BTreeMap<Arc<str>, Vec<DistrictId>>,
}

/// The lines summed per district: voters on the list, ballots issued, invalid, in the box (the voters who took
/// part), voters with absentee certificates, voters outside the premises.
const SUMMED: usize = 6;

/// What checking the protocols of a run of districts gives: each district's totals so far, and the findings and
/// protocols in the roster's order. Only [`Assembly::finish`] looks inside.
#[derive(Default)]
pub struct CountedRun {
    districts: Vec<CompactTotals>,
    findings: Vec<Finding>,
    protocols: Vec<PrecinctReturn>,
}

/// The sums of the district whose protocols are being counted: a district's precincts come one after another in
/// the roster's order, so only one district's sums are open at a time (not one set for each of 250,000 races).
#[derive(Default)]
struct OpenSums {
    /// The summed lines (see [`SUMMED`]).
    lines: [Known; SUMMED],
    against: Known,
    /// Every candidate's votes and against all, together.
    valid: Count,
    /// Where a total first overflowed.
    overflow: Option<Location>,
}

/// How protocols are counted: the annulled precincts (by place), the files of the run, what the rule set asks
/// of every protocol, and whether each precinct's figures are kept.
#[derive(Clone, Copy)]
struct Counting<'a> {
    annulled_at: &'a HashSet<u32>,
    origins: &'a [Origin],
    required: &'a Requirements,
    keep: bool,
}

impl Assembly {
    /// An assembly for a roster of `precincts` precincts.
    pub fn new(precincts: usize) -> Self {
        // Room for the packed protocols at once (a protocol of a dozen values packs in about 40 bytes): room never
        // used costs no memory, while growing a step at a time would leave the earlier steps behind as free memory
        // the process keeps (30 MB for a national roster).
        let packed = Vec::with_capacity(precincts.saturating_mul(64));
        Assembly { slots: vec![Slot::default(); precincts], packed, ..Assembly::default() }
    }
}
