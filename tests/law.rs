//! The law of Kazakhstan through the binary, on the sample election: the version in force on election day, a tie
//! sent to a repeat election, what the commission records, the JSON of format v2, and the published statement.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_akim-tally"))
        .env("LC_ALL", "C")
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

fn sample_json(extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["tally", "--quiet", "--format", "json", "--roster", "fixtures/sample/roster"];
    args.extend(extra);
    args.push("fixtures/sample/returns");
    let (code, out, err) = run(&args);
    (code, serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}")))
}

fn district<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["districts"].as_array().unwrap().iter().find(|d| d["district_id"] == id).expect("district")
}

#[test]
fn the_version_of_the_law_follows_election_day_and_is_printed() {
    for (date, version, words) in [
        ("2021-07-25", "kz-2021", "repeat elections"),
        ("2025-10-19", "kz-2023", "repeat elections"),
        ("2026-07-12", "kz-2026", "repeat voting"),
    ] {
        let (_, v) = sample_json(&["--election-date", date]);
        assert_eq!(v["format"], "akim-tally.results.v2");
        assert_eq!(v["rules"]["law"]["version"], version, "{date}");
        assert_eq!(v["rules"]["law"]["election_date"], date);
        let d = district(&v, "02");
        assert_eq!((d["status"].as_str(), d["reason"].as_str()), (Some("repeat_election"), Some("tie")));
        assert_eq!(d["tied"].as_array().unwrap().len(), 2);
        let notice = d["notices"][0]["message"].as_str().unwrap();
        assert!(notice.contains(words) && notice.contains("Art. 113-9"), "{date}: {notice}");
    }
    let (_, v) = sample_json(&[]);
    assert_eq!(v["rules"]["law"]["version"], "kz-2026");
    assert!(v["rules"]["law"]["election_date"].is_null(), "the newest version, and the output says no date was given");
}

#[test]
fn the_json_names_the_winner_the_missing_precincts_and_the_fee_refunds() {
    let (code, v) = sample_json(&["--election-date", "2025-10-19"]);
    assert_eq!(code, 1, "the sample's broken protocol");
    let d01 = district(&v, "01");
    assert_eq!(
        (d01["winner"].as_str(), d01["winner_name"].as_str()),
        (Some("zhumabekov"), Some("Жұмабеков Ерлан Сәкенұлы"))
    );
    // Turnout is the voters who took part over the list: 1566 / 2234.
    assert_eq!(d01["ballots_in_box"], 1566);
    assert_eq!(d01["turnout"], 0.700985);
    // 1566 took part: 5% is 78.3 votes. 868 and 444 get the fee back, and 192 too.
    let refunds: Vec<&Value> = d01["candidates"].as_array().unwrap().iter().map(|c| &c["fee_refunded"]).collect();
    assert!(refunds.iter().all(|r| **r == Value::Bool(true)), "{refunds:?}");
    assert_eq!(district(&v, "03")["missing_precincts"], serde_json::json!(["0304"]));
    assert_eq!(district(&v, "04")["status"], "blocked");
    assert!(district(&v, "04")["candidates"][0]["fee_refunded"].is_null(), "not while the figures are not final");
    // Under the law of 2021 there is no refund.
    let (_, v) = sample_json(&["--election-date", "2021-07-25"]);
    assert!(district(&v, "01")["candidates"][0]["fee_refunded"].is_null());
}

#[test]
fn a_lot_is_refused_under_the_law_and_taken_under_plurality() {
    let (code, _, err) =
        run(&["tally", "--roster", "fixtures/sample/roster", "--tie-break", "02=kassymova", "fixtures/sample/returns"]);
    assert_eq!(code, 2);
    assert!(err.contains("no lot"), "{err}");
    let (_, v) = sample_json(&["--rules", "plurality", "--tie-break", "02=kassymova"]);
    let d = district(&v, "02");
    assert_eq!((d["status"].as_str(), d["winner"].as_str()), (Some("elected"), Some("kassymova")));
    assert!(v["rules"]["law"].is_null());
}

#[test]
fn the_commissions_decisions_are_recorded_with_their_grounds() {
    let (code, v) = sample_json(&[
        "--election-date",
        "2026-07-12",
        "--annul",
        "0402=протокол составлен с нарушениями",
        "--annul",
        "0304",
        "--declare-invalid",
        "07=бюллетени вне ящиков",
    ]);
    assert_eq!(code, 3, "two repeat elections need the commission");
    let d04 = district(&v, "04");
    let annulled = d04["notices"][0]["message"].as_str().unwrap();
    assert!(annulled.contains("Art. 44 p.2-1") && annulled.contains("протокол составлен с нарушениями"), "{annulled}");
    let d07 = district(&v, "07");
    assert_eq!((d07["status"].as_str(), d07["reason"].as_str()), (Some("repeat_election"), Some("declared_invalid")));
    assert!(d07["winner"].is_null());
    assert_eq!(v["options"]["declared_invalid"]["07"], "бюллетени вне ящиков");
    assert_eq!(v["options"]["annul"]["0402"], "протокол составлен с нарушениями");
}

#[test]
fn the_statement_gives_what_the_law_asks_in_kazakh_and_russian() {
    let base = ["statement", "--quiet", "--roster", "fixtures/sample/roster", "--election-date", "2025-10-19"];
    let mut kk = base.to_vec();
    kk.extend(["--lang", "kk", "fixtures/sample/returns"]);
    let (_, text, err) = run(&kk);
    for want in [
        "хабарламасы",
        "Сайлау күні: 2025-10-19",
        "Сайлаушылар тізімдеріне енгізілген сайлаушылар саны: 2\u{a0}234",
        "Дауыс беруге қатысқан сайлаушылар саны: 1\u{a0}566",
        "Кандидаттар саны: 3",
        "«Бәріне қарсымын» — 44",
        "Әкім болып сайланды: Жұмабеков Ерлан Сәкенұлы, 1979 жылы туған",
        "Қайта сайлау: кандидаттар бірдей ең көп дауыс жинады",
        "Қайта сайлау (қайта дауыс беру) өткізілетін округтер: Бірлік ауылдық округі (02)",
    ] {
        assert!(text.contains(want), "kk lacks {want:?}:\n{text}\n{err}");
    }
    let mut ru = base.to_vec();
    ru.extend(["--lang", "ru", "--format", "html", "fixtures/sample/returns"]);
    let (_, html, _) = run(&ru);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"ru\">"));
    for want in [
        "Число избирателей, принявших участие в голосовании: 1\u{a0}566",
        "Избран акимом: Кузнецов Андрей Николаевич, 1983 года рождения",
        "самовыдвиженец",
    ] {
        assert!(html.contains(want), "ru lacks {want:?}");
    }
}
