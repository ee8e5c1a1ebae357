//! The results as a NIST SP 1500-100 Election Results Reporting (ERR) common data format report, version 2, in
//! JSON: the election, one `CandidateContest` per district with `VoteCounts` per precinct, `GpUnit`s for the whole
//! election, its districts and its precincts, and `BallotCounts` per precinct.
//!
//! Two things of a Kazakh protocol have no field of their own in CDF v2, whose `OtherCounts` hold only
//! over-votes, under-votes and write-ins. **Against all** is a `CandidateSelection` with no candidate
//! (`@id` ending `-against-all`), so its votes are reported beside the candidates'. **Invalid ballots** are the
//! `BallotsRejected` of each precinct's `BallotCounts`, whose `BallotsCast` are the ballots issued.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Value, json};

use crate::decide::{DistrictResult, Status};
use crate::model::{Candidate, Count, Line, Roster};
use crate::protocol::{PrecinctReturn, PrecinctState};
use crate::report::TOOL;

/// What the report says of the election that the roster does not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElectionInfo {
    /// The election's name.
    pub name: String,
    /// Who issues the report (the territorial commission).
    pub issuer: String,
    /// Its abbreviation.
    pub issuer_abbreviation: String,
    /// Election day, `YYYY-MM-DD`.
    pub date: String,
    /// When the report was generated (`YYYY-MM-DDThh:mm:ssZ`); fixed by the user so that the same inputs give
    /// the same bytes.
    pub generated: String,
    /// The language of the names (`kk`, `ru`, `en`).
    pub language: String,
    /// The rule set and every input with its SHA-256, for the report's `Notes` (the audit trail).
    pub provenance: String,
}

/// An NCName-safe id: letters, digits, `-` and `.` are kept; every other character (and `_`) is written as
/// `_xHEX_`, so that different ids never meet.
pub fn nc_id(prefix: &str, raw: &str) -> String {
    let mut out = String::from(prefix);
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
            out.push(c);
        } else {
            out.push_str(&format!("_x{:X}_", c as u32));
        }
    }
    out
}

/// The items of the report are written from these types rather than built as `serde_json` values (a national
/// report has millions of them). The fields of each are declared in the order of their names, as a JSON object of
/// `serde_json` writes them: the bytes are the same either way.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct LanguageString<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    content: &'a str,
    language: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Text<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: [LanguageString<'a>; 1],
}

fn text<'a>(s: &'a str, lang: &'a str) -> Text<'a> {
    Text {
        kind: "ElectionResults.InternationalizedText",
        text: [LanguageString { kind: "ElectionResults.LanguageString", content: s, language: lang }],
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct VoteCounts {
    #[serde(rename = "@type")]
    kind: &'static str,
    count: u64,
    gp_unit_id: String,
    r#type: &'static str,
}

/// The `VoteCounts` of a selection: one per counted precinct that has a figure for it.
fn vote_counts(counted: &[&&PrecinctReturn], figure: impl Fn(&PrecinctReturn) -> Option<Count>) -> Vec<VoteCounts> {
    counted
        .iter()
        .filter_map(|p| figure(p).map(|v| (p, v)))
        .map(|(p, v)| VoteCounts {
            kind: "ElectionResults.VoteCounts",
            count: v.0,
            gp_unit_id: nc_id("gpu-p-", p.precinct.as_str()),
            r#type: "total",
        })
        .collect()
}

/// A `ReportingUnit`: the election's area, a district or a precinct.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Unit<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    composing_gp_unit_ids: Option<Vec<String>>,
    name: Text<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    other_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub_units_reported: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total_sub_units: Option<usize>,
    r#type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    voters_participated: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    voters_registered: Option<u64>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct BallotCounts {
    #[serde(rename = "@type")]
    kind: &'static str,
    ballots_cast: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    ballots_rejected: Option<u64>,
    gp_unit_id: String,
    r#type: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CandidateItem<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    ballot_name: Text<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    party_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    post_election_status: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Selection {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    candidate_ids: Option<[String; 1]>,
    sequence_order: usize,
    vote_counts: Vec<VoteCounts>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CountStatus {
    #[serde(rename = "@type")]
    kind: &'static str,
    status: &'static str,
    r#type: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Contest<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    contest_selection: Vec<Selection>,
    count_status: [CountStatus; 1],
    election_district_id: String,
    name: &'a str,
    number_elected: u32,
    votes_allowed: u32,
}

/// Whether a candidate stands for a party (not self-nominated): the party's id then.
fn party_of(c: &Candidate) -> Option<String> {
    let by = c.nominated_by.trim();
    (!by.eq_ignore_ascii_case("self-nominated") && !by.is_empty()).then(|| nc_id("party-", by))
}

/// A district's `ReportingUnit`.
fn district_unit<'a>(d: &'a DistrictResult, precincts: &[&PrecinctReturn], lang: &'a str) -> Unit<'a> {
    Unit {
        id: nc_id("gpu-d-", d.district_id.as_str()),
        kind: "ElectionResults.ReportingUnit",
        composing_gp_unit_ids: Some(precincts.iter().map(|p| nc_id("gpu-p-", p.precinct.as_str())).collect()),
        name: text(&d.district_name, lang),
        other_type: Some("rural-district"),
        sub_units_reported: Some(d.precincts_reporting),
        total_sub_units: Some(d.precincts_total),
        r#type: "other",
        voters_participated: d.ballots_issued.map(|i| i.0),
        voters_registered: d.voters_on_list.map(|v| v.0),
    }
}

/// A precinct's `ReportingUnit`.
fn precinct_unit<'a>(roster: &Roster, p: &'a PrecinctReturn, lang: &'a str) -> Unit<'a> {
    let voters =
        p.line(Line::VotersOnList).or_else(|| roster.precincts.get(&p.precinct).and_then(|r| r.voters_on_list));
    Unit {
        id: nc_id("gpu-p-", p.precinct.as_str()),
        kind: "ElectionResults.ReportingUnit",
        composing_gp_unit_ids: None,
        name: text(p.precinct.as_str(), lang),
        other_type: None,
        sub_units_reported: None,
        total_sub_units: None,
        r#type: "precinct",
        voters_participated: issued(p).map(|i| i.0),
        voters_registered: voters.map(|v| v.0),
    }
}

/// The ballots issued of a counted precinct.
fn issued(p: &PrecinctReturn) -> Option<Count> {
    if p.state == PrecinctState::Counted { p.whole(Line::BallotsIssued) } else { None }
}

/// A counted precinct's `BallotCounts`, when it gives its ballots issued.
fn ballot_counts(p: &PrecinctReturn) -> Option<BallotCounts> {
    Some(BallotCounts {
        kind: "ElectionResults.BallotCounts",
        ballots_cast: issued(p)?.0,
        ballots_rejected: p.line(Line::BallotsInvalid).map(|v| v.0),
        gp_unit_id: nc_id("gpu-p-", p.precinct.as_str()),
        r#type: "total",
    })
}

/// The candidates registered in a district, in roster order.
fn registered<'r>(roster: &'r Roster, d: &DistrictResult) -> impl Iterator<Item = Candidate<'r>> + 'r {
    roster.districts.get(&d.district_id).into_iter().flat_map(|x| x.candidates.iter())
}

fn candidate_id(d: &DistrictResult, c: &Candidate) -> String {
    nc_id(&format!("cand-{}-", nc_id("", d.district_id.as_str())), c.id)
}

/// A district's `Candidate`s.
fn candidates<'a>(
    d: &'a DistrictResult,
    roster: &'a Roster,
    lang: &'a str,
) -> impl Iterator<Item = CandidateItem<'a>> + 'a {
    registered(roster, d).map(move |c| CandidateItem {
        id: candidate_id(d, &c),
        kind: "ElectionResults.Candidate",
        ballot_name: text(c.name, lang),
        party_id: party_of(&c),
        post_election_status: (d.status == Status::Elected)
            .then_some(if d.winner.as_ref().is_some_and(|w| w.as_str() == c.id) { "winner" } else { "defeated" }),
    })
}

/// A district's `CandidateContest`, with the `VoteCounts` of its counted precincts.
fn contest<'a>(d: &'a DistrictResult, roster: &Roster, precincts: &[&PrecinctReturn]) -> Contest<'a> {
    let counted: Vec<&&PrecinctReturn> = precincts.iter().filter(|p| p.state == PrecinctState::Counted).collect();
    let mut selections = Vec::new();
    for (k, c) in registered(roster, d).enumerate() {
        selections.push(Selection {
            id: nc_id(&format!("sel-{}-", nc_id("", d.district_id.as_str())), c.id),
            kind: "ElectionResults.CandidateSelection",
            candidate_ids: Some([candidate_id(d, &c)]),
            sequence_order: k + 1,
            vote_counts: vote_counts(&counted, |p| p.votes_for(k)),
        });
    }
    let against = vote_counts(&counted, |p| p.line(Line::AgainstAll));
    if !against.is_empty() {
        selections.push(Selection {
            id: format!("sel-{}-against-all", nc_id("", d.district_id.as_str())),
            kind: "ElectionResults.CandidateSelection",
            candidate_ids: None,
            sequence_order: selections.len() + 1,
            vote_counts: against,
        });
    }
    let complete = d.precincts_reporting == d.precincts_total;
    Contest {
        id: nc_id("contest-", d.district_id.as_str()),
        kind: "ElectionResults.CandidateContest",
        contest_selection: selections,
        count_status: [CountStatus {
            kind: "ElectionResults.CountStatus",
            status: if complete { "completed" } else { "in-process" },
            r#type: "total",
        }],
        election_district_id: nc_id("gpu-d-", d.district_id.as_str()),
        name: &d.district_name,
        number_elected: 1,
        votes_allowed: 1,
    }
}

/// Writes the items of an array at `indent` (the indentation of the line it starts on) as pretty JSON does, one
/// item at a time: a report of a million precincts is never held as one tree of values.
fn write_array<T: Serialize>(out: &mut dyn Write, indent: &str, items: impl Iterator<Item = T>) -> io::Result<()> {
    let inner = format!("\n{indent}  ");
    out.write_all(b"[")?;
    let mut any = false;
    for v in items {
        if any {
            out.write_all(b",")?;
        }
        any = true;
        out.write_all(inner.as_bytes())?;
        // Written whole and then indented: faster than indenting the serialiser's many small writes.
        let item = serde_json::to_string_pretty(&v).map_err(io::Error::from)?;
        let mut lines = item.split('\n');
        out.write_all(lines.next().unwrap_or_default().as_bytes())?;
        for l in lines {
            out.write_all(inner.as_bytes())?;
            out.write_all(l.as_bytes())?;
        }
    }
    if any {
        out.write_all(b"\n")?;
        out.write_all(indent.as_bytes())?;
    }
    out.write_all(b"]")
}

/// Writes the report, as pretty JSON. Its long lists (the reporting units, the candidates, the contests and the ballot
/// counts) are written an item at a time into the places a skeleton of the report keeps for them; the bytes are
/// those of the whole report written at once.
pub fn report(
    out: &mut dyn Write,
    roster: &Roster,
    districts: &[DistrictResult],
    protocols: &[PrecinctReturn],
    info: &ElectionInfo,
) -> io::Result<()> {
    let lang = info.language.as_str();
    let top = "gpu-election".to_string();
    let by_district: BTreeMap<&str, Vec<&PrecinctReturn>> = protocols.iter().fold(BTreeMap::new(), |mut m, p| {
        m.entry(p.district.as_str()).or_insert_with(Vec::new).push(p);
        m
    });
    let precincts_of =
        |d: &DistrictResult| by_district.get(d.district_id.as_str()).map(Vec::as_slice).unwrap_or_default();
    let partial = districts.iter().any(|d| d.precincts_reporting < d.precincts_total);
    let skeleton = serde_json::to_string_pretty(&skeleton(info, &top, parties(roster, districts, lang), partial))
        .map_err(io::Error::from)?;
    let mut rest = skeleton.as_str();
    loop {
        let next = ["GpUnit", "Candidate", "Contest", "BallotCounts"]
            .into_iter()
            .filter_map(|key| {
                let at = format!("\"{key}\": \"\\u0000{key}\\u0000\"");
                rest.find(&at).map(|i| (i, key, at.len()))
            })
            .min();
        let Some((i, key, len)) = next else { break };
        let value = i + key.len() + 4;
        out.write_all(&rest.as_bytes()[..value])?;
        let line = rest[..i].rfind('\n').map_or(0, |n| n + 1);
        let indent = &rest[line..i];
        match key {
            "GpUnit" => {
                let units = districts.iter().flat_map(|d| {
                    let precincts = precincts_of(d);
                    std::iter::once(district_unit(d, precincts, lang))
                        .chain(precincts.iter().map(|p| precinct_unit(roster, p, lang)))
                });
                write_array(out, indent, std::iter::once(election_unit(districts, info, &top)).chain(units))?;
            }
            "Candidate" => write_array(out, indent, districts.iter().flat_map(|d| candidates(d, roster, lang)))?,
            "Contest" => write_array(out, indent, districts.iter().map(|d| contest(d, roster, precincts_of(d))))?,
            _ => write_array(
                out,
                indent,
                districts.iter().flat_map(|d| precincts_of(d).iter().filter_map(|p| ballot_counts(p))),
            )?,
        }
        rest = &rest[i + len..];
    }
    out.write_all(rest.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()
}

/// The parties that nominated the candidates, once each.
fn parties(roster: &Roster, districts: &[DistrictResult], lang: &str) -> Vec<Value> {
    let mut parties: BTreeMap<String, Value> = BTreeMap::new();
    for d in districts {
        for c in registered(roster, d) {
            if let Some(party_id) = party_of(&c) {
                parties.entry(party_id.clone()).or_insert_with(|| {
                    json!({ "@type": "ElectionResults.Party", "@id": party_id, "Name": text(c.nominated_by.trim(), lang) })
                });
            }
        }
    }
    parties.into_values().collect()
}

/// The report with a hole for each long list (`GpUnit`, `Candidate`, `Contest`, `BallotCounts`), which
/// [`report`] writes in its place as it goes.
fn skeleton(info: &ElectionInfo, top: &str, parties: Vec<Value>, partial: bool) -> Value {
    let lang = info.language.as_str();
    // A place kept for a long list: the key and a value no input can give (a string cannot hold an unescaped
    // quote, so `"GpUnit": "` is never inside one).
    let hole = |key: &str| Value::String(format!("\u{0}{key}\u{0}"));
    json!({
        "@type": "ElectionResults.ElectionReport",
        "Format": "precinct-level",
        "GeneratedDate": info.generated,
        "Issuer": info.issuer,
        "IssuerAbbreviation": info.issuer_abbreviation,
        "Notes": info.provenance,
        "SequenceStart": 1,
        "SequenceEnd": 1,
        "Status": if partial { "unofficial-partial" } else { "unofficial-complete" },
        "VendorApplicationId": TOOL,
        "GpUnit": hole("GpUnit"),
        "Party": parties,
        "Election": [{
            "@type": "ElectionResults.Election",
            "ElectionScopeId": top,
            "Name": text(&info.name, lang),
            "StartDate": info.date,
            "EndDate": info.date,
            "Type": "general",
            "Candidate": hole("Candidate"),
            "Contest": hole("Contest"),
            "BallotCounts": hole("BallotCounts"),
        }],
    })
}

/// The unit of the whole election, composed of the districts.
fn election_unit<'a>(districts: &[DistrictResult], info: &'a ElectionInfo, top: &str) -> Unit<'a> {
    Unit {
        id: top.to_string(),
        kind: "ElectionResults.ReportingUnit",
        composing_gp_unit_ids: Some(districts.iter().map(|d| nc_id("gpu-d-", d.district_id.as_str())).collect()),
        name: text(&info.issuer, info.language.as_str()),
        other_type: Some("election-area"),
        sub_units_reported: None,
        total_sub_units: None,
        r#type: "other",
        voters_participated: None,
        voters_registered: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_ncname_safe_ids_that_never_meet() {
        assert_eq!(nc_id("gpu-p-", "01-446 Aurora"), "gpu-p-01-446_x20_Aurora");
        assert_eq!(nc_id("gpu-p-", "Учаске|1"), "gpu-p-_x423__x447__x430__x441__x43A__x435__x7C_1");
        assert_ne!(nc_id("x-", "a_b"), nc_id("x-", "a b"));
        assert_ne!(nc_id("x-", "a_x20_b"), nc_id("x-", "a b"));
    }
}
