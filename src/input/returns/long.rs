//! A long file: a row per precinct and item. Items are found by their text (the one that followed the previous
//! item last time first), and what a candidate item names is kept per district.

use super::*;

/// How many distinct item texts are looked up by comparing with the latest ones before hashing.
const RECENT_ITEMS: usize = 32;

impl RowReader<'_> {
    /// The slot of an item text of a long file.
    pub(super) fn item_slot(&mut self, item: &str) -> usize {
        // The items of a protocol come in the same order from one precinct to the next: the one that followed
        // the previous item last time is tried first.
        let guess = self.last_slot.and_then(|k| self.items[k].next);
        let k = match guess.filter(|&g| same(&self.items[g].text, item)) {
            Some(g) => g,
            None => self.find_slot(item),
        };
        if let Some(prev) = self.last_slot {
            self.items[prev].next = Some(k);
        }
        self.last_slot = Some(k);
        k
    }

    pub(super) fn find_slot(&mut self, item: &str) -> usize {
        if let Some(&k) = self.recent_items.iter().find(|&&k| self.items[k].text == item) {
            return k;
        }
        let k = match self.item_slots.get(item) {
            Some(&k) => k,
            None => {
                let k = self.items.len();
                self.items.push(ItemText {
                    next: None,
                    in_district: None,
                    text: item.to_string(),
                    line: header::line_of_item(item),
                    sum: Sum { label: item.to_string(), ..Sum::default() },
                });
                self.item_slots.insert(item.to_string(), k);
                k
            }
        };
        if self.recent_items.len() == RECENT_ITEMS {
            self.recent_items.remove(0);
        }
        self.recent_items.push(k);
        k
    }

    pub(super) fn long(&mut self, row: &RowCells, here: &Here, sink: &mut dyn Sink) {
        let (ic, vc) = (self.layout.item, self.layout.value);
        // Found by add_to_sums for this row, with its text trimmed.
        let slot = self.row_slot;
        if self.items[slot].text.is_empty() {
            return sink.finding(
                Finding::new(Code::BlankId, Some(self.at(row, ic)), Detail::BlankItem)
                    .at_precinct(here.district_id(), &here.precinct()),
            );
        }
        if let Some(line) = self.items[slot].line {
            let parsed = self.take_value(0, row, vc);
            return self.parsed_cell(row, vc, Item::Line(line), here, sink, parsed);
        }
        let item = trim(row.get(ic));
        // Rows of one district come together: the item's meaning in the district of its last row is kept with it,
        // and found again only when the district changes (a scan of the district's few candidates for a label
        // written as the roster writes it).
        let resolved = match self.items[slot].in_district {
            Some((d, k)) if d == here.district => k,
            _ => {
                let k = here.roster_district().and_then(|d| self.index.resolve_at(d, item)).map(|(k, _)| k);
                self.items[slot].in_district = Some((here.district, k));
                k
            }
        };
        match resolved {
            Some(k) => {
                let parsed = self.take_value(0, row, vc);
                self.parsed_cell(row, vc, Item::Candidate(k), here, sink, parsed)
            }
            None if self.index.is_candidate_anywhere(item) => self.foreign(row, vc, item, here, sink),
            None => {
                let suggestion = self.index.suggest_in(here.district_id(), item);
                sink.finding(
                    Finding::new(
                        Code::UnregisteredCandidate,
                        Some(self.at(row, ic)),
                        Detail::UnknownItem {
                            item: shorten(item),
                            trouble: label_trouble(item),
                            district: here.district_id().to_string(),
                            suggestion,
                        },
                    )
                    .at_precinct(here.district_id(), &here.precinct()),
                );
            }
        }
    }
}
