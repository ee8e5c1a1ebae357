//! Precinct returns, wide (a row per precinct) or long (a row per precinct and item), recognised from the header.
//!
//! Each row becomes a [`Part`] of a precinct's protocol, resolved against the roster: the precinct, its district,
//! and the items as protocol lines or candidates of that district. Totals rows («Итого», «Барлығы», "Total") are
//! checked against the rows above them and never counted. Every problem becomes a [`Finding`] with its place;
//! nothing is guessed.

use std::collections::{BTreeSet, HashMap};

use crate::check::{Code, Finding, Scope};
use crate::input::decode::looks_damaged;
use crate::input::header::{self, Column, ColumnMap, Mapped, Suggester, classify, normalize};
use crate::input::number::{parse_count, shorten};
use crate::input::table::{Body, Row, Table, delimiter_name};
use crate::model::{CandidateId, Count, DistrictId, Line, Location, Origin, PrecinctId, Roster};

/// What a value counts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKey {
    /// A protocol line.
    Line(Line),
    /// Votes for a candidate of the precinct's district.
    Candidate(CandidateId),
}

/// One value read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// What it counts.
    pub key: ItemKey,
    /// The count.
    pub value: Count,
    /// Where it was read.
    pub at: Location,
}

/// What one row contributes to a precinct's protocol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// The precinct (in the roster).
    pub precinct: PrecinctId,
    /// Its district, from the roster.
    pub district: DistrictId,
    /// The row.
    pub at: Location,
    /// The values read.
    pub entries: Vec<Entry>,
    /// Items whose cell could not be read (already reported), so that they are not also reported as missing.
    pub unreadable: Vec<ItemKey>,
}

/// Where the parts and findings of a file go.
pub trait Sink {
    /// A row's part of a protocol.
    fn part(&mut self, part: Part);
    /// A problem.
    fn finding(&mut self, finding: Finding);
}

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

/// The registered candidates, findable by id or by normalised name, district by district.
pub struct CandidateIndex {
    by_district: HashMap<DistrictId, HashMap<String, CandidateId>>,
    labels: HashMap<String, Vec<DistrictId>>,
    /// "Did you mean" among every known column name and every candidate.
    columns: Suggester,
    /// "Did you mean" among the candidates of each district.
    per_district: HashMap<DistrictId, Suggester>,
}

impl CandidateIndex {
    /// Indexes a roster's candidates.
    pub fn new(roster: &Roster) -> Self {
        let mut by_district: HashMap<DistrictId, HashMap<String, CandidateId>> = HashMap::new();
        let mut labels: HashMap<String, Vec<DistrictId>> = HashMap::new();
        let mut all_names = Vec::new();
        for d in roster.districts.values() {
            let m = by_district.entry(d.id.clone()).or_default();
            for c in &d.candidates {
                for label in [c.id.as_str(), c.name.as_str()] {
                    let n = normalize(label);
                    m.insert(n.clone(), c.id.clone());
                    labels.entry(n).or_default().push(d.id.clone());
                    all_names.push(label.to_string());
                }
            }
        }
        all_names.sort();
        all_names.dedup();
        let mut names: Vec<&str> = header::known_names().collect();
        names.extend(all_names.iter().map(String::as_str));
        let columns = Suggester::new(names);
        let per_district = roster
            .districts
            .values()
            .map(|d| (d.id.clone(), Suggester::new(d.candidates.iter().flat_map(|c| [c.name.as_str(), c.id.as_str()]))))
            .collect();
        CandidateIndex { by_district, labels, columns, per_district }
    }

    /// The candidate of a district that a label (id or name) names. A label with letters destroyed by a legacy
    /// export never names anyone: `?лиев` must not become «Лиев».
    pub fn resolve(&self, district: &DistrictId, label: &str) -> Option<&CandidateId> {
        if looks_damaged(label) || label.contains('?') {
            return None;
        }
        let m = self.by_district.get(district)?;
        m.get(&normalize(label)).or_else(|| m.get(&normalize(unneutralised(label)?)))
    }

    /// Whether a label names a candidate of any district.
    pub fn is_candidate_anywhere(&self, label: &str) -> bool {
        let known = |l: &str| self.labels.contains_key(&normalize(l));
        !looks_damaged(label) && !label.contains('?') && (known(label) || unneutralised(label).is_some_and(known))
    }

    /// The registered id or name of a district nearest to a label, for "did you mean".
    pub fn suggest_in(&self, district: &DistrictId, label: &str) -> Option<String> {
        self.per_district.get(district)?.nearest(label).map(str::to_string)
    }

    /// `; did you mean "…"?` with the nearest registered name, or nothing.
    fn hint_in(&self, district: &DistrictId, label: &str) -> String {
        self.suggest_in(district, label).map(|s| format!("; did you mean \"{s}\"?")).unwrap_or_default()
    }

    /// The known column name or candidate nearest to a label.
    fn suggest_column(&self, label: &str) -> Option<String> {
        let near = self.columns.nearest(label)?;
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
fn totals_label(row: &Row, precinct: usize) -> Option<String> {
    let cell = match row.get(precinct).trim() {
        "" => row.fields.iter().map(str::trim).find(|c| !c.is_empty())?,
        c => c,
    };
    // Every totals word has 5 to 7 letters: only such a first word is worth normalising (this runs on every row).
    let word = cell.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    if !(5..=7).contains(&word.chars().count()) {
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
    let mut reader = RowReader {
        origin,
        roster,
        index,
        layout,
        unknown: BTreeSet::new(),
        misfiled: BTreeSet::new(),
        columns: HashMap::new(),
        near_ids: None,
        wide_sums: Vec::new(),
        long_sums: HashMap::new(),
        rows: 0,
        totals_rows: Vec::new(),
    };
    let mut row = Row::default();
    // Rows that could not be cut into fields: each is reported, and the reading goes on at the next line.
    let mut broken = 0;
    loop {
        match table.next_row(&mut row) {
            Ok(true) => reader.row(&row, sink),
            Ok(false) => break,
            Err(f) => {
                if let Some(fatal) = table.failure.take() {
                    return Err(fatal);
                }
                sink.finding(f);
                broken += 1;
            }
        }
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

struct RowReader<'a> {
    origin: Origin,
    roster: &'a Roster,
    index: &'a CandidateIndex,
    layout: Layout,
    /// Unknown precincts already reported in this file (a long file repeats them on every row).
    unknown: BTreeSet<String>,
    /// Precincts already reported under a wrong district in this file.
    misfiled: BTreeSet<(PrecinctId, DistrictId)>,
    /// The candidate each candidate column names, by district.
    columns: HashMap<DistrictId, Vec<Option<CandidateId>>>,
    /// Roster precinct ids by their form without leading zeros, case and punctuation (built when first needed).
    near_ids: Option<HashMap<String, PrecinctId>>,
    /// Sums since the last totals row: of each count column (wide), or of each item as written (long).
    wide_sums: Vec<Sum>,
    long_sums: HashMap<String, Sum>,
    rows: usize,
    totals_rows: Vec<u32>,
}

impl RowReader<'_> {
    fn at(&self, row: &Row, col: usize) -> Location {
        self.origin.at(row.line, col as u32 + 1)
    }

    /// The count columns of a wide file, in a fixed order: the lines, then the candidates.
    fn count_columns(&self) -> impl Iterator<Item = (usize, &str)> {
        let l = &self.layout;
        l.lines
            .iter()
            .map(|(i, line)| (*i, line.key()))
            .chain(l.candidates.iter().map(|(i, label)| (*i, label.as_str())))
    }

    /// Adds a row's cells to the running sums of its columns (wide) or of its item (long).
    fn add_to_sums(&mut self, row: &Row) {
        let add = |s: &mut Sum, cell: &str| match parse_count(cell) {
            Ok(Some(v)) => s.total += u128::from(v.0),
            Ok(None) => {}
            Err(_) => s.unknown = true,
        };
        match self.layout.shape {
            Shape::Wide => {
                if self.wide_sums.is_empty() {
                    self.wide_sums = self
                        .count_columns()
                        .map(|(_, label)| Sum { label: label.to_string(), ..Sum::default() })
                        .collect();
                }
                let cols: Vec<usize> = self.count_columns().map(|(i, _)| i).collect();
                for (s, i) in self.wide_sums.iter_mut().zip(cols) {
                    add(s, row.get(i));
                }
            }
            Shape::Long => {
                let item = row.get(self.layout.item).trim();
                if !self.long_sums.contains_key(item) {
                    self.long_sums.insert(item.to_string(), Sum { label: item.to_string(), ..Sum::default() });
                }
                if let Some(s) = self.long_sums.get_mut(item) {
                    add(s, row.get(self.layout.value));
                }
            }
        }
    }

    /// Checks a totals row against the sums of the rows above it (since the previous totals row).
    fn totals(&mut self, row: &Row, label: &str, sink: &mut dyn Sink) {
        self.totals_rows.push(row.line);
        let checks: Vec<(usize, Option<&Sum>)> = match self.layout.shape {
            Shape::Wide => self.count_columns().enumerate().map(|(k, (i, _))| (i, self.wide_sums.get(k))).collect(),
            Shape::Long => vec![(self.layout.value, self.long_sums.get(row.get(self.layout.item).trim()))],
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
                self.long_sums.remove(row.get(self.layout.item).trim());
            }
        }
    }

    fn row(&mut self, row: &Row, sink: &mut dyn Sink) {
        let l = &self.layout;
        if let Some(label) = totals_label(row, l.precinct) {
            return self.totals(row, &label, sink);
        }
        if row.fields.len() != l.width {
            let extra_blank = row.fields.iter().skip(l.width).all(|f| f.trim().is_empty());
            // A sheet's rows end at their last filled cell: short rows are read with blanks, never shifted.
            let short_sheet_row = self.origin.sheet.is_some() && row.fields.len() < l.width;
            if !(short_sheet_row || row.fields.len() > l.width && extra_blank) {
                let mut f = Finding::new(
                    Code::RaggedRow,
                    Some(self.origin.at(row.line, 0)),
                    format!("the row has {} fields but the header has {}", row.fields.len(), l.width),
                );
                if let Some(p) = self.roster.precincts.get(&PrecinctId::parse(row.get(l.precinct))) {
                    f = f.at_precinct(&p.district, &p.id);
                }
                return sink.finding(f);
            }
        }
        self.rows += 1;
        self.add_to_sums(row);
        let l = &self.layout;
        for &i in &l.unnamed {
            if !row.get(i).trim().is_empty() {
                sink.finding(Finding::new(
                    Code::UnknownColumn,
                    Some(self.at(row, i)),
                    format!(
                        "\"{}\" is in a column with no header; name the column or clear it",
                        shorten(row.get(i).trim())
                    ),
                ));
            }
        }
        let raw = row.get(l.precinct);
        if raw.trim().is_empty() {
            return sink.finding(Finding::new(
                Code::BlankId,
                Some(self.at(row, l.precinct)),
                "the precinct id is blank; every row must name its precinct",
            ));
        }
        let precinct = PrecinctId::parse(raw);
        let claimed = l.district.map(|i| row.get(i).trim()).filter(|d| !d.is_empty()).map(DistrictId::parse);
        let Some(rp) = self.roster.precincts.get(&precinct) else {
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
            return;
        };
        let district = rp.district.clone();
        // A long file repeats the district on every row of a precinct: one report per precinct and file.
        if let (Some(c), Some(i)) = (&claimed, l.district)
            && *c != district
            && self.misfiled.insert((precinct.clone(), c.clone()))
        {
            let at = Some(self.at(row, i));
            let f = if self.roster.districts.contains_key(c) {
                Finding::new(
                    Code::WrongDistrict,
                    at,
                    format!("precinct {precinct} is reported under district {c}, but the roster has it in district {district}"),
                )
                .at_precinct(&district, &precinct)
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
                .at_precinct(&district, &precinct)
            };
            sink.finding(f);
        }
        let mut part =
            Part { precinct, district, at: self.origin.at(row.line, 0), entries: Vec::new(), unreadable: Vec::new() };
        match l.shape {
            Shape::Wide => self.wide(row, &mut part, sink),
            Shape::Long => self.long(row, &mut part, sink),
        }
        sink.part(part);
    }

    /// A roster precinct whose id differs from `wanted` only by leading zeros, case or punctuation. The roster's
    /// ids are indexed once per file, so that many unknown precincts cost one pass, not one pass each.
    fn suggest_precinct(&mut self, wanted: &PrecinctId) -> String {
        let strip = |s: &str| normalize(s.trim_start_matches('0'));
        let roster = self.roster;
        let near = self.near_ids.get_or_insert_with(|| {
            let mut m: HashMap<String, PrecinctId> = HashMap::new();
            for p in roster.precincts.keys() {
                let e = m.entry(strip(p.as_str())).or_insert_with(|| p.clone());
                if p < e {
                    *e = p.clone();
                }
            }
            m
        });
        match near.get(&strip(wanted.as_str())) {
            Some(p) => format!(" (did you mean \"{p}\"?)"),
            None => String::new(),
        }
    }

    /// Reads one cell as a count into the part.
    fn cell(&self, row: &Row, col: usize, key: ItemKey, part: &mut Part, sink: &mut dyn Sink) {
        let at = self.at(row, col);
        match parse_count(row.get(col)) {
            Ok(Some(value)) => part.entries.push(Entry { key, value, at }),
            Ok(None) => {}
            Err(e) => {
                let what = item_name(&key);
                sink.finding(
                    Finding::new(e.code, Some(at), format!("{what}: {}", e.message))
                        .at_precinct(&part.district, &part.precinct),
                );
                part.unreadable.push(key);
            }
        }
    }

    fn wide(&mut self, row: &Row, part: &mut Part, sink: &mut dyn Sink) {
        for &(i, line) in &self.layout.lines {
            self.cell(row, i, ItemKey::Line(line), part, sink);
        }
        // Which candidate each column is, in this district: resolved once per district, not per row.
        if !self.columns.contains_key(&part.district) {
            let resolved = self
                .layout
                .candidates
                .iter()
                .map(|(_, label)| self.index.resolve(&part.district, label).cloned())
                .collect();
            self.columns.insert(part.district.clone(), resolved);
        }
        let resolved = &self.columns[&part.district];
        for ((i, label), id) in self.layout.candidates.iter().zip(resolved) {
            match id {
                Some(id) => self.cell(row, *i, ItemKey::Candidate(id.clone()), part, sink),
                None => self.foreign(row, *i, label, part, sink),
            }
        }
    }

    /// A value under a candidate who is not registered in the precinct's district: blank is right, zero is
    /// harmless, anything else is an error.
    fn foreign(&self, row: &Row, col: usize, label: &str, part: &Part, sink: &mut dyn Sink) {
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
                        part.district,
                        part.precinct
                    ),
                )
                .at_precinct(&part.district, &part.precinct),
            ),
            _ => {
                let hint = self.index.hint_in(&part.district, label);
                sink.finding(
                    Finding::new(
                        Code::UnregisteredCandidate,
                        Some(self.at(row, col)),
                        format!(
                            "\"{}\" = {} for a candidate not registered in district {} of precinct {}{hint}",
                            shorten(label),
                            shorten(cell.trim()),
                            part.district,
                            part.precinct
                        ),
                    )
                    .at_precinct(&part.district, &part.precinct),
                )
            }
        }
    }

    fn long(&self, row: &Row, part: &mut Part, sink: &mut dyn Sink) {
        let (ic, vc) = (self.layout.item, self.layout.value);
        let item = row.get(ic).trim();
        if item.is_empty() {
            return sink.finding(
                Finding::new(
                    Code::BlankId,
                    Some(self.at(row, ic)),
                    "the item is blank; name a protocol line or a candidate",
                )
                .at_precinct(&part.district, &part.precinct),
            );
        }
        if let Some(line) = header::line_of_item(item) {
            return self.cell(row, vc, ItemKey::Line(line), part, sink);
        }
        match self.index.resolve(&part.district, item) {
            Some(id) => self.cell(row, vc, ItemKey::Candidate(id.clone()), part, sink),
            None if self.index.is_candidate_anywhere(item) => self.foreign(row, vc, item, part, sink),
            None => {
                let hint = self.index.hint_in(&part.district, item);
                sink.finding(
                    Finding::new(
                        Code::UnregisteredCandidate,
                        Some(self.at(row, ic)),
                        format!(
                            "item \"{}\"{} is neither a protocol line nor a candidate registered in district {}{hint}",
                            shorten(item),
                            label_trouble(item),
                            part.district
                        ),
                    )
                    .at_precinct(&part.district, &part.precinct),
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
