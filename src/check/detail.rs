//! What a finding says, as values: the cells, figures, ids and suggestions behind it. The words are rendered at
//! the edge, in the user's language, from the finding's code and these values (`report::text`).
//!
//! Texts copied from a file (a cell, a header, a name) are kept shortened as they are shown, so that ten thousand
//! findings over 64 KiB cells stay small.

use crate::model::unseen::Unseen;
use crate::model::{Count, Line, Location};

/// Why bytes could not be read as text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NotText {
    /// Bytes that are not valid in the encoding given or recognised.
    Invalid {
        /// The encoding tried.
        encoding: &'static str,
        /// 0-based byte offset of the first bad byte.
        offset: u64,
        /// 1-based line of the first bad byte.
        line: u64,
        /// Whether the rest of the file is UTF-8 and one stray byte is not.
        stray_byte: bool,
    },
    /// A NUL character: binary data, not a text table (`at`: its byte, when known).
    NulCharacter {
        /// Its byte offset.
        at: Option<u64>,
    },
    /// A NUL byte where the encoding is sniffed: binary data.
    NulByte {
        /// Its byte offset.
        at: u64,
    },
    /// Text in an encoding akim-tally does not read without being told: the best guess.
    Unsupported {
        /// The best guess.
        guess: &'static str,
    },
}

/// Why a file could not be read, as the system said it: what kind of failure, and its own words (shown after a
/// plain explanation only when the kind is not one of the common ones).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IoTrouble {
    /// The kind.
    pub kind: IoKind,
    /// The system's message.
    pub text: String,
}

/// The kinds of failure a person can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IoKind {
    /// No such file.
    NotFound,
    /// No permission to read it.
    NoPermission,
    /// Another program holds it (Excel keeps a workbook it has open locked on Windows).
    InUse,
    /// Not a regular file: a folder, a pipe or a device.
    NotAFile,
    /// Anything else.
    Other,
}

impl IoTrouble {
    /// The trouble of a system error.
    pub fn of(e: &std::io::Error) -> IoTrouble {
        use std::io::ErrorKind as K;
        let kind = match e.kind() {
            K::NotFound => IoKind::NotFound,
            K::PermissionDenied => IoKind::NoPermission,
            K::ResourceBusy | K::WouldBlock => IoKind::InUse,
            K::IsADirectory | K::InvalidInput => IoKind::NotAFile,
            // ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION: a file another program has open.
            _ if matches!(e.raw_os_error(), Some(32 | 33)) && cfg!(windows) => IoKind::InUse,
            _ => IoKind::Other,
        };
        IoTrouble { kind, text: e.to_string() }
    }
}

/// Why a workbook could not be read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WorkbookTrouble {
    /// An .xls whose chain of sectors loops back (at this sector).
    SectorLoop(u32),
    /// An .xlsx whose shared strings declare more entries than its bytes could hold.
    SharedStrings {
        /// The count declared.
        declared: u64,
        /// The bytes of the part.
        bytes: u64,
    },
    /// A workbook whose sheets span, from their first to their last cell, a far larger table than a sheet of
    /// returns and than its bytes hold: a cell far from the rest, or rows and columns repeated (an .ods).
    TooManyCells {
        /// The cells its sheets span with something in them (rows × columns, summed over sheets).
        cells: u64,
        /// The most it may span.
        limit: u64,
    },
    /// An .ods whose content ends inside a sheet.
    SheetNotClosed,
    /// The workbook reader failed on it (it panicked).
    ReaderFailed,
    /// A workbook protected by a password (its contents are encrypted).
    Encrypted,
    /// A zip workbook cut short (its directory is missing): an incomplete copy or download.
    CutShort,
    /// The workbook cannot be opened: the reader's reason.
    CannotOpen(String),
    /// No sheet of that name.
    NoSuchSheet {
        /// The sheet asked for.
        wanted: String,
        /// The sheets it has.
        sheets: Vec<String>,
    },
    /// No visible worksheet.
    NoVisibleSheet,
    /// A sheet cannot be read: the reader's reason.
    CannotReadSheet {
        /// The sheet.
        sheet: String,
        /// The reader's reason.
        reason: String,
    },
    /// A cell beyond any returns sheet's columns.
    FarColumn {
        /// 1-based row.
        row: u64,
        /// 1-based column.
        column: u64,
        /// The most columns a sheet may use.
        limit: u64,
    },
}

/// Why a cell is not a count.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BadNumber {
    /// Digits beyond the largest count.
    TooLarge(String),
    /// A minus sign.
    Negative(String),
    /// One comma before three digits: thousands or decimals cannot be told apart.
    Ambiguous(String),
    /// A decimal part after a comma (`4,0`, `12,5`): a count is whole; `whole` is what stands before the comma.
    DecimalPart {
        /// The cell.
        text: String,
        /// Its whole part.
        whole: String,
    },
    /// A formula with no calculated value (shortened).
    Formula(String),
    /// Anything else (shortened).
    NotWhole(String),
}

impl BadNumber {
    /// Its check code: `E203`, `E202` or `E201`.
    pub fn code(&self) -> super::Code {
        match self {
            BadNumber::TooLarge(_) => super::Code::NumberTooLarge,
            BadNumber::Negative(_) => super::Code::NegativeNumber,
            BadNumber::Ambiguous(_)
            | BadNumber::DecimalPart { .. }
            | BadNumber::Formula(_)
            | BadNumber::NotWhole(_) => super::Code::NotWholeNumber,
        }
    }
}

/// What a figure is the figure of, as the messages name it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Named {
    /// A protocol line.
    Line(Line),
    /// The votes for a candidate: their id and name.
    VotesFor {
        /// The candidate's id.
        id: String,
        /// The candidate's name.
        name: String,
    },
}

/// Why a name does not match: its letters were destroyed by a legacy export, or it mixes scripts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LabelTrouble {
    /// Nothing wrong with the letters.
    None,
    /// `?` or `_` inside a Cyrillic word: never matched.
    Destroyed,
    /// Latin and Cyrillic letters in one name.
    MixedScripts,
}

/// A known column nearest to an unknown header: a protocol line's key (with the name that came close, when it
/// is not the key), or a candidate's id or name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ColumnSuggestion {
    /// The key or the candidate.
    pub key: String,
    /// The line's name that came close, when the key is suggested for it.
    pub near: Option<String>,
}

/// Two copies of a precinct's protocol disagree on an item.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CopyDifference {
    /// The item.
    pub item: Named,
    /// The first copy's figure (`None`: blank) and where.
    pub first: (Option<Count>, Location),
    /// The other copy's.
    pub other: (Option<Count>, Location),
}

/// Which lines a sum of the votes takes in: `against all` (when the protocol gives it) and `invalid` (for the
/// relations that add it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VotesSum {
    /// Whether `against all` is added.
    pub against_all: bool,
    /// Whether `invalid` is added.
    pub invalid: bool,
}

/// The values of a finding. Each variant belongs to one code or to a few codes that say the same of other
/// figures; the code is kept beside it in the [`Finding`](super::Finding).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)] // The fields are named for the values they hold; each variant's doc says what it reports.
pub enum Detail {
    // Files (E1xx, W1xx).
    /// The file cannot be read: why.
    CannotRead { trouble: IoTrouble },
    /// A thread to read the file could not be started.
    NoThread { reason: String },
    /// The bytes are not text.
    NotText(NotText),
    /// A workbook could not be read: why, and the kind of workbook its content shows.
    WorkbookUnreadable { trouble: WorkbookTrouble, kind: &'static str },
    /// A line longer than any protocol's row.
    LineTooLong { mib: u64 },
    /// A roster file with more text than any roster holds (a roster is kept with 32-bit places in its text).
    RosterTooLarge { mib: u64, limit_mib: u64 },
    /// Only blank rows.
    OnlyBlankRows,
    /// Nothing at all.
    Empty,
    /// No delimiter in the header line.
    NoDelimiter,
    /// Two delimiters as frequent as each other.
    DelimitersTie { first: char, second: char },
    /// A row wider than any sheet.
    TooManyColumns { columns: u64, limit: u64 },
    /// A field larger than any cell.
    FieldTooLarge { bytes: u64, limit: u64 },
    /// A quote left open.
    QuoteLeftOpen,
    /// A quote left open on the line after one that left a quote open: a cell in quotes holding a line break.
    LineBreakInCell { opened_at: u32 },
    /// Rows read past as a title above the header: each row's line and its first text.
    TitleRows { header_line: u32, rows: Vec<(u32, String)> },
    /// A cell (and others) with letters destroyed by a legacy export.
    DamagedLetters { cell: String, others: u64, encoding: String },
    /// A header but no rows.
    NoRows,
    /// A column of words with no column of its figure.
    WordsWithoutFigure { header: String },
    /// Two columns that mean the same.
    DuplicateColumn { header: String, first_column: u64, first_header: String },
    /// A column a long file has no place for.
    NoPlaceInLong { header: String },
    /// A header that is neither a line nor a candidate.
    UnknownColumn { header: String, trouble: LabelTrouble, suggestion: Option<ColumnSuggestion> },
    /// No column of precinct ids; the header as read.
    NoPrecinctColumn { header: String },
    /// A long file with an item column but no value column, or the other way round.
    LongLacks { lacks_item: bool },
    /// A figure in a column with no header.
    CellWithoutHeader { cell: String },
    /// A row with a different number of fields from the header.
    RaggedRow { fields: u64, width: u64 },
    /// A blank precinct id.
    BlankPrecinct,
    /// A blank item in a long file.
    BlankItem,
    /// A row above the header with a precinct's figures.
    FiguresAboveHeader { header_line: u32, precinct: String },
    /// A totals row that disagrees with the rows above it.
    TotalsDisagree { label: String, said: Count, what: String, sum: u128 },
    /// Too many findings in a file: how many are listed and how many more are not.
    TooMany { listed: u64, more: u64 },

    // Numbers (E2xx).
    /// A figure that is not a count.
    BadFigure { what: Named, number: BadNumber },
    /// A figure in words that cannot be read.
    WordsUnreadable { words: String, figure: Count },
    /// A figure that disagrees with its words.
    WordsDisagree { figure: Count, words: String, in_words: u64, column: u64 },
    /// A district's total too large to count.
    SumOverflow { district: String },

    // Roster and matching (E3xx, W3xx).
    /// A precinct not in the roster, with the nearest id, and whether the file is long.
    UnknownPrecinct {
        precinct: String,
        suggestion: Option<String>,
        /// How the id given differs from the suggestion when they look the same.
        unseen: Option<Unseen>,
        long: bool,
    },
    /// A precinct reported under another district.
    WrongDistrict { precinct: String, claimed: String, district: String },
    /// A district id the roster does not have; `unseen`: what tells it from the precinct's own district's id when
    /// the two look the same; `zeros_dropped`: it is that id without its leading zeros (as a spreadsheet drops them
    /// from a number).
    UnknownDistrict { claimed: String, precinct: String, district: String, unseen: Option<Unseen>, zeros_dropped: bool },
    /// Votes in a wide file for someone who is not a candidate of the precinct's district.
    UnregisteredCandidate {
        label: String,
        cell: String,
        district: String,
        precinct: String,
        suggestion: Option<String>,
    },
    /// An item of a long file that is neither a line nor a candidate of the district.
    UnknownItem { item: String, trouble: LabelTrouble, district: String, suggestion: Option<String> },
    /// A zero for a candidate of another district.
    OtherDistrictZero { label: String, district: String, precinct: String },
    /// Copies of a protocol with different figures.
    ConflictingCopies { precinct: String, differences: Vec<CopyDifference> },
    /// An identical copy.
    DuplicateCopy { precinct: String, first_at: Location },
    /// No votes given for a registered candidate.
    MissingVotes { precinct: String, candidate_id: String, candidate_name: String },
    /// A line the rule set requires is missing.
    MissingLine { precinct: String, line: Line, no_column: bool },
    /// A protocol of zeros with no ballots issued.
    ZeroProtocol { precinct: String },
    /// Roster columns missing.
    MissingColumns { missing: Vec<String>, required: Vec<String> },
    /// A required roster field is blank.
    BlankField { field: String },
    /// A candidate's nominated_by is blank.
    BlankNomination,
    /// A district listed twice in districts.csv.
    DistrictTwice { district: String, line: u32 },
    /// A precinct listed twice.
    PrecinctTwice { precinct: String, first_line: u32 },
    /// A precinct in a district that districts.csv does not list.
    PrecinctInUnlistedDistrict { precinct: String, district: String },
    /// A candidate in a district with no precincts.
    CandidateInUnlistedDistrict { candidate: String, district: String },
    /// One district id with two names.
    DistrictNamedTwice { district: String, here: String, there: String, file: String, line: u32 },
    /// A district with no candidates.
    DistrictWithoutCandidates { district: String, name: String, file: String },
    /// A district with no precincts.
    DistrictWithoutPrecincts { district: String, name: String, file: String },
    /// A candidate named like a protocol line.
    CandidateLikeALine { name: String },
    /// A precinct whose id is a totals word («Итого»): a totals row of the returns would be taken for its protocol.
    PrecinctLikeATotal { precinct: String },
    /// Two ids of the roster (precincts, or districts) that look the same and are not.
    TwinIds { district: bool, id: String, other: String, other_line: u32, unseen: Unseen },
    /// A candidate's id (or name) the same as another's of the district, once normalised.
    CandidateTwice { by_name: bool, said: String, district: String, line: u32 },
    /// A candidate's name mixes scripts.
    MixedScript { name: String, district: String },
    /// Two candidates whose names differ only by look-alike letters.
    Lookalikes { first: (String, String), second: (String, String), district: String },
    /// A district with fewer than two candidates.
    FewCandidates { district: String, candidates: u64 },

    // Protocol arithmetic (E4xx, W4xx).
    /// Parts that do not add up to their whole (`all`: every part given).
    PartsBalance { whole: Line, value: Count, parts: Vec<Line>, sum: u128, all: bool },
    /// More ballots in the portable boxes than written requests.
    PortableOverRequests { ballots: Count, requests: Count },
    /// More ballots received than the list and its reserve.
    ReceivedOverReserve { received: Count, voters: Count, reserve: u128 },
    /// More ballots issued than voters on the list (from the roster when the protocol has no such line).
    IssuedOverList { issued: Count, voters: Count, from_roster: bool },
    /// Received ≠ issued + cancelled + lost − unaccounted.
    ReceivedBalance { received: Count, issued: Count, cancelled: Count, lost: u128, unaccounted: u128, sum: i128 },
    /// In the box ≠ invalid + valid.
    BoxBalance { in_box: Count, invalid: Count, valid: Count, sum: u128 },
    /// Valid ≠ against all + votes.
    ValidBalance { valid: Count, votes: VotesSum, sum: u128 },
    /// In the box ≠ invalid + against all + votes.
    BoxVotesBalance { in_box: Count, invalid: Count, votes: VotesSum, sum: u128 },
    /// Ballots in the box against ballots issued (more: E406, fewer: W406).
    BoxAgainstIssued { in_box: Count, issued: Count },
    /// Votes (and invalid ballots) against ballots issued (more: E407, fewer: W407).
    VotesAgainstIssued { votes: VotesSum, sum: u128, issued: Count },
}
