//! Results as CSV: one row per district and candidate (district figures repeated on each row), or one row per
//! precinct and candidate. Plain CSV is UTF-8 with `,`; the Excel flavour is UTF-8 with a BOM and `;`, which a
//! Russian-locale Excel opens correctly on a double click. No cell can run as a formula.

use std::io::{self, Write};

use crate::model::{Count, Line, Roster};
use crate::protocol::{PrecinctReturn, PrecinctState};
use crate::report::{DistrictResults, batches, fraction6};

/// Makes a cell safe to open in a spreadsheet: a cell that would run as a formula gets a leading `'`.
pub fn neutralise(cell: &str) -> String {
    neutral(cell).into_owned()
}

/// [`neutralise`], copying only a cell that changes.
fn neutral(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

fn count(c: Option<Count>) -> String {
    c.map(|c| c.0.to_string()).unwrap_or_default()
}

/// A CSV document written a row at a time, every cell neutralised: a million precincts' rows are never held
/// as cells.
struct Document<W: Write> {
    w: csv::Writer<W>,
}

impl<W: Write> Document<W> {
    fn new(mut out: W, header: &[&str], excel: bool) -> io::Result<Self> {
        // The Excel flavour starts with a byte-order mark.
        if excel {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let w = csv::WriterBuilder::new()
            .delimiter(if excel { b';' } else { b',' })
            .terminator(if excel { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
            .from_writer(out);
        let mut d = Document { w };
        d.row(header.iter().copied())?;
        Ok(d)
    }

    fn row<'c>(&mut self, cells: impl IntoIterator<Item = &'c str>) -> io::Result<()> {
        for c in cells {
            self.w.write_field(neutral(c).as_bytes())?;
        }
        self.w.write_record(None::<&[u8]>)?;
        Ok(())
    }

    fn finish(self) -> io::Result<W> {
        self.w.into_inner().map_err(|e| e.into_error())
    }
}

/// Writes a header and rows as CSV, every cell neutralised.
pub fn write(header: &[&str], rows: &[Vec<String>], excel: bool) -> String {
    let text = || -> io::Result<Vec<u8>> {
        let mut d = Document::new(Vec::new(), header, excel)?;
        for r in rows {
            d.row(r.iter().map(String::as_str))?;
        }
        d.finish()
    };
    // Writing into memory cannot fail.
    String::from_utf8(text().unwrap_or_default()).unwrap_or_default()
}

/// The results as CSV: one row per district and candidate.
pub fn results(districts: &(impl DistrictResults + ?Sized), excel: bool) -> String {
    let header = [
        "district_id",
        "district_name",
        "status",
        "reason",
        "winner",
        "winner_name",
        "precincts_reporting",
        "precincts_total",
        "missing_precincts",
        "voters_on_list",
        "ballots_issued",
        "ballots_in_box",
        "turnout",
        "ballots_invalid",
        "against_all",
        "valid_votes",
        "rank",
        "candidate_id",
        "candidate_name",
        "nominated_by",
        "votes",
        "share",
        "fee_refunded",
    ];
    // Written a row at a time, the races a batch at a time: 50,000 races are 200,000 rows of 23 cells, never held
    // as cells, and their results are decided as they are written when `districts` are races to decide.
    let text = || -> io::Result<Vec<u8>> {
        let mut doc = Document::new(Vec::new(), &header, excel)?;
        for batch in batches(districts.count()) {
            for d in districts.batch(batch).iter() {
                // The district's figures, repeated on each of its candidates' rows.
                let race = [
                    d.district_id.to_string(),
                    d.district_name.clone(),
                    d.status.to_string(),
                    d.reason.map(|r| r.as_str().to_string()).unwrap_or_default(),
                    d.winner.as_ref().map(|w| w.to_string()).unwrap_or_default(),
                    d.winner_name.clone().unwrap_or_default(),
                    d.precincts_reporting.to_string(),
                    d.precincts_total.to_string(),
                    d.missing_precincts.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(" "),
                    count(d.voters_on_list),
                    count(d.ballots_issued),
                    count(d.ballots_in_box),
                    d.turnout.as_ref().map(fraction6).unwrap_or_default(),
                    count(d.ballots_invalid),
                    count(d.against_all),
                    count(d.valid_votes),
                ];
                for c in &d.candidates {
                    let candidate = [
                        c.rank.map(|r| r.to_string()).unwrap_or_default(),
                        c.candidate_id.to_string(),
                        c.candidate_name.clone(),
                        c.nominated_by.clone(),
                        count(c.votes),
                        c.share.as_ref().map(fraction6).unwrap_or_default(),
                        c.fee_refunded.map(|f| f.to_string()).unwrap_or_default(),
                    ];
                    doc.row(race.iter().chain(&candidate).map(String::as_str))?;
                }
            }
        }
        doc.finish()
    };
    // Writing into memory cannot fail.
    String::from_utf8(text().unwrap_or_default()).unwrap_or_default()
}

/// Writes the figures of every precinct: one row per precinct and candidate, with the precinct's lines repeated.
/// Annulled and missing precincts have a row with their state and no figures.
pub fn precincts(out: &mut dyn Write, roster: &Roster, protocols: &[PrecinctReturn], excel: bool) -> io::Result<()> {
    let header = [
        "district_id",
        "district_name",
        "precinct_id",
        "state",
        "voters_on_list",
        "ballots_issued",
        "ballots_invalid",
        "against_all",
        "candidate_id",
        "candidate_name",
        "votes",
    ];
    let mut doc = Document::new(out, &header, excel)?;
    for p in protocols {
        let Some(d) = roster.districts.get(&p.district) else { continue };
        let state = match p.state {
            PrecinctState::Counted => "counted",
            PrecinctState::Annulled => "annulled",
            PrecinctState::Missing => "missing",
        };
        let issued = p.whole(Line::BallotsIssued);
        let voters =
            p.line(Line::VotersOnList).or_else(|| roster.precincts.get(&p.precinct).and_then(|r| r.voters_on_list));
        let figures = [voters, issued, p.line(Line::BallotsInvalid), p.line(Line::AgainstAll)].map(count);
        let base = [d.id.as_str(), d.name.as_str(), p.precinct.as_str(), state];
        let base = || base.into_iter().chain(figures.iter().map(String::as_str));
        if p.state != PrecinctState::Counted {
            doc.row(base().chain(["", "", ""]))?;
            continue;
        }
        for (k, c) in d.candidates.iter().enumerate() {
            let votes = count(p.votes_for(k));
            doc.row(base().chain([c.id, c.name, votes.as_str()]))?;
        }
    }
    doc.finish()?.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formulas() {
        assert_eq!(neutralise("=HYPERLINK(\"http://x\",\"y\")"), "'=HYPERLINK(\"http://x\",\"y\")");
        for s in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(s).starts_with('\''), "{s}");
        }
        assert_eq!(neutralise("Әлиев"), "Әлиев");
    }

    #[test]
    fn writes_the_excel_flavour() {
        let text = write(&["a", "b"], &[vec!["1".into(), "=2".into()]], true);
        assert_eq!(text, "\u{feff}a;b\r\n1;'=2\r\n");
        assert_eq!(write(&["a", "b"], &[vec!["1".into(), "x,y".into()]], false), "a,b\n1,\"x,y\"\n");
    }
}
