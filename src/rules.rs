//! The rule set: the law of Kazakhstan in the version in force on election day, or a generic plurality rule for
//! data from elsewhere, as settings printed back in every output.

use serde::{Deserialize, Serialize};

use crate::model::Line;

/// What happens when "against all" gets more votes than every candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgainstAllPolicy {
    /// The top candidate is elected and a notice is shown (the CEC's 2022 position).
    ElectTop,
    /// A repeat election is needed.
    RepeatElection,
}

/// What happens when candidates tie for the top.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TiePolicy {
    /// No winner until the commission draws lots and the user records it (`--tie-break`).
    Lot,
    /// A repeat election is needed.
    RepeatElection,
}

/// A share or turnout threshold in hundredths of a percent (5000 = 50%), so that comparisons are exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Percent(pub u32);

impl Percent {
    /// Whether `num / den` is below this threshold, exactly.
    pub fn falls_short(self, num: u64, den: u64) -> bool {
        (num as u128) * 10_000 < (self.0 as u128) * (den as u128)
    }
}

impl std::fmt::Display for Percent {
    /// `50.00`: the hundredths written out, without a float.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl Serialize for Percent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(f64::from(self.0) / 100.0)
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        if !(0.0..=100.0).contains(&v) {
            return Err(serde::de::Error::custom(format!("{v} is not a percentage from 0 to 100")));
        }
        let hundredths = (v * 100.0).round();
        if (v * 100.0 - hundredths).abs() > 1e-6 {
            return Err(serde::de::Error::custom(format!("{v}: give a percentage with at most two decimals")));
        }
        Ok(Percent(hundredths as u32))
    }
}

/// A version of the Constitutional Law "On Elections", Chapter 13-1 (the election of akims), as it stood on an
/// election day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Law {
    /// Law 41-VII of 24.05.2021, in force to 31.12.2022.
    #[serde(rename = "kz-2021")]
    Kz2021,
    /// Law 156-VII of 05.11.2022, in force from 01.01.2023 to 30.06.2026.
    #[serde(rename = "kz-2023")]
    Kz2023,
    /// Law 305-VIII, in force from 01.07.2026.
    #[serde(rename = "kz-2026")]
    Kz2026,
}

impl Law {
    /// Every version, oldest first.
    pub const ALL: [Law; 3] = [Law::Kz2021, Law::Kz2023, Law::Kz2026];

    /// The short name, e.g. `kz-2023`.
    pub fn key(self) -> &'static str {
        match self {
            Law::Kz2021 => "kz-2021",
            Law::Kz2023 => "kz-2023",
            Law::Kz2026 => "kz-2026",
        }
    }

    /// The amending law that made this version.
    pub fn act(self) -> &'static str {
        match self {
            Law::Kz2021 => "41-VII of 24.05.2021",
            Law::Kz2023 => "156-VII of 05.11.2022",
            Law::Kz2026 => "305-VIII",
        }
    }

    /// The first day it is in force (`YYYY-MM-DD`), where the law states it. Law 41-VII came into force ten days
    /// after its first official publication, a day not stated here: it is taken for any day before 01.01.2023.
    pub fn from_day(self) -> Option<&'static str> {
        match self {
            Law::Kz2021 => None,
            Law::Kz2023 => Some("2023-01-01"),
            Law::Kz2026 => Some("2026-07-01"),
        }
    }

    /// The version in force on a day (`YYYY-MM-DD`, already checked).
    pub fn in_force_on(day: &str) -> Law {
        Law::ALL.iter().rev().copied().find(|l| l.from_day().is_some_and(|from| day >= from)).unwrap_or(Law::Kz2021)
    }

    /// The newest version.
    pub fn newest() -> Law {
        Law::Kz2026
    }

    /// What a tie calls for: "repeat elections" (Art. 113-9 p.2, 2021–2026) or, from 01.07.2026, "repeat voting"
    /// (Art. 113-9 p.1).
    pub fn repeat(self) -> Repeat {
        match self {
            Law::Kz2021 | Law::Kz2023 => Repeat::Elections,
            Law::Kz2026 => Repeat::Voting,
        }
    }

    /// The paragraph of Art. 113-9 that orders the repeat for a tie.
    pub fn tie_article(self) -> &'static str {
        match self {
            Law::Kz2021 | Law::Kz2023 => "Art. 113-9 p.2",
            Law::Kz2026 => "Art. 113-9 p.1",
        }
    }

    /// Whether the electoral fee is refunded to a candidate elected or with 5% of the votes (Art. 113-5 p.2, from
    /// 2023).
    pub fn refunds_fee(self) -> bool {
        self >= Law::Kz2023
    }

    /// Whether the territorial commission may annul a single precinct's results (Art. 44 p.2-1, from 01.07.2026).
    pub fn annuls_precincts(self) -> bool {
        self >= Law::Kz2026
    }
}

/// What the law calls the new vote after a tie or a race declared invalid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repeat {
    /// «повторные выборы», repeat elections.
    Elections,
    /// «повторное голосование», «қайта дауыс беру», repeat voting.
    Voting,
}

/// The version of the law a rule set follows, and why that one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LawInForce {
    /// The version.
    pub version: Law,
    /// The amending law.
    pub act: String,
    /// In force from (`YYYY-MM-DD`); `None` for law 41-VII (ten days after its publication).
    pub in_force_from: Option<String>,
    /// The election day it was chosen for, or `None` when none was given (the newest version is then taken).
    pub election_date: Option<String>,
}

impl LawInForce {
    /// The version in force on election day, or the newest one when the day is not given.
    pub fn on(election_date: Option<&str>) -> LawInForce {
        let version = election_date.map_or(Law::newest(), Law::in_force_on);
        LawInForce {
            version,
            act: version.act().to_string(),
            in_force_from: version.from_day().map(str::to_string),
            election_date: election_date.map(str::to_string),
        }
    }
}

/// Which figure turnout is counted from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TurnoutBase {
    /// The voters who took part, counted from the ballots in the boxes (Kazakh law, Art. 43 p.4).
    BallotsInBox,
    /// The ballots issued.
    BallotsIssued,
}

impl TurnoutBase {
    /// The protocol line turnout is counted from.
    pub fn line(self) -> Line {
        match self {
            TurnoutBase::BallotsInBox => Line::BallotsInBox,
            TurnoutBase::BallotsIssued => Line::BallotsIssued,
        }
    }
}

/// The settings that decide a race.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// Its name, printed back.
    pub name: String,
    /// The version of Kazakhstan's law it follows (`None` for a rule set of no law, e.g. `plurality`).
    pub law: Option<LawInForce>,
    /// Minimum turnout for a valid election, in percent (`None`: none).
    pub min_turnout_percent: Option<Percent>,
    /// When "against all" outpolls every candidate.
    pub against_all_outpolls: AgainstAllPolicy,
    /// Minimum share of the only candidate, in percent (`None`: none).
    pub sole_candidate_min_share_percent: Option<Percent>,
    /// When candidates tie for the top.
    pub tie: TiePolicy,
    /// The protocol lines every protocol must give (every candidate's votes are always required).
    pub required_lines: Vec<Line>,
    /// Which figure turnout is counted from.
    pub turnout_base: TurnoutBase,
    /// The checks of Kazakh law: portable boxes against the written requests, ballots received against the list
    /// and its reserve, a race with fewer than two candidates.
    pub kazakh_checks: bool,
}

/// The built-in rule sets, by name.
pub const BUILT_IN: [&str; 2] = ["kz-rural-akim", "plurality"];

impl RuleSet {
    /// The default: `kz-rural-akim`, the law of Kazakhstan in the version in force on election day (the newest
    /// when the day is not given) — plurality, no minimum turnout, against all never decides, a tie is a repeat
    /// election (never a lot), turnout from the voters who took part, the lines of the Kazakh protocol required.
    pub fn kz_rural_akim(election_date: Option<&str>) -> Self {
        RuleSet {
            name: "kz-rural-akim".to_string(),
            law: Some(LawInForce::on(election_date)),
            min_turnout_percent: None,
            against_all_outpolls: AgainstAllPolicy::ElectTop,
            sole_candidate_min_share_percent: None,
            tie: TiePolicy::RepeatElection,
            required_lines: vec![Line::BallotsIssued, Line::BallotsInBox, Line::BallotsInvalid, Line::AgainstAll],
            turnout_base: TurnoutBase::BallotsInBox,
            kazakh_checks: true,
        }
    }

    /// `plurality`, for data from elsewhere: the most votes win, only the candidates' votes are required, turnout
    /// over ballots issued, and a tie is decided by a lot the commission draws (recorded with `--tie-break`).
    pub fn plurality() -> Self {
        RuleSet {
            name: "plurality".to_string(),
            law: None,
            min_turnout_percent: None,
            against_all_outpolls: AgainstAllPolicy::ElectTop,
            sole_candidate_min_share_percent: None,
            tie: TiePolicy::Lot,
            required_lines: Vec::new(),
            turnout_base: TurnoutBase::BallotsIssued,
            kazakh_checks: false,
        }
    }

    /// A built-in rule set by name.
    pub fn built_in(name: &str, election_date: Option<&str>) -> Option<Self> {
        match name {
            "kz-rural-akim" => Some(RuleSet::kz_rural_akim(election_date)),
            "plurality" => Some(RuleSet::plurality()),
            _ => None,
        }
    }

    /// Reads a rule set from TOML. `base` names the built-in set it starts from (`kz-rural-akim`, the default, or
    /// `plurality`); the settings given change it.
    pub fn from_toml(text: &str, election_date: Option<&str>) -> Result<Self, String> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Partial {
            name: Option<String>,
            base: Option<String>,
            min_turnout_percent: Option<Percent>,
            against_all_outpolls: Option<AgainstAllPolicy>,
            sole_candidate_min_share_percent: Option<Percent>,
            tie: Option<TiePolicy>,
            required_lines: Option<Vec<String>>,
            turnout_base: Option<TurnoutBase>,
            kazakh_checks: Option<bool>,
        }
        let p: Partial = toml::from_str(text).map_err(|e| e.to_string())?;
        let base = p.base.as_deref().unwrap_or("kz-rural-akim");
        let d = RuleSet::built_in(base, election_date)
            .ok_or_else(|| format!("base = \"{base}\": the built-in rule sets are {}", BUILT_IN.join(", ")))?;
        let required_lines = match p.required_lines {
            None => d.required_lines,
            Some(keys) => keys
                .iter()
                .map(|k| {
                    Line::ALL
                        .iter()
                        .copied()
                        .find(|l| l.key() == k)
                        .ok_or_else(|| format!("required_lines: \"{k}\" is not a protocol line"))
                })
                .collect::<Result<Vec<Line>, String>>()?,
        };
        Ok(RuleSet {
            name: p.name.unwrap_or_else(|| "custom".to_string()),
            law: d.law,
            min_turnout_percent: p.min_turnout_percent,
            against_all_outpolls: p.against_all_outpolls.unwrap_or(d.against_all_outpolls),
            sole_candidate_min_share_percent: p.sole_candidate_min_share_percent,
            tie: p.tie.unwrap_or(d.tie),
            required_lines,
            turnout_base: p.turnout_base.unwrap_or(d.turnout_base),
            kazakh_checks: p.kazakh_checks.unwrap_or(d.kazakh_checks),
        })
    }

    /// What the rule set asks of every protocol.
    pub fn requirements(&self) -> crate::check::Requirements {
        crate::check::Requirements { lines: self.required_lines.clone(), kazakh: self.kazakh_checks }
    }

    /// The version of the law, when the rule set follows one.
    pub fn law(&self) -> Option<Law> {
        self.law.as_ref().map(|l| l.version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_rules_file() {
        let r = RuleSet::from_toml("name = \"strict\"\nmin_turnout_percent = 50\nagainst_all_outpolls = \"repeat_election\"\ntie = \"repeat_election\"\nsole_candidate_min_share_percent = 50.5\n", None).unwrap();
        assert_eq!(r.min_turnout_percent, Some(Percent(5000)));
        assert_eq!(r.sole_candidate_min_share_percent, Some(Percent(5050)));
        assert_eq!(r.against_all_outpolls, AgainstAllPolicy::RepeatElection);
        assert_eq!(r.tie, TiePolicy::RepeatElection);
        assert_eq!(
            RuleSet::from_toml("", None).unwrap(),
            RuleSet { name: "custom".into(), ..RuleSet::kz_rural_akim(None) }
        );
        let p = RuleSet::from_toml("base = \"plurality\"\nrequired_lines = [\"ballots_issued\"]", None).unwrap();
        assert_eq!((p.tie, p.required_lines, p.law), (TiePolicy::Lot, vec![Line::BallotsIssued], None));
    }

    #[test]
    fn refuses_bad_settings() {
        for bad in [
            "min_turnout_percent = 150",
            "min_turnout_percent = 33.333",
            "tie = \"coin\"",
            "quorum = 3",
            "base = \"x\"",
            "required_lines = [\"votes\"]",
        ] {
            assert!(RuleSet::from_toml(bad, None).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_law_in_force_follows_election_day() {
        let on = |d| RuleSet::kz_rural_akim(Some(d)).law();
        assert_eq!(on("2021-07-25"), Some(Law::Kz2021));
        assert_eq!(on("2022-12-31"), Some(Law::Kz2021));
        assert_eq!(on("2023-01-01"), Some(Law::Kz2023));
        assert_eq!(on("2026-06-30"), Some(Law::Kz2023));
        assert_eq!(on("2026-07-01"), Some(Law::Kz2026));
        assert_eq!(RuleSet::kz_rural_akim(None).law(), Some(Law::Kz2026));
        assert_eq!(RuleSet::kz_rural_akim(None).law.and_then(|l| l.election_date), None);
        assert_eq!(RuleSet::plurality().law(), None);
    }

    #[test]
    fn compares_thresholds_exactly() {
        assert!(!Percent(5000).falls_short(50, 100));
        assert!(Percent(5000).falls_short(49, 100));
        assert!(Percent(3334).falls_short(1, 3));
        assert!(!Percent(3333).falls_short(1, 3));
    }
}
