//! A precinct's protocol as the readers give it and as it is counted: what a value counts ([`Item`]), the values
//! of one row ([`Part`]), where the readers put them ([`Sink`]), and the figures of each roster precinct once its
//! copies are merged ([`PrecinctReturn`]). The readers produce these, the count consumes them, the renderers print
//! them: none of them depends on how a file is read or a result is printed.

use crate::check::{Finding, Named};
use crate::model::{CandidateId, Candidates, Count, DistrictId, Line, Origin, PrecinctId, whole_of};

/// What a value counts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKey {
    /// A protocol line.
    Line(Line),
    /// Votes for a candidate of the precinct's district.
    Candidate(CandidateId),
}

impl ItemKey {
    /// How the item is named in messages: the line, or the votes for the candidate's id.
    pub fn named(&self) -> Named {
        match self {
            ItemKey::Line(l) => Named::Line(*l),
            ItemKey::Candidate(c) => Named::VotesFor { id: c.to_string(), name: c.to_string() },
        }
    }
}

/// What a value counts, compactly: a protocol line, or the votes for the k-th registered candidate of the
/// precinct's district (in roster order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    /// A protocol line.
    Line(Line),
    /// Votes for a candidate of the precinct's district, by position.
    Candidate(u16),
}

impl Item {
    /// How the item is named in messages, given the candidates of the precinct's district: the line, or the
    /// votes for the candidate's id.
    pub fn named(self, candidates: &Candidates) -> Named {
        match self {
            Item::Line(l) => Named::Line(l),
            Item::Candidate(k) => match candidates.get(usize::from(k)) {
                Some(c) => Named::VotesFor { id: c.id.to_string(), name: c.name.to_string() },
                None => Named::VotesFor { id: "?".into(), name: "?".into() },
            },
        }
    }

    /// A number for each item of a district, from 0: the lines, then the candidates.
    pub fn code(self) -> usize {
        match self {
            Item::Line(l) => l as usize,
            Item::Candidate(k) => Line::ALL.len() + usize::from(k),
        }
    }
}

/// One value read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// What it counts.
    pub item: Item,
    /// The count.
    pub value: Count,
    /// Its column (1-based) on the row.
    pub column: u32,
}

/// What one row contributes to a precinct's protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part<'p> {
    /// The precinct, by its place in the roster's order.
    pub precinct: u32,
    /// Its district, by its place among the districts.
    pub district: u32,
    /// The row's line.
    pub line: u32,
    /// The values read.
    pub entries: &'p [Entry],
    /// Items whose cell could not be read (already reported), so that they are not also reported as missing.
    pub unreadable: &'p [Item],
}

/// Where the parts and findings of a file go.
pub trait Sink {
    /// A file begins: the parts that follow are its rows. A long file gives its value column (1-based); a wide
    /// file the protocol lines it has a column for (so that a line every protocol lacks is told as a column the
    /// file lacks).
    fn file(&mut self, origin: &Origin, value_column: Option<u32>, lines: &[Line]);
    /// A row's part of a protocol.
    fn part(&mut self, part: Part<'_>);
    /// A problem.
    fn finding(&mut self, finding: Finding);
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

/// One precinct's figures as counted (for per-precinct outputs), in the roster's order. Kept compactly: a national
/// election has a million.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrecinctReturn {
    /// The precinct.
    pub precinct: PrecinctId,
    /// Its district.
    pub district: DistrictId,
    /// Counted, annulled or missing.
    pub state: PrecinctState,
    /// The protocol lines given, in [`Line`] order (empty unless counted); part-lines stand with their whole.
    pub lines: Vec<(Line, Count)>,
    /// Votes per candidate, by the candidate's place in the district (empty unless counted; `None`: not given).
    pub votes: Vec<Option<Count>>,
}

impl PrecinctReturn {
    /// A line as given.
    pub fn line(&self, line: Line) -> Option<Count> {
        self.lines.iter().find(|(l, _)| *l == line).map(|(_, v)| *v)
    }

    /// A whole line: given, or the sum of its parts when only they are given.
    pub fn whole(&self, line: Line) -> Option<Count> {
        whole_of(line, |l| self.line(l))
    }

    /// The votes given for the candidate at place `k` of the district.
    pub fn votes_for(&self, k: usize) -> Option<Count> {
        self.votes.get(k).copied().flatten()
    }
}
