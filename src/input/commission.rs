//! The file of the commission's members (`--members`): a row per person, its role in Kazakh, Russian or English
//! (chair, deputy, secretary, member) and the name, a row number before them read past. It may be text in any
//! encoding the returns take (cells split by `,`, `;` or a tab) or a workbook (its first sheet), as the commission
//! keeps it. A first row naming the columns is read past.

use std::sync::Arc;

use crate::check::{Code, Detail, Finding, Scope};
use crate::input::decode::{decode, looks_damaged};
use crate::input::workbook;
use crate::model::{Commission, Location};

/// The role a cell names, from the words a commission would write.
fn role_of(word: &str) -> Option<usize> {
    let w = word.trim().to_lowercase();
    let is = |words: &[&str]| words.iter().any(|x| w == *x || w.starts_with(x));
    if is(&["chair", "төраға", "председатель"]) && !is(&["төрағаның орынбасары"]) {
        Some(0)
    } else if is(&["deputy", "төрағаның орынбасары", "орынбасар", "заместитель"])
    {
        Some(1)
    } else if is(&["secretary", "хатшы", "секретарь"]) {
        Some(2)
    } else if is(&["member", "мүше", "член"]) {
        Some(3)
    } else {
        None
    }
}

/// A row of the members file that cannot be read: the message is the command's to say, in the run's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadMember {
    /// The line (a sheet's row number; 1-based).
    pub line: usize,
    /// The role as written, when the row has a role and a name but the role is none of the four; `None` when the
    /// row is not a role and a name at all.
    pub role: Option<String>,
}

/// Why the members file cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MembersError {
    /// Neither a workbook that can be read nor text in a known encoding: a finding (E102) naming the file.
    Unreadable(Box<Finding>),
    /// A row that is not a role and a name, or names no role.
    Row(BadMember),
    /// A name whose Kazakh letters the file's legacy encoding (Windows-1251, KOI8-R) destroyed: a signed report
    /// would print it wrong.
    Damaged {
        /// The line.
        line: usize,
        /// The name as read.
        name: String,
    },
}

/// Reads the members file `name` (its bytes) into `commission`.
pub fn read_members_file(name: &Arc<str>, bytes: &[u8], commission: &mut Commission) -> Result<(), MembersError> {
    let unreadable = |detail: Detail| {
        let f = Finding::new(Code::NotText, Some(Location::file(name)), detail).scoped(Scope::All);
        MembersError::Unreadable(Box::new(f))
    };
    if let Some(kind) = workbook::kind(bytes) {
        let sheets = workbook::read_sheets(bytes, &[])
            .map_err(|trouble| unreadable(Detail::WorkbookUnreadable { trouble, kind }))?;
        let rows = sheets.into_iter().next().map(|s| s.rows).unwrap_or_default();
        let rows = rows.iter().map(|(n, cells)| (*n as usize, cells.iter().map(String::as_str).collect()));
        return read_rows(rows, false, commission);
    }
    let text = decode(bytes, None).map_err(|e| unreadable(Detail::NotText(e)))?;
    let rows = text.text.lines().enumerate().map(|(i, line)| (i + 1, line.split([',', ';', '\t']).collect()));
    read_rows(rows, text.legacy, commission)
}

/// Reads rows of cells, each with its line: the role, then the name (cells after the role joined by a space; a
/// row number before the role read past). `legacy`: the text came in an encoding that cannot hold every Kazakh
/// letter.
fn read_rows<'a>(
    rows: impl Iterator<Item = (usize, Vec<&'a str>)>,
    legacy: bool,
    commission: &mut Commission,
) -> Result<(), MembersError> {
    // Before the first member: titles (a row of one cell) and one row naming the columns are read past.
    let (mut before_members, mut header_seen) = (true, false);
    for (line, cells) in rows {
        let mut cells: Vec<&str> =
            cells.iter().map(|c| c.trim().trim_matches('"').trim()).filter(|c| !c.is_empty()).collect();
        if let Some(damaged) = cells.iter().find(|c| legacy && looks_damaged(c)) {
            return Err(MembersError::Damaged { line, name: damaged.to_string() });
        }
        if cells.first().is_some_and(|c| c.trim_end_matches('.').bytes().all(|b| b.is_ascii_digit())) {
            cells.remove(0);
        }
        let Some((role, name)) = cells.split_first() else { continue };
        if name.is_empty() {
            if before_members {
                continue;
            }
            return Err(MembersError::Row(BadMember { line, role: None }));
        }
        let name = name.join(" ");
        match role_of(role) {
            Some(0) => commission.chair = Some(name),
            Some(1) => commission.deputy = Some(name),
            Some(2) => commission.secretary = Some(name),
            Some(_) => commission.members.push(name),
            None if before_members && !header_seen => {
                header_seen = true;
                continue;
            }
            None => return Err(MembersError::Row(BadMember { line, role: Some(role.to_string()) })),
        }
        before_members = false;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Rows of roles and names, with any of the three delimiters, read back as written: the last chair, deputy
        /// and secretary given, every member in order.
        #[test]
        fn rows_read_back_as_written(
            rows in proptest::collection::vec((0usize..4, "[А-Яа-яӘәҒғҚқҢңӨөҰұҮүІі][А-Яа-яӘәҒғҚқҢңӨөҰұҮүІі ]{0,20}"), 1..8),
            delimiter in proptest::sample::select(vec![',', ';', '\t']),
        ) {
            let words = ["төраға", "заместитель", "secretary", "мүше"];
            let text: String = rows.iter().map(|(r, name)| format!("{}{delimiter}{name}\n", words[*r])).collect();
            let mut c = Commission::default();
            proptest::prop_assert_eq!(read_members(&text, &mut c), Ok(()));
            let last = |role: usize| rows.iter().rev().find(|(r, _)| *r == role).map(|(_, n)| n.trim().to_string());
            proptest::prop_assert_eq!(c.chair, last(0));
            proptest::prop_assert_eq!(c.deputy, last(1));
            proptest::prop_assert_eq!(c.secretary, last(2));
            let members: Vec<String> = rows.iter().filter(|(r, _)| *r == 3).map(|(_, n)| n.trim().to_string()).collect();
            proptest::prop_assert_eq!(c.members, members);
        }

        /// Any bytes give members or a reason, never a panic; a name read is never blank.
        #[test]
        fn any_bytes_are_read_or_refused(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let mut c = Commission::default();
            if read_members_file(&"m.csv".into(), &bytes, &mut c).is_ok() {
                let names = c.chair.iter().chain(&c.deputy).chain(&c.secretary).chain(&c.members);
                proptest::prop_assert!(names.clone().all(|n| !n.trim().is_empty()), "{:?}", names.collect::<Vec<_>>());
            }
        }
    }

    fn read_members(text: &str, commission: &mut Commission) -> Result<(), MembersError> {
        read_members_file(&"members.csv".into(), text.as_bytes(), commission)
    }

    #[test]
    fn reads_roles_in_three_languages_and_refuses_others() {
        let mut c = Commission::default();
        let text = "Лауазымы;Аты-жөні\nтөраға;Сейітова Айгүл\nТөрағаның орынбасары;Омаров Ерлан\nсекретарь,Ким Ольга\n\
                    member,Ахметов Бауыржан\nмүше;Жақсылықова Дина\n";
        read_members(text, &mut c).unwrap();
        assert_eq!(c.chair.as_deref(), Some("Сейітова Айгүл"));
        assert_eq!(c.deputy.as_deref(), Some("Омаров Ерлан"));
        assert_eq!(c.secretary.as_deref(), Some("Ким Ольга"));
        assert_eq!(c.members, ["Ахметов Бауыржан", "Жақсылықова Дина"]);
        let bad = |line, role: Option<&str>| Err(MembersError::Row(BadMember { line, role: role.map(String::from) }));
        assert_eq!(read_members("chair,A\nboss,B\n", &mut c), bad(2, Some("boss")));
        assert_eq!(read_members("chair,A\nno comma here\n", &mut c), bad(2, None));
        // Before the first member, a title and one row naming the columns are read past; not two such rows.
        assert_eq!(read_members("Состав комиссии\nДолжность;ФИО\nчлен;Б\n", &mut c), Ok(()));
        assert_eq!(read_members("Должность;ФИО\nпредседателб;А\n", &mut c), bad(2, Some("председателб")));
    }

    #[test]
    fn reads_a_workbook_or_text_in_any_encoding_and_refuses_destroyed_letters() {
        let name: Arc<str> = "members.csv".into();
        // Windows-1251, as Excel on a Russian Windows saves a CSV, with a row number column.
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("№;Должность;ФИО\n1;председатель;Ким Ольга\n");
        let mut c = Commission::default();
        read_members_file(&name, &cp1251, &mut c).unwrap();
        assert_eq!(c.chair.as_deref(), Some("Ким Ольга"));
        // Kazakh letters that Windows-1251 cannot hold were saved as `?`: refused, not printed on a signed report.
        let (lost, _, _) = encoding_rs::WINDOWS_1251.encode("председатель;Сейітова Айг?л\n");
        let got = read_members_file(&name, &lost, &mut c);
        assert_eq!(got, Err(MembersError::Damaged { line: 1, name: "Сейітова Айг?л".into() }));
        // The workbook the commission keeps: a header, a row number, the name in two cells.
        let cells = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<String>>();
        let sheet = crate::report::xlsx::SheetSpec {
            name: "Құрамы".into(),
            header: cells(&["№", "Лауазымы", "Тегі", "Аты-жөні"]),
            rows: vec![cells(&["1", "хатшы", "Жақсылықова", "Дина Маратқызы"])],
            figures_from: 4,
        };
        let xlsx = crate::report::xlsx::workbook(&[sheet]).expect("a workbook");
        let mut c = Commission::default();
        read_members_file(&"members.xlsx".into(), &xlsx, &mut c).unwrap();
        assert_eq!(c.secretary.as_deref(), Some("Жақсылықова Дина Маратқызы"));
        // Not text: a finding naming the file.
        let Err(MembersError::Unreadable(f)) = read_members_file(&name, b"\x00\x01\x02\xff\xfe\x00\x00", &mut c) else {
            panic!("binary bytes are not a members file")
        };
        assert_eq!(f.code, Code::NotText);
    }
}
