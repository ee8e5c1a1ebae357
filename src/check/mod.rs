//! The checks: the catalogue of codes (`codes`), the findings they produce and which races a finding blocks, a
//! protocol as the checks see it, and its control relations (`relations`).
//!
//! A code keeps its meaning forever; a retired code is never reused. The table in docs/checks.md is checked against
//! [`Code::ALL`] by a test, so the two cannot drift apart.

use crate::model::{Count, DistrictId, Line, Location, Origin, PrecinctId, whole_of};

mod codes;
mod detail;
mod relations;

pub use codes::*;
pub use detail::*;
pub use relations::*;

/// Which races an error blocks.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// These districts' races.
    Districts(Vec<DistrictId>),
    /// Every race that a precinct of this file was counted in (a broken header, an unreadable row).
    File,
    /// Every race: the finding cannot be pinned to one (e.g. a precinct that no roster district has).
    All,
}

/// One problem found in the inputs.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Finding {
    /// Where; `None` for problems of the run as a whole.
    pub location: Option<Location>,
    /// The check that found it.
    pub code: Code,
    /// What is wrong, what was found, and what was expected, as values (rendered at the edge).
    pub detail: Detail,
    /// The district it concerns, when there is one.
    pub district: Option<DistrictId>,
    /// The precinct it concerns, when there is one.
    pub precinct: Option<PrecinctId>,
    /// The races it blocks, if it is an error.
    pub scope: Scope,
}

impl Finding {
    /// A finding at a place, with no district or precinct yet.
    pub fn new(code: Code, location: Option<Location>, detail: Detail) -> Self {
        Finding { location, code, detail, district: None, precinct: None, scope: Scope::File }
    }

    /// Names the precinct and its district; the error blocks that district's race.
    pub fn at_precinct(mut self, district: &DistrictId, precinct: &PrecinctId) -> Self {
        self.district = Some(district.clone());
        self.precinct = Some(precinct.clone());
        self.scope = Scope::Districts(vec![district.clone()]);
        self
    }

    /// Also blocks another district's race.
    pub fn also_blocks(mut self, district: &DistrictId) -> Self {
        if let Scope::Districts(ds) = &mut self.scope {
            if !ds.contains(district) {
                ds.push(district.clone());
                ds.sort();
            }
        } else {
            self.scope = Scope::Districts(vec![district.clone()]);
        }
        self
    }

    /// Sets the scope.
    pub fn scoped(mut self, scope: Scope) -> Self {
        self.scope = scope;
        self
    }

    /// Its severity.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// Whether it is an error.
    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }
}

/// Sorts findings (by file, line, column, code, detail) and drops exact duplicates.
pub fn sort_findings(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        let ka = (a.location.as_ref(), a.code, &a.detail, &a.district, &a.precinct);
        let kb = (b.location.as_ref(), b.code, &b.detail, &b.district, &b.precinct);
        ka.cmp(&kb).then_with(|| a.scope.cmp(&b.scope))
    });
    findings.dedup_by(|a, b| a.location == b.location && a.code == b.code && a.detail == b.detail);
}

/// Where a value was read, compactly: the file (by its number in the run, see [`Protocol::origins`]), the line
/// and the column (0: the whole row).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// The file's number.
    pub file: u32,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (0: the whole row).
    pub column: u32,
}

impl Place {
    /// This place as a location, given the files of the run by number.
    pub fn locate(self, origins: &[Origin]) -> Location {
        match origins.get(self.file as usize) {
            Some(o) => o.at(self.line, self.column),
            None => Location { file: "?".into(), sheet: None, line: self.line, column: self.column },
        }
    }
}

/// One precinct's protocol as read: the lines it has and the votes for the candidates of its district.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Protocol<'a> {
    /// The precinct.
    pub precinct: &'a str,
    /// Its district (from the roster).
    pub district: &'a DistrictId,
    /// The files of the run, by number.
    pub origins: &'a [Origin],
    /// Where the protocol begins (its first row).
    pub at: Place,
    /// Protocol lines that were given, by [`Line`] order.
    pub lines: &'a [Option<(Count, Place)>; Line::ALL.len()],
    /// Votes given for candidates of the district (in no particular order).
    pub votes: &'a [(Count, Place)],
    /// Lines whose cell was given but could not be read (already reported), by [`Line`] order.
    pub unreadable: &'a [bool; Line::ALL.len()],
    /// Whether a candidate's votes are missing or unreadable (already reported), so that no sum of votes is known.
    pub votes_incomplete: bool,
    /// The lines the file of its first row has a column for, when that file is wide (`None`: a long file, whose
    /// items are rows).
    pub file_lines: Option<&'a [Line]>,
}

impl Protocol<'_> {
    /// A line's value as given.
    pub fn line(&self, line: Line) -> Option<Count> {
        self.lines[line as usize].map(|c| c.0)
    }

    /// A whole line: given, or the sum of its parts when the whole is not given and some part is.
    pub fn whole(&self, line: Line) -> Option<Count> {
        whole_of(line, |l| self.line(l))
    }

    /// A place as a location.
    pub fn location(&self, at: Place) -> Location {
        at.locate(self.origins)
    }

    /// Where a line was read: its cell, or the first of its parts' cells, or the protocol's first row.
    fn place(&self, line: Line) -> Location {
        let at =
            std::iter::once(&line).chain(line.parts()).find_map(|l| self.lines[*l as usize]).map_or(self.at, |c| c.1);
        self.location(at)
    }

    fn unreadable(&self, line: &Line) -> bool {
        self.unreadable[*line as usize]
    }
}

/// What a rule set asks of every protocol, beyond the candidates' votes: the lines it must give, and whether the
/// checks of Kazakh law run (portable boxes, the ballots' reserve).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Requirements {
    /// Lines every protocol must give (a whole line may be given by its parts).
    pub lines: Vec<Line>,
    /// Whether the checks of Kazakh law run.
    pub kazakh: bool,
}

/// The roster's warnings under Kazakh law: a district with fewer than two registered candidates (Art. 113-7).
pub fn roster_under_law(districts: impl Iterator<Item = (DistrictId, usize, Option<Location>)>) -> Vec<Finding> {
    districts
        .filter(|(_, n, _)| *n < 2)
        .map(|(d, n, at)| {
            let detail = Detail::FewCandidates { district: d.to_string(), candidates: n as u64 };
            let mut f = Finding::new(Code::RosterFewCandidates, at, detail).scoped(Scope::Districts(Vec::new()));
            f.district = Some(d);
            f
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn sorting_drops_only_exact_duplicates() {
        let f = |line, code, field: &str| {
            let detail = Detail::BlankField { field: field.to_string() };
            Finding::new(code, Some(Location::new(&Arc::from("r.csv"), line, 1)), detail)
        };
        let mut findings = vec![
            f(3, Code::ReceivedBalance, "x"),
            f(2, Code::ReceivedBalance, "x"),
            f(2, Code::ReceivedBalance, "x"),
            f(2, Code::PartsBalance, "x"),
            f(2, Code::ReceivedBalance, "y"),
        ];
        sort_findings(&mut findings);
        let kept: Vec<(u32, Code, &str)> =
            findings.iter().map(|f| (f.location.as_ref().unwrap().line, f.code, field(&f.detail))).collect();
        assert_eq!(
            kept,
            vec![
                (2, Code::ReceivedBalance, "x"),
                (2, Code::ReceivedBalance, "y"),
                (2, Code::PartsBalance, "x"),
                (3, Code::ReceivedBalance, "x"),
            ]
        );
    }

    fn field(d: &Detail) -> &str {
        match d {
            Detail::BlankField { field } => field,
            _ => "",
        }
    }
}
