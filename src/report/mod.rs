//! Renderers of a results value: a table for a person, CSV and JSON for programs, and diagnostics in human form.
//!
//! They take values and return text; where the text goes is the command's business.

pub mod csv;
pub mod diagnostics;
pub mod html;
pub mod json;
pub mod nist;
pub mod statement;
pub mod table;
pub mod template;
pub mod text;
pub mod xlsx;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::decide::{DistrictResult, Races};

/// The name and version printed in every output.
pub const TOOL: &str = concat!("akim-tally ", env!("CARGO_PKG_VERSION"));

/// One input file, as reported in outputs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputFile {
    /// The path as the user gave it (with `/` separators).
    pub path: String,
    /// `roster`, `returns`, `rules` or `columns`.
    pub role: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// The encoding it was read in.
    pub encoding: Option<String>,
    /// The delimiter recognised.
    pub delimiter: Option<String>,
    /// `wide` or `long` (returns only).
    pub shape: Option<String>,
    /// The sheet read, in a workbook.
    pub sheet: Option<String>,
}

/// The choices made on the command line that shape a result, printed back so that `verify` can re-tally.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunOptions {
    /// The roster folder, as given.
    pub roster: String,
    /// The built-in rule set named (`--rules`), when one was; a rules file is an input.
    pub rules: Option<String>,
    /// Election day (`--election-date`).
    pub election_date: Option<String>,
    /// Precincts annulled by the commission (`--annul`), with the grounds given (blank: none).
    pub annul: BTreeMap<String, String>,
    /// Races the commission declared invalid (`--declare-invalid`), with the grounds given.
    pub declared_invalid: BTreeMap<String, String>,
    /// Lots recorded (`--tie-break`): district → candidate id.
    pub tie_breaks: BTreeMap<String, String>,
    /// Headers read past (`--ignore-column`), sorted.
    pub ignore_columns: Vec<String>,
    /// The encoding forced for the returns (`--encoding`).
    pub encoding: Option<String>,
    /// The sheet read from workbooks (`--sheet`), when one is named.
    pub sheet: Option<String>,
    /// The sheets read from workbooks, when more than one is named (`--sheet` repeated).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<String>,
}

/// The districts' results to write, a batch at a time: decided already (a list), or decided as they are written
/// ([`Races`]), so that the JSON and CSV results of a national election are never all held at once (250,000 races:
/// 300 MB).
pub trait DistrictResults: Sync {
    /// How many districts.
    fn count(&self) -> usize;
    /// The results of the districts at these places.
    fn batch(&self, places: Range<usize>) -> Cow<'_, [DistrictResult]>;
}

impl DistrictResults for [DistrictResult] {
    fn count(&self) -> usize {
        self.len()
    }

    fn batch(&self, places: Range<usize>) -> Cow<'_, [DistrictResult]> {
        Cow::Borrowed(&self[places])
    }
}

impl DistrictResults for Races<'_> {
    fn count(&self) -> usize {
        self.len()
    }

    fn batch(&self, places: Range<usize>) -> Cow<'_, [DistrictResult]> {
        Cow::Owned(self.decide(places))
    }
}

/// Districts decided (and, for the JSON results, rendered on one thread) per batch.
pub(crate) const DISTRICTS_PER_BATCH: usize = 1024;

/// The places of `count` districts in batches of [`DISTRICTS_PER_BATCH`], in order.
pub(crate) fn batches(count: usize) -> impl Iterator<Item = Range<usize>> {
    (0..count).step_by(DISTRICTS_PER_BATCH).map(move |k| k..count.min(k + DISTRICTS_PER_BATCH))
}

/// Formats a ratio as a fraction with six decimals, without going through floating point.
pub fn fraction6(r: &crate::decide::Ratio) -> String {
    let v = r.scaled(6);
    format!("{}.{:06}", v / 1_000_000, v % 1_000_000)
}
