//! The catalogue of check codes, the findings they produce, and the control relations of a precinct protocol.
//!
//! A code keeps its meaning forever; a retired code is never reused. The table in docs/checks.md is checked against
//! [`Code::ALL`] by a test, so the two cannot drift apart.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::{Count, DistrictId, Line, Location, Origin, PrecinctId, whole_of};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks a result: the races it touches are `invalid`.
    Error,
    /// Worth a look; never changes a result.
    Warning,
}

macro_rules! codes {
    ($( $variant:ident = $code:literal, $sev:ident, $title:literal; )*) => {
        /// A check code. Families: `E1xx` files and structure, `E2xx` numbers, `E3xx` roster and matching,
        /// `E4xx` protocol arithmetic; `W…` warnings of the same families.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( #[doc = $title] $variant, )* }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The published code, e.g. `E401`.
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }

            /// Its severity.
            pub fn severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$sev, )* }
            }

            /// One line saying what it means (the table in docs/checks.md).
            pub fn title(self) -> &'static str {
                match self { $( Code::$variant => $title, )* }
            }
        }
    };
}

codes! {
    FileUnreadable = "E101", Error, "the file cannot be read";
    NotText = "E102", Error, "the file is neither a workbook nor text in a supported encoding (UTF-8, UTF-16, Windows-1251, KOI8-R)";
    EmptyFile = "E103", Error, "the file is empty or has no header line";
    NoDelimiter = "E104", Error, "no delimiter (`,` `;` or tab) can be recognised in the header line";
    MalformedCsv = "E105", Error, "the file is not well-formed CSV (e.g. an unbalanced quote)";
    MissingColumn = "E106", Error, "a required column is missing (`precinct_id`; `item` and `value` of a long file; roster columns)";
    UnknownColumn = "E107", Error, "a header matches no protocol line and no registered candidate";
    DuplicateColumn = "E108", Error, "two columns of the header mean the same thing";
    RaggedRow = "E109", Error, "a row has a different number of fields from the header";
    BlankId = "E110", Error, "a row has no precinct id (or no item in a long file)";
    FieldTooLarge = "E111", Error, "a field is larger than any cell of a protocol can be (limit: 65,536 bytes)";
    TooManyColumns = "E112", Error, "a row has more columns than any returns sheet can have (limit: 4,096)";
    NoRows = "E114", Error, "a returns file has a header but no rows of figures";
    FiguresAboveHeader = "E115", Error, "a row above the header gives a roster precinct's figures (it is not a title)";
    TooManyProblems = "E113", Error, "a file has so many errors that the rest are not listed (limit: 10,000 a file); they still block their races";
    NotWholeNumber = "E201", Error, "a count is not a whole number (`1.5`, `2e3`, `abc`)";
    NegativeNumber = "E202", Error, "a count is negative";
    NumberTooLarge = "E203", Error, "a count is too large to be a count of votes";
    SumOverflow = "E204", Error, "a total does not fit in a count";
    WordsUnreadable = "E205", Error, "a figure in words («прописью», «жазбаша») cannot be read as a number";
    WordsDisagree = "E206", Error, "a figure disagrees with the same figure written in words";
    UnknownPrecinct = "E301", Error, "the precinct is not in the roster";
    WrongDistrict = "E302", Error, "the precinct is reported under a district other than its own";
    UnregisteredCandidate = "E303", Error, "votes for a candidate not registered in the precinct's district";
    ConflictingCopies = "E304", Error, "the precinct is reported more than once with different figures";
    UnknownDistrict = "E305", Error, "the district id is not in the roster";
    MissingVotes = "E306", Error, "no votes are given for a registered candidate of the district";
    MissingLine = "E307", Error, "a protocol lacks a line the rule set requires (kz-rural-akim: issued, took part, invalid, against all)";
    ZeroProtocol = "E308", Error, "a protocol of zeros with no ballots issued: not a protocol (leave a precinct not yet received blank)";
    RosterDuplicatePrecinct = "E310", Error, "roster: a precinct id (or a district id of districts.csv) appears twice";
    RosterUnknownDistrict = "E311", Error, "roster: the precinct or candidate is in a district that is not in the roster";
    RosterNoCandidates = "E312", Error, "roster: a district has no registered candidates";
    RosterDuplicateCandidate = "E313", Error, "roster: a candidate id or name appears twice in one district";
    RosterDistrictName = "E314", Error, "roster: one district id has two different names";
    RosterBlankField = "E315", Error, "roster: a required field is blank";
    RosterNoPrecincts = "E316", Error, "roster: a district has no precincts";
    RosterCandidateLikeALine = "E317", Error, "roster: a candidate is named like a protocol line or a column of the returns (e.g. «Против всех»)";
    IssuedOverList = "E401", Error, "more ballots issued than voters on the list (turnout above 100%)";
    ReceivedBalance = "E402", Error, "ballots received ≠ issued + cancelled + lost − unaccounted";
    BoxBalance = "E403", Error, "ballots in the box ≠ invalid + valid";
    ValidBalance = "E404", Error, "valid ballots ≠ against all + votes for the candidates";
    BoxVotesBalance = "E405", Error, "ballots in the box ≠ invalid + against all + votes (protocol without a valid line)";
    BoxOverIssued = "E406", Error, "more ballots in the box than were issued";
    VotesOverIssued = "E407", Error, "more votes than ballots issued (protocol without an in-box line)";
    PartsBalance = "E408", Error, "the part-lines do not add up to their whole";
    PortableOverRequests = "E409", Error, "more ballots in the portable boxes than written requests to vote outside the premises (Art. 43 p.3-1)";
    TitleRows = "W101", Warning, "rows above the header were read past as a title";
    TotalsDisagree = "W103", Warning, "a totals row («Итого», «Барлығы», \"Total\") disagrees with the rows above it";
    DamagedLetters = "W102", Warning, "a legacy export (Windows-1251, KOI8-R) destroyed letters: `?` or `_` inside Cyrillic words";
    TooManyWarnings = "W104", Warning, "a file has so many warnings that the rest are not listed (limit: 10,000 a file)";
    DuplicateCopy = "W301", Warning, "the precinct is reported twice in identical copies; counted once";
    OtherDistrictZero = "W302", Warning, "a zero for a candidate of another district; ignored";
    RosterMixedScript = "W311", Warning, "roster: a candidate name mixes Latin and Cyrillic letters";
    RosterLookalikes = "W312", Warning, "roster: two candidates of a district differ only by look-alike letters or spaces";
    RosterFewCandidates = "W313", Warning, "roster: a district has fewer than two registered candidates (Art. 113-7: the election is put off)";
    RosterBlankNomination = "W314", Warning, "roster: a candidate's nominated_by is blank";
    BoxUnderIssued = "W406", Warning, "fewer ballots in the box than were issued";
    VotesUnderIssued = "W407", Warning, "fewer votes than ballots issued (protocol without an in-box line)";
    ReceivedOverReserve = "W408", Warning, "more ballots received than voters on the list plus the 1% reserve (Art. 37 p.3)";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Which races an error blocks.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// These districts' races.
    Districts(Vec<DistrictId>),
    /// Every race that a precinct of this file was counted in (a broken header, an unreadable row).
    File,
    /// Every race: the finding cannot be pinned to one (e.g. a precinct that no roster district has).
    All,
}

/// One problem found in the inputs.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Finding {
    /// Where; `None` for problems of the run as a whole.
    pub location: Option<Location>,
    /// The check that found it.
    pub code: Code,
    /// What is wrong, what was found, and what was expected.
    pub message: String,
    /// The district it concerns, when there is one.
    pub district: Option<DistrictId>,
    /// The precinct it concerns, when there is one.
    pub precinct: Option<PrecinctId>,
    /// The races it blocks, if it is an error.
    pub scope: Scope,
}

impl Finding {
    /// A finding at a place, with no district or precinct yet.
    pub fn new(code: Code, location: Option<Location>, message: impl Into<String>) -> Self {
        Finding { location, code, message: message.into(), district: None, precinct: None, scope: Scope::File }
    }

    /// Names the precinct and its district; the error blocks that district's race.
    pub fn at_precinct(mut self, district: &DistrictId, precinct: &PrecinctId) -> Self {
        self.district = Some(district.clone());
        self.precinct = Some(precinct.clone());
        self.scope = Scope::Districts(vec![district.clone()]);
        self
    }

    /// Also blocks another district's race.
    pub fn also_blocks(mut self, district: &DistrictId) -> Self {
        if let Scope::Districts(ds) = &mut self.scope {
            if !ds.contains(district) {
                ds.push(district.clone());
                ds.sort();
            }
        } else {
            self.scope = Scope::Districts(vec![district.clone()]);
        }
        self
    }

    /// Sets the scope.
    pub fn scoped(mut self, scope: Scope) -> Self {
        self.scope = scope;
        self
    }

    /// Its severity.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// Whether it is an error.
    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }
}

/// Sorts findings (by file, line, column, code, message) and drops exact duplicates.
pub fn sort_findings(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        let ka = (a.location.as_ref(), a.code, &a.message, &a.district, &a.precinct);
        let kb = (b.location.as_ref(), b.code, &b.message, &b.district, &b.precinct);
        ka.cmp(&kb).then_with(|| a.scope.cmp(&b.scope))
    });
    findings.dedup_by(|a, b| a.location == b.location && a.code == b.code && a.message == b.message);
}

/// Where a value was read, compactly: the file (by its number in the run, see [`Protocol::origins`]), the line
/// and the column (0: the whole row).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// The file's number.
    pub file: u32,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (0: the whole row).
    pub column: u32,
}

impl Place {
    /// This place as a location, given the files of the run by number.
    pub fn locate(self, origins: &[Origin]) -> Location {
        match origins.get(self.file as usize) {
            Some(o) => o.at(self.line, self.column),
            None => Location { file: "?".into(), sheet: None, line: self.line, column: self.column },
        }
    }
}

/// One precinct's protocol as read: the lines it has and the votes for the candidates of its district.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Protocol<'a> {
    /// The precinct.
    pub precinct: &'a str,
    /// Its district (from the roster).
    pub district: &'a DistrictId,
    /// The files of the run, by number.
    pub origins: &'a [Origin],
    /// Where the protocol begins (its first row).
    pub at: Place,
    /// Protocol lines that were given, by [`Line`] order.
    pub lines: &'a [Option<(Count, Place)>; Line::ALL.len()],
    /// Votes given for candidates of the district (in no particular order).
    pub votes: &'a [(Count, Place)],
    /// Lines whose cell was given but could not be read (already reported), by [`Line`] order.
    pub unreadable: &'a [bool; Line::ALL.len()],
    /// Whether a candidate's votes are missing or unreadable (already reported), so that no sum of votes is known.
    pub votes_incomplete: bool,
}

impl Protocol<'_> {
    /// A line's value as given.
    pub fn line(&self, line: Line) -> Option<Count> {
        self.lines[line as usize].map(|c| c.0)
    }

    /// A whole line: given, or the sum of its parts when the whole is not given and some part is.
    pub fn whole(&self, line: Line) -> Option<Count> {
        whole_of(line, |l| self.line(l))
    }

    /// A place as a location.
    pub fn location(&self, at: Place) -> Location {
        at.locate(self.origins)
    }

    /// Where a line was read: its cell, or the first of its parts' cells, or the protocol's first row.
    fn place(&self, line: Line) -> Location {
        let at =
            std::iter::once(&line).chain(line.parts()).find_map(|l| self.lines[*l as usize]).map_or(self.at, |c| c.1);
        self.location(at)
    }

    fn unreadable(&self, line: &Line) -> bool {
        self.unreadable[*line as usize]
    }
}

/// What a rule set asks of every protocol, beyond the candidates' votes: the lines it must give, and whether the
/// checks of Kazakh law run (portable boxes, the ballots' reserve).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Requirements {
    /// Lines every protocol must give (a whole line may be given by its parts).
    pub lines: Vec<Line>,
    /// Whether the checks of Kazakh law run.
    pub kazakh: bool,
}

/// The roster's warnings under Kazakh law: a district with fewer than two registered candidates (Art. 113-7).
pub fn roster_under_law(districts: impl Iterator<Item = (DistrictId, usize, Option<Location>)>) -> Vec<Finding> {
    districts
        .filter(|(_, n, _)| *n < 2)
        .map(|(d, n, at)| {
            let mut f = Finding::new(
                Code::RosterFewCandidates,
                at,
                format!(
                    "district {d} has {n} registered candidate{}: with fewer than two, the territorial commission \
                     puts the election off by up to 15 days (Art. 113-7); check the roster",
                    if n == 1 { "" } else { "s" }
                ),
            )
            .scoped(Scope::Districts(Vec::new()));
            f.district = Some(d);
            f
        })
        .collect()
}

/// The lines a rule set requires that a protocol lacks (a cell that could not be read is reported already), and a
/// protocol of zeros with no ballots issued.
pub fn required_lines(p: &Protocol, required: &Requirements, out: &mut Vec<Finding>) {
    let mut push = |code: Code, at: Location, message: String| {
        out.push(Finding::new(code, Some(at), message).at_precinct(p.district, &PrecinctId(p.precinct.to_string())));
    };
    for &l in &required.lines {
        if p.whole(l).is_none() && !p.unreadable(&l) && !l.parts().iter().any(|q| p.unreadable(q)) {
            push(
                Code::MissingLine,
                p.location(p.at),
                format!(
                    "precinct {}'s protocol gives no figure for {}, which every protocol must give; write it (0 if none)",
                    p.precinct,
                    l.key()
                ),
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
        push(
            Code::ZeroProtocol,
            p.location(p.at),
            format!(
                "precinct {}'s protocol is all zeros, with no ballots issued: if its protocol has not come in yet, \
                 leave the row blank; otherwise type its figures",
                p.precinct
            ),
        );
    }
}

/// Runs the control relations of a precinct protocol (docs/checks.md) on one protocol. `roster_voters` is the roster's figure, used when the
/// protocol has no `voters_on_list` line. A relation is checked only when every line it needs was read: where a
/// cell could not be read, that problem is already reported, and a relation over a guess would only add noise.
pub fn control_relations(p: &Protocol, roster_voters: Option<Count>, kazakh: bool, out: &mut Vec<Finding>) {
    // Most protocols balance: the precinct's id is copied only for a finding.
    let mut push = |code: Code, at: Location, message: String| {
        out.push(Finding::new(code, Some(at), message).at_precinct(p.district, &PrecinctId(p.precinct.to_string())));
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
                let names: Vec<&str> = given().map(|(l, _)| l.key()).collect();
                push(
                    Code::PartsBalance,
                    p.place(whole),
                    format!(
                        "{} is {} but its parts ({}) add up to {}{}",
                        whole.key(),
                        w,
                        names.join(" + "),
                        sum,
                        if all { "" } else { ", more than the whole" }
                    ),
                );
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
    let votes_words = if p.line(AgainstAll).is_some() {
        "against all + votes for the candidates"
    } else {
        "votes for the candidates"
    };

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
            format!(
                "{b} ballots in the portable boxes but only {r} written requests to vote outside the premises: the \
                 law declares all the ballots of that box invalid and an act is drawn up (Art. 43 p.3-1); check the \
                 protocol and the act"
            ),
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
            format!(
                "{r} ballots received for {v} voters on the list: more than the list and its 1% reserve ({}); check \
                 the figure",
                n(v) + n(v).div_ceil(100)
            ),
        );
    }

    if let (Some(i), Some(v), true) = (issued, voters, readable(&[BallotsIssued, VotersOnList], false))
        && i > v
    {
        let src = if p.line(VotersOnList).is_some() { "" } else { " (roster)" };
        push(
            Code::IssuedOverList,
            p.place(BallotsIssued),
            format!("{i} ballots issued but {v} voters on the list{src}: turnout above 100%"),
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
                format!(
                    "{r} ballots received, but issued {i} + cancelled {c} + lost {lost} − unaccounted {unacc} = {rhs}"
                ),
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
            format!("{b} ballots in the box, but invalid {inv} + valid {val} = {}", n(inv) + n(val)),
        );
    }

    if let Some(val) = valid {
        if readable(&[BallotsValid, AgainstAll], true) && n(val) != votes {
            push(
                Code::ValidBalance,
                p.place(BallotsValid),
                format!("{val} valid ballots, but {votes_words} = {votes}"),
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
            format!("{b} ballots in the box, but invalid {inv} + {votes_words} = {}", n(inv) + votes),
        );
    }

    if let Some(i) = issued.filter(|_| readable(&[BallotsIssued], false)) {
        if let Some(b) = in_box {
            if !readable(&[BallotsInBox], false) {
            } else if b > i {
                push(Code::BoxOverIssued, p.place(BallotsInBox), format!("{b} ballots in the box but only {i} issued"));
            } else if b < i {
                push(Code::BoxUnderIssued, p.place(BallotsInBox), format!("{b} ballots in the box, {i} issued"));
            }
        } else if readable(&[BallotsInBox, BallotsInvalid, AgainstAll], true) {
            let used = votes + invalid.map(n).unwrap_or(0);
            // Worded only when a message needs it.
            let words = || if invalid.is_some() { format!("invalid + {votes_words}") } else { votes_words.to_string() };
            if used > n(i) {
                push(
                    Code::VotesOverIssued,
                    p.place(BallotsIssued),
                    format!("{} = {used}, more than the {i} ballots issued", words()),
                );
            } else if used < n(i) {
                push(
                    Code::VotesUnderIssued,
                    p.place(BallotsIssued),
                    format!("{} = {used}, fewer than the {i} ballots issued", words()),
                );
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

    #[test]
    fn sorting_drops_only_exact_duplicates() {
        let f = |line, code, message: &str| {
            Finding::new(code, Some(Location::new(&Arc::from("r.csv"), line, 1)), message.to_string())
        };
        let mut findings = vec![
            f(3, Code::ReceivedBalance, "x"),
            f(2, Code::ReceivedBalance, "x"),
            f(2, Code::ReceivedBalance, "x"),
            f(2, Code::PartsBalance, "x"),
            f(2, Code::ReceivedBalance, "y"),
        ];
        sort_findings(&mut findings);
        let kept: Vec<(u32, Code, &str)> =
            findings.iter().map(|f| (f.location.as_ref().unwrap().line, f.code, f.message.as_str())).collect();
        assert_eq!(
            kept,
            vec![
                (2, Code::ReceivedBalance, "x"),
                (2, Code::ReceivedBalance, "y"),
                (2, Code::PartsBalance, "x"),
                (3, Code::ReceivedBalance, "x"),
            ]
        );
    }
}
