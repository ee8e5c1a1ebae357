//! Ids of the roster that look the same and are not (E318): a precinct `1​01` with a zero-width space beside
//! `101`, a district `А1` with a Cyrillic А beside `A1`. Returns typed by a person would match one of them at
//! random; the roster is refused instead, naming the difference.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;

use crate::check::{Code, Detail, Finding};
use crate::model::Location;
use crate::model::unseen::{between, skeleton};

/// Reports every id of `ids` (each with its file and line) that looks the same as an earlier one. `district`
/// says which kind of id they are.
pub(super) fn twin_ids<'a>(
    ids: impl Iterator<Item = (&'a str, &'a Arc<str>, u32)> + Clone,
    district: bool,
    column: u32,
    findings: &mut Vec<Finding>,
) {
    // Only ids with a character outside ASCII, or a letter O (taken as the digit 0), can look like another.
    if ids.clone().all(|(id, _, _)| id.bytes().all(|b| b.is_ascii() && b != b'O')) {
        return;
    }
    let mut seen: HashMap<String, (&str, u32)> = HashMap::new();
    for (id, file, line) in ids {
        match seen.entry(skeleton(id)) {
            Entry::Vacant(e) => {
                e.insert((id, line));
            }
            Entry::Occupied(e) => {
                let (other, other_line) = *e.get();
                if let Some(unseen) = between(id, other) {
                    let detail =
                        Detail::TwinIds { district, id: id.to_string(), other: other.to_string(), other_line, unseen };
                    let f = Finding::new(Code::RosterTwinIds, Some(Location::new(file, line, column)), detail);
                    findings.push(f.scoped(crate::check::Scope::All));
                }
            }
        }
    }
}
