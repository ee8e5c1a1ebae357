//! The roster: districts with their candidates and precincts, kept compactly (a national roster has a million
//! precincts: their ids in one text, found by binary search while they rise, by a hash index otherwise).

use super::*;

/// A registered candidate, as their district's [`Candidates`] keeps them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate<'a> {
    /// Id, unique within the district.
    pub id: &'a str,
    /// Full name as registered.
    pub name: &'a str,
    /// Party name, or `self-nominated` (any text the roster gives, e.g. «вышестоящий аким»; blank when not given).
    pub nominated_by: &'a str,
    /// What the published statement says of a candidate elected (Art. 44 p.5), when the roster gives any of it.
    pub details: Option<&'a CandidateDetails>,
}

impl Candidate<'_> {
    /// Its id as an owned value.
    pub fn candidate_id(&self) -> CandidateId {
        CandidateId(self.id.to_string())
    }
}

/// A district's registered candidates, in roster order, kept compactly: a national roster has a million
/// candidates, and two allocations of their own for each one's id and name cost more than the text. Their ids and
/// names are kept end to end in one text; a nomination is shared by the candidates nominated alike (a roster has a
/// few parties), and the statement's optional facts are kept apart (most rosters give none).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Candidates {
    /// Each candidate's id, then name.
    text: String,
    list: Vec<Entry>,
}

/// A candidate in [`Candidates`]: where their id and their name end in the text (their id starts where the
/// previous candidate's name ends).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    id_end: u32,
    name_end: u32,
    nominated_by: Arc<str>,
    details: Option<Box<CandidateDetails>>,
}

impl fmt::Debug for Candidates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Candidates {
    /// Adds a candidate after the others.
    pub fn push(&mut self, id: &str, name: &str, nominated_by: Arc<str>, details: Option<Box<CandidateDetails>>) {
        self.text.push_str(id);
        let id_end = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.text.push_str(name);
        let name_end = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.list.push(Entry { id_end, name_end, nominated_by, details });
    }

    /// Gives back the room not used.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.list.shrink_to_fit();
    }

    /// How many candidates.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The `k`-th candidate, in roster order.
    pub fn get(&self, k: usize) -> Option<Candidate<'_>> {
        (k < self.len()).then(|| self.at(k))
    }

    /// The `k`-th candidate, `k` being below [`Self::len`].
    fn at(&self, k: usize) -> Candidate<'_> {
        let e = &self.list[k];
        let start = if k == 0 { 0 } else { self.list[k - 1].name_end as usize };
        Candidate {
            id: &self.text[start..e.id_end as usize],
            name: &self.text[e.id_end as usize..e.name_end as usize],
            nominated_by: &e.nominated_by,
            details: e.details.as_deref(),
        }
    }

    /// Every candidate, in roster order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Candidate<'_>> + ExactSizeIterator + Clone + '_ {
        (0..self.len()).map(|k| self.at(k))
    }
}

/// The roster's optional facts about a candidate, as written (blank when not given).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CandidateDetails {
    /// Year of birth.
    pub birth_year: String,
    /// Position or occupation, and place of work.
    pub position: String,
    /// Place of residence.
    pub residence: String,
}

/// A precinct as the roster knows it (a view into the roster's table of precincts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RosterPrecinct<'a> {
    /// Its place in the roster's order (districts in order, then their precincts in order).
    pub index: u32,
    /// Precinct id.
    pub id: &'a str,
    /// The district (race) it votes in.
    pub district: &'a DistrictId,
    /// Voters on the list, when known in advance.
    pub voters_on_list: Option<Count>,
    /// The line of the roster's precincts file that defines it.
    pub line: u32,
}

impl RosterPrecinct<'_> {
    /// Its id as an owned value.
    pub fn precinct_id(&self) -> PrecinctId {
        PrecinctId(self.id.to_string())
    }
}

/// A rural district: one race.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct District {
    /// District id.
    pub id: DistrictId,
    /// Name, e.g. «Ақсу ауылдық округі».
    pub name: String,
    /// Registered candidates, in roster order.
    pub candidates: Candidates,
    /// Its precincts: this range of the roster's order.
    pub precincts: std::ops::Range<u32>,
    /// Its place among the districts, in order.
    pub index: u32,
}

/// Whether ids kept end to end (as [`id_in`] reads them) rise strictly in [`natural_cmp`] order: then they are all
/// different, and an id can be found among them by halving.
fn ids_rise(ids: &str, ends: &[u32]) -> bool {
    (1..ends.len()).all(|i| natural_cmp(id_in(ids, ends, i - 1), id_in(ids, ends, i)).is_lt())
}

/// The `i`-th of ids kept end to end in one string, `ends` holding where each one ends.
fn id_in<'s>(ids: &'s str, ends: &[u32], i: usize) -> &'s str {
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    &ids[start..ends[i] as usize]
}

/// Every precinct of a roster, compactly: a national roster has a million. Ids are kept in one string, each
/// precinct's facts in columns. An id is found by halving when the ids rise in the roster's order (as they do in
/// most rosters), for its first [`Precincts::HALVINGS`] lookups; otherwise, and after that, by a hash table of
/// positions. Returns that follow the roster's order find each precinct next to the previous one and look up only
/// where a file starts; a million random places in a table cost a quarter of a second to fill.
#[derive(Clone, Default)]
pub struct Precincts {
    ids: String,
    ends: Vec<u32>,
    district: Vec<u32>,
    voters: OptionalCounts,
    lines: Vec<u32>,
    table: std::sync::OnceLock<hashbrown::HashTable<u32>>,
    /// Whether the ids rise in order (known at the first lookup).
    rising: std::sync::OnceLock<bool>,
    /// Lookups made by halving so far.
    halvings: Lookups,
    state: std::hash::RandomState,
    /// District ids by their place in order.
    district_ids: Vec<DistrictId>,
}

impl fmt::Debug for Precincts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A count shared by the threads that look precincts up; a copy starts from the count as it stands.
#[derive(Default)]
struct Lookups(std::sync::atomic::AtomicUsize);

impl Clone for Lookups {
    fn clone(&self) -> Self {
        Lookups(std::sync::atomic::AtomicUsize::new(self.0.load(std::sync::atomic::Ordering::Relaxed)))
    }
}

impl PartialEq for Precincts {
    fn eq(&self, other: &Self) -> bool {
        (&self.ids, &self.ends, &self.district, &self.voters, &self.lines, &self.district_ids)
            == (&other.ids, &other.ends, &other.district, &other.voters, &other.lines, &other.district_ids)
    }
}

impl Eq for Precincts {}

impl Precincts {
    fn hash(&self, id: &str) -> u64 {
        use std::hash::BuildHasher;
        self.state.hash_one(id)
    }

    fn id_at(&self, i: usize) -> &str {
        id_in(&self.ids, &self.ends, i)
    }

    /// How many precincts.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// How many lookups are made by halving before the hash table is built.
    pub const HALVINGS: usize = 1 << 16;

    /// The position of a precinct id (already cleaned, as [`PrecinctId::parse`] does).
    pub fn find(&self, id: &str) -> Option<u32> {
        use std::sync::atomic::Ordering::Relaxed;
        if self.table.get().is_none()
            && self.halvings.0.fetch_add(1, Relaxed) < Self::HALVINGS
            && *self.rising.get_or_init(|| ids_rise(&self.ids, &self.ends))
        {
            return self.halve(id);
        }
        self.table().find(self.hash(id), |&i| self.id_at(i as usize) == id).copied()
    }

    /// Finds an id by halving the range of rising ids: [`natural_cmp`] is a total order, equal only for the same
    /// text, so the place found holds this very id or none does.
    fn halve(&self, id: &str) -> Option<u32> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match natural_cmp(self.id_at(mid), id) {
                Ordering::Less => lo = mid + 1,
                Ordering::Greater => hi = mid,
                Ordering::Equal => return u32::try_from(mid).ok(),
            }
        }
        None
    }

    /// The table of positions by id, built the first time it is needed.
    fn table(&self) -> &hashbrown::HashTable<u32> {
        self.table.get_or_init(|| {
            let mut t = hashbrown::HashTable::with_capacity(self.len());
            for i in 0..self.len() {
                t.insert_unique(self.hash(self.id_at(i)), i as u32, |&j| self.hash(self.id_at(j as usize)));
            }
            t
        })
    }

    /// The precinct at a position.
    pub fn at(&self, index: u32) -> RosterPrecinct<'_> {
        let i = index as usize;
        RosterPrecinct {
            index,
            id: self.id_at(i),
            district: &self.district_ids[self.district[i] as usize],
            voters_on_list: self.voters.get(i),
            line: self.lines[i],
        }
    }

    /// The place among the districts of the district of the precinct at a position.
    pub fn district_index(&self, index: u32) -> u32 {
        self.district[index as usize]
    }

    /// A precinct by id.
    pub fn get(&self, id: &PrecinctId) -> Option<RosterPrecinct<'_>> {
        self.find(id.as_str()).map(|i| self.at(i))
    }

    /// Whether the roster has a precinct.
    pub fn contains_key(&self, id: &PrecinctId) -> bool {
        self.find(id.as_str()).is_some()
    }

    /// Every precinct, in the roster's order.
    pub fn iter(&self) -> impl Iterator<Item = RosterPrecinct<'_>> {
        (0..self.ends.len() as u32).map(|i| self.at(i))
    }

    /// Builds the table from precincts in any order, ordering them by district (in `district_ids` order) and
    /// then by id. `district` indexes `district_ids`, which must be in order. Ids must be unique.
    pub fn build(district_ids: Vec<DistrictId>, rows: PrecinctRows) -> Precincts {
        let PrecinctRows { ids, ends, district, voters, lines, state, rise } = rows;
        let n = ends.len();
        let id = |i: usize| id_in(&ids, &ends, i);
        let key_cmp = |a: &usize, b: &usize| district[*a].cmp(&district[*b]).then_with(|| natural_cmp(id(*a), id(*b)));
        // Ids already known to rise are in order as soon as their districts are: a million ids are not compared
        // again.
        let rise = rise.get().filter(|&(known, _)| known == n).map(|(_, rise)| rise);
        let in_order = match rise {
            Some(true) => district.windows(2).all(|w| w[0] <= w[1]),
            _ => (1..n).all(|i| key_cmp(&(i - 1), &i) != Ordering::Greater),
        };
        if in_order {
            // Already in order (a roster usually is): the columns stand as they are, and so does what is known of
            // their ids.
            let (table, halvings) = Default::default();
            let rising = std::sync::OnceLock::new();
            if let Some(r) = rise {
                let _ = rising.set(r);
            }
            return Precincts { ids, ends, district, voters, lines, table, rising, halvings, state, district_ids };
        }
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(key_cmp);
        let mut out = Precincts {
            ids: String::with_capacity(ids.len()),
            ends: Vec::with_capacity(n),
            district: Vec::with_capacity(n),
            voters: OptionalCounts::with_capacity(n),
            lines: Vec::with_capacity(n),
            table: std::sync::OnceLock::new(),
            rising: std::sync::OnceLock::new(),
            halvings: Default::default(),
            state,
            district_ids,
        };
        for &i in &order {
            out.ids.push_str(id(i));
            out.ends.push(u32::try_from(out.ids.len()).unwrap_or(u32::MAX));
            out.district.push(district[i]);
            out.voters.push(voters.get(i));
            out.lines.push(lines[i]);
        }
        out
    }
}

/// Counts that may be unknown, kept as a column: 8 bytes and a bit each, not the 16 of an `Option<Count>` (a
/// national roster has a million precincts).
#[derive(Clone, Default, PartialEq, Eq)]
struct OptionalCounts {
    values: Vec<u64>,
    /// Bit `i % 64` of `known[i / 64]` is set when `values[i]` is known.
    known: Vec<u64>,
}

impl OptionalCounts {
    fn with_capacity(n: usize) -> Self {
        OptionalCounts { values: Vec::with_capacity(n), known: Vec::with_capacity(n.div_ceil(64)) }
    }

    fn push(&mut self, count: Option<Count>) {
        let i = self.values.len();
        if i.is_multiple_of(64) {
            self.known.push(0);
        }
        self.values.push(count.map_or(0, |c| c.0));
        if count.is_some() {
            self.known[i / 64] |= 1 << (i % 64);
        }
    }

    fn get(&self, i: usize) -> Option<Count> {
        (self.known[i / 64] >> (i % 64) & 1 == 1).then(|| Count(self.values[i]))
    }
}

/// Precincts as read, in any order, before [`Precincts::build`] orders them.
#[derive(Default)]
pub struct PrecinctRows {
    ids: String,
    ends: Vec<u32>,
    district: Vec<u32>,
    voters: OptionalCounts,
    lines: Vec<u32>,
    state: std::hash::RandomState,
    /// Whether the ids rise from row to row, as known when there were so many rows.
    rise: std::cell::Cell<Option<(usize, bool)>>,
}

impl PrecinctRows {
    /// Room for about `n` precincts.
    pub fn with_capacity(n: usize) -> Self {
        PrecinctRows {
            ends: Vec::with_capacity(n),
            district: Vec::with_capacity(n),
            voters: OptionalCounts::with_capacity(n),
            lines: Vec::with_capacity(n),
            ..PrecinctRows::default()
        }
    }

    /// Adds a precinct (a repeated id is found by [`Self::repeated`], once every row is in).
    pub fn push(&mut self, id: &str, district: u32, voters: Option<Count>, line: u32) {
        self.ids.push_str(id);
        self.ends.push(u32::try_from(self.ids.len()).unwrap_or(u32::MAX));
        self.district.push(district);
        self.voters.push(voters);
        self.lines.push(line);
    }

    /// Each precinct's id and line, in the order read.
    pub fn ids_and_lines(&self) -> impl Iterator<Item = (&str, u32)> + Clone {
        (0..self.ends.len()).map(|i| (id_in(&self.ids, &self.ends, i), self.lines[i]))
    }

    /// Whether the ids rise from row to row (checked once for the rows there are).
    fn ids_rise(&self) -> bool {
        let n = self.ends.len();
        match self.rise.get() {
            Some((known, rise)) if known == n => rise,
            _ => {
                let rise = ids_rise(&self.ids, &self.ends);
                self.rise.set(Some((n, rise)));
                rise
            }
        }
    }

    /// The rows whose id an earlier row has: (its id, its line, the first line with that id), in the order of
    /// the rows. They are found by sorting the ids' hashes, which reads memory in order; a hash table filled a
    /// row at a time would not.
    pub fn repeated(&self) -> Vec<(usize, &str, u32, u32)> {
        use std::hash::BuildHasher;
        let id = |i: usize| id_in(&self.ids, &self.ends, i);
        // Ids that rise from row to row (a roster sorted by id, as most are) are all different.
        if self.ids_rise() {
            return Vec::new();
        }
        let mut keyed: Vec<(u64, u32)> = (0..self.ends.len()).map(|i| (self.state.hash_one(id(i)), i as u32)).collect();
        keyed.sort_unstable();
        let mut out = Vec::new();
        let mut distinct: Vec<u32> = Vec::new();
        for group in keyed.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
            // Rows of one hash, in their order: each is compared with the first row of each distinct id so far.
            distinct.clear();
            for &(_, i) in group {
                match distinct.iter().find(|&&f| id(f as usize) == id(i as usize)) {
                    Some(&f) => out.push((i as usize, id(i as usize), self.lines[i as usize], self.lines[f as usize])),
                    None => distinct.push(i),
                }
            }
        }
        out.sort_unstable_by_key(|r| r.0);
        out
    }

    /// Leaves out the rows at `rows` (sorted positions).
    pub fn remove(&mut self, rows: &[usize]) {
        let old = std::mem::take(self);
        self.state = old.state.clone();
        let mut skip = rows.iter().peekable();
        for i in 0..old.ends.len() {
            if skip.peek() == Some(&&i) {
                skip.next();
                continue;
            }
            self.push(id_in(&old.ids, &old.ends, i), old.district[i], old.voters.get(i), old.lines[i]);
        }
    }

    /// Gives every precinct's district a new number.
    pub fn renumber_districts(&mut self, new: &[u32]) {
        for d in &mut self.district {
            *d = new[*d as usize];
        }
    }

    /// How many precincts of each district (by number).
    pub fn count_by_district(&self, districts: usize) -> Vec<u32> {
        let mut out = vec![0; districts];
        for &d in &self.district {
            out[d as usize] += 1;
        }
        out
    }
}

/// The roster's districts in the order of their ids, each at its place ([`District::index`]): found by place at
/// once, by id by halving.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Districts(Vec<District>);

impl fmt::Debug for Districts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Districts {
    /// The districts given in the order of their ids, each with its place (`index`) where it stands.
    pub fn in_order(districts: Vec<District>) -> Self {
        debug_assert!(districts.windows(2).all(|w| w[0].id < w[1].id), "districts out of order");
        debug_assert!(districts.iter().enumerate().all(|(i, d)| d.index as usize == i), "districts misplaced");
        Districts(districts)
    }

    /// The district at a place.
    pub fn at(&self, place: u32) -> Option<&District> {
        self.0.get(place as usize)
    }

    /// The place of a district id (already cleaned, as [`DistrictId::parse`] does).
    pub fn place_of(&self, id: &str) -> Option<u32> {
        self.0.binary_search_by(|d| natural_cmp(d.id.as_str(), id)).ok().map(|i| i as u32)
    }

    /// A district by id.
    pub fn get(&self, id: &DistrictId) -> Option<&District> {
        self.place_of(id.as_str()).map(|i| &self.0[i as usize])
    }

    /// Whether the roster has a district.
    pub fn contains_key(&self, id: &DistrictId) -> bool {
        self.place_of(id.as_str()).is_some()
    }

    /// Every district, in order.
    pub fn values(&self) -> std::slice::Iter<'_, District> {
        self.0.iter()
    }

    /// Every district, in order, to change.
    pub fn values_mut(&mut self) -> std::slice::IterMut<'_, District> {
        self.0.iter_mut()
    }

    /// Every district with its id, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&DistrictId, &District)> {
        self.0.iter().map(|d| (&d.id, d))
    }

    /// How many districts.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What the territorial commission knows before election day: districts, precincts, candidates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Roster {
    /// Districts, in order.
    pub districts: Districts,
    /// Every precinct, in order: by district, then by id.
    pub precincts: Precincts,
}

impl Roster {
    /// The district of a precinct.
    pub fn district_of(&self, precinct: &PrecinctId) -> Option<&District> {
        self.precincts.get(precinct).and_then(|p| self.districts.get(p.district))
    }

    /// The precincts of a district, in order.
    pub fn precincts_of<'a>(&'a self, d: &District) -> impl Iterator<Item = RosterPrecinct<'a>> + 'a {
        d.precincts.clone().map(|i| self.precincts.at(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_counts_give_back_what_was_pushed() {
        // Past a word of bits, with the smallest and the largest count and unknowns between.
        let given: Vec<Option<Count>> =
            (0..130u64).map(|i| (i % 3 != 1).then_some(Count(if i == 64 { u64::MAX } else { i }))).collect();
        let mut column = OptionalCounts::with_capacity(2);
        for &c in &given {
            column.push(c);
        }
        assert_eq!((0..given.len()).map(|i| column.get(i)).collect::<Vec<_>>(), given);
    }

    #[test]
    fn finds_each_repeated_id_with_its_first_line_and_leaves_it_out() {
        let mut rows = PrecinctRows::with_capacity(6);
        for (k, id) in ["a", "b", "a", "c", "b", "a"].iter().enumerate() {
            rows.push(id, 0, None, 10 + k as u32);
        }
        let found: Vec<(usize, String, u32, u32)> =
            rows.repeated().into_iter().map(|(i, id, l, f)| (i, id.to_string(), l, f)).collect();
        assert_eq!(found, vec![(2, "a".into(), 12, 10), (4, "b".into(), 14, 11), (5, "a".into(), 15, 10)]);
        rows.remove(&[2, 4, 5]);
        assert!(rows.repeated().is_empty());
        let p = Precincts::build(vec![DistrictId::parse("1")], rows);
        let ids: Vec<(&str, u32)> = p.iter().map(|r| (r.id, r.line)).collect();
        assert_eq!(ids, vec![("a", 10), ("b", 11), ("c", 13)]);
        assert_eq!(p.find("c"), Some(2));
        assert_eq!(p.find("d"), None);
    }

    proptest::proptest! {
        /// Every id, and ids near them that are not in the roster (`01` beside `1`), is found where a plain search
        /// finds it, whether the ids rise in order (found by halving, then by the table) or not (by the table).
        #[test]
        fn finds_each_id_where_a_plain_search_does(
            ids in proptest::collection::btree_set("[a-c]?[0-9]{1,3}", 1..60),
            split in 0usize..60,
            checked in proptest::bool::ANY,
            late in proptest::option::of("[a-c]?[0-9]{1,3}"),
            flip in proptest::bool::ANY,
            sorted in proptest::bool::ANY,
        ) {
            let mut ids: Vec<&String> = ids.iter().collect();
            // In the order of their text (`10` before `9`), or in natural order, as a sorted roster has them.
            if sorted {
                ids.sort_by(|a, b| natural_cmp(a, b));
            }
            let mut rows = PrecinctRows::with_capacity(ids.len());
            // Ids set in two districts from `split` on: when the second district's ids come first in natural
            // order, the ids no longer rise in the roster's order. With `flip`, the rows of the second district
            // come first, and the precincts must be put in order.
            let district = |k: usize| u32::from((k >= split) != flip);
            for (k, id) in ids.iter().enumerate() {
                rows.push(id, district(k), None, k as u32 + 2);
            }
            // As the roster does: repeated ids are looked for before the precincts are ordered, and what that
            // learns of the ids stands, unless a row comes after it.
            if checked {
                proptest::prop_assert!(rows.repeated().is_empty());
                if let Some(late) = late.as_ref().filter(|l| !ids.contains(l)) {
                    rows.push(late, district(ids.len()), None, ids.len() as u32 + 2);
                    ids.push(late);
                }
            }
            let mut order: Vec<(u32, &str)> = ids.iter().enumerate().map(|(k, id)| (district(k), id.as_str())).collect();
            order.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| natural_cmp(a.1, b.1)));
            let p = Precincts::build(vec![DistrictId::parse("A"), DistrictId::parse("B")], rows);
            let built: Vec<(u32, &str)> = (0..p.len()).map(|i| (p.district_index(i as u32), p.id_at(i))).collect();
            proptest::prop_assert_eq!(built, order);
            let wanted: Vec<String> = ids.iter().flat_map(|id| [id.to_string(), format!("0{id}"), format!("{id}0")]).collect();
            let plain = |id: &str| (0..p.len()).find(|&i| p.id_at(i) == id).map(|i| i as u32);
            for round in 0..2 {
                for id in &wanted {
                    proptest::prop_assert_eq!(p.find(id), plain(id), "{} (round {})", id, round);
                }
                // The second round looks up through the table.
                p.halvings.0.store(Precincts::HALVINGS, std::sync::atomic::Ordering::Relaxed);
            }
        }
    }

    #[test]
    fn candidates_kept_end_to_end_are_given_back_as_pushed() {
        let mut c = Candidates::default();
        let details = CandidateDetails { birth_year: "1970".into(), ..Default::default() };
        c.push("a", "Әлиев Асқар", "self-nominated".into(), None);
        c.push("10", "", "Amanat".into(), Some(Box::new(details.clone())));
        c.push("b", "Бекова Гүл", "".into(), None);
        c.shrink_to_fit();
        let got: Vec<(&str, &str, &str, Option<&CandidateDetails>)> =
            c.iter().map(|c| (c.id, c.name, c.nominated_by, c.details)).collect();
        let want = [
            ("a", "Әлиев Асқар", "self-nominated", None),
            ("10", "", "Amanat", Some(&details)),
            ("b", "Бекова Гүл", "", None),
        ];
        assert_eq!(got, want);
        assert_eq!((c.len(), c.get(1).map(|c| c.candidate_id()), c.get(3)), (3, Some(CandidateId("10".into())), None));
        assert_eq!(c.iter().rev().map(|c| c.id).collect::<Vec<_>>(), ["b", "10", "a"]);
    }

    #[test]
    fn finds_a_repeated_id_in_ids_that_otherwise_rise() {
        let mut rows = PrecinctRows::with_capacity(4);
        for (k, id) in ["1-01", "1-02", "1-02", "1-10"].iter().enumerate() {
            rows.push(id, 0, None, 10 + k as u32);
        }
        let found: Vec<(usize, u32, u32)> = rows.repeated().into_iter().map(|(i, _, l, f)| (i, l, f)).collect();
        assert_eq!(found, vec![(2, 12, 11)]);
    }
}
