//! Accumulating protocols into district totals: merging the parts of each precinct's protocol (from any row of
//! any file), finding copies, running the control relations, setting aside annulled precincts, and counting what
//! is missing.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::check::{Cell, Code, Finding, Protocol, Scope, control_relations, sort_findings};
use crate::input::returns::{Entry, ItemKey, Part, Sink, item_name};
use crate::model::{CandidateId, Count, DistrictId, Line, Location, PrecinctId, Roster, whole_of};

/// A precinct's protocol while its parts are arriving.
#[derive(Debug)]
struct Draft {
    district: DistrictId,
    at: Location,
    lines: BTreeMap<Line, Cell>,
    votes: BTreeMap<CandidateId, Cell>,
    unreadable: BTreeSet<ItemKey>,
    /// The first place a value was given again, identically.
    copy_at: Option<Location>,
    /// Values given again with another figure.
    conflicts: Vec<String>,
    conflict_at: Option<Location>,
}

impl Draft {
    fn merge(&mut self, e: Entry) {
        let slot = match &e.key {
            ItemKey::Line(l) => self.lines.get(l),
            ItemKey::Candidate(c) => self.votes.get(c),
        };
        match slot {
            None => {
                let cell = Cell { value: e.value, at: e.at };
                match e.key {
                    ItemKey::Line(l) => self.lines.insert(l, cell),
                    ItemKey::Candidate(c) => self.votes.insert(c, cell),
                };
            }
            Some(first) if first.value == e.value => {
                if self.copy_at.is_none() {
                    self.copy_at = Some(e.at);
                }
            }
            Some(first) => {
                self.conflicts.push(format!(
                    "{} {} at {} but {} at {}",
                    item_name(&e.key),
                    first.value,
                    first.at,
                    e.value,
                    e.at
                ));
                if self.conflict_at.is_none() {
                    self.conflict_at = Some(e.at);
                }
            }
        }
    }
}

/// Collects the parts and findings of every returns file.
#[derive(Debug, Default)]
pub struct Assembly {
    drafts: HashMap<PrecinctId, Draft>,
    findings: Vec<Finding>,
    /// The districts each file reported precincts of.
    file_districts: BTreeMap<Arc<str>, BTreeSet<DistrictId>>,
    /// Findings kept per file, and how many more were dropped past the limit.
    per_file: BTreeMap<Arc<str>, (usize, usize)>,
}

/// The most findings kept for one file: a hostile file cannot fill the memory with them.
pub const MAX_FINDINGS_PER_FILE: usize = 10_000;

impl Sink for Assembly {
    fn part(&mut self, part: Part) {
        self.file_districts.entry(Arc::clone(&part.at.file)).or_default().insert(part.district.clone());
        let draft = self.drafts.entry(part.precinct).or_insert_with(|| Draft {
            district: part.district,
            at: part.at,
            lines: BTreeMap::new(),
            votes: BTreeMap::new(),
            unreadable: BTreeSet::new(),
            copy_at: None,
            conflicts: Vec::new(),
            conflict_at: None,
        });
        draft.unreadable.extend(part.unreadable);
        for e in part.entries {
            draft.merge(e);
        }
    }

    fn finding(&mut self, finding: Finding) {
        if let Some(l) = &finding.location {
            let counts = self.per_file.entry(Arc::clone(&l.file)).or_default();
            if counts.0 >= MAX_FINDINGS_PER_FILE {
                counts.1 += 1;
                return;
            }
            counts.0 += 1;
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
    /// Against all (`None` when no counted protocol has the line).
    pub against_all: Option<Count>,
    /// Votes per registered candidate (every candidate present, 0 when none reported).
    pub votes: BTreeMap<CandidateId, Count>,
    /// Protocols counted (reporting, not annulled).
    pub counted: usize,
    /// The errors that block this race: code and place.
    pub blocking: Vec<(Code, Option<Location>)>,
}

/// What became of a roster precinct.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrecinctState {
    /// Its protocol is counted.
    Counted,
    /// The commission annulled it: left out of the count.
    Annulled,
    /// No protocol arrived.
    Missing,
}

/// One precinct's figures as counted (for per-precinct outputs), in the roster's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrecinctReturn {
    /// The precinct.
    pub precinct: PrecinctId,
    /// Its district.
    pub district: DistrictId,
    /// Counted, annulled or missing.
    pub state: PrecinctState,
    /// The protocol lines given (empty unless counted); part-lines stand with their whole.
    pub lines: BTreeMap<Line, Count>,
    /// Votes per candidate (empty unless counted).
    pub votes: BTreeMap<CandidateId, Count>,
}

impl PrecinctReturn {
    /// A whole line: given, or the sum of its parts when only they are given.
    pub fn whole(&self, line: Line) -> Option<Count> {
        whole_of(line, |l| self.lines.get(&l).copied())
    }
}

/// Every race's totals and every finding, sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Totals by district.
    pub districts: BTreeMap<DistrictId, DistrictTotals>,
    /// Findings, sorted and without duplicates.
    pub findings: Vec<Finding>,
    /// Every roster precinct, in the roster's order, with its counted figures.
    pub protocols: Vec<PrecinctReturn>,
}

impl Assembly {
    /// Checks each protocol, sums the districts, and decides which races the errors block.
    pub fn finish(mut self, roster: &Roster, annulled: &BTreeSet<PrecinctId>) -> Tally {
        let mut findings = std::mem::take(&mut self.findings);
        for (file, (_, dropped)) in &self.per_file {
            if *dropped > 0 {
                findings.push(
                    Finding::new(
                        Code::TooManyProblems,
                        Some(Location::file(file)),
                        format!(
                            "{MAX_FINDINGS_PER_FILE} problems are listed for this file and {dropped} more are not: \
                             is it the right file, with the right header?"
                        ),
                    )
                    .scoped(Scope::File),
                );
            }
        }
        let mut districts: BTreeMap<DistrictId, DistrictTotals> = BTreeMap::new();
        let mut sums: BTreeMap<DistrictId, [Known; 3]> = BTreeMap::new();
        let mut against: BTreeMap<DistrictId, Option<Known>> = BTreeMap::new();
        for d in roster.districts.values() {
            let t = districts.entry(d.id.clone()).or_default();
            t.precincts_total = d.precincts.len();
            t.votes = d.candidates.iter().map(|c| (c.id.clone(), Count(0))).collect();
        }
        // Where a district's total first overflowed.
        let mut overflow: BTreeMap<DistrictId, Location> = BTreeMap::new();
        let mut protocols = Vec::new();
        let empty = |pid: &PrecinctId, district: &DistrictId, state| PrecinctReturn {
            precinct: pid.clone(),
            district: district.clone(),
            state,
            lines: BTreeMap::new(),
            votes: BTreeMap::new(),
        };

        // In the roster's order (districts, then their sorted precincts), so every list below is in a stable order.
        let ordered = roster.districts.values().flat_map(|d| d.precincts.iter());
        for (pid, rp) in ordered.filter_map(|p| roster.precincts.get(p).map(|rp| (p, rp))) {
            let Some(t) = districts.get_mut(&rp.district) else {
                continue;
            };
            let draft = self.drafts.remove(pid);
            if annulled.contains(pid) {
                t.precincts_reporting += 1;
                t.annulled.push((pid.clone(), 0));
                protocols.push(empty(pid, &rp.district, PrecinctState::Annulled));
                continue;
            }
            let Some(d) = draft else {
                t.missing.push(pid.clone());
                protocols.push(empty(pid, &rp.district, PrecinctState::Missing));
                continue;
            };
            t.precincts_reporting += 1;
            t.counted += 1;
            if let Some(at) = d.conflict_at.clone() {
                findings.push(
                    Finding::new(
                        Code::ConflictingCopies,
                        Some(at),
                        format!(
                            "precinct {pid} is reported more than once with different figures: {}",
                            d.conflicts.join("; ")
                        ),
                    )
                    .at_precinct(&d.district, pid),
                );
            } else if let Some(at) = d.copy_at.clone() {
                findings.push(
                    Finding::new(
                        Code::DuplicateCopy,
                        Some(at),
                        format!(
                            "precinct {pid} is reported again with the same figures (first at {}); counted once",
                            d.at
                        ),
                    )
                    .at_precinct(&d.district, pid),
                );
            }
            let mut votes_incomplete = d.unreadable.iter().any(|k| matches!(k, ItemKey::Candidate(_)));
            if let Some(district) = roster.districts.get(&d.district) {
                for c in &district.candidates {
                    let key = ItemKey::Candidate(c.id.clone());
                    if !d.votes.contains_key(&c.id) && !d.unreadable.contains(&key) {
                        votes_incomplete = true;
                        findings.push(
                            Finding::new(
                                Code::MissingVotes,
                                Some(d.at.clone()),
                                format!(
                                    "precinct {pid} gives no votes for candidate {} ({}); write 0 if they got none",
                                    c.id, c.name
                                ),
                            )
                            .at_precinct(&d.district, pid),
                        );
                    }
                }
            }
            let unreadable = d
                .unreadable
                .iter()
                .filter_map(|k| match k {
                    ItemKey::Line(l) => Some(*l),
                    ItemKey::Candidate(_) => None,
                })
                .collect();
            let p = Protocol {
                precinct: pid.clone(),
                district: d.district.clone(),
                at: d.at,
                lines: d.lines,
                votes: d.votes,
                unreadable,
                votes_incomplete,
            };
            findings.extend(control_relations(&p, rp.voters_on_list));
            protocols.push(PrecinctReturn {
                precinct: pid.clone(),
                district: p.district.clone(),
                state: PrecinctState::Counted,
                lines: p.lines.iter().map(|(l, c)| (*l, c.value)).collect(),
                votes: p.votes.iter().map(|(c, cell)| (c.clone(), cell.value)).collect(),
            });

            let s = sums.entry(p.district.clone()).or_default();
            let mut fits = s[0].add(p.line(Line::VotersOnList).or(rp.voters_on_list));
            fits &= s[1].add(p.whole(Line::BallotsIssued));
            fits &= s[2].add(p.line(Line::BallotsInvalid));
            if let Some(a) = p.line(Line::AgainstAll) {
                fits &= against.entry(p.district.clone()).or_default().get_or_insert_default().add(Some(a));
            }
            if !fits {
                overflow.entry(p.district.clone()).or_insert_with(|| p.at.clone());
            }
            for (c, cell) in &p.votes {
                let v = t.votes.entry(c.clone()).or_default();
                match v.checked_add(cell.value) {
                    Some(s) => *v = s,
                    None => {
                        overflow.entry(p.district.clone()).or_insert_with(|| cell.at.clone());
                    }
                }
            }
        }

        for (id, t) in districts.iter_mut() {
            // With no protocol counted, the totals are unknown, not zero.
            let none = Known { unknown: true, ..Known::default() };
            let s = sums.get(id).copied().unwrap_or([none; 3]);
            let a = against.get(id).copied().flatten();
            t.voters_on_list = s[0].get();
            t.ballots_issued = s[1].get();
            t.ballots_invalid = s[2].get();
            t.against_all = a.and_then(Known::get);
            if let Some(at) = overflow.get(id) {
                let mut f = Finding::new(
                    Code::SumOverflow,
                    Some(at.clone()),
                    format!(
                        "adding this figure makes a total of district {id} too large to count: the returns hold impossible figures"
                    ),
                )
                .scoped(Scope::Districts(vec![id.clone()]));
                f.district = Some(id.clone());
                findings.push(f);
            }
        }

        // An annulled precinct is left out entirely: what its rows held is set aside, counted in its notice.
        findings.retain(|f| match &f.precinct {
            Some(p) if annulled.contains(p) => {
                if let Some(t) = roster.precincts.get(p).and_then(|rp| districts.get_mut(&rp.district))
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
        for f in findings.iter().filter(|f| f.is_error()) {
            let blocked: Vec<DistrictId> = match &f.scope {
                Scope::Districts(ds) => ds.clone(),
                Scope::File => match f.location.as_ref().and_then(|l| self.file_districts.get(&l.file)) {
                    Some(ds) => ds.iter().cloned().collect(),
                    None => all.clone(),
                },
                Scope::All => all.clone(),
            };
            for d in blocked {
                if let Some(t) = districts.get_mut(&d) {
                    t.blocking.push((f.code, f.location.clone()));
                }
            }
        }
        Tally { districts, findings, protocols }
    }
}
