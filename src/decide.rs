//! Where a winner is decided. Everything the law says about a race's outcome is in [`decide_district`]:
//! plurality, "against all" in the base of the shares, ties never broken silently, and the order in which
//! statuses take precedence (SPEC §4).

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::model::{CandidateId, Count, District, DistrictId, Roster};
use crate::rules::{AgainstAllPolicy, RuleSet, TiePolicy};
use crate::tally::{DistrictTotals, Tally};

/// The outcome of a race. The order of the variants is their precedence: where several apply, the first wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Errors in the inputs block a result.
    Invalid,
    /// Protocols are missing.
    Incomplete,
    /// The rules call for a repeat election.
    RepeatElection,
    /// Candidates tie for the top and no lot has been recorded.
    Tie,
    /// A winner is declared.
    Elected,
}

impl Status {
    /// The name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Invalid => "invalid",
            Status::Incomplete => "incomplete",
            Status::RepeatElection => "repeat_election",
            Status::Tie => "tie",
            Status::Elected => "elected",
        }
    }

    /// Whether the commission has to act before the race is settled (exit code 3).
    pub fn needs_action(self) -> bool {
        matches!(self, Status::Incomplete | Status::RepeatElection | Status::Tie)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! notices {
    ($( $variant:ident = $code:literal, $title:literal; )*) => {
        /// A notice on a race's result.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum NoticeCode { $( #[doc = $title] $variant, )* }

        impl NoticeCode {
            /// Every notice code, in catalogue order.
            pub const ALL: &'static [NoticeCode] = &[ $( NoticeCode::$variant, )* ];

            /// The published code, e.g. `N101`.
            pub fn as_str(self) -> &'static str {
                match self { $( NoticeCode::$variant => $code, )* }
            }

            /// What it means.
            pub fn title(self) -> &'static str {
                match self { $( NoticeCode::$variant => $title, )* }
            }
        }
    };
}

notices! {
    AgainstAllLeads = "N101", "\"against all\" got more votes than every candidate";
    TieBrokenByLot = "N102", "the tie was decided by a lot drawn by the commission (`--tie-break`)";
    Annulled = "N103", "a precinct's results were annulled by the commission (`--annul`) and left out of the count";
    Missing = "N104", "protocols are missing: the count is incomplete";
    Tied = "N105", "candidates tie for the top: no winner until the commission draws lots";
    LowTurnout = "N106", "turnout is below the rule set's minimum";
    LowSoleShare = "N107", "the only candidate's share is below the rule set's minimum";
    TieBreakUnused = "N108", "a recorded lot was not applied (no tie, or the candidate is not among the tied)";
    Blocked = "N109", "errors in the inputs block a result";
    RuleUncheckable = "N110", "a rule cannot be checked because a figure is unknown";
    NoneCounted = "N111", "no protocol of the race is counted (every precinct annulled): nothing to decide";
}

impl Serialize for NoticeCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A notice on a race.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// Its code.
    pub code: NoticeCode,
    /// What it says.
    pub message: String,
}

/// An exact ratio, printed as a decimal fraction rounded to six places.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ratio {
    /// Numerator.
    pub num: u64,
    /// Denominator, never 0.
    pub den: u64,
}

impl Ratio {
    /// `num / den`, or `None` when `den` is 0.
    pub fn new(num: u64, den: u64) -> Option<Ratio> {
        (den != 0).then_some(Ratio { num, den })
    }

    /// Rounded half up to `10^-places`, as an integer count of those units.
    pub fn scaled(self, places: u32) -> u128 {
        let scale = 10u128.pow(places);
        (self.num as u128 * scale * 2 + self.den as u128) / (2 * self.den as u128)
    }

    /// As a percentage with two decimals, e.g. `69.15`.
    pub fn percent(self) -> String {
        let v = self.scaled(4);
        format!("{}.{:02}", v / 100, v % 100)
    }
}

impl Serialize for Ratio {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // From the exact six-place rounding, so the printed number is the same on every machine.
        s.serialize_f64(self.scaled(6) as f64 / 1e6)
    }
}

/// A candidate's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CandidateResult {
    /// Id.
    pub candidate_id: CandidateId,
    /// Name as registered.
    pub candidate_name: String,
    /// Party, or `self-nominated`.
    pub nominated_by: String,
    /// Votes; `None` when unknown (no protocol of the race is counted).
    pub votes: Option<Count>,
    /// votes / (Σ candidates + against all); `None` when that base is 0 or unknown.
    pub share: Option<Ratio>,
    /// 1 for the most votes; equal votes share a rank; `None` when the votes are unknown.
    pub rank: Option<usize>,
}

/// A race's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DistrictResult {
    /// District id.
    pub district_id: DistrictId,
    /// District name.
    pub district_name: String,
    /// Outcome.
    pub status: Status,
    /// The elected candidate, only when `status` is `elected`.
    pub winner: Option<CandidateId>,
    /// The candidates tied for the top (empty unless there is a tie).
    pub tied: Vec<CandidateId>,
    /// Precincts with a protocol, or annulled.
    pub precincts_reporting: usize,
    /// Precincts in the roster.
    pub precincts_total: usize,
    /// Voters on the list.
    pub voters_on_list: Option<Count>,
    /// Ballots issued.
    pub ballots_issued: Option<Count>,
    /// ballots_issued / voters_on_list.
    pub turnout: Option<Ratio>,
    /// Invalid ballots.
    pub ballots_invalid: Option<Count>,
    /// Against all.
    pub against_all: Option<Count>,
    /// Σ candidate votes + against all.
    pub valid_votes: Option<Count>,
    /// Candidates by votes (most first), then id.
    pub candidates: Vec<CandidateResult>,
    /// Notices, in the order they arose.
    pub notices: Vec<Notice>,
}

/// What a race's protocols say of "against all".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AgainstAll {
    /// Every counted protocol gives the line: its total.
    Known(Count),
    /// No counted protocol gives it: the ballot had no such line.
    NoLine,
    /// Some counted protocols give it and some do not: the total is unknown.
    Unknown,
}

/// Decides every race of the roster.
pub fn decide(
    roster: &Roster,
    tally: &Tally,
    rules: &RuleSet,
    tie_breaks: &BTreeMap<DistrictId, CandidateId>,
) -> Vec<DistrictResult> {
    roster
        .districts
        .values()
        .map(|d| {
            let totals = tally.districts.get(&d.id).cloned().unwrap_or_default();
            decide_district(d, &totals, rules, tie_breaks.get(&d.id))
        })
        .collect()
}

/// Decides one race from its totals.
pub fn decide_district(
    district: &District,
    t: &DistrictTotals,
    rules: &RuleSet,
    tie_break: Option<&CandidateId>,
) -> DistrictResult {
    let mut notices = Vec::new();
    let mut note = |code: NoticeCode, message: String| notices.push(Notice { code, message });

    // With no protocol counted, the votes are unknown, not zero.
    let counted = t.counted > 0;
    let against = match (t.against_all, t.against_all_given) {
        (Some(a), _) => AgainstAll::Known(a),
        (None, 0) => AgainstAll::NoLine,
        (None, _) => AgainstAll::Unknown,
    };
    let valid_votes = Count::sum(t.votes.values().copied())
        .and_then(|s| match against {
            AgainstAll::Known(a) => s.checked_add(a),
            AgainstAll::NoLine => Some(s),
            AgainstAll::Unknown => None,
        })
        .filter(|_| counted);

    let mut candidates: Vec<CandidateResult> = district
        .candidates
        .iter()
        .map(|c| {
            let votes = t.votes.get(&c.id).copied().filter(|_| counted);
            CandidateResult {
                candidate_id: c.id.clone(),
                candidate_name: c.name.clone(),
                nominated_by: c.nominated_by.clone(),
                votes,
                share: votes.zip(valid_votes).and_then(|(v, base)| Ratio::new(v.0, base.0)),
                rank: None,
            }
        })
        .collect();
    candidates.sort_by(|a, b| b.votes.cmp(&a.votes).then_with(|| a.candidate_id.cmp(&b.candidate_id)));
    let ranks: Vec<Option<usize>> = candidates
        .iter()
        .map(|c| c.votes.map(|v| 1 + candidates.iter().filter(|o| o.votes.is_some_and(|o| o > v)).count()))
        .collect();
    for (c, r) in candidates.iter_mut().zip(ranks) {
        c.rank = r;
    }

    let top = candidates.first().and_then(|c| c.votes).unwrap_or_default();
    let tied: Vec<CandidateId> = if candidates.len() > 1 {
        candidates.iter().filter(|c| c.votes == Some(top)).map(|c| c.candidate_id.clone()).collect()
    } else {
        Vec::new()
    };
    let tied = if tied.len() > 1 { tied } else { Vec::new() };
    let turnout = match (t.ballots_issued, t.voters_on_list) {
        (Some(i), Some(v)) => Ratio::new(i.0, v.0),
        _ => None,
    };

    for (p, set_aside) in &t.annulled {
        let extra = match set_aside {
            0 => String::new(),
            1 => "; 1 problem in its rows is set aside with it".to_string(),
            n => format!("; {n} problems in its rows are set aside with it"),
        };
        note(NoticeCode::Annulled, format!("precinct {p} annulled by the commission, left out of the count{extra}"));
    }

    // Every ground that applies is found and noted; the status is the one that takes precedence.
    let mut status = Status::Elected;
    let mut raise = |s: Status| status = status.min(s);

    if !t.blocking.is_empty() {
        raise(Status::Invalid);
        const SHOWN: usize = 5;
        let n = t.blocking.len();
        let mut places: Vec<String> = t
            .blocking
            .iter()
            .take(SHOWN)
            .map(|(code, at)| match at {
                Some(at) => format!("{code} at {at}"),
                None => code.to_string(),
            })
            .collect();
        if n > SHOWN {
            places.push(format!("and {} more", n - SHOWN));
        }
        let (noun, verb) = if n == 1 { ("error", "blocks") } else { ("errors", "block") };
        note(
            NoticeCode::Blocked,
            format!(
                "{n} {noun} in the inputs {verb} a result ({}): correct the returns and run again",
                places.join(", ")
            ),
        );
    }
    if t.precincts_reporting < t.precincts_total {
        raise(Status::Incomplete);
        note(
            NoticeCode::Missing,
            format!(
                "{} of {} precincts reporting; no protocol for {}",
                t.precincts_reporting,
                t.precincts_total,
                t.missing.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ")
            ),
        );
    }
    if !counted && t.precincts_total > 0 && t.precincts_reporting >= t.precincts_total {
        raise(Status::Incomplete);
        note(
            NoticeCode::NoneCounted,
            format!(
                "no protocol of the race is counted (all {} annulled): its votes are unknown and nothing can be decided",
                t.precincts_total
            ),
        );
    }
    // Only a complete count without errors, of at least one protocol, is decided: the rules, ties and lots are
    // looked at then, not before.
    let decidable = t.blocking.is_empty() && t.precincts_reporting >= t.precincts_total && counted;
    let mut winner = None;
    if decidable {
        if let Some(min) = rules.min_turnout_percent {
            match turnout {
                Some(r) if min.falls_short(r.num, r.den) => {
                    raise(Status::RepeatElection);
                    note(NoticeCode::LowTurnout, format!("turnout {}% is below the minimum of {}%", r.percent(), min));
                }
                Some(_) => {}
                None => {
                    raise(Status::Invalid);
                    note(
                        NoticeCode::RuleUncheckable,
                        format!(
                            "the rule set requires a turnout of {}%, but voters on the list or ballots issued are unknown",
                            min
                        ),
                    );
                }
            }
        }
        if let (Some(min), [only]) = (rules.sole_candidate_min_share_percent, candidates.as_slice()) {
            let short = match (only.share, valid_votes) {
                (Some(r), _) => Some(min.falls_short(r.num, r.den)),
                (None, Some(_)) => Some(true),
                (None, None) => None,
            };
            if short.is_none() {
                raise(Status::Invalid);
                note(
                    NoticeCode::RuleUncheckable,
                    format!(
                        "the rule set requires the only candidate to get {min}%, but the valid votes are unknown: \
                         a counted protocol lacks the \"against all\" line"
                    ),
                );
            }
            if short == Some(true) {
                raise(Status::RepeatElection);
                let got = only.share.map_or("no valid votes".to_string(), |r| format!("{}%", r.percent()));
                note(
                    NoticeCode::LowSoleShare,
                    format!("the only candidate, {}, got {got}, below the minimum of {}%", only.candidate_id, min),
                );
            }
        }
        if !matches!(against, AgainstAll::Known(_))
            && rules.against_all_outpolls == AgainstAllPolicy::RepeatElection
            && !candidates.is_empty()
        {
            raise(Status::Invalid);
            note(
                NoticeCode::RuleUncheckable,
                "the rule set calls for a repeat election when \"against all\" outpolls every candidate, but its \
                 total is unknown: a counted protocol lacks the line"
                    .to_string(),
            );
        }
        if let Some(a) = t.against_all.filter(|&a| a > top && !candidates.is_empty()) {
            let what = match rules.against_all_outpolls {
                AgainstAllPolicy::ElectTop => {
                    "the rule set elects the top candidate all the same (the CEC's position of 2022)"
                }
                AgainstAllPolicy::RepeatElection => {
                    raise(Status::RepeatElection);
                    "the rule set calls for a repeat election"
                }
            };
            note(
                NoticeCode::AgainstAllLeads,
                format!("\"against all\" got {a} votes, more than any candidate ({top}); {what}"),
            );
        }

        winner = candidates.first().map(|c| c.candidate_id.clone());
        if !tied.is_empty() {
            let names = tied.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ");
            match (rules.tie, tie_break) {
                (TiePolicy::Lot, Some(chosen)) if tied.contains(chosen) => {
                    winner = Some(chosen.clone());
                    note(
                        NoticeCode::TieBrokenByLot,
                        format!(
                            "{names} tied with {top} votes each; {chosen} elected by a lot drawn by the commission"
                        ),
                    );
                }
                (TiePolicy::Lot, other) => {
                    raise(Status::Tie);
                    note(
                        NoticeCode::Tied,
                        format!("{names} tied with {top} votes each; no winner until the commission draws lots"),
                    );
                    if let Some(c) = other {
                        note(
                            NoticeCode::TieBreakUnused,
                            format!("the recorded lot names {c}, who is not among the tied candidates"),
                        );
                    }
                }
                (TiePolicy::RepeatElection, _) => {
                    raise(Status::RepeatElection);
                    note(
                        NoticeCode::Tied,
                        format!("{names} tied with {top} votes each; the rule set calls for a repeat election"),
                    );
                }
            }
        } else if let Some(c) = tie_break {
            note(
                NoticeCode::TieBreakUnused,
                format!("a lot for {c} was recorded but there is no tie; it is not applied"),
            );
        }
    }
    if candidates.is_empty() {
        raise(Status::Invalid);
    }
    if status != Status::Elected {
        winner = None;
    }
    DistrictResult {
        district_id: district.id.clone(),
        district_name: district.name.clone(),
        status,
        winner,
        tied: if decidable { tied } else { Vec::new() },
        precincts_reporting: t.precincts_reporting,
        precincts_total: t.precincts_total,
        voters_on_list: t.voters_on_list,
        ballots_issued: t.ballots_issued,
        turnout,
        ballots_invalid: t.ballots_invalid,
        against_all: t.against_all,
        valid_votes,
        candidates,
        notices,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Code;
    use crate::model::{Candidate, Location, PrecinctId};
    use crate::rules::Percent;

    fn district(n: usize) -> District {
        District {
            id: DistrictId::parse("01"),
            name: "Ақсу".into(),
            candidates: (0..n)
                .map(|k| Candidate {
                    id: CandidateId::parse(&format!("c{k}")),
                    name: format!("Кандидат {k}"),
                    nominated_by: "self-nominated".into(),
                })
                .collect(),
            precincts: 0..0,
            index: 0,
        }
    }

    fn totals(votes: &[u64], against: Option<u64>) -> DistrictTotals {
        DistrictTotals {
            precincts_total: 2,
            precincts_reporting: 2,
            counted: 2,
            voters_on_list: Some(Count(1000)),
            ballots_issued: Some(Count(votes.iter().sum::<u64>() + against.unwrap_or(0))),
            ballots_invalid: Some(Count(0)),
            against_all: against.map(Count),
            votes: votes.iter().enumerate().map(|(k, v)| (CandidateId::parse(&format!("c{k}")), Count(*v))).collect(),
            ..DistrictTotals::default()
        }
    }

    fn codes(r: &DistrictResult) -> Vec<&'static str> {
        r.notices.iter().map(|n| n.code.as_str()).collect()
    }

    fn kz() -> RuleSet {
        RuleSet::kz_rural_akim()
    }

    #[test]
    fn plurality_elects_the_top_candidate_with_shares_over_candidates_and_against_all() {
        let r = decide_district(&district(3), &totals(&[50, 30, 10], Some(10)), &kz(), None);
        assert_eq!((r.status, r.winner.as_ref().map(|w| w.as_str())), (Status::Elected, Some("c0")));
        assert_eq!(r.valid_votes, Some(Count(100)));
        assert_eq!(r.candidates[0].share, Ratio::new(50, 100));
        assert_eq!(r.turnout, Ratio::new(100, 1000));
        assert_eq!(r.candidates.iter().map(|c| c.rank).collect::<Vec<_>>(), [Some(1), Some(2), Some(3)]);
        assert!(r.notices.is_empty());
    }

    #[test]
    fn a_tie_is_never_broken_without_a_recorded_lot() {
        let r = decide_district(&district(3), &totals(&[40, 40, 10], None), &kz(), None);
        assert_eq!((r.status, r.winner.clone(), codes(&r)), (Status::Tie, None, vec!["N105"]));
        assert_eq!(r.tied.len(), 2);
        assert_eq!(r.candidates.iter().map(|c| c.rank).collect::<Vec<_>>(), [Some(1), Some(1), Some(3)]);
        let lot = CandidateId::parse("c1");
        let r = decide_district(&district(3), &totals(&[40, 40, 10], None), &kz(), Some(&lot));
        assert_eq!((r.status, r.winner.clone(), codes(&r)), (Status::Elected, Some(lot.clone()), vec!["N102"]));
        let outsider = CandidateId::parse("c2");
        let r = decide_district(&district(3), &totals(&[40, 40, 10], None), &kz(), Some(&outsider));
        assert_eq!((r.status, codes(&r)), (Status::Tie, vec!["N105", "N108"]));
        let r = decide_district(&district(3), &totals(&[41, 40, 10], None), &kz(), Some(&outsider));
        assert_eq!((r.status, codes(&r)), (Status::Elected, vec!["N108"]));
        let repeat = RuleSet { tie: TiePolicy::RepeatElection, ..kz() };
        let r = decide_district(&district(2), &totals(&[40, 40], None), &repeat, Some(&lot));
        assert_eq!((r.status, r.winner), (Status::RepeatElection, None));
    }

    #[test]
    fn against_all_ahead_of_everyone_elects_or_repeats_as_the_rules_say() {
        let t = totals(&[30, 20], Some(50));
        let r = decide_district(&district(2), &t, &kz(), None);
        assert_eq!((r.status, codes(&r)), (Status::Elected, vec!["N101"]));
        let rules = RuleSet { against_all_outpolls: AgainstAllPolicy::RepeatElection, ..kz() };
        let r = decide_district(&district(2), &t, &rules, None);
        assert_eq!((r.status, r.winner.clone(), codes(&r)), (Status::RepeatElection, None, vec!["N101"]));
        // Equal to the top candidate is not ahead.
        let r = decide_district(&district(2), &totals(&[30, 20], Some(30)), &rules, None);
        assert_eq!(r.status, Status::Elected);
    }

    #[test]
    fn minimum_turnout_and_sole_candidate_share_are_settings() {
        let low = RuleSet { min_turnout_percent: Some(Percent(1500)), ..kz() };
        let r = decide_district(&district(2), &totals(&[60, 40], None), &low, None);
        assert_eq!((r.status, codes(&r)), (Status::RepeatElection, vec!["N106"]));
        let mut unknown = totals(&[60, 40], None);
        unknown.voters_on_list = None;
        let r = decide_district(&district(2), &unknown, &low, None);
        assert_eq!((r.status, codes(&r)), (Status::Invalid, vec!["N110"]));
        let sole = RuleSet { sole_candidate_min_share_percent: Some(Percent(5000)), ..kz() };
        let r = decide_district(&district(1), &totals(&[40], Some(60)), &sole, None);
        assert_eq!((r.status, codes(&r)), (Status::RepeatElection, vec!["N107", "N101"]));
        let r = decide_district(&district(1), &totals(&[60], Some(40)), &sole, None);
        assert_eq!((r.status, r.winner.is_some()), (Status::Elected, true));
    }

    #[test]
    fn errors_come_before_missing_protocols_which_come_before_any_decision() {
        let mut t = totals(&[40, 40], Some(90));
        t.precincts_reporting = 1;
        t.missing = vec![PrecinctId::parse("0102")];
        let r = decide_district(&district(2), &t, &kz(), None);
        assert_eq!((r.status, codes(&r)), (Status::Incomplete, vec!["N104"]), "no tie or against-all notice yet");
        assert!(r.tied.is_empty());
        t.blocking = vec![(Code::ValidBalance, Some(Location::new(&"r.csv".into(), 3, 9)))];
        let r = decide_district(&district(2), &t, &kz(), None);
        assert_eq!((r.status, codes(&r)), (Status::Invalid, vec!["N109", "N104"]));
        assert!(r.notices[0].message.contains("E404 at r.csv:3:9"), "{}", r.notices[0].message);
    }

    #[test]
    fn annulled_precincts_are_listed_and_unknown_counts_stay_null() {
        let mut t = totals(&[5, 3], None);
        t.annulled = vec![(PrecinctId::parse("0102"), 2)];
        t.voters_on_list = None;
        let r = decide_district(&district(2), &t, &kz(), None);
        assert_eq!((r.status, codes(&r)), (Status::Elected, vec!["N103"]));
        assert!(r.notices[0].message.contains("2 problems in its rows are set aside"));
        assert_eq!((r.voters_on_list, r.turnout, r.against_all), (None, None, None));
        let mut none = totals(&[0, 0], None);
        none.counted = 0;
        none.precincts_reporting = 0;
        let r = decide_district(&district(2), &none, &kz(), None);
        assert_eq!((r.status, r.valid_votes, r.candidates[0].share), (Status::Incomplete, None, None));
    }

    #[test]
    fn ratios_round_half_up_exactly() {
        assert_eq!(Ratio::new(1, 3).unwrap().percent(), "33.33");
        assert_eq!(Ratio::new(2, 3).unwrap().percent(), "66.67");
        assert_eq!(Ratio::new(1, 8).unwrap().scaled(2), 13);
        assert_eq!(Ratio::new(1, 0), None);
        assert_eq!(serde_json::to_string(&Ratio::new(2, 3).unwrap()).unwrap(), "0.666667");
    }
}
