//! The results for a person: a block per race with its status in words, its figures, and a table of candidates.

use comfy_table::{CellAlignment, Table, presets};

use crate::decide::{DistrictResult, Status};
use crate::model::Count;
use crate::report::json::DistrictCheck;
use crate::report::text::{self, Lang};
use crate::report::{InputFile, TOOL};
use crate::rules::RuleSet;

fn count(c: Option<Count>) -> String {
    c.map_or("—".to_string(), |c| c.0.to_string())
}

/// The words of the tables, in one language.
struct Words {
    results: &'static str,
    rules: &'static str,
    elected: &'static str,
    tie: &'static str,
    repeat: &'static str,
    incomplete: &'static str,
    blocked: &'static str,
    precincts: &'static str,
    of: &'static str,
    voters: &'static str,
    issued: &'static str,
    took_part: &'static str,
    turnout: &'static str,
    invalid: &'static str,
    head: [&'static str; 5],
    against_all: &'static str,
    inputs: &'static str,
    validation: &'static str,
    check_head: [&'static str; 5],
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            results: "Results",
            rules: "Rules",
            elected: "ELECTED",
            tie: "TIE: {} — no winner until the commission draws lots",
            repeat: "REPEAT ELECTION ({}): no winner — see the notices",
            incomplete: "INCOMPLETE: {} precincts reporting — no winner yet",
            blocked: "NOT DECIDED: errors in the returns hold the race back — correct the returns",
            precincts: "precincts",
            of: "of",
            voters: "voters on list",
            issued: "ballots issued",
            took_part: "took part",
            turnout: "turnout",
            invalid: "invalid",
            head: ["#", "Candidate", "Nominated by", "Votes", "Share"],
            against_all: "Against all",
            inputs: "Inputs (SHA-256):",
            validation: "Validation",
            check_head: ["District", "Name", "Precincts", "Errors", "Missing"],
        },
        Lang::Ru => Words {
            results: "Итоги",
            rules: "Правила",
            elected: "ИЗБРАН",
            tie: "РАВЕНСТВО ГОЛОСОВ: {} — победителя нет, пока комиссия не проведёт жеребьёвку",
            repeat: "ПОВТОРНЫЕ ВЫБОРЫ ({}): победителя нет — см. замечания",
            incomplete: "НЕПОЛНЫЕ ДАННЫЕ: поступило {} протоколов — победителя пока нет",
            blocked: "ИТОГ НЕ ОПРЕДЕЛЁН: ошибки в протоколах не дают решить — исправьте их",
            precincts: "участки",
            of: "из",
            voters: "избирателей в списке",
            issued: "выдано бюллетеней",
            took_part: "приняли участие",
            turnout: "явка",
            invalid: "недействительных",
            head: ["№", "Кандидат", "Кем выдвинут", "Голоса", "Доля"],
            against_all: "Против всех",
            inputs: "Входные файлы (SHA-256):",
            validation: "Проверка",
            check_head: ["Округ", "Название", "Участки", "Ошибки", "Нет протокола"],
        },
        Lang::Kk => Words {
            results: "Қорытындылар",
            rules: "Ережелер",
            elected: "САЙЛАНДЫ",
            tie: "ДАУЫСТАР ТЕҢ: {} — комиссия жеребе тартқанша жеңімпаз жоқ",
            repeat: "ҚАЙТА САЙЛАУ ({}): жеңімпаз жоқ — ескертулерді қараңыз",
            incomplete: "ТОЛЫҚ ЕМЕС: {} хаттама түсті — жеңімпаз әлі жоқ",
            blocked: "НӘТИЖЕ ШЫҒАРЫЛМАДЫ: хаттамалардағы қателер шешуге кедергі — оларды түзетіңіз",
            precincts: "учаскелер",
            of: "/",
            voters: "тізімдегі сайлаушылар",
            issued: "берілген бюллетеньдер",
            took_part: "қатысқандар",
            turnout: "қатысу",
            invalid: "жарамсыз",
            head: ["№", "Кандидат", "Кім ұсынды", "Дауыстар", "Үлесі"],
            against_all: "Бәріне қарсымын",
            inputs: "Кіріс файлдары (SHA-256):",
            validation: "Тексеру",
            check_head: ["Округ", "Атауы", "Учаскелер", "Қателер", "Хаттамасы жоқ"],
        },
    }
}

/// Why a race is a repeat election, in words.
fn reason_words(r: Option<crate::decide::RepeatReason>, lang: Lang) -> String {
    use crate::decide::RepeatReason::*;
    match (lang, r) {
        (Lang::En, r) => r.map_or("rule set", |r| r.as_str()).replace('_', " "),
        (Lang::Ru, Some(Tie)) => "равенство голосов".into(),
        (Lang::Ru, Some(DeclaredInvalid)) => "выборы признаны недействительными".into(),
        (Lang::Ru, Some(MinTurnout)) => "явка ниже минимума".into(),
        (Lang::Ru, Some(AgainstAll)) => "«против всех» впереди".into(),
        (Lang::Ru, Some(SoleCandidateShare)) => "доля единственного кандидата ниже минимума".into(),
        (Lang::Ru, None) => "по правилам".into(),
        (Lang::Kk, Some(Tie)) => "дауыстар тең".into(),
        (Lang::Kk, Some(DeclaredInvalid)) => "сайлау жарамсыз деп танылды".into(),
        (Lang::Kk, Some(MinTurnout)) => "қатысу ең төменгі деңгейден аз".into(),
        (Lang::Kk, Some(AgainstAll)) => "«Бәріне қарсымын» алда".into(),
        (Lang::Kk, Some(SoleCandidateShare)) => "жалғыз кандидаттың үлесі ең төменгі деңгейден аз".into(),
        (Lang::Kk, None) => "ереже бойынша".into(),
    }
}

fn status_line(d: &DistrictResult, w: &Words, lang: Lang) -> String {
    let name_of = |id: &crate::model::CandidateId| {
        d.candidates.iter().find(|c| &c.candidate_id == id).map_or(id.to_string(), |c| c.candidate_name.clone())
    };
    match d.status {
        Status::Elected => format!("{}: {}", w.elected, d.winner.as_ref().map(name_of).unwrap_or_default()),
        Status::Tie => w.tie.replace("{}", &d.tied.iter().map(name_of).collect::<Vec<_>>().join(", ")),
        Status::RepeatElection => w.repeat.replace("{}", &reason_words(d.reason, lang)),
        Status::Incomplete => {
            w.incomplete.replace("{}", &format!("{} {} {}", d.precincts_reporting, w.of, d.precincts_total))
        }
        Status::Blocked => w.blocked.to_string(),
    }
}

/// Renders the results of `tally` as text tables.
pub fn results(rules: &RuleSet, inputs: &[InputFile], districts: &[DistrictResult], lang: Lang) -> String {
    let w = words(lang);
    let mut out = String::new();
    out.push_str(&format!(
        "{} — {} · {}\n{} {}\n",
        w.results,
        races(districts.len(), lang),
        TOOL,
        w.rules,
        text::rules(rules, lang)
    ));
    for d in districts {
        out.push('\n');
        out.push_str(&format!("{}  {}\n", d.district_id, d.district_name));
        out.push_str(&format!("  {}\n", status_line(d, &w, lang)));
        let turnout = text::share(d.turnout, lang);
        out.push_str(&format!(
            "  {} {} {} {} · {} {} · {} {} · {} {} · {} {turnout} · {} {}\n",
            w.precincts,
            d.precincts_reporting,
            w.of,
            d.precincts_total,
            w.voters,
            count(d.voters_on_list),
            w.issued,
            count(d.ballots_issued),
            w.took_part,
            count(d.ballots_in_box),
            w.turnout,
            w.invalid,
            count(d.ballots_invalid)
        ));
        let mut t = Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED);
        t.set_header(w.head.to_vec());
        for c in &d.candidates {
            let share = text::share(c.share, lang);
            let mark = if d.winner.as_ref() == Some(&c.candidate_id) { " ✔" } else { "" };
            t.add_row(vec![
                c.rank.map_or("—".to_string(), |r| r.to_string()),
                format!("{}{mark}", c.candidate_name),
                text::nomination(&c.nominated_by, lang).to_string(),
                c.votes.map_or("—".to_string(), |v| v.to_string()),
                share,
            ]);
        }
        if let Some(a) = d.against_all {
            let base = d.valid_votes.map(|v| v.0).unwrap_or(0);
            let share = text::share(crate::decide::Ratio::new(a.0, base), lang);
            t.add_row(vec![String::new(), w.against_all.to_string(), String::new(), a.to_string(), share]);
        }
        for i in [0, 3, 4] {
            if let Some(col) = t.column_mut(i) {
                col.set_cell_alignment(CellAlignment::Right);
            }
        }
        for line in t.to_string().lines() {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
        for n in &d.notices {
            out.push_str(&format!("  {} {}\n", n.code.as_str(), text::notice(n, lang)));
        }
    }
    out.push('\n');
    out.push_str(&summary(districts, lang));
    out.push('\n');
    out.push_str(w.inputs);
    out.push('\n');
    for f in inputs {
        out.push_str(&format!("  {}  {}\n", f.sha256, f.path));
    }
    out
}

/// `7 races: 3 elected, 1 tie, …`.
pub fn summary(districts: &[DistrictResult], lang: Lang) -> String {
    let mut parts = Vec::new();
    for s in [Status::Elected, Status::Tie, Status::RepeatElection, Status::Incomplete, Status::Blocked] {
        let n = districts.iter().filter(|d| d.status == s).count();
        if n > 0 {
            parts.push(format!("{n} {}", status_count_word(s, lang)));
        }
    }
    format!("{}: {}", races(districts.len(), lang), parts.join(", "))
}

/// `7 races`, in `lang`.
fn races(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{n} race{}", if n == 1 { "" } else { "s" }),
        Lang::Ru => format!("{n} {}", text::russian_plural(n, ["округ", "округа", "округов"])),
        Lang::Kk => format!("{n} округ"),
    }
}

/// A status after a count of races: `3 elected`.
fn status_count_word(s: Status, lang: Lang) -> String {
    match (lang, s) {
        (Lang::En, s) => s.as_str().replace('_', " "),
        (Lang::Ru, Status::Elected) => "аким избран".into(),
        (Lang::Ru, Status::Tie) => "равенство голосов".into(),
        (Lang::Ru, Status::RepeatElection) => "повторные выборы".into(),
        (Lang::Ru, Status::Incomplete) => "неполные данные".into(),
        (Lang::Ru, Status::Blocked) => "итог не определён".into(),
        (Lang::Kk, Status::Elected) => "әкім сайланды".into(),
        (Lang::Kk, Status::Tie) => "дауыстар тең".into(),
        (Lang::Kk, Status::RepeatElection) => "қайта сайлау".into(),
        (Lang::Kk, Status::Incomplete) => "толық емес".into(),
        (Lang::Kk, Status::Blocked) => "нәтиже шығарылмады".into(),
    }
}

/// Renders the report of `validate` as text.
pub fn validation(
    inputs: &[InputFile],
    districts: &[DistrictCheck],
    errors: usize,
    warnings: usize,
    lang: Lang,
) -> String {
    let w = words(lang);
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_header(w.check_head.to_vec());
    for d in districts {
        t.add_row(vec![
            d.district_id.to_string(),
            d.district_name.to_string(),
            format!("{} {} {}", d.precincts_reporting, w.of, d.precincts_total),
            d.errors.to_string(),
            d.missing_precincts.join(", "),
        ]);
    }
    let mut out = format!("{} — {TOOL}\n{t}\n", w.validation);
    out.push_str(&format!("{}\n{}\n", text::tally_of_findings(errors, warnings, lang), w.inputs));
    for f in inputs {
        out.push_str(&format!("  {}  {}\n", f.sha256, f.path));
    }
    out
}
