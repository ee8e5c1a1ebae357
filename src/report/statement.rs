//! The statement a territorial commission publishes on the results of each race (Art. 44 p.5): in Kazakh and
//! Russian, as plain text and as a page to print. It gives the election day, the voters on the lists, the voters
//! who took part, the number of candidates, the voters with absentee certificates and those outside the premises,
//! the races going to a repeat election, the votes for each candidate and against all, and the winner's name, year
//! of birth, position, place of residence and party.

use std::fmt::Write;

use crate::decide::{DistrictResult, RepeatReason, Status};
use crate::model::{Count, Roster};
use crate::report::html::{Lang, esc};
use crate::report::text::grouped;
use crate::rules::{Law, Repeat, RuleSet};

/// One race's statement: its title (the district) and its lines.
pub struct Section {
    /// The district's name.
    pub title: String,
    /// The statement's lines, in order.
    pub lines: Vec<String>,
}

/// A count as the locale writes it: thousands parted by a (no-break) space, `21 648`; "—" when unknown.
fn count(c: Option<Count>) -> String {
    c.map_or("—".to_string(), |c| grouped(c.0, '\u{a0}'))
}

/// The words of a statement in Kazakh or Russian (English falls back to Russian: a statement is published in the
/// state and the official language).
struct Words {
    heading: &'static str,
    date: &'static str,
    on_lists: &'static str,
    took_part: &'static str,
    candidates: &'static str,
    absentee: &'static str,
    outside: &'static str,
    votes_for_each: &'static str,
    against_all: &'static str,
    elected: &'static str,
    born: &'static str,
    lives: &'static str,
    repeat_elections: &'static str,
    repeat_voting: &'static str,
    tie: &'static str,
    declared_invalid: &'static str,
    not_final: &'static str,
    repeat_list: &'static str,
    none: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Kk => Words {
            heading: "Аумақтық сайлау комиссиясының әкім сайлауының қорытындылары туралы хабарламасы",
            date: "Сайлау күні",
            on_lists: "Сайлаушылар тізімдеріне енгізілген сайлаушылар саны",
            took_part: "Дауыс беруге қатысқан сайлаушылар саны",
            candidates: "Кандидаттар саны",
            absentee: "Сырттай куәліктер бойынша дауыс берген сайлаушылар саны",
            outside: "Дауыс беру үй-жайынан тыс жерде дауыс берген сайлаушылар саны",
            votes_for_each: "Әрбір кандидат үшін берілген дауыстар саны",
            against_all: "«Бәріне қарсымын»",
            elected: "Әкім болып сайланды",
            born: "жылы туған",
            lives: "тұрғылықты жері",
            repeat_elections: "қайта сайлау",
            repeat_voting: "қайта дауыс беру",
            tie: "кандидаттар бірдей ең көп дауыс жинады (113-9-бап)",
            declared_invalid: "аумақтық сайлау комиссиясы сайлауды жарамсыз деп таныды (113-11-бап)",
            not_final: "Қорытындылар әлі белгіленген жоқ: барлық хаттамалар түспеді немесе оларда қателер бар",
            repeat_list: "Қайта сайлау (қайта дауыс беру) өткізілетін округтер",
            none: "жоқ",
        },
        Lang::Ru | Lang::En => Words {
            heading: "Сообщение территориальной избирательной комиссии об итогах выборов акима",
            date: "Дата выборов",
            on_lists: "Число избирателей, включённых в списки избирателей",
            took_part: "Число избирателей, принявших участие в голосовании",
            candidates: "Число кандидатов",
            absentee: "Число избирателей, проголосовавших по открепительным удостоверениям",
            outside: "Число избирателей, проголосовавших вне помещения для голосования",
            votes_for_each: "Число голосов, поданных за каждого кандидата",
            against_all: "«Против всех»",
            elected: "Избран акимом",
            born: "года рождения",
            lives: "место жительства",
            repeat_elections: "повторные выборы",
            repeat_voting: "повторное голосование",
            tie: "кандидаты набрали наибольшее одинаковое количество голосов (ст. 113-9)",
            declared_invalid: "территориальная избирательная комиссия признала выборы недействительными (ст. 113-11)",
            not_final: "Итоги ещё не установлены: поступили не все протоколы или в них есть ошибки",
            repeat_list: "Округа, в которых проводятся повторные выборы (повторное голосование)",
            none: "нет",
        },
    }
}

/// The statement of every race.
pub fn sections(
    lang: Lang,
    roster: &Roster,
    rules: &RuleSet,
    date: Option<&str>,
    districts: &[DistrictResult],
) -> Vec<Section> {
    let w = words(lang);
    let repeat = match rules.law().map(Law::repeat) {
        Some(Repeat::Voting) => w.repeat_voting,
        _ => w.repeat_elections,
    };
    districts
        .iter()
        .map(|d| {
            let mut lines = vec![
                format!("{}: {}", w.date, date.unwrap_or("—")),
                format!("{}: {}", w.on_lists, count(d.voters_on_list)),
                format!("{}: {}", w.took_part, count(d.ballots_in_box)),
                format!("{}: {}", w.candidates, d.candidates.len()),
                format!("{}: {}", w.absentee, count(d.voters_with_absentee_certificates)),
                format!("{}: {}", w.outside, count(d.voters_outside)),
            ];
            match d.status {
                Status::Blocked | Status::Incomplete => lines.push(w.not_final.to_string()),
                _ => {
                    lines.push(format!("{}:", w.votes_for_each));
                    for c in &d.candidates {
                        lines.push(format!("  {} — {}", c.candidate_name, count(c.votes)));
                    }
                    lines.push(format!("  {} — {}", w.against_all, count(d.against_all)));
                }
            }
            if d.status == Status::RepeatElection {
                let why = match d.reason {
                    Some(RepeatReason::Tie) => w.tie,
                    Some(RepeatReason::DeclaredInvalid) => w.declared_invalid,
                    _ => "",
                };
                let why = if why.is_empty() { String::new() } else { format!(": {why}") };
                lines.push(format!("{}{why}", capitalised(repeat)));
            }
            if let Some(winner) = &d.winner {
                let c = roster
                    .districts
                    .get(&d.district_id)
                    .and_then(|x| x.candidates.iter().find(|c| c.id == winner.as_str()));
                if let Some(c) = c {
                    let mut about = vec![c.name.to_string()];
                    let details = c.details.cloned().unwrap_or_default();
                    if !details.birth_year.is_empty() {
                        about.push(format!("{} {}", details.birth_year, w.born));
                    }
                    if !details.position.is_empty() {
                        about.push(details.position);
                    }
                    if !details.residence.is_empty() {
                        about.push(format!("{}: {}", w.lives, details.residence));
                    }
                    if !c.nominated_by.is_empty() {
                        about.push(crate::report::text::nomination(c.nominated_by, lang).to_string());
                    }
                    lines.push(format!("{}: {}", w.elected, about.join(", ")));
                }
            }
            Section { title: format!("{} ({})", d.district_name, d.district_id), lines }
        })
        .collect()
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// The races going to a repeat election, named, for the statement's closing line.
fn repeats(lang: Lang, districts: &[DistrictResult]) -> String {
    let w = words(lang);
    let names: Vec<String> = districts
        .iter()
        .filter(|d| d.status == Status::RepeatElection)
        .map(|d| format!("{} ({})", d.district_name, d.district_id))
        .collect();
    format!("{}: {}", w.repeat_list, if names.is_empty() { w.none.to_string() } else { names.join("; ") })
}

/// The statement as plain text.
pub fn text(lang: Lang, roster: &Roster, rules: &RuleSet, date: Option<&str>, districts: &[DistrictResult]) -> String {
    let mut out = format!("{}\n\n", words(lang).heading);
    for s in sections(lang, roster, rules, date, districts) {
        let _ = writeln!(out, "{}", s.title);
        for l in &s.lines {
            let _ = writeln!(out, "{l}");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", repeats(lang, districts));
    out
}

/// The statement as a self-contained page to print (A4).
pub fn html(lang: Lang, roster: &Roster, rules: &RuleSet, date: Option<&str>, districts: &[DistrictResult]) -> String {
    let w = words(lang);
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\
         @page {{ size: A4; margin: 18mm; }} body {{ font-family: 'Times New Roman', serif; font-size: 12pt; }} \
         h1 {{ font-size: 14pt; text-align: center; }} h2 {{ font-size: 12pt; margin-top: 1.2em; }} \
         p {{ margin: 0.15em 0; }} p.vote {{ margin-left: 2em; }}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        lang.tag(),
        esc(w.heading),
        esc(w.heading)
    );
    for s in sections(lang, roster, rules, date, districts) {
        let _ = writeln!(h, "<h2>{}</h2>", esc(&s.title));
        for l in &s.lines {
            let class = if l.starts_with("  ") { " class=\"vote\"" } else { "" };
            let _ = writeln!(h, "<p{class}>{}</p>", esc(l.trim()));
        }
    }
    let _ = writeln!(h, "<h2>{}</h2>\n</body>\n</html>", esc(&repeats(lang, districts)));
    h
}
