//! What each column of a returns file means, from its header: the shape (wide or long), the precinct and
//! district columns, the protocol lines, the candidates, figures in words, and columns to read past.

use super::*;

impl Layout {
    pub(super) fn of(
        table: &Table,
        index: &CandidateIndex,
        options: &ReadOptions,
        sink: &mut dyn Sink,
    ) -> Option<Layout> {
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
        // "Did you mean" is worth its cost for the few headers a person mistyped, not for a broken file's thousands.
        const SUGGESTED: usize = 20;
        let mut suggested = 0;
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
                        format!(
                            "column \"{}\" gives a figure in words, but no column of its figure is found: name the \
                             line after it, or put the column right after its figure",
                            shorten(h)
                        ),
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
                    format!(
                        "column \"{}\" means the same as column {} (\"{}\"); each line or candidate may have one column",
                        shorten(h),
                        first + 1,
                        shorten(&table.header[first])
                    ),
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
        let is_long = layout.item != usize::MAX || layout.value != usize::MAX;
        if is_long {
            others.extend(layout.words.drain(..).map(|(i, _)| (i, table.header[i].clone())));
        }
        let ignore_hint =
            |h: &str| format!("read past it with --ignore-column \"{}\", or map it in --columns", shorten(h));
        if is_long {
            layout.shape = Shape::Long;
            let stray = others
                .into_iter()
                .chain(layout.candidates.drain(..))
                .chain(layout.lines.drain(..).map(|(i, l)| (i, l.key().to_string())));
            for (i, h) in stray {
                sink.finding(Finding::new(
                    Code::UnknownColumn,
                    at(i),
                    format!(
                        "column \"{}\" has no place in a long file (precinct_id, item, value and optionally district_id): \
                         put each line or candidate in the item column, or {}",
                        shorten(&h),
                        ignore_hint(&h)
                    ),
                ));
            }
        } else {
            for (i, h) in others {
                if index.is_candidate_anywhere(&h) {
                    layout.candidates.push((i, h));
                    continue;
                }
                suggested += 1;
                let hint = match index.suggest_column(&h).filter(|_| suggested <= SUGGESTED) {
                    Some(s) => format!("did you mean \"{s}? "),
                    None => String::new(),
                };
                sink.finding(Finding::new(
                    Code::UnknownColumn,
                    at(i),
                    format!(
                        "column \"{}\"{} is neither a protocol line nor a registered candidate; {hint}(or {})",
                        shorten(&h),
                        label_trouble(&h),
                        ignore_hint(&h)
                    ),
                ));
            }
            layout.candidates.sort();
        }
        if layout.precinct == usize::MAX {
            sink.finding(
                Finding::new(
                    Code::MissingColumn,
                    Some(table.at(table.header_line, 0)),
                    format!(
                        "no precinct_id column (or «№ участка», «Учаске»); the header is: {}",
                        shorten(&table.header.join(", "))
                    ),
                )
                .scoped(Scope::All),
            );
            return None;
        }
        if is_long && (layout.item == usize::MAX || layout.value == usize::MAX) {
            let (has, lacks) = if layout.item == usize::MAX { ("a value", "item") } else { ("an item", "value") };
            sink.finding(Finding::new(
                Code::MissingColumn,
                Some(table.at(table.header_line, 0)),
                format!(
                    "the header has {has} column but no {lacks} column: a long file needs precinct_id, item and value"
                ),
            ));
            return None;
        }
        Some(layout)
    }
}
