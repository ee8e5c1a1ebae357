//! Where a winner is decided. Everything the law says about a race's outcome is in [`decide_district`]:
//! plurality, "against all" in the base of the shares but never deciding, a tie sent to a repeat election (or to a
//! lot, under a rule set that has one), the commission's own decisions (a race declared invalid, a precinct
//! annulled), and the order in which statuses take precedence.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::aggregate::{CompactTotals, DistrictTotals, Totals};
use crate::check::Code;
use crate::model::{CandidateId, Count, District, DistrictId, Location, PrecinctId, Roster};
use crate::rules::{AgainstAllPolicy, Law, RuleSet, TiePolicy};

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
    let races = Races::new(roster, tally, rules, decisions);
    races.decide(0..races.len())
}

/// The races of a roster with their totals, ready to be decided: all at once ([`decide`]), or a batch at a time by
/// a writer that does not hold every result at once (the JSON results of 250,000 races).
pub struct Races<'a> {
    roster: &'a Roster,
    /// Each roster district's counted totals, in the roster's order.
    totals: &'a [CompactTotals],
    /// The errors that block each race.
    blocked: BTreeMap<DistrictId, Vec<(Code, Option<Location>)>>,
    rules: &'a RuleSet,
    decisions: &'a Decisions,
}

impl<'a> Races<'a> {
    /// The roster's races, each with its totals and the errors that block it.
    pub fn new(roster: &'a Roster, tally: &'a Totals, rules: &'a RuleSet, decisions: &'a Decisions) -> Self {
        Races { roster, totals: &tally.districts, blocked: blocking(roster, tally), rules, decisions }
    }

    /// How many races: the roster's districts.
    pub fn len(&self) -> usize {
        self.roster.districts.len()
    }

    /// Whether the roster has no district.
    pub fn is_empty(&self) -> bool {
        self.roster.districts.is_empty()
    }

    /// Decides the races at these places in the roster's order.
    pub fn decide(&self, places: Range<usize>) -> Vec<DistrictResult> {
        let districts = self.roster.districts.values().skip(places.start).take(places.len());
        districts
            .map(|d| {
                let mut totals = self.totals.get(d.index as usize).map(CompactTotals::totals).unwrap_or_default();
                if let Some(blocking) = self.blocked.get(&d.id) {
                    totals.blocking = blocking.clone();
                }
                decide_district(d, &totals, self.rules, self.decisions)
            })
            .collect()
    }
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

    fn note(&mut self, code: NoticeCode, detail: NoticeDetail) {
        self.notices.push(Notice { code, detail });
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
        let valid_votes = Count::sum(t.votes.iter().copied())
            .and_then(|s| match against {
                AgainstAll::Known(a) => s.checked_add(a),
                AgainstAll::NoLine => Some(s),
                AgainstAll::Unknown => None,
            })
            .filter(|_| counted);

        let mut candidates: Vec<CandidateResult> = district
            .candidates
            .iter()
            .zip(0..)
            .map(|(c, k)| {
                let votes = t.votes.get(k).copied().filter(|_| counted);
                CandidateResult {
                    candidate_id: c.candidate_id(),
                    candidate_name: c.name.to_string(),
                    nominated_by: c.nominated_by.to_string(),
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
            let grounds = decisions.annul_grounds.get(p).filter(|g| !g.trim().is_empty()).cloned();
            let basis = match law {
                Some(l) if l.annuls_precincts() => AnnulBasis::Law,
                Some(l) => AnnulBasis::NotInForce(l),
                None => AnnulBasis::RuleSet,
            };
            self.note(
                NoticeCode::Annulled,
                NoticeDetail::Annulled { precinct: p.to_string(), grounds, basis, set_aside: *set_aside as u64 },
            );
        }
    }

    /// What holds a race back: errors in its returns (blocked), missing protocols, no protocol counted at all
    /// (incomplete), no registered candidate (blocked).
    fn hold_back(&mut self, t: &DistrictTotals, f: &Figures) {
        if !t.blocking.is_empty() {
            self.raise(Status::Blocked, None);
            const SHOWN: usize = 5;
            let errors = t.blocking.iter().take(SHOWN).cloned().collect();
            let more = t.blocking.len().saturating_sub(SHOWN) as u64;
            self.note(NoticeCode::Blocked, NoticeDetail::Blocked { errors, more });
        }
        if t.precincts_reporting < t.precincts_total {
            self.raise(Status::Incomplete, None);
            self.note(
                NoticeCode::Missing,
                NoticeDetail::Missing {
                    reporting: t.precincts_reporting,
                    total: t.precincts_total,
                    missing: t.missing.iter().map(|p| p.as_str().to_string()).collect(),
                },
            );
            self.could_change(t, f);
        }
        // No protocol counted and none awaited (every precinct annulled, or none in the roster): nothing to decide.
        if !f.counted && t.precincts_reporting >= t.precincts_total {
            self.raise(Status::Incomplete, None);
            self.note(NoticeCode::NoneCounted, NoticeDetail::NoneCounted { precincts: t.precincts_total });
        }
        if f.candidates.is_empty() {
            self.raise(Status::Blocked, None);
        }
    }

    /// Whether the precincts still missing could change who leads: their voters on the list (from the roster), all
    /// voting for the runner-up, against the leader's lead. Said only of a race whose counted protocols have no
    /// errors.
    fn could_change(&mut self, t: &DistrictTotals, f: &Figures) {
        let votes = |k: usize| f.candidates.get(k).and_then(|c| c.votes).unwrap_or(Count(0));
        if !f.counted || !t.blocking.is_empty() || f.candidates.is_empty() || t.missing.is_empty() {
            return;
        }
        let lead = Count(votes(0).0 - votes(1).0.min(votes(0).0));
        let can = t.missing_voters.is_none_or(|v| v.0 >= lead.0);
        let missing = t.missing.iter().map(|p| p.as_str().to_string()).collect();
        self.note(NoticeCode::CouldChange, NoticeDetail::CouldChange { voters: t.missing_voters, missing, lead, can });
    }

    /// The rule set's conditions on a decidable race: a minimum turnout, a sole candidate's minimum share, and
    /// "against all" ahead of every candidate. A condition whose figures are unknown blocks the race.
    fn apply_rules(&mut self, rules: &RuleSet, turnout: Option<Ratio>, f: &Figures, against_all: Option<Count>) {
        if let Some(min) = rules.min_turnout_percent {
            match turnout {
                Some(r) if min.falls_short(r.num, r.den) => {
                    self.raise(Status::RepeatElection, Some(RepeatReason::MinTurnout));
                    self.note(NoticeCode::LowTurnout, NoticeDetail::LowTurnout { turnout: r, min });
                }
                Some(_) => {}
                None => {
                    self.raise(Status::Blocked, None);
                    self.note(
                        NoticeCode::RuleUncheckable,
                        NoticeDetail::TurnoutUnknown { min, base: rules.turnout_base.line() },
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
                    self.note(NoticeCode::RuleUncheckable, NoticeDetail::ShareUnknown { min });
                }
                Some(true) => {
                    self.raise(Status::RepeatElection, Some(RepeatReason::SoleCandidateShare));
                    self.note(
                        NoticeCode::LowSoleShare,
                        NoticeDetail::LowSoleShare { name: only.candidate_name.clone(), share: only.share, min },
                    );
                }
                Some(false) => {}
            }
        }
        if !matches!(f.against, AgainstAll::Known(_)) && rules.against_all_outpolls == AgainstAllPolicy::RepeatElection
        {
            self.raise(Status::Blocked, None);
            self.note(NoticeCode::RuleUncheckable, NoticeDetail::AgainstAllUnknown);
        }
        if let Some(a) = against_all.filter(|&a| a > f.top) {
            let outcome = match rules.against_all_outpolls {
                AgainstAllPolicy::ElectTop if rules.law().is_some() => AgainstAllOutcome::LawElectsTop,
                AgainstAllPolicy::ElectTop => AgainstAllOutcome::RulesElectTop,
                AgainstAllPolicy::RepeatElection => {
                    self.raise(Status::RepeatElection, Some(RepeatReason::AgainstAll));
                    AgainstAllOutcome::RepeatElection
                }
            };
            self.note(NoticeCode::AgainstAllLeads, NoticeDetail::AgainstAllLeads { votes: a, top: f.top, outcome });
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
                self.note(NoticeCode::TieBreakUnused, NoticeDetail::LotWithoutTie { candidate: c.to_string() });
            }
            return winner;
        }
        let names: Vec<String> = tied.iter().map(|(_, name)| name.clone()).collect();
        let tie = |outcome| NoticeDetail::Tied { names: names.clone(), votes: top, outcome };
        match (rules.tie, tie_break) {
            (TiePolicy::Lot, Some(chosen)) if tied.iter().any(|(id, _)| id == chosen) => {
                winner = Some(chosen.clone());
                let name = tied.iter().find(|(id, _)| id == chosen).map_or("", |(_, name)| name.as_str());
                self.note(NoticeCode::TieBrokenByLot, tie(TieOutcome::Lot(name.to_string())));
            }
            (TiePolicy::Lot, other) => {
                self.raise(Status::Tie, None);
                self.note(NoticeCode::Tied, tie(TieOutcome::AwaitingLot));
                if let Some(c) = other {
                    self.note(NoticeCode::TieBreakUnused, NoticeDetail::LotNotAmongTied { candidate: c.to_string() });
                }
            }
            (TiePolicy::RepeatElection, _) => {
                self.raise(Status::RepeatElection, Some(RepeatReason::Tie));
                self.note(NoticeCode::Tied, tie(TieOutcome::Repeat(rules.law())));
            }
        }
        winner
    }

    /// The commission declared the election invalid: its decision stands whatever the returns say (Art. 113-11
    /// p.2, Art. 113-9).
    fn declared_invalid(&mut self, grounds: &str, rules: &RuleSet) {
        (self.status, self.reason) = (Status::RepeatElection, Some(RepeatReason::DeclaredInvalid));
        let grounds = Some(grounds.to_string()).filter(|g| !g.trim().is_empty());
        self.note(NoticeCode::DeclaredInvalid, NoticeDetail::DeclaredInvalid { grounds, law: rules.law() });
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
