//! Precinct returns, wide (a row per precinct) or long (a row per precinct and item), recognised from the header.
//!
//! Each row becomes a [`Part`] of a precinct's protocol, resolved against the roster: the precinct, its district,
//! and the items as protocol lines or candidates of that district. Totals rows («Итого», «Барлығы», "Total") are
//! checked against the rows above them and never counted. Every problem becomes a [`Finding`] with its place;
//! nothing is guessed.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use crate::check::{BadNumber, Code, ColumnSuggestion, Detail, Finding, LabelTrouble, Named, Scope};
use crate::input::Beside;
use crate::input::decode::looks_damaged;
use crate::input::delimiter::delimiter_name;
use crate::input::header::{self, Column, ColumnMap, Mapped, Suggester, classify, normalize};
use crate::input::number::{parse_count, shorten};
use crate::input::stream::Cells;
use crate::input::table::{Body, Row, RowCells, Table, trim};
use crate::input::words::{parse_words, words_header};
use crate::model::{
    Candidates, Count, District, DistrictId, Line, Location, Origin, PrecinctId, Roster, clean_id, natural_cmp,
};
use crate::protocol::{Entry, Item, Part, Sink};

mod candidates;
mod layout;
mod long;
mod rows;
mod totals;
mod wide;

pub use candidates::CandidateIndex;
use candidates::label_trouble;
use rows::same;
pub(crate) use totals::is_a_totals_word;
use totals::totals_label;

/// The two shapes of a returns file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A row per precinct, a column per line and candidate.
    Wide,
    /// A row per precinct and item.
    Long,
}

impl Shape {
    /// `wide` or `long`.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Wide => "wide",
            Shape::Long => "long",
        }
    }
}

/// What was recognised in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileInfo {
    /// Its shape.
    pub shape: Shape,
    /// Its delimiter, as named to the user (`,`, `;`, `tab`); `None` for a workbook.
    pub delimiter: Option<&'static str>,
    /// The line of the header.
    pub header_line: u32,
    /// The header's last line (after `header_line` when the header spans two rows).
    pub header_to: u32,
    /// Rows read (not counting the header, title, blank and totals rows).
    pub rows: usize,
    /// Blank rows read past.
    pub blank_rows: usize,
    /// Title rows read past above the header.
    pub title_rows: usize,
    /// Lines of the totals rows.
    pub totals_rows: Vec<u32>,
    /// Columns without a header (read past while they stay empty).
    pub unnamed_columns: usize,
}

/// What reading a file gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Returns, read: their shape and what was read past.
    Returns(FileInfo),
    /// Returns that could not be read as such (why is a finding).
    Unread,
    /// A file of a folder that is no table of returns at all, read past (see [`read_returns`]).
    NotReturns,
}

impl Reading {
    /// Two sheets of one workbook read as one file: returns if either is (their rows and what was read past
    /// added up, the first's shape and header; a sheet that could not be read says so in its findings).
    pub fn and(self, other: Reading) -> Reading {
        match (self, other) {
            (Reading::NotReturns, x) | (x, Reading::NotReturns) => x,
            (Reading::Unread, x) | (x, Reading::Unread) => x,
            (Reading::Returns(mut a), Reading::Returns(b)) => {
                a.rows += b.rows;
                a.blank_rows += b.blank_rows;
                a.title_rows += b.title_rows;
                a.unnamed_columns += b.unnamed_columns;
                a.totals_rows.extend(b.totals_rows);
                Reading::Returns(a)
            }
        }
    }
}

/// How to read returns.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Header names to read past (normalised when compared).
    pub ignore_columns: Vec<String>,
    /// The user's own header names.
    pub columns: ColumnMap,
    /// The encoding of text files, when given (`--encoding`).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The sheets of a workbook to read (`--sheet`); every visible one that is returns when none is given.
    pub sheets: Vec<String>,
    /// How many files to read at once (0 or 1: one after another).
    pub jobs: usize,
    /// Whether to keep every precinct's counted figures, for per-precinct outputs (a national roster has a
    /// million precincts: they are kept only when an output needs them).
    pub keep_protocols: bool,
    /// What the rule set asks of every protocol (required lines, the checks of Kazakh law).
    pub requirements: crate::check::Requirements,
}

impl ReadOptions {
    /// What a header means, by the user's mapping first, then by the known names.
    fn meaning(&self, header: &str) -> Option<Mapped> {
        if let Some(m) = self.columns.get(header) {
            return Some(m.clone());
        }
        if self.ignore_columns.iter().any(|c| normalize(c) == normalize(header)) {
            return Some(Mapped::Ignore);
        }
        classify(header).map(Mapped::Column)
    }
}

/// Reads one returns file, sending its parts and findings to `sink`. Returns what was recognised, or `None`
/// when the file could not be read as returns at all (the reason is a finding). `Err` when the text could not be
/// read to its end (not valid in its encoding, or the reader failed): that stops the run. Rows are cut into
/// fields on a thread of `beside` when the pipeline gives one.
///
/// A file found in a folder (`in_folder`) that is no table of returns at all (empty, no delimiter, or a header of
/// which no column is known: a note, a letter) is [`Reading::NotReturns`], with no finding; a file named on its own
/// is held to being returns.
#[allow(clippy::too_many_arguments)] // The file, what it is read against, where findings go, and how.
pub fn read_returns<'a: 's, 's>(
    origin: Origin,
    body: Body<'a>,
    encoding: &str,
    roster: &Roster,
    index: &CandidateIndex,
    options: &ReadOptions,
    sink: &mut dyn Sink,
    (beside, in_folder): (Beside<'s, '_>, bool),
) -> Result<Reading, Finding> {
    let is_header =
        |cells: &[String]| cells.iter().any(|c| matches!(options.meaning(c), Some(Mapped::Column(Column::Precinct))));
    let mut table = match Table::open(origin.clone(), body, &is_header) {
        Ok(t) => t,
        Err(f) if matches!(f.code, Code::NotText | Code::FileUnreadable) => return Err(f),
        Err(f) if in_folder && matches!(f.code, Code::EmptyFile | Code::NoDelimiter) => return Ok(Reading::NotReturns),
        Err(f) => {
            sink.finding(f);
            return Ok(Reading::Unread);
        }
    };
    let known = |h: &str| options.meaning(h).is_some() || index.is_candidate_anywhere(h);
    if in_folder && !table.header.iter().any(|h| known(h)) {
        return Ok(Reading::NotReturns);
    }
    table.join_second_header_row(&known);
    let Some(layout) = Layout::of(&table, index, options, sink) else {
        table.findings(encoding).into_iter().for_each(|f| sink.finding(f));
        return Ok(Reading::Unread);
    };
    let value_column = (layout.shape == Shape::Long).then(|| u32::try_from(layout.value + 1).unwrap_or(u32::MAX));
    let lines: Vec<Line> = layout.lines.iter().map(|(_, l)| *l).collect();
    sink.file(&origin, value_column, &lines);
    figures_above_header(&mut table, &layout, roster, sink);
    let mut reader = RowReader::new(origin, roster, index, layout);
    let mut row = Row::default();
    // Rows that could not be cut into fields: each is reported, and the reading goes on at the next line.
    let mut broken = 0;
    if let Some(scope) = beside {
        table.cut_on(scope);
    }
    let failure = loop {
        // Rows cut beside are read where they lie; others are given in `row`: either way by the one
        // `RowReader::row`.
        let taken = &mut |line, cells: Cells| {
            reader.row(&RowCells { line, cells }, sink);
            true
        };
        match table.next_row_or(&mut row, taken) {
            Ok(true) => reader.row(&row.view(), sink),
            Ok(false) => break None,
            Err(f) => {
                if let Some(fatal) = table.failure.take() {
                    break Some(fatal);
                }
                // A row that cannot be read blocks what it names; when reading the file stopped there, what
                // follows is unknown and blocks every race.
                let f = if table.stopped() { f.scoped(Scope::All) } else { reader.of_row(&row.view(), f) };
                sink.finding(f);
                broken += 1;
            }
        }
    };
    if let Some(fatal) = failure {
        return Err(fatal);
    }
    table.findings(encoding).into_iter().for_each(|f| sink.finding(f));
    if reader.rows == 0 && reader.totals_rows.is_empty() && broken == 0 {
        sink.finding(Finding::new(Code::NoRows, Some(table.at(table.header_line, 0)), Detail::NoRows));
    }
    Ok(Reading::Returns(FileInfo {
        shape: reader.layout.shape,
        delimiter: table.delimiter.map(delimiter_name),
        header_line: table.header_line,
        header_to: table.header_to,
        rows: reader.rows,
        blank_rows: table.blank_rows,
        title_rows: table.title_rows.len(),
        totals_rows: reader.totals_rows,
        unnamed_columns: reader.layout.unnamed.len(),
    }))
}

/// A row above the header that names a roster precinct and gives a figure is not a title: it is a protocol (or
/// a copy of one) that would be left out. Each such row is an error that blocks its precinct's race, and is no
/// longer listed as a title.
fn figures_above_header(table: &mut Table, layout: &Layout, roster: &Roster, sink: &mut dyn Sink) {
    let (origin, header_line) = (table.origin.clone(), table.header_line);
    table.title_rows.retain(|(line, cells)| {
        let precinct = [layout.precinct, 0, 1]
            .iter()
            .filter_map(|&i| cells.get(i))
            .find_map(|c| roster.precincts.get(&PrecinctId::parse(c)));
        let figure = cells
            .iter()
            .any(|c| matches!(parse_count(c), Ok(Some(_))) && roster.precincts.get(&PrecinctId::parse(c)).is_none());
        let (Some(p), true) = (precinct, figure) else { return true };
        sink.finding(
            Finding::new(
                Code::FiguresAboveHeader,
                Some(origin.at(*line, 0)),
                Detail::FiguresAboveHeader { header_line, precinct: p.id.to_string() },
            )
            .at_precinct(p.district, &p.precinct_id()),
        );
        false
    });
}

/// What each column of a file means.
struct Layout {
    shape: Shape,
    width: usize,
    district: Option<usize>,
    precinct: usize,
    item: usize,
    value: usize,
    lines: Vec<(usize, Line)>,
    /// Candidate columns: the column and the label (header, or the id a mapping gives).
    candidates: Vec<(usize, String)>,
    /// Columns without a header (must stay blank).
    unnamed: Vec<usize>,
    /// Columns of figures in words (a wide file), each with the column of its figure.
    words: Vec<(usize, usize)>,
}

/// A running sum of a column (or an item), to check a totals row against.
#[derive(Default)]
struct Sum {
    total: u128,
    /// A cell could not be read: no sum to compare.
    unknown: bool,
    /// Where the column is, for the message.
    label: String,
}

impl Sum {
    /// Adds a cell as read.
    fn add(&mut self, cell: &Result<Option<Count>, BadNumber>) {
        match cell {
            Ok(Some(v)) => self.total += u128::from(v.0),
            Ok(None) => {}
            Err(_) => self.unknown = true,
        }
    }
}

/// An item of a long file, as written: what it means and the running sum of its values.
struct ItemText {
    text: String,
    /// The item that followed this one last time.
    next: Option<usize>,
    /// The candidate it names in the district it was last read in.
    in_district: Option<(u32, Option<u16>)>,
    /// The protocol line it names, if it names one.
    line: Option<Line>,
    sum: Sum,
}

/// A precinct cell (with the district cell beside it) as resolved on the previous row.
struct LastPrecinct {
    precinct: String,
    claimed: String,
    /// The precinct's place in the roster and its district's place, or `None` when it is not in the roster.
    found: Option<(u32, u32)>,
}

struct RowReader<'a> {
    origin: Origin,
    roster: &'a Roster,
    index: &'a CandidateIndex<'a>,
    layout: Layout,
    /// The count columns of a wide file, in a fixed order: the lines, then the candidates.
    count_columns: Vec<usize>,
    /// Unknown precincts already reported in this file (a long file repeats them on every row).
    unknown: BTreeSet<String>,
    /// Precincts already reported under a wrong district in this file.
    misfiled: BTreeSet<(PrecinctId, DistrictId)>,
    /// The candidate (by position) each candidate column names, by district (by place).
    columns: HashMap<u32, Vec<Option<u16>>>,
    /// Roster precinct ids by their form without leading zeros, case and punctuation (built when first needed).
    near_ids: Option<HashMap<String, PrecinctId>>,
    /// Sums since the last totals row of each count column (wide).
    wide_sums: Vec<Sum>,
    /// The item texts of a long file, and where to find them.
    items: Vec<ItemText>,
    item_slots: HashMap<String, usize>,
    recent_items: Vec<usize>,
    last_slot: Option<usize>,
    /// The item slot of the row being read (long files).
    row_slot: usize,
    /// The count cells of the row being read, read once for the totals sums and the protocol: a long file's
    /// value, or a wide file's cells in the order of `count_columns`.
    row_values: Vec<Result<Option<Count>, BadNumber>>,
    /// The district whose candidate columns were resolved last, and what they name there.
    district_columns: Option<(u32, Vec<Option<u16>>)>,
    last: Option<LastPrecinct>,
    entries: Vec<Entry>,
    unreadable: Vec<Item>,
    rows: usize,
    totals_rows: Vec<u32>,
}

/// A precinct being read: where it is in the roster, and its ids for messages.
struct Here<'r> {
    index: u32,
    district: u32,
    roster: &'r Roster,
}

impl<'r> Here<'r> {
    /// Its district's id (looked up only for messages and first meetings: rows need only the places).
    fn district_id(&self) -> &'r DistrictId {
        self.roster.precincts.at(self.index).district
    }

    /// Its district.
    fn roster_district(&self) -> Option<&'r District> {
        self.roster.districts.at(self.district)
    }

    fn precinct_id(&self) -> &'r str {
        self.roster.precincts.at(self.index).id
    }

    fn precinct(&self) -> PrecinctId {
        PrecinctId(self.precinct_id().to_string())
    }
}
