//! Which races the errors block: an error names the districts it blocks, or its file (the races of that file's
//! protocols, every race when the file gave none), or every race. Errors past a file's listing cap block as the
//! listed ones do.

use std::collections::BTreeMap;

use crate::aggregate::Totals;
use crate::check::{Code, Scope};
use crate::model::{DistrictId, Location, Roster};

/// The errors that block each race, in the order of the findings (then the unlisted ones).
pub fn blocking(roster: &Roster, totals: &Totals) -> BTreeMap<DistrictId, Vec<(Code, Option<Location>)>> {
    let all: Vec<&DistrictId> = roster.districts.values().map(|d| &d.id).collect();
    let mut blocked: BTreeMap<DistrictId, Vec<(Code, Option<Location>)>> = BTreeMap::new();
    let listed = totals.findings.iter().filter(|f| f.is_error()).map(|f| (f.code, &f.location, &f.scope));
    let unlisted = totals.unlisted_errors.iter().map(|(c, l, s)| (*c, l, s));
    for (code, location, scope) in listed.chain(unlisted) {
        let of_file = || location.as_ref().and_then(|l| totals.file_districts.get(&l.file));
        let races: Vec<&DistrictId> = match scope {
            Scope::Districts(ds) => ds.iter().collect(),
            Scope::File => of_file().map_or_else(|| all.clone(), |ds| ds.iter().collect()),
            Scope::All => all.clone(),
        };
        for d in races.into_iter().filter(|d| roster.districts.contains_key(d)) {
            blocked.entry(d.clone()).or_default().push((code, location.clone()));
        }
    }
    blocked
}
