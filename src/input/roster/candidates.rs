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
            place: 0,
            skeleton: keys[1].chars().filter(|&c| c != ' ').map(fold_lookalike).collect(),
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
/// is an error and is left out. Gives the candidates registered, in the order of their districts' places and,
/// within a district, of the file; the rows are kept where they were read (sorted only when the file does not
/// give each district's candidates together), not copied into a list per district.
pub(super) fn register(
    mut rows: Vec<CandidateRow>,
    roster: &Roster,
    cf: &RosterFile,
    findings: &mut Vec<Finding>,
) -> Vec<CandidateRow> {
    // Keyed by the district's place.
    let place_of: HashMap<&DistrictId, u32> = roster.districts.values().map(|d| (&d.id, d.index)).collect();
    let district_at: Vec<&DistrictId> = roster.districts.keys().collect();
    let mut keep = vec![true; rows.len()];
    // Rows of one district usually come together: the district cell is looked up once for the run.
    let mut last_district: Option<(String, u32)> = None;
    for (c, keep) in rows.iter_mut().zip(&mut keep) {
        *keep = false;
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
                last_district = Some((std::mem::take(&mut c.district), place));
                place
            }
        };
        // A candidate called like a protocol line («Против всех», "ballots_issued") or like the precinct column
        // could never be told from it in a header or a long file's item column.
        // The keys are the id and the name normalised, as a header is before it is looked up.
        let said = [c.candidate.id.as_str(), c.candidate.name.as_str()];
        let named_like_a_line = (0..2).find(|&i| {
            crate::input::header::classify_normalized(&c.keys[i])
                .is_some_and(|col| col != crate::input::header::Column::Info)
        });
        if let Some((said, column)) = named_like_a_line.map(|i| (said[i], i + 2)) {
            findings.push(err(
                Code::RosterCandidateLikeALine,
                at(cf, c.line, column),
                Detail::CandidateLikeALine { name: said.to_string() },
            ));
            continue;
        }
        (c.place, *keep) = (place, true);
    }
    let mut kept = keep.into_iter();
    rows.retain(|_| kept.next().unwrap_or(true));
    if !rows.is_sorted_by_key(|c| c.place) {
        rows.sort_by_key(|c| c.place);
    }
    let mut keep = vec![true; rows.len()];
    let mut scratch = Twins::default();
    let mut start = 0;
    for district in rows.chunk_by_mut(|a, b| a.place == b.place) {
        let end = start + district.len();
        let id = district_at[district[0].place as usize];
        scratch.drop_twins(district, &mut keep[start..end], id, cf, findings);
        start = end;
    }
    let mut kept = keep.into_iter();
    rows.retain(|_| kept.next().unwrap_or(true));
    rows
}

/// Room for finding the candidates of a district that take an id or name already taken, kept from one district to
/// the next.
#[derive(Default)]
struct Twins {
    /// Every key (id or name, normalised) of the district's candidates, with the candidate's place and which key it
    /// is (0 the id, 1 the name), sorted: the candidates sharing a key stand side by side, in file order.
    keyed: Vec<(String, u32, u8)>,
    /// For each entry of `keyed`, where its run of one key starts.
    run_of: Vec<u32>,
    /// For each candidate's id and name, its entry in `keyed`.
    entry_of: Vec<u32>,
    /// For each run of one key (by where it starts), the candidate kept with that key.
    kept_with: Vec<Option<u32>>,
}

impl Twins {
    /// Leaves out of a district's candidates (in file order) each one whose id or name, normalised, a candidate
    /// kept before it already has (ids and names share one namespace), with an error naming that one's line.
    /// Sorting the keys finds them in n log n however many candidates a district has, and touches no memory of
    /// other districts.
    fn drop_twins(
        &mut self,
        rows: &mut [CandidateRow],
        keep: &mut [bool],
        district: &DistrictId,
        cf: &RosterFile,
        findings: &mut Vec<Finding>,
    ) {
        if rows.len() < 2 {
            return;
        }
        self.keyed.clear();
        for (i, r) in rows.iter_mut().enumerate() {
            let [id, name] = std::mem::take(&mut r.keys);
            self.keyed.extend([(id, i as u32, 0), (name, i as u32, 1)]);
        }
        self.keyed.sort_unstable();
        let n = self.keyed.len();
        self.run_of.clear();
        self.entry_of.clear();
        self.kept_with.clear();
        self.entry_of.resize(n, 0);
        self.kept_with.resize(n, None);
        for (e, (key, i, which)) in self.keyed.iter().enumerate() {
            let run = if e > 0 && self.keyed[e - 1].0 == *key { self.run_of[e - 1] } else { e as u32 };
            self.run_of.push(run);
            self.entry_of[2 * *i as usize + usize::from(*which)] = e as u32;
        }
        for (i, r) in rows.iter().enumerate() {
            let runs = [0, 1].map(|which| self.run_of[self.entry_of[2 * i + which] as usize] as usize);
            for (which, run) in runs.into_iter().enumerate() {
                let Some(first) = self.kept_with[run] else { continue };
                keep[i] = false;
                findings.push(err(
                    Code::RosterDuplicateCandidate,
                    at(cf, r.line, 2 + which),
                    Detail::CandidateTwice {
                        by_name: which == 1,
                        said: if which == 0 { r.candidate.id.to_string() } else { r.candidate.name.clone() },
                        district: district.to_string(),
                        line: rows[first as usize].line,
                    },
                ));
            }
            if keep[i] {
                for run in runs {
                    self.kept_with[run].get_or_insert(i as u32);
                }
            }
        }
    }
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
