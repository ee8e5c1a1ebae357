//! Copies of a protocol: the parts of one precinct merged as they arrive, a long file's rows of a precinct kept
//! as one copy until the file ends, and two copies compared as whole units (identical: W301; different: E304).

use super::*;

impl Assembly {
    /// A part of another copy of a protocol already read: compared item by item as it arrives. A wide row is a
    /// whole copy and is settled at once; a long file's copy is settled when the file ends.
    pub(super) fn copy(&mut self, part: &Part<'_>, file: u32, long: bool) {
        let row = Place { file, line: part.line, column: part.entries.first().map_or(0, |e| e.column) };
        let mut copy = self.copying.remove(&part.precinct).unwrap_or(CopyInProgress { at: row, ..Default::default() });
        let mut scratch = Draft::default();
        if let Some(first) = self.draft_in(part.precinct, &mut scratch) {
            for e in part.entries {
                let other = (Some(e.value), Place { file, line: part.line, column: e.column });
                match first.cells.iter().find(|c| c.0 == e.item) {
                    Some(&(_, v, _)) if v == e.value => copy.same.push(e.item),
                    Some(&(_, v, at)) => copy.differs.push(Difference { item: e.item, first: (Some(v), at), other }),
                    None => copy.differs.push(Difference { item: e.item, first: (None, first.at), other }),
                }
            }
        }
        // A cell that could not be read is reported already; it is not also a difference.
        copy.same.extend_from_slice(part.unreadable);
        if long {
            self.copying.insert(part.precinct, copy);
        } else {
            self.settle(part.precinct, copy);
        }
    }

    /// Settles the copies of the file that ends.
    pub(super) fn compare_copies(&mut self) {
        let mut copying: Vec<(u32, CopyInProgress)> = self.copying.drain().collect();
        copying.sort_by_key(|(p, _)| *p);
        for (precinct, copy) in copying {
            self.settle(precinct, copy);
        }
    }

    /// Settles a whole copy of a precinct's protocol: identical (noted as a copy, counted once), or different
    /// in some item (a conflict, which blocks the race).
    pub(super) fn settle(&mut self, precinct: u32, mut copy: CopyInProgress) {
        let Some(slot) = self.slots.get(precinct as usize).copied() else { return };
        // What the protocol gives that the copy does not.
        let mut scratch = Draft::default();
        let Some(first) = self.draft_in(precinct, &mut scratch) else { return };
        for &(item, v, at) in &first.cells {
            if !copy.same.contains(&item) && !copy.differs.iter().any(|d| d.item == item) {
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
    pub(super) fn reopen(&mut self, precinct: u32, at: Place) {
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

    /// The values of a packed protocol, with their places (see [`packing`]).
    fn unpack<'b>(&self, slot: &Slot, mut bytes: &'b [u8]) -> impl Iterator<Item = (Item, Count, Place)> + 'b {
        let value_column = self.files.get(slot.file as usize).and_then(|f| f.value_column);
        let (file, line) = (slot.file, slot.line);
        let mut previous: Option<u64> = None;
        std::iter::from_fn(move || {
            let (code, mut rest) = packing::take(bytes)?;
            let pos = match (code & 1, previous) {
                (1, Some(p)) => p.checked_add(1)?,
                _ => {
                    let (pos, after) = packing::take(rest)?;
                    rest = after;
                    pos
                }
            };
            let (value, rest) = packing::take(rest)?;
            (bytes, previous) = (rest, Some(pos));
            let item = match usize::try_from(code >> 1).unwrap_or(usize::MAX) {
                k if k < Line::ALL.len() => Item::Line(Line::ALL[k]),
                k => Item::Candidate(u16::try_from(k - Line::ALL.len()).unwrap_or(u16::MAX)),
            };
            let pos = u32::try_from(pos).unwrap_or(u32::MAX);
            let at = match value_column {
                Some(column) => Place { file, line: line.saturating_add(pos), column },
                None => Place { file, line, column: pos },
            };
            Some((item, Count(value), at))
        })
    }

    /// Packs the open protocol when it can be, or keeps it whole.
    pub(super) fn close(&mut self) {
        let Some(precinct) = self.open.take() else { return };
        let draft = &self.draft;
        for (item, _, _) in &draft.cells {
            self.positions[item.code()] = 0;
        }
        let p = precinct as usize;
        let value_column = self.files.get(draft.at.file as usize).and_then(|f| f.value_column);
        // A value's place is kept as its distance from the protocol's first row (a long file) or its column (a
        // wide file): a value elsewhere (another line of a wide file, another column of a long one) is not.
        let pos = |at: &Place| match value_column {
            Some(c) if at.column == c && at.line >= draft.at.line => Some(at.line - draft.at.line),
            None if at.line == draft.at.line => Some(at.column),
            _ => None,
        };
        let simple = self.slots[p].state == SlotState::Empty
            && draft.unreadable.is_empty()
            && draft.copy_at.is_none()
            && draft.conflicts.is_empty()
            && draft.cells.iter().all(|c| c.2.file == draft.at.file && pos(&c.2).is_some());
        let start = self.packed.len();
        if simple {
            let mut previous: Option<u32> = None;
            for (item, value, at) in &draft.cells {
                let place = pos(at).unwrap_or_default();
                let follows = previous.is_some_and(|p| p.checked_add(1) == Some(place));
                packing::put(&mut self.packed, (item.code() as u64) << 1 | u64::from(follows));
                if !follows {
                    packing::put(&mut self.packed, u64::from(place));
                }
                packing::put(&mut self.packed, value.0);
                previous = Some(place);
            }
            if let (Ok(start), Ok(len)) = (u32::try_from(start), u16::try_from(self.packed.len() - start)) {
                self.slots[p] = Slot { state: SlotState::Packed, start, len, file: draft.at.file, line: draft.at.line };
                return;
            }
            self.packed.truncate(start);
        }
        self.slots[p] = Slot { state: SlotState::Draft, file: draft.at.file, line: draft.at.line, ..Slot::default() };
        self.drafts.insert(precinct, std::mem::take(&mut self.draft));
    }

    /// A precinct's protocol as read, `None` when no part of it arrived; a packed one is unpacked into
    /// `scratch`, whose memory serves the next precinct (a million protocols are checked one after another).
    pub(super) fn draft_in<'s>(&'s self, precinct: u32, scratch: &'s mut Draft) -> Option<&'s Draft> {
        let slot = self.slots.get(precinct as usize)?;
        match slot.state {
            SlotState::Empty => None,
            SlotState::Draft => self.drafts.get(&precinct),
            SlotState::Packed => {
                let range = slot.start as usize..slot.start as usize + usize::from(slot.len);
                scratch.cells.clear();
                scratch.cells.extend(self.unpack(slot, &self.packed[range]));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Entry;

    fn entry(item: Item, value: u64, column: u32) -> Entry {
        Entry { item, value: Count(value), column }
    }

    /// Feeds precinct 0's rows, then one row of precinct 1 (which closes 0); gives 0's cells as kept.
    fn kept(value_column: Option<u32>, rows: &[(u32, Vec<Entry>)]) -> (SlotState, Vec<(Item, Count, Place)>) {
        let mut a = Assembly::new(2);
        a.file(&Origin::file(&Arc::from("r.csv")), value_column, &[]);
        for (line, entries) in rows {
            a.part(Part { precinct: 0, district: 0, line: *line, entries, unreadable: &[] });
        }
        let other = [entry(Item::Line(Line::BallotsIssued), 1, 1)];
        a.part(Part { precinct: 1, district: 0, line: 99, entries: &other, unreadable: &[] });
        let state = a.slots[0].state;
        let mut scratch = Draft::default();
        let cells = a.draft_in(0, &mut scratch).map(|d| d.cells.clone()).unwrap_or_default();
        (state, cells)
    }

    #[test]
    fn a_plain_protocol_is_packed_and_unpacked_to_the_same_places() {
        let issued = Item::Line(Line::BallotsIssued);
        let against = Item::Line(Line::AgainstAll);
        // Wide: one row, a column per item.
        let (state, cells) = kept(None, &[(2, vec![entry(issued, 100, 3), entry(against, 5, 7)])]);
        assert_eq!(state, SlotState::Packed);
        let at = |line, column| Place { file: 0, line, column };
        assert_eq!(cells, vec![(issued, Count(100), at(2, 3)), (against, Count(5), at(2, 7))]);
        // Long: a row per item, the value in column 4.
        let (state, cells) = kept(Some(4), &[(2, vec![entry(issued, 100, 4)]), (3, vec![entry(against, 5, 4)])]);
        assert_eq!(state, SlotState::Packed);
        assert_eq!(cells, vec![(issued, Count(100), at(2, 4)), (against, Count(5), at(3, 4))]);
        // Any figure packs, up to the largest count, and so do far places.
        let (state, cells) = kept(None, &[(2, vec![entry(issued, 1 << 40, 3), entry(against, u64::MAX, 70_000)])]);
        assert_eq!(state, SlotState::Packed);
        assert_eq!(cells, vec![(issued, Count(1 << 40), at(2, 3)), (against, Count(u64::MAX), at(2, 70_000))]);
        // A protocol whose packed values would pass 65,535 bytes (20,000 candidates) is kept whole.
        let many: Vec<Entry> = (0..20_000u16).map(|k| entry(Item::Candidate(k), 1000, u32::from(k) + 1)).collect();
        let (state, cells) = kept(None, &[(2, many.clone())]);
        assert_eq!(state, SlotState::Draft);
        assert_eq!(cells, many.iter().map(|e| (e.item, e.value, at(2, e.column))).collect::<Vec<_>>());
        // A value off the value column of a long file has a place of its own: the protocol is kept whole.
        let (state, cells) = kept(Some(4), &[(2, vec![entry(issued, 100, 4)]), (3, vec![entry(against, 5, 5)])]);
        assert_eq!(state, SlotState::Draft);
        assert_eq!(cells, vec![(issued, Count(100), at(2, 4)), (against, Count(5), at(3, 5))]);
    }

    #[test]
    fn packed_numbers_read_back_as_written() {
        let numbers = [0, 1, 127, 128, 300, 16_383, 16_384, u64::from(u32::MAX), u64::MAX - 1, u64::MAX];
        let mut bytes = Vec::new();
        for &n in &numbers {
            packing::put(&mut bytes, n);
        }
        // One byte below 128, two below 16,384, ten for the largest.
        assert_eq!(bytes.len(), 1 + 1 + 1 + 2 + 2 + 2 + 3 + 5 + 10 + 10);
        let mut rest = &bytes[..];
        for &n in &numbers {
            let (m, r) = packing::take(rest).expect("a number");
            assert_eq!(m, n);
            rest = r;
        }
        assert!(rest.is_empty());
        // Bytes that end inside a number, or a number longer than 64 bits, are not read as one.
        assert_eq!(packing::take(&[0x80]), None);
        assert_eq!(packing::take(&[0xff; 11]), None);
        let mut past_64_bits = vec![0xff; 9];
        past_64_bits.push(0x02);
        assert_eq!(packing::take(&past_64_bits), None);
    }
}
