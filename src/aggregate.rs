//! Accumulating protocols into district totals: merging the parts of each precinct's protocol (from any row of
//! any file), finding copies, running the control relations, setting aside annulled precincts, and counting what
//! is missing.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use crate::check::{
    Code, Finding, Place, Protocol, Requirements, Scope, control_relations, required_lines, sort_findings,
};
use crate::model::{
    CandidateId, Count, District, DistrictId, Line, Location, Origin, PrecinctId, Roster, RosterPrecinct,
};
use crate::protocol::{Item, Part, PrecinctReturn, PrecinctState, Sink};

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
    /// The items it gives with the same figure as the protocol already read, by [`Item::code`].
    same: Vec<usize>,
    /// Where it differs.
    differs: Vec<Difference>,
}

/// A value stored compactly: its count, what it counts, and its column (a wide file) or its line's distance from
/// the protocol's first row (a long file). A protocol that does not fit so is kept as a [`Draft`].
#[derive(Clone, Copy, Debug)]
struct Packed {
    value: u32,
    item: u16,
    pos: u16,
}

/// What is known of a roster precinct's protocol.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum SlotState {
    /// No part has arrived.
    #[default]
    Empty,
    /// Its values are `packed[start..start + len]`.
    Packed,
    /// It is kept whole in `drafts` (it came in pieces, or with problems).
    Draft,
}

#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    state: SlotState,
    start: u32,
    len: u32,
    file: u32,
    line: u32,
}

/// A file of the run.
#[derive(Clone, Debug)]
struct FileShape {
    origin: Origin,
    /// A long file's value column.
    value_column: Option<u32>,
}

/// Collects the parts and findings of every returns file. Memory grows with the roster (a few bytes per value
/// of each precinct), never with the rows: a protocol is merged while its rows arrive, then packed.
#[derive(Debug, Default)]
pub struct Assembly {
    slots: Vec<Slot>,
    packed: Vec<Packed>,
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
    fn file(&mut self, origin: &Origin, value_column: Option<u32>) {
        self.close();
        self.compare_copies();
        self.files.push(FileShape { origin: origin.clone(), value_column });
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

impl Assembly {
    /// An assembly for a roster of `precincts` precincts.
    pub fn new(precincts: usize) -> Self {
        Assembly { slots: vec![Slot::default(); precincts], ..Assembly::default() }
    }

    /// A part of another copy of a protocol already read: compared item by item as it arrives. A wide row is a
    /// whole copy and is settled at once; a long file's copy is settled when the file ends.
    fn copy(&mut self, part: &Part<'_>, file: u32, long: bool) {
        let row = Place { file, line: part.line, column: part.entries.first().map_or(0, |e| e.column) };
        let mut copy = self.copying.remove(&part.precinct).unwrap_or(CopyInProgress { at: row, ..Default::default() });
        let mut scratch = Draft::default();
        if let Some(first) = self.draft_in(part.precinct, &mut scratch) {
            for e in part.entries {
                let other = (Some(e.value), Place { file, line: part.line, column: e.column });
                match first.cells.iter().find(|c| c.0 == e.item) {
                    Some(&(_, v, _)) if v == e.value => copy.same.push(e.item.code()),
                    Some(&(_, v, at)) => copy.differs.push(Difference { item: e.item, first: (Some(v), at), other }),
                    None => copy.differs.push(Difference { item: e.item, first: (None, first.at), other }),
                }
            }
        }
        // A cell that could not be read is reported already; it is not also a difference.
        copy.same.extend(part.unreadable.iter().map(|i| i.code()));
        if long {
            self.copying.insert(part.precinct, copy);
        } else {
            self.settle(part.precinct, copy);
        }
    }

    /// Settles the copies of the file that ends.
    fn compare_copies(&mut self) {
        let mut copying: Vec<(u32, CopyInProgress)> = self.copying.drain().collect();
        copying.sort_by_key(|(p, _)| *p);
        for (precinct, copy) in copying {
            self.settle(precinct, copy);
        }
    }

    /// Settles a whole copy of a precinct's protocol: identical (noted as a copy, counted once), or different
    /// in some item (a conflict, which blocks the race).
    fn settle(&mut self, precinct: u32, mut copy: CopyInProgress) {
        let Some(slot) = self.slots.get(precinct as usize).copied() else { return };
        // What the protocol gives that the copy does not.
        let mut scratch = Draft::default();
        let Some(first) = self.draft_in(precinct, &mut scratch) else { return };
        for &(item, v, at) in &first.cells {
            let code = item.code();
            if !copy.same.contains(&code) && !copy.differs.iter().any(|d| d.item == item) {
                copy.differs.push(Difference { item, first: (Some(v), at), other: (None, copy.at) });
            }
        }
        if copy.differs.is_empty() {
            match slot.state {
                SlotState::Packed => {
                    self.copies.entry(precinct).or_insert(copy.at);
                }
                _ => {
                    if let Some(d) = self.drafts.get_mut(&precinct) {
                        d.copy_at.get_or_insert(copy.at);
                    }
                }
            }
            return;
        }
        if slot.state == SlotState::Packed {
            // Kept whole from now on, with its differences.
            let mut d = Draft::default();
            let _ = self.draft_in(precinct, &mut d);
            self.copies.remove(&precinct);
            self.slots[precinct as usize].state = SlotState::Draft;
            self.drafts.insert(precinct, d);
        }
        if let Some(d) = self.drafts.get_mut(&precinct) {
            d.conflicts.extend(copy.differs);
        }
    }

    /// Makes a precinct's protocol the open one: new, or as it was kept.
    fn reopen(&mut self, precinct: u32, at: Place) {
        let Some(slot) = self.slots.get(precinct as usize).copied() else { return };
        match slot.state {
            SlotState::Empty => {
                let d = &mut self.draft;
                d.at = at;
                d.cells.clear();
                d.unreadable.clear();
                d.copy_at = None;
                d.conflicts.clear();
            }
            SlotState::Draft => self.draft = self.drafts.remove(&precinct).unwrap_or_default(),
            SlotState::Packed => {
                let mut d = std::mem::take(&mut self.draft);
                let _ = self.draft_in(precinct, &mut d);
                self.draft = d;
                self.copies.remove(&precinct);
                // Its packed values are left behind: it is kept whole from now on.
                self.slots[precinct as usize].state = SlotState::Draft;
            }
        }
        for (k, (item, _, _)) in self.draft.cells.iter().enumerate() {
            let code = item.code();
            if self.positions.len() <= code {
                self.positions.resize(code + 1, 0);
            }
            self.positions[code] = k as u32 + 1;
        }
        self.open = Some(precinct);
    }

    fn unpack(&self, slot: &Slot, c: &Packed) -> (Item, Count, Place) {
        let item = match usize::from(c.item) {
            k if k < Line::ALL.len() => Item::Line(Line::ALL[k]),
            k => Item::Candidate(u16::try_from(k - Line::ALL.len()).unwrap_or(u16::MAX)),
        };
        let at = match self.files.get(slot.file as usize).and_then(|f| f.value_column) {
            Some(column) => Place { file: slot.file, line: slot.line + u32::from(c.pos), column },
            None => Place { file: slot.file, line: slot.line, column: u32::from(c.pos) },
        };
        (item, Count(u64::from(c.value)), at)
    }

    /// Packs the open protocol when it can be, or keeps it whole.
    fn close(&mut self) {
        let Some(precinct) = self.open.take() else { return };
        let draft = &self.draft;
        for (item, _, _) in &draft.cells {
            self.positions[item.code()] = 0;
        }
        let p = precinct as usize;
        let value_column = self.files.get(draft.at.file as usize).and_then(|f| f.value_column);
        let pack = |(item, value, at): &(Item, Count, Place)| -> Option<Packed> {
            let pos = match value_column {
                Some(c) if at.column == c && at.line >= draft.at.line => at.line - draft.at.line,
                None if at.line == draft.at.line => at.column,
                _ => return None,
            };
            Some(Packed {
                value: u32::try_from(value.0).ok()?,
                item: u16::try_from(item.code()).ok()?,
                pos: u16::try_from(pos).ok()?,
            })
        };
        let simple = self.slots[p].state == SlotState::Empty
            && draft.unreadable.is_empty()
            && draft.copy_at.is_none()
            && draft.conflicts.is_empty()
            && draft.cells.iter().all(|c| c.2.file == draft.at.file);
        let start = self.packed.len();
        if simple && u32::try_from(start + draft.cells.len()).is_ok() {
            let mut fits = true;
            for c in &draft.cells {
                match pack(c) {
                    Some(k) => self.packed.push(k),
                    None => {
                        fits = false;
                        break;
                    }
                }
            }
            if fits {
                self.slots[p] = Slot {
                    state: SlotState::Packed,
                    start: start as u32,
                    len: draft.cells.len() as u32,
                    file: draft.at.file,
                    line: draft.at.line,
                };
                return;
            }
            self.packed.truncate(start);
        }
        self.slots[p] = Slot { state: SlotState::Draft, file: draft.at.file, line: draft.at.line, ..Slot::default() };
        self.drafts.insert(precinct, std::mem::take(&mut self.draft));
    }

    /// A precinct's protocol as read, `None` when no part of it arrived; a packed one is unpacked into
    /// `scratch`, whose memory serves the next precinct (a million protocols are checked one after another).
    fn draft_in<'s>(&'s self, precinct: u32, scratch: &'s mut Draft) -> Option<&'s Draft> {
        let slot = self.slots.get(precinct as usize)?;
        match slot.state {
            SlotState::Empty => None,
            SlotState::Draft => self.drafts.get(&precinct),
            SlotState::Packed => {
                let range = slot.start as usize..(slot.start + slot.len) as usize;
                scratch.cells.clear();
                scratch.cells.extend(self.packed[range].iter().map(|c| self.unpack(slot, c)));
                scratch.at = Place { file: slot.file, line: slot.line, column: 0 };
                // Hashing every precinct's number costs more than the rest of unpacking it.
                scratch.copy_at = if self.copies.is_empty() { None } else { self.copies.get(&precinct).copied() };
                scratch.unreadable.clear();
                scratch.conflicts.clear();
                Some(scratch)
            }
        }
    }
}

/// A total that is unknown as soon as one of its parts is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Known {
    total: Count,
    unknown: bool,
    overflow: bool,
}

impl Known {
    /// Adds a part; `false` when the total overflows.
    fn add(&mut self, v: Option<Count>) -> bool {
        match v {
            None => self.unknown = true,
            Some(v) => match self.total.checked_add(v) {
                Some(t) => self.total = t,
                None => self.overflow = true,
            },
        }
        !self.overflow
    }

    fn get(self) -> Option<Count> {
        (!self.unknown && !self.overflow).then_some(self.total)
    }
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
    /// Votes per registered candidate (every candidate present, 0 when none reported).
    pub votes: BTreeMap<CandidateId, Count>,
    /// Protocols counted (reporting, not annulled).
    pub counted: usize,
    /// The errors that block this race: code and place.
    pub blocking: Vec<(Code, Option<Location>)>,
}

/// Every race's totals and every finding, sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Totals by district.
    pub districts: BTreeMap<DistrictId, DistrictTotals>,
    /// Findings, sorted and without duplicates.
    pub findings: Vec<Finding>,
    /// Every roster precinct, in the roster's order, with its counted figures.
    pub protocols: Vec<PrecinctReturn>,
}

/// The lines summed per district: voters on the list, ballots issued, invalid, in the box (the voters who took
/// part), voters with absentee certificates, voters outside the premises.
const SUMMED: usize = 6;

/// What checking the protocols of a run of districts gives: each district's totals so far, and the findings and
/// protocols in the roster's order.
#[derive(Default)]
struct CountedRun {
    districts: Vec<DistrictTotals>,
    sums: Vec<Option<[Known; SUMMED]>>,
    against: Vec<Option<Known>>,
    votes: Vec<Vec<Count>>,
    /// Where a district's total first overflowed.
    overflow: Vec<Option<Location>>,
    findings: Vec<Finding>,
    protocols: Vec<PrecinctReturn>,
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

/// The districts (by place) cut into at most `jobs` runs of about as many precincts each.
fn runs_of(in_order: &[&District], jobs: usize) -> Vec<std::ops::Range<usize>> {
    let total: usize = in_order.iter().map(|d| d.precincts.len()).sum();
    // Below this, starting threads costs more than it saves.
    const SMALL: usize = 50_000;
    let jobs = if total < SMALL { 1 } else { jobs.max(1) };
    let mut runs = Vec::new();
    let (mut start, mut taken) = (0, 0);
    for (i, d) in in_order.iter().enumerate() {
        taken += d.precincts.len();
        if taken * jobs >= total * (runs.len() + 1) && runs.len() + 1 < jobs {
            runs.push(start..i + 1);
            start = i + 1;
        }
    }
    runs.push(start..in_order.len());
    runs
}

impl Assembly {
    /// Checks each protocol, sums the districts, and decides which races the errors block. With `keep`, every
    /// precinct's counted figures are kept in [`Totals::protocols`] (for per-precinct outputs).
    pub fn finish(
        mut self,
        roster: &Roster,
        annulled: &BTreeSet<PrecinctId>,
        required: &Requirements,
        keep: bool,
        jobs: usize,
    ) -> Totals {
        self.close();
        self.compare_copies();
        let mut findings = std::mem::take(&mut self.findings);
        for (file, n) in &self.per_file {
            // What the unlisted errors block, they block by themselves (below): this one only tells of them.
            let (code, more, kind) = match (n.errors_unlisted, n.warnings_unlisted) {
                (0, 0) => continue,
                (0, w) => (Code::TooManyWarnings, w, "warnings"),
                (e, _) => (Code::TooManyProblems, e, "errors"),
            };
            findings.push(
                Finding::new(
                    code,
                    Some(Location::file(file)),
                    format!(
                        "{MAX_FINDINGS_PER_FILE} {kind} are listed for this file and {more} more are not: \
                         is it the right file, with the right header?"
                    ),
                )
                .scoped(Scope::Districts(Vec::new())),
            );
        }
        let origins: Vec<Origin> = self.files.iter().map(|f| f.origin.clone()).collect();
        let annulled_at: HashSet<u32> = annulled.iter().filter_map(|p| roster.precincts.find(p.as_str())).collect();
        let how = Counting { annulled_at: &annulled_at, origins: &origins, required, keep };
        let in_order: Vec<&District> = roster.districts.values().collect();
        // The districts are counted in runs, one run per thread; the runs are joined in order, so the totals and
        // findings are those of one pass in the roster's order.
        let runs = runs_of(&in_order, jobs);
        let counted: Vec<CountedRun> = if runs.len() <= 1 {
            vec![self.count(roster, &in_order, 0..in_order.len(), &how)]
        } else {
            let (this, in_order, how) = (&self, &in_order, &how);
            std::thread::scope(|scope| {
                let handles: Vec<_> =
                    runs.into_iter().map(|run| scope.spawn(move || this.count(roster, in_order, run, how))).collect();
                handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
            })
        };
        let mut all = CountedRun::default();
        for c in counted {
            all.districts.extend(c.districts);
            all.sums.extend(c.sums);
            all.against.extend(c.against);
            all.votes.extend(c.votes);
            all.overflow.extend(c.overflow);
            findings.extend(c.findings);
            all.protocols.extend(c.protocols);
        }
        let CountedRun { districts, sums, against, votes, mut overflow, protocols, .. } = all;

        let mut by_id: BTreeMap<DistrictId, DistrictTotals> = BTreeMap::new();
        for (di, (mut t, d)) in districts.into_iter().zip(&in_order).enumerate() {
            // With no protocol counted, the totals are unknown, not zero.
            let none = Known { unknown: true, ..Known::default() };
            let s = sums[di].unwrap_or([none; SUMMED]);
            t.voters_on_list = s[0].get();
            t.ballots_issued = s[1].get();
            t.ballots_invalid = s[2].get();
            t.ballots_in_box = s[3].get();
            t.voters_with_absentee_certificates = s[4].get();
            t.voters_outside = s[5].get();
            t.against_all = against[di].and_then(Known::get);
            for (c, v) in d.candidates.iter().zip(&votes[di]) {
                t.votes.insert(c.id.clone(), *v);
            }
            if let Some(at) = overflow[di].take() {
                let id = &d.id;
                let mut f = Finding::new(
                    Code::SumOverflow,
                    Some(at),
                    format!(
                        "adding this figure makes a total of district {id} too large to count: the returns hold impossible figures"
                    ),
                )
                .scoped(Scope::Districts(vec![id.clone()]));
                f.district = Some(id.clone());
                findings.push(f);
            }
            by_id.insert(d.id.clone(), t);
        }
        let mut districts = by_id;

        // An annulled precinct is left out entirely: what its rows held is set aside, counted in its notice.
        findings.retain(|f| match &f.precinct {
            Some(p) if annulled.contains(p) => {
                if let Some(t) = roster.precincts.get(p).and_then(|rp| districts.get_mut(rp.district))
                    && let Some(a) = t.annulled.iter_mut().find(|(id, _)| id == p)
                {
                    a.1 += 1;
                }
                false
            }
            _ => true,
        });

        sort_findings(&mut findings);
        let all: Vec<DistrictId> = districts.keys().cloned().collect();
        let file_districts: HashMap<&str, &BTreeSet<u32>> =
            // A file that gave no part of any protocol has no districts of its own: its errors block every race.
            self.files.iter().zip(&self.file_districts).filter(|(_, ds)| !ds.is_empty()).map(|(f, ds)| (&*f.origin.file, ds)).collect();
        // The errors not listed block as the listed ones do, after them.
        let mut unlisted: Vec<(Code, Option<Location>, Scope)> = std::mem::take(&mut self.unlisted_blocks)
            .into_iter()
            .filter(|((_, _, p), _)| p.as_ref().is_none_or(|p| !annulled.contains(p)))
            .map(|((scope, _, _), (code, at))| (code, at, scope))
            .collect();
        unlisted.sort();
        let errors = findings.iter().filter(|f| f.is_error()).map(|f| (f.code, &f.location, &f.scope));
        for (code, location, scope) in errors.chain(unlisted.iter().map(|(c, l, s)| (*c, l, s))) {
            let blocked: Vec<DistrictId> = match scope {
                Scope::Districts(ds) => ds.clone(),
                Scope::File => match location.as_ref().and_then(|l| file_districts.get(&*l.file)) {
                    Some(ds) => ds.iter().filter_map(|&i| in_order.get(i as usize)).map(|d| d.id.clone()).collect(),
                    None => all.clone(),
                },
                Scope::All => all.clone(),
            };
            for d in blocked {
                if let Some(t) = districts.get_mut(&d) {
                    t.blocking.push((code, location.clone()));
                }
            }
        }
        Totals { districts, findings, protocols }
    }

    /// Checks the protocols of a run of districts (by place) and sums them.
    fn count(
        &self,
        roster: &Roster,
        in_order: &[&District],
        run: std::ops::Range<usize>,
        how: &Counting,
    ) -> CountedRun {
        let Counting { annulled_at, origins, required, keep } = *how;
        let location = |at: Place| at.locate(origins);
        let in_run = &in_order[run.clone()];
        let mut districts: Vec<DistrictTotals> = Vec::with_capacity(in_run.len());
        for d in in_run {
            districts.push(DistrictTotals {
                precincts_total: d.precincts.len(),
                votes: d.candidates.iter().map(|c| (c.id.clone(), Count(0))).collect(),
                ..DistrictTotals::default()
            });
        }
        let mut sums: Vec<Option<[Known; SUMMED]>> = vec![None; districts.len()];
        let mut against: Vec<Option<Known>> = vec![None; districts.len()];
        let mut valid: Vec<Count> = vec![Count(0); districts.len()];
        let mut votes: Vec<Vec<Count>> = in_run.iter().map(|d| vec![Count(0); d.candidates.len()]).collect();
        // Where a district's total first overflowed.
        let mut overflow: Vec<Option<Location>> = vec![None; districts.len()];
        let mut protocols = Vec::new();
        let mut findings = Vec::new();
        let empty = |rp: &RosterPrecinct, state| PrecinctReturn {
            precinct: rp.precinct_id(),
            district: rp.district.clone(),
            state,
            lines: Vec::new(),
            votes: Vec::new(),
        };
        let mut given: Vec<(Count, Place)> = Vec::new();
        let mut present: Vec<bool> = Vec::new();
        let mut scratch = Draft::default();

        // In the roster's order (districts, then their precincts), so every list below is in a stable order.
        let first = in_run.first().map_or(0, |d| d.precincts.start);
        let end = in_run.last().map_or(0, |d| d.precincts.end);
        for i in first..end {
            let rp = roster.precincts.at(i);
            let Some(di) = (roster.precincts.district_index(i) as usize).checked_sub(run.start) else { continue };
            let (Some(t), Some(district)) = (districts.get_mut(di), in_run.get(di)) else { continue };
            if !annulled_at.is_empty() && annulled_at.contains(&rp.index) {
                t.precincts_reporting += 1;
                t.annulled.push((rp.precinct_id(), 0));
                if keep {
                    protocols.push(empty(&rp, PrecinctState::Annulled));
                }
                continue;
            }
            let Some(d) = self.draft_in(rp.index, &mut scratch) else {
                t.missing.push(rp.precinct_id());
                if keep {
                    protocols.push(empty(&rp, PrecinctState::Missing));
                }
                continue;
            };
            t.precincts_reporting += 1;
            t.counted += 1;
            if let Some(Difference { other: (_, at), .. }) = d.conflicts.first() {
                let figure = |v: Option<Count>| v.map_or("blank".to_string(), |v| v.to_string());
                let said: Vec<String> = d
                    .conflicts
                    .iter()
                    .map(|x| {
                        format!(
                            "{} {} at {} but {} at {}",
                            x.item.label(&district.candidates),
                            figure(x.first.0),
                            location(x.first.1),
                            figure(x.other.0),
                            location(x.other.1)
                        )
                    })
                    .collect();
                findings.push(
                    Finding::new(
                        Code::ConflictingCopies,
                        Some(location(*at)),
                        format!(
                            "precinct {} is reported more than once with different figures: {}",
                            rp.id,
                            said.join("; ")
                        ),
                    )
                    .at_precinct(rp.district, &rp.precinct_id()),
                );
            } else if let Some(at) = d.copy_at {
                findings.push(
                    Finding::new(
                        Code::DuplicateCopy,
                        Some(location(at)),
                        format!(
                            "precinct {} is reported again with the same figures (first at {}); counted once",
                            rp.id,
                            location(d.at)
                        ),
                    )
                    .at_precinct(rp.district, &rp.precinct_id()),
                );
            }
            let mut lines = [None; Line::ALL.len()];
            let mut unreadable = [false; Line::ALL.len()];
            given.clear();
            present.clear();
            present.resize(district.candidates.len(), false);
            for &(item, value, at) in &d.cells {
                match item {
                    Item::Line(l) => lines[l as usize] = Some((value, at)),
                    Item::Candidate(k) => {
                        given.push((value, at));
                        if let Some(p) = present.get_mut(usize::from(k)) {
                            *p = true;
                        }
                    }
                }
            }
            let mut votes_incomplete = false;
            for item in &d.unreadable {
                match item {
                    Item::Line(l) => unreadable[*l as usize] = true,
                    Item::Candidate(k) => {
                        votes_incomplete = true;
                        if let Some(p) = present.get_mut(usize::from(*k)) {
                            *p = true;
                        }
                    }
                }
            }
            for (c, _) in district.candidates.iter().zip(&present).filter(|(_, p)| !**p) {
                votes_incomplete = true;
                findings.push(
                    Finding::new(
                        Code::MissingVotes,
                        Some(location(d.at)),
                        format!(
                            "precinct {} gives no votes for candidate {} ({}); write 0 if they got none",
                            rp.id, c.id, c.name
                        ),
                    )
                    .at_precinct(rp.district, &rp.precinct_id()),
                );
            }
            let p = Protocol {
                precinct: rp.id,
                district: rp.district,
                origins,
                at: d.at,
                lines: &lines,
                votes: &given,
                unreadable: &unreadable,
                votes_incomplete,
            };
            required_lines(&p, required, &mut findings);
            control_relations(&p, rp.voters_on_list, required.kazakh, &mut findings);
            if keep {
                protocols.push(PrecinctReturn {
                    precinct: rp.precinct_id(),
                    district: rp.district.clone(),
                    state: PrecinctState::Counted,
                    lines: Line::ALL.iter().filter_map(|l| p.line(*l).map(|v| (*l, v))).collect(),
                    votes: {
                        let mut votes = vec![None; district.candidates.len()];
                        for (item, v, _) in &d.cells {
                            if let Item::Candidate(k) = item
                                && let Some(slot) = votes.get_mut(usize::from(*k))
                            {
                                *slot = Some(*v);
                            }
                        }
                        votes
                    },
                });
            }

            let s = sums[di].get_or_insert_default();
            let mut fits = s[0].add(p.line(Line::VotersOnList).or(rp.voters_on_list));
            fits &= s[1].add(p.whole(Line::BallotsIssued));
            fits &= s[2].add(p.line(Line::BallotsInvalid));
            fits &= s[3].add(p.whole(Line::BallotsInBox));
            fits &= s[4].add(p.line(Line::VotersWithAbsenteeCertificates));
            fits &= s[5].add(p.line(Line::BallotsIssuedOutside).or(p.line(Line::BallotsInPortableBoxes)));
            // A protocol without the line makes the race's total unknown, not smaller.
            let a = p.line(Line::AgainstAll);
            t.against_all_given += usize::from(a.is_some());
            fits &= against[di].get_or_insert_default().add(a);
            if !fits {
                overflow[di].get_or_insert_with(|| location(p.at));
            }
            // The valid votes (every candidate's and against all) must fit in a count too, not only each total.
            let valid_sum = &mut valid[di];
            if let Some(a) = a {
                if let Some(s) = valid_sum.checked_add(a) {
                    *valid_sum = s;
                } else {
                    overflow[di].get_or_insert_with(|| location(p.at));
                }
            }
            for &(item, value, at) in &d.cells {
                let Item::Candidate(k) = item else { continue };
                let Some(v) = votes[di].get_mut(usize::from(k)) else { continue };
                match (v.checked_add(value), valid_sum.checked_add(value)) {
                    (Some(s), Some(all)) => (*v, *valid_sum) = (s, all),
                    _ => {
                        overflow[di].get_or_insert_with(|| location(at));
                    }
                }
            }
        }

        CountedRun { districts, sums, against, votes, overflow, findings, protocols }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn district(n: u32, start: u32) -> District {
        District {
            id: DistrictId::parse(&format!("D{start}")),
            name: String::new(),
            candidates: Vec::new(),
            precincts: start..start + n,
            index: 0,
        }
    }

    #[test]
    fn runs_cover_every_district_once_in_order() {
        let mut start = 0;
        let ds: Vec<District> = [30_000, 5, 40_000, 1, 20_000, 17_000]
            .iter()
            .map(|&n| {
                let d = district(n, start);
                start += n;
                d
            })
            .collect();
        let refs: Vec<&District> = ds.iter().collect();
        for jobs in 1..=8 {
            let runs = runs_of(&refs, jobs);
            assert!(!runs.is_empty() && runs.len() <= jobs, "{jobs}: {runs:?}");
            let flat: Vec<usize> = runs.iter().flat_map(|r| r.clone()).collect();
            assert_eq!(flat, (0..ds.len()).collect::<Vec<_>>(), "{jobs}: {runs:?}");
        }
        assert_eq!(runs_of(&refs, 2).len(), 2);
        // A small roster is counted in one run.
        assert_eq!(runs_of(&refs[1..2], 4), vec![0..1]);
    }
}
