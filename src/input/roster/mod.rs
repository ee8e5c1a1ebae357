//! The roster: `precincts.csv` and `candidates.csv` (and, optionally, `districts.csv`), with every problem
//! reported at once.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::check::{Code, Detail, Finding, Named, Scope};
use crate::input::Beside;
use crate::input::header::normalize;
use crate::input::header::{fold_lookalike, mixes_scripts};
use crate::input::number::parse_count;
use crate::input::stream::Cells;
use crate::input::table::{Body, Row, Table, trim};
use crate::input::workbook::Sheet;
use crate::model::{
    CandidateDetails, Candidates, District, DistrictId, Districts, Location, Origin, PrecinctRows, Precincts, Roster,
    clean_id,
};

mod candidates;
mod places;
mod twins;

use candidates::{candidate_rows, empty_districts, register};
use places::{PlacesRead, place, read_places};

/// A roster file's name and text (or, for a workbook, its first visible sheet).
pub struct RosterFile<'a> {
    /// The file as the user named it.
    pub name: Arc<str>,
    /// The encoding it was read in, and whether that is a legacy code page.
    pub encoding: (&'static str, bool),
    /// Its decoded text (empty for a workbook).
    pub text: &'a str,
    /// The sheet read, when the file is a workbook.
    pub sheet: Option<&'a Sheet>,
}

/// A district's name, with the line and the file that give it.
type NamedAt = (String, u32, Arc<str>);

/// The columns a roster file must have, and where they are; and the optional ones it has.
struct Columns {
    at: Vec<usize>,
    optional: Vec<Option<usize>>,
}

/// The optional columns of `candidates.csv`, each with the names it is known by: what the published statement
/// says of the candidate elected (Art. 44 p.5).
const CANDIDATE_DETAILS: [&[&str]; 3] = [
    &["birth_year", "year of birth", "год рождения", "туған жылы"],
    &["position", "occupation", "должность", "место работы", "должность место работы", "лауазымы", "жұмыс орны"],
    &["residence", "place of residence", "место жительства", "тұрғылықты жері"],
];

fn columns(table: &Table, required: &[&str], optional: &[&[&str]], findings: &mut Vec<Finding>) -> Option<Columns> {
    let header: Vec<String> = table.header.iter().map(|h| normalize(h)).collect();
    let mut at = Vec::new();
    let mut missing = Vec::new();
    for name in required {
        match header.iter().position(|h| names(name).any(|n| *h == normalize(n))) {
            Some(i) => at.push(i),
            None => missing.push(*name),
        }
    }
    let optional =
        optional.iter().map(|names| header.iter().position(|h| names.iter().any(|n| *h == normalize(n)))).collect();
    if missing.is_empty() {
        return Some(Columns { at, optional });
    }
    findings.push(
        Finding::new(
            Code::MissingColumn,
            Some(table.at(table.header_line, 0)),
            Detail::MissingColumns {
                missing: missing.iter().map(|m| m.to_string()).collect(),
                required: required.iter().map(|r| r.to_string()).collect(),
            },
        )
        .scoped(Scope::All),
    );
    None
}

/// A roster column's key and the names commissions give it in Russian and Kazakh.
fn names(key: &str) -> impl Iterator<Item = &str> {
    let aliases: &[&str] = match key {
        "district_id" => &["код округа", "округ коды", "№ округа", "номер округа"],
        "district_name" => &[
            "наименование округа",
            "название округа",
            "наименование сельского округа",
            "округ атауы",
            "округтің атауы",
            "ауылдық округтің атауы",
        ],
        "precinct_id" => &[
            "№ участка",
            "номер участка",
            "№ избирательного участка",
            "участок",
            "учаске",
            "№ учаске",
            "учаске нөмірі",
            "учаскенің №",
        ],
        "voters_on_list" => &[
            "число избирателей",
            "число избирателей в списке",
            "избирателей в списке",
            "сайлаушылар саны",
            "тізімдегі сайлаушылар саны",
        ],
        "candidate_id" => &["код кандидата", "кандидат коды"],
        "candidate_name" => {
            &["фио", "фио кандидата", "фамилия имя отчество", "кандидат", "аты-жөні", "кандидаттың аты-жөні"]
        }
        "nominated_by" => &["кем выдвинут", "субъект выдвижения", "выдвинут", "кім ұсынды", "ұсынған", "ұсынушы"],
        _ => &[],
    };
    std::iter::once(key).chain(aliases.iter().copied())
}

/// Reads the rows of a roster file, calling `each(line, fields)` with the required fields in order, then the
/// optional ones (blank where the file has no such column).
fn rows<'t: 's, 's>(
    file: &RosterFile<'t>,
    required: &[&str],
    optional: &[&[&str]],
    findings: &mut Vec<Finding>,
    beside: Beside<'s, '_>,
    mut each: impl FnMut(u32, &[&str], &mut Vec<Finding>),
) {
    // The header is the row that names the required columns, below any title.
    let is_header = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| normalize(c)).collect();
        required.iter().any(|r| names(r).any(|n| cells.contains(&normalize(n))))
    };
    let body = match file.sheet {
        Some(sheet) => Body::Sheet(sheet.clone()),
        None => Body::Text { text: file.text, legacy: file.encoding.1 },
    };
    let mut table = match Table::open(Origin::file(&file.name), body, &is_header) {
        Ok(t) => t,
        Err(f) => return findings.push(f.scoped(Scope::All)),
    };
    let Some(cols) = columns(&table, required, optional, findings) else {
        return;
    };
    let mut one = |line: u32, cells: Cells, findings: &mut Vec<Finding>| {
        // A roster file has at most four required and three optional columns: their fields are kept on the stack.
        let mut fields = [""; 8];
        let mut blank = false;
        for (k, i) in cols.optional.iter().enumerate() {
            if let (Some(i), Some(slot)) = (i, fields.get_mut(required.len() + k)) {
                *slot = trim(cells.get(*i).unwrap_or(""));
            }
        }
        for (k, (name, &i)) in required.iter().zip(&cols.at).enumerate() {
            let v = trim(cells.get(i).unwrap_or(""));
            // A nomination may be left blank (a warning: the statement would have nothing to say).
            if v.is_empty() && *name == "nominated_by" {
                findings.push(Finding::new(
                    Code::RosterBlankNomination,
                    Some(Location::new(&file.name, line, i as u32 + 1)),
                    Detail::BlankNomination,
                ));
            }
            // voters_on_list may be blank; every other required field must be given.
            if v.is_empty() && *name != "voters_on_list" && *name != "nominated_by" {
                blank = true;
                findings.push(
                    Finding::new(
                        Code::RosterBlankField,
                        Some(Location::new(&file.name, line, i as u32 + 1)),
                        Detail::BlankField { field: name.to_string() },
                    )
                    .scoped(Scope::All),
                );
            }
            if let Some(slot) = fields.get_mut(k) {
                *slot = v;
            }
        }
        if !blank {
            each(line, &fields[..(cols.at.len() + cols.optional.len()).min(8)], findings);
        }
    };
    let mut row = Row::default();
    if let Some(scope) = beside {
        table.cut_on(scope);
    }
    let stopped = loop {
        // Rows cut beside are read where they lie.
        let taken = &mut |line, cells: Cells| {
            one(line, cells, findings);
            true
        };
        match table.next_row_or(&mut row, taken) {
            Ok(true) => one(row.line, row.fields.cells(), findings),
            Ok(false) => break None,
            Err(f) => break Some(f.scoped(Scope::All)),
        }
    };
    if let Some(f) = stopped {
        return findings.push(f);
    }
    findings.extend(table.findings(file.encoding.0));
}

/// Where a roster file's cell is.
fn at(file: &Arc<str>, line: u32, col: usize) -> Option<Location> {
    Some(Location::new(file, line, col as u32))
}

/// A roster error: every race waits on it.
fn err(code: Code, location: Option<Location>, detail: Detail) -> Finding {
    Finding::new(code, location, detail).scoped(Scope::All)
}

/// Reads a roster. Returns it with its warnings, or every problem found in it. Given a scope (`beside`),
/// candidates.csv is read on a thread of it while the places are read (a national roster has tens of thousands
/// of candidates), and each file's rows are cut beside.
pub fn read_roster<'t: 's, 's>(
    precincts: &RosterFile<'t>,
    candidates: &'s RosterFile<'t>,
    districts: Option<&RosterFile<'t>>,
    beside: Beside<'s, '_>,
) -> Result<(Roster, Vec<Finding>), Vec<Finding>> {
    read_files(precincts, candidates, districts, beside).register()
}

/// The roster's files read: its districts and precincts, and the rows of `candidates.csv` not yet registered.
/// It holds none of the files' text, so that they can be let go before the candidates are registered (a national
/// roster's files are a hundred megabytes).
pub struct RosterRead {
    places: PlacesRead,
    findings: Vec<Finding>,
    candidates: CandidatesRead,
    /// The names of `precincts.csv` and `candidates.csv`.
    names: [Arc<str>; 2],
}

/// Reads the roster's files (see [`RosterRead::register`] for the rest of [`read_roster`]). With `beside`,
/// candidates.csv is read on a thread of its own while precincts.csv is read, each cut into fields beside.
pub fn read_files<'t: 's, 's>(
    precincts: &RosterFile<'t>,
    candidates: &'s RosterFile<'t>,
    districts: Option<&RosterFile<'t>>,
    beside: Beside<'s, '_>,
) -> RosterRead {
    let mut findings = Vec::new();
    let pf = precincts;
    // Districts: from districts.csv when given, else as precincts.csv names them.
    let (places, (candidates_read, candidate_findings)) = match beside {
        Some(scope) => {
            let reading = scope.spawn(move || candidate_rows(candidates, beside));
            let places = read_places(districts, pf, &mut findings, beside);
            (places, reading.join().unwrap_or_else(|_| candidate_rows(candidates, None)))
        }
        None => (read_places(districts, pf, &mut findings, None), candidate_rows(candidates, None)),
    };
    findings.extend(candidate_findings);
    let names = [Arc::clone(&precincts.name), Arc::clone(&candidates.name)];
    RosterRead { places, findings, candidates: candidates_read, names }
}

impl RosterRead {
    /// Registers each candidate in their district and checks that every district has candidates and precincts:
    /// the roster, with its warnings, or every error found.
    pub fn register(self) -> Result<(Roster, Vec<Finding>), Vec<Finding>> {
        let RosterRead { places, mut findings, candidates, names: [pf, cf] } = self;
        let mut roster = Roster::default();
        let defined = place(places, &pf, &mut roster, &mut findings);
        // When no district could be read (a file without its columns, or empty), every candidate would be "in a
        // district that is not in the roster": those errors follow from the one already reported, and are not
        // added.
        let places_unread = roster.districts.is_empty() && findings.iter().any(Finding::is_error);
        let mut from_registering = Vec::new();
        let mut registered = register(candidates, &roster, &cf, &mut from_registering);
        if !places_unread {
            findings.extend(from_registering);
        }
        // Each district's candidates, in order.
        let mut rows = std::mem::take(&mut registered.rows).into_iter().peekable();
        for d in roster.districts.values_mut() {
            while let Some(c) = rows.next_if(|c| c.place == d.index) {
                let [id, name] = c.id_and_name(&registered.text);
                let nominated_by = Arc::clone(&registered.nominations[c.nomination as usize]);
                let details =
                    c.details.map(|k| Box::new(std::mem::take(&mut registered.details[k.get() as usize - 1])));
                d.candidates.push(id, name, nominated_by, details);
            }
            d.candidates.shrink_to_fit();
        }

        empty_districts(&roster, &defined, [&pf, &cf], &mut findings);

        crate::check::sort_findings(&mut findings);
        if findings.iter().any(Finding::is_error) { Err(findings) } else { Ok((roster, findings)) }
    }
}

/// `candidates.csv` as read beside `precincts.csv`, to be checked against the districts once they are known. A
/// national roster has a million candidates: a row is 32 bytes, its text kept with the others'.
#[derive(Default)]
struct CandidatesRead {
    rows: Vec<CandidateRow>,
    /// Where each district cell as written starts and ends in `text`, one for each run of rows naming the same
    /// (rows of one district usually come together: its cell is kept, and later looked up, once).
    districts: Vec<[u32; 2]>,
    /// Each row's candidate id and name, end to end, and the district cells (a million candidates are not two
    /// million allocations).
    text: String,
    /// Each nomination as written, once (a roster has a few parties).
    nominations: Vec<Arc<str>>,
    /// The statement's facts given of candidates (most rosters give none).
    details: Vec<CandidateDetails>,
}

/// A row of `candidates.csv` as read.
struct CandidateRow {
    line: u32,
    /// Its run of rows naming one district cell (in [`CandidatesRead::districts`]).
    run: u32,
    /// The place of its district, once registered.
    place: u32,
    /// Where its id starts, where its id ends and its name starts, and where its name ends in
    /// [`CandidatesRead::text`].
    text: [u32; 3],
    /// Its nomination, in [`CandidatesRead::nominations`].
    nomination: u32,
    /// Its facts for the statement, when the row gives any: their place in [`CandidatesRead::details`], plus one.
    details: Option<std::num::NonZeroU32>,
}

impl CandidateRow {
    /// Its candidate's id and name, in the text the rows were read into.
    fn id_and_name<'t>(&self, text: &'t str) -> [&'t str; 2] {
        let [a, b, c] = self.text.map(|k| k as usize);
        [&text[a..b], &text[b..c]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PrecinctId;

    fn read(p: &str, c: &str, d: Option<&str>) -> Result<Roster, Vec<Finding>> {
        let file = |name: &str, text| RosterFile { name: name.into(), encoding: ("utf-8", false), text, sheet: None };
        let pf = file("precincts.csv", p);
        let cf = file("candidates.csv", c);
        let df = d.map(|t| file("districts.csv", t));
        read_roster(&pf, &cf, df.as_ref(), None).map(|(r, _)| r)
    }

    fn codes(r: Result<Roster, Vec<Finding>>) -> Vec<(String, u32)> {
        r.unwrap_err().iter().map(|f| (f.code.to_string(), f.location.as_ref().map_or(0, |l| l.line))).collect()
    }

    const P: &str = "district_id,district_name,precinct_id,voters_on_list\n01,Ақсу,№ 0101,500\n01,Ақсу,0102,\n";
    const C: &str = "district_id,candidate_id,candidate_name,nominated_by\n01,a,Әлиев Асқар,self-nominated\n01,b,Бекова Гүл,Amanat\n";

    #[test]
    fn a_precincts_file_without_its_columns_is_one_error_not_one_per_candidate() {
        let p = "district_id,precinct_id,voters_on_list\n01,0101,500\n";
        assert_eq!(codes(read(p, C, None)), [("E106".to_string(), 1)]);
    }

    #[test]
    fn reads_a_roster_headed_in_russian_or_kazakh() {
        let p = "Код округа;Наименование округа;№ участка;Число избирателей\n01;Ақсу;0101;500\n";
        let c =
            "Округ коды,Кандидат коды,Кандидаттың аты-жөні,Кім ұсынды\n01,a,Әлиев Асқар,AMANAT\n01,b,Бекова Гүл,x\n";
        let r = read(p, c, None).expect("a roster");
        let d = r.districts.get(&DistrictId::parse("01")).unwrap();
        assert_eq!((d.name.as_str(), d.candidates.len()), ("Ақсу", 2));
    }

    #[test]
    fn reads_a_good_roster() {
        let r = read(P, C, None).unwrap();
        let d = r.districts.get(&DistrictId::parse("01")).unwrap();
        assert_eq!(d.name, "Ақсу");
        let ids: Vec<&str> = r.precincts_of(d).map(|p| p.id).collect();
        assert_eq!(ids, ["0101", "0102"]);
        assert_eq!(d.candidates.len(), 2);
        assert_eq!(r.precincts.get(&PrecinctId::parse("0101")).unwrap().voters_on_list, Some(crate::model::Count(500)));
        assert_eq!(r.precincts.get(&PrecinctId::parse("0102")).unwrap().voters_on_list, None);
    }

    #[test]
    fn reads_a_long_roster_row_by_row_past_its_first_lines() {
        // The first lines open the table; the rest are cut on another thread and read where they lie.
        let mut p = String::from("district_id,district_name,precinct_id,voters_on_list\r\n");
        let mut c = String::from("district_id,candidate_id,candidate_name,nominated_by\n");
        for d in 1..=3 {
            for k in 1..=8 {
                p.push_str(&format!("0{d},\"Ауыл {d}\",{d}-{k:02},{}\r\n", 100 * k));
            }
            c.push_str(&format!("0{d},a,Әлиев {d},x\n0{d},b,Бекова {d},x\n"));
        }
        let good = read(&p, &c, None).unwrap();
        assert_eq!(good.precincts.len(), 24);
        assert_eq!(
            good.precincts.get(&PrecinctId::parse("3-08")).unwrap().voters_on_list,
            Some(crate::model::Count(800))
        );
        assert_eq!(good.districts.get(&DistrictId::parse("02")).unwrap().name, "Ауыл 2");
        // Line 19 blank (read past), line 20 without an id, line 21 the same id as line 18.
        let p = p.replacen("03,\"Ауыл 3\",3-02,200", ",,,", 1).replacen("3-03", " ", 1).replacen("3-04", "3-01", 1);
        assert_eq!(codes(read(&p, &c, None)), vec![("E315".into(), 20), ("E310".into(), 21)]);
    }

    #[test]
    fn districts_met_out_of_order_and_again_are_one_district_each_in_order() {
        let p = "district_id,district_name,precinct_id,voters_on_list\n10,Он,10-1,5\n2,Екі,2-1,5\n10,Он,10-2,5\n\
                 9,Тоғыз,9-1,5\n2,Екі,2-2,5\n";
        let c = "district_id,candidate_id,candidate_name,nominated_by\n2,a,A,x\n9,b,B,x\n10,c,C,x\n";
        let r = read(p, c, None).expect("a roster");
        let districts: Vec<(&str, &str, Vec<&str>)> = r
            .districts
            .values()
            .map(|d| (d.id.as_str(), d.name.as_str(), r.precincts_of(d).map(|p| p.id).collect()))
            .collect();
        assert_eq!(
            districts,
            [("2", "Екі", vec!["2-1", "2-2"]), ("9", "Тоғыз", vec!["9-1"]), ("10", "Он", vec!["10-1", "10-2"])]
        );
    }

    #[test]
    fn reports_every_roster_problem_at_once() {
        let p = "district_id,district_name,precinct_id,voters_on_list\n01,Ақсу,1,5\n01,Ақсу,1,6\n02,Бірлік,2,x\n03,Другое,3,1\n03,Иное,4,1\n";
        let c = "district_id,candidate_id,candidate_name,nominated_by\n01,a,A,x\n01,a,B,x\n09,z,Z,x\n03,q,Q,x\n";
        assert_eq!(
            codes(read(p, c, None)),
            vec![
                ("E313".into(), 3),
                ("E311".into(), 4),
                ("E310".into(), 3),
                ("E312".into(), 4),
                ("E201".into(), 4),
                ("E314".into(), 6)
            ]
        );
    }

    #[test]
    fn a_candidate_left_out_for_a_taken_name_takes_nothing_from_those_after() {
        let p = "district_id,district_name,precinct_id,voters_on_list\n01,Ақсу,0101,500\n";
        // Line 3 takes line 2's name and is left out; line 4 has line 3's id, which line 3 never took.
        let c = "district_id,candidate_id,candidate_name,nominated_by\n01,a,Әлиев Асқар,x\n01,b,ӘЛИЕВ  асқар,x\n\
                 01,b,Бекова Гүл,y\n01,c,Бекова Гүл,y\n";
        let found = read(p, c, None).unwrap_err();
        let twice: Vec<(u32, u32, bool)> = found
            .iter()
            .filter_map(|f| match &f.detail {
                Detail::CandidateTwice { line, by_name, .. } => {
                    Some((f.location.as_ref().unwrap().line, *line, *by_name))
                }
                _ => None,
            })
            .collect();
        assert_eq!(twice, vec![(3, 2, true), (5, 4, true)]);
    }

    #[test]
    fn a_district_of_a_hundred_thousand_namesakes_is_read_at_once() {
        let p = "district_id,district_name,precinct_id,voters_on_list\n01,Ақсу,0101,500\n";
        let mut c = String::from("district_id,candidate_id,candidate_name,nominated_by\n");
        for k in 0..100_000 {
            c.push_str(&format!("01,c{k},Әлиев Асқар,x\n"));
        }
        let found = read(p, &c, None).unwrap_err();
        assert_eq!(found.iter().filter(|f| f.code == Code::RosterDuplicateCandidate).count(), 99_999);
    }

    #[test]
    fn checks_precincts_against_districts_csv() {
        let d = "district_id,district_name\n01,Ақсу\n05,Бос\n";
        let p = "district_id,district_name,precinct_id,voters_on_list\n01,Ақсу,1,5\n02,Жоқ,2,5\n";
        let c = "district_id,candidate_id,candidate_name,nominated_by\n01,a,A,x\n05,b,B,x\n";
        assert_eq!(codes(read(p, c, Some(d))), vec![("E316".into(), 3), ("E311".into(), 3)]);
    }

    #[test]
    fn reports_missing_columns_and_blank_fields() {
        assert_eq!(
            codes(read("district_id,precinct_id\n1,2\n", C, None)),
            vec![("E106".into(), 1)],
            "the missing columns, and not each candidate's district that follows from them"
        );
        let p = "district_id,district_name,precinct_id,voters_on_list\n01,Ақсу,,5\n01,Ақсу,2,5\n";
        assert_eq!(codes(read(p, C, None)), vec![("E315".into(), 2)]);
    }
}
