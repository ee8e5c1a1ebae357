//! The results as a NIST SP 1500-100 Election Results Reporting (ERR) common data format report, version 2, in
//! JSON: the election, one `CandidateContest` per district with `VoteCounts` per precinct, `GpUnit`s for the whole
//! election, its districts and its precincts, and `BallotCounts` per precinct.
//!
//! Two things of a Kazakh protocol have no field of their own in CDF v2, whose `OtherCounts` hold only
//! over-votes, under-votes and write-ins. **Against all** is a `CandidateSelection` with no candidate
//! (`@id` ending `-against-all`), so its votes are reported beside the candidates'. **Invalid ballots** are the
//! `BallotsRejected` of each precinct's `BallotCounts`, whose `BallotsCast` are the ballots issued.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::decide::{DistrictResult, Status};
use crate::engine::{PrecinctReturn, PrecinctState};
use crate::model::{Count, Line, Roster};
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

fn text(s: &str, lang: &str) -> Value {
    json!({
        "@type": "ElectionResults.InternationalizedText",
        "Text": [{ "@type": "ElectionResults.LanguageString", "Content": s, "Language": lang }]
    })
}

/// The `VoteCounts` of a selection: one per counted precinct that has a figure for it.
fn vote_counts(counted: &[&&PrecinctReturn], figure: impl Fn(&PrecinctReturn) -> Option<Count>) -> Vec<Value> {
    counted
        .iter()
        .filter_map(|p| figure(p).map(|v| (p, v)))
        .map(|(p, v)| {
            json!({
                "@type": "ElectionResults.VoteCounts",
                "GpUnitId": nc_id("gpu-p-", p.precinct.as_str()),
                "Type": "total",
                "Count": v.0,
            })
        })
        .collect()
}

/// The report, as pretty JSON.
pub fn report(
    roster: &Roster,
    districts: &[DistrictResult],
    protocols: &[PrecinctReturn],
    info: &ElectionInfo,
) -> String {
    let lang = info.language.as_str();
    let top = "gpu-election".to_string();
    let mut gp_units = Vec::new();
    let mut parties: BTreeMap<String, Value> = BTreeMap::new();
    let mut candidates = Vec::new();
    let mut contests = Vec::new();
    let mut ballot_counts = Vec::new();
    let by_district: BTreeMap<&str, Vec<&PrecinctReturn>> = protocols.iter().fold(BTreeMap::new(), |mut m, p| {
        m.entry(p.district.as_str()).or_insert_with(Vec::new).push(p);
        m
    });

    gp_units.push(json!({
        "@type": "ElectionResults.ReportingUnit",
        "@id": top,
        "Type": "other",
        "OtherType": "election-area",
        "Name": text(&info.issuer, lang),
        "ComposingGpUnitIds": districts.iter().map(|d| nc_id("gpu-d-", d.district_id.as_str())).collect::<Vec<_>>(),
    }));

    for d in districts {
        let gpu_d = nc_id("gpu-d-", d.district_id.as_str());
        let precincts = by_district.get(d.district_id.as_str()).cloned().unwrap_or_default();
        let mut unit = json!({
            "@type": "ElectionResults.ReportingUnit",
            "@id": gpu_d,
            "Type": "other",
            "OtherType": "rural-district",
            "Name": text(&d.district_name, lang),
            "ComposingGpUnitIds": precincts.iter().map(|p| nc_id("gpu-p-", p.precinct.as_str())).collect::<Vec<_>>(),
            "SubUnitsReported": d.precincts_reporting,
            "TotalSubUnits": d.precincts_total,
        });
        if let Some(v) = d.voters_on_list {
            unit["VotersRegistered"] = json!(v.0);
        }
        if let Some(i) = d.ballots_issued {
            unit["VotersParticipated"] = json!(i.0);
        }
        gp_units.push(unit);

        for p in &precincts {
            let gpu_p = nc_id("gpu-p-", p.precinct.as_str());
            let mut unit = json!({
                "@type": "ElectionResults.ReportingUnit",
                "@id": gpu_p,
                "Type": "precinct",
                "Name": text(p.precinct.as_str(), lang),
            });
            let voters = p
                .lines
                .get(&Line::VotersOnList)
                .copied()
                .or_else(|| roster.precincts.get(&p.precinct).and_then(|r| r.voters_on_list));
            if let Some(v) = voters {
                unit["VotersRegistered"] = json!(v.0);
            }
            if p.state == PrecinctState::Counted
                && let Some(i) = p.whole(Line::BallotsIssued)
            {
                unit["VotersParticipated"] = json!(i.0);
                let mut bc = json!({
                    "@type": "ElectionResults.BallotCounts",
                    "GpUnitId": gpu_p,
                    "Type": "total",
                    "BallotsCast": i.0,
                });
                if let Some(inv) = p.lines.get(&Line::BallotsInvalid) {
                    bc["BallotsRejected"] = json!(inv.0);
                }
                ballot_counts.push(bc);
            }
            gp_units.push(unit);
        }

        let counted: Vec<&&PrecinctReturn> = precincts.iter().filter(|p| p.state == PrecinctState::Counted).collect();
        let mut selections = Vec::new();
        let district = roster.districts.get(&d.district_id);
        for (k, c) in district.map(|x| x.candidates.as_slice()).unwrap_or_default().iter().enumerate() {
            let cand_id = nc_id(&format!("cand-{}-", nc_id("", d.district_id.as_str())), c.id.as_str());
            let mut cand = json!({
                "@type": "ElectionResults.Candidate",
                "@id": cand_id,
                "BallotName": text(&c.name, lang),
            });
            if !c.nominated_by.trim().eq_ignore_ascii_case("self-nominated") && !c.nominated_by.trim().is_empty() {
                let party_id = nc_id("party-", c.nominated_by.trim());
                parties.entry(party_id.clone()).or_insert_with(|| {
                    json!({ "@type": "ElectionResults.Party", "@id": party_id, "Name": text(c.nominated_by.trim(), lang) })
                });
                cand["PartyId"] = json!(party_id);
            }
            if d.status == Status::Elected {
                cand["PostElectionStatus"] =
                    json!(if d.winner.as_ref() == Some(&c.id) { "winner" } else { "defeated" });
            }
            candidates.push(cand);
            let counts = vote_counts(&counted, |p| p.votes.get(&c.id).copied());
            selections.push(json!({
                "@type": "ElectionResults.CandidateSelection",
                "@id": nc_id(&format!("sel-{}-", nc_id("", d.district_id.as_str())), c.id.as_str()),
                "SequenceOrder": k + 1,
                "CandidateIds": [cand_id],
                "VoteCounts": counts,
            }));
        }
        let against = vote_counts(&counted, |p| p.lines.get(&Line::AgainstAll).copied());
        if !against.is_empty() {
            selections.push(json!({
                "@type": "ElectionResults.CandidateSelection",
                "@id": format!("sel-{}-against-all", nc_id("", d.district_id.as_str())),
                "SequenceOrder": selections.len() + 1,
                "VoteCounts": against,
            }));
        }
        let complete = d.precincts_reporting == d.precincts_total;
        contests.push(json!({
            "@type": "ElectionResults.CandidateContest",
            "@id": nc_id("contest-", d.district_id.as_str()),
            "Name": d.district_name,
            "ElectionDistrictId": gpu_d,
            "VotesAllowed": 1,
            "NumberElected": 1,
            "ContestSelection": selections,
            "CountStatus": [{
                "@type": "ElectionResults.CountStatus",
                "Type": "total",
                "Status": if complete { "completed" } else { "in-process" },
            }],
        }));
    }

    let partial = districts.iter().any(|d| d.precincts_reporting < d.precincts_total);
    let doc = json!({
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
        "GpUnit": gp_units,
        "Party": parties.into_values().collect::<Vec<_>>(),
        "Election": [{
            "@type": "ElectionResults.Election",
            "ElectionScopeId": top,
            "Name": text(&info.name, lang),
            "StartDate": info.date,
            "EndDate": info.date,
            "Type": "general",
            "Candidate": candidates,
            "Contest": contests,
            "BallotCounts": ballot_counts,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
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
