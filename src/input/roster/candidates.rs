//! `candidates.csv`: each candidate read, registered in their district (once, by a name that cannot be taken
//! for a protocol line), and the districts and names checked once every candidate is in.

use std::collections::HashMap;

use super::*;

/// Reads the rows of `candidates.csv`.
pub(super) fn candidate_rows<'t: 's, 's>(
    cf: &RosterFile<'t>,
    beside: Beside<'s, '_>,
) -> (CandidatesRead, Vec<Finding>) {
    let (mut read, mut findings) = (CandidatesRead::default(), Vec::new());
    // Room for every row and all of its text at once: grown a step at a time, a national roster's lists would
    // leave their earlier steps behind as free memory the process keeps (tens of megabytes).
    let lines = cf.sheet.map_or_else(|| memchr::memchr_iter(b'\n', cf.text.as_bytes()).count() + 1, |s| s.rows.len());
    read.rows.reserve_exact(lines);
    read.text.reserve_exact(cf.text.len());
    let mut nominations: HashMap<Arc<str>, u32> = HashMap::new();
    let required = ["district_id", "candidate_id", "candidate_name", "nominated_by"];
    let at = |text: &String| u32::try_from(text.len()).unwrap_or(u32::MAX);
    rows(cf, &required, &CANDIDATE_DETAILS, &mut findings, beside, |line, f, _| {
        let nomination = match nominations.get(f[3]) {
            Some(&k) => k,
            None => {
                let n: Arc<str> = f[3].into();
                let k = read.nominations.len() as u32;
                read.nominations.push(Arc::clone(&n));
                nominations.insert(n, k);
                k
            }
        };
        if read.districts.last().is_none_or(|&[a, b]| &read.text[a as usize..b as usize] != f[0]) {
            let start = at(&read.text);
            read.text.push_str(f[0]);
            read.districts.push([start, at(&read.text)]);
        }
        let start = at(&read.text);
        read.text.push_str(clean_id(f[1]));
        let id_end = at(&read.text);
        read.text.push_str(f[2]);
        let details = f[4..7].iter().any(|d| !d.is_empty()).then(|| {
            read.details.push(CandidateDetails {
                birth_year: f[4].to_string(),
                position: f[5].to_string(),
                residence: f[6].to_string(),
            });
            std::num::NonZeroU32::new(u32::try_from(read.details.len()).unwrap_or(u32::MAX))
        });
        read.rows.push(CandidateRow {
            line,
            run: read.districts.len() as u32 - 1,
            place: 0,
            text: [start, id_end, at(&read.text)],
            nomination,
            details: details.flatten(),
        });
    });
    (read, findings)
}

/// Registers each candidate in its district (by place), in the order of candidates.csv: a candidate of a
/// district with no precincts, named like a protocol line, or the same (normalised) as another of the district
/// is an error and is left out; names a reader could confuse are warnings. Gives what was read with only the rows
/// registered, in the order of their districts' places and, within a district, of the file; the rows are kept
/// where they were read (sorted only when the file does not give each district's candidates together), not copied
/// into a list per district.
pub(super) fn register(
    read: CandidatesRead,
    roster: &Roster,
    cf: &Arc<str>,
    findings: &mut Vec<Finding>,
) -> CandidatesRead {
    let CandidatesRead { mut rows, districts, text, nominations, details } = read;
    let cell = |[a, b]: [u32; 2]| &text[a as usize..b as usize];
    // Each run's district place (none when the roster has no such district). Candidates usually follow the
    // districts' order: the district after the previous run's is tried first, else the districts are halved.
    let mut next = 0;
    let places: Vec<Option<u32>> = districts
        .iter()
        .map(|&written| {
            let id = clean_id(cell(written));
            let place = match roster.districts.at(next) {
                Some(d) if d.id.as_str() == id => Some(next),
                _ => roster.districts.place_of(id),
            };
            next = place.map_or(next, |p| p + 1);
            place
        })
        .collect();
    rows.retain_mut(|c| {
        let place = places[c.run as usize];
        match place {
            Some(place) => c.place = place,
            None => findings.push(err(
                Code::RosterUnknownDistrict,
                at(cf, c.line, 1),
                Detail::CandidateInUnlistedDistrict {
                    candidate: c.id_and_name(&text)[0].to_string(),
                    district: DistrictId::parse(cell(districts[c.run as usize])).to_string(),
                },
            )),
        }
        place.is_some()
    });
    if !rows.is_sorted_by_key(|c| c.place) {
        rows.sort_by_key(|c| c.place);
    }
    let mut keep = vec![true; rows.len()];
    let mut scratch = DistrictChecks::default();
    let mut start = 0;
    for district in rows.chunk_by(|a, b| a.place == b.place) {
        let end = start + district.len();
        if let Some(d) = roster.districts.at(district[0].place) {
            scratch.check((district, &text), &mut keep[start..end], &d.id, cf, findings);
        }
        start = end;
    }
    let mut kept = keep.into_iter();
    rows.retain(|_| kept.next().unwrap_or(true));
    CandidatesRead { rows, districts, text, nominations, details }
}

/// Room for checking one district's candidates against each other, kept from one district to the next.
#[derive(Default)]
struct DistrictChecks {
    /// Each candidate's id and name, normalised: they share one namespace within a district.
    keys: Vec<[String; 2]>,
    /// The keys of the candidates still kept, as entries (`2 × candidate + 0` for the id, `+ 1` for the name),
    /// sorted by key and then entry: the candidates sharing a key stand side by side, in file order.
    sorted: Vec<u32>,
    /// For each place in `sorted`, where its run of one key starts.
    run_of: Vec<u32>,
    /// For each entry, its place in `sorted`.
    place_of: Vec<u32>,
    /// For each run of one key (by where it starts), the candidate kept with that key.
    kept_with: Vec<Option<u32>>,
    /// Each candidate's name without look-alike letters and spaces.
    skeletons: Vec<String>,
}

impl DistrictChecks {
    /// Checks a district's candidates (in file order), leaving out (`keep` false) those named like a protocol line
    /// or taking an id or name already taken, and warning of names a reader could confuse.
    fn check(
        &mut self,
        (rows, text): (&[CandidateRow], &str),
        keep: &mut [bool],
        district: &DistrictId,
        cf: &Arc<str>,
        findings: &mut Vec<Finding>,
    ) {
        if self.keys.len() < rows.len() {
            self.keys.resize_with(rows.len(), Default::default);
        }
        for (keys, r) in self.keys.iter_mut().zip(rows) {
            let [id, name] = r.id_and_name(text);
            crate::input::header::normalize_into(id, &mut keys[0]);
            crate::input::header::normalize_into(name, &mut keys[1]);
        }
        for (i, r) in rows.iter().enumerate() {
            // A candidate called like a protocol line («Против всех», "ballots_issued") or like the precinct column
            // could never be told from it in a header or a long file's item column. The keys are normalised as a
            // header is before it is looked up.
            let said = r.id_and_name(text);
            let named_like_a_line = (0..2).find(|&w| {
                crate::input::header::classify_normalized(&self.keys[i][w])
                    .is_some_and(|col| col != crate::input::header::Column::Info)
            });
            if let Some(w) = named_like_a_line {
                keep[i] = false;
                findings.push(err(
                    Code::RosterCandidateLikeALine,
                    at(cf, r.line, w + 2),
                    Detail::CandidateLikeALine { name: said[w].to_string() },
                ));
            }
        }
        if rows.len() > 1 {
            self.drop_twins((rows, text), keep, district, cf, findings);
        }
        self.confusable_names((rows, text), keep, district, cf, findings);
    }

    /// Leaves out each candidate whose id or name, normalised, a candidate kept before it already has (ids and
    /// names share one namespace), with an error naming that one's line. Sorting the keys finds them in n log n
    /// however many candidates a district has, and touches no memory of other districts.
    fn drop_twins(
        &mut self,
        (rows, text): (&[CandidateRow], &str),
        keep: &mut [bool],
        district: &DistrictId,
        cf: &Arc<str>,
        findings: &mut Vec<Finding>,
    ) {
        let n = 2 * rows.len();
        let keys = &self.keys;
        let key = |e: u32| keys[e as usize / 2][e as usize % 2].as_str();
        self.sorted.clear();
        self.sorted.extend((0..n as u32).filter(|&e| keep[e as usize / 2]));
        self.sorted.sort_unstable_by(|&a, &b| key(a).cmp(key(b)).then(a.cmp(&b)));
        self.run_of.clear();
        self.place_of.clear();
        self.place_of.resize(n, 0);
        self.kept_with.clear();
        self.kept_with.resize(self.sorted.len(), None);
        for (p, &e) in self.sorted.iter().enumerate() {
            let run = if p > 0 && key(self.sorted[p - 1]) == key(e) { self.run_of[p - 1] } else { p as u32 };
            self.run_of.push(run);
            self.place_of[e as usize] = p as u32;
        }
        for (i, r) in rows.iter().enumerate() {
            if !keep[i] {
                continue;
            }
            let runs = [0, 1].map(|w| self.run_of[self.place_of[2 * i + w] as usize] as usize);
            for (w, run) in runs.into_iter().enumerate() {
                let Some(first) = self.kept_with[run] else { continue };
                keep[i] = false;
                findings.push(err(
                    Code::RosterDuplicateCandidate,
                    at(cf, r.line, 2 + w),
                    Detail::CandidateTwice {
                        by_name: w == 1,
                        said: r.id_and_name(text)[w].to_string(),
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

    /// Names a reader could confuse, among the candidates kept: Latin look-alikes inside a Cyrillic name, and two
    /// candidates whose names differ only by such letters or by spaces (warnings).
    fn confusable_names(
        &mut self,
        (rows, text): (&[CandidateRow], &str),
        keep: &[bool],
        district: &DistrictId,
        cf: &Arc<str>,
        findings: &mut Vec<Finding>,
    ) {
        if self.skeletons.len() < rows.len() {
            self.skeletons.resize_with(rows.len(), String::new);
        }
        let kept = || rows.iter().enumerate().filter(|(i, _)| keep[*i]);
        for (i, _) in kept() {
            let skeleton = &mut self.skeletons[i];
            skeleton.clear();
            skeleton.extend(self.keys[i][1].chars().filter(|&c| c != ' ').map(fold_lookalike));
        }
        for (i, r) in kept() {
            let ([id, name], here) = (r.id_and_name(text), at(cf, r.line, 3));
            if mixes_scripts(name) {
                let detail = Detail::MixedScript { name: name.to_string(), district: district.to_string() };
                findings.push(Finding::new(Code::RosterMixedScript, here.clone(), detail));
            }
            for (o, other) in kept().take_while(|(o, _)| *o < i) {
                if self.skeletons[o] == self.skeletons[i] {
                    let [other_id, other_name] = other.id_and_name(text);
                    let detail = Detail::Lookalikes {
                        first: (other_id.to_string(), other_name.to_string()),
                        second: (id.to_string(), name.to_string()),
                        district: district.to_string(),
                    };
                    findings.push(Finding::new(Code::RosterLookalikes, here.clone(), detail));
                }
            }
        }
    }
}

/// A district with no candidates or no precincts is an error.
pub(super) fn empty_districts(
    roster: &Roster,
    defined: &[(u32, Arc<str>)],
    [pf, cf]: [&Arc<str>; 2],
    findings: &mut Vec<Finding>,
) {
    // Where each of the roster's districts is defined, in the same order.
    for (d, (line, file)) in roster.districts.values().zip(defined) {
        let (line, file) = (*line, Arc::clone(file));
        if d.candidates.is_empty() {
            findings.push(err(
                Code::RosterNoCandidates,
                Some(Location::new(&file, line, 1)),
                Detail::DistrictWithoutCandidates {
                    district: d.id.to_string(),
                    name: d.name.clone(),
                    file: cf.to_string(),
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
                    file: pf.to_string(),
                },
            ));
        }
    }
}
