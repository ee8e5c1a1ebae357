//! `candidates.csv`: each candidate read, registered in their district (once, by a name that cannot be taken
//! for a protocol line), and the districts and names checked once every candidate is in.

use super::*;

/// Reads the rows of `candidates.csv`.
pub(super) fn candidate_rows<'t: 's, 's>(
    cf: &RosterFile<'t>,
    beside: Beside<'s, '_>,
) -> (Vec<CandidateRow>, Vec<Finding>) {
    let (mut out, mut findings) = (Vec::new(), Vec::new());
    let required = ["district_id", "candidate_id", "candidate_name", "nominated_by"];
    rows(cf, &required, &CANDIDATE_DETAILS, &mut findings, beside, |line, f, _| {
        let id = CandidateId::parse(f[1]);
        let keys = [normalize(id.as_str()), normalize(f[2])];
        out.push(CandidateRow {
            line,
            district: f[0].to_string(),
            skeleton: fold_lookalikes(&keys[1]).replace(' ', ""),
            mixed: mixes_scripts(f[2]),
            keys,
            candidate: Candidate {
                id,
                name: f[2].to_string(),
                nominated_by: f[3].to_string(),
                details: CandidateDetails {
                    birth_year: f[4].to_string(),
                    position: f[5].to_string(),
                    residence: f[6].to_string(),
                },
            },
        });
    });
    (out, findings)
}

/// Registers each candidate in its district (by place), in the order of candidates.csv: a candidate of a
/// district with no precincts, named like a protocol line, or the same (normalised) as another of the district
/// is an error and is left out.
pub(super) fn register(
    candidates_read: Vec<CandidateRow>,
    roster: &Roster,
    cf: &RosterFile,
    findings: &mut Vec<Finding>,
) -> Vec<Vec<CandidateRow>> {
    // Keyed by the district's place.
    let place_of: HashMap<&DistrictId, u32> = roster.districts.values().map(|d| (&d.id, d.index)).collect();
    let district_at: Vec<&DistrictId> = roster.districts.keys().collect();
    let mut seen: HashMap<(u32, String), u32> = HashMap::new();
    // Each district's candidates, by the district's place.
    let mut registered: Vec<Vec<CandidateRow>> =
        std::iter::repeat_with(Vec::new).take(roster.districts.len()).collect();
    // Rows of one district usually come together: the district cell is looked up once for the run.
    let mut last_district: Option<(String, u32)> = None;
    for mut c in candidates_read {
        let place = match &last_district {
            Some((cell, place)) if *cell == c.district => *place,
            _ => {
                let district = DistrictId::parse(&c.district);
                let Some(&place) = place_of.get(&district) else {
                    findings.push(err(
                        Code::RosterUnknownDistrict,
                        at(cf, c.line, 1),
                        Detail::CandidateInUnlistedDistrict {
                            candidate: c.candidate.id.to_string(),
                            district: district.to_string(),
                        },
                    ));
                    continue;
                };
                last_district = Some((c.district.clone(), place));
                place
            }
        };
        // A candidate called like a protocol line («Против всех», "ballots_issued") or like the precinct column
        // could never be told from it in a header or a long file's item column.
        let named_like_a_line =
            [c.candidate.id.as_str(), c.candidate.name.as_str()].into_iter().zip([2, 3]).find(|(s, _)| {
                crate::input::header::classify(s).is_some_and(|col| col != crate::input::header::Column::Info)
            });
        if let Some((said, column)) = named_like_a_line {
            findings.push(err(
                Code::RosterCandidateLikeALine,
                at(cf, c.line, column),
                Detail::CandidateLikeALine { name: said.to_string() },
            ));
            continue;
        }
        let [id_key, name_key] = std::mem::take(&mut c.keys);
        let keys = [(place, id_key), (place, name_key)];
        let mut clash = false;
        for (what, key) in ["id", "name"].into_iter().zip(&keys) {
            if let Some(line) = seen.get(key) {
                clash = true;
                let district = district_at[place as usize];
                findings.push(err(
                    Code::RosterDuplicateCandidate,
                    at(cf, c.line, if what == "id" { 2 } else { 3 }),
                    Detail::CandidateTwice {
                        by_name: what != "id",
                        said: if what == "id" { c.candidate.id.to_string() } else { c.candidate.name.clone() },
                        district: district.to_string(),
                        line: *line,
                    },
                ));
            }
        }
        if clash {
            continue;
        }
        for key in keys {
            seen.insert(key, c.line);
        }
        registered[place as usize].push(c);
    }
    registered
}

/// A district with no candidates or no precincts is an error.
pub(super) fn empty_districts(
    roster: &Roster,
    names: &BTreeMap<DistrictId, (String, u32, Arc<str>)>,
    pf: &RosterFile,
    cf: &RosterFile,
    findings: &mut Vec<Finding>,
) {
    for d in roster.districts.values() {
        let (line, file) = names.get(&d.id).map(|(_, l, f)| (*l, Arc::clone(f))).unwrap_or((0, Arc::clone(&pf.name)));
        if d.candidates.is_empty() {
            findings.push(err(
                Code::RosterNoCandidates,
                Some(Location::new(&file, line, 1)),
                Detail::DistrictWithoutCandidates {
                    district: d.id.to_string(),
                    name: d.name.clone(),
                    file: cf.name.to_string(),
                },
            ));
        }
        if d.precincts.is_empty() {
            findings.push(err(
                Code::RosterNoPrecincts,
                Some(Location::new(&file, line, 1)),
                Detail::DistrictWithoutPrecincts {
                    district: d.id.to_string(),
                    name: d.name.clone(),
                    file: pf.name.to_string(),
                },
            ));
        }
    }
}

/// Names a reader could confuse: Latin look-alikes inside a Cyrillic name, and two candidates of a district
/// whose names differ only by such letters or by spaces (warnings). `read_as` gives, for each district's
/// candidates, their line, the skeleton of their name, and whether it mixes scripts.
pub(super) fn confusable_names(
    roster: &Roster,
    read_as: &[Vec<(u32, String, bool)>],
    cf: &RosterFile,
    findings: &mut Vec<Finding>,
) {
    for (d, facts) in roster.districts.values().zip(read_as) {
        let at = |k: usize| facts.get(k).map(|f| Location::new(&cf.name, f.0, 3));
        for (i, c) in d.candidates.iter().enumerate() {
            if facts[i].2 {
                findings.push(Finding::new(
                    Code::RosterMixedScript,
                    at(i),
                    Detail::MixedScript { name: c.name.clone(), district: d.id.to_string() },
                ));
            }
            for (o, o_facts) in d.candidates[..i].iter().zip(facts) {
                if o_facts.1 == facts[i].1 {
                    findings.push(Finding::new(
                        Code::RosterLookalikes,
                        at(i),
                        Detail::Lookalikes {
                            first: (o.id.to_string(), o.name.clone()),
                            second: (c.id.to_string(), c.name.clone()),
                            district: d.id.to_string(),
                        },
                    ));
                }
            }
        }
    }
}
