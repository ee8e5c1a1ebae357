//! What every protocol must give under the rule set, and the control relations between its lines.

use super::*;

/// The lines a rule set requires that a protocol lacks (a cell that could not be read is reported already), and a
/// protocol of zeros with no ballots issued.
pub fn required_lines(p: &Protocol, required: &Requirements, out: &mut Vec<Finding>) {
    let mut push = |code: Code, at: Location, detail: Detail| {
        out.push(Finding::new(code, Some(at), detail).at_precinct(p.district, &PrecinctId(p.precinct.to_string())));
    };
    for &l in &required.lines {
        if p.whole(l).is_none() && !p.unreadable(&l) && !l.parts().iter().any(|q| p.unreadable(q)) {
            push(
                Code::MissingLine,
                p.location(p.at),
                Detail::MissingLine { precinct: p.precinct.to_string(), line: l },
            );
        }
    }
    // A row of zeros is what a template left at 0 looks like, not what a precinct that voted reports.
    let zero = |l: Line| p.whole(l).is_none_or(|v| v.0 == 0);
    if required.lines.contains(&Line::BallotsIssued)
        && p.whole(Line::BallotsIssued) == Some(Count(0))
        && zero(Line::BallotsInBox)
        && zero(Line::AgainstAll)
        && zero(Line::BallotsInvalid)
        && !p.votes_incomplete
        && p.votes.iter().all(|v| v.0.0 == 0)
    {
        push(Code::ZeroProtocol, p.location(p.at), Detail::ZeroProtocol { precinct: p.precinct.to_string() });
    }
}

/// Runs the control relations of a precinct protocol (docs/checks.md) on one protocol. `roster_voters` is the roster's figure, used when the
/// protocol has no `voters_on_list` line. A relation is checked only when every line it needs was read: where a
/// cell could not be read, that problem is already reported, and a relation over a guess would only add noise.
pub fn control_relations(p: &Protocol, roster_voters: Option<Count>, kazakh: bool, out: &mut Vec<Finding>) {
    // Most protocols balance: the precinct's id is copied only for a finding.
    let mut push = |code: Code, at: Location, detail: Detail| {
        out.push(Finding::new(code, Some(at), detail).at_precinct(p.district, &PrecinctId(p.precinct.to_string())));
    };
    let n = |v: Count| v.0 as u128;
    // Whether every line a relation needs (with the parts of whole lines) was read, and the votes if it sums them.
    let readable = |lines: &[Line], uses_votes: bool| {
        !(uses_votes && p.votes_incomplete)
            && lines.iter().all(|l| !p.unreadable(l) && l.parts().iter().all(|q| !p.unreadable(q)))
    };
    use Line::*;

    // Parts that are given add up to a whole that is also given.
    for whole in [BallotsIssued, BallotsInBox] {
        let given = || whole.parts().iter().filter_map(|l| p.line(*l).map(|v| (*l, v)));
        if let (Some(w), Some(_), true) = (p.line(whole), given().next(), readable(&[whole], false)) {
            let sum: u128 = given().map(|(_, v)| n(v)).sum();
            let all = given().count() == whole.parts().len();
            if (all && sum != n(w)) || (!all && sum > n(w)) {
                let parts = given().map(|(l, _)| l).collect();
                push(Code::PartsBalance, p.place(whole), Detail::PartsBalance { whole, value: w, parts, sum, all });
            }
        }
    }

    let issued = p.whole(BallotsIssued);
    let in_box = p.whole(BallotsInBox);
    let voters = p.line(VotersOnList).or(roster_voters);
    let invalid = p.line(BallotsInvalid);
    let valid = p.line(BallotsValid);
    let against = p.line(AgainstAll).map(n).unwrap_or(0);
    let votes: u128 = p.votes.iter().map(|c| n(c.0)).sum::<u128>() + against;
    let summed = VotesSum { against_all: p.line(AgainstAll).is_some(), invalid: false };

    // Kazakh law: a portable box holding more ballots than there were written requests to vote outside the
    // premises has all its ballots declared invalid, and an act is drawn up (Art. 43 p.3-1).
    if kazakh
        && let (Some(b), Some(r), true) = (
            p.line(BallotsInPortableBoxes),
            p.line(OutsideRequests),
            readable(&[BallotsInPortableBoxes, OutsideRequests], false),
        )
        && b > r
    {
        push(
            Code::PortableOverRequests,
            p.place(BallotsInPortableBoxes),
            Detail::PortableOverRequests { ballots: b, requests: r },
        );
    }
    // Ballots are printed for the voters on the list with a reserve of up to 1% (Art. 37 p.3).
    if kazakh
        && let (Some(r), Some(v), true) =
            (p.line(BallotsReceived), voters, readable(&[BallotsReceived, VotersOnList], false))
        && n(r) > n(v) + n(v).div_ceil(100)
    {
        push(
            Code::ReceivedOverReserve,
            p.place(BallotsReceived),
            Detail::ReceivedOverReserve { received: r, voters: v, reserve: n(v) + n(v).div_ceil(100) },
        );
    }

    if let (Some(i), Some(v), true) = (issued, voters, readable(&[BallotsIssued, VotersOnList], false))
        && i > v
    {
        let from_roster = p.line(VotersOnList).is_none();
        push(
            Code::IssuedOverList,
            p.place(BallotsIssued),
            Detail::IssuedOverList { issued: i, voters: v, from_roster },
        );
    }

    let received_lines = [BallotsReceived, BallotsIssued, BallotsCancelled, BallotsLost, BallotsUnaccounted];
    if let (Some(r), Some(i), Some(c), true) =
        (p.line(BallotsReceived), issued, p.line(BallotsCancelled), readable(&received_lines, false))
    {
        let lost = p.line(BallotsLost).map(n).unwrap_or(0);
        let unacc = p.line(BallotsUnaccounted).map(n).unwrap_or(0);
        let rhs = (n(i) + n(c) + lost) as i128 - unacc as i128;
        if n(r) as i128 != rhs {
            push(
                Code::ReceivedBalance,
                p.place(BallotsReceived),
                Detail::ReceivedBalance { received: r, issued: i, cancelled: c, lost, unaccounted: unacc, sum: rhs },
            );
        }
    }

    if let (Some(b), Some(inv), Some(val), true) =
        (in_box, invalid, valid, readable(&[BallotsInBox, BallotsInvalid, BallotsValid], false))
        && n(b) != n(inv) + n(val)
    {
        push(
            Code::BoxBalance,
            p.place(BallotsInBox),
            Detail::BoxBalance { in_box: b, invalid: inv, valid: val, sum: n(inv) + n(val) },
        );
    }

    if let Some(val) = valid {
        if readable(&[BallotsValid, AgainstAll], true) && n(val) != votes {
            push(
                Code::ValidBalance,
                p.place(BallotsValid),
                Detail::ValidBalance { valid: val, votes: summed, sum: votes },
            );
        }
    } else if !p.unreadable(&BallotsValid)
        && let (Some(b), Some(inv), true) =
            (in_box, invalid, readable(&[BallotsInBox, BallotsInvalid, AgainstAll], true))
        && n(b) != n(inv) + votes
    {
        push(
            Code::BoxVotesBalance,
            p.place(BallotsInBox),
            Detail::BoxVotesBalance { in_box: b, invalid: inv, votes: summed, sum: n(inv) + votes },
        );
    }

    if let Some(i) = issued.filter(|_| readable(&[BallotsIssued], false)) {
        if let Some(b) = in_box {
            if !readable(&[BallotsInBox], false) {
            } else if b > i {
                push(Code::BoxOverIssued, p.place(BallotsInBox), Detail::BoxAgainstIssued { in_box: b, issued: i });
            } else if b < i {
                push(Code::BoxUnderIssued, p.place(BallotsInBox), Detail::BoxAgainstIssued { in_box: b, issued: i });
            }
        } else if readable(&[BallotsInBox, BallotsInvalid, AgainstAll], true) {
            let used = votes + invalid.map(n).unwrap_or(0);
            let detail = || Detail::VotesAgainstIssued {
                votes: VotesSum { invalid: invalid.is_some(), ..summed },
                sum: used,
                issued: i,
            };
            if used > n(i) {
                push(Code::VotesOverIssued, p.place(BallotsIssued), detail());
            } else if used < n(i) {
                push(Code::VotesUnderIssued, p.place(BallotsIssued), detail());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Line::*;
    use std::sync::Arc;

    /// The codes the control relations give for a protocol of these lines (`None`: given but unreadable).
    fn codes(given: &[(Line, Option<u64>)]) -> Vec<Code> {
        let mut lines = [None; Line::ALL.len()];
        let mut unreadable = [false; Line::ALL.len()];
        for (k, &(line, v)) in given.iter().enumerate() {
            let at = Place { file: 0, line: 2, column: k as u32 + 1 };
            match v {
                Some(v) => lines[line as usize] = Some((Count(v), at)),
                None => unreadable[line as usize] = true,
            }
        }
        let district = DistrictId::parse("01");
        let origins = [Origin::file(&Arc::from("r.csv"))];
        let p = Protocol {
            precinct: "0101",
            district: &district,
            origins: &origins,
            at: Place { file: 0, line: 2, column: 0 },
            lines: &lines,
            votes: &[],
            unreadable: &unreadable,
            votes_incomplete: false,
        };
        let mut out = Vec::new();
        control_relations(&p, None, true, &mut out);
        out.iter().map(|f| f.code).collect()
    }

    #[test]
    fn parts_given_in_part_may_add_up_to_less_than_their_whole_but_never_more() {
        let issued = |early| codes(&[(BallotsIssued, Some(100)), (BallotsIssuedEarly, Some(early))]);
        assert!(!issued(40).contains(&Code::PartsBalance), "some parts, less than the whole: the rest is not given");
        assert!(!issued(100).contains(&Code::PartsBalance), "some parts, equal to the whole");
        assert!(issued(101).contains(&Code::PartsBalance), "some parts, more than the whole");
        let all = |outside| {
            codes(&[
                (BallotsIssued, Some(100)),
                (BallotsIssuedEarly, Some(10)),
                (BallotsIssuedInPremises, Some(80)),
                (BallotsIssuedOutside, Some(outside)),
            ])
        };
        assert!(!all(10).contains(&Code::PartsBalance));
        assert!(all(9).contains(&Code::PartsBalance), "every part given: they must add up exactly");
    }

    #[test]
    fn ballots_received_balance_counts_lost_ones_in_and_unaccounted_ones_out() {
        let received = |r, lost, unaccounted| {
            codes(&[
                (BallotsReceived, Some(r)),
                (BallotsIssued, Some(100)),
                (BallotsCancelled, Some(20)),
                (BallotsLost, Some(lost)),
                (BallotsUnaccounted, Some(unaccounted)),
            ])
        };
        // 100 issued + 20 cancelled + 3 lost − 5 unaccounted = 118.
        assert!(!received(118, 3, 5).contains(&Code::ReceivedBalance));
        assert!(received(128, 3, 5).contains(&Code::ReceivedBalance));
        assert!(received(112, 3, 5).contains(&Code::ReceivedBalance));
        assert!(received(120, 3, 5).contains(&Code::ReceivedBalance));
    }

    #[test]
    fn a_relation_over_a_cell_that_could_not_be_read_is_not_checked() {
        let balanced = [(BallotsReceived, Some(150)), (BallotsIssued, Some(100)), (BallotsCancelled, Some(20))];
        assert!(codes(&balanced).contains(&Code::ReceivedBalance), "150 ≠ 120");
        let mut unread = balanced.to_vec();
        unread.push((BallotsLost, None));
        assert!(!codes(&unread).contains(&Code::ReceivedBalance), "lost could not be read: no relation over a guess");
    }
}
