//! A wide file: a row per precinct, a column per protocol line and candidate.

use super::*;

impl RowReader<'_> {
    pub(super) fn wide(&mut self, row: &RowCells, here: &Here, sink: &mut dyn Sink) {
        for k in 0..self.layout.lines.len() {
            let (i, line) = self.layout.lines[k];
            let parsed = self.take_value(k, row, i);
            self.parsed_cell(row, i, Item::Line(line), here, sink, parsed);
        }
        // Which candidate each column is, in this district: resolved once per district, not per row.
        if self.district_columns.as_ref().is_none_or(|(d, _)| *d != here.district) {
            let resolved = match self.columns.get(&here.district) {
                Some(r) => r.clone(),
                None => {
                    let r: Vec<Option<u16>> = self
                        .layout
                        .candidates
                        .iter()
                        .map(|(_, label)| {
                            here.roster_district().and_then(|d| self.index.resolve_at(d, label)).map(|(k, _)| k)
                        })
                        .collect();
                    self.columns.insert(here.district, r.clone());
                    r
                }
            };
            self.district_columns = Some((here.district, resolved));
        }
        let lines = self.layout.lines.len();
        for k in 0..self.layout.candidates.len() {
            let i = self.layout.candidates[k].0;
            let named = self.district_columns.as_ref().and_then(|(_, r)| r.get(k).copied().flatten());
            match named {
                Some(c) => {
                    let parsed = self.take_value(lines + k, row, i);
                    self.parsed_cell(row, i, Item::Candidate(c), here, sink, parsed)
                }
                None => {
                    let label = self.layout.candidates[k].1.clone();
                    self.foreign(row, i, &label, here, sink)
                }
            }
        }
    }

    /// A value under a candidate who is not registered in the precinct's district: blank is right, zero is
    /// harmless, anything else is an error.
    pub(super) fn foreign(&self, row: &RowCells, col: usize, label: &str, here: &Here, sink: &mut dyn Sink) {
        let cell = row.get(col);
        match parse_count(cell) {
            Ok(None) => {}
            Ok(Some(Count(0))) => sink.finding(
                Finding::new(
                    Code::OtherDistrictZero,
                    Some(self.at(row, col)),
                    Detail::OtherDistrictZero {
                        label: shorten(label),
                        district: here.district_id().to_string(),
                        precinct: here.precinct_id().to_string(),
                    },
                )
                .at_precinct(here.district_id(), &here.precinct()),
            ),
            _ => {
                let suggestion = self.index.suggest_in(here.district_id(), label);
                sink.finding(
                    Finding::new(
                        Code::UnregisteredCandidate,
                        Some(self.at(row, col)),
                        Detail::UnregisteredCandidate {
                            label: shorten(label),
                            cell: shorten(cell.trim()),
                            district: here.district_id().to_string(),
                            precinct: here.precinct_id().to_string(),
                            suggestion,
                        },
                    )
                    .at_precinct(here.district_id(), &here.precinct()),
                )
            }
        }
    }
}
