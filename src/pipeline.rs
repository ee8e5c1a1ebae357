//! The whole path from the bytes of the inputs to decided races, with no file system: the binary reads the
//! files and hands their bytes here; tests and fuzzers do the same.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

use crate::check::{Code, Detail, Finding, IoTrouble, Scope};
use crate::decide::{Decisions, DistrictResult, decide};
use std::io::Read;

use sha2::{Digest, Sha256};

use crate::input::decode::{decode, detect};
pub use crate::input::unreadable;
use std::sync::mpsc::{Receiver, SyncSender};

use crate::aggregate::{Assembly, CountedRun, OneByOne, RunAll, Totals};
use crate::input::returns::{CandidateIndex, FileInfo, ReadOptions, Reading, read_returns};
use crate::input::roster::{RosterFile, RosterRead, read_files};
use crate::input::stream::Decoding;
use crate::input::table::Body;
use crate::input::workbook;
use crate::model::{Location, Origin, PrecinctId, Roster};
use crate::protocol::{Entry, Item, Part, Sink};
use crate::rules::RuleSet;

/// A file's name and bytes.
#[derive(Clone, Debug)]
pub struct Source {
    /// The file as the user named it.
    pub name: Arc<str>,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// A returns file to read once, from start to end: its name and its bytes as they are read.
pub struct ReturnsInput<'a> {
    /// The file as the user named it.
    pub name: Arc<str>,
    /// Its bytes.
    pub reader: Box<dyn Read + Send + 'a>,
    /// Whether it was found in a folder (one that is no table of returns is then read past; see `read_returns`).
    pub in_folder: bool,
}

impl Source {
    /// This source as a returns file to read.
    pub fn input(&self) -> ReturnsInput<'_> {
        ReturnsInput { name: Arc::clone(&self.name), reader: Box::new(&self.bytes[..]), in_folder: false }
    }
}

/// How one returns file was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReturnsMeta {
    /// The file's SHA-256, as lowercase hex.
    pub sha256: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// The encoding of a text file (`None` for a workbook).
    pub encoding: Option<&'static str>,
    /// Whether the encoding was recognised rather than given.
    pub detected: bool,
    /// The sheets of a workbook read as returns (`, ` between them).
    pub sheet: Option<String>,
    /// Shape, delimiter and what was read past, when its header could be read.
    pub info: Option<FileInfo>,
    /// Whether it was read past: a file of a folder that is no table of returns.
    pub not_returns: bool,
    /// The sheets of a workbook read past: no table of returns.
    pub sheets_read_past: Vec<String>,
}

/// The roster's sources, given to [`load_roster`] to read and let go.
pub struct RosterSources {
    /// `precincts.csv`.
    pub precincts: Source,
    /// `candidates.csv`.
    pub candidates: Source,
    /// `districts.csv`, if the roster has one.
    pub districts: Option<Source>,
}

/// How many bytes of a text file are looked at to recognise its encoding (the whole file when it is smaller).
pub const SNIFF_BYTES: usize = 4 << 20;

/// A reader that hashes and counts what passes through it.
struct Hashing<'a> {
    inner: Box<dyn Read + Send + 'a>,
    hasher: Sha256,
    bytes: u64,
}

impl Read for Hashing<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

impl Hashing<'_> {
    /// Reads up to `limit` bytes (fewer only at the end of the file).
    fn read_up_to(&mut self, limit: usize) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        (&mut *self).take(limit as u64).read_to_end(&mut out)?;
        Ok(out)
    }

    /// Reads what is left (so that the hash covers the whole file) and gives the hash and the size.
    fn finish(mut self) -> std::io::Result<(String, u64)> {
        std::io::copy(&mut self, &mut std::io::sink())?;
        Ok((crate::input::hex(&self.hasher.finalize()), self.bytes))
    }
}

/// Reads one returns file into `sink`: a workbook by its signature (whatever the file is called), otherwise
/// text in the encoding given or recognised from its first [`SNIFF_BYTES`], decoded as it is read. `Err` is a
/// finding that stops the run (exit code 2): the file cannot be read, or is not text in a known encoding.
fn read_one(
    input: ReturnsInput,
    roster: &Roster,
    index: &CandidateIndex,
    options: &ReadOptions,
    assembly: &mut dyn Sink,
) -> Result<ReturnsMeta, Finding> {
    let name = input.name;
    let fail = |detail: Detail| Finding::new(Code::NotText, Some(Location::file(&name)), detail).scoped(Scope::All);
    let mut hashing = Hashing { inner: input.reader, hasher: Sha256::new(), bytes: 0 };
    let mut ahead = hashing.read_up_to(SNIFF_BYTES).map_err(|e| unreadable(&name, IoTrouble::of(&e)))?;
    let mut sheets_read_past = Vec::new();
    let (encoding, detected, sheet, info) = if let Some(kind) = workbook::kind(&ahead) {
        hashing.read_to_end(&mut ahead).map_err(|e| unreadable(&name, IoTrouble::of(&e)))?;
        let sheets = workbook::read_sheets(&ahead, &options.sheets)
            .map_err(|trouble| fail(Detail::WorkbookUnreadable { trouble, kind }))?;
        drop(ahead);
        // Every visible sheet is read (one sheet per district is the natural layout); with no sheet named, one
        // that is no table of returns (a cover page, a list of members) is read past.
        let several = options.sheets.is_empty() && sheets.len() > 1;
        let (mut read, mut info) = (Vec::new(), Reading::NotReturns);
        for sheet in sheets {
            let sheet_name = sheet.name.clone();
            let origin = Origin { file: Arc::clone(&name), sheet: Some(sheet_name.as_str().into()) };
            let how = (None, input.in_folder || several);
            match read_returns(origin, Body::Sheet(sheet), "", roster, index, options, assembly, how)? {
                Reading::NotReturns => sheets_read_past.push(sheet_name),
                this => {
                    read.push(sheet_name);
                    info = info.and(this);
                }
            }
        }
        (None, true, Some(read.join(", ")).filter(|s| !s.is_empty()), info)
    } else {
        let complete = ahead.len() < SNIFF_BYTES;
        let d = detect(&ahead, complete, options.encoding).map_err(|t| fail(Detail::NotText(t)))?;
        ahead.drain(..d.bom);
        let source = Decoding::new(&mut hashing, ahead, d.encoding, d.name);
        let body = Body::Stream { source: Box::new(source), legacy: d.legacy };
        // The rows are cut into fields on a thread of their own while the rows before are checked.
        let info = std::thread::scope(|beside| {
            let how = (Some(beside), input.in_folder);
            read_returns(Origin::file(&name), body, d.name, roster, index, options, assembly, how)
        })?;
        (Some(d.name), d.detected, None, info)
    };
    let (sha256, bytes) = hashing.finish().map_err(|e| unreadable(&name, IoTrouble::of(&e)))?;
    let not_returns = info == Reading::NotReturns;
    let info = match info {
        Reading::Returns(i) => Some(i),
        _ => None,
    };
    Ok(ReturnsMeta { sha256, bytes, encoding, detected, sheet, info, not_returns, sheets_read_past })
}

/// A roster read, with how its files were read and its warnings.
pub struct LoadedRoster {
    /// The roster.
    pub roster: Roster,
    /// The encoding of each file, in the order of [`RosterSources`].
    pub encodings: Vec<&'static str>,
    /// The SHA-256 of each file, as lowercase hex, in the same order.
    pub sha256: Vec<String>,
    /// Warnings (names a reader could confuse, title rows, destroyed letters).
    pub warnings: Vec<Finding>,
}

/// Reads the roster, hashing its files beside. `Err` holds every problem found (the run cannot go on: exit code
/// 2). The files are let go as soon as they are read, before the candidates are registered: a national roster's
/// files are a hundred megabytes.
pub fn load_roster(sources: RosterSources) -> Result<LoadedRoster, Vec<Finding>> {
    let RosterSources { precincts, candidates, districts } = sources;
    let files: Vec<Source> = [Some(precincts), Some(candidates), districts].into_iter().flatten().collect();
    let hash_all = || files.iter().map(|s| crate::input::sha256_hex(&s.bytes)).collect::<Vec<String>>();
    let (read, sha256) = std::thread::scope(|scope| {
        let hashing = scope.spawn(hash_all);
        let read = read_roster_files(&files);
        (read, hashing.join().unwrap_or_else(|_| hash_all()))
    });
    drop(files);
    let (read, encodings) = read?;
    let (roster, warnings) = read.register()?;
    Ok(LoadedRoster { roster, encodings, sha256, warnings })
}

/// Decodes the roster's files (`precincts.csv`, `candidates.csv`, and `districts.csv` when given, in this order)
/// and reads them, giving what was read with each file's encoding, or the files that are not text or workbooks.
fn read_roster_files(files: &[Source]) -> Result<(RosterRead, Vec<&'static str>), Vec<Finding>> {
    let mut errors = Vec::new();
    let mut texts = Vec::new();
    // A roster file may be a workbook (its first visible sheet is read), or text in any encoding the returns take.
    let mut sheets = Vec::new();
    for s in files {
        let not_text = |detail: Detail| Finding::new(Code::NotText, Some(Location::file(&s.name)), detail);
        if let Some(kind) = workbook::kind(&s.bytes) {
            match workbook::read_sheets(&s.bytes, &[]) {
                Ok(read) => {
                    let sheet = read.into_iter().next();
                    let cells = sheet.iter().flat_map(|s| &s.rows).flat_map(|(_, cells)| cells);
                    errors.extend(roster_too_large(&s.name, cells.map(String::len).sum()));
                    sheets.push(sheet);
                }
                Err(trouble) => errors.push(not_text(Detail::WorkbookUnreadable { trouble, kind }).scoped(Scope::All)),
            }
            texts.push(None);
            continue;
        }
        sheets.push(None);
        match decode(&s.bytes, None) {
            Ok(d) => {
                errors.extend(roster_too_large(&s.name, d.text.len()));
                texts.push(Some(d));
            }
            Err(e) => errors.push(not_text(Detail::NotText(e)).scoped(Scope::All)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let file = |i: usize| RosterFile {
        name: Arc::clone(&files[i].name),
        encoding: texts[i].as_ref().map_or(("workbook", false), |t| (t.encoding, t.legacy)),
        text: texts[i].as_ref().map_or("", |t| &t.text),
        sheet: sheets[i].as_ref(),
    };
    let p = file(0);
    let c = file(1);
    let d = (files.len() > 2).then(|| file(2));
    // candidates.csv is read on a thread of its own while precincts.csv is read, each cut into fields beside.
    let read = std::thread::scope(|beside| read_files(&p, &c, d.as_ref(), Some(beside)));
    let encodings = texts.iter().map(|t| t.as_ref().map_or("workbook", |t| t.encoding)).collect();
    Ok((read, encodings))
}

/// The most text a roster file may hold: the roster keeps places in its text as 32-bit numbers (a whole country's
/// roster is about 100 MiB).
const MAX_ROSTER_TEXT: usize = 1 << 31;

/// An error (E101) for a roster file holding `text` bytes of text, when that is more than [`MAX_ROSTER_TEXT`].
fn roster_too_large(name: &Arc<str>, text: usize) -> Option<Finding> {
    (text > MAX_ROSTER_TEXT).then(|| {
        let (mib, limit_mib) = ((text >> 20) as u64, (MAX_ROSTER_TEXT >> 20) as u64);
        Finding::new(Code::FileUnreadable, Some(Location::file(name)), Detail::RosterTooLarge { mib, limit_mib })
            .scoped(Scope::All)
    })
}

/// Reads and checks returns against a roster. `Err` holds the files that cannot be read (exit code 2).
pub fn check_returns(
    roster: &Roster,
    sources: &[Source],
    options: &ReadOptions,
    annulled: &BTreeSet<PrecinctId>,
) -> Result<(Totals, Vec<ReturnsMeta>), Vec<Finding>> {
    check_inputs(roster, sources.iter().map(Source::input).collect(), options, annulled)
}

/// Reads and checks returns files against a roster, each read once from start to end.
pub fn check_inputs(
    roster: &Roster,
    inputs: Vec<ReturnsInput>,
    options: &ReadOptions,
    annulled: &BTreeSet<PrecinctId>,
) -> Result<(Totals, Vec<ReturnsMeta>), Vec<Finding>> {
    let index = CandidateIndex::new(roster);
    let mut assembly = Assembly::new(roster.precincts.len());
    let mut metas = Vec::new();
    let mut errors = Vec::new();
    let mut done = |result: Result<ReturnsMeta, Finding>| match result {
        Ok(meta) => metas.push(meta),
        Err(f) => errors.push(f),
    };
    let jobs = options.jobs.max(1).min(inputs.len());
    if jobs <= 1 {
        for input in inputs {
            done(read_one(input, roster, &index, options, &mut assembly));
        }
    } else {
        // Files are read by `jobs` threads (file k by thread k mod jobs); what each file gives is applied to the
        // assembly here, file after file in their order, so that the result is the one a single reader gives.
        // Each file's batches come back empty once applied, to be filled again: the memory of a batch is used
        // again rather than given back and asked for anew on another thread.
        let mut receivers = Vec::new();
        let mut queues: Vec<Vec<(ReturnsInput, Forward)>> = (0..jobs).map(|_| Vec::new()).collect();
        for (k, input) in inputs.into_iter().enumerate() {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(Forward::DEPTH);
            let (spent_tx, spent) = std::sync::mpsc::sync_channel::<Batch>(Forward::DEPTH + 2);
            receivers.push((rx, spent_tx));
            queues[k % jobs].push((input, Forward { tx, spent, batch: Batch::default() }));
        }
        let index = &index;
        std::thread::scope(|scope| {
            for queue in queues {
                scope.spawn(move || {
                    for (input, mut sink) in queue {
                        let result = read_one(input, roster, index, options, &mut sink);
                        sink.send();
                        let _ = sink.tx.send(Batch { end: Some(result), ..Batch::default() });
                    }
                });
            }
            for (rx, spent) in receivers {
                while let Ok(mut batch) = rx.recv() {
                    if let Some(result) = batch.replay(&mut assembly) {
                        done(result);
                        break;
                    }
                    let _ = spent.try_send(batch);
                }
            }
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let runs = Threads(options.jobs);
    Ok((assembly.finish(roster, annulled, &options.requirements, options.keep_protocols, &runs), metas))
}

/// The runs of districts counted on up to this many threads at once (the threads of the run live here, in the
/// pipeline; the count itself is sequential).
struct Threads(usize);

impl RunAll for Threads {
    fn jobs(&self) -> usize {
        self.0
    }

    fn run(&self, runs: Vec<Range<usize>>, count: &(dyn Fn(Range<usize>) -> CountedRun + Sync)) -> Vec<CountedRun> {
        if runs.len() <= 1 {
            return OneByOne.run(runs, count);
        }
        std::thread::scope(|scope| {
            let handles: Vec<_> = runs.into_iter().map(|run| scope.spawn(move || count(run))).collect();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
        })
    }
}

/// What a file being read on another thread gives, in the order it gave it. An event is small (a file's start and
/// a finding are boxed, the values are ranges of the batch's lists), because a file gives one per row.
enum Event {
    File(Box<(Origin, Option<u32>, Vec<crate::model::Line>)>),
    Part { precinct: u32, district: u32, line: u32, entries: std::ops::Range<u32>, unreadable: std::ops::Range<u32> },
    Finding(Box<Finding>),
}

/// Events in a batch, their values kept together; the last batch of a file holds how the file was read.
#[derive(Default)]
struct Batch {
    events: Vec<Event>,
    entries: Vec<Entry>,
    unreadable: Vec<Item>,
    end: Option<Result<ReturnsMeta, Finding>>,
}

impl Batch {
    /// Gives the events to `sink`, in their order, leaving the batch empty; then how the file was read, if this is
    /// its last batch.
    fn replay(&mut self, sink: &mut dyn Sink) -> Option<Result<ReturnsMeta, Finding>> {
        for e in self.events.drain(..) {
            match e {
                Event::File(file) => sink.file(&file.0, file.1, &file.2),
                Event::Part { precinct, district, line, entries, unreadable } => sink.part(Part {
                    precinct,
                    district,
                    line,
                    entries: &self.entries[entries.start as usize..entries.end as usize],
                    unreadable: &self.unreadable[unreadable.start as usize..unreadable.end as usize],
                }),
                Event::Finding(f) => sink.finding(*f),
            }
        }
        self.entries.clear();
        self.unreadable.clear();
        self.end.take()
    }
}

/// A sink that sends what it is given to the thread that keeps the assembly, in batches, and fills again the
/// batches that come back.
struct Forward {
    tx: SyncSender<Batch>,
    spent: Receiver<Batch>,
    batch: Batch,
}

impl Forward {
    const EVENTS: usize = 1024;
    /// How many batches may wait to be applied.
    const DEPTH: usize = 16;

    fn send(&mut self) {
        if !self.batch.events.is_empty() {
            let next = self.spent.try_recv().unwrap_or_else(|_| Batch {
                events: Vec::with_capacity(Self::EVENTS),
                entries: Vec::with_capacity(self.batch.entries.len()),
                ..Batch::default()
            });
            let _ = self.tx.send(std::mem::replace(&mut self.batch, next));
        }
    }

    fn push(&mut self, e: Event) {
        self.batch.events.push(e);
        if self.batch.events.len() >= Self::EVENTS {
            self.send();
        }
    }
}

impl Sink for Forward {
    fn file(&mut self, origin: &Origin, value_column: Option<u32>, lines: &[crate::model::Line]) {
        self.push(Event::File(Box::new((origin.clone(), value_column, lines.to_vec()))));
    }

    fn part(&mut self, part: Part<'_>) {
        // A batch holds at most EVENTS parts, each of at most a row's values: its lists stay far below u32::MAX.
        let at = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        let e = at(self.batch.entries.len());
        self.batch.entries.extend_from_slice(part.entries);
        let u = at(self.batch.unreadable.len());
        self.batch.unreadable.extend_from_slice(part.unreadable);
        self.push(Event::Part {
            precinct: part.precinct,
            district: part.district,
            line: part.line,
            entries: e..at(self.batch.entries.len()),
            unreadable: u..at(self.batch.unreadable.len()),
        });
    }

    fn finding(&mut self, finding: Finding) {
        self.push(Event::Finding(Box::new(finding)));
    }
}

/// Reads and checks returns files against a roster for a rule set (which says what every protocol must give).
pub fn check(
    roster: &Roster,
    sources: Vec<ReturnsInput>,
    options: &ReadOptions,
    annulled: &BTreeSet<PrecinctId>,
    rules: &RuleSet,
) -> Result<(Totals, Vec<ReturnsMeta>), Vec<Finding>> {
    // What a protocol must give is the rule set's to say, whatever the options were made with.
    let options = ReadOptions { requirements: rules.requirements(), ..options.clone() };
    check_inputs(roster, sources, &options, annulled)
}

/// Checks the returns and decides every race.
pub fn run(
    roster: &Roster,
    sources: Vec<ReturnsInput>,
    options: &ReadOptions,
    annulled: &BTreeSet<PrecinctId>,
    rules: &RuleSet,
    decisions: &Decisions,
) -> Result<(Vec<DistrictResult>, Totals, Vec<ReturnsMeta>), Vec<Finding>> {
    let (t, metas) = check(roster, sources, options, annulled, rules)?;
    Ok((decide(roster, &t, rules, decisions), t, metas))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::text::{Lang, finding};

    #[test]
    fn an_event_is_the_size_of_a_rows_part() {
        // A file gives an event per row: what is rarer than a row is boxed, so that an event costs what a part does.
        assert_eq!(std::mem::size_of::<Event>(), 32);
    }

    #[test]
    fn a_roster_file_with_more_text_than_its_places_can_count_is_refused() {
        let name: Arc<str> = "precincts.csv".into();
        assert!(roster_too_large(&name, MAX_ROSTER_TEXT).is_none());
        let f = roster_too_large(&name, MAX_ROSTER_TEXT + (5 << 20)).expect("refused");
        assert_eq!((f.code, f.is_error(), f.scope.clone()), (Code::FileUnreadable, true, Scope::All));
        assert_eq!(f.location.as_ref().map(|l| l.file.as_ref()), Some("precincts.csv"));
        assert!(finding(&f, Lang::En).contains("2053 MiB of text, more than a roster can (2048 MiB"));
        assert!(finding(&f, Lang::Ru).contains("2053 МиБ"));
        assert!(finding(&f, Lang::Kk).contains("2053 мебибайт"));
    }
}
