//! Precinct returns, wide (a row per precinct) or long (a row per precinct and item), recognised from the header.
//!
//! Each row becomes a [`Part`] of a precinct's protocol, resolved against the roster: the precinct, its district,
//! and the items as protocol lines or candidates of that district. Every problem becomes a [`Finding`] with its
//! place; nothing is guessed.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::check::{Code, Finding, Scope};
use crate::input::header::{self, Column, classify, nearest, normalize};
use crate::input::number::{parse_count, shorten};
use crate::input::table::{Row, Table, delimiter_name};
use crate::model::{CandidateId, Count, DistrictId, Line, Location, PrecinctId, Roster};

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
    /// Its delimiter, as named to the user (`,`, `;`, `tab`).
    pub delimiter: &'static str,
}

/// The registered candidates, findable by id or by normalised name, district by district.
pub struct CandidateIndex {
    by_district: HashMap<DistrictId, HashMap<String, CandidateId>>,
    labels: HashMap<String, Vec<DistrictId>>,
    all_names: Vec<String>,
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
        CandidateIndex { by_district, labels, all_names }
    }

    /// The candidate of a district that a label (id or name) names.
    pub fn resolve(&self, district: &DistrictId, label: &str) -> Option<&CandidateId> {
        self.by_district.get(district)?.get(&normalize(label))
    }

    /// Whether a label names a candidate of any district.
    pub fn is_candidate_anywhere(&self, label: &str) -> bool {
        self.labels.contains_key(&normalize(label))
    }

    /// The registered id or name of a district nearest to a label, for "did you mean".
    pub fn suggest_in(&self, roster: &Roster, district: &DistrictId, label: &str) -> Option<String> {
        let d = roster.districts.get(district)?;
        let names = d.candidates.iter().flat_map(|c| [c.name.as_str(), c.id.as_str()]);
        nearest(label, names).map(str::to_string)
    }

    /// `; did you mean "…"?` with the nearest registered name, or nothing.
    fn hint_in(&self, roster: &Roster, district: &DistrictId, label: &str) -> String {
        self.suggest_in(roster, district, label).map(|s| format!("; did you mean \"{s}\"?")).unwrap_or_default()
    }

    /// The known column name or candidate nearest to a label.
    fn suggest_column(&self, label: &str) -> Option<String> {
        let mut names: Vec<&str> = header::known_names().collect();
        names.extend(self.all_names.iter().map(String::as_str));
        nearest(label, names).map(str::to_string)
    }
}

/// How to read returns.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Header names to read past (normalised when compared).
    pub ignore_columns: Vec<String>,
}

/// Reads one returns file, sending its parts and findings to `sink`. Returns what was recognised, or `None`
/// when the file could not be read as returns at all (the reason is a finding).
pub fn read_returns(
    file: &Arc<str>,
    text: &str,
    roster: &Roster,
    index: &CandidateIndex,
    options: &ReadOptions,
    sink: &mut dyn Sink,
) -> Option<FileInfo> {
    let mut table = match Table::open(file, text) {
        Ok(t) => t,
        Err(f) => {
            sink.finding(f);
            return None;
        }
    };
    let layout = Layout::of(&table, index, options, sink)?;
    let info = FileInfo { shape: layout.shape, delimiter: delimiter_name(table.delimiter) };
    let mut reader = RowReader {
        file: Arc::clone(file),
        roster,
        index,
        layout,
        unknown: BTreeSet::new(),
        misfiled: BTreeSet::new(),
        columns: HashMap::new(),
    };
    let mut row = Row::default();
    loop {
        match table.next_row(&mut row) {
            Ok(true) => reader.row(&row, sink),
            Ok(false) => break,
            Err(f) => {
                sink.finding(f);
                break;
            }
        }
    }
    Some(info)
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
    candidates: Vec<(usize, String)>,
    /// Columns without a header (must stay blank).
    unnamed: Vec<usize>,
    /// Columns read past.
    ignored: Vec<usize>,
}

impl Layout {
    fn of(table: &Table, index: &CandidateIndex, options: &ReadOptions, sink: &mut dyn Sink) -> Option<Layout> {
        let ignored: Vec<String> = options.ignore_columns.iter().map(|c| normalize(c)).collect();
        let at = |col: usize| Some(Location::new(&table.file, table.header_line, col as u32 + 1));
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
            ignored: Vec::new(),
        };
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut ok = true;
        for (i, h) in table.header.iter().enumerate() {
            if h.is_empty() {
                layout.unnamed.push(i);
                continue;
            }
            if ignored.contains(&normalize(h)) {
                layout.ignored.push(i);
                continue;
            }
            let column = classify(h);
            let key = match &column {
                Some(Column::Info) => format!("info:{}", normalize(h)),
                Some(c) => format!("{c:?}"),
                None => format!("candidate:{}", normalize(h)),
            };
            if let Some(first) = seen.insert(key, i) {
                ok = false;
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
            match column {
                Some(Column::District) => layout.district = Some(i),
                Some(Column::Precinct) => layout.precinct = i,
                Some(Column::Item) => layout.item = i,
                Some(Column::Value) => layout.value = i,
                Some(Column::Line(l)) => layout.lines.push((i, l)),
                Some(Column::Info) => layout.ignored.push(i),
                None if index.is_candidate_anywhere(h) => layout.candidates.push((i, h.clone())),
                None => {
                    // Decided below, once the shape is known: in a long file any other column is unknown too.
                    layout.candidates.push((i, h.clone()));
                }
            }
        }
        let is_long = layout.item != usize::MAX || layout.value != usize::MAX;
        if is_long {
            layout.shape = Shape::Long;
            if layout.item == usize::MAX || layout.value == usize::MAX {
                ok = false;
                let (has, lacks) = if layout.item == usize::MAX { ("value", "item") } else { ("item", "value") };
                sink.finding(Finding::new(
                    Code::MissingColumn,
                    Some(Location::new(&table.file, table.header_line, 0)),
                    format!("the header has an {has} column but no {lacks} column: a long file needs precinct_id, item and value"),
                ));
            }
            let stray: Vec<(usize, String)> = std::mem::take(&mut layout.candidates);
            let stray: Vec<(usize, String)> =
                stray.into_iter().chain(layout.lines.drain(..).map(|(i, l)| (i, l.key().to_string()))).collect();
            for (i, h) in stray {
                ok = false;
                sink.finding(Finding::new(
                    Code::UnknownColumn,
                    at(i),
                    format!(
                        "column \"{}\" has no place in a long file (precinct_id, item, value and optionally district_id); \
                         put each line or candidate in the item column, or pass --ignore-column \"{}\"",
                        shorten(&h),
                        shorten(&h)
                    ),
                ));
            }
        } else {
            let mut kept = Vec::new();
            for (i, h) in std::mem::take(&mut layout.candidates) {
                if index.is_candidate_anywhere(&h) {
                    kept.push((i, h));
                    continue;
                }
                ok = false;
                let hint = match index.suggest_column(&h) {
                    Some(s) => format!("did you mean \"{s}\"? "),
                    None => String::new(),
                };
                sink.finding(Finding::new(
                    Code::UnknownColumn,
                    at(i),
                    format!(
                        "column \"{}\" is neither a protocol line nor a registered candidate; {hint}\
                         (to read past it, pass --ignore-column \"{}\")",
                        shorten(&h),
                        shorten(&h)
                    ),
                ));
            }
            layout.candidates = kept;
        }
        if layout.precinct == usize::MAX {
            sink.finding(
                Finding::new(
                    Code::MissingColumn,
                    Some(Location::new(&table.file, table.header_line, 0)),
                    format!(
                        "no precinct_id column (or «№ участка», «Учаске»); the header is: {}",
                        shorten(&table.header.join(", "))
                    ),
                )
                .scoped(Scope::All),
            );
            return None;
        }
        let long_incomplete = layout.shape == Shape::Long && (layout.item == usize::MAX || layout.value == usize::MAX);
        if !ok && long_incomplete {
            return None;
        }
        Some(layout)
    }
}

struct RowReader<'a> {
    file: Arc<str>,
    roster: &'a Roster,
    index: &'a CandidateIndex,
    layout: Layout,
    /// Unknown precincts already reported in this file (a long file repeats them on every row).
    unknown: BTreeSet<String>,
    /// Precincts already reported under a wrong district in this file.
    misfiled: BTreeSet<(PrecinctId, DistrictId)>,
    /// The candidate each candidate column names, by district.
    columns: HashMap<DistrictId, Vec<Option<CandidateId>>>,
}

impl RowReader<'_> {
    fn at(&self, row: &Row, col: usize) -> Location {
        Location::new(&self.file, row.line, col as u32 + 1)
    }

    fn row(&mut self, row: &Row, sink: &mut dyn Sink) {
        if row.is_blank() {
            return;
        }
        let l = &self.layout;
        if row.fields.len() != l.width {
            let extra_blank = row.fields.iter().skip(l.width).all(|f| f.trim().is_empty());
            if !(row.fields.len() > l.width && extra_blank) {
                let mut f = Finding::new(
                    Code::RaggedRow,
                    Some(Location::new(&self.file, row.line, 0)),
                    format!("the row has {} fields but the header has {}", row.fields.len(), l.width),
                );
                if let Some(p) = self.roster.precincts.get(&PrecinctId::parse(row.get(l.precinct))) {
                    f = f.at_precinct(&p.district, &p.id);
                }
                return sink.finding(f);
            }
        }
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
                let hint = self.suggest_precinct(&precinct);
                let mut f = Finding::new(
                    Code::UnknownPrecinct,
                    Some(self.at(row, l.precinct)),
                    format!(
                        "precinct \"{}\" is not in the roster{hint}{}",
                        shorten(precinct.as_str()),
                        if l.shape == Shape::Long {
                            "; its rows in this file are not counted"
                        } else {
                            "; the row is not counted"
                        }
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
        let mut part = Part {
            precinct,
            district,
            at: Location::new(&self.file, row.line, 0),
            entries: Vec::new(),
            unreadable: Vec::new(),
        };
        match l.shape {
            Shape::Wide => self.wide(row, &mut part, sink),
            Shape::Long => self.long(row, &mut part, sink),
        }
        sink.part(part);
    }

    fn suggest_precinct(&self, wanted: &PrecinctId) -> String {
        let strip = |s: &str| normalize(s.trim_start_matches('0'));
        let w = strip(wanted.as_str());
        let found = self.roster.precincts.keys().filter(|p| strip(p.as_str()) == w).min();
        match found {
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
                let hint = self.index.hint_in(self.roster, &part.district, label);
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
                let hint = self.index.hint_in(self.roster, &part.district, item);
                sink.finding(
                    Finding::new(
                        Code::UnregisteredCandidate,
                        Some(self.at(row, ic)),
                        format!(
                            "item \"{}\" is neither a protocol line nor a candidate registered in district {}{hint}",
                            shorten(item),
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
