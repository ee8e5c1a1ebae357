//! The results for a person: a block per race with its status in words, its figures, and a table of candidates.

use comfy_table::{CellAlignment, Table, presets};

use crate::decide::{DistrictResult, Status};
use crate::model::Count;
use crate::report::json::DistrictCheck;
use crate::report::{InputFile, TOOL, text};
use crate::rules::RuleSet;

fn count(c: Option<Count>) -> String {
    c.map_or("—".to_string(), |c| c.0.to_string())
}

fn status_line(d: &DistrictResult) -> String {
    let name_of = |id: &crate::model::CandidateId| {
        d.candidates.iter().find(|c| &c.candidate_id == id).map_or(id.to_string(), |c| c.candidate_name.clone())
    };
    match d.status {
        Status::Elected => format!("ELECTED: {}", d.winner.as_ref().map(name_of).unwrap_or_default()),
        Status::Tie => format!(
            "TIE: {} — no winner until the commission draws lots",
            d.tied.iter().map(name_of).collect::<Vec<_>>().join(", ")
        ),
        Status::RepeatElection => format!(
            "REPEAT ELECTION ({}): no winner — see the notices",
            d.reason.map_or("rule set", |r| r.as_str()).replace('_', " ")
        ),
        Status::Incomplete => format!(
            "INCOMPLETE: {} of {} precincts reporting — no winner yet",
            d.precincts_reporting, d.precincts_total
        ),
        Status::Blocked => "NOT DECIDED: errors in the returns hold the race back — correct the returns".to_string(),
    }
}

/// Renders the results of `tally` as text tables.
pub fn results(rules: &RuleSet, inputs: &[InputFile], districts: &[DistrictResult]) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "Results — {} race{} · {}\nRules {}\n",
        districts.len(),
        if districts.len() == 1 { "" } else { "s" },
        TOOL,
        text::en::rules(rules)
    ));
    for d in districts {
        out.push('\n');
        out.push_str(&format!("{}  {}\n", d.district_id, d.district_name));
        out.push_str(&format!("  {}\n", status_line(d)));
        let turnout = d.turnout.map_or("—".to_string(), |t| format!("{}%", t.percent()));
        out.push_str(&format!(
            "  precincts {} of {} · voters on list {} · ballots issued {} · took part {} · turnout {turnout} · invalid {}\n",
            d.precincts_reporting,
            d.precincts_total,
            count(d.voters_on_list),
            count(d.ballots_issued),
            count(d.ballots_in_box),
            count(d.ballots_invalid)
        ));
        let mut t = Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED);
        t.set_header(vec!["#", "Candidate", "Nominated by", "Votes", "Share"]);
        for c in &d.candidates {
            let share = c.share.map_or("—".to_string(), |s| format!("{}%", s.percent()));
            let mark = if d.winner.as_ref() == Some(&c.candidate_id) { " ✔" } else { "" };
            t.add_row(vec![
                c.rank.map_or("—".to_string(), |r| r.to_string()),
                format!("{}{mark}", c.candidate_name),
                c.nominated_by.clone(),
                c.votes.map_or("—".to_string(), |v| v.to_string()),
                share,
            ]);
        }
        if let Some(a) = d.against_all {
            let base = d.valid_votes.map(|v| v.0).unwrap_or(0);
            let share = crate::decide::Ratio::new(a.0, base).map_or("—".to_string(), |s| format!("{}%", s.percent()));
            t.add_row(vec![String::new(), "Against all".to_string(), String::new(), a.to_string(), share]);
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
            out.push_str(&format!("  {} {}\n", n.code.as_str(), text::notice(n)));
        }
    }
    out.push('\n');
    out.push_str(&summary(districts));
    out.push('\n');
    out.push_str("Inputs (SHA-256):\n");
    for f in inputs {
        out.push_str(&format!("  {}  {}\n", f.sha256, f.path));
    }
    out
}

/// `7 races: 3 elected, 1 tie, …`.
pub fn summary(districts: &[DistrictResult]) -> String {
    let mut parts = Vec::new();
    for s in [Status::Elected, Status::Tie, Status::RepeatElection, Status::Incomplete, Status::Blocked] {
        let n = districts.iter().filter(|d| d.status == s).count();
        if n > 0 {
            parts.push(format!("{n} {}", s.as_str().replace('_', " ")));
        }
    }
    format!("{} race{}: {}", districts.len(), if districts.len() == 1 { "" } else { "s" }, parts.join(", "))
}

/// Renders the report of `validate` as text.
pub fn validation(inputs: &[InputFile], districts: &[DistrictCheck], errors: usize, warnings: usize) -> String {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_header(vec!["District", "Name", "Precincts", "Errors", "Missing"]);
    for d in districts {
        t.add_row(vec![
            d.district_id.to_string(),
            d.district_name.to_string(),
            format!("{} of {}", d.precincts_reporting, d.precincts_total),
            d.errors.to_string(),
            d.missing_precincts.join(", "),
        ]);
    }
    let mut out = format!("Validation — {TOOL}\n{t}\n");
    out.push_str(&format!(
        "{}, {}\nInputs (SHA-256):\n",
        crate::report::diagnostics::plural(errors, "error"),
        crate::report::diagnostics::plural(warnings, "warning")
    ));
    for f in inputs {
        out.push_str(&format!("  {}  {}\n", f.sha256, f.path));
    }
    out
}
