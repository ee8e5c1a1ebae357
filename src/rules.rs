//! The rule set: what the law leaves unclear, as settings, printed back in every output (SPEC §4).

use serde::{Deserialize, Serialize};

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

/// The settings that decide a race.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// Its name, printed back.
    pub name: String,
    /// Minimum turnout for a valid election, in percent (`None`: none).
    pub min_turnout_percent: Option<Percent>,
    /// When "against all" outpolls every candidate.
    pub against_all_outpolls: AgainstAllPolicy,
    /// Minimum share of the only candidate, in percent (`None`: none).
    pub sole_candidate_min_share_percent: Option<Percent>,
    /// When candidates tie for the top.
    pub tie: TiePolicy,
}

impl RuleSet {
    /// The default: `kz-rural-akim` — plurality, no minimum turnout, the top candidate elected even when against
    /// all outpolls them (with a notice), no minimum share for a sole candidate, ties decided by a lot that the
    /// commission draws.
    pub fn kz_rural_akim() -> Self {
        RuleSet {
            name: "kz-rural-akim".to_string(),
            min_turnout_percent: None,
            against_all_outpolls: AgainstAllPolicy::ElectTop,
            sole_candidate_min_share_percent: None,
            tie: TiePolicy::Lot,
        }
    }

    /// Every setting in words, for a person: `min turnout none · against all ahead: top candidate elected · …`.
    pub fn describe(&self) -> String {
        let pct = |p: Option<Percent>| p.map_or("none".to_string(), |p| format!("{p}%"));
        let against = match self.against_all_outpolls {
            AgainstAllPolicy::ElectTop => "top candidate elected",
            AgainstAllPolicy::RepeatElection => "repeat election",
        };
        let tie = match self.tie {
            TiePolicy::Lot => "lot drawn by the commission",
            TiePolicy::RepeatElection => "repeat election",
        };
        format!(
            "{}: min turnout {} · against all ahead of everyone: {against} · sole candidate min share {} · tie: {tie}",
            self.name,
            pct(self.min_turnout_percent),
            pct(self.sole_candidate_min_share_percent)
        )
    }

    /// Reads a rule set from TOML; settings not given keep their `kz-rural-akim` value.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Partial {
            name: Option<String>,
            min_turnout_percent: Option<Percent>,
            against_all_outpolls: Option<AgainstAllPolicy>,
            sole_candidate_min_share_percent: Option<Percent>,
            tie: Option<TiePolicy>,
        }
        let p: Partial = toml::from_str(text).map_err(|e| e.to_string())?;
        let d = RuleSet::kz_rural_akim();
        Ok(RuleSet {
            name: p.name.unwrap_or_else(|| "custom".to_string()),
            min_turnout_percent: p.min_turnout_percent,
            against_all_outpolls: p.against_all_outpolls.unwrap_or(d.against_all_outpolls),
            sole_candidate_min_share_percent: p.sole_candidate_min_share_percent,
            tie: p.tie.unwrap_or(d.tie),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_rules_file() {
        let r = RuleSet::from_toml("name = \"strict\"\nmin_turnout_percent = 50\nagainst_all_outpolls = \"repeat_election\"\ntie = \"repeat_election\"\nsole_candidate_min_share_percent = 50.5\n").unwrap();
        assert_eq!(r.min_turnout_percent, Some(Percent(5000)));
        assert_eq!(r.sole_candidate_min_share_percent, Some(Percent(5050)));
        assert_eq!(r.against_all_outpolls, AgainstAllPolicy::RepeatElection);
        assert_eq!(r.tie, TiePolicy::RepeatElection);
        assert_eq!(RuleSet::from_toml("").unwrap(), RuleSet { name: "custom".into(), ..RuleSet::kz_rural_akim() });
    }

    #[test]
    fn refuses_bad_settings() {
        assert!(RuleSet::from_toml("min_turnout_percent = 150").is_err());
        assert!(RuleSet::from_toml("min_turnout_percent = 33.333").is_err());
        assert!(RuleSet::from_toml("tie = \"coin\"").is_err());
        assert!(RuleSet::from_toml("quorum = 3").is_err());
    }

    #[test]
    fn compares_thresholds_exactly() {
        assert!(!Percent(5000).falls_short(50, 100));
        assert!(Percent(5000).falls_short(49, 100));
        assert!(Percent(3334).falls_short(1, 3));
        assert!(!Percent(3333).falls_short(1, 3));
    }
}
