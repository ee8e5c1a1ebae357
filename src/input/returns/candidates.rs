//! Which candidate a header or an item names: by id or name as the roster writes them, or normalised (case,
//! spaces, look-alike letters), and the suggestions given when none matches.

use super::*;

/// Candidates' positions by their district's place and a normalised id or name, and every normalised id and name.
type Normalised = (HashMap<(u32, String), u16>, std::collections::HashSet<String>);

/// The registered candidates, findable by id or by normalised name, district by district.
pub struct CandidateIndex<'r> {
    roster: &'r Roster,
    /// A candidate's position in its district, by the district's place and a normalised id or name; and every
    /// normalised id and name, of any district (prepared when first needed: a label written exactly as the roster
    /// writes it needs neither).
    normalised: OnceLock<Normalised>,
    /// "Did you mean" among every known column name and every candidate (prepared when first needed).
    columns: OnceLock<Suggester>,
    /// "Did you mean" among the candidates of each district (prepared when first needed).
    per_district: OnceLock<HashMap<DistrictId, Suggester>>,
}

/// Up to how many candidates a district's ids and names are compared one by one with a label, before the index.
const EXACT_SCAN: usize = 64;

impl<'r> CandidateIndex<'r> {
    /// Indexes a roster's candidates.
    pub fn new(roster: &'r Roster) -> Self {
        CandidateIndex { roster, normalised: OnceLock::new(), columns: OnceLock::new(), per_district: OnceLock::new() }
    }

    fn normalised(&self) -> &Normalised {
        self.normalised.get_or_init(|| {
            let mut by_label = HashMap::new();
            let mut labels = std::collections::HashSet::new();
            for d in self.roster.districts.values() {
                for (k, c) in d.candidates.iter().enumerate() {
                    for label in [c.id, c.name] {
                        let n = normalize(label);
                        by_label.insert((d.index, n.clone()), u16::try_from(k).unwrap_or(u16::MAX));
                        labels.insert(n);
                    }
                }
                // The short forms a sheet heads a column with: surname and initials, either way round, and the
                // surname alone; each only where no other candidate of the district has it, nor an id or name.
                let mut short: HashMap<String, Option<u16>> = HashMap::new();
                for (k, c) in d.candidates.iter().enumerate() {
                    for form in short_forms(c.name) {
                        let k = u16::try_from(k).unwrap_or(u16::MAX);
                        short.entry(form).and_modify(|e| *e = None).or_insert(Some(k));
                    }
                }
                for (form, k) in short {
                    if let Some(k) = k
                        && !by_label.contains_key(&(d.index, form.clone()))
                    {
                        by_label.insert((d.index, form.clone()), k);
                        labels.insert(form);
                    }
                }
            }
            (by_label, labels)
        })
    }

    fn columns(&self) -> &Suggester {
        self.columns.get_or_init(|| {
            let mut candidates: Vec<&str> =
                self.roster.districts.values().flat_map(|d| d.candidates.iter().flat_map(|c| [c.id, c.name])).collect();
            candidates.sort_unstable();
            candidates.dedup();
            let mut names: Vec<&str> = header::known_names().collect();
            names.extend(candidates);
            Suggester::new(names)
        })
    }

    fn per_district(&self) -> &HashMap<DistrictId, Suggester> {
        self.per_district.get_or_init(|| {
            self.roster
                .districts
                .values()
                .map(|d| {
                    let names = d.candidates.iter().flat_map(|c| [c.name, c.id]);
                    (d.id.clone(), Suggester::new(names))
                })
                .collect()
        })
    }

    /// The candidate of a district that a label (id or name) names. A label with letters destroyed by a legacy
    /// export never names anyone: `?лиев` must not become «Лиев».
    pub fn resolve(&self, district: &DistrictId, label: &str) -> Option<&str> {
        self.resolve_at(self.roster.districts.get(district)?, label).map(|(_, id)| id)
    }

    /// [`Self::resolve`], with the candidate's position in the district.
    pub fn resolve_at<'d>(&'d self, d: &'d District, label: &str) -> Option<(u16, &'d str)> {
        if looks_damaged(label) || label.contains('?') {
            return None;
        }
        // A label written exactly as a registered id or name names that candidate: normalised, the ids and names of
        // a district are all different (the roster refuses two that are the same), so no other can match it.
        if d.candidates.len() <= EXACT_SCAN
            && let Some((k, c)) = d.candidates.iter().enumerate().find(|(_, c)| c.id == label || c.name == label)
        {
            return Some((k as u16, c.id));
        }
        let by_label = &self.normalised().0;
        let find = |l: &str| by_label.get(&(d.index, normalize(l))).copied();
        let k = find(label).or_else(|| find(unneutralised(label)?))?;
        d.candidates.get(usize::from(k)).map(|c| (k, c.id))
    }

    /// Whether a label names a candidate of any district.
    pub fn is_candidate_anywhere(&self, label: &str) -> bool {
        let labels = &self.normalised().1;
        let known = |l: &str| labels.contains(&normalize(l));
        !looks_damaged(label) && !label.contains('?') && (known(label) || unneutralised(label).is_some_and(known))
    }

    /// The registered id or name of a district nearest to a label, for "did you mean".
    pub fn suggest_in(&self, district: &DistrictId, label: &str) -> Option<String> {
        self.per_district().get(district)?.nearest(label).map(str::to_string)
    }

    /// The known column name or candidate nearest to a label.
    pub(super) fn suggest_column(&self, label: &str) -> Option<ColumnSuggestion> {
        let near = self.columns().nearest(label)?;
        // A protocol line is suggested by its key, which any header may use, with the name that came close.
        Some(match header::key_of(near) {
            Some(key) if key != near && key != "info" => {
                ColumnSuggestion { key: key.to_string(), near: Some(near.to_string()) }
            }
            Some(key) => ColumnSuggestion { key: key.to_string(), near: None },
            None => ColumnSuggestion { key: near.to_string(), near: None },
        })
    }
}

/// The short forms of a full name (`Жақсылықов Бауыржан Әбенұлы`), normalised: `жақсылықов б ә`, `б ә жақсылықов`,
/// `жақсылықов б` and the surname alone. A name of one word has none.
fn short_forms(name: &str) -> Vec<String> {
    let n = normalize(name);
    let words: Vec<&str> = n.split(' ').filter(|w| !w.is_empty()).collect();
    let Some((surname, given)) = words.split_first().filter(|(_, rest)| !rest.is_empty()) else { return Vec::new() };
    let initials: Vec<String> = given.iter().filter_map(|w| w.chars().next()).map(String::from).collect();
    let mut forms = vec![
        format!("{surname} {}", initials.join(" ")),
        format!("{} {surname}", initials.join(" ")),
        format!("{surname} {}", initials[0]),
        surname.to_string(),
    ];
    forms.sort();
    forms.dedup();
    forms
}

/// A header that akim-tally's own CSV neutralised (`'=…`, so that no spreadsheet runs it as a formula), as the
/// name it stands for.
fn unneutralised(label: &str) -> Option<&str> {
    let rest = label.strip_prefix('\'')?;
    rest.starts_with(['=', '+', '-', '@']).then_some(rest)
}

/// Why a label does not match: a note for names whose letters were destroyed or that mix scripts.
pub(super) fn label_trouble(label: &str) -> LabelTrouble {
    if looks_damaged(label) || label.contains('?') {
        LabelTrouble::Destroyed
    } else if header::mixes_scripts(label) {
        LabelTrouble::MixedScripts
    } else {
        LabelTrouble::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_candidate_by_exact_or_normalised_id_or_name() {
        let file = |name: &str, text| crate::input::roster::RosterFile {
            name: name.into(),
            encoding: ("utf-8", false),
            text,
            sheet: None,
        };
        let p = "district_id,district_name,precinct_id,voters_on_list\n01,A,0101,500\n02,B,0201,400\n";
        let c = "district_id,candidate_id,candidate_name,nominated_by\n01,a1,Әлиев Асқар,x\n01,b1,Бекова Гүл,x\n02,a2,Әлиев Асқар,x\n";
        let (roster, _) =
            crate::input::roster::read_roster(&file("p.csv", p), &file("c.csv", c), None, None).expect("a good roster");
        let index = CandidateIndex::new(&roster);
        let (d1, d2) = (DistrictId::parse("01"), DistrictId::parse("02"));
        let found = |d: &DistrictId, label: &str| {
            let d = roster.districts.get(d)?;
            index.resolve_at(d, label).map(|(k, id)| (k, id.to_string()))
        };
        // Exactly as the roster writes them (no index needed), and as a commission may write them.
        assert_eq!(found(&d1, "b1"), Some((1, "b1".into())));
        assert_eq!(found(&d1, "Бекова Гүл"), Some((1, "b1".into())));
        assert_eq!(found(&d1, "  БЕКОВА  гүл "), Some((1, "b1".into())));
        assert_eq!(found(&d1, "B1"), Some((1, "b1".into())));
        assert_eq!(found(&d2, "Әлиев Асқар"), Some((0, "a2".into())));
        // Not in that district, destroyed letters, nobody.
        assert_eq!(found(&d2, "b1"), None);
        assert_eq!(found(&d1, "?лиев Асқар"), None);
        assert_eq!(found(&d1, "c9"), None);
        assert!(index.is_candidate_anywhere("бекова гүл") && !index.is_candidate_anywhere("c9"));
        // Surname and initials, or the surname alone, where no other candidate of the district shares them.
        assert_eq!(found(&d1, "Бекова Г."), Some((1, "b1".into())));
        assert_eq!(found(&d1, "Г. Бекова"), Some((1, "b1".into())));
        assert_eq!(found(&d1, "Әлиев"), Some((0, "a1".into())));
        assert_eq!(found(&d1, "Бек"), None, "a part of a surname is no surname");
    }

    #[test]
    fn a_surname_two_candidates_share_names_neither() {
        let file = |name: &str, text| crate::input::roster::RosterFile {
            name: name.into(),
            encoding: ("utf-8", false),
            text,
            sheet: None,
        };
        let p = "district_id,district_name,precinct_id,voters_on_list\n01,A,0101,500\n";
        let c = "district_id,candidate_id,candidate_name,nominated_by\n01,s,Иванов Сергей,x\n01,p,Иванов Пётр,x\n";
        let (roster, _) =
            crate::input::roster::read_roster(&file("p.csv", p), &file("c.csv", c), None, None).expect("a roster");
        let index = CandidateIndex::new(&roster);
        let d = DistrictId::parse("01");
        assert_eq!(index.resolve(&d, "Иванов"), None, "two Ивановs: the surname alone names neither");
        assert_eq!(index.resolve(&d, "Иванов С."), Some("s"));
        assert_eq!(index.resolve(&d, "П. Иванов"), Some("p"));
    }
}
