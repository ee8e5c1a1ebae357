//! What each column of a returns file means, from its header: the shape (wide or long), the precinct and
//! district columns, the protocol lines, the candidates, figures in words, and columns to read past.

use super::*;

impl Layout {
    /// What each column of a file means; `None` (with its errors) when the file cannot be read as returns.
    pub(super) fn of(
        table: &Table,
        index: &CandidateIndex,
        options: &ReadOptions,
        sink: &mut dyn Sink,
    ) -> Option<Layout> {
        let (mut layout, others) = Layout::named(table, options, sink);
        let is_long = layout.item != usize::MAX || layout.value != usize::MAX;
        if is_long {
            layout.as_long(table, others, sink);
        } else {
            layout.as_wide(table, others, index, sink);
        }
        layout.has_what_it_needs(table, sink).then_some(layout)
    }

    /// What each header names, by the user's mapping or the known names, with the columns of figures in words;
    /// and the other columns, decided once the shape is known. A repeated meaning is an E108.
    fn named(table: &Table, options: &ReadOptions, sink: &mut dyn Sink) -> (Layout, Vec<(usize, String)>) {
        let at = |col: usize| Some(table.at(table.header_line, col as u32 + 1));
        let mut layout = Layout {
            shape: Shape::Wide,
            width: table.header.len(),
            district: None,
            precinct: usize::MAX,
            item: usize::MAX,
            value: usize::MAX,
            lines: Vec::new(),
            candidates: Vec::new(),
            unnamed: Vec::new(),
            words: Vec::new(),
        };
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut others: Vec<(usize, String)> = Vec::new();
        for (i, h) in table.header.iter().enumerate() {
            if h.is_empty() {
                layout.unnamed.push(i);
                continue;
            }
            // A column that repeats a figure in words: after its figure («прописью», «жазбаша»), or naming it.
            if let Some(rest) = words_header(&normalize(h)) {
                let named = |j: &usize| {
                    *j != i && {
                        let other = &table.header[*j];
                        normalize(other) == rest || (classify(&rest).is_some() && classify(other) == classify(&rest))
                    }
                };
                let figure = if rest.is_empty() { i.checked_sub(1) } else { (0..table.header.len()).find(named) };
                match figure {
                    Some(j) => layout.words.push((i, j)),
                    None => sink.finding(Finding::new(
                        Code::UnknownColumn,
                        at(i),
                        Detail::WordsWithoutFigure { header: shorten(h) },
                    )),
                }
                continue;
            }
            let meaning = options.meaning(h);
            let key = match &meaning {
                Some(Mapped::Ignore) | Some(Mapped::Column(Column::Info)) => continue,
                Some(Mapped::Column(c)) => format!("{c:?}"),
                Some(Mapped::Candidate(c)) => format!("candidate:{}", normalize(c)),
                None => format!("candidate:{}", normalize(h)),
            };
            if let Some(first) = seen.insert(key, i) {
                sink.finding(Finding::new(
                    Code::DuplicateColumn,
                    at(i),
                    Detail::DuplicateColumn {
                        header: shorten(h),
                        first_column: first as u64 + 1,
                        first_header: shorten(&table.header[first]),
                    },
                ));
                continue;
            }
            match meaning {
                Some(Mapped::Column(Column::District)) => layout.district = Some(i),
                Some(Mapped::Column(Column::Precinct)) => layout.precinct = i,
                Some(Mapped::Column(Column::Item)) => layout.item = i,
                Some(Mapped::Column(Column::Value)) => layout.value = i,
                Some(Mapped::Column(Column::Line(l))) => layout.lines.push((i, l)),
                Some(Mapped::Candidate(c)) => layout.candidates.push((i, c)),
                // Decided below, once the shape is known: in a long file any other column is unknown.
                _ => others.push((i, h.clone())),
            }
        }
        (layout, others)
    }

    /// A long file: any column but the precinct, district, item and value ones is unknown.
    fn as_long(&mut self, table: &Table, mut others: Vec<(usize, String)>, sink: &mut dyn Sink) {
        let at = |col: usize| Some(table.at(table.header_line, col as u32 + 1));
        others.extend(self.words.drain(..).map(|(i, _)| (i, table.header[i].clone())));
        self.shape = Shape::Long;
        let stray = others
            .into_iter()
            .chain(self.candidates.drain(..))
            .chain(self.lines.drain(..).map(|(i, l)| (i, l.key().to_string())));
        for (i, h) in stray {
            sink.finding(Finding::new(Code::UnknownColumn, at(i), Detail::NoPlaceInLong { header: shorten(&h) }));
        }
    }

    /// A wide file: another column is a registered candidate's, or unknown (with a "did you mean").
    fn as_wide(&mut self, table: &Table, others: Vec<(usize, String)>, index: &CandidateIndex, sink: &mut dyn Sink) {
        let at = |col: usize| Some(table.at(table.header_line, col as u32 + 1));
        // "Did you mean" is worth its cost for the few headers a person mistyped, not for a broken file's thousands.
        const SUGGESTED: usize = 20;
        let mut suggested = 0;
        for (i, h) in others {
            if index.is_candidate_anywhere(&h) {
                self.candidates.push((i, h));
                continue;
            }
            suggested += 1;
            let suggestion = index.suggest_column(&h).filter(|_| suggested <= SUGGESTED);
            sink.finding(Finding::new(
                Code::UnknownColumn,
                at(i),
                Detail::UnknownColumn { header: shorten(&h), trouble: label_trouble(&h), suggestion },
            ));
        }
        self.candidates.sort();
    }

    /// Whether the file names its precincts, and a long file its items and values; each lack is an error.
    fn has_what_it_needs(&self, table: &Table, sink: &mut dyn Sink) -> bool {
        let layout = self;
        if layout.precinct == usize::MAX {
            sink.finding(
                Finding::new(
                    Code::MissingColumn,
                    Some(table.at(table.header_line, 0)),
                    Detail::NoPrecinctColumn { header: shorten(&table.header.join(", ")) },
                )
                .scoped(Scope::All),
            );
            return false;
        }
        if layout.shape == Shape::Long && (layout.item == usize::MAX || layout.value == usize::MAX) {
            sink.finding(Finding::new(
                Code::MissingColumn,
                Some(table.at(table.header_line, 0)),
                Detail::LongLacks { lacks_item: layout.item == usize::MAX },
            ));
            return false;
        }
        true
    }
}
