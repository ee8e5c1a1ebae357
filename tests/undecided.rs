//! A race is decided only on figures it has: eight ways the deciding path once declared a result on figures it
//! did not have, each run through the binary on a small roster.
//!
//! The roster: districts 01 and 02 with two precincts and two candidates each, 03 with one precinct and a sole
//! candidate. The clean returns elect `b` in 01, `e` in 02 and `s` in 03; each test damages them in one way and
//! checks that the race it touches is not decided (its status is neither `elected`, `tie` nor a repeat election)
//! and that nothing is reported as known that is not.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const PRECINCTS: &str = "district_id,district_name,precinct_id,voters_on_list
01,Бірінші ауылдық округі,0101,500
01,Бірінші ауылдық округі,0102,500
02,Екінші ауылдық округі,0201,500
02,Екінші ауылдық округі,0202,500
03,Үшінші ауылдық округі,0301,500
";

const CANDIDATES: &str = "district_id,candidate_id,candidate_name,nominated_by
01,a,Алма Бекқызы,self-nominated
01,b,Бота Ерланқызы,self-nominated
02,d,Дана Айтбаева,self-nominated
02,e,Ерлан Асанов,self-nominated
03,s,Сәкен Нұрланов,self-nominated
";

const HEADER: &str = "district_id,precinct_id,ballots_issued,ballots_in_box,ballots_invalid,a,b,d,e,s,against_all";

/// The clean protocols, one wide row each.
const ROWS: [&str; 5] = [
    "01,0101,100,100,2,50,40,,,,8",
    "01,0102,100,100,0,30,60,,,,10",
    "02,0201,100,100,1,,,50,40,,9",
    "02,0202,100,100,0,,,20,70,,10",
    "03,0301,100,100,0,,,,,90,10",
];

/// The generic rule set (a lot for ties, only the candidates' votes required), so that a tie-break can be given
/// and a protocol may lack a line.
const LOT_RULES: &str = "name = \"lot\"\nbase = \"plurality\"\n";

struct Run {
    code: i32,
    json: Value,
    stderr: String,
}

impl Run {
    fn district(&self, id: &str) -> &Value {
        self.json["districts"]
            .as_array()
            .and_then(|ds| ds.iter().find(|d| d["district_id"] == id))
            .unwrap_or_else(|| panic!("no district {id} in {}", self.json))
    }

    fn status(&self, id: &str) -> String {
        self.district(id)["status"].as_str().unwrap_or("?").to_string()
    }

    fn codes(&self) -> Vec<String> {
        self.json["diagnostics"]
            .as_array()
            .map(|ds| ds.iter().map(|d| d["code"].as_str().unwrap_or("?").to_string()).collect())
            .unwrap_or_default()
    }

    /// The race has no result: it is neither decided nor sent to a repeat election on these figures.
    fn undecided(&self, id: &str) {
        let s = self.status(id);
        assert!(
            !["elected", "tie", "repeat_election"].contains(&s.as_str()),
            "district {id} is {s}, on figures it does not have:\n{}\n{}",
            serde_json::to_string_pretty(self.district(id)).unwrap_or_default(),
            self.stderr
        );
        assert!(self.district(id)["winner"].is_null());
    }
}

struct Election {
    dir: tempfile::TempDir,
}

impl Election {
    fn new(precincts: &str) -> Election {
        let dir = tempfile::tempdir().expect("a temporary folder");
        fs::create_dir(dir.path().join("roster")).unwrap();
        fs::write(dir.path().join("roster/precincts.csv"), precincts).unwrap();
        fs::write(dir.path().join("roster/candidates.csv"), CANDIDATES).unwrap();
        fs::write(dir.path().join("lot.toml"), LOT_RULES).unwrap();
        Election { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path(name);
        fs::write(&p, text).unwrap();
        p
    }

    fn tally(&self, returns: &[&Path], extra: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_akim-tally"))
            .env("LC_ALL", "C")
            .arg("tally")
            .arg("--roster")
            .arg(self.path("roster"))
            .args(["--format", "json", "--quiet"])
            .args(extra)
            .args(returns)
            .env("NO_COLOR", "1")
            .output()
            .expect("the binary runs");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let json = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("no JSON on stdout ({e}); stderr:\n{stderr}"));
        Run { code: out.status.code().unwrap_or(-1), json, stderr }
    }
}

fn csv(rows: &[&str]) -> String {
    let mut s = format!("{HEADER}\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

#[test]
fn the_clean_returns_decide_every_race() {
    let e = Election::new(PRECINCTS);
    let r = e.tally(&[&e.file("returns.csv", &csv(&ROWS))], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (d, w) in [("01", "b"), ("02", "e"), ("03", "s")] {
        assert_eq!((r.status(d), r.district(d)["winner"].as_str()), ("elected".into(), Some(w)));
    }
}

/// Case 1: A race whose every precinct is annulled has no figures: its votes are unknown, not 0, and it is not
/// decided, not even by a recorded lot.
#[test]
fn a_race_with_no_protocol_counted_is_not_decided() {
    let e = Election::new(PRECINCTS);
    let returns = e.file("returns.csv", &csv(&ROWS));
    let annul = ["--annul", "0101", "--annul", "0102", "--annul", "0301"];
    let r = e.tally(&[&returns], &annul);
    r.undecided("01");
    r.undecided("03");
    assert_eq!(r.status("02"), "elected");
    assert_ne!(r.code, 0);
    for d in ["01", "03"] {
        for c in r.district(d)["candidates"].as_array().unwrap() {
            assert!(c["votes"].is_null() && c["share"].is_null() && c["rank"].is_null(), "{c}");
        }
        assert!(r.district(d)["valid_votes"].is_null());
    }
    let rules = e.path("lot.toml");
    let mut with_lot = annul.to_vec();
    with_lot.extend(["--rules", rules.to_str().unwrap(), "--tie-break", "01=b"]);
    let r = e.tally(&[&returns], &with_lot);
    r.undecided("01");
    assert_ne!(r.code, 0);
}

/// Case 2: Two rows for one precinct that fill different cells are two differing copies, not one protocol.
#[test]
fn two_rows_of_one_precinct_that_differ_are_an_error_whatever_cells_they_fill() {
    let e = Election::new(PRECINCTS);
    let rows = ["01,0101,100,100,2,50,,,,,8", "01,0101,,,,,40,,,,", ROWS[1], ROWS[2], ROWS[3], ROWS[4]];
    let r = e.tally(&[&e.file("returns.csv", &csv(&rows))], &[]);
    assert!(r.codes().contains(&"E304".to_string()), "{:?}", r.codes());
    r.undecided("01");
    assert_eq!(r.code, 1);
    // In two files, too.
    let a = e.file("a.csv", &csv(&["01,0101,100,100,2,50,,,,,8", ROWS[1], ROWS[2], ROWS[3], ROWS[4]]));
    let b = e.file("b.csv", &csv(&["01,0101,,,,,40,,,,"]));
    let r = e.tally(&[&a, &b], &[]);
    assert!(r.codes().contains(&"E304".to_string()), "{:?}", r.codes());
    r.undecided("01");
    // Identical copies stay a warning, counted once.
    let r = e.tally(&[&e.file("twice.csv", &csv(&[ROWS[0], ROWS[0], ROWS[1], ROWS[2], ROWS[3], ROWS[4]]))], &[]);
    assert_eq!(r.status("01"), "elected");
    assert!(r.codes().contains(&"W301".to_string()) && r.codes().iter().all(|c| c.starts_with('W')), "{:?}", r.codes());
}

/// Case 3: A row that cannot be read blocks the district it names, wherever that district's protocols come from;
/// where it names none, every race.
#[test]
fn an_unreadable_row_blocks_the_district_it_names_or_every_race() {
    let e = Election::new(PRECINCTS);
    let good = e.file("good.csv", &csv(&ROWS));
    let blank_id = e.file("blank.csv", &csv(&[ROWS[0], "02,,100,100,0,,,20,70,,10"]));
    let r = e.tally(&[&good, &blank_id], &[]);
    assert!(r.codes().contains(&"E110".to_string()), "{:?}", r.codes());
    r.undecided("02");
    assert_eq!(r.status("03"), "elected", "a row naming 02 does not block 03");

    let open_quote = e.file("quote.csv", &csv(&[ROWS[0], "02,0202,\"100,100,0,,,20,70,,10"]));
    let r = e.tally(&[&good, &open_quote], &[]);
    assert!(r.codes().contains(&"E105".to_string()), "{:?}", r.codes());
    r.undecided("02");

    let nameless = e.file("nameless.csv", &csv(&[ROWS[0], ",,100,100,0,,,20,70,,10"]));
    let r = e.tally(&[&good, &nameless], &[]);
    for d in ["01", "02", "03"] {
        r.undecided(d);
    }
}

/// Case 4: Past the cap on listed findings, an error still blocks its race (and warnings do not use up the room
/// errors need).
#[test]
fn the_cap_on_listed_findings_never_drops_what_blocks() {
    let e = Election::new(PRECINCTS);
    let good = e.file("good.csv", &csv(&[ROWS[1], ROWS[2], ROWS[4]]));
    // Each copy of 0101 gives zeros for the two candidates of 02: two warnings a row.
    let mut rows: Vec<&str> = vec!["01,0101,100,100,2,50,40,0,0,,8"; 5_001];
    rows.push("02,0202,100,100,0,,,20,x70,,10");
    let big = e.file("big.csv", &csv(&rows));
    let r = e.tally(&[&good, &big], &[]);
    r.undecided("02");
    assert_eq!(r.status("01"), "elected", "warnings block nothing: {:?}", r.district("01")["notices"]);
    assert_eq!(r.code, 1);
    // The listing stops at the cap, and says how many more there are.
    let warnings = r.json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "warning" && d["file"].as_str().is_some_and(|f| f.ends_with("big.csv")))
        .collect::<Vec<_>>();
    let w104: Vec<&&Value> = warnings.iter().filter(|d| d["code"] == "W104").collect();
    assert_eq!(w104.len(), 1, "{:?}", r.codes().iter().filter(|c| *c != "W302").collect::<Vec<_>>());
    // 10,002 zeros for another district's candidates: 10,000 listed, 2 counted in the W104.
    assert_eq!(warnings.iter().filter(|d| d["code"] == "W302").count(), 10_000);
    let said = w104[0]["message"].as_str().unwrap();
    assert!(said.contains("10000 warnings are listed") && said.contains("2 more are not"), "{said}");
}

/// Case 5: A row above the header that gives a roster precinct's figures is not a title.
#[test]
fn a_precinct_row_above_the_header_is_an_error_not_a_title() {
    let e = Election::new(PRECINCTS);
    let text = format!("01,0101,100,100,2,10,80,,,,8\n{}", csv(&ROWS));
    let r = e.tally(&[&e.file("returns.csv", &text)], &[]);
    r.undecided("01");
    assert_eq!(r.code, 1, "{:?}", r.codes());
    assert!(!r.codes().contains(&"W101".to_string()), "{:?}", r.codes());
}

/// Case 6: Against all is unknown for a race when a counted protocol lacks the line, and a rule that needs it says
/// it cannot be checked.
#[test]
fn against_all_missing_from_a_protocol_is_unknown_not_zero() {
    let e = Election::new(PRECINCTS);
    let rules =
        e.file("strict.toml", "name = \"strict\"\nbase = \"plurality\"\nagainst_all_outpolls = \"repeat_election\"\n");
    let rows = ["01,0101,92,92,2,50,40,,,,", ROWS[1], ROWS[2], ROWS[3], ROWS[4]];
    let r = e.tally(&[&e.file("returns.csv", &csv(&rows))], &["--rules", rules.to_str().unwrap()]);
    assert!(r.district("01")["against_all"].is_null(), "{}", r.district("01"));
    r.undecided("01");
    assert_ne!(r.code, 0);
}

/// Case 7: Candidate totals that each fit but whose sum does not are an error, not a result.
#[test]
fn candidate_totals_whose_sum_overflows_are_an_error() {
    let e = Election::new(PRECINCTS);
    let big = "10000000000000000000";
    let text = format!(
        "district_id,precinct_id,a,b,d,e,s\n01,0101,{big},{big},,,\n01,0102,1,2,,,\n02,0201,,,5,6,\n02,0202,,,7,8,\n03,0301,,,,,9\n"
    );
    let rules = e.path("lot.toml");
    let r = e.tally(&[&e.file("returns.csv", &text)], &["--rules", rules.to_str().unwrap()]);
    assert!(r.codes().contains(&"E204".to_string()), "{:?}", r.codes());
    r.undecided("01");
    assert_eq!(r.code, 1);
}

/// Case 8: A roster precinct whose id begins with a totals word is a precinct, not a totals row.
#[test]
fn a_roster_precinct_named_like_a_totals_row_is_counted() {
    let e = Election::new(&PRECINCTS.replace("0301", "Total-1"));
    let rows = [ROWS[0], ROWS[1], ROWS[2], ROWS[3], "03,Total-1,100,100,0,,,,,90,10"];
    let r = e.tally(&[&e.file("returns.csv", &csv(&rows))], &[]);
    assert_eq!((r.status("03"), r.code), ("elected".into(), 0), "{:?} {}", r.codes(), r.stderr);
}

/// The clean protocols as a long file (a row per precinct and item), with `extra` rows added after 0101's.
fn long_csv(extra: &[&str]) -> String {
    let items: Vec<&str> = HEADER.split(',').skip(2).collect();
    let mut s = "district_id,precinct_id,item,value\n".to_string();
    for row in ROWS {
        let cells: Vec<&str> = row.split(',').collect();
        for (item, value) in items.iter().zip(&cells[2..]) {
            if !value.is_empty() {
                s.push_str(&format!("{},{},{item},{value}\n", cells[0], cells[1]));
            }
        }
        if cells[1] == "0101" {
            for e in extra {
                s.push_str(e);
                s.push('\n');
            }
        }
    }
    s
}

/// Within one copy of a protocol (a long file's rows of a precinct), a line given twice with two figures is two
/// versions of the protocol: an error; given twice alike, a copy counted once.
#[test]
fn a_line_given_twice_in_one_protocol_with_two_figures_is_an_error() {
    let e = Election::new(PRECINCTS);
    let r = e.tally(&[&e.file("clean.csv", &long_csv(&[]))], &[]);
    assert_eq!(r.status("01"), "elected", "{:?}", r.codes());
    let r = e.tally(&[&e.file("twice.csv", &long_csv(&["01,0101,ballots_issued,101"]))], &[]);
    assert!(r.codes().contains(&"E304".to_string()), "{:?}", r.codes());
    r.undecided("01");
    assert_eq!(r.status("02"), "elected");
    let r = e.tally(&[&e.file("alike.csv", &long_csv(&["01,0101,ballots_issued,100"]))], &[]);
    assert_eq!(r.status("01"), "elected", "{:?}", r.codes());
    assert!(r.codes().contains(&"W301".to_string()), "{:?}", r.codes());
}

/// A long file's rows of a precinct are one copy of its protocol, settled when the file ends, the last file's too.
#[test]
fn a_copy_in_the_last_long_file_is_compared_whole() {
    let e = Election::new(PRECINCTS);
    let all = e.file("all.csv", &long_csv(&[]));
    let copy = |name: &str, issued: &str| {
        let rows = ["ballots_issued", "ballots_in_box", "ballots_invalid", "a", "b", "against_all"]
            .iter()
            .zip([issued, "100", "2", "50", "40", "8"])
            .map(|(item, v)| format!("01,0101,{item},{v}\n"))
            .collect::<String>();
        e.file(name, &format!("district_id,precinct_id,item,value\n{rows}"))
    };
    let r = e.tally(&[&all, &copy("same.csv", "100")], &[]);
    assert_eq!(r.status("01"), "elected", "{:?}", r.codes());
    assert!(r.codes().contains(&"W301".to_string()), "{:?}", r.codes());
    let r = e.tally(&[&all, &copy("other.csv", "101")], &[]);
    assert!(r.codes().contains(&"E304".to_string()), "{:?}", r.codes());
    r.undecided("01");
}

/// A copy that differs names every difference: a figure changed, and a figure the copy leaves blank.
#[test]
fn a_differing_copy_names_what_it_changes_and_what_it_leaves_out() {
    let e = Election::new(PRECINCTS);
    let rows = [ROWS[0], "01,0101,100,100,,51,40,,,,8", ROWS[1], ROWS[2], ROWS[3], ROWS[4]];
    let r = e.tally(&[&e.file("returns.csv", &csv(&rows))], &[]);
    let e304 = r.json["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "E304").expect("an E304");
    let said = e304["message"].as_str().unwrap();
    assert!(said.contains("votes for a 50 at") && said.contains("but 51 at"), "{said}");
    assert!(said.contains("ballots_invalid 2 at") && said.contains("but blank at"), "{said}");
}

/// A long file's rows of a precinct are one copy even when other rows come between them: an item given again
/// further down is compared with the first, not counted twice.
#[test]
fn a_precinct_s_rows_resumed_later_in_a_long_file_are_compared_with_its_first() {
    let e = Election::new(PRECINCTS);
    let resumed = |value: &str| {
        let mut text = long_csv(&[]);
        text.push_str(&format!("01,0101,ballots_issued,{value}\n01,0101,a,50\n"));
        text
    };
    let r = e.tally(&[&e.file("alike.csv", &resumed("100"))], &[]);
    assert_eq!(r.status("01"), "elected", "{:?}", r.codes());
    assert_eq!(r.district("01")["candidates"][1]["votes"], 80, "a's 50 counted once: {}", r.district("01"));
    let r = e.tally(&[&e.file("other.csv", &resumed("101"))], &[]);
    assert!(r.codes().contains(&"E304".to_string()), "{:?}", r.codes());
    r.undecided("01");
}

/// The same in a second file, for a protocol kept whole (a figure too large to pack): its rows resumed further
/// down are still one copy, not a second one.
#[test]
fn a_protocol_kept_whole_in_a_second_file_is_resumed_not_copied() {
    let e = Election::new(PRECINCTS);
    let first = e.file("first.csv", &csv(&[ROWS[4]]));
    let rows = [
        "01,0101,ballots_issued,5000000000",
        "01,0101,b,40",
        "01,0102,ballots_issued,100",
        "01,0101,a,50",
        "01,0101,against_all,8",
    ];
    let second = e.file("second.csv", &format!("district_id,precinct_id,item,value\n{}\n", rows.join("\n")));
    let r = e.tally(&[&first, &second], &[]);
    assert!(!r.codes().contains(&"E304".to_string()), "0101's rows are one copy: {:?}", r.codes());
    assert!(!r.codes().contains(&"W301".to_string()), "0101's rows are one copy: {:?}", r.codes());
}

/// An annulled precinct is left out with the problems in its rows: they block nothing, and its notice counts them.
#[test]
fn an_annulled_precinct_s_errors_are_set_aside_with_it() {
    let e = Election::new(PRECINCTS);
    // A vote count for a in 0102 that is not a number (an error in its row).
    let rows = [ROWS[0], "01,0102,100,100,0,x30,60,,,,10", ROWS[2], ROWS[3], ROWS[4]];
    let returns = e.file("returns.csv", &csv(&rows));
    let r = e.tally(&[&returns], &[]);
    r.undecided("01");
    let r = e.tally(&[&returns], &["--annul", "0102"]);
    assert_eq!(r.status("01"), "elected", "{:?}", r.district("01")["notices"]);
    assert!(r.codes().iter().all(|c| c.starts_with('W')), "{:?}", r.codes());
    let notices = r.district("01")["notices"].to_string();
    assert!(notices.contains("precinct 0102 annulled") && notices.contains("1 problem in its rows"), "{notices}");
    assert!(!notices.contains("precinct 0101 annulled"), "{notices}");
}

/// An error about a file as a whole blocks the races of that file's protocols, not the others.
#[test]
fn an_error_about_a_file_blocks_the_races_of_its_protocols_only() {
    let e = Election::new(PRECINCTS);
    let rest = e.file("rest.csv", &csv(&[ROWS[2], ROWS[3], ROWS[4]]));
    // Two columns for candidate a: the header is wrong for every row of this file.
    let header = format!("{HEADER},a");
    let first = e.file("first.csv", &format!("{header}\n{},\n{},\n", ROWS[0], ROWS[1]));
    let r = e.tally(&[&first, &rest], &[]);
    assert!(r.codes().contains(&"E108".to_string()), "{:?}", r.codes());
    r.undecided("01");
    assert_eq!(r.status("02"), "elected", "{:?}", r.district("02")["notices"]);
    assert_eq!(r.status("03"), "elected");
}

/// A total of any summed line that overflows is an error, whichever line it is.
#[test]
fn a_district_total_that_overflows_is_an_error_whatever_its_line() {
    let e = Election::new(PRECINCTS);
    let rest = e.file("rest.csv", &csv(&[ROWS[2], ROWS[3], ROWS[4]]));
    let lot = e.path("lot.toml");
    let lot = lot.to_str().unwrap();
    for line in [
        "voters_on_list",
        "ballots_issued",
        "ballots_invalid",
        "ballots_in_box",
        "voters_with_absentee_certificates",
        "ballots_issued_outside",
        "against_all",
    ] {
        let huge = "10000000000000000000";
        let text = format!("district_id,precinct_id,{line},a,b\n01,0101,{huge},50,40\n01,0102,{huge},30,60\n");
        let r = e.tally(&[&e.file("huge.csv", &text), &rest], &["--rules", lot]);
        assert!(r.codes().contains(&"E204".to_string()), "{line}: {:?}", r.codes());
        r.undecided("01");
    }
}
