//! Counting: every protocol checked (required lines, control relations), annulled precincts set aside, the
//! districts summed (a total is unknown as soon as one of its parts is), and which errors block which race.

use std::ops::Range;

use super::*;

impl Known {
    /// Adds a part; `false` when the total overflows.
    fn add(&mut self, v: Option<Count>) -> bool {
        match v {
            None => self.unknown = true,
            Some(v) => match self.total.checked_add(v) {
                Some(t) => self.total = t,
                None => self.overflow = true,
            },
        }
        !self.overflow
    }

    fn get(self) -> Option<Count> {
        (!self.unknown && !self.overflow).then_some(self.total)
    }
}

/// How the runs of districts are counted: one after another, or each on a thread of its own (the pipeline's
/// choice). Gives what each run counted, in the order of the runs.
pub trait RunAll {
    /// How many runs at most are worth cutting.
    fn jobs(&self) -> usize;
    /// Counts every run with `count`, giving the results in the order of `runs`.
    fn run(&self, runs: Vec<Range<usize>>, count: &(dyn Fn(Range<usize>) -> CountedRun + Sync)) -> Vec<CountedRun>;
}

/// Runs counted one after another, on this thread.
pub struct OneByOne;

impl RunAll for OneByOne {
    fn jobs(&self) -> usize {
        1
    }

    fn run(&self, runs: Vec<Range<usize>>, count: &(dyn Fn(Range<usize>) -> CountedRun + Sync)) -> Vec<CountedRun> {
        runs.into_iter().map(count).collect()
    }
}

/// The districts (by place) cut into at most `jobs` runs of about as many precincts each.
fn runs_of(in_order: &[&District], jobs: usize) -> Vec<std::ops::Range<usize>> {
    let total: usize = in_order.iter().map(|d| d.precincts.len()).sum();
    // Below this, starting threads costs more than it saves.
    const SMALL: usize = 50_000;
    let jobs = if total < SMALL { 1 } else { jobs.max(1) };
    let mut runs = Vec::new();
    let (mut start, mut taken) = (0, 0);
    for (i, d) in in_order.iter().enumerate() {
        taken += d.precincts.len();
        if taken * jobs >= total * (runs.len() + 1) && runs.len() + 1 < jobs {
            runs.push(start..i + 1);
            start = i + 1;
        }
    }
    runs.push(start..in_order.len());
    runs
}

impl Assembly {
    /// Checks each protocol, sums the districts, and decides which races the errors block. With `keep`, every
    /// precinct's counted figures are kept in [`Totals::protocols`] (for per-precinct outputs).
    pub fn finish(
        mut self,
        roster: &Roster,
        annulled: &BTreeSet<PrecinctId>,
        required: &Requirements,
        keep: bool,
        runs: &dyn RunAll,
    ) -> Totals {
        self.close();
        self.compare_copies();
        let mut findings = std::mem::take(&mut self.findings);
        self.tell_of_unlisted(&mut findings);
        let origins: Vec<Origin> = self.files.iter().map(|f| f.origin.clone()).collect();
        let annulled_at: HashSet<u32> = annulled.iter().filter_map(|p| roster.precincts.find(p.as_str())).collect();
        let how = Counting { annulled_at: &annulled_at, origins: &origins, required, keep };
        let in_order: Vec<&District> = roster.districts.values().collect();
        // The districts are counted in runs (by the caller, on as many threads as it likes); the runs are joined
        // in order, so the totals and findings are those of one pass in the roster's order.
        let counted = runs.run(runs_of(&in_order, runs.jobs()), &|run| self.count(roster, &in_order, run, &how));
        // Every protocol is counted: they are let go before the runs are joined (at 250,000 races, 100 MB).
        (self.packed, self.slots, self.drafts, self.copies) = Default::default();
        // Joined into the first run's lists, not copied into new ones: at 250,000 races they are 100 MB.
        let mut counted = counted.into_iter();
        let CountedRun { mut districts, findings: first, mut protocols } = counted.next().unwrap_or_default();
        findings.extend(first);
        for c in counted {
            districts.extend(c.districts);
            findings.extend(c.findings);
            protocols.extend(c.protocols);
        }

        set_aside_annulled(&mut findings, &mut districts, roster, annulled);

        sort_findings(&mut findings);
        // A file's findings scoped to the file block the races of its protocols; a file that gave no part of any
        // protocol has no districts of its own.
        let file_districts: BTreeMap<Arc<str>, Vec<DistrictId>> = self
            .files
            .iter()
            .zip(&self.file_districts)
            .filter(|(_, ds)| !ds.is_empty())
            .map(|(f, ds)| {
                let ids = ds.iter().filter_map(|&i| in_order.get(i as usize)).map(|d| d.id.clone()).collect();
                (Arc::clone(&f.origin.file), ids)
            })
            .collect();
        let mut unlisted_errors: Vec<(Code, Option<Location>, Scope)> = std::mem::take(&mut self.unlisted_blocks)
            .into_iter()
            .filter(|((_, _, p), _)| p.as_ref().is_none_or(|p| !annulled.contains(p)))
            .map(|((scope, _, _), (code, at))| (code, at, scope))
            .collect();
        unlisted_errors.sort();
        Totals { districts, findings, protocols, unlisted_errors, file_districts }
    }
    /// A W104 (or E113) for each file with more warnings (or errors) than are listed. What the unlisted errors
    /// block, they block by themselves: this only tells of them.
    fn tell_of_unlisted(&self, findings: &mut Vec<Finding>) {
        for (file, n) in &self.per_file {
            let (code, more) = match (n.errors_unlisted, n.warnings_unlisted) {
                (0, 0) => continue,
                (0, w) => (Code::TooManyWarnings, w),
                (e, _) => (Code::TooManyProblems, e),
            };
            findings.push(
                Finding::new(
                    code,
                    Some(Location::file(file)),
                    Detail::TooMany { listed: MAX_FINDINGS_PER_FILE as u64, more: more as u64 },
                )
                .scoped(Scope::Districts(Vec::new())),
            );
        }
    }

    /// Checks the protocols of a run of districts (by place) and sums them.
    pub(super) fn count(
        &self,
        roster: &Roster,
        in_order: &[&District],
        run: std::ops::Range<usize>,
        how: &Counting,
    ) -> CountedRun {
        let Counting { annulled_at, origins, required, keep } = *how;
        let location = |at: Place| at.locate(origins);
        let in_run = &in_order[run];
        let mut c = CountedRun::default();
        c.districts.reserve_exact(in_run.len());
        let empty = |rp: &RosterPrecinct, state| PrecinctReturn {
            precinct: rp.precinct_id(),
            district: rp.district.clone(),
            state,
            lines: Vec::new(),
            votes: Vec::new(),
        };
        let mut scratch = Draft::default();
        let mut read = ReadProtocol::default();

        // In the roster's order (districts, then their precincts), so every list below is in a stable order.
        for district in in_run {
            // Nothing counted yet: every total unknown, every candidate at 0 votes.
            let mut t = DistrictTotals {
                precincts_total: district.precincts.len(),
                votes: vec![Count(0); district.candidates.len()],
                ..DistrictTotals::default()
            };
            let mut open = OpenSums::default();
            for i in district.precincts.clone() {
                let rp = roster.precincts.at(i);
                if !annulled_at.is_empty() && annulled_at.contains(&rp.index) {
                    t.precincts_reporting += 1;
                    t.annulled.push((rp.precinct_id(), 0));
                    if keep {
                        c.protocols.push(empty(&rp, PrecinctState::Annulled));
                    }
                    continue;
                }
                let Some(d) = self.draft_in(rp.index, &mut scratch) else {
                    let before = if t.missing.is_empty() { Some(Count(0)) } else { t.missing_voters };
                    t.missing_voters = before.zip(rp.voters_on_list).and_then(|(a, b)| a.0.checked_add(b.0).map(Count));
                    t.missing.push(rp.precinct_id());
                    if keep {
                        c.protocols.push(empty(&rp, PrecinctState::Missing));
                    }
                    continue;
                };
                t.precincts_reporting += 1;
                t.counted += 1;
                copies_found(d, &rp, district, &location, &mut c.findings);
                // A file with an unknown column (reported) may hold a candidate's votes under a misspelled name.
                let told = origins.get(d.at.file as usize).is_some_and(|o| self.unknown_columns_in.contains(&o.file));
                read.fill(d, (&rp, district), told, &location, &mut c.findings);
                let p = Protocol {
                    precinct: rp.id,
                    district: rp.district,
                    origins,
                    at: d.at,
                    lines: &read.lines,
                    votes: &read.given,
                    unreadable: &read.unreadable,
                    votes_incomplete: read.votes_incomplete,
                    file_lines: self
                        .files
                        .get(d.at.file as usize)
                        .filter(|f| f.value_column.is_none())
                        .map(|f| f.lines.as_slice()),
                };
                required_lines(&p, required, &mut c.findings);
                control_relations(&p, rp.voters_on_list, required.kazakh, &mut c.findings);
                if keep {
                    c.protocols.push(counted_return(&p, d, &rp, district));
                }
                open.add(&mut t, &p, d, rp.voters_on_list, &location);
            }
            c.settle(t, open, district);
        }
        c
    }
}

/// E304 when the copies of a precinct's protocol differ (every difference named), W301 when they are alike.
fn copies_found(
    d: &Draft,
    rp: &RosterPrecinct,
    district: &District,
    location: &impl Fn(Place) -> Location,
    findings: &mut Vec<Finding>,
) {
    if let Some(Difference { other: (_, at), .. }) = d.conflicts.first() {
        let differences = d
            .conflicts
            .iter()
            .map(|x| CopyDifference {
                item: x.item.named(&district.candidates),
                first: (x.first.0, location(x.first.1)),
                other: (x.other.0, location(x.other.1)),
            })
            .collect();
        findings.push(
            Finding::new(
                Code::ConflictingCopies,
                Some(location(*at)),
                Detail::ConflictingCopies { precinct: rp.id.to_string(), differences },
            )
            .at_precinct(rp.district, &rp.precinct_id()),
        );
    } else if let Some(at) = d.copy_at {
        findings.push(
            Finding::new(
                Code::DuplicateCopy,
                Some(location(at)),
                Detail::DuplicateCopy { precinct: rp.id.to_string(), first_at: location(d.at) },
            )
            .at_precinct(rp.district, &rp.precinct_id()),
        );
    }
}

/// A protocol's values laid out for the checks: its lines by [`Line`], the candidates' votes, what could not be
/// read, and whether any candidate's votes are missing (each missing one is an E305). Kept from one precinct to
/// the next, so that its lists are allocated once.
#[derive(Default)]
struct ReadProtocol {
    lines: [Option<(Count, Place)>; Line::ALL.len()],
    unreadable: [bool; Line::ALL.len()],
    given: Vec<(Count, Place)>,
    present: Vec<bool>,
    votes_incomplete: bool,
}

impl ReadProtocol {
    /// `told`: the protocol's file has a column that matches nothing, reported already; a candidate without
    /// votes there is not reported again (the votes are still unknown).
    fn fill(
        &mut self,
        d: &Draft,
        (rp, district): (&RosterPrecinct, &District),
        told: bool,
        location: &impl Fn(Place) -> Location,
        findings: &mut Vec<Finding>,
    ) {
        self.lines = [None; Line::ALL.len()];
        self.unreadable = [false; Line::ALL.len()];
        self.given.clear();
        self.present.clear();
        self.present.resize(district.candidates.len(), false);
        for &(item, value, at) in &d.cells {
            match item {
                Item::Line(l) => self.lines[l as usize] = Some((value, at)),
                Item::Candidate(k) => {
                    self.given.push((value, at));
                    if let Some(p) = self.present.get_mut(usize::from(k)) {
                        *p = true;
                    }
                }
            }
        }
        self.votes_incomplete = false;
        for item in &d.unreadable {
            match item {
                Item::Line(l) => self.unreadable[*l as usize] = true,
                Item::Candidate(k) => {
                    self.votes_incomplete = true;
                    if let Some(p) = self.present.get_mut(usize::from(*k)) {
                        *p = true;
                    }
                }
            }
        }
        for (c, _) in district.candidates.iter().zip(&self.present).filter(|(_, p)| !**p) {
            self.votes_incomplete = true;
            if told {
                continue;
            }
            findings.push(
                Finding::new(
                    Code::MissingVotes,
                    Some(location(d.at)),
                    Detail::MissingVotes {
                        precinct: rp.id.to_string(),
                        candidate_id: c.id.to_string(),
                        candidate_name: c.name.to_string(),
                    },
                )
                .at_precinct(rp.district, &rp.precinct_id()),
            );
        }
    }
}

/// A counted precinct's figures, kept for the per-precinct outputs.
fn counted_return(p: &Protocol, d: &Draft, rp: &RosterPrecinct, district: &District) -> PrecinctReturn {
    let mut votes = vec![None; district.candidates.len()];
    for (item, v, _) in &d.cells {
        if let Item::Candidate(k) = item
            && let Some(slot) = votes.get_mut(usize::from(*k))
        {
            *slot = Some(*v);
        }
    }
    PrecinctReturn {
        precinct: rp.precinct_id(),
        district: rp.district.clone(),
        state: PrecinctState::Counted,
        lines: Line::ALL.iter().filter_map(|l| p.line(*l).map(|v| (*l, v))).collect(),
        votes,
    }
}

impl CountedRun {
    /// Keeps a district's totals once its protocols are counted, their sums set from `open` (a district with no
    /// protocol counted keeps them unknown), and tells where a total overflowed.
    fn settle(&mut self, mut t: DistrictTotals, open: OpenSums, d: &District) {
        if t.counted > 0 {
            let s = open.lines;
            t.voters_on_list = s[0].get();
            t.ballots_issued = s[1].get();
            t.ballots_invalid = s[2].get();
            t.ballots_in_box = s[3].get();
            t.voters_with_absentee_certificates = s[4].get();
            t.voters_outside = s[5].get();
            t.against_all = open.against.get();
        }
        if let Some(at) = open.overflow {
            let id = &d.id;
            let mut f = Finding::new(Code::SumOverflow, Some(at), Detail::SumOverflow { district: id.to_string() })
                .scoped(Scope::Districts(vec![id.clone()]));
            f.district = Some(id.clone());
            self.findings.push(f);
        }
        self.districts.push(CompactTotals::keep(t));
    }
}

impl OpenSums {
    /// Adds a counted protocol to its district's sums (and its votes to `t`). A protocol without a line makes the
    /// race's total of it unknown, not smaller; a total that overflows is noted where it first did, and so is a
    /// sum of valid votes (every candidate's and against all) that does not fit in a count.
    fn add(
        &mut self,
        t: &mut DistrictTotals,
        p: &Protocol,
        d: &Draft,
        roster_voters: Option<Count>,
        location: &impl Fn(Place) -> Location,
    ) {
        let s = &mut self.lines;
        let mut fits = s[0].add(p.line(Line::VotersOnList).or(roster_voters));
        fits &= s[1].add(p.whole(Line::BallotsIssued));
        fits &= s[2].add(p.line(Line::BallotsInvalid));
        fits &= s[3].add(p.whole(Line::BallotsInBox));
        fits &= s[4].add(p.line(Line::VotersWithAbsenteeCertificates));
        fits &= s[5].add(p.line(Line::BallotsIssuedOutside).or(p.line(Line::BallotsInPortableBoxes)));
        let a = p.line(Line::AgainstAll);
        t.against_all_given += usize::from(a.is_some());
        fits &= self.against.add(a);
        let (overflow, valid_sum) = (&mut self.overflow, &mut self.valid);
        if !fits {
            overflow.get_or_insert_with(|| location(p.at));
        }
        if let Some(a) = a {
            if let Some(s) = valid_sum.checked_add(a) {
                *valid_sum = s;
            } else {
                overflow.get_or_insert_with(|| location(p.at));
            }
        }
        for &(item, value, at) in &d.cells {
            let Item::Candidate(k) = item else { continue };
            let Some(v) = t.votes.get_mut(usize::from(k)) else { continue };
            match (v.checked_add(value), valid_sum.checked_add(value)) {
                (Some(s), Some(all)) => (*v, *valid_sum) = (s, all),
                _ => {
                    overflow.get_or_insert_with(|| location(at));
                }
            }
        }
    }
}

/// An annulled precinct is left out entirely: the findings in its rows are set aside, counted in its notice.
fn set_aside_annulled(
    findings: &mut Vec<Finding>,
    districts: &mut [CompactTotals],
    roster: &Roster,
    annulled: &BTreeSet<PrecinctId>,
) {
    findings.retain(|f| match &f.precinct {
        Some(p) if annulled.contains(p) => {
            let place = roster.precincts.find(p.as_str()).map(|i| roster.precincts.district_index(i) as usize);
            if let Some(t) = place.and_then(|place| districts.get_mut(place)) {
                t.set_aside_in(p);
            }
            false
        }
        _ => true,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn district(n: u32, start: u32) -> District {
        District {
            id: DistrictId::parse(&format!("D{start}")),
            name: String::new(),
            candidates: Default::default(),
            precincts: start..start + n,
            index: 0,
        }
    }

    #[test]
    fn totals_kept_compactly_read_back_whole() {
        let p = PrecinctId::parse;
        let full = DistrictTotals {
            precincts_total: 5,
            precincts_reporting: 4,
            missing: vec![p("1")],
            missing_voters: Some(Count(7)),
            annulled: vec![(p("2"), 3)],
            voters_on_list: Some(Count(u64::MAX)),
            ballots_issued: Some(Count(0)),
            ballots_invalid: None,
            ballots_in_box: Some(Count(9)),
            voters_with_absentee_certificates: None,
            voters_outside: Some(Count(2)),
            against_all: Some(Count(1)),
            against_all_given: 2,
            votes: vec![Count(3), Count(0)],
            counted: 3,
            blocking: Vec::new(),
        };
        assert_eq!(CompactTotals::keep(full.clone()).totals(), full);
        assert_eq!(CompactTotals::keep(DistrictTotals::default()).totals(), DistrictTotals::default());
        let mut kept = CompactTotals::keep(full);
        assert_eq!((kept.precincts_total(), kept.precincts_reporting(), kept.missing()), (5, 4, &[p("1")][..]));
        // A finding set aside in an annulled precinct's rows is counted there, and nowhere else.
        kept.set_aside_in(&p("2"));
        kept.set_aside_in(&p("1"));
        assert_eq!(kept.totals().annulled, vec![(p("2"), 4)]);
    }

    #[test]
    fn runs_cover_every_district_once_in_order() {
        let mut start = 0;
        let ds: Vec<District> = [30_000, 5, 40_000, 1, 20_000, 17_000]
            .iter()
            .map(|&n| {
                let d = district(n, start);
                start += n;
                d
            })
            .collect();
        let refs: Vec<&District> = ds.iter().collect();
        for jobs in 1..=8 {
            let runs = runs_of(&refs, jobs);
            assert!(!runs.is_empty() && runs.len() <= jobs, "{jobs}: {runs:?}");
            let flat: Vec<usize> = runs.iter().flat_map(|r| r.clone()).collect();
            assert_eq!(flat, (0..ds.len()).collect::<Vec<_>>(), "{jobs}: {runs:?}");
        }
        assert_eq!(runs_of(&refs, 2).len(), 2);
        // A small roster is counted in one run.
        assert_eq!(runs_of(&refs[1..2], 4), vec![0..1]);
    }

    #[test]
    fn runs_hold_about_as_many_precincts_each() {
        let even: Vec<District> = (0..4).map(|k| district(12_500, k * 12_500)).collect();
        let refs: Vec<&District> = even.iter().collect();
        // 50,000 precincts is not small: cut into as many runs as jobs, of equal size.
        assert_eq!(runs_of(&refs, 2), vec![0..2, 2..4]);
        assert_eq!(runs_of(&refs, 4), vec![0..1, 1..2, 2..3, 3..4]);
        assert_eq!(runs_of(&refs[..3], 2), vec![0..3], "37,500 precincts are counted in one run");
    }
}
