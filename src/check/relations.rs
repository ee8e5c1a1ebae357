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
            // A wide file with no column for the line, nor for any of its parts: the column is what to add.
            let no_column =
                p.file_lines.is_some_and(|ls| !ls.contains(&l) && !l.parts().iter().any(|q| ls.contains(q)));
            push(
                Code::MissingLine,
                p.location(p.at),
                Detail::MissingLine { precinct: p.precinct.to_string(), line: l, no_column },
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
    let mut r = Relations { p, out, voters: p.line(Line::VotersOnList).or(roster_voters) };
    r.parts_add_up();
    if kazakh {
        r.under_kazakh_law();
    }
    r.ballots_balance();
    r.votes_balance();
}

/// One protocol's relations, with where their findings go.
struct Relations<'p, 'a> {
    p: &'p Protocol<'a>,
    out: &'p mut Vec<Finding>,
    /// Voters on the list: the protocol's line, or the roster's figure.
    voters: Option<Count>,
}

fn n(v: Count) -> u128 {
    v.0 as u128
}

impl Relations<'_, '_> {
    fn push(&mut self, code: Code, line: Line, detail: Detail) {
        let p = self.p;
        // Most protocols balance: the precinct's id is copied only for a finding.
        let f = Finding::new(code, Some(p.place(line)), detail);
        self.out.push(f.at_precinct(p.district, &PrecinctId(p.precinct.to_string())));
    }

    /// Whether every line a relation needs (with the parts of whole lines) was read, and the votes if it sums them.
    fn readable(&self, lines: &[Line], uses_votes: bool) -> bool {
        let p = self.p;
        !(uses_votes && p.votes_incomplete)
            && lines.iter().all(|l| !p.unreadable(l) && l.parts().iter().all(|q| !p.unreadable(q)))
    }

    /// Against all (0 when not given) and the votes for the candidates, and which of them were given.
    fn votes(&self) -> (u128, VotesSum) {
        let p = self.p;
        let against = p.line(Line::AgainstAll).map(n).unwrap_or(0);
        let votes = p.votes.iter().map(|c| n(c.0)).sum::<u128>() + against;
        (votes, VotesSum { against_all: p.line(Line::AgainstAll).is_some(), invalid: false })
    }

    /// Parts that are given add up to a whole that is also given.
    fn parts_add_up(&mut self) {
        let p = self.p;
        for whole in [Line::BallotsIssued, Line::BallotsInBox] {
            let given = || whole.parts().iter().filter_map(|l| p.line(*l).map(|v| (*l, v)));
            if let (Some(w), Some(_), true) = (p.line(whole), given().next(), self.readable(&[whole], false)) {
                let sum: u128 = given().map(|(_, v)| n(v)).sum();
                let all = given().count() == whole.parts().len();
                if (all && sum != n(w)) || (!all && sum > n(w)) {
                    let parts = given().map(|(l, _)| l).collect();
                    self.push(Code::PartsBalance, whole, Detail::PartsBalance { whole, value: w, parts, sum, all });
                }
            }
        }
    }

    /// The checks of Kazakh law: a portable box holding more ballots than there were written requests to vote
    /// outside the premises has all its ballots declared invalid, and an act is drawn up (Art. 43 p.3-1); ballots
    /// are printed for the voters on the list with a reserve of up to 1% (Art. 37 p.3).
    fn under_kazakh_law(&mut self) {
        use Line::*;
        let p = self.p;
        if let (Some(b), Some(r), true) = (
            p.line(BallotsInPortableBoxes),
            p.line(OutsideRequests),
            self.readable(&[BallotsInPortableBoxes, OutsideRequests], false),
        ) && b > r
        {
            let detail = Detail::PortableOverRequests { ballots: b, requests: r };
            self.push(Code::PortableOverRequests, BallotsInPortableBoxes, detail);
        }
        if let (Some(r), Some(v), true) =
            (p.line(BallotsReceived), self.voters, self.readable(&[BallotsReceived, VotersOnList], false))
            && n(r) > n(v) + n(v).div_ceil(100)
        {
            let detail = Detail::ReceivedOverReserve { received: r, voters: v, reserve: n(v) + n(v).div_ceil(100) };
            self.push(Code::ReceivedOverReserve, BallotsReceived, detail);
        }
    }

    /// The ballots: issued within the list; received = issued + cancelled + lost − unaccounted; in the box =
    /// invalid + valid.
    fn ballots_balance(&mut self) {
        use Line::*;
        let p = self.p;
        let issued = p.whole(BallotsIssued);
        if let (Some(i), Some(v), true) = (issued, self.voters, self.readable(&[BallotsIssued, VotersOnList], false))
            && i > v
        {
            let from_roster = p.line(VotersOnList).is_none();
            self.push(
                Code::IssuedOverList,
                BallotsIssued,
                Detail::IssuedOverList { issued: i, voters: v, from_roster },
            );
        }

        let received_lines = [BallotsReceived, BallotsIssued, BallotsCancelled, BallotsLost, BallotsUnaccounted];
        if let (Some(r), Some(i), Some(c), true) =
            (p.line(BallotsReceived), issued, p.line(BallotsCancelled), self.readable(&received_lines, false))
        {
            let lost = p.line(BallotsLost).map(n).unwrap_or(0);
            let unacc = p.line(BallotsUnaccounted).map(n).unwrap_or(0);
            let rhs = (n(i) + n(c) + lost) as i128 - unacc as i128;
            if n(r) as i128 != rhs {
                let detail = Detail::ReceivedBalance {
                    received: r,
                    issued: i,
                    cancelled: c,
                    lost,
                    unaccounted: unacc,
                    sum: rhs,
                };
                self.push(Code::ReceivedBalance, BallotsReceived, detail);
            }
        }

        if let (Some(b), Some(inv), Some(val), true) = (
            p.whole(BallotsInBox),
            p.line(BallotsInvalid),
            p.line(BallotsValid),
            self.readable(&[BallotsInBox, BallotsInvalid, BallotsValid], false),
        ) && n(b) != n(inv) + n(val)
        {
            let detail = Detail::BoxBalance { in_box: b, invalid: inv, valid: val, sum: n(inv) + n(val) };
            self.push(Code::BoxBalance, BallotsInBox, detail);
        }
    }

    /// The votes: valid = against all + votes for the candidates (or, without a valid line, in the box = those
    /// and the invalid ballots); the ballots in the box (or, without that line, the votes and invalid ballots)
    /// against the ballots issued.
    fn votes_balance(&mut self) {
        use Line::*;
        let p = self.p;
        let (votes, summed) = self.votes();
        let (in_box, invalid) = (p.whole(BallotsInBox), p.line(BallotsInvalid));
        if let Some(val) = p.line(BallotsValid) {
            if self.readable(&[BallotsValid, AgainstAll], true) && n(val) != votes {
                self.push(
                    Code::ValidBalance,
                    BallotsValid,
                    Detail::ValidBalance { valid: val, votes: summed, sum: votes },
                );
            }
        } else if !p.unreadable(&BallotsValid)
            && let (Some(b), Some(inv), true) =
                (in_box, invalid, self.readable(&[BallotsInBox, BallotsInvalid, AgainstAll], true))
            && n(b) != n(inv) + votes
        {
            let detail = Detail::BoxVotesBalance { in_box: b, invalid: inv, votes: summed, sum: n(inv) + votes };
            self.push(Code::BoxVotesBalance, BallotsInBox, detail);
        }

        let Some(i) = p.whole(BallotsIssued).filter(|_| self.readable(&[BallotsIssued], false)) else { return };
        if let Some(b) = in_box {
            if !self.readable(&[BallotsInBox], false) {
            } else if b > i {
                self.push(Code::BoxOverIssued, BallotsInBox, Detail::BoxAgainstIssued { in_box: b, issued: i });
            } else if b < i {
                self.push(Code::BoxUnderIssued, BallotsInBox, Detail::BoxAgainstIssued { in_box: b, issued: i });
            }
        } else if self.readable(&[BallotsInBox, BallotsInvalid, AgainstAll], true) {
            let used = votes + invalid.map(n).unwrap_or(0);
            let detail = Detail::VotesAgainstIssued {
                votes: VotesSum { invalid: invalid.is_some(), ..summed },
                sum: used,
                issued: i,
            };
            if used > n(i) {
                self.push(Code::VotesOverIssued, BallotsIssued, detail);
            } else if used < n(i) {
                self.push(Code::VotesUnderIssued, BallotsIssued, detail);
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
            file_lines: None,
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
