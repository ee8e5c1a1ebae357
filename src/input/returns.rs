//! Precinct returns, wide (a row per precinct) or long (a row per precinct and item), recognised from the header.
//!
//! Each row becomes a [`Part`] of a precinct's protocol, resolved against the roster: the precinct, its district,
//! and the items as protocol lines or candidates of that district. Totals rows («Итого», «Барлығы», "Total") are
//! checked against the rows above them and never counted. Every problem becomes a [`Finding`] with its place;
//! nothing is guessed.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use crate::check::{Code, Finding, Scope};
use crate::input::decode::looks_damaged;
use crate::input::header::{self, Column, ColumnMap, Mapped, Suggester, classify, normalize};
use crate::input::number::{NumberError, parse_count, shorten};
use crate::input::stream::Cells;
use crate::input::table::{Body, Row, RowCells, Table, delimiter_name, trim};
use crate::input::words::{parse_words, words_header};
use crate::model::{CandidateId, Count, DistrictId, Line, Location, Origin, PrecinctId, Roster, clean_id, natural_cmp};
use crate::protocol::{Entry, Item, ItemKey, Part, Sink};

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

/// Candidates' positions by their district's place and a normalised id or name, and every normalised id and name.
type Normalised = (HashMap<(u32, String), u16>, std::collections::HashSet<String>);

/// The registered candidates, findable by id or by normalised name, district by district.
pub struct CandidateIndex<'r> {
    roster: &'r Roster,
    /// A candidate's position in its district, by the district's place and a normalised id or name; and every
    /// normalised id and name, of any district (prepared when first needed: a label written exactly as the roster
    /// writes it needs neither).
    normalised: OnceLock<Normalised>,
    /// "Did you mean" among every known column name and every candidate (prepared when first needed).
    columns: OnceLock<Suggester>,
    /// "Did you mean" among the candidates of each district (prepared when first needed).
    per_district: OnceLock<HashMap<DistrictId, Suggester>>,
}

/// Up to how many candidates a district's ids and names are compared one by one with a label, before the index.
const EXACT_SCAN: usize = 64;

impl<'r> CandidateIndex<'r> {
    /// Indexes a roster's candidates.
    pub fn new(roster: &'r Roster) -> Self {
        CandidateIndex { roster, normalised: OnceLock::new(), columns: OnceLock::new(), per_district: OnceLock::new() }
    }

    fn normalised(&self) -> &Normalised {
        self.normalised.get_or_init(|| {
            let mut by_label = HashMap::new();
            let mut labels = std::collections::HashSet::new();
            for d in self.roster.districts.values() {
                for (k, c) in d.candidates.iter().enumerate() {
                    for label in [c.id.as_str(), c.name.as_str()] {
                        let n = normalize(label);
                        by_label.insert((d.index, n.clone()), u16::try_from(k).unwrap_or(u16::MAX));
                        labels.insert(n);
                    }
                }
            }
            (by_label, labels)
        })
    }

    fn columns(&self) -> &Suggester {
        self.columns.get_or_init(|| {
            let mut candidates: Vec<&str> = self
                .roster
                .districts
                .values()
                .flat_map(|d| d.candidates.iter().flat_map(|c| [c.id.as_str(), c.name.as_str()]))
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            let mut names: Vec<&str> = header::known_names().collect();
            names.extend(candidates);
            Suggester::new(names)
        })
    }

    fn per_district(&self) -> &HashMap<DistrictId, Suggester> {
        self.per_district.get_or_init(|| {
            self.roster
                .districts
                .values()
                .map(|d| {
                    let names = d.candidates.iter().flat_map(|c| [c.name.as_str(), c.id.as_str()]);
                    (d.id.clone(), Suggester::new(names))
                })
                .collect()
        })
    }

    /// The candidate of a district that a label (id or name) names. A label with letters destroyed by a legacy
    /// export never names anyone: `?лиев` must not become «Лиев».
    pub fn resolve(&self, district: &DistrictId, label: &str) -> Option<&CandidateId> {
        self.resolve_at(district, label).map(|(_, id)| id)
    }

    /// [`Self::resolve`], with the candidate's position in the district.
    pub fn resolve_at(&self, district: &DistrictId, label: &str) -> Option<(u16, &CandidateId)> {
        if looks_damaged(label) || label.contains('?') {
            return None;
        }
        let d = self.roster.districts.get(district)?;
        // A label written exactly as a registered id or name names that candidate: normalised, the ids and names of
        // a district are all different (the roster refuses two that are the same), so no other can match it.
        if d.candidates.len() <= EXACT_SCAN
            && let Some(k) = d.candidates.iter().position(|c| c.id.as_str() == label || c.name == label)
        {
            return Some((k as u16, &d.candidates[k].id));
        }
        let by_label = &self.normalised().0;
        let find = |l: &str| by_label.get(&(d.index, normalize(l))).copied();
        let k = find(label).or_else(|| find(unneutralised(label)?))?;
        d.candidates.get(usize::from(k)).map(|c| (k, &c.id))
    }

    /// Whether a label names a candidate of any district.
    pub fn is_candidate_anywhere(&self, label: &str) -> bool {
        let labels = &self.normalised().1;
        let known = |l: &str| labels.contains(&normalize(l));
        !looks_damaged(label) && !label.contains('?') && (known(label) || unneutralised(label).is_some_and(known))
    }

    /// The registered id or name of a district nearest to a label, for "did you mean".
    pub fn suggest_in(&self, district: &DistrictId, label: &str) -> Option<String> {
        self.per_district().get(district)?.nearest(label).map(str::to_string)
    }

    /// `; did you mean "…"?` with the nearest registered name, or nothing.
    fn hint_in(&self, district: &DistrictId, label: &str) -> String {
        self.suggest_in(district, label).map(|s| format!("; did you mean \"{s}\"?")).unwrap_or_default()
    }

    /// The known column name or candidate nearest to a label.
    fn suggest_column(&self, label: &str) -> Option<String> {
        let near = self.columns().nearest(label)?;
        // A protocol line is suggested by its key, which any header may use, with the name that came close.
        Some(match header::key_of(near) {
            Some(key) if key != near && key != "info" => format!("{key}\" («{near}»)"),
            Some(key) => format!("{key}\""),
            None => format!("{near}\""),
        })
    }
}

/// A header that akim-tally's own CSV neutralised (`'=…`, so that no spreadsheet runs it as a formula), as the
/// name it stands for.
fn unneutralised(label: &str) -> Option<&str> {
    let rest = label.strip_prefix('\'')?;
    rest.starts_with(['=', '+', '-', '@']).then_some(rest)
}

/// Why a label does not match: a note for names whose letters were destroyed or that mix scripts.
fn label_trouble(label: &str) -> &'static str {
    if looks_damaged(label) || label.contains('?') {
        " (letters in it were destroyed by a legacy export: it is never matched)"
    } else if header::mixes_scripts(label) {
        " (it mixes Latin and Cyrillic letters)"
    } else {
        ""
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
    /// The sheet of a workbook to read (`--sheet`); the first when not given.
    pub sheet: Option<String>,
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

/// Words that start a totals row, normalised.
const TOTALS: &[&str] = &["итого", "всего", "барлығы", "барлыгы", "жиыны", "total", "totals"];

/// Whether a row is a totals row: its precinct cell (or first non-blank cell) starts with a totals word.
fn totals_label(row: &RowCells, precinct_cell: &str) -> Option<String> {
    let cell = match trim(precinct_cell) {
        "" => row.cells.iter().map(str::trim).find(|c| !c.is_empty())?,
        c => c,
    };
    // Every totals word starts with one of these letters (in either case); most cells, ids and numbers, do not.
    // A first letter outside ASCII may be an unusual form of one of them, and is looked at closely.
    let first = cell.chars().next()?;
    if first.is_ascii() && !matches!(first, 't' | 'T') {
        return None;
    }
    // Every totals word has 5 to 7 letters: only such a first word is worth normalising (this runs on every row).
    let word = cell.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    if !(5..=7).contains(&word.chars().count()) || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    TOTALS.contains(&normalize(word).as_str()).then(|| cell.to_string())
}

/// Reads one returns file, sending its parts and findings to `sink`. Returns what was recognised, or `None`
/// when the file could not be read as returns at all (the reason is a finding). `Err` when the text could not be
/// read to its end (not valid in its encoding, or the reader failed): that stops the run.
pub fn read_returns(
    origin: Origin,
    body: Body,
    encoding: &str,
    roster: &Roster,
    index: &CandidateIndex,
    options: &ReadOptions,
    sink: &mut dyn Sink,
) -> Result<Option<FileInfo>, Finding> {
    let is_header =
        |cells: &[String]| cells.iter().any(|c| matches!(options.meaning(c), Some(Mapped::Column(Column::Precinct))));
    let mut table = match Table::open(origin.clone(), body, &is_header) {
        Ok(t) => t,
        Err(f) if matches!(f.code, Code::NotText | Code::FileUnreadable) => return Err(f),
        Err(f) => {
            sink.finding(f);
            return Ok(None);
        }
    };
    let Some(layout) = Layout::of(&table, index, options, sink) else {
        table.findings(encoding).into_iter().for_each(|f| sink.finding(f));
        return Ok(None);
    };
    sink.file(&origin, (layout.shape == Shape::Long).then(|| u32::try_from(layout.value + 1).unwrap_or(u32::MAX)));
    figures_above_header(&mut table, &layout, roster, sink);
    let count_columns = layout.lines.iter().map(|(i, _)| *i).chain(layout.candidates.iter().map(|(i, _)| *i)).collect();
    let mut reader = RowReader {
        origin,
        roster,
        index,
        layout,
        count_columns,
        unknown: BTreeSet::new(),
        misfiled: BTreeSet::new(),
        columns: HashMap::new(),
        near_ids: None,
        wide_sums: Vec::new(),
        items: Vec::new(),
        item_slots: HashMap::new(),
        recent_items: Vec::new(),
        last_slot: None,
        row_slot: 0,
        row_values: Vec::new(),
        district_columns: None,
        resolved: HashMap::new(),
        last: None,
        entries: Vec::new(),
        unreadable: Vec::new(),
        rows: 0,
        totals_rows: Vec::new(),
    };
    let mut row = Row::default();
    // Rows that could not be cut into fields: each is reported, and the reading goes on at the next line.
    let mut broken = 0;
    let failure = std::thread::scope(|scope| {
        table.cut_on(scope);
        loop {
            // Rows cut on the other thread are read where they lie; others are given in `row`: either way by
            // the one `RowReader::row`.
            let taken = &mut |line, cells: Cells| {
                reader.row(&RowCells { line, cells }, sink);
                true
            };
            match table.next_row_or(&mut row, taken) {
                Ok(true) => reader.row(&row.view(), sink),
                Ok(false) => return None,
                Err(f) => {
                    if let Some(fatal) = table.failure.take() {
                        return Some(fatal);
                    }
                    // A row that cannot be read blocks what it names; when reading the file stopped there, what
                    // follows is unknown and blocks every race.
                    let f = if table.stopped() { f.scoped(Scope::All) } else { reader.of_row(&row.view(), f) };
                    sink.finding(f);
                    broken += 1;
                }
            }
        }
    });
    if let Some(fatal) = failure {
        return Err(fatal);
    }
    table.findings(encoding).into_iter().for_each(|f| sink.finding(f));
    if reader.rows == 0 && reader.totals_rows.is_empty() && broken == 0 {
        sink.finding(Finding::new(
            Code::NoRows,
            Some(table.at(table.header_line, 0)),
            "the file has a header but no rows of figures: is it the right file, or an empty template?",
        ));
    }
    Ok(Some(FileInfo {
        shape: reader.layout.shape,
        delimiter: table.delimiter.map(delimiter_name),
        header_line: table.header_line,
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
                format!(
                    "this row, above the header (line {}), gives figures of precinct {}: rows of figures go below \
                     the header; move it there, or delete it if it is a stray copy",
                    header_line, p.id
                ),
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

impl Layout {
    fn of(table: &Table, index: &CandidateIndex, options: &ReadOptions, sink: &mut dyn Sink) -> Option<Layout> {
        let at = |col: usize| Some(table.at(table.header_line, col as u32 + 1));
        let mut layout = Layout {
            shape: Shape::Wide,
            width: table.header.len(),
            district: None,
            precinct: usize::MAX,
            item: usize::MAX,
            value: usize::MAX,
            lines: Vec::new(),
            candidates: Vec::new(),
            unnamed: Vec::new(),
            words: Vec::new(),
        };
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut others: Vec<(usize, String)> = Vec::new();
        // "Did you mean" is worth its cost for the few headers a person mistyped, not for a broken file's thousands.
        const SUGGESTED: usize = 20;
        let mut suggested = 0;
        for (i, h) in table.header.iter().enumerate() {
            if h.is_empty() {
                layout.unnamed.push(i);
                continue;
            }
            // A column that repeats a figure in words: after its figure («прописью», «жазбаша»), or naming it.
            if let Some(rest) = words_header(&normalize(h)) {
                let named = |j: &usize| {
                    *j != i && {
                        let other = &table.header[*j];
                        normalize(other) == rest || (classify(&rest).is_some() && classify(other) == classify(&rest))
                    }
                };
                let figure = if rest.is_empty() { i.checked_sub(1) } else { (0..table.header.len()).find(named) };
                match figure {
                    Some(j) => layout.words.push((i, j)),
                    None => sink.finding(Finding::new(
                        Code::UnknownColumn,
                        at(i),
                        format!(
                            "column \"{}\" gives a figure in words, but no column of its figure is found: name the \
                             line after it, or put the column right after its figure",
                            shorten(h)
                        ),
                    )),
                }
                continue;
            }
            let meaning = options.meaning(h);
            let key = match &meaning {
                Some(Mapped::Ignore) | Some(Mapped::Column(Column::Info)) => continue,
                Some(Mapped::Column(c)) => format!("{c:?}"),
                Some(Mapped::Candidate(c)) => format!("candidate:{}", normalize(c)),
                None => format!("candidate:{}", normalize(h)),
            };
            if let Some(first) = seen.insert(key, i) {
                sink.finding(Finding::new(
                    Code::DuplicateColumn,
                    at(i),
                    format!(
                        "column \"{}\" means the same as column {} (\"{}\"); each line or candidate may have one column",
                        shorten(h),
                        first + 1,
                        shorten(&table.header[first])
                    ),
                ));
                continue;
            }
            match meaning {
                Some(Mapped::Column(Column::District)) => layout.district = Some(i),
                Some(Mapped::Column(Column::Precinct)) => layout.precinct = i,
                Some(Mapped::Column(Column::Item)) => layout.item = i,
                Some(Mapped::Column(Column::Value)) => layout.value = i,
                Some(Mapped::Column(Column::Line(l))) => layout.lines.push((i, l)),
                Some(Mapped::Candidate(c)) => layout.candidates.push((i, c)),
                // Decided below, once the shape is known: in a long file any other column is unknown.
                _ => others.push((i, h.clone())),
            }
        }
        let is_long = layout.item != usize::MAX || layout.value != usize::MAX;
        if is_long {
            others.extend(layout.words.drain(..).map(|(i, _)| (i, table.header[i].clone())));
        }
        let ignore_hint =
            |h: &str| format!("read past it with --ignore-column \"{}\", or map it in --columns", shorten(h));
        if is_long {
            layout.shape = Shape::Long;
            let stray = others
                .into_iter()
                .chain(layout.candidates.drain(..))
                .chain(layout.lines.drain(..).map(|(i, l)| (i, l.key().to_string())));
            for (i, h) in stray {
                sink.finding(Finding::new(
                    Code::UnknownColumn,
                    at(i),
                    format!(
                        "column \"{}\" has no place in a long file (precinct_id, item, value and optionally district_id): \
                         put each line or candidate in the item column, or {}",
                        shorten(&h),
                        ignore_hint(&h)
                    ),
                ));
            }
        } else {
            for (i, h) in others {
                if index.is_candidate_anywhere(&h) {
                    layout.candidates.push((i, h));
                    continue;
                }
                suggested += 1;
                let hint = match index.suggest_column(&h).filter(|_| suggested <= SUGGESTED) {
                    Some(s) => format!("did you mean \"{s}? "),
                    None => String::new(),
                };
                sink.finding(Finding::new(
                    Code::UnknownColumn,
                    at(i),
                    format!(
                        "column \"{}\"{} is neither a protocol line nor a registered candidate; {hint}(or {})",
                        shorten(&h),
                        label_trouble(&h),
                        ignore_hint(&h)
                    ),
                ));
            }
            layout.candidates.sort();
        }
        if layout.precinct == usize::MAX {
            sink.finding(
                Finding::new(
                    Code::MissingColumn,
                    Some(table.at(table.header_line, 0)),
                    format!(
                        "no precinct_id column (or «№ участка», «Учаске»); the header is: {}",
                        shorten(&table.header.join(", "))
                    ),
                )
                .scoped(Scope::All),
            );
            return None;
        }
        if is_long && (layout.item == usize::MAX || layout.value == usize::MAX) {
            let (has, lacks) = if layout.item == usize::MAX { ("a value", "item") } else { ("an item", "value") };
            sink.finding(Finding::new(
                Code::MissingColumn,
                Some(table.at(table.header_line, 0)),
                format!(
                    "the header has {has} column but no {lacks} column: a long file needs precinct_id, item and value"
                ),
            ));
            return None;
        }
        Some(layout)
    }
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
    fn add(&mut self, cell: &Result<Option<Count>, NumberError>) {
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

/// Whether two texts are equal. The cells compared on every row (a precinct id, a district id, an item) are a few
/// bytes long: up to 16 bytes they are compared as two overlapping words in place, which costs less than calling
/// `memcmp`.
#[inline(always)]
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word8 = |s: &[u8], at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&s[at..at + 8]);
        u64::from_ne_bytes(w)
    };
    let word4 = |s: &[u8], at: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&s[at..at + 4]);
        u32::from_ne_bytes(w)
    };
    match n {
        17.. => a == b,
        8..=16 => word8(a, 0) == word8(b, 0) && word8(a, n - 8) == word8(b, n - 8),
        4..=7 => word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4),
        _ => a.iter().zip(b).all(|(x, y)| x == y),
    }
}

/// How many distinct item texts are looked up by comparing with the latest ones before hashing.
const RECENT_ITEMS: usize = 32;

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
    row_values: Vec<Result<Option<Count>, NumberError>>,
    /// The district whose candidate columns were resolved last, and what they name there.
    district_columns: Option<(u32, Vec<Option<u16>>)>,
    /// Which candidate an item names, by district (by place) and item.
    resolved: HashMap<(u32, usize), Option<u16>>,
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

    fn precinct_id(&self) -> &'r str {
        self.roster.precincts.at(self.index).id
    }

    fn precinct(&self) -> PrecinctId {
        PrecinctId(self.precinct_id().to_string())
    }
}

impl<'a> RowReader<'a> {
    fn at(&self, row: &RowCells, col: usize) -> Location {
        self.origin.at(row.line, col as u32 + 1)
    }

    /// Checks each figure of a row that is repeated in words against its words: words that cannot be read, or
    /// that say another number, are an error (it is how a figure typed wrong is caught).
    fn check_words(&self, row: &RowCells, here: &Here, sink: &mut dyn Sink) {
        for &(wc, fc) in &self.layout.words {
            let text = row.get(wc).trim();
            let Ok(Some(figure)) = parse_count(row.get(fc)) else { continue };
            if text.is_empty() {
                continue;
            }
            let finding = match parse_words(text) {
                None => Finding::new(
                    Code::WordsUnreadable,
                    Some(self.at(row, wc)),
                    format!(
                        "\"{}\" cannot be read as a number in words (Russian or Kazakh) to check the figure {figure} \
                         against; write it as the protocol does, e.g. «триста пятьдесят» or «үш жүз елу»",
                        shorten(text)
                    ),
                ),
                Some(w) if w != figure.0 => Finding::new(
                    Code::WordsDisagree,
                    Some(self.at(row, fc)),
                    format!(
                        "the figure {figure} disagrees with its words «{}» ({w}) in column {}: check the protocol \
                         and correct the one typed wrong",
                        shorten(text),
                        wc + 1
                    ),
                ),
                Some(_) => continue,
            };
            sink.finding(finding.at_precinct(here.district_id(), &here.precinct()));
        }
    }

    /// The races a row that cannot be read (or read whole) blocks: its precinct's (and the district it is filed
    /// under, if that is another), or the district it names; when it names neither, every race of the run.
    fn row_scope(&self, row: &RowCells) -> Scope {
        let l = &self.layout;
        let claimed = l.district.map(|i| clean_id(row.get(i))).filter(|d| !d.is_empty());
        let claimed = claimed.and_then(|d| self.roster.districts.get_key_value(&DistrictId::parse(d)).map(|(k, _)| k));
        let own = self.roster.precincts.get(&PrecinctId::parse(row.get(l.precinct))).map(|p| p.district.clone());
        let mut ds: Vec<DistrictId> = own.into_iter().chain(claimed.cloned()).collect();
        ds.sort();
        ds.dedup();
        if ds.is_empty() { Scope::All } else { Scope::Districts(ds) }
    }

    /// A finding about a row as a whole, blocking what [`RowReader::row_scope`] says.
    fn of_row(&self, row: &RowCells, finding: Finding) -> Finding {
        let l = &self.layout;
        let mut f = finding.scoped(self.row_scope(row));
        if let Some(p) = self.roster.precincts.get(&PrecinctId::parse(row.get(l.precinct))) {
            f.precinct = Some(p.precinct_id());
            f.district = Some(p.district.clone());
        }
        f
    }

    /// The slot of an item text of a long file.
    fn item_slot(&mut self, item: &str) -> usize {
        // The items of a protocol come in the same order from one precinct to the next: the one that followed
        // the previous item last time is tried first.
        let guess = self.last_slot.and_then(|k| self.items[k].next);
        let k = match guess.filter(|&g| same(&self.items[g].text, item)) {
            Some(g) => g,
            None => self.find_slot(item),
        };
        if let Some(prev) = self.last_slot {
            self.items[prev].next = Some(k);
        }
        self.last_slot = Some(k);
        k
    }

    fn find_slot(&mut self, item: &str) -> usize {
        if let Some(&k) = self.recent_items.iter().find(|&&k| self.items[k].text == item) {
            return k;
        }
        let k = match self.item_slots.get(item) {
            Some(&k) => k,
            None => {
                let k = self.items.len();
                self.items.push(ItemText {
                    next: None,
                    in_district: None,
                    text: item.to_string(),
                    line: header::line_of_item(item),
                    sum: Sum { label: item.to_string(), ..Sum::default() },
                });
                self.item_slots.insert(item.to_string(), k);
                k
            }
        };
        if self.recent_items.len() == RECENT_ITEMS {
            self.recent_items.remove(0);
        }
        self.recent_items.push(k);
        k
    }

    /// Adds a row's cells to the running sums of its columns (wide) or of its item (long).
    fn add_to_sums(&mut self, row: &RowCells) {
        match self.layout.shape {
            Shape::Wide => {
                if self.wide_sums.is_empty() {
                    let l = &self.layout;
                    self.wide_sums = l
                        .lines
                        .iter()
                        .map(|(_, line)| line.key())
                        .chain(l.candidates.iter().map(|(_, label)| label.as_str()))
                        .map(|label| Sum { label: label.to_string(), ..Sum::default() })
                        .collect();
                }
                self.row_values.clear();
                for (s, &i) in self.wide_sums.iter_mut().zip(&self.count_columns) {
                    let parsed = parse_count(row.get(i));
                    s.add(&parsed);
                    self.row_values.push(parsed);
                }
            }
            Shape::Long => {
                let k = self.item_slot(trim(row.get(self.layout.item)));
                self.row_slot = k;
                let parsed = parse_count(row.get(self.layout.value));
                self.items[k].sum.add(&parsed);
                self.row_values.clear();
                self.row_values.push(parsed);
            }
        }
    }

    /// Checks a totals row against the sums of the rows above it (since the previous totals row).
    fn totals(&mut self, row: &RowCells, label: &str, sink: &mut dyn Sink) {
        self.totals_rows.push(row.line);
        let long_slot = match self.layout.shape {
            Shape::Long => {
                let item = row.get(self.layout.item).trim();
                self.item_slots.get(item).copied()
            }
            Shape::Wide => None,
        };
        let checks: Vec<(usize, Option<&Sum>)> = match self.layout.shape {
            Shape::Wide => self.count_columns.iter().enumerate().map(|(k, &i)| (i, self.wide_sums.get(k))).collect(),
            Shape::Long => vec![(self.layout.value, long_slot.map(|k| &self.items[k].sum))],
        };
        for (col, sum) in checks {
            let Ok(Some(said)) = parse_count(row.get(col)) else { continue };
            let (sum, known, what) = match sum {
                Some(s) => (s.total, !s.unknown, s.label.as_str()),
                None => (0, true, row.get(col)),
            };
            if known && sum != u128::from(said.0) {
                sink.finding(Finding::new(
                    Code::TotalsDisagree,
                    Some(self.at(row, col)),
                    format!(
                        "the totals row \"{}\" says {said} for {}, but the rows above it add up to {sum}; \
                         the rows are what is counted — check them and the total",
                        shorten(label),
                        shorten(what)
                    ),
                ));
            }
        }
        match self.layout.shape {
            Shape::Wide => self.wide_sums.clear(),
            Shape::Long => {
                if let Some(k) = long_slot {
                    let s = &mut self.items[k].sum;
                    (s.total, s.unknown) = (0, false);
                }
            }
        }
    }

    fn row(&mut self, row: &RowCells, sink: &mut dyn Sink) {
        let l = &self.layout;
        let raw = row.get(l.precinct);
        // A roster precinct is a precinct even when its id begins like a totals word (`Total-1`).
        if let Some(label) = totals_label(row, raw)
            && self.roster.precincts.find(clean_id(raw)).is_none()
        {
            return self.totals(row, &label, sink);
        }
        if row.cells.len() != l.width {
            let extra_blank = row.cells.iter().skip(l.width).all(|f| f.trim().is_empty());
            // A sheet's rows end at their last filled cell: short rows are read with blanks, never shifted.
            let short_sheet_row = self.origin.sheet.is_some() && row.cells.len() < l.width;
            if !(short_sheet_row || row.cells.len() > l.width && extra_blank) {
                let f = Finding::new(
                    Code::RaggedRow,
                    Some(self.origin.at(row.line, 0)),
                    format!("the row has {} fields but the header has {}", row.cells.len(), l.width),
                );
                return sink.finding(self.of_row(row, f));
            }
        }
        self.rows += 1;
        self.add_to_sums(row);
        let l = &self.layout;
        for &i in &l.unnamed {
            if !trim(row.get(i)).is_empty() {
                let f = Finding::new(
                    Code::UnknownColumn,
                    Some(self.at(row, i)),
                    format!(
                        "\"{}\" is in a column with no header; name the column or clear it",
                        shorten(row.get(i).trim())
                    ),
                );
                sink.finding(self.of_row(row, f));
            }
        }
        let claimed_raw = l.district.map_or("", |i| row.get(i));
        // A long file repeats the precinct (and its district) on every row of its protocol.
        let found = match &self.last {
            Some(last) if same(&last.precinct, raw) && same(&last.claimed, claimed_raw) => last.found,
            _ => {
                let found = self.resolve_precinct(row, raw, claimed_raw, sink);
                self.moved_to(raw, claimed_raw, found);
                found
            }
        };
        let Some((index, district)) = found else { return };
        let here = Here { index, district, roster: self.roster };
        self.entries.clear();
        self.unreadable.clear();
        match self.layout.shape {
            Shape::Wide => self.wide(row, &here, sink),
            Shape::Long => self.long(row, &here, sink),
        }
        if !self.layout.words.is_empty() {
            self.check_words(row, &here, sink);
        }
        sink.part(Part {
            precinct: here.index,
            district: here.district,
            line: row.line,
            entries: &self.entries,
            unreadable: &self.unreadable,
        });
    }

    /// Notes a row's precinct cells, and what they were found to be, as the last ones read.
    fn moved_to(&mut self, raw: &str, claimed: &str, found: Option<(u32, u32)>) {
        match &mut self.last {
            Some(last) => {
                last.precinct.clear();
                last.precinct.push_str(raw);
                last.claimed.clear();
                last.claimed.push_str(claimed);
                last.found = found;
            }
            None => self.last = Some(LastPrecinct { precinct: raw.to_string(), claimed: claimed.to_string(), found }),
        }
    }

    /// Finds a row's precinct in the roster (reporting an unknown precinct, or one filed under another
    /// district, once per file): its place and its district's place.
    fn resolve_precinct(
        &mut self,
        row: &RowCells,
        raw: &str,
        claimed_raw: &str,
        sink: &mut dyn Sink,
    ) -> Option<(u32, u32)> {
        let l = &self.layout;
        if trim(raw).is_empty() {
            let f = Finding::new(
                Code::BlankId,
                Some(self.at(row, l.precinct)),
                "the precinct id is blank; every row must name its precinct",
            );
            sink.finding(self.of_row(row, f));
            return None;
        }
        let claimed = Some(claimed_raw.trim()).filter(|d| !d.is_empty()).map(DistrictId::parse);
        // Returns usually follow the roster's order: the precinct after the previous one is tried first.
        let id = clean_id(raw);
        let precincts = &self.roster.precincts;
        // The first row of a file is tried as the roster's first precinct.
        let next = match &self.last {
            None => Some(0),
            Some(l) => l.found.map(|(i, _)| i + 1),
        };
        let found = match next.filter(|&i| (i as usize) < precincts.len() && precincts.at(i).id == id) {
            Some(i) => Some(i),
            None => precincts.find(id),
        };
        let Some(index) = found else {
            let precinct = PrecinctId::parse(raw);
            if self.unknown.insert(precinct.0.clone()) {
                let (column, long) = (l.precinct, l.shape == Shape::Long);
                let hint = self.suggest_precinct(&precinct);
                let mut f = Finding::new(
                    Code::UnknownPrecinct,
                    Some(self.at(row, column)),
                    format!(
                        "precinct \"{}\" is not in the roster{hint}{}",
                        shorten(precinct.as_str()),
                        if long { "; its rows in this file are not counted" } else { "; the row is not counted" }
                    ),
                )
                .scoped(Scope::All);
                if let Some(d) = claimed.as_ref().filter(|d| self.roster.districts.contains_key(d)) {
                    f = f.scoped(Scope::Districts(vec![d.clone()]));
                    f.district = Some(d.clone());
                }
                f.precinct = Some(precinct);
                sink.finding(f);
            }
            return None;
        };
        let rp = self.roster.precincts.at(index);
        let district = rp.district;
        if let (Some(c), Some(i)) = (&claimed, l.district)
            && c != district
            && self.misfiled.insert((rp.precinct_id(), c.clone()))
        {
            let precinct = rp.precinct_id();
            let at = Some(self.at(row, i));
            let f = if self.roster.districts.contains_key(c) {
                Finding::new(
                    Code::WrongDistrict,
                    at,
                    format!("precinct {precinct} is reported under district {c}, but the roster has it in district {district}"),
                )
                .at_precinct(district, &precinct)
                .also_blocks(c)
            } else {
                Finding::new(
                    Code::UnknownDistrict,
                    at,
                    format!(
                        "district \"{}\" is not in the roster (precinct {precinct} is in district {district})",
                        shorten(c.as_str())
                    ),
                )
                .at_precinct(district, &precinct)
            };
            sink.finding(f);
        }
        Some((index, self.roster.precincts.district_index(index)))
    }

    /// A roster precinct whose id differs from `wanted` only by leading zeros, case or punctuation. The roster's
    /// ids are indexed once per file, so that many unknown precincts cost one pass, not one pass each.
    fn suggest_precinct(&mut self, wanted: &PrecinctId) -> String {
        let strip = |s: &str| normalize(s.trim_start_matches('0'));
        let roster = self.roster;
        let near = self.near_ids.get_or_insert_with(|| {
            let mut m: HashMap<String, PrecinctId> = HashMap::new();
            for p in roster.precincts.iter() {
                let e = m.entry(strip(p.id)).or_insert_with(|| p.precinct_id());
                if natural_cmp(p.id, e.as_str()).is_lt() {
                    *e = p.precinct_id();
                }
            }
            m
        });
        match near.get(&strip(wanted.as_str())) {
            Some(p) => format!(" (did you mean \"{p}\"?)"),
            None => String::new(),
        }
    }

    /// The k-th count cell of the row being read, as add_to_sums read it (or read now).
    fn take_value(&mut self, k: usize, row: &RowCells, col: usize) -> Result<Option<Count>, NumberError> {
        match self.row_values.get_mut(k) {
            Some(v) => std::mem::replace(v, Ok(None)),
            None => parse_count(row.get(col)),
        }
    }

    /// A cell already read as a count.
    fn parsed_cell(
        &mut self,
        row: &RowCells,
        col: usize,
        item: Item,
        here: &Here,
        sink: &mut dyn Sink,
        parsed: Result<Option<Count>, NumberError>,
    ) {
        match parsed {
            Ok(Some(value)) => self.entries.push(Entry { item, value, column: col as u32 + 1 }),
            Ok(None) => {}
            Err(e) => {
                let what = self.item_name(here, item);
                sink.finding(
                    Finding::new(e.code, Some(self.at(row, col)), format!("{what}: {}", e.message))
                        .at_precinct(here.district_id(), &here.precinct()),
                );
                self.unreadable.push(item);
            }
        }
    }

    fn item_name(&self, here: &Here, item: Item) -> String {
        let candidates = self.roster.districts.get(here.district_id()).map_or(&[][..], |d| &d.candidates[..]);
        item.label(candidates)
    }

    fn wide(&mut self, row: &RowCells, here: &Here, sink: &mut dyn Sink) {
        for k in 0..self.layout.lines.len() {
            let (i, line) = self.layout.lines[k];
            let parsed = self.take_value(k, row, i);
            self.parsed_cell(row, i, Item::Line(line), here, sink, parsed);
        }
        // Which candidate each column is, in this district: resolved once per district, not per row.
        if self.district_columns.as_ref().is_none_or(|(d, _)| *d != here.district) {
            let resolved = match self.columns.get(&here.district) {
                Some(r) => r.clone(),
                None => {
                    let r: Vec<Option<u16>> = self
                        .layout
                        .candidates
                        .iter()
                        .map(|(_, label)| self.index.resolve_at(here.district_id(), label).map(|(k, _)| k))
                        .collect();
                    self.columns.insert(here.district, r.clone());
                    r
                }
            };
            self.district_columns = Some((here.district, resolved));
        }
        let lines = self.layout.lines.len();
        for k in 0..self.layout.candidates.len() {
            let i = self.layout.candidates[k].0;
            let named = self.district_columns.as_ref().and_then(|(_, r)| r.get(k).copied().flatten());
            match named {
                Some(c) => {
                    let parsed = self.take_value(lines + k, row, i);
                    self.parsed_cell(row, i, Item::Candidate(c), here, sink, parsed)
                }
                None => {
                    let label = self.layout.candidates[k].1.clone();
                    self.foreign(row, i, &label, here, sink)
                }
            }
        }
    }

    /// A value under a candidate who is not registered in the precinct's district: blank is right, zero is
    /// harmless, anything else is an error.
    fn foreign(&self, row: &RowCells, col: usize, label: &str, here: &Here, sink: &mut dyn Sink) {
        let cell = row.get(col);
        match parse_count(cell) {
            Ok(None) => {}
            Ok(Some(Count(0))) => sink.finding(
                Finding::new(
                    Code::OtherDistrictZero,
                    Some(self.at(row, col)),
                    format!(
                        "0 for \"{}\", who is not a candidate in district {} of precinct {}; leave the cell blank",
                        shorten(label),
                        here.district_id(),
                        here.precinct_id()
                    ),
                )
                .at_precinct(here.district_id(), &here.precinct()),
            ),
            _ => {
                let hint = self.index.hint_in(here.district_id(), label);
                sink.finding(
                    Finding::new(
                        Code::UnregisteredCandidate,
                        Some(self.at(row, col)),
                        format!(
                            "\"{}\" = {} for a candidate not registered in district {} of precinct {}{hint}",
                            shorten(label),
                            shorten(cell.trim()),
                            here.district_id(),
                            here.precinct_id()
                        ),
                    )
                    .at_precinct(here.district_id(), &here.precinct()),
                )
            }
        }
    }

    fn long(&mut self, row: &RowCells, here: &Here, sink: &mut dyn Sink) {
        let (ic, vc) = (self.layout.item, self.layout.value);
        // Found by add_to_sums for this row, with its text trimmed.
        let slot = self.row_slot;
        if self.items[slot].text.is_empty() {
            return sink.finding(
                Finding::new(
                    Code::BlankId,
                    Some(self.at(row, ic)),
                    "the item is blank; name a protocol line or a candidate",
                )
                .at_precinct(here.district_id(), &here.precinct()),
            );
        }
        if let Some(line) = self.items[slot].line {
            let parsed = self.take_value(0, row, vc);
            return self.parsed_cell(row, vc, Item::Line(line), here, sink, parsed);
        }
        let item = trim(row.get(ic));
        // Rows of one district come together: the item's meaning in the district of its last row is kept with it.
        let resolved = match self.items[slot].in_district {
            Some((d, k)) if d == here.district => k,
            _ => {
                let index = self.index;
                let k = *self
                    .resolved
                    .entry((here.district, slot))
                    .or_insert_with(|| index.resolve_at(here.district_id(), item).map(|(k, _)| k));
                self.items[slot].in_district = Some((here.district, k));
                k
            }
        };
        match resolved {
            Some(k) => {
                let parsed = self.take_value(0, row, vc);
                self.parsed_cell(row, vc, Item::Candidate(k), here, sink, parsed)
            }
            None if self.index.is_candidate_anywhere(item) => self.foreign(row, vc, item, here, sink),
            None => {
                let hint = self.index.hint_in(here.district_id(), item);
                sink.finding(
                    Finding::new(
                        Code::UnregisteredCandidate,
                        Some(self.at(row, ic)),
                        format!(
                            "item \"{}\"{} is neither a protocol line nor a candidate registered in district {}{hint}",
                            shorten(item),
                            label_trouble(item),
                            here.district_id()
                        ),
                    )
                    .at_precinct(here.district_id(), &here.precinct()),
                );
            }
        }
    }
}

/// How an item is named in messages.
pub fn item_name(key: &ItemKey) -> String {
    match key {
        ItemKey::Line(l) => l.key().to_string(),
        ItemKey::Candidate(c) => format!("votes for {c}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_candidate_by_exact_or_normalised_id_or_name() {
        let file =
            |name: &str, text| crate::input::roster::RosterFile { name: name.into(), encoding: ("utf-8", false), text };
        let p = "district_id,district_name,precinct_id,voters_on_list\n01,A,0101,500\n02,B,0201,400\n";
        let c = "district_id,candidate_id,candidate_name,nominated_by\n01,a1,Әлиев Асқар,x\n01,b1,Бекова Гүл,x\n02,a2,Әлиев Асқар,x\n";
        let (roster, _) =
            crate::input::roster::read_roster(&file("p.csv", p), &file("c.csv", c), None).expect("a good roster");
        let index = CandidateIndex::new(&roster);
        let (d1, d2) = (DistrictId::parse("01"), DistrictId::parse("02"));
        let found =
            |d: &DistrictId, label: &str| index.resolve_at(d, label).map(|(k, id)| (k, id.as_str().to_string()));
        // Exactly as the roster writes them (no index needed), and as a commission may write them.
        assert_eq!(found(&d1, "b1"), Some((1, "b1".into())));
        assert_eq!(found(&d1, "Бекова Гүл"), Some((1, "b1".into())));
        assert_eq!(found(&d1, "  БЕКОВА  гүл "), Some((1, "b1".into())));
        assert_eq!(found(&d1, "B1"), Some((1, "b1".into())));
        assert_eq!(found(&d2, "Әлиев Асқар"), Some((0, "a2".into())));
        // Not in that district, destroyed letters, nobody.
        assert_eq!(found(&d2, "b1"), None);
        assert_eq!(found(&d1, "?лиев Асқар"), None);
        assert_eq!(found(&d1, "c9"), None);
        assert!(index.is_candidate_anywhere("бекова гүл") && !index.is_candidate_anywhere("c9"));
    }

    proptest::proptest! {
        #[test]
        fn compares_texts_as_eq_does(a in "[ab1-]{0,40}", b in "[ab1-]{0,40}") {
            proptest::prop_assert_eq!(same(&a, &b), a == b);
            proptest::prop_assert!(same(&a, &a.clone()));
        }
    }
}
