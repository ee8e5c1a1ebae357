//! Blank returns sheets for the commission to fill in: per district, a row per precinct, the protocol lines and a
//! column per candidate, with headers that akim-tally reads back without options.

use crate::model::{District, Line, Roster};
use crate::report::csv::write;
use crate::report::text::{self, Lang};

/// The protocol lines a template asks for, in protocol order: the lines of the Kazakh precinct protocol (Art. 43).
const LINES: [Line; 7] = [
    Line::VotersOnList,
    Line::BallotsReceived,
    Line::BallotsIssued,
    Line::BallotsCancelled,
    Line::BallotsInBox,
    Line::BallotsInvalid,
    Line::AgainstAll,
];

/// A header as the template writes it: the key in English, the protocol's own words in Kazakh and Russian (the
/// message catalogue's names of the lines, each of them a name the header reader knows).
fn header(line: Option<Line>, lang: Lang) -> &'static str {
    match (lang, line) {
        (Lang::En, None) => "precinct_id",
        (Lang::Kk, None) => "Учаске",
        (Lang::Ru, None) => "№ участка",
        (Lang::En, Some(l)) => l.key(),
        (Lang::Kk, Some(l)) => text::kk::line(l),
        (Lang::Ru, Some(l)) => text::ru::line(l),
    }
}

/// The blank sheet of one district: the precinct column, the lines up to invalid ballots, a column per candidate
/// (by full name), then against all.
pub fn sheet(roster: &Roster, d: &District, lang: Lang, excel: bool) -> String {
    let mut head: Vec<String> = vec![header(None, lang).to_string()];
    head.extend(LINES[..LINES.len() - 1].iter().map(|l| header(Some(*l), lang).to_string()));
    head.extend(d.candidates.iter().map(|c| c.name.clone()));
    head.push(header(Some(Line::AgainstAll), lang).to_string());
    let rows: Vec<Vec<String>> = roster
        .precincts_of(d)
        .map(|p| {
            let mut r = vec![p.id.to_string()];
            r.resize(head.len(), String::new());
            r
        })
        .collect();
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    write(&head, &rows, excel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::header::{Column, classify};

    #[test]
    fn every_template_header_is_read_back() {
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            assert_eq!(classify(header(None, lang)), Some(Column::Precinct));
            for l in LINES {
                assert_eq!(classify(header(Some(l), lang)), Some(Column::Line(l)), "{lang:?} {l}");
            }
        }
    }
}

#[cfg(test)]
mod names {
    use crate::input::header::{Column, classify};
    use crate::model::Line;
    use crate::report::text;

    #[test]
    fn every_line_as_the_catalogue_names_it_is_read_back_as_that_line() {
        let unread: Vec<&str> = Line::ALL
            .iter()
            .flat_map(|&l| [text::kk::line(l), text::ru::line(l)].map(move |n| (l, n)))
            .filter(|(l, name)| classify(name) != Some(Column::Line(*l)))
            .map(|(_, name)| name)
            .collect();
        assert!(unread.is_empty(), "names the reader does not know: {unread:#?}");
    }
}
