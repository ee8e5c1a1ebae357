//! What the page shows of each race besides its result, gathered in one pass over the precincts' figures and the
//! findings, not in one pass per race: a national election has 50,000 races and 200,000 precincts, and a pass per
//! race made the report take minutes (its time grew with the square of the races).

use std::collections::HashMap;

use crate::check::{Finding, Scope};
use crate::model::DistrictId;
use crate::protocol::PrecinctReturn;

/// Each race's precincts, warnings and blocking errors, in the order of the protocols and of the findings.
pub(super) struct ByRace<'a> {
    findings: &'a [Finding],
    protocols: HashMap<&'a DistrictId, Vec<&'a PrecinctReturn>>,
    warnings: HashMap<&'a DistrictId, Vec<&'a Finding>>,
    /// The errors that name the races they block, by race: their places among the findings, rising.
    errors: HashMap<&'a DistrictId, Vec<usize>>,
    /// The errors that block every race of a file, or every race: their places among the findings, rising.
    everywhere: Vec<usize>,
}

impl<'a> ByRace<'a> {
    pub(super) fn new(protocols: &'a [PrecinctReturn], findings: &'a [Finding]) -> Self {
        let mut by = ByRace {
            findings,
            protocols: HashMap::new(),
            warnings: HashMap::new(),
            errors: HashMap::new(),
            everywhere: Vec::new(),
        };
        for p in protocols {
            by.protocols.entry(&p.district).or_default().push(p);
        }
        for (k, f) in findings.iter().enumerate() {
            if !f.is_error() {
                if let Some(d) = &f.district {
                    by.warnings.entry(d).or_default().push(f);
                }
                continue;
            }
            match &f.scope {
                Scope::Districts(ds) => {
                    for d in ds {
                        let places = by.errors.entry(d).or_default();
                        // A race named twice by one error shows it once.
                        if places.last() != Some(&k) {
                            places.push(k);
                        }
                    }
                }
                _ => by.everywhere.push(k),
            }
        }
        by
    }

    /// The figures of a race's precincts, in the order of the protocols (the roster's).
    pub(super) fn protocols(&self, d: &DistrictId) -> &[&'a PrecinctReturn] {
        self.protocols.get(d).map_or(&[], Vec::as_slice)
    }

    /// The warnings of a race, in the order of the findings.
    pub(super) fn warnings(&self, d: &DistrictId) -> &[&'a Finding] {
        self.warnings.get(d).map_or(&[], Vec::as_slice)
    }

    /// The errors that block a race, in the order of the findings: the first `shown` of them, and how many in all.
    pub(super) fn errors(&self, d: &DistrictId, shown: usize) -> (Vec<&'a Finding>, usize) {
        let named = self.errors.get(d).map_or(&[][..], Vec::as_slice);
        // Two rising lists of places, merged only as far as is shown.
        let (mut a, mut b) = (self.everywhere.iter().peekable(), named.iter().peekable());
        let mut first = Vec::new();
        while first.len() < shown {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if x < y => a.next(),
                (_, Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, None) => break,
            };
            first.extend(next.and_then(|&k| self.findings.get(k)));
        }
        (first, self.everywhere.len() + named.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Code, Detail};

    #[test]
    fn a_race_shows_its_own_errors_and_those_of_every_race_in_the_order_of_the_findings() {
        let (d1, d2) = (DistrictId::parse("1"), DistrictId::parse("2"));
        let error = |scope: Scope| Finding::new(Code::BlankId, None, Detail::BlankPrecinct).scoped(scope);
        let mut warning = Finding::new(Code::BlankId, None, Detail::BlankPrecinct);
        warning.code = Code::TooManyWarnings;
        warning.district = Some(d1.clone());
        let findings = [
            error(Scope::All),
            error(Scope::Districts(vec![d1.clone()])),
            warning,
            error(Scope::Districts(vec![d2.clone()])),
            error(Scope::File),
            error(Scope::Districts(vec![d1.clone(), d1.clone(), d2.clone()])),
        ];
        let by = ByRace::new(&[], &findings);
        let places = |shown: Vec<&Finding>| -> Vec<usize> {
            shown.iter().map(|f| findings.iter().position(|g| std::ptr::eq(g, *f)).expect("one of them")).collect()
        };
        let (first, all) = by.errors(&d1, 20);
        assert_eq!((places(first), all), (vec![0, 1, 4, 5], 4));
        let (first, all) = by.errors(&d1, 2);
        assert_eq!((places(first), all), (vec![0, 1], 4));
        let (first, all) = by.errors(&d2, 20);
        assert_eq!((places(first), all), (vec![0, 3, 4, 5], 4));
        assert_eq!(by.warnings(&d1).len(), 1);
        assert!(by.warnings(&d2).is_empty() && by.protocols(&d1).is_empty());
    }
}
