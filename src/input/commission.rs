//! The file of the commission's members (`--members`): a line per person, `role,name`, the role in Kazakh,
//! Russian or English (chair, deputy, secretary, member). A first line naming the columns is read past.

use crate::model::Commission;

/// The role a line names, from the words a commission would write.
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

/// A line of the members file that cannot be read: the message is the command's to say, in the run's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadMember {
    /// The line (1-based).
    pub line: usize,
    /// The role as written, when the line is `role,name` but the role is none of the four; `None` when the line
    /// is not `role,name` at all.
    pub role: Option<String>,
}

/// Reads the members into `commission`. `Err` is the line that is not `role,name` with a known role.
pub fn read_members(text: &str, commission: &mut Commission) -> Result<(), BadMember> {
    for (i, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((role, name)) = line.split_once([',', ';', '\t']) else {
            return Err(BadMember { line: i + 1, role: None });
        };
        let name = name.trim().trim_matches('"').trim().to_string();
        match role_of(role.trim().trim_matches('"')) {
            Some(0) => commission.chair = Some(name),
            Some(1) => commission.deputy = Some(name),
            Some(2) => commission.secretary = Some(name),
            Some(_) => commission.members.push(name),
            None if i == 0 => {}
            None => return Err(BadMember { line: i + 1, role: Some(role.trim().to_string()) }),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(read_members("chair,A\nboss,B\n", &mut c), Err(BadMember { line: 2, role: Some("boss".into()) }));
        assert_eq!(read_members("chair,A\nno comma here\n", &mut c), Err(BadMember { line: 2, role: None }));
    }
}
