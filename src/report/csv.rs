//! Results as CSV: one row per district and candidate, district figures repeated on each row.

use crate::decide::DistrictResult;
use crate::model::Count;
use crate::report::fraction6;

/// Makes a cell safe to open in a spreadsheet: a cell that would run as a formula gets a leading `'`.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

fn count(c: Option<Count>) -> String {
    c.map(|c| c.0.to_string()).unwrap_or_default()
}

/// Renders the results as CSV (UTF-8, `,`, LF).
pub fn results(districts: &[DistrictResult]) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let header = [
        "district_id",
        "district_name",
        "status",
        "winner",
        "precincts_reporting",
        "precincts_total",
        "voters_on_list",
        "ballots_issued",
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
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for d in districts {
        for c in &d.candidates {
            rows.push(vec![
                d.district_id.to_string(),
                d.district_name.clone(),
                d.status.to_string(),
                d.winner.as_ref().map(|w| w.to_string()).unwrap_or_default(),
                d.precincts_reporting.to_string(),
                d.precincts_total.to_string(),
                count(d.voters_on_list),
                count(d.ballots_issued),
                d.turnout.as_ref().map(fraction6).unwrap_or_default(),
                count(d.ballots_invalid),
                count(d.against_all),
                count(d.valid_votes),
                c.rank.to_string(),
                c.candidate_id.to_string(),
                c.candidate_name.clone(),
                c.nominated_by.clone(),
                c.votes.to_string(),
                c.share.as_ref().map(fraction6).unwrap_or_default(),
            ]);
        }
    }
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| neutralise(c)));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
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
}
