//! Blank returns sheets for the commission to fill in: per district, a row per precinct, the protocol lines and a
//! column per candidate, with headers that akim-tally reads back without options.

use crate::model::{District, Line, Roster};
use crate::report::csv::write;
use crate::report::text::{self, Lang};
use crate::report::xlsx;

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

/// The header of one district's sheet: the precinct column, the lines up to invalid ballots, a column per
/// candidate (by full name), then against all.
fn head(d: &District, lang: Lang) -> Vec<String> {
    let mut head: Vec<String> = vec![header(None, lang).to_string()];
    head.extend(LINES[..LINES.len() - 1].iter().map(|l| header(Some(*l), lang).to_string()));
    head.extend(d.candidates.iter().map(|c| c.name.to_string()));
    head.push(header(Some(Line::AgainstAll), lang).to_string());
    head
}

/// A name not yet in `used` (compared without case): `base`, else `base~2`, `base~3`, … with `base` cut to
/// `room` characters to leave the suffix its place.
pub fn unique_name(used: &mut std::collections::BTreeSet<String>, base: &str, room: usize) -> String {
    let mut name = base.to_string();
    let mut k = 2;
    while !used.insert(name.to_lowercase()) {
        name = format!("{}~{k}", base.chars().take(room).collect::<String>());
        k += 1;
    }
    name
}

/// The blank sheet of one district, as CSV (see [`head`]), a row per precinct.
pub fn sheet(roster: &Roster, d: &District, lang: Lang, excel: bool) -> String {
    let head = head(d, lang);
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

/// The blank returns workbook: a sheet per district (named by its id), as [`sheet`] lays it out, with the
/// precinct ids as text, the header frozen and protected, and only whole numbers of 0 or more accepted in the
/// figure cells. It reads back as returns without options.
pub fn workbook(roster: &Roster, lang: Lang) -> std::io::Result<Vec<u8>> {
    let mut used = std::collections::BTreeSet::new();
    let sheets: Vec<xlsx::SheetSpec> = roster
        .districts
        .values()
        .map(|d| {
            let rows = roster.precincts_of(d).map(|p| vec![p.id.to_string()]).collect();
            // Two district ids that differ only by characters a sheet name cannot hold get distinct sheets (a sheet
            // name is at most 31 characters: the suffix takes 4 of them).
            let name = unique_name(&mut used, &xlsx::sheet_name(d.id.as_str()), 27);
            xlsx::SheetSpec { name, header: head(d, lang), rows, figures_from: 1 }
        })
        .collect();
    xlsx::workbook(&sheets)
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
mod workbook_sheets {
    use super::*;

    #[test]
    fn districts_whose_ids_a_sheet_name_cannot_hold_get_sheets_of_their_own() {
        let file = |name: &str, text| crate::input::roster::RosterFile {
            name: name.into(),
            encoding: ("utf-8", false),
            text,
            sheet: None,
        };
        let p = "district_id,district_name,precinct_id,voters_on_list\na/b,A,1,5\na_b,B,2,5\na\\b,C,3,5\n";
        let c = "district_id,candidate_id,candidate_name,nominated_by\na/b,x,X Y,p\na_b,y,Y Z,p\na\\b,z,Z W,p\n";
        let (roster, _) =
            crate::input::roster::read_roster(&file("p.csv", p), &file("c.csv", c), None, None).expect("a roster");
        let bytes = workbook(&roster, Lang::En).expect("a workbook");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        let mut book = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/workbook.xml").unwrap(), &mut book).unwrap();
        let names: Vec<&str> = book.split("<sheet name=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
        assert_eq!(names.len(), 3, "{book}");
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 3, "three sheets, none lost: {names:?}");
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
