//! The message catalogue: every finding, notice and rule-set summary rendered from its code and values, one module
//! per language. Nothing below the report layer builds a sentence; it hands over values. Codes (E404…), ids and
//! JSON keys are the same in every language; the JSON results always carry the English text, so that they are the
//! same bytes whatever the language of the terminal.

pub mod en;
pub mod kk;
pub mod ru;

use crate::check::Finding;
use crate::decide::Notice;
use crate::rules::RuleSet;

/// The language of the messages and labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Kazakh.
    Kk,
    /// Russian.
    Ru,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The language a locale names (`kk_KZ.UTF-8` → Kazakh, `ru_RU` → Russian), if it is one of the three.
    pub fn of_locale(locale: &str) -> Option<Lang> {
        let l = locale.trim().to_ascii_lowercase();
        if l.starts_with("kk") {
            Some(Lang::Kk)
        } else if l.starts_with("ru") {
            Some(Lang::Ru)
        } else if l.starts_with("en") || l == "c" || l.starts_with("c.") || l == "posix" {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// A finding's message in `lang`.
pub fn finding(f: &Finding, lang: Lang) -> String {
    match lang {
        Lang::En => en::finding(f.code, &f.detail),
        Lang::Ru => ru::finding(f.code, &f.detail),
        Lang::Kk => kk::finding(f.code, &f.detail),
    }
}

/// A notice's message in `lang`.
pub fn notice(n: &Notice, lang: Lang) -> String {
    match lang {
        Lang::En => en::notice(&n.detail),
        Lang::Ru => ru::notice(&n.detail),
        Lang::Kk => kk::notice(&n.detail),
    }
}

/// A rule set's settings in words, in `lang`.
pub fn rules(r: &RuleSet, lang: Lang) -> String {
    match lang {
        Lang::En => en::rules(r),
        Lang::Ru => ru::rules(r),
        Lang::Kk => kk::rules(r),
    }
}

/// What a code means, in one line of `lang`.
pub fn title(code: crate::check::Code, lang: Lang) -> &'static str {
    match lang {
        Lang::En => code.title(),
        Lang::Ru => ru::title(code),
        Lang::Kk => kk::title(code),
    }
}

/// "error" or "warning" in `lang`.
pub fn severity(s: crate::check::Severity, lang: Lang) -> &'static str {
    use crate::check::Severity::*;
    match (lang, s) {
        (Lang::En, Error) => "error",
        (Lang::En, Warning) => "warning",
        (Lang::Ru, Error) => "ошибка",
        (Lang::Ru, Warning) => "предупреждение",
        (Lang::Kk, Error) => "қате",
        (Lang::Kk, Warning) => "ескерту",
    }
}

/// What a finding concerns, after its message: ` [district 01, precinct 0102]`, or nothing.
pub fn concerns(district: Option<&str>, precinct: Option<&str>, lang: Lang) -> String {
    let (d, p) = match lang {
        Lang::En => ("district", "precinct"),
        Lang::Ru => ("округ", "участок"),
        Lang::Kk => ("округ", "учаске"),
    };
    match (district, precinct) {
        (Some(di), Some(pi)) => format!(" [{d} {di}, {p} {pi}]"),
        (Some(di), None) => format!(" [{d} {di}]"),
        (None, Some(pi)) => format!(" [{p} {pi}]"),
        (None, None) => String::new(),
    }
}

/// `2 errors, 1 warning` in `lang`.
pub fn tally_of_findings(errors: usize, warnings: usize, lang: Lang) -> String {
    match lang {
        Lang::En => {
            let plural = |n: usize, w: &str| if n == 1 { format!("1 {w}") } else { format!("{n} {w}s") };
            format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
        }
        Lang::Ru => format!(
            "{} {}, {} {}",
            errors,
            russian_plural(errors, ["ошибка", "ошибки", "ошибок"]),
            warnings,
            russian_plural(warnings, ["предупреждение", "предупреждения", "предупреждений"])
        ),
        // Kazakh does not inflect a noun after a number.
        Lang::Kk => format!("{errors} қате, {warnings} ескерту"),
    }
}

/// The Russian form of a noun after `n`: one, few, many (`1 ошибка`, `3 ошибки`, `5 ошибок`, `21 ошибка`).
pub fn russian_plural(n: usize, forms: [&'static str; 3]) -> &'static str {
    match (n % 10, n % 100) {
        (1, h) if h != 11 => forms[0],
        (2..=4, h) if !(12..=14).contains(&h) => forms[1],
        _ => forms[2],
    }
}

/// How a candidate was nominated, in `lang`: a self-nomination in the language's words (written in any of the
/// three), a party by its own name.
pub fn nomination(nominated_by: &str, lang: Lang) -> &str {
    let n = nominated_by.trim().to_lowercase();
    let own = [
        "self-nominated",
        "self nominated",
        "самовыдвиженец",
        "самовыдвижение",
        "өзін-өзі ұсынған",
        "өзін-өзі ұсыну",
        "өзін-өзі ұсынушы",
    ];
    if !own.contains(&n.as_str()) {
        return nominated_by;
    }
    match lang {
        Lang::En => "self-nominated",
        Lang::Ru => "самовыдвиженец",
        Lang::Kk => "өзін-өзі ұсынған",
    }
}

/// A count with `sep` between thousands (`21 648`).
pub fn grouped(n: impl Into<u128>, sep: char) -> String {
    let digits = n.into().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// A count as Kazakh and Russian write it: a no-break space between thousands.
/// A character as Unicode numbers it: `U+200B`.
fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

fn group(n: impl Into<u128>) -> String {
    grouped(n, '\u{a0}')
}

/// A share as `lang` writes it: `56.07%` in English, `56,07 %` in Kazakh and Russian; `—` when unknown.
pub fn share(r: Option<crate::decide::Ratio>, lang: Lang) -> String {
    match (r, lang) {
        (None, _) => "—".to_string(),
        (Some(r), Lang::En) => format!("{}%", r.percent()),
        (Some(r), _) => percent(r.percent()),
    }
}

/// A whole number that may be negative, as Kazakh and Russian write it: `−1 234`.
fn signed(v: i128) -> String {
    if v < 0 { format!("−{}", group(v.unsigned_abs())) } else { group(v as u128) }
}

/// A suggested column in quotes: a protocol line's key as `line` names that line in the language (any other key
/// as it is).
fn suggested(s: &crate::check::ColumnSuggestion, line: fn(crate::model::Line) -> &'static str) -> String {
    let key = crate::model::Line::ALL.iter().find(|l| l.key() == s.key).map_or(s.key.as_str(), |l| line(*l));
    format!("«{key}»")
}

/// A figure's name (a protocol line, or the votes for a candidate) in `lang`.
pub fn named(n: &crate::check::Named, lang: Lang) -> String {
    match lang {
        Lang::En => en::named(n),
        Lang::Ru => ru::named(n),
        Lang::Kk => kk::named(n),
    }
}

/// A percentage written with a point (`66.67`) as Kazakh and Russian write it: `66,67 %`.
fn percent(p: String) -> String {
    format!("{}\u{a0}%", p.replace('.', ","))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::*;
    use crate::decide::{AgainstAllOutcome, AnnulBasis, NoticeCode, NoticeDetail, Ratio, TieOutcome};
    use crate::model::{Count, Line, Location};
    use crate::rules::{Law, Percent};

    /// A finding of each code, built from values, and a value its message must show. The match has no `_` arm: a
    /// new code cannot be added without an example here.
    fn example(code: Code) -> (Detail, &'static str) {
        use Code::*;
        let s = |v: &str| v.to_string();
        let at = Location::new(&"r.csv".into(), 7, 3);
        match code {
            FileUnreadable => (
                Detail::CannotRead { trouble: IoTrouble { kind: IoKind::NoPermission, text: s("permission denied") } },
                "no permission to read it",
            ),
            NotText => (Detail::NotText(crate::check::NotText::NulByte { at: 777 }), "777"),
            EmptyFile => (Detail::Empty, "empty"),
            NoDelimiter => (Detail::DelimitersTie { first: ';', second: '\t' }, "tab"),
            MalformedCsv => (Detail::QuoteLeftOpen, "quote"),
            MissingColumn => (Detail::NoPrecinctColumn { header: s("Аудан, X7") }, "Аудан, X7"),
            UnknownColumn => (
                Detail::UnknownColumn {
                    header: s("Сайлаушылар"),
                    trouble: LabelTrouble::MixedScripts,
                    suggestion: Some(ColumnSuggestion {
                        key: s("voters_on_list"), near: Some(s("Сайлаушылар саны"))
                    }),
                },
                "did you mean \"voters_on_list\" («Сайлаушылар саны»)?",
            ),
            DuplicateColumn => (
                Detail::DuplicateColumn { header: s("B2"), first_column: 4, first_header: s("A1") },
                "column 4 (\"A1\")",
            ),
            RaggedRow => (Detail::RaggedRow { fields: 9, width: 8 }, "9 fields"),
            BlankId => (Detail::BlankPrecinct, "blank"),
            FieldTooLarge => (Detail::FieldTooLarge { bytes: 70_000, limit: 65_536 }, "70000"),
            TooManyColumns => (Detail::TooManyColumns { columns: 5_000, limit: 4_096 }, "5000"),
            NoRows => (Detail::NoRows, "no rows"),
            FiguresAboveHeader => (Detail::FiguresAboveHeader { header_line: 5, precinct: s("0104") }, "0104"),
            TooManyProblems => (Detail::TooMany { listed: 10_000, more: 42 }, "42 more"),
            NotWholeNumber => (
                Detail::BadFigure {
                    what: Named::VotesFor { id: s("c7"), name: s("Әлиев Асқар") },
                    number: BadNumber::NotWhole(s("1.5")),
                },
                "votes for c7: \"1.5\"",
            ),
            NegativeNumber => (
                Detail::BadFigure { what: Named::Line(Line::BallotsIssued), number: BadNumber::Negative(s("-3")) },
                "ballots_issued: \"-3\"",
            ),
            NumberTooLarge => (
                Detail::BadFigure {
                    what: Named::Line(Line::VotersOnList),
                    number: BadNumber::TooLarge(s("99999999999999999999")),
                },
                "99999999999999999999",
            ),
            SumOverflow => (Detail::SumOverflow { district: s("D9") }, "D9"),
            WordsUnreadable => (Detail::WordsUnreadable { words: s("үш жүз ?"), figure: Count(300) }, "300"),
            WordsDisagree => {
                (Detail::WordsDisagree { figure: Count(350), words: s("триста"), in_words: 300, column: 6 }, "column 6")
            }
            UnknownPrecinct => (
                Detail::UnknownPrecinct { precinct: s("101"), suggestion: Some(s("0101")), unseen: None, long: false },
                "did you mean \"0101\"",
            ),
            WrongDistrict => (
                Detail::WrongDistrict { precinct: s("0101"), claimed: s("02"), district: s("01") },
                "under district 02",
            ),
            UnregisteredCandidate => (
                Detail::UnregisteredCandidate {
                    label: s("Бекова"),
                    cell: s("12"),
                    district: s("02"),
                    precinct: s("0201"),
                    suggestion: None,
                },
                "\"Бекова\" = 12",
            ),
            ConflictingCopies => (
                Detail::ConflictingCopies {
                    precinct: s("0102"),
                    differences: vec![CopyDifference {
                        item: Named::Line(Line::BallotsInvalid),
                        first: (Some(Count(4)), at.clone()),
                        other: (None, at.clone()),
                    }],
                },
                "ballots_invalid 4 at r.csv:7:3 but blank at r.csv:7:3",
            ),
            UnknownDistrict => (
                Detail::UnknownDistrict {
                    claimed: s("99"),
                    precinct: s("0101"),
                    district: s("01"),
                    unseen: None,
                    zeros_dropped: false,
                },
                "district \"99\"",
            ),
            MissingVotes => (
                Detail::MissingVotes { precinct: s("0101"), candidate_id: s("c2"), candidate_name: s("Әлиев") },
                "c2 (Әлиев)",
            ),
            MissingLine => {
                (Detail::MissingLine { precinct: s("0101"), line: Line::AgainstAll, no_column: false }, "against_all")
            }
            ZeroProtocol => (Detail::ZeroProtocol { precinct: s("0105") }, "0105"),
            RosterDuplicatePrecinct => (Detail::PrecinctTwice { precinct: s("0101"), first_line: 3 }, "line 3"),
            RosterUnknownDistrict => {
                (Detail::PrecinctInUnlistedDistrict { precinct: s("0101"), district: s("07") }, "district 07")
            }
            RosterNoCandidates => (
                Detail::DistrictWithoutCandidates { district: s("03"), name: s("Ақсу"), file: s("c.csv") },
                "03 (Ақсу)",
            ),
            RosterDuplicateCandidate => (
                Detail::CandidateTwice { by_name: true, said: s("Бекова Гүл"), district: s("01"), line: 4 },
                "name \"Бекова Гүл\"",
            ),
            RosterDistrictName => (
                Detail::DistrictNamedTwice {
                    district: s("01"),
                    here: s("Ақсу"),
                    there: s("Аксу"),
                    file: s("d.csv"),
                    line: 2,
                },
                "d.csv:2",
            ),
            RosterBlankField => (Detail::BlankField { field: s("candidate_name") }, "candidate_name"),
            RosterNoPrecincts => {
                (Detail::DistrictWithoutPrecincts { district: s("04"), name: s("Көл"), file: s("p.csv") }, "04 (Көл)")
            }
            RosterCandidateLikeALine => (Detail::CandidateLikeALine { name: s("Против всех") }, "Против всех"),
            RosterTwinIds => (
                Detail::TwinIds {
                    district: false,
                    id: s("E101"),
                    other: s("Е101"),
                    other_line: 4,
                    unseen: crate::model::unseen::Unseen::LookAlike { given: 'E', other: 'Е' },
                },
                "U+0415",
            ),
            IssuedOverList => (
                Detail::IssuedOverList { issued: Count(510), voters: Count(500), from_roster: true },
                "500 voters on the list (roster)",
            ),
            ReceivedBalance => (
                Detail::ReceivedBalance {
                    received: Count(600),
                    issued: Count(500),
                    cancelled: Count(90),
                    lost: 1,
                    unaccounted: 2,
                    sum: 589,
                },
                "= 589",
            ),
            BoxBalance => {
                (Detail::BoxBalance { in_box: Count(480), invalid: Count(5), valid: Count(470), sum: 475 }, "= 475")
            }
            ValidBalance => (
                Detail::ValidBalance {
                    valid: Count(470),
                    votes: VotesSum { against_all: true, invalid: false },
                    sum: 468,
                },
                "against all + votes for the candidates = 468",
            ),
            BoxVotesBalance => (
                Detail::BoxVotesBalance {
                    in_box: Count(480),
                    invalid: Count(5),
                    votes: VotesSum { against_all: false, invalid: false },
                    sum: 478,
                },
                "invalid 5 + votes for the candidates = 478",
            ),
            BoxOverIssued => (Detail::BoxAgainstIssued { in_box: Count(510), issued: Count(500) }, "only 500 issued"),
            VotesOverIssued => (
                Detail::VotesAgainstIssued {
                    votes: VotesSum { against_all: true, invalid: true },
                    sum: 505,
                    issued: Count(500),
                },
                "= 505, more than the 500",
            ),
            PartsBalance => (
                Detail::PartsBalance {
                    whole: Line::BallotsIssued,
                    value: Count(500),
                    parts: vec![Line::BallotsIssuedInPremises],
                    sum: 501,
                    all: false,
                },
                "add up to 501, more than the whole",
            ),
            PortableOverRequests => {
                (Detail::PortableOverRequests { ballots: Count(12), requests: Count(10) }, "only 10 written requests")
            }
            TitleRows => (
                Detail::TitleRows { header_line: 3, rows: vec![(1, s("Хаттама")), (2, s("2025"))] },
                "line 1 \"Хаттама\", line 2 \"2025\"",
            ),
            TotalsDisagree => {
                (Detail::TotalsDisagree { label: s("Итого"), said: Count(900), what: s("c1"), sum: 899 }, "up to 899")
            }
            DamagedLetters => (
                Detail::DamagedLetters { cell: s("?лиев"), others: 3, encoding: s("windows-1251") },
                "and 3 other cell(s)",
            ),
            TooManyWarnings => (Detail::TooMany { listed: 10_000, more: 5 }, "10000 warnings"),
            DuplicateCopy => (Detail::DuplicateCopy { precinct: s("0102"), first_at: at.clone() }, "r.csv:7:3"),
            OtherDistrictZero => (
                Detail::OtherDistrictZero { label: s("Бекова"), district: s("02"), precinct: s("0201") },
                "district 02 of precinct 0201",
            ),
            RosterMixedScript => (Detail::MixedScript { name: s("Aлиев"), district: s("01") }, "\"Aлиев\""),
            RosterLookalikes => (
                Detail::Lookalikes {
                    first: (s("a"), s("Әлиев")), second: (s("b"), s("Әлиeв")), district: s("01")
                },
                "a \"Әлиев\" and b \"Әлиeв\"",
            ),
            RosterFewCandidates => {
                (Detail::FewCandidates { district: s("05"), candidates: 1 }, "1 registered candidate:")
            }
            RosterBlankNomination => (Detail::BlankNomination, "nominated_by"),
            BoxUnderIssued => {
                (Detail::BoxAgainstIssued { in_box: Count(490), issued: Count(500) }, "490 ballots in the box, 500")
            }
            VotesUnderIssued => (
                Detail::VotesAgainstIssued {
                    votes: VotesSum { against_all: false, invalid: false },
                    sum: 495,
                    issued: Count(500),
                },
                "= 495, fewer than the 500",
            ),
            ReceivedOverReserve => (
                Detail::ReceivedOverReserve { received: Count(520), voters: Count(500), reserve: 505 },
                "reserve (505)",
            ),
        }
    }

    #[test]
    fn every_code_renders_its_values_in_a_whole_sentence() {
        for &code in Code::ALL {
            let (detail, shown) = example(code);
            let f = Finding::new(code, None, detail);
            let m = finding(&f, Lang::En);
            assert!(m.contains(shown), "{code}: «{m}» does not show «{shown}»");
            assert!(!m.contains('{') && !m.contains('}') && !m.ends_with(' ') && !m.contains("  "), "{code}: «{m}»");
        }
    }

    /// Words of Latin letters that a Kazakh or Russian message may hold: formats, programs, options, encodings
    /// and the like, never English words.
    const ALLOWED_LATIN: &[&str] = &[
        "csv",
        "utf",
        "excel",
        "libreoffice",
        "xlsx",
        "xls",
        "ods",
        "encoding",
        "ignore",
        "column",
        "columns",
        "sheet",
        "election",
        "date",
        "nominated_by",
        "precinct_id",
        "districts",
        "nul",
        "windows",
        "koi8",
        "kz",
        "alt",
        "enter",
        "unicode",
    ];

    /// The words of Latin letters in `text` that are not values of the finding (quoted in its `Debug`) and not
    /// allowed.
    fn english_words(text: &str, values: &str) -> Vec<String> {
        let quoted: Vec<String> = values.split('"').skip(1).step_by(2).map(|v| v.to_lowercase()).collect();
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| w.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2)
            .map(str::to_lowercase)
            .filter(|w| !ALLOWED_LATIN.contains(&w.as_str()) && !quoted.iter().any(|q| q.contains(w.as_str())))
            .collect()
    }

    #[test]
    fn every_code_has_a_kazakh_and_a_russian_message_with_its_values_and_no_english() {
        for &code in Code::ALL {
            for lang in [Lang::Kk, Lang::Ru] {
                let t = title(code, lang);
                assert!(english_words(t, "").is_empty() && t != code.title(), "{code} in {lang:?}: «{t}»");
            }
            let (detail, _) = example(code);
            let values = format!("{detail:?}");
            let f = Finding::new(code, None, detail);
            let english = finding(&f, Lang::En);
            for lang in [Lang::Kk, Lang::Ru] {
                let m = finding(&f, lang);
                assert_ne!(m, english, "{code} in {lang:?}");
                assert!(!m.contains('{') && !m.contains('}') && !m.contains("  "), "{code} in {lang:?}: «{m}»");
                let words = english_words(&m, &values);
                assert!(words.is_empty(), "{code} in {lang:?}: «{m}» has {words:?}");
            }
        }
    }

    #[test]
    fn every_notice_renders_its_values_in_a_whole_sentence() {
        let s = |v: &str| v.to_string();
        let ratio = Ratio::new(2, 3).expect("a ratio");
        for &code in NoticeCode::ALL {
            let (detail, shown) = match code {
                NoticeCode::AgainstAllLeads => (
                    NoticeDetail::AgainstAllLeads {
                        votes: Count(60),
                        top: Count(50),
                        outcome: AgainstAllOutcome::LawElectsTop,
                    },
                    "got 60 votes, more than any candidate (50); it does not decide the race",
                ),
                NoticeCode::TieBrokenByLot => (
                    NoticeDetail::Tied {
                        names: vec![s("Әлиев"), s("Бекова")],
                        votes: Count(40),
                        outcome: TieOutcome::Lot(s("Бекова")),
                    },
                    "Әлиев, Бекова tied with 40 votes each; Бекова elected by a lot",
                ),
                NoticeCode::Annulled => (
                    NoticeDetail::Annulled {
                        precinct: s("0102"),
                        grounds: Some(s("ballots outside the box")),
                        basis: AnnulBasis::NotInForce(Law::Kz2023),
                        set_aside: 2,
                    },
                    "the law in force (kz-2023) had no precinct-level annulment",
                ),
                NoticeCode::Missing => (
                    NoticeDetail::Missing { reporting: 2, total: 4, missing: vec![s("0103"), s("0104")] },
                    "2 of 4 precincts reporting; no protocol for 0103, 0104",
                ),
                NoticeCode::Tied => (
                    NoticeDetail::Tied {
                        names: vec![s("Әлиев"), s("Бекова")],
                        votes: Count(40),
                        outcome: TieOutcome::Repeat(Some(Law::Kz2026)),
                    },
                    "orders repeat voting within a month",
                ),
                NoticeCode::LowTurnout => (
                    NoticeDetail::LowTurnout { turnout: ratio, min: Percent(7000) },
                    "turnout 66.67% is below the minimum of 70.00%",
                ),
                NoticeCode::LowSoleShare => (
                    NoticeDetail::LowSoleShare { name: s("Әлиев"), share: Some(ratio), min: Percent(7000) },
                    "Әлиев, got 66.67%",
                ),
                NoticeCode::TieBreakUnused => {
                    (NoticeDetail::LotNotAmongTied { candidate: s("c3") }, "names c3, who is not among")
                }
                NoticeCode::Blocked => (
                    NoticeDetail::Blocked { errors: vec![(Code::ValidBalance, None)], more: 6 },
                    "(7 errors: E404, and 6 more)",
                ),
                NoticeCode::RuleUncheckable => (
                    NoticeDetail::TurnoutUnknown { min: Percent(5000), base: Line::BallotsIssued },
                    "ballots_issued are unknown",
                ),
                NoticeCode::NoneCounted => (NoticeDetail::NoneCounted { precincts: 3 }, "(all 3 annulled)"),
                NoticeCode::CouldChange => (
                    NoticeDetail::CouldChange {
                        voters: Some(Count(390)),
                        missing: vec![s("0304")],
                        lead: Count(412),
                        can: false,
                    },
                    "the 390 voters on the list of 0304 cannot overturn a lead of 412",
                ),
                NoticeCode::DeclaredInvalid => (
                    NoticeDetail::DeclaredInvalid { grounds: Some(s("stuffing")), law: Some(Law::Kz2026) },
                    "on the grounds: stuffing: it orders repeat voting (Art. 113-11 p.2; Art. 113-9)",
                ),
            };
            let values = format!("{detail:?}");
            let n = Notice { code, detail };
            let m = notice(&n, Lang::En);
            assert!(m.contains(shown), "{code:?}: «{m}» does not show «{shown}»");
            assert!(!m.contains('{') && !m.contains('}'), "{code:?}: «{m}»");
            for lang in [Lang::Kk, Lang::Ru] {
                let m = notice(&n, lang);
                let words = english_words(&m, &values);
                assert!(words.is_empty() && !m.contains('{'), "{code:?} in {lang:?}: «{m}» has {words:?}");
            }
        }
    }

    #[test]
    fn a_rule_set_is_described_with_the_law_it_follows() {
        let m = en::rules(&crate::rules::RuleSet::kz_rural_akim(None));
        assert!(m.starts_with("kz-rural-akim: law kz-2026") && m.contains("newest version"), "{m}");
        for lang in [Lang::Kk, Lang::Ru] {
            let m = rules(&crate::rules::RuleSet::kz_rural_akim(Some("2025-10-19")), lang);
            let words = english_words(&m, "\"kz-rural-akim\" \"156-VII\" \"2025-10-19\"");
            assert!(words.is_empty() && m.contains("156-VII"), "{lang:?}: «{m}» has {words:?}");
        }
        let m = en::rules(&crate::rules::RuleSet::kz_rural_akim(Some("2025-10-19")));
        assert!(m.contains("kz-2023 (law 156-VII") && m.contains("in force on election day 2025-10-19"), "{m}");
    }
}
