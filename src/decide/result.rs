//! What deciding a race gives: its status and why, the notices for the commission, each candidate's votes, share
//! and rank, and exact ratios. These are the results every output renders and `verify` reads back.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::check::Code;
use crate::model::{CandidateId, Count, DistrictId, Line, Location, PrecinctId};
use crate::rules::{Law, Percent};

/// The outcome of a race. The order of the variants is their precedence: where several apply, the first wins
/// (a race the commission declared invalid is a repeat election whatever else applies).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Errors in the returns hold the race back: not decided until they are corrected. (A spreadsheet's errors
    /// never make an election "invalid": that is the commission's decision, Art. 113-11.)
    Blocked,
    /// Protocols are missing.
    Incomplete,
    /// A repeat election (or, from 01.07.2026, repeat voting) is needed: see the reason.
    RepeatElection,
    /// Candidates tie for the top and no lot has been recorded (rule sets with a lot only).
    Tie,
    /// A winner is declared.
    Elected,
}

impl Status {
    /// The name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Blocked => "blocked",
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

/// Why a race goes to a repeat election.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepeatReason {
    /// Candidates tie for the top (Art. 113-9).
    Tie,
    /// The commission declared the election invalid (Art. 113-11 p.2).
    DeclaredInvalid,
    /// Turnout below the rule set's minimum.
    MinTurnout,
    /// "Against all" ahead of every candidate, under a rule set that calls for a repeat then.
    AgainstAll,
    /// The only candidate's share below the rule set's minimum.
    SoleCandidateShare,
}

impl RepeatReason {
    /// The name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            RepeatReason::Tie => "tie",
            RepeatReason::DeclaredInvalid => "declared_invalid",
            RepeatReason::MinTurnout => "min_turnout",
            RepeatReason::AgainstAll => "against_all",
            RepeatReason::SoleCandidateShare => "sole_candidate_share",
        }
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
    TieBrokenByLot = "N102", "the tie was decided by a lot drawn by the commission (`--tie-break`; rule sets with a lot only)";
    Annulled = "N103", "a precinct's results were annulled by the commission (`--annul`) and left out of the count";
    Missing = "N104", "protocols are missing: the count is incomplete";
    Tied = "N105", "candidates tie for the top: a repeat election under the law (or a lot, under a rule set that has one)";
    LowTurnout = "N106", "turnout is below the rule set's minimum";
    LowSoleShare = "N107", "the only candidate's share is below the rule set's minimum";
    TieBreakUnused = "N108", "a recorded lot was not applied (no tie, or the candidate is not among the tied)";
    Blocked = "N109", "not decided: errors in the returns hold the race back until they are corrected";
    RuleUncheckable = "N110", "a rule cannot be checked because a figure is unknown";
    NoneCounted = "N111", "no protocol of the race is counted (every precinct annulled): nothing to decide";
    DeclaredInvalid = "N112", "the commission declared the election invalid (Art. 113-11): a repeat election";
    CouldChange = "N113", "whether the protocols still missing could change who leads";
}

impl Serialize for NoticeCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for NoticeCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        NoticeCode::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == code)
            .ok_or_else(|| serde::de::Error::custom(format!("\"{code}\" is not a notice code")))
    }
}

/// A notice on a race: its code and its values. The words are rendered at the edge (`report::text`); the JSON
/// results write them as the notice's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Its code.
    pub code: NoticeCode,
    /// What it says, as values.
    pub detail: NoticeDetail,
}

/// The values of a notice.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(missing_docs)] // The fields are named for the values they hold; each variant's doc says what it reports.
pub enum NoticeDetail {
    /// A precinct annulled by the commission: its grounds, the law it was annulled under, and how many problems
    /// in its rows are set aside with it.
    Annulled { precinct: String, grounds: Option<String>, basis: AnnulBasis, set_aside: u64 },
    /// Errors hold the race back: the first few, and how many more.
    Blocked { errors: Vec<(Code, Option<Location>)>, more: u64 },
    /// Protocols are missing.
    Missing { reporting: usize, total: usize, missing: Vec<String> },
    /// Whether the voters on the list of the missing precincts (`None`: not all known) could overturn the leader's
    /// lead over the runner-up (`can`: they could, or it cannot be told).
    CouldChange { voters: Option<Count>, missing: Vec<String>, lead: Count, can: bool },
    /// No protocol is counted: the race's precincts (0: none in the roster; else all annulled).
    NoneCounted { precincts: usize },
    /// Turnout below the rule set's minimum.
    LowTurnout { turnout: Ratio, min: Percent },
    /// A minimum turnout cannot be checked: voters on the list or the turnout's base line are unknown.
    TurnoutUnknown { min: Percent, base: Line },
    /// A sole candidate's minimum share cannot be checked: the valid votes are unknown.
    ShareUnknown { min: Percent },
    /// "Against all" would call a repeat election, but its total is unknown.
    AgainstAllUnknown,
    /// The only candidate's share is below the minimum (`None`: no valid votes).
    LowSoleShare { name: String, share: Option<Ratio>, min: Percent },
    /// "Against all" got more votes than the top candidate, and what follows.
    AgainstAllLeads { votes: Count, top: Count, outcome: AgainstAllOutcome },
    /// A lot was recorded but there is no tie.
    LotWithoutTie { candidate: String },
    /// The recorded lot names a candidate not among the tied.
    LotNotAmongTied { candidate: String },
    /// Candidates tied for the top, by name, and what follows.
    Tied { names: Vec<String>, votes: Count, outcome: TieOutcome },
    /// The commission declared the election invalid: its grounds, and the law.
    DeclaredInvalid { grounds: Option<String>, law: Option<Law> },
    /// A notice read back from a results file: its text as written there.
    AsRead(String),
}

/// The law an annulment was recorded under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnulBasis {
    /// Art. 44 p.2-1, in force.
    Law,
    /// A law version with no precinct-level annulment: recorded as the commission gave it.
    NotInForce(Law),
    /// A rule set that is not a version of the law.
    RuleSet,
}

/// What follows when "against all" outpolls every candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgainstAllOutcome {
    /// The law: the top candidate is elected all the same (Art. 113-10 p.2).
    LawElectsTop,
    /// A rule set that elects the top candidate.
    RulesElectTop,
    /// A rule set that calls for a repeat election.
    RepeatElection,
}

/// What follows a tie for the top.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TieOutcome {
    /// The candidate, by name, elected by the commission's lot.
    Lot(String),
    /// No winner until the commission draws lots.
    AwaitingLot,
    /// A repeat election (under the law, when the rule set is a version of it).
    Repeat(Option<Law>),
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

impl<'de> Deserialize<'de> for Ratio {
    /// A ratio read back from a results file is its six-place fraction (millionths): written again, it gives the
    /// same number.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        if !(0.0..=1e12).contains(&v) {
            return Err(serde::de::Error::custom(format!("{v} is not a ratio")));
        }
        Ok(Ratio { num: (v * 1e6).round() as u64, den: 1_000_000 })
    }
}

/// A candidate's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Whether the electoral fee is refunded (elected, or at least 5% of the votes of the voters who took part,
    /// Art. 113-5 p.2): `None` under a law or rule set without the refund, or while the race's figures are not
    /// final.
    pub fee_refunded: Option<bool>,
}

/// A race's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistrictResult {
    /// District id.
    pub district_id: DistrictId,
    /// District name.
    pub district_name: String,
    /// Outcome.
    pub status: Status,
    /// Why a repeat election, when `status` is `repeat_election`.
    pub reason: Option<RepeatReason>,
    /// The elected candidate, only when `status` is `elected`.
    pub winner: Option<CandidateId>,
    /// The elected candidate's name.
    pub winner_name: Option<String>,
    /// The candidates tied for the top (empty unless there is a tie).
    pub tied: Vec<CandidateId>,
    /// Precincts with a protocol, or annulled.
    pub precincts_reporting: usize,
    /// Precincts in the roster.
    pub precincts_total: usize,
    /// Roster precincts with no protocol yet.
    pub missing_precincts: Vec<PrecinctId>,
    /// Voters on the list.
    pub voters_on_list: Option<Count>,
    /// Ballots issued.
    pub ballots_issued: Option<Count>,
    /// Ballots in the boxes: the voters who took part, in Kazakh law.
    pub ballots_in_box: Option<Count>,
    /// The rule set's turnout base (took part, or ballots issued) / voters on the list.
    pub turnout: Option<Ratio>,
    /// Invalid ballots.
    pub ballots_invalid: Option<Count>,
    /// Against all.
    pub against_all: Option<Count>,
    /// Σ candidate votes + against all.
    pub valid_votes: Option<Count>,
    /// Voters who voted with absentee certificates.
    pub voters_with_absentee_certificates: Option<Count>,
    /// Voters who voted outside the premises.
    pub voters_outside: Option<Count>,
    /// Candidates by votes (most first), then id.
    pub candidates: Vec<CandidateResult>,
    /// Notices, in the order they arose.
    pub notices: Vec<Notice>,
}
