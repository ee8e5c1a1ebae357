//! Blank returns sheets for the commission to fill in: per district, a row per precinct, the protocol lines and a
//! column per candidate, with headers that akim-tally reads back without options.

use crate::model::{District, Line, Roster};
use crate::report::csv::write;
use crate::report::html::Lang;

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

/// A header as the template writes it: the key in English, the law's own words in Kazakh and Russian (each of
/// them a name the header reader knows).
fn header(line: Option<Line>, lang: Lang) -> &'static str {
    match (lang, line) {
        (Lang::En, None) => "precinct_id",
        (Lang::Kk, None) => "Учаске",
        (Lang::Ru, None) => "№ участка",
        (Lang::En, Some(l)) => l.key(),
        (Lang::Kk, Some(l)) => match l {
            Line::VotersOnList => "Учаскедегі сайлаушылардың жалпы саны",
            Line::BallotsReceived => "Учаскелік сайлау комиссиясы алған бюллетеньдер саны",
            Line::BallotsIssued => "Бюллетеньдер алған сайлаушылар саны",
            Line::BallotsCancelled => "Жойылған бюллетеньдер саны",
            Line::BallotsInBox => "Дауыс беруге қатысқан сайлаушылардың жалпы саны",
            Line::BallotsInvalid => "Жарамсыз деп танылған бюллетеньдер саны",
            _ => "Бәріне қарсымын",
        },
        (Lang::Ru, Some(l)) => match l {
            Line::VotersOnList => "Общее число избирателей на участке",
            Line::BallotsReceived => "Число бюллетеней, полученных участковой избирательной комиссией",
            Line::BallotsIssued => "Число избирателей, получивших бюллетени",
            Line::BallotsCancelled => "Число погашенных бюллетеней",
            Line::BallotsInBox => "Общее число избирателей, принявших участие в голосовании",
            Line::BallotsInvalid => "Число бюллетеней, признанных недействительными",
            _ => "Против всех",
        },
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
