//! `akim-tally diff A B`: two entries of the same protocols (double entry by two operators), or two results files.
//! Every precinct, line and district that differs is listed; the exit code is 1 when anything differs.

use crate::cmd::{Heading, Said};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::PathBuf;

use akim_tally::check::Named;
use akim_tally::decide::DistrictResult;
use akim_tally::model::{Count, Line, PrecinctId, Roster};
use akim_tally::pipeline::check_inputs;
use akim_tally::protocol::{ItemKey, PrecinctReturn, PrecinctState};
use akim_tally::report::json::Results;
use akim_tally::report::text::{self, Lang};

use super::verify::results_json;
use super::{Fatal, InputArgs, OutputArgs, check_output, exit, load, write_output};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The first entry (a returns file) or results file.
    #[arg(value_name = "A")]
    pub a: PathBuf,
    /// The second entry or results file.
    #[arg(value_name = "B")]
    pub b: PathBuf,
    /// The roster, to compare two returns files (not needed for two results files).
    #[arg(long, value_name = "DIR")]
    pub roster: Option<PathBuf>,
    /// Headers to read past in both entries. Repeatable.
    #[arg(long = "ignore-column", value_name = "HEADER")]
    pub ignore_column: Vec<String>,
    /// `text`: a line per difference, in the language of the run; `json`: `akim-tally.diff.v1`, in English.
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Lines for a person, or JSON for a program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TextOrJson {
    /// Lines for a person.
    Text,
    /// JSON for a program.
    Json,
}

pub fn run(args: &Args, lang: Lang) -> Result<u8, Fatal> {
    // The differences in JSON are in English, whatever the language of the run.
    let lines_lang = if args.format == TextOrJson::Json { Lang::En } else { lang };
    // Never written over what it compares, nor over the roster: checked before any work.
    let mut inputs: Vec<PathBuf> = vec![args.a.clone(), args.b.clone()];
    if let Some(r) = &args.roster {
        inputs.extend(["precincts", "candidates", "districts"].map(|f| super::roster_file(r, f)));
    }
    let inputs: Vec<PathBuf> = inputs.iter().map(|p| p.canonicalize().unwrap_or_else(|_| p.clone())).collect();
    check_output(&args.output, &inputs)?;
    let lines = match (results_json(&args.a), results_json(&args.b)) {
        (Ok(a), Ok(b)) => diff_results(&a, &b, lines_lang),
        _ => {
            let Some(roster) = &args.roster else {
                return Err(Fatal::Said(Said::DiffNeedsRoster));
            };
            let side = |p: &PathBuf| -> Result<(Roster, Vec<PrecinctReturn>), Fatal> {
                let input = InputArgs {
                    roster: roster.clone(),
                    returns: vec![p.clone()],
                    ignore_column: args.ignore_column.clone(),
                    quiet: true,
                    ..InputArgs::default()
                };
                let mut loaded = load(&input)?;
                loaded.options.keep_protocols = true;
                let (tally, _) =
                    check_inputs(&loaded.roster, loaded.inputs(true)?.0, &loaded.options, &Default::default())
                        .map_err(|f| Fatal::Findings(Heading::Returns, f))?;
                let errors = tally.findings.iter().filter(|f| f.is_error()).count();
                if errors > 0 {
                    let p = p.to_string_lossy();
                    let note = match lang {
                        Lang::En => format!("note: {p} has {errors} error(s) of its own (run validate on it)"),
                        Lang::Ru => {
                            format!("примечание: в {p} свои ошибки ({errors}); проверьте его командой validate")
                        }
                        Lang::Kk => {
                            format!("ескертпе: {p} ішінде өз қателері бар ({errors}); оны validate арқылы тексеріңіз")
                        }
                    };
                    let _ = writeln!(std::io::stderr(), "akim-tally: {note}");
                }
                Ok((loaded.roster, tally.protocols))
            };
            let (roster, a) = side(&args.a)?;
            let (_, b) = side(&args.b)?;
            diff_returns(&roster, (&args.a.to_string_lossy(), &a), (&args.b.to_string_lossy(), &b), lines_lang)
        }
    };
    let text: String = match args.format {
        TextOrJson::Text => lines.iter().map(|l| format!("{l}\n")).collect(),
        TextOrJson::Json => {
            let doc = serde_json::json!({
                "format": "akim-tally.diff.v1",
                "generator": akim_tally::report::TOOL,
                "a": args.a.to_string_lossy(),
                "b": args.b.to_string_lossy(),
                "differences": lines,
            });
            format!("{}\n", serde_json::to_string_pretty(&doc).unwrap_or_default())
        }
    };
    write_output(&args.output, &text, &inputs)?;
    let n = lines.len();
    let said = match (lang, n) {
        (Lang::En, 0) => "no differences".to_string(),
        (Lang::En, n) => format!("{n} difference(s)"),
        (Lang::Ru, 0) => "различий нет".to_string(),
        (Lang::Ru, n) => format!("различий: {n}"),
        (Lang::Kk, 0) => "айырмашылық жоқ".to_string(),
        (Lang::Kk, n) => format!("айырмашылықтар: {n}"),
    };
    let _ = writeln!(std::io::stderr(), "akim-tally: {said}");
    Ok(if lines.is_empty() { exit::OK } else { exit::ERRORS })
}

fn figures(roster: &Roster, p: &PrecinctReturn) -> BTreeMap<ItemKey, Count> {
    let candidates = roster.districts.get(&p.district).into_iter().flat_map(|d| d.candidates.iter());
    let votes =
        candidates.enumerate().filter_map(|(k, c)| Some((ItemKey::Candidate(c.candidate_id()), p.votes_for(k)?)));
    p.lines.iter().map(|(l, v)| (ItemKey::Line(*l), *v)).chain(votes).collect()
}

/// What differs about an item of a precinct between two entries, in `lang`.
fn item_differs(precinct: &PrecinctId, item: &str, a: (&str, String), b: (&str, String), lang: Lang) -> String {
    let ((a_name, va), (b_name, vb)) = (a, b);
    match lang {
        Lang::En => format!("precinct {precinct}, {item}: {va} in {a_name}, {vb} in {b_name}"),
        Lang::Ru => format!("участок {precinct}, «{item}»: {va} в {a_name}, {vb} в {b_name}"),
        Lang::Kk => format!("{precinct} учаскесі, «{item}»: {a_name} ішінде {va}, {b_name} ішінде {vb}"),
    }
}

/// What differs about a race between two results files (`A` and `B`), in `lang`.
fn race_differs(district: &str, what: &str, va: &str, vb: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("district {district}, {what}: {va} in A, {vb} in B"),
        Lang::Ru => format!("округ {district}, {what}: {va} в A, {vb} в B"),
        Lang::Kk => format!("{district} округі, {what}: A ішінде {va}, B ішінде {vb}"),
    }
}

/// A field of the JSON results, in `lang`: a protocol line as the protocol names it (as a difference of two
/// entries names it), the race's status, winner and precincts reporting in words (`en`: the field's own name).
fn field_name(field: Field, lang: Lang) -> String {
    let words = match (lang, field) {
        (Lang::En, Field::Line(l)) => l.key(),
        (_, Field::Line(l)) => return format!("«{}»", text::named(&Named::Line(l), lang)),
        (Lang::En, Field::Status) => "status",
        (Lang::En, Field::Winner) => "winner",
        (Lang::En, Field::Reporting) => "precincts_reporting",
        (Lang::Ru, Field::Status) => "«итог»",
        (Lang::Ru, Field::Winner) => "«победитель»",
        (Lang::Ru, Field::Reporting) => "«поступило протоколов»",
        (Lang::Kk, Field::Status) => "«нәтиже»",
        (Lang::Kk, Field::Winner) => "«жеңімпаз»",
        (Lang::Kk, Field::Reporting) => "«түскен хаттамалар»",
    };
    words.to_string()
}

/// The fields of a race that two results files are compared on, besides the votes.
#[derive(Clone, Copy)]
enum Field {
    Status,
    Winner,
    Reporting,
    Line(Line),
}

/// A precinct given in one entry only, in `lang`.
fn only_in(precinct: &PrecinctId, name: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("precinct {precinct}: in {name} only"),
        Lang::Ru => format!("участок {precinct}: только в {name}"),
        Lang::Kk => format!("{precinct} учаскесі: тек {name} ішінде"),
    }
}

/// An item as `lang` names it: the protocol line, or the candidate (by name in kk and ru).
fn item_name(roster: &Roster, p: &PrecinctReturn, k: &ItemKey, lang: Lang) -> String {
    let named = match k {
        ItemKey::Candidate(id) => Named::VotesFor {
            id: id.to_string(),
            name: roster
                .districts
                .get(&p.district)
                .and_then(|d| d.candidates.iter().find(|c| c.id == id.as_str()))
                .map_or_else(|| id.to_string(), |c| c.name.to_string()),
        },
        k => k.named(),
    };
    text::named(&named, lang)
}

/// Differences between two entries of the same protocols (read with `roster`), precinct by precinct and line by
/// line, in `lang`; each entry is its name and its protocols.
pub fn diff_returns(
    roster: &Roster,
    (a_name, a): (&str, &[PrecinctReturn]),
    (b_name, b): (&str, &[PrecinctReturn]),
    lang: Lang,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut compare = |precinct: &PrecinctId, pa: Option<&PrecinctReturn>, pb: Option<&PrecinctReturn>| {
        fn counted(x: Option<&PrecinctReturn>) -> Option<&PrecinctReturn> {
            x.filter(|x| x.state == PrecinctState::Counted)
        }
        match (counted(pa), counted(pb)) {
            (None, None) => {}
            (Some(_), None) => out.push(only_in(precinct, a_name, lang)),
            (None, Some(_)) => out.push(only_in(precinct, b_name, lang)),
            // The same figures: nothing to say (most precincts of a double entry).
            (Some(pa), Some(pb)) if pa.lines == pb.lines && pa.votes == pb.votes => {}
            (Some(pa), Some(pb)) => {
                let (fa, fb) = (figures(roster, pa), figures(roster, pb));
                let keys: BTreeSet<&ItemKey> = fa.keys().chain(fb.keys()).collect();
                for k in keys {
                    let show = |v: Option<&Count>| v.map_or(none(lang).to_string(), |c| c.to_string());
                    if fa.get(k) != fb.get(k) {
                        let item = item_name(roster, pa, k, lang);
                        out.push(item_differs(
                            precinct,
                            &item,
                            (a_name, show(fa.get(k))),
                            (b_name, show(fb.get(k))),
                            lang,
                        ));
                    }
                }
            }
        }
    };
    // Both entries read with one roster list every roster precinct in its order: they are compared side by side.
    if a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.precinct == y.precinct) {
        for (pa, pb) in a.iter().zip(b) {
            compare(&pa.precinct, Some(pa), Some(pb));
        }
        return out;
    }
    // By reference: the protocols of a national election are a gigabyte.
    fn index(v: &[PrecinctReturn]) -> BTreeMap<&PrecinctId, &PrecinctReturn> {
        v.iter().map(|p| (&p.precinct, p)).collect()
    }
    let (ia, ib) = (index(a), index(b));
    let mut seen = BTreeSet::new();
    for p in a.iter().chain(b) {
        if seen.insert(&p.precinct) {
            compare(&p.precinct, ia.get(&p.precinct).copied(), ib.get(&p.precinct).copied());
        }
    }
    out
}

/// Differences between two results files, district by district, in `lang`. Values are shown as the JSON gives them.
pub fn diff_results<'a>(a: &'a Results, b: &'a Results, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let by_id = |r: &'a Results| -> BTreeMap<&'a str, &'a DistrictResult> {
        r.districts.iter().map(|d| (d.district_id.as_str(), d)).collect()
    };
    let (da, db) = (by_id(a), by_id(b));
    let ids: BTreeSet<&str> = da.keys().chain(db.keys()).copied().collect();
    for id in ids {
        let (Some(x), Some(y)) = (da.get(id), db.get(id)) else {
            let side = if da.contains_key(id) { "A" } else { "B" };
            out.push(match lang {
                Lang::En => format!("district {id}: in {side} only"),
                Lang::Ru => format!("округ {id}: только в {side}"),
                Lang::Kk => format!("{id} округі: тек {side} ішінде"),
            });
            continue;
        };
        let fields = [
            (Field::Status, json(&x.status), json(&y.status)),
            (Field::Winner, json(&x.winner), json(&y.winner)),
            (Field::Reporting, json(&x.precincts_reporting), json(&y.precincts_reporting)),
            (Field::Line(Line::VotersOnList), json(&x.voters_on_list), json(&y.voters_on_list)),
            (Field::Line(Line::BallotsIssued), json(&x.ballots_issued), json(&y.ballots_issued)),
            (Field::Line(Line::BallotsInvalid), json(&x.ballots_invalid), json(&y.ballots_invalid)),
            (Field::Line(Line::AgainstAll), json(&x.against_all), json(&y.against_all)),
        ];
        for (field, va, vb) in fields {
            if va != vb {
                out.push(race_differs(id, &field_name(field, lang), &va, &vb, lang));
            }
        }
        let votes = |d: &DistrictResult| -> BTreeMap<String, Option<Count>> {
            d.candidates.iter().map(|c| (c.candidate_id.to_string(), c.votes)).collect()
        };
        let (va, vb) = (votes(x), votes(y));
        let cands: BTreeSet<&String> = va.keys().chain(vb.keys()).collect();
        for c in cands {
            if va.get(c) != vb.get(c) {
                let show = |v: Option<&Option<Count>>| v.map_or(none(lang).to_string(), json);
                // A person reads the candidate's name (kk, ru); a script the id (en, as the JSON).
                let name = x.candidates.iter().chain(&y.candidates).find(|k| k.candidate_id.as_str() == c.as_str());
                let name = name.map_or(c.as_str(), |k| k.candidate_name.as_str());
                let what = match lang {
                    Lang::En => format!("votes for {c}"),
                    Lang::Ru => format!("голоса за {name}"),
                    Lang::Kk => format!("{name} үшін дауыстар"),
                };
                out.push(race_differs(id, &what, &show(va.get(c)), &show(vb.get(c)), lang));
            }
        }
    }
    out
}

/// A value not given, in `lang`.
fn none(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "(none)",
        Lang::Ru => "(нет)",
        Lang::Kk => "(жоқ)",
    }
}

/// A value as the JSON results write it.
fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use akim_tally::model::{DistrictId, Line};

    fn counted(id: &str, lines: &[(Line, u64)]) -> PrecinctReturn {
        PrecinctReturn {
            precinct: PrecinctId::parse(id),
            district: DistrictId::parse("01"),
            state: PrecinctState::Counted,
            lines: lines.iter().map(|&(l, v)| (l, Count(v))).collect(),
            votes: Vec::new(),
        }
    }

    #[test]
    fn compares_entries_side_by_side_or_by_precinct_id() {
        let roster = Roster::default();
        let a = [counted("1", &[(Line::BallotsIssued, 10)]), counted("2", &[(Line::BallotsIssued, 20)])];
        // The same precincts in the same order: compared side by side.
        let b = [counted("1", &[(Line::BallotsIssued, 10)]), counted("2", &[(Line::BallotsIssued, 21)])];
        assert_eq!(
            diff_returns(&roster, ("a", &a), ("b", &b), Lang::En),
            vec!["precinct 2, ballots_issued: 20 in a, 21 in b"]
        );
        assert_eq!(
            diff_returns(&roster, ("a", &a), ("b", &b), Lang::Ru),
            vec!["участок 2, «Число избирателей, получивших бюллетени»: 20 в a, 21 в b"],
            "in Russian, the line as the protocol names it"
        );
        // Other precincts, in another order: matched by id, in the order of a, then of b.
        let b =
            [counted("3", &[]), counted("2", &[(Line::BallotsIssued, 21)]), counted("1", &[(Line::BallotsIssued, 10)])];
        assert_eq!(
            diff_returns(&roster, ("a", &a), ("b", &b), Lang::En),
            vec!["precinct 2, ballots_issued: 20 in a, 21 in b", "precinct 3: in b only"]
        );
    }
}
