//! A row of a returns file: its precinct found in the roster (the previous row's precinct remembered), its
//! width checked, its cells read as counts, and its part of the protocol given to the sink.

use super::*;

/// Whether two texts are equal. The cells compared on every row (a precinct id, a district id, an item) are a few
/// bytes long: up to 16 bytes they are compared as two overlapping words in place, which costs less than calling
/// `memcmp`.
#[inline(always)]
pub(super) fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word8 = |s: &[u8], at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&s[at..at + 8]);
        u64::from_ne_bytes(w)
    };
    let word4 = |s: &[u8], at: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&s[at..at + 4]);
        u32::from_ne_bytes(w)
    };
    match n {
        17.. => a == b,
        8..=16 => word8(a, 0) == word8(b, 0) && word8(a, n - 8) == word8(b, n - 8),
        4..=7 => word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4),
        _ => a.iter().zip(b).all(|(x, y)| x == y),
    }
}

/// Whether `given` is `id` without its leading zeros (`1` for `01`), as a spreadsheet that took the id for a
/// number writes it.
fn zeros_dropped(given: &str, id: &str) -> bool {
    id.len() > given.len() && id.ends_with(given) && id.bytes().take(id.len() - given.len()).all(|b| b == b'0')
}

impl<'a> RowReader<'a> {
    /// A reader of the rows of a file laid out as `layout`, against the roster.
    pub(super) fn new(origin: Origin, roster: &'a Roster, index: &'a CandidateIndex, layout: Layout) -> Self {
        let count_columns =
            layout.lines.iter().map(|(i, _)| *i).chain(layout.candidates.iter().map(|(i, _)| *i)).collect();
        RowReader {
            origin,
            roster,
            index,
            layout,
            count_columns,
            unknown: BTreeSet::new(),
            misfiled: BTreeSet::new(),
            columns: HashMap::new(),
            near_ids: None,
            wide_sums: Vec::new(),
            items: Vec::new(),
            item_slots: HashMap::new(),
            recent_items: Vec::new(),
            last_slot: None,
            row_slot: 0,
            row_values: Vec::new(),
            district_columns: None,
            last: None,
            entries: Vec::new(),
            unreadable: Vec::new(),
            rows: 0,
            totals_rows: Vec::new(),
        }
    }

    pub(super) fn at(&self, row: &RowCells, col: usize) -> Location {
        self.origin.at(row.line, col as u32 + 1)
    }

    /// Checks each figure of a row that is repeated in words against its words: words that cannot be read, or
    /// that say another number, are an error (it is how a figure typed wrong is caught).
    pub(super) fn check_words(&self, row: &RowCells, here: &Here, sink: &mut dyn Sink) {
        for &(wc, fc) in &self.layout.words {
            let text = row.get(wc).trim();
            let Ok(Some(figure)) = parse_count(row.get(fc)) else { continue };
            if text.is_empty() {
                continue;
            }
            let finding = match parse_words(text) {
                None => Finding::new(
                    Code::WordsUnreadable,
                    Some(self.at(row, wc)),
                    Detail::WordsUnreadable { words: shorten(text), figure },
                ),
                Some(w) if w != figure.0 => Finding::new(
                    Code::WordsDisagree,
                    Some(self.at(row, fc)),
                    Detail::WordsDisagree { figure, words: shorten(text), in_words: w, column: wc as u64 + 1 },
                ),
                Some(_) => continue,
            };
            sink.finding(finding.at_precinct(here.district_id(), &here.precinct()));
        }
    }

    /// The races a row that cannot be read (or read whole) blocks: its precinct's (and the district it is filed
    /// under, if that is another), or the district it names; when it names neither, every race of the run.
    pub(super) fn row_scope(&self, row: &RowCells) -> Scope {
        let l = &self.layout;
        let claimed = l.district.map(|i| clean_id(row.get(i))).filter(|d| !d.is_empty());
        let claimed = claimed.and_then(|d| self.roster.districts.get(&DistrictId::parse(d)).map(|d| &d.id));
        let own = self.roster.precincts.get(&PrecinctId::parse(row.get(l.precinct))).map(|p| p.district.clone());
        let mut ds: Vec<DistrictId> = own.into_iter().chain(claimed.cloned()).collect();
        ds.sort();
        ds.dedup();
        if ds.is_empty() { Scope::All } else { Scope::Districts(ds) }
    }

    /// A finding about a row as a whole, blocking what [`RowReader::row_scope`] says.
    pub(super) fn of_row(&self, row: &RowCells, finding: Finding) -> Finding {
        let l = &self.layout;
        let mut f = finding.scoped(self.row_scope(row));
        if let Some(p) = self.roster.precincts.get(&PrecinctId::parse(row.get(l.precinct))) {
            f.precinct = Some(p.precinct_id());
            f.district = Some(p.district.clone());
        }
        f
    }

    pub(super) fn row(&mut self, row: &RowCells, sink: &mut dyn Sink) {
        let l = &self.layout;
        let raw = row.get(l.precinct);
        // A roster precinct is a precinct even when its id begins like a totals word (`Total-1`).
        if let Some(label) = totals_label(row, raw)
            && self.roster.precincts.find(clean_id(raw)).is_none()
        {
            return self.totals(row, &label, sink);
        }
        if row.cells.len() != l.width {
            let extra_blank = row.cells.iter().skip(l.width).all(|f| f.trim().is_empty());
            // A sheet's rows end at their last filled cell: short rows are read with blanks, never shifted.
            let short_sheet_row = self.origin.sheet.is_some() && row.cells.len() < l.width;
            if !(short_sheet_row || row.cells.len() > l.width && extra_blank) {
                let f = Finding::new(
                    Code::RaggedRow,
                    Some(self.origin.at(row.line, 0)),
                    Detail::RaggedRow { fields: row.cells.len() as u64, width: l.width as u64 },
                );
                return sink.finding(self.of_row(row, f));
            }
        }
        self.rows += 1;
        self.add_to_sums(row);
        let l = &self.layout;
        for &i in &l.unnamed {
            if !trim(row.get(i)).is_empty() {
                let f = Finding::new(
                    Code::UnknownColumn,
                    Some(self.at(row, i)),
                    Detail::CellWithoutHeader { cell: shorten(row.get(i).trim()) },
                );
                sink.finding(self.of_row(row, f));
            }
        }
        let claimed_raw = l.district.map_or("", |i| row.get(i));
        // A long file repeats the precinct (and its district) on every row of its protocol.
        let found = match &self.last {
            Some(last) if same(&last.precinct, raw) && same(&last.claimed, claimed_raw) => last.found,
            _ => {
                let found = self.resolve_precinct(row, raw, claimed_raw, sink);
                self.moved_to(raw, claimed_raw, found);
                found
            }
        };
        let Some((index, district)) = found else { return };
        let here = Here { index, district, roster: self.roster };
        self.entries.clear();
        self.unreadable.clear();
        match self.layout.shape {
            Shape::Wide => self.wide(row, &here, sink),
            Shape::Long => self.long(row, &here, sink),
        }
        if !self.layout.words.is_empty() {
            self.check_words(row, &here, sink);
        }
        sink.part(Part {
            precinct: here.index,
            district: here.district,
            line: row.line,
            entries: &self.entries,
            unreadable: &self.unreadable,
        });
    }

    /// Notes a row's precinct cells, and what they were found to be, as the last ones read.
    pub(super) fn moved_to(&mut self, raw: &str, claimed: &str, found: Option<(u32, u32)>) {
        match &mut self.last {
            Some(last) => {
                last.precinct.clear();
                last.precinct.push_str(raw);
                last.claimed.clear();
                last.claimed.push_str(claimed);
                last.found = found;
            }
            None => self.last = Some(LastPrecinct { precinct: raw.to_string(), claimed: claimed.to_string(), found }),
        }
    }

    /// Finds a row's precinct in the roster (reporting an unknown precinct, or one filed under another
    /// district, once per file): its place and its district's place.
    pub(super) fn resolve_precinct(
        &mut self,
        row: &RowCells,
        raw: &str,
        claimed_raw: &str,
        sink: &mut dyn Sink,
    ) -> Option<(u32, u32)> {
        let l = &self.layout;
        if trim(raw).is_empty() {
            let f = Finding::new(Code::BlankId, Some(self.at(row, l.precinct)), Detail::BlankPrecinct);
            sink.finding(self.of_row(row, f));
            return None;
        }
        // The district the row names, if any, cleaned as an id: compared with the precinct's as text.
        let claimed = Some(claimed_raw.trim()).filter(|d| !d.is_empty()).map(clean_id);
        // Returns usually follow the roster's order: the precinct after the previous one is tried first.
        let id = clean_id(raw);
        let precincts = &self.roster.precincts;
        // The first row of a file is tried as the roster's first precinct.
        let next = match &self.last {
            None => Some(0),
            Some(l) => l.found.map(|(i, _)| i + 1),
        };
        let found = match next.filter(|&i| (i as usize) < precincts.len() && precincts.at(i).id == id) {
            Some(i) => Some(i),
            None => precincts.find(id),
        };
        let Some(index) = found else {
            let precinct = PrecinctId::parse(raw);
            if self.unknown.insert(precinct.0.clone()) {
                let (column, long) = (l.precinct, l.shape == Shape::Long);
                let suggestion = self.suggest_precinct(&precinct);
                let unseen = suggestion.as_deref().and_then(|s| crate::model::unseen::between(precinct.as_str(), s));
                // It blocks the race the file names for it; with no district named, no race: when the roster is
                // right, the precinct it was meant to be is missing its protocol, so that race is incomplete anyway.
                let mut f = Finding::new(
                    Code::UnknownPrecinct,
                    Some(self.at(row, column)),
                    Detail::UnknownPrecinct { precinct: shorten(precinct.as_str()), suggestion, unseen, long },
                )
                .scoped(Scope::Districts(Vec::new()));
                if let Some(d) = claimed.map(DistrictId::parse).filter(|d| self.roster.districts.contains_key(d)) {
                    f = f.scoped(Scope::Districts(vec![d.clone()]));
                    f.district = Some(d);
                }
                f.precinct = Some(precinct);
                sink.finding(f);
            }
            return None;
        };
        let rp = self.roster.precincts.at(index);
        let district = rp.district;
        if let (Some(c), Some(i)) = (claimed, l.district)
            && c != district.as_str()
            && let c = DistrictId::parse(c)
            && self.misfiled.insert((rp.precinct_id(), c.clone()))
        {
            let precinct = rp.precinct_id();
            let at = Some(self.at(row, i));
            let f = if self.roster.districts.contains_key(&c) {
                Finding::new(
                    Code::WrongDistrict,
                    at,
                    Detail::WrongDistrict {
                        precinct: precinct.to_string(),
                        claimed: c.to_string(),
                        district: district.to_string(),
                    },
                )
                .at_precinct(district, &precinct)
                .also_blocks(&c)
            } else {
                Finding::new(
                    Code::UnknownDistrict,
                    at,
                    Detail::UnknownDistrict {
                        claimed: shorten(c.as_str()),
                        precinct: precinct.to_string(),
                        district: district.to_string(),
                        unseen: crate::model::unseen::between(c.as_str(), district.as_str()),
                        zeros_dropped: zeros_dropped(c.as_str(), district.as_str()),
                    },
                )
                .at_precinct(district, &precinct)
            };
            sink.finding(f);
        }
        Some((index, self.roster.precincts.district_index(index)))
    }

    /// A roster precinct whose id differs from `wanted` only by leading zeros, case or punctuation. The roster's
    /// ids are indexed once per file, so that many unknown precincts cost one pass, not one pass each.
    pub(super) fn suggest_precinct(&mut self, wanted: &PrecinctId) -> Option<String> {
        // Ids that differ by leading zeros, case, or characters that do not show (look-alike letters, a zero-width
        // space) are near.
        let strip = |s: &str| normalize(crate::model::unseen::skeleton(s).trim_start_matches('0'));
        let roster = self.roster;
        let near = self.near_ids.get_or_insert_with(|| {
            let mut m: HashMap<String, PrecinctId> = HashMap::new();
            for p in roster.precincts.iter() {
                let e = m.entry(strip(p.id)).or_insert_with(|| p.precinct_id());
                if natural_cmp(p.id, e.as_str()).is_lt() {
                    *e = p.precinct_id();
                }
            }
            m
        });
        near.get(&strip(wanted.as_str())).map(|p| p.to_string())
    }

    /// The k-th count cell of the row being read, as add_to_sums read it (or read now).
    pub(super) fn take_value(&mut self, k: usize, row: &RowCells, col: usize) -> Result<Option<Count>, BadNumber> {
        match self.row_values.get_mut(k) {
            Some(v) => std::mem::replace(v, Ok(None)),
            None => parse_count(row.get(col)),
        }
    }

    /// A cell already read as a count.
    pub(super) fn parsed_cell(
        &mut self,
        row: &RowCells,
        col: usize,
        item: Item,
        here: &Here,
        sink: &mut dyn Sink,
        parsed: Result<Option<Count>, BadNumber>,
    ) {
        match parsed {
            Ok(Some(value)) => self.entries.push(Entry { item, value, column: col as u32 + 1 }),
            Ok(None) => {}
            Err(e) => {
                let what = self.item_name(here, item);
                sink.finding(
                    Finding::new(e.code(), Some(self.at(row, col)), Detail::BadFigure { what, number: e })
                        .at_precinct(here.district_id(), &here.precinct()),
                );
                self.unreadable.push(item);
            }
        }
    }

    pub(super) fn item_name(&self, here: &Here, item: Item) -> Named {
        let none = Candidates::default();
        item.named(here.roster_district().map_or(&none, |d| &d.candidates))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn compares_texts_as_eq_does(a in "[ab1-]{0,40}", b in "[ab1-]{0,40}") {
            proptest::prop_assert_eq!(same(&a, &b), a == b);
            proptest::prop_assert!(same(&a, &a.clone()));
        }
    }
}
