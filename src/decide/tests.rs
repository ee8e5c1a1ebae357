//! Unit tests of deciding a race: every status, reason and notice from totals built by hand.

use super::*;
use crate::check::Code;
use crate::model::{Candidates, Location, PrecinctId};
use crate::rules::{Law, Percent, Repeat};

fn district(n: usize) -> District {
    let mut candidates = Candidates::default();
    for k in 0..n {
        candidates.push(&format!("c{k}"), &format!("Кандидат {k}"), "self-nominated".into(), None);
    }
    District { id: DistrictId::parse("01"), name: "Ақсу".into(), candidates, precincts: 0..0, index: 0 }
}

fn totals(votes: &[u64], against: Option<u64>) -> DistrictTotals {
    let took_part = votes.iter().sum::<u64>() + against.unwrap_or(0);
    DistrictTotals {
        precincts_total: 2,
        precincts_reporting: 2,
        counted: 2,
        voters_on_list: Some(Count(1000)),
        ballots_issued: Some(Count(took_part + 10)),
        ballots_in_box: Some(Count(took_part)),
        ballots_invalid: Some(Count(0)),
        against_all: against.map(Count),
        against_all_given: if against.is_some() { 2 } else { 0 },
        votes: votes.iter().copied().map(Count).collect(),
        ..DistrictTotals::default()
    }
}

fn codes(r: &DistrictResult) -> Vec<&'static str> {
    r.notices.iter().map(|n| n.code.as_str()).collect()
}

fn kz() -> RuleSet {
    RuleSet::kz_rural_akim(None)
}

fn none() -> Decisions {
    Decisions::default()
}

fn lot(c: &str) -> Decisions {
    Decisions { tie_breaks: [(DistrictId::parse("01"), CandidateId::parse(c))].into(), ..Decisions::default() }
}

#[test]
fn plurality_elects_the_top_candidate_with_shares_over_candidates_and_against_all() {
    let r = decide_district(&district(3), &totals(&[50, 30, 10], Some(10)), &kz(), &none());
    assert_eq!((r.status, r.winner.as_ref().map(|w| w.as_str())), (Status::Elected, Some("c0")));
    assert_eq!(r.winner_name.as_deref(), Some("Кандидат 0"));
    assert_eq!(r.valid_votes, Some(Count(100)));
    assert_eq!(r.candidates[0].share, Ratio::new(50, 100));
    // Turnout under the law: the voters who took part (the ballots in the box), not the ballots issued.
    assert_eq!(r.turnout, Ratio::new(100, 1000));
    assert_eq!(
        decide_district(&district(3), &totals(&[50, 30, 10], Some(10)), &RuleSet::plurality(), &none()).turnout,
        Ratio::new(110, 1000)
    );
    assert_eq!(r.candidates.iter().map(|c| c.rank).collect::<Vec<_>>(), [Some(1), Some(2), Some(3)]);
    assert!(r.notices.is_empty());
}

#[test]
fn a_sole_candidate_is_elected_and_is_never_a_tie() {
    let r = decide_district(&district(1), &totals(&[7], Some(3)), &kz(), &none());
    assert_eq!((r.status, r.tied.len(), r.reason), (Status::Elected, 0, None));
}

#[test]
fn a_tie_under_the_law_is_a_repeat_election_worded_as_the_version_in_force() {
    let tie = totals(&[40, 40, 10], None);
    for (date, law, repeat, article) in [
        ("2021-07-25", Law::Kz2021, Repeat::Elections, "Art. 113-9 p.2"),
        ("2025-10-19", Law::Kz2023, Repeat::Elections, "Art. 113-9 p.2"),
        ("2026-07-12", Law::Kz2026, Repeat::Voting, "Art. 113-9 p.1"),
    ] {
        let r = decide_district(&district(3), &tie, &RuleSet::kz_rural_akim(Some(date)), &none());
        assert_eq!((r.status, r.reason, r.winner.clone()), (Status::RepeatElection, Some(RepeatReason::Tie), None));
        assert_eq!(codes(&r), ["N105"]);
        let names = vec!["Кандидат 0".to_string(), "Кандидат 1".to_string()];
        let outcome = TieOutcome::Repeat(Some(law));
        assert_eq!(r.notices[0].detail, NoticeDetail::Tied { names, votes: Count(40), outcome }, "{date}");
        assert_eq!((law.repeat(), law.tie_article()), (repeat, article), "{date}");
        assert_eq!(r.tied.len(), 2);
    }
    // A recorded lot changes nothing under the law (the command line refuses it before).
    let r = decide_district(&district(3), &tie, &kz(), &lot("c1"));
    assert_eq!((r.status, r.winner), (Status::RepeatElection, None));
    // One vote more decides it.
    let r = decide_district(&district(3), &totals(&[41, 40, 10], None), &kz(), &none());
    assert_eq!((r.status, r.reason), (Status::Elected, None));
}

#[test]
fn a_tie_under_plurality_waits_for_a_lot() {
    let p = RuleSet::plurality();
    let tie = totals(&[40, 40, 10], None);
    let r = decide_district(&district(3), &tie, &p, &none());
    assert_eq!((r.status, r.winner.clone(), codes(&r)), (Status::Tie, None, vec!["N105"]));
    assert_eq!(r.candidates.iter().map(|c| c.rank).collect::<Vec<_>>(), [Some(1), Some(1), Some(3)]);
    let r = decide_district(&district(3), &tie, &p, &lot("c1"));
    assert_eq!(
        (r.status, r.winner.clone(), codes(&r)),
        (Status::Elected, Some(CandidateId::parse("c1")), vec!["N102"])
    );
    let r = decide_district(&district(3), &tie, &p, &lot("c2"));
    assert_eq!((r.status, codes(&r)), (Status::Tie, vec!["N105", "N108"]));
    let r = decide_district(&district(3), &totals(&[41, 40, 10], None), &p, &lot("c2"));
    assert_eq!((r.status, codes(&r)), (Status::Elected, vec!["N108"]));
}

#[test]
fn against_all_never_decides_under_the_law_but_may_under_a_rule_set() {
    let t = totals(&[30, 20], Some(50));
    let r = decide_district(&district(2), &t, &kz(), &none());
    assert_eq!((r.status, codes(&r)), (Status::Elected, vec!["N101"]));
    let outcome = AgainstAllOutcome::LawElectsTop;
    assert_eq!(r.notices[0].detail, NoticeDetail::AgainstAllLeads { votes: Count(50), top: Count(30), outcome });
    let rules = RuleSet { against_all_outpolls: AgainstAllPolicy::RepeatElection, ..kz() };
    let r = decide_district(&district(2), &t, &rules, &none());
    assert_eq!((r.status, r.reason, codes(&r)), (Status::RepeatElection, Some(RepeatReason::AgainstAll), vec!["N101"]));
    // Equal to the top candidate is not ahead.
    let r = decide_district(&district(2), &totals(&[30, 20], Some(30)), &rules, &none());
    assert_eq!(r.status, Status::Elected);
}

#[test]
fn minimum_turnout_and_sole_candidate_share_are_settings() {
    let low = RuleSet { min_turnout_percent: Some(Percent(1500)), ..kz() };
    let r = decide_district(&district(2), &totals(&[60, 40], None), &low, &none());
    assert_eq!((r.status, r.reason, codes(&r)), (Status::RepeatElection, Some(RepeatReason::MinTurnout), vec!["N106"]));
    let mut unknown = totals(&[60, 40], None);
    unknown.voters_on_list = None;
    let r = decide_district(&district(2), &unknown, &low, &none());
    assert_eq!((r.status, codes(&r)), (Status::Blocked, vec!["N110"]));
    let sole = RuleSet { sole_candidate_min_share_percent: Some(Percent(5000)), ..kz() };
    let r = decide_district(&district(1), &totals(&[40], Some(60)), &sole, &none());
    assert_eq!(
        (r.status, r.reason, codes(&r)),
        (Status::RepeatElection, Some(RepeatReason::SoleCandidateShare), vec!["N107", "N101"])
    );
    let r = decide_district(&district(1), &totals(&[60], Some(40)), &sole, &none());
    assert_eq!((r.status, r.winner.is_some()), (Status::Elected, true));
}

#[test]
fn the_first_reason_for_a_repeat_election_is_the_one_given() {
    // Turnout below the minimum and a tie: the turnout is looked at first.
    let rules = RuleSet { min_turnout_percent: Some(Percent(9000)), ..kz() };
    let r = decide_district(&district(2), &totals(&[40, 40], None), &rules, &none());
    assert_eq!((r.status, r.reason), (Status::RepeatElection, Some(RepeatReason::MinTurnout)));
    assert_eq!(codes(&r), ["N106", "N105"]);
}

#[test]
fn an_incomplete_race_says_whether_its_missing_precincts_could_change_the_leader() {
    let mut t = totals(&[500, 88, 10], Some(5));
    t.precincts_reporting = 1;
    t.missing = vec![PrecinctId::parse("0304")];
    let said = |t: &DistrictTotals| {
        let r = decide_district(&district(3), t, &kz(), &none());
        r.notices.iter().find(|n| n.code == NoticeCode::CouldChange).map(|n| n.detail.clone())
    };
    let change = |voters: Option<u64>, can: bool| NoticeDetail::CouldChange {
        voters: voters.map(Count),
        missing: vec!["0304".into()],
        lead: Count(412),
        can,
    };
    // A lead of 412: 411 voters cannot overturn it, 412 could tie it, an unknown list could do anything.
    t.missing_voters = Some(Count(411));
    assert_eq!(said(&t), Some(change(Some(411), false)));
    t.missing_voters = Some(Count(412));
    assert_eq!(said(&t), Some(change(Some(412), true)));
    t.missing_voters = None;
    assert_eq!(said(&t), Some(change(None, true)));
    // Errors in the counted protocols: their figures are not a lead to measure.
    t.blocking = vec![(Code::ValidBalance, None)];
    assert_eq!(said(&t).map(|_| ()), None);
}

#[test]
fn errors_come_before_missing_protocols_which_come_before_any_decision() {
    let mut t = totals(&[40, 40], Some(90));
    t.precincts_reporting = 1;
    t.missing = vec![PrecinctId::parse("0102")];
    let r = decide_district(&district(2), &t, &kz(), &none());
    assert_eq!((r.status, codes(&r)), (Status::Incomplete, vec!["N104", "N113"]), "no tie or against-all notice yet");
    assert!(r.tied.is_empty());
    assert_eq!(r.missing_precincts, [PrecinctId::parse("0102")]);
    t.blocking = vec![(Code::ValidBalance, Some(Location::new(&"r.csv".into(), 3, 9)))];
    let r = decide_district(&district(2), &t, &kz(), &none());
    assert_eq!((r.status, codes(&r)), (Status::Blocked, vec!["N109", "N104"]));
    let errors = vec![(Code::ValidBalance, Some(Location::new(&"r.csv".into(), 3, 9)))];
    assert_eq!(r.notices[0].detail, NoticeDetail::Blocked { errors, more: 0 });
}

#[test]
fn a_race_declared_invalid_is_a_repeat_election_whatever_its_returns_say() {
    let declared = |g: &str| Decisions {
        declared_invalid: [(DistrictId::parse("01"), g.to_string())].into(),
        ..Decisions::default()
    };
    let mut t = totals(&[50, 30], Some(5));
    let r = decide_district(&district(2), &t, &kz(), &declared("ballot stuffing at 0102"));
    assert_eq!(
        (r.status, r.reason, r.winner.clone()),
        (Status::RepeatElection, Some(RepeatReason::DeclaredInvalid), None)
    );
    let grounds = Some("ballot stuffing at 0102".to_string());
    assert_eq!(r.notices[0].detail, NoticeDetail::DeclaredInvalid { grounds, law: Some(Law::Kz2026) });
    t.blocking = vec![(Code::ValidBalance, None)];
    let r = decide_district(&district(2), &t, &kz(), &declared(""));
    assert_eq!((r.status, r.reason), (Status::RepeatElection, Some(RepeatReason::DeclaredInvalid)));
}

#[test]
fn an_annulled_precinct_cites_the_law_in_force_on_election_day() {
    let mut t = totals(&[5, 3], Some(1));
    t.annulled = vec![(PrecinctId::parse("0102"), 2)];
    let grounds = Decisions {
        annul_grounds: [(PrecinctId::parse("0102"), "ballots found outside the box".into())].into(),
        ..Decisions::default()
    };
    let r = decide_district(&district(2), &t, &RuleSet::kz_rural_akim(Some("2026-07-12")), &grounds);
    assert_eq!((r.status, codes(&r)), (Status::Elected, vec!["N103"]));
    let annulled = |grounds: Option<&str>, basis| NoticeDetail::Annulled {
        precinct: "0102".into(),
        grounds: grounds.map(str::to_string),
        basis,
        set_aside: 2,
    };
    assert_eq!(r.notices[0].detail, annulled(Some("ballots found outside the box"), AnnulBasis::Law));
    let r = decide_district(&district(2), &t, &RuleSet::kz_rural_akim(Some("2025-10-19")), &none());
    assert_eq!(r.notices[0].detail, annulled(None, AnnulBasis::NotInForce(Law::Kz2023)));
    t.voters_on_list = None;
    let r = decide_district(&district(2), &t, &kz(), &none());
    assert_eq!((r.voters_on_list, r.turnout), (None, None));
    let mut none_counted = totals(&[0, 0], None);
    none_counted.counted = 0;
    none_counted.precincts_reporting = 0;
    let r = decide_district(&district(2), &none_counted, &kz(), &none());
    assert_eq!((r.status, r.valid_votes, r.candidates[0].votes), (Status::Incomplete, None, None));
    // A race with no precinct at all (the roster refuses one, E316) is not decided either.
    none_counted.precincts_total = 0;
    let r = decide_district(&district(2), &none_counted, &kz(), &none());
    assert_eq!((r.status, r.winner.clone(), codes(&r)), (Status::Incomplete, None, vec!["N111"]));
}

#[test]
fn the_fee_is_refunded_from_five_percent_of_the_voters_who_took_part() {
    // 10,000 took part: 500 votes is 5%, 499 is 4.99%.
    let mut t = totals(&[9001, 500, 499], Some(0));
    t.ballots_in_box = Some(Count(10_000));
    let r = decide_district(&district(3), &t, &RuleSet::kz_rural_akim(Some("2025-10-19")), &none());
    let refund: Vec<Option<bool>> = r.candidates.iter().map(|c| c.fee_refunded).collect();
    assert_eq!(refund, [Some(true), Some(true), Some(false)]);
    // The elected candidate gets it back whatever their share (here 4% of those who took part, most of whose
    // ballots were invalid).
    let mut few = totals(&[400, 300, 200], Some(0));
    few.ballots_in_box = Some(Count(10_000));
    let r = decide_district(&district(3), &few, &RuleSet::kz_rural_akim(Some("2025-10-19")), &none());
    let refund: Vec<Option<bool>> = r.candidates.iter().map(|c| c.fee_refunded).collect();
    assert_eq!((r.status, refund), (Status::Elected, vec![Some(true), Some(false), Some(false)]));
    // Not under the law of 2021, nor under plurality, nor before the figures are final.
    let r = decide_district(&district(3), &t, &RuleSet::kz_rural_akim(Some("2021-07-25")), &none());
    assert!(r.candidates.iter().all(|c| c.fee_refunded.is_none()));
    assert!(
        decide_district(&district(3), &t, &RuleSet::plurality(), &none())
            .candidates
            .iter()
            .all(|c| c.fee_refunded.is_none())
    );
    t.blocking = vec![(Code::ValidBalance, None)];
    assert!(decide_district(&district(3), &t, &kz(), &none()).candidates.iter().all(|c| c.fee_refunded.is_none()));
}

#[test]
fn ratios_round_half_up_exactly() {
    assert_eq!(Ratio::new(1, 3).unwrap().percent(), "33.33");
    assert_eq!(Ratio::new(2, 3).unwrap().percent(), "66.67");
    assert_eq!(Ratio::new(1, 8).unwrap().scaled(2), 13);
    assert_eq!(Ratio::new(1, 0), None);
    assert_eq!(serde_json::to_string(&Ratio::new(2, 3).unwrap()).unwrap(), "0.666667");
}
