//! Header names: how real protocols and spreadsheets name the columns, in English, Russian and Kazakh, and the
//! normalisation that lets «Число недействительных избирательных бюллетеней» and `ballots_invalid` meet.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::IsNormalized;
use unicode_normalization::UnicodeNormalization;

use crate::model::Line;

/// What a header cell means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Column {
    /// The district id.
    District,
    /// The precinct id.
    Precinct,
    /// The item of a long file.
    Item,
    /// The value of a long file.
    Value,
    /// A protocol line.
    Line(Line),
    /// A known column that carries no count (names, regions): read past.
    Info,
}

/// Normalises a name for matching: Unicode NFKC, lower case, `ё` as `е`, every run of punctuation, spaces or
/// underscores as one space, trimmed.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, &mut out);
    out
}

/// [`normalize`] into `out` (its text replaced), for callers that normalise many names with one buffer.
pub fn normalize_into(s: &str, out: &mut String) {
    out.clear();
    let mut out = Folded { text: out, gap: false };
    // ASCII and the Russian block (Ѐ–џ) are left as they are by NFKC and lower-cased by an offset: names made of
    // them (nearly all) are normalised without the tables.
    if !s.chars().all(|c| c.is_ascii() || ('\u{400}'..='\u{45f}').contains(&c)) {
        return normalize_by_tables(s, out);
    }
    for ch in s.chars() {
        // Every character of the Russian block is a letter.
        match ch {
            'A'..='Z' => out.push(ch.to_ascii_lowercase(), true),
            '\u{400}'..='\u{40f}' => out.push(char::from_u32(ch as u32 + 0x50).unwrap_or(ch), true),
            '\u{410}'..='\u{42f}' => out.push(char::from_u32(ch as u32 + 0x20).unwrap_or(ch), true),
            _ => out.push(ch, !ch.is_ascii() || ch.is_ascii_alphanumeric()),
        }
    }
}

/// [`normalize`] through the Unicode tables, for any text: NFKC (unless the text is in it already), then lower
/// case.
fn normalize_by_tables(s: &str, mut out: Folded) {
    let in_nfkc = unicode_normalization::is_nfkc_quick(s.chars()) == IsNormalized::Yes;
    let composed: Box<dyn Iterator<Item = char>> = if in_nfkc { Box::new(s.chars()) } else { Box::new(s.nfkc()) };
    for ch in composed.flat_map(char::to_lowercase) {
        out.push(ch, ch.is_alphanumeric());
    }
}

/// A name being normalised: letters and digits kept (`ё` as `е`), every run of anything else one space between
/// them.
struct Folded<'a> {
    text: &'a mut String,
    gap: bool,
}

impl Folded<'_> {
    /// Adds a lower-case character, which is a letter or digit when `alphanumeric`.
    fn push(&mut self, ch: char, alphanumeric: bool) {
        if !alphanumeric {
            self.gap = true;
            return;
        }
        if self.gap && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.gap = false;
        self.text.push(if ch == 'ё' { 'е' } else { ch });
    }
}

/// Names of the columns that are not candidates, by what they mean. Matched after [`normalize`].
const ALIASES: &[(&str, &[&str])] = &[
    (
        "district_id",
        &[
            "district",
            "district id",
            "district code",
            "код округа",
            "округ коды",
            "№ округа",
            "номер округа",
            "округ №",
        ],
    ),
    (
        "precinct_id",
        &[
            "precinct",
            "precinct id",
            "precinct no",
            "polling station",
            "№ участка",
            "номер участка",
            "участок",
            "избирательный участок",
            "уик",
            "учаске",
            "учаске нөмірі",
            "№ учаске",
            "сайлау учаскесі",
            // «№ избирательного участка», «Участок №», «№ УИК», «Учаскенің №», as commissions head the column.
            "№ избирательного участка",
            "номер избирательного участка",
            "участок №",
            "№ уик",
            "уик №",
            "учаскенің №",
            "учаске №",
            "учаскенің нөмірі",
            "сайлау учаскесінің нөмірі",
        ],
    ),
    ("item", &["line", "candidate", "option"]),
    ("value", &["votes", "count", "number"]),
    (
        "voters_on_list",
        &[
            "registered voters",
            "voters",
            "число избирателей включенных в список избирателей",
            "число избирателей внесенных в список избирателей",
            "число избирателей внесенных в список",
            "число избирателей включенных в список",
            "избирателей в списке",
            "сайлаушылар тізіміне енгізілген сайлаушылар саны",
            "тізімдегі сайлаушылар саны",
            "общее число избирателей на участке",
            "учаскедегі сайлаушылардың жалпы саны",
        ],
    ),
    (
        "ballots_received",
        &[
            "число избирательных бюллетеней полученных участковой избирательной комиссией",
            "число бюллетеней полученных участковой избирательной комиссией",
            "число бюллетеней полученных участковой комиссией",
            "учаскелік сайлау комиссиясы алған сайлау бюллетеньдерінің саны",
            "учаскелік сайлау комиссиясы алған бюллетеньдер саны",
            "число бюллетеней полученных уик",
            "алынған бюллетеньдер саны",
        ],
    ),
    (
        "ballots_issued",
        &[
            "ballots cast",
            "times counted",
            "число избирателей получивших бюллетени",
            "число избирателей получивших избирательные бюллетени",
            "число избирательных бюллетеней выданных избирателям",
            "число бюллетеней выданных избирателям",
            "бюллетень алған сайлаушылар саны",
            "бюллетеньдер алған сайлаушылар саны",
            "сайлау бюллетеньдерін алған сайлаушылар саны",
        ],
    ),
    (
        "ballots_issued_early",
        &[
            "число избирательных бюллетеней выданных избирателям проголосовавшим досрочно",
            "число бюллетеней выданных досрочно",
            "мерзімінен бұрын берілген бюллетеньдер саны",
        ],
    ),
    (
        "ballots_issued_in_premises",
        &[
            "число избирательных бюллетеней выданных в помещении для голосования в день голосования",
            "число бюллетеней выданных в помещении для голосования",
            "дауыс беру үй-жайында берілген бюллетеньдер саны",
        ],
    ),
    (
        "ballots_issued_outside",
        &[
            "число избирательных бюллетеней выданных вне помещения для голосования в день голосования",
            "число бюллетеней выданных вне помещения для голосования",
            "дауыс беру үй-жайынан тыс жерде берілген бюллетеньдер саны",
        ],
    ),
    (
        "ballots_cancelled",
        &[
            "число погашенных избирательных бюллетеней",
            "число погашенных бюллетеней",
            "число неиспользованных бюллетеней",
            "пайдаланылмаған бюллетеньдер саны",
            "жойылған бюллетеньдер саны",
        ],
    ),
    (
        "ballots_in_box",
        &[
            "число бюллетеней в ящиках для голосования",
            "число избирательных бюллетеней в ящиках для голосования",
            "число бюллетеней обнаруженных в ящиках для голосования",
            "жәшіктердегі бюллетеньдер саны",
            // In Kazakh law the voters who took part are counted from the ballots in the boxes (Art. 43 p.4).
            "took part",
            "voters who took part",
            "общее число избирателей принявших участие в голосовании",
            "число избирателей принявших участие в голосовании",
            "приняли участие в голосовании",
            "дауыс беруге қатысқан сайлаушылардың жалпы саны",
            "дауыс беруге қатысқан сайлаушылар саны",
            "дауыс беруге қатысқандар",
        ],
    ),
    (
        "ballots_in_portable_boxes",
        &[
            "число избирательных бюллетеней в переносных ящиках для голосования",
            "число бюллетеней в переносных ящиках для голосования",
            "число бюллетеней в переносных ящиках",
            "жылжымалы жәшіктердегі бюллетеньдер саны",
        ],
    ),
    (
        "ballots_in_stationary_boxes",
        &[
            "число бюллетеней в стационарных ящиках для голосования",
            "число избирательных бюллетеней в стационарных ящиках для голосования",
            "число бюллетеней в стационарных ящиках",
            "стационарлық жәшіктердегі бюллетеньдер саны",
        ],
    ),
    (
        "ballots_invalid",
        &[
            "invalid",
            "invalid ballots",
            "число недействительных избирательных бюллетеней",
            "число недействительных бюллетеней",
            "недействительные бюллетени",
            "жарамсыз бюллетеньдер саны",
            "жарамсыз деп танылған бюллетеньдер саны",
            "число бюллетеней признанных недействительными",
        ],
    ),
    (
        "ballots_valid",
        &[
            "valid ballots",
            "число действительных избирательных бюллетеней",
            "число действительных бюллетеней",
            "жарамды бюллетеньдер саны",
        ],
    ),
    (
        "ballots_lost",
        &["число утраченных избирательных бюллетеней", "число утраченных бюллетеней", "жоғалған бюллетеньдер саны"],
    ),
    (
        "ballots_unaccounted",
        &[
            "число избирательных бюллетеней не учтенных при получении",
            "число бюллетеней не учтенных при получении",
            "алу кезінде есепке алынбаған бюллетеньдер саны",
        ],
    ),
    (
        "against_all",
        &[
            "против всех",
            "против всех кандидатов",
            "барлығына қарсы",
            "бәріне қарсы",
            "бәріне қарсымын",
            "барлық кандидаттарға қарсы",
            "число бюллетеней с отметкой в строке против всех",
            "бәріне қарсымын деген жолда белгісі бар бюллетеньдер саны",
        ],
    ),
    (
        "outside_requests",
        &[
            "число письменных заявлений о голосовании вне помещения для голосования",
            "число заявлений о голосовании вне помещения",
            "число письменных заявлений о голосовании вне помещения",
            "үй-жайдан тыс жерде дауыс беру туралы жазбаша өтініштер саны",
            "письменные заявления о голосовании вне помещения",
            "дауыс беру үй-жайынан тыс жерде дауыс беруге жазбаша өтініштер саны",
            "үй-жайдан тыс дауыс беруге өтініштер саны",
        ],
    ),
    (
        "voters_with_absentee_certificates",
        &[
            "число избирателей проголосовавших по открепительным удостоверениям",
            "проголосовали по открепительным удостоверениям",
            "сырттай куәліктер бойынша дауыс берген сайлаушылар саны",
            "сырттай куәлік бойынша дауыс бергендер",
        ],
    ),
    (
        "info",
        &[
            "district name",
            "precinct name",
            "region",
            "raion",
            "название округа",
            "наименование округа",
            "наименование сельского округа",
            "округ атауы",
            "округтің атауы",
            "ауылдық округтің атауы",
            "наименование участка",
            "учаске атауы",
            "район",
            "аудан",
        ],
    ),
];

fn column_of_key(key: &str) -> Option<Column> {
    Some(match key {
        "district_id" => Column::District,
        "precinct_id" => Column::Precinct,
        "item" => Column::Item,
        "value" => Column::Value,
        "info" => Column::Info,
        other => Column::Line(*Line::ALL.iter().find(|l| l.key() == other)?),
    })
}

/// Every known name, normalised, with what it means; built once.
fn table() -> &'static HashMap<String, Column> {
    static TABLE: OnceLock<HashMap<String, Column>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = HashMap::new();
        for (key, names) in ALIASES {
            if let Some(c) = column_of_key(key) {
                for name in std::iter::once(key).chain(names.iter()) {
                    t.entry(normalize(name)).or_insert_with(|| c.clone());
                }
            }
        }
        t
    })
}

/// The meaning of a header cell, or `None` when it names no known column (it may still name a candidate).
pub fn classify(header: &str) -> Option<Column> {
    classify_normalized(&normalize(header)).or_else(|| classify_bilingual(header))
}

/// A header that names its column twice, in Kazakh and in Russian, as the official forms do: `Бәріне қарсымын /
/// Против всех`, the second under the first in one cell, or in brackets; a unit in brackets (`(чел.)`, `(адам)`)
/// is read past. Every other part must name the same column; a part that names nothing, or another column, leaves
/// the header unknown.
fn classify_bilingual(header: &str) -> Option<Column> {
    const UNITS: [&str; 5] = ["чел", "шт", "ед", "адам", "дана"];
    let parts: Vec<String> =
        header.split(['/', '|', '\n', '(', ')']).map(normalize).filter(|p| !p.is_empty()).collect();
    let named: Vec<&String> = parts.iter().filter(|p| !UNITS.contains(&p.as_str())).collect();
    if parts.len() < 2 || named.is_empty() {
        return None;
    }
    let column = classify_normalized(named[0])?;
    named[1..].iter().all(|p| classify_normalized(p).as_ref() == Some(&column)).then_some(column)
}

/// [`classify`] of a header already [`normalize`]d.
pub fn classify_normalized(normalized: &str) -> Option<Column> {
    table().get(normalized).cloned()
}

/// What a user's mapping file says a header means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mapped {
    /// A known column.
    Column(Column),
    /// A candidate, by id or name.
    Candidate(String),
    /// A column to read past.
    Ignore,
}

/// A user's own header names (`--columns FILE`): a TOML table from header to key, e.g.
/// `"Кол-во избирателей" = "voters_on_list"`, `"Подпись" = "ignore"`, `"Иванов И.И." = "candidate:ivanov"`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap {
    map: HashMap<String, Mapped>,
}

impl ColumnMap {
    /// Reads a mapping file; every value must be a known key, `ignore`, or `candidate:ID`.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut map = HashMap::new();
        for (header, value) in table {
            let Some(v) = value.as_str() else {
                return Err(format!("\"{header}\": the value must be a key in quotes, e.g. \"voters_on_list\""));
            };
            let mapped = if v == "ignore" {
                Mapped::Ignore
            } else if let Some(c) = v.strip_prefix("candidate:") {
                Mapped::Candidate(c.trim().to_string())
            } else {
                match column_of_key(v) {
                    Some(Column::Info) | None => {
                        return Err(format!(
                            "\"{header}\" = \"{v}\": expected a protocol line key (e.g. ballots_issued), precinct_id, \
                             district_id, item, value, ignore, or candidate:ID"
                        ));
                    }
                    Some(c) => Mapped::Column(c),
                }
            };
            map.insert(normalize(&header), mapped);
        }
        Ok(ColumnMap { map })
    }

    /// What the mapping says of a header, if anything.
    pub fn get(&self, header: &str) -> Option<&Mapped> {
        if self.map.is_empty() { None } else { self.map.get(&normalize(header)) }
    }
}

/// A protocol line named by a long file's `item`, or `None`.
pub fn line_of_item(item: &str) -> Option<Line> {
    match classify(item)? {
        Column::Line(l) => Some(l),
        _ => None,
    }
}

/// Every known column name (keys and aliases), for "did you mean".
pub fn known_names() -> impl Iterator<Item = &'static str> {
    ALIASES.iter().flat_map(|(k, names)| std::iter::once(*k).chain(names.iter().copied()))
}

/// The key a known name stands for (`ballots_invalid` for «число недействительных бюллетеней»).
pub fn key_of(name: &str) -> Option<&'static str> {
    let n = normalize(name);
    ALIASES.iter().find(|(k, names)| normalize(k) == n || names.iter().any(|a| normalize(a) == n)).map(|(k, _)| *k)
}

/// Maps Latin letters that look like Cyrillic ones to the Cyrillic letter (on a normalised, lower-case name), so
/// that «Сейтқалиев» typed with a Latin `C` is seen as close to the registered name.
pub fn fold_lookalikes(s: &str) -> String {
    s.chars().map(fold_lookalike).collect()
}

/// A Latin letter as the Cyrillic letter drawn the same (see [`fold_lookalikes`]); any other character as it is.
pub fn fold_lookalike(c: char) -> char {
    match c {
        'a' => 'а',
        'o' => 'о',
        'c' => 'с',
        'e' => 'е',
        'k' => 'к',
        'p' => 'р',
        't' => 'т',
        'x' => 'х',
        'y' => 'у',
        'h' => 'н',
        'm' => 'м',
        'b' => 'в',
        'i' => 'і',
        other => other,
    }
}

/// Whether a name mixes Latin and Cyrillic letters.
pub fn mixes_scripts(s: &str) -> bool {
    let latin = s.chars().any(|c| c.is_ascii_alphabetic());
    let cyrillic = s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    latin && cyrillic
}

/// Edit distance between two short strings (by characters).
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Names prepared once for "did you mean": each normalised, with its look-alike letters folded.
#[derive(Clone, Debug, Default)]
pub struct Suggester {
    names: Vec<(String, usize, String)>,
}

impl Suggester {
    /// Prepares a list of names.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let names = names
            .into_iter()
            .map(|n| {
                let folded = fold_lookalikes(&normalize(n));
                let len = folded.chars().count();
                (folded, len, n.to_string())
            })
            .collect();
        Suggester { names }
    }

    /// The name closest to `wanted`, if close enough to be a likely typo: the same letters once look-alikes are
    /// folded, or a few edits apart (a quarter of the length). Never used to match, only to suggest.
    pub fn nearest(&self, wanted: &str) -> Option<&str> {
        // A suggestion is for names a person typed; a huge cell (a broken or hostile file) gets none.
        const LONGEST: usize = 100;
        if wanted.chars().count() > LONGEST {
            return None;
        }
        let w = fold_lookalikes(&normalize(wanted));
        let wn = w.chars().count();
        self.names
            .iter()
            .filter_map(|(folded, len, name)| {
                let allowed = ((*len).max(wn) / 4).max(1);
                // The distance is at least the difference in length: most names are ruled out without computing it.
                if len.abs_diff(wn) > allowed {
                    return None;
                }
                let d = distance(&w, folded);
                (d <= allowed).then_some((d, name.as_str()))
            })
            .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
            .map(|(_, name)| name)
    }
}

/// The candidate closest to `wanted` among `names` (see [`Suggester::nearest`]).
pub fn nearest<'a>(wanted: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let names: Vec<&'a str> = names.into_iter().collect();
    let s = Suggester::new(names.iter().copied());
    let found = s.nearest(wanted)?;
    names.into_iter().find(|n| *n == found)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`normalize`] always through the tables.
    fn by_tables(s: &str) -> String {
        let mut out = String::new();
        normalize_by_tables(s, Folded { text: &mut out, gap: false });
        out
    }

    #[test]
    fn the_shortcut_normalises_every_russian_and_ascii_letter_as_the_tables_do() {
        for c in (0u32..0x80).chain(0x400..0x460) {
            let Some(ch) = char::from_u32(c) else { continue };
            let s = format!("a{ch}Б {ch}");
            assert_eq!(normalize(&s), by_tables(&s), "U+{c:04X}");
        }
    }

    proptest::proptest! {
        #[test]
        fn normalises_as_the_tables_do(s in "[a-zA-Z0-9 _.,\\-Ѐ-џәғқңөұүһіӘҒҚҢӨҰҮҺІ\u{301}\u{308}ＡＢ１]{0,16}") {
            proptest::prop_assert_eq!(normalize(&s), by_tables(&s));
        }
    }

    #[test]
    fn normalises_case_space_punctuation_and_yo() {
        assert_eq!(normalize("  Ballots_Issued "), "ballots issued");
        assert_eq!(normalize("ЖҰМАБЕКОВ  Ерлан\u{00a0}Сәкенұлы"), "жұмабеков ерлан сәкенұлы");
        assert_eq!(
            normalize("Число избирательных бюллетеней, не учтённых при получении"),
            normalize("число избирательных бюллетеней не учтенных при получении")
        );
        // A decomposed «й» (и + combining breve), as some programs write it, equals the composed letter.
        assert_eq!(normalize("Бейсенов"), normalize("Беи\u{0306}сенов"));
    }

    #[test]
    fn classifies_keys_and_real_headers() {
        assert_eq!(classify("precinct_id"), Some(Column::Precinct));
        assert_eq!(classify("№ участка"), Some(Column::Precinct));
        assert_eq!(classify("Учаске"), Some(Column::Precinct));
        assert_eq!(
            classify("Число недействительных избирательных бюллетеней"),
            Some(Column::Line(Line::BallotsInvalid))
        );
        assert_eq!(classify("Барлығына қарсы"), Some(Column::Line(Line::AgainstAll)));
        assert_eq!(classify("AGAINST ALL"), Some(Column::Line(Line::AgainstAll)));
        assert_eq!(classify("Иванов Иван"), None);
        // Named twice, in Kazakh and Russian: after a slash, under it in the cell, or in brackets.
        for (twice, line) in [
            ("Бәріне қарсымын / Против всех", Line::AgainstAll),
            ("Бәріне қарсымын\nПротив всех", Line::AgainstAll),
            ("Против всех кандидатов (Бәріне қарсымын)", Line::AgainstAll),
            ("Жарамсыз бюллетеньдер саны | Число недействительных бюллетеней", Line::BallotsInvalid),
        ] {
            assert_eq!(classify(twice), Some(Column::Line(line)), "{twice}");
        }
        // A unit in brackets is read past.
        assert_eq!(classify("Против всех (чел.)"), Some(Column::Line(Line::AgainstAll)));
        assert_eq!(
            classify("Жарамсыз бюллетеньдер саны / Число недействительных бюллетеней (шт.)"),
            Some(Column::Line(Line::BallotsInvalid))
        );
        // Two names of different lines, a part that names nothing, or a unit alone are no known column.
        assert_eq!(classify("Против всех / Жарамсыз бюллетеньдер саны"), None);
        assert_eq!(classify("Против всех (прим.)"), None);
        assert_eq!(classify("(чел.)"), None);
        assert_eq!(classify("Сұлтанов / Султанов"), None);
        for l in Line::ALL {
            assert_eq!(classify(l.key()), Some(Column::Line(l)));
        }
    }

    #[test]
    fn reads_a_users_own_header_names() {
        let m = ColumnMap::from_toml("\"Кол-во избирателей\" = \"voters_on_list\"\n\"Подпись\" = \"ignore\"\n\"Иванов И.И.\" = \"candidate:ivanov\"\n").unwrap();
        assert_eq!(m.get("КОЛ-ВО  ИЗБИРАТЕЛЕЙ"), Some(&Mapped::Column(Column::Line(Line::VotersOnList))));
        assert_eq!(m.get("подпись"), Some(&Mapped::Ignore));
        assert_eq!(m.get("Иванов И. И."), Some(&Mapped::Candidate("ivanov".into())));
        assert_eq!(m.get("other"), None);
        assert!(ColumnMap::from_toml("x = \"votes_total\"").is_err());
        assert!(ColumnMap::from_toml("x = 3").is_err());
    }

    #[test]
    fn suggests_near_misses_only() {
        let names = ["Жұмабеков Ерлан Сәкенұлы", "Сейтқалиева Айгүл"];
        // A Latin "C" and "e" inside a Cyrillic name.
        assert_eq!(nearest("Ceйтқалиева Айгүл", names), Some("Сейтқалиева Айгүл"));
        assert_eq!(nearest("Жумабеков Ерлан Сакенулы", names), Some("Жұмабеков Ерлан Сәкенұлы"));
        assert_eq!(nearest("Петров Пётр", names), None);
        assert!(mixes_scripts("Ceйтқалиева"));
        assert!(!mixes_scripts("Сейтқалиева"));
    }
}

#[cfg(test)]
mod commission_headers {
    use super::*;

    #[test]
    fn reads_the_headers_commissions_write() {
        for h in ["№ избирательного участка", "Участок №", "№ УИК", "Учаскенің №", "№ участка", "Учаске"]
        {
            assert_eq!(classify(h), Some(Column::Precinct), "{h}");
        }
        for h in ["Наименование округа", "Округтің атауы", "Район", "Аудан"] {
            assert_eq!(classify(h), Some(Column::Info), "{h}");
        }
        assert_eq!(classify("№ округа"), Some(Column::District));
    }
}
