//! Totals rows («Итого», «Барлығы», "Total"): recognised by their first word, checked against the sums of the
//! rows above them, never counted.

use super::*;

/// Words that start a totals row, normalised.
const TOTALS: &[&str] = &["итого", "всего", "барлығы", "барлыгы", "жиыны", "total", "totals"];

/// Whether a row is a totals row: its precinct cell (or first non-blank cell) starts with a totals word.
pub(super) fn totals_label(row: &RowCells, precinct_cell: &str) -> Option<String> {
    let cell = match trim(precinct_cell) {
        "" => row.cells.iter().map(str::trim).find(|c| !c.is_empty())?,
        c => c,
    };
    // Every totals word starts with one of these letters (in either case); most cells, ids and numbers, do not.
    // A first letter outside ASCII may be an unusual form of one of them, and is looked at closely.
    let first = cell.chars().next()?;
    if first.is_ascii() && !matches!(first, 't' | 'T') {
        return None;
    }
    // Every totals word has 5 to 7 letters: only such a first word is worth normalising (this runs on every row).
    let word = cell.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    if !(5..=7).contains(&word.chars().count()) || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    TOTALS.contains(&normalize(word).as_str()).then(|| cell.to_string())
}

/// Whether a cell is a totals word and nothing more («Итого», "TOTAL:"): a precinct may not be called so, since a
/// totals row of the returns would be taken for its protocol.
pub(crate) fn is_a_totals_word(cell: &str) -> bool {
    // No totals word has a digit, and normalising keeps ASCII digits: an id with one (nearly every id) is not
    // normalised at all.
    if cell.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    TOTALS.contains(&normalize(cell).trim_matches(|c: char| !c.is_alphanumeric()))
}

impl RowReader<'_> {
    /// Adds a row's cells to the running sums of its columns (wide) or of its item (long).
    pub(super) fn add_to_sums(&mut self, row: &RowCells) {
        match self.layout.shape {
            Shape::Wide => {
                if self.wide_sums.is_empty() {
                    let l = &self.layout;
                    self.wide_sums = l
                        .lines
                        .iter()
                        .map(|(_, line)| line.key())
                        .chain(l.candidates.iter().map(|(_, label)| label.as_str()))
                        .map(|label| Sum { label: label.to_string(), ..Sum::default() })
                        .collect();
                }
                self.row_values.clear();
                for (s, &i) in self.wide_sums.iter_mut().zip(&self.count_columns) {
                    let parsed = parse_count(row.get(i));
                    s.add(&parsed);
                    self.row_values.push(parsed);
                }
            }
            Shape::Long => {
                let k = self.item_slot(trim(row.get(self.layout.item)));
                self.row_slot = k;
                let parsed = parse_count(row.get(self.layout.value));
                self.items[k].sum.add(&parsed);
                self.row_values.clear();
                self.row_values.push(parsed);
            }
        }
    }

    /// Checks a totals row against the sums of the rows above it (since the previous totals row).
    pub(super) fn totals(&mut self, row: &RowCells, label: &str, sink: &mut dyn Sink) {
        self.totals_rows.push(row.line);
        let long_slot = match self.layout.shape {
            Shape::Long => {
                let item = row.get(self.layout.item).trim();
                self.item_slots.get(item).copied()
            }
            Shape::Wide => None,
        };
        let checks: Vec<(usize, Option<&Sum>)> = match self.layout.shape {
            Shape::Wide => self.count_columns.iter().enumerate().map(|(k, &i)| (i, self.wide_sums.get(k))).collect(),
            Shape::Long => vec![(self.layout.value, long_slot.map(|k| &self.items[k].sum))],
        };
        for (col, sum) in checks {
            let Ok(Some(said)) = parse_count(row.get(col)) else { continue };
            let (sum, known, what) = match sum {
                Some(s) => (s.total, !s.unknown, s.label.as_str()),
                None => (0, true, row.get(col)),
            };
            if known && sum != u128::from(said.0) {
                sink.finding(Finding::new(
                    Code::TotalsDisagree,
                    Some(self.at(row, col)),
                    Detail::TotalsDisagree { label: shorten(label), said, what: shorten(what), sum },
                ));
            }
        }
        match self.layout.shape {
            Shape::Wide => self.wide_sums.clear(),
            Shape::Long => {
                if let Some(k) = long_slot {
                    let s = &mut self.items[k].sum;
                    (s.total, s.unknown) = (0, false);
                }
            }
        }
    }
}
