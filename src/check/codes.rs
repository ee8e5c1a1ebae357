//! The catalogue of check codes: each code, its severity and its title. Families: `E1xx` files and structure,
//! `E2xx` numbers, `E3xx` roster and matching, `E4xx` protocol arithmetic; `W…` warnings of the same families.

use std::fmt;

use serde::{Deserialize, Serialize};

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
    RosterCandidateLikeALine = "E317", Error, "roster: a candidate is named like a protocol line or a column of the returns (e.g. «Против всех»), or a precinct like a totals row («Итого»)";
    RosterTwinIds = "E318", Error, "roster: two precinct (or district) ids look the same but differ by a character that shows nothing or a look-alike letter";
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
