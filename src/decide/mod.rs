//! Where a winner is decided. Everything the law says about a race's outcome is in [`decide_district`]:
//! plurality, "against all" in the base of the shares but never deciding, a tie sent to a repeat election (or to a
//! lot, under a rule set that has one), the commission's own decisions (a race declared invalid, a precinct
//! annulled), and the order in which statuses take precedence.

use std::collections::BTreeMap;

use crate::aggregate::{DistrictTotals, Totals};
use crate::model::{CandidateId, Count, District, DistrictId, PrecinctId, Roster};
use crate::rules::{AgainstAllPolicy, Law, Repeat, RuleSet, TiePolicy};

mod blocking;
mod result;

pub use blocking::blocking;
pub use result::*;

/// What the commission decided, as the user records it: lots drawn (rule sets with a lot only), races declared
/// invalid with their grounds, and the grounds of annulled precincts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decisions {
    /// The candidate a lot chose, by district.
    pub tie_breaks: BTreeMap<DistrictId, CandidateId>,
    /// Races the commission declared invalid (Art. 113-11 p.2), with the grounds as given.
    pub declared_invalid: BTreeMap<DistrictId, String>,
    /// The grounds of annulled precincts, as given (blank: none given).
    pub annul_grounds: BTreeMap<PrecinctId, String>,
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
pub fn decide(roster: &Roster, tally: &Totals, rules: &RuleSet, decisions: &Decisions) -> Vec<DistrictResult> {
    let mut blocked = blocking(tally);
    roster
        .districts
        .values()
        .map(|d| {
            let mut totals = tally.districts.get(&d.id).cloned().unwrap_or_default();
            totals.blocking = blocked.remove(&d.id).unwrap_or_default();
            decide_district(d, &totals, rules, decisions)
        })
        .collect()
}

/// The status a race has so far, why a repeat election when it is one, and the notices for the commission.
struct Outcome {
    status: Status,
    reason: Option<RepeatReason>,
    notices: Vec<Notice>,
}

impl Outcome {
    /// Raises the status to `s` when it takes precedence; the first reason for a repeat election is kept.
    fn raise(&mut self, s: Status, why: Option<RepeatReason>) {
        if s == Status::RepeatElection && self.reason.is_none() {
            self.reason = why;
        }
        self.status = self.status.min(s);
    }

    fn note(&mut self, code: NoticeCode, message: String) {
        self.notices.push(Notice { code, message });
    }
}

/// The words for the new vote a tie or a declared-invalid race calls for, under a rule set.
fn repeat_words(rules: &RuleSet) -> &'static str {
    match rules.law().map(Law::repeat) {
        Some(Repeat::Voting) => "repeat voting",
        _ => "repeat elections",
    }
}

/// What a race's figures are before anything is decided: its candidates with votes, shares and ranks (most votes
/// first), the valid votes, what is known of "against all", the top vote, and who ties for it.
struct Figures {
    counted: bool,
    against: AgainstAll,
    valid_votes: Option<Count>,
    candidates: Vec<CandidateResult>,
    top: Count,
    /// The candidates tied for the top (empty unless two or more), with their names.
    tied: Vec<(CandidateId, String)>,
}

impl Figures {
    fn of(district: &District, t: &DistrictTotals) -> Figures {
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
                    fee_refunded: None,
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
        let tied: Vec<(CandidateId, String)> = candidates
            .iter()
            .filter(|c| c.votes == Some(top))
            .map(|c| (c.candidate_id.clone(), c.candidate_name.clone()))
            .collect();
        let tied = if tied.len() > 1 { tied } else { Vec::new() };
        Figures { counted, against, valid_votes, candidates, top, tied }
    }
}

/// Decides one race from its totals. The steps, in order: the figures; the precincts the commission annulled;
/// what holds the race back (errors, missing protocols, nothing counted); then, only for a complete count without
/// errors, the rule set's conditions and a tie; the commission's declaring the race invalid, which overrides all;
/// and the electoral fees.
pub fn decide_district(
    district: &District,
    t: &DistrictTotals,
    rules: &RuleSet,
    decisions: &Decisions,
) -> DistrictResult {
    let law = rules.law();
    let mut f = Figures::of(district, t);
    let turnout_base = match rules.turnout_base.line() {
        crate::model::Line::BallotsInBox => t.ballots_in_box,
        _ => t.ballots_issued,
    };
    let turnout = turnout_base.zip(t.voters_on_list).and_then(|(n, v)| Ratio::new(n.0, v.0));

    // Every ground that applies is found and noted; the status is the one that takes precedence.
    let mut out = Outcome { status: Status::Elected, reason: None, notices: Vec::new() };
    out.note_annulled(t, decisions, law);
    out.hold_back(t, &f);
    // Only a complete count without errors, of at least one protocol, is decided: the rules, ties and lots are
    // looked at then, not before.
    let decidable = out.status == Status::Elected;
    let mut winner = None;
    if decidable {
        out.apply_rules(rules, turnout, &f, t.against_all);
        winner = out.settle_top(rules, decisions.tie_breaks.get(&district.id), &f);
    }
    if let Some(grounds) = decisions.declared_invalid.get(&district.id) {
        out.declared_invalid(grounds, rules);
    }
    let Outcome { status, reason, notices } = out;
    if status != Status::Elected {
        winner = None;
    }
    // The fee is refunded once the race's figures are final.
    if law.is_some_and(Law::refunds_fee) && decidable && status != Status::Blocked {
        refund_fees(&mut f.candidates, winner.as_ref(), t.ballots_in_box);
    }
    let winner_name = winner
        .as_ref()
        .and_then(|w| f.candidates.iter().find(|c| &c.candidate_id == w))
        .map(|c| c.candidate_name.clone());
    let tied = if status == Status::Blocked || status == Status::Incomplete {
        Vec::new()
    } else {
        f.tied.into_iter().map(|(id, _)| id).collect()
    };
    DistrictResult {
        district_id: district.id.clone(),
        district_name: district.name.clone(),
        status,
        reason: if status == Status::RepeatElection { reason } else { None },
        winner,
        winner_name,
        tied,
        precincts_reporting: t.precincts_reporting,
        precincts_total: t.precincts_total,
        missing_precincts: t.missing.clone(),
        voters_on_list: t.voters_on_list,
        ballots_issued: t.ballots_issued,
        ballots_in_box: t.ballots_in_box,
        turnout,
        ballots_invalid: t.ballots_invalid,
        against_all: t.against_all,
        valid_votes: f.valid_votes,
        voters_with_absentee_certificates: t.voters_with_absentee_certificates,
        voters_outside: t.voters_outside,
        candidates: f.candidates,
        notices,
    }
}

impl Outcome {
    /// A notice for each precinct the commission annulled, with its grounds and the law it was annulled under.
    fn note_annulled(&mut self, t: &DistrictTotals, decisions: &Decisions, law: Option<Law>) {
        for (p, set_aside) in &t.annulled {
            let grounds = decisions.annul_grounds.get(p).filter(|g| !g.trim().is_empty());
            let grounds = grounds.map_or(String::new(), |g| format!(" on the grounds: {g}"));
            let basis = match law {
                Some(l) if l.annuls_precincts() => " under Art. 44 p.2-1".to_string(),
                Some(l) => format!(
                    "; the law in force ({}) had no precinct-level annulment (Art. 44 p.2-1 is in force from \
                     01.07.2026): the decision is recorded as the commission gave it",
                    l.key()
                ),
                None => String::new(),
            };
            let extra = match set_aside {
                0 => String::new(),
                1 => "; 1 problem in its rows is set aside with it".to_string(),
                n => format!("; {n} problems in its rows are set aside with it"),
            };
            self.note(
                NoticeCode::Annulled,
                format!("precinct {p} annulled by the commission{grounds}, left out of the count{basis}{extra}"),
            );
        }
    }

    /// What holds a race back: errors in its returns (blocked), missing protocols, no protocol counted at all
    /// (incomplete), no registered candidate (blocked).
    fn hold_back(&mut self, t: &DistrictTotals, f: &Figures) {
        if !t.blocking.is_empty() {
            self.raise(Status::Blocked, None);
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
            let noun = if n == 1 { "error" } else { "errors" };
            self.note(
                NoticeCode::Blocked,
                format!("not decided: correct the returns ({n} {noun}: {}) and run again", places.join(", ")),
            );
        }
        if t.precincts_reporting < t.precincts_total {
            self.raise(Status::Incomplete, None);
            self.note(
                NoticeCode::Missing,
                format!(
                    "{} of {} precincts reporting; no protocol for {}",
                    t.precincts_reporting,
                    t.precincts_total,
                    t.missing.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ")
                ),
            );
        }
        // No protocol counted and none awaited (every precinct annulled, or none in the roster): nothing to decide.
        if !f.counted && t.precincts_reporting >= t.precincts_total {
            self.raise(Status::Incomplete, None);
            let why = match t.precincts_total {
                0 => "the race has no precinct in the roster".to_string(),
                n => format!("all {n} annulled"),
            };
            self.note(
                NoticeCode::NoneCounted,
                format!("no protocol of the race is counted ({why}): its votes are unknown and nothing can be decided"),
            );
        }
        if f.candidates.is_empty() {
            self.raise(Status::Blocked, None);
        }
    }

    /// The rule set's conditions on a decidable race: a minimum turnout, a sole candidate's minimum share, and
    /// "against all" ahead of every candidate. A condition whose figures are unknown blocks the race.
    fn apply_rules(&mut self, rules: &RuleSet, turnout: Option<Ratio>, f: &Figures, against_all: Option<Count>) {
        if let Some(min) = rules.min_turnout_percent {
            match turnout {
                Some(r) if min.falls_short(r.num, r.den) => {
                    self.raise(Status::RepeatElection, Some(RepeatReason::MinTurnout));
                    self.note(
                        NoticeCode::LowTurnout,
                        format!("turnout {}% is below the minimum of {}%", r.percent(), min),
                    );
                }
                Some(_) => {}
                None => {
                    self.raise(Status::Blocked, None);
                    self.note(
                        NoticeCode::RuleUncheckable,
                        format!(
                            "the rule set requires a turnout of {}%, but voters on the list or {} are unknown",
                            min,
                            rules.turnout_base.line().key()
                        ),
                    );
                }
            }
        }
        if let (Some(min), [only]) = (rules.sole_candidate_min_share_percent, f.candidates.as_slice()) {
            let short = match (only.share, f.valid_votes) {
                (Some(r), _) => Some(min.falls_short(r.num, r.den)),
                (None, Some(_)) => Some(true),
                (None, None) => None,
            };
            match short {
                None => {
                    self.raise(Status::Blocked, None);
                    self.note(
                        NoticeCode::RuleUncheckable,
                        format!(
                            "the rule set requires the only candidate to get {min}%, but the valid votes are unknown: \
                             a counted protocol lacks the \"against all\" line"
                        ),
                    );
                }
                Some(true) => {
                    self.raise(Status::RepeatElection, Some(RepeatReason::SoleCandidateShare));
                    let got = only.share.map_or("no valid votes".to_string(), |r| format!("{}%", r.percent()));
                    self.note(
                        NoticeCode::LowSoleShare,
                        format!(
                            "the only candidate, {}, got {got}, below the minimum of {}%",
                            only.candidate_name, min
                        ),
                    );
                }
                Some(false) => {}
            }
        }
        if !matches!(f.against, AgainstAll::Known(_)) && rules.against_all_outpolls == AgainstAllPolicy::RepeatElection
        {
            self.raise(Status::Blocked, None);
            self.note(
                NoticeCode::RuleUncheckable,
                "the rule set calls for a repeat election when \"against all\" outpolls every candidate, but its \
                 total is unknown: a counted protocol lacks the line"
                    .to_string(),
            );
        }
        if let Some(a) = against_all.filter(|&a| a > f.top) {
            let what = match rules.against_all_outpolls {
                AgainstAllPolicy::ElectTop if rules.law().is_some() => {
                    "it does not decide the race: the candidate with the most votes is elected (Art. 113-10 p.2)"
                }
                AgainstAllPolicy::ElectTop => "the rule set elects the top candidate all the same",
                AgainstAllPolicy::RepeatElection => {
                    self.raise(Status::RepeatElection, Some(RepeatReason::AgainstAll));
                    "the rule set calls for a repeat election"
                }
            };
            self.note(
                NoticeCode::AgainstAllLeads,
                format!("\"against all\" got {a} votes, more than any candidate ({}); {what}", f.top),
            );
        }
    }

    /// Who has the most votes: the first candidate, unless two or more tie for the top. A tie goes to a repeat
    /// election (the law), or to the lot the commission recorded (a rule set with a lot). Gives the winner, if
    /// the race is not otherwise held back.
    fn settle_top(&mut self, rules: &RuleSet, tie_break: Option<&CandidateId>, f: &Figures) -> Option<CandidateId> {
        let mut winner = f.candidates.first().map(|c| c.candidate_id.clone());
        let (tied, top) = (&f.tied, f.top);
        if tied.is_empty() {
            if let Some(c) = tie_break {
                self.note(
                    NoticeCode::TieBreakUnused,
                    format!("a lot for {c} was recorded but there is no tie; it is not applied"),
                );
            }
            return winner;
        }
        let names = tied.iter().map(|(_, name)| name.as_str()).collect::<Vec<_>>().join(", ");
        match (rules.tie, tie_break) {
            (TiePolicy::Lot, Some(chosen)) if tied.iter().any(|(id, _)| id == chosen) => {
                winner = Some(chosen.clone());
                let name = tied.iter().find(|(id, _)| id == chosen).map_or("", |(_, name)| name.as_str());
                self.note(
                    NoticeCode::TieBrokenByLot,
                    format!("{names} tied with {top} votes each; {name} elected by a lot drawn by the commission"),
                );
            }
            (TiePolicy::Lot, other) => {
                self.raise(Status::Tie, None);
                self.note(
                    NoticeCode::Tied,
                    format!("{names} tied with {top} votes each; no winner until the commission draws lots"),
                );
                if let Some(c) = other {
                    self.note(
                        NoticeCode::TieBreakUnused,
                        format!("the recorded lot names {c}, who is not among the tied candidates"),
                    );
                }
            }
            (TiePolicy::RepeatElection, _) => {
                self.raise(Status::RepeatElection, Some(RepeatReason::Tie));
                let what = match rules.law() {
                    Some(l) => format!(
                        "the territorial commission orders {} within a month, on the same precincts and voter \
                         lists ({}); there is no lot in the law",
                        repeat_words(rules),
                        l.tie_article()
                    ),
                    None => "the rule set calls for a repeat election".to_string(),
                };
                self.note(NoticeCode::Tied, format!("{names} tied with {top} votes each; {what}"));
            }
        }
        winner
    }

    /// The commission declared the election invalid: its decision stands whatever the returns say (Art. 113-11
    /// p.2, Art. 113-9).
    fn declared_invalid(&mut self, grounds: &str, rules: &RuleSet) {
        (self.status, self.reason) = (Status::RepeatElection, Some(RepeatReason::DeclaredInvalid));
        let grounds = if grounds.trim().is_empty() { String::new() } else { format!(" on the grounds: {grounds}") };
        let article = match rules.law() {
            Some(Law::Kz2026) => " (Art. 113-11 p.2; Art. 113-9)".to_string(),
            Some(_) => " (Art. 113-11 p.2; Art. 113-9 p.1)".to_string(),
            None => String::new(),
        };
        self.note(
            NoticeCode::DeclaredInvalid,
            format!(
                "the territorial commission declared the election invalid{grounds}: it orders {}{article}",
                repeat_words(rules)
            ),
        );
    }
}

/// The electoral fee is refunded to the elected candidate, and to each candidate with at least 5% of the votes of
/// the voters who took part (Art. 113-5 p.2).
fn refund_fees(candidates: &mut [CandidateResult], winner: Option<&CandidateId>, took_part: Option<Count>) {
    for c in candidates {
        let elected = winner == Some(&c.candidate_id);
        c.fee_refunded = match (c.votes, took_part) {
            _ if elected => Some(true),
            (Some(v), Some(took_part)) => Some(u128::from(v.0) * 100 >= u128::from(took_part.0) * 5),
            _ => None,
        };
    }
}

#[cfg(test)]
mod tests;
