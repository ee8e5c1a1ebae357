//! The vocabulary of an election: ids, checked counts, protocol lines, the roster (in `roster`), and where a value
//! came from.
//!
//! Nothing here reads a file or knows how a race is decided.

use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

mod commission;
mod roster;
pub mod unseen;

pub use commission::Commission;
pub use roster::*;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident($text:ty)) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub $text);

        impl Ord for $name {
            fn cmp(&self, other: &Self) -> Ordering {
                natural_cmp(&self.0, &other.0)
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
                Some(self.cmp(other))
            }
        }

        impl $name {
            /// Builds an id from text as typed: trimmed, a leading `№` dropped. `"0123"` stays distinct from `"123"`.
            pub fn parse(raw: &str) -> Self {
                Self(clean_id(raw).into())
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A rural district (one race), e.g. `01`. Its text is shared by its copies: the roster's precincts, findings
    /// and results each name their district (a national roster has 250,000 districts and a million precincts).
    DistrictId(Arc<str>)
);
id_type!(
    /// A precinct (polling station), unique across the roster.
    PrecinctId(String)
);
id_type!(
    /// A candidate, unique within their district.
    CandidateId(String)
);

/// Orders ids as a person would: runs of digits by their value (`2` before `10`), the rest by character; ids
/// that compare equal that way (`01` and `1`) by their text, so the order is total.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    // Byte by byte: UTF-8 byte order is code point order, and ASCII digits never occur inside a longer character.
    // Written as plain loops: ids are compared millions of times in ordered maps and sorts.
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let shorter = x.len().min(y.len());
    // Skip the common prefix (ids of one file share long ones), backing up to the start of a run of digits.
    let mut common = 0;
    while common < shorter && x[common] == y[common] {
        common += 1;
    }
    if common == x.len() && common == y.len() {
        return Ordering::Equal;
    }
    // The usual case: the first difference is inside two runs of digits that end at the same place (`P0017` and
    // `P0021`). The runs start together and are as long as each other, so the first differing digit decides.
    if common < shorter && x[common].is_ascii_digit() && y[common].is_ascii_digit() {
        let (mut ei, mut ej) = (common, common);
        while ei < x.len() && x[ei].is_ascii_digit() {
            ei += 1;
        }
        while ej < y.len() && y[ej].is_ascii_digit() {
            ej += 1;
        }
        if ei == ej {
            return x[common].cmp(&y[common]);
        }
    }
    while common > 0 && x[common - 1].is_ascii_digit() {
        common -= 1;
    }
    let (mut i, mut j) = (common, common);
    while i < x.len() && j < y.len() {
        let (p, q) = (x[i], y[j]);
        if p.is_ascii_digit() && q.is_ascii_digit() {
            let (mut ei, mut ej) = (i, j);
            while ei < x.len() && x[ei].is_ascii_digit() {
                ei += 1;
            }
            while ej < y.len() && y[ej].is_ascii_digit() {
                ej += 1;
            }
            let (nx, ny) = (trim_zeros(&x[i..ei]), trim_zeros(&y[j..ej]));
            let o = nx.len().cmp(&ny.len()).then_with(|| nx.cmp(ny));
            if o != Ordering::Equal {
                return o;
            }
            (i, j) = (ei, ej);
        } else if p != q {
            return p.cmp(&q);
        } else {
            (i, j) = (i + 1, j + 1);
        }
    }
    (x.len() - i).cmp(&(y.len() - j)).then_with(|| a.cmp(b))
}

fn trim_zeros(d: &[u8]) -> &[u8] {
    let n = d.iter().take_while(|&&c| c == b'0').count();
    &d[n..]
}

/// Trims an id and drops a leading `№` (with the space after it).
pub fn clean_id(raw: &str) -> &str {
    let t = raw.trim();
    match t.strip_prefix('№') {
        Some(rest) => rest.trim_start(),
        None => t,
    }
}

/// A vote or ballot count. Adding two counts never wraps: it is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Count(pub u64);

impl Count {
    /// The sum, or `None` when it does not fit.
    pub fn checked_add(self, other: Count) -> Option<Count> {
        self.0.checked_add(other.0).map(Count)
    }

    /// Sums counts, `None` on overflow.
    pub fn sum<I: IntoIterator<Item = Count>>(items: I) -> Option<Count> {
        items.into_iter().try_fold(Count(0), Count::checked_add)
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The lines of a precinct protocol other than candidate votes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Line {
    /// Voters on the list at the close of voting.
    VotersOnList,
    /// Ballots received by the precinct commission.
    BallotsReceived,
    /// Ballots issued (voters who took part).
    BallotsIssued,
    /// Part of `BallotsIssued`: issued to early voters.
    BallotsIssuedEarly,
    /// Part of `BallotsIssued`: issued in the polling room on the day.
    BallotsIssuedInPremises,
    /// Part of `BallotsIssued`: issued outside the polling room (mobile box).
    BallotsIssuedOutside,
    /// Unused ballots cancelled after voting.
    BallotsCancelled,
    /// Ballots found in the boxes.
    BallotsInBox,
    /// Part of `BallotsInBox`: ballots in portable boxes.
    BallotsInPortableBoxes,
    /// Part of `BallotsInBox`: ballots in stationary boxes.
    BallotsInStationaryBoxes,
    /// Invalid ballots.
    BallotsInvalid,
    /// Valid ballots.
    BallotsValid,
    /// Ballots lost.
    BallotsLost,
    /// Ballots not accounted for on receipt.
    BallotsUnaccounted,
    /// Votes "against all".
    AgainstAll,
    /// Written requests to vote outside the premises (the portable boxes may hold no more ballots).
    OutsideRequests,
    /// Voters who voted with absentee certificates.
    VotersWithAbsenteeCertificates,
}

impl Line {
    /// Every line, in protocol order.
    pub const ALL: [Line; 17] = [
        Line::VotersOnList,
        Line::BallotsReceived,
        Line::BallotsIssued,
        Line::BallotsIssuedEarly,
        Line::BallotsIssuedInPremises,
        Line::BallotsIssuedOutside,
        Line::BallotsCancelled,
        Line::BallotsInBox,
        Line::BallotsInPortableBoxes,
        Line::BallotsInStationaryBoxes,
        Line::BallotsInvalid,
        Line::BallotsValid,
        Line::BallotsLost,
        Line::BallotsUnaccounted,
        Line::AgainstAll,
        Line::OutsideRequests,
        Line::VotersWithAbsenteeCertificates,
    ];

    /// The canonical key, as written in headers and in long returns.
    pub fn key(self) -> &'static str {
        match self {
            Line::VotersOnList => "voters_on_list",
            Line::BallotsReceived => "ballots_received",
            Line::BallotsIssued => "ballots_issued",
            Line::BallotsIssuedEarly => "ballots_issued_early",
            Line::BallotsIssuedInPremises => "ballots_issued_in_premises",
            Line::BallotsIssuedOutside => "ballots_issued_outside",
            Line::BallotsCancelled => "ballots_cancelled",
            Line::BallotsInBox => "ballots_in_box",
            Line::BallotsInPortableBoxes => "ballots_in_portable_boxes",
            Line::BallotsInStationaryBoxes => "ballots_in_stationary_boxes",
            Line::BallotsInvalid => "ballots_invalid",
            Line::BallotsValid => "ballots_valid",
            Line::BallotsLost => "ballots_lost",
            Line::BallotsUnaccounted => "ballots_unaccounted",
            Line::AgainstAll => "against_all",
            Line::OutsideRequests => "outside_requests",
            Line::VotersWithAbsenteeCertificates => "voters_with_absentee_certificates",
        }
    }

    /// The line whose value is the sum of this part-line, if it is one.
    pub fn whole(self) -> Option<Line> {
        match self {
            Line::BallotsIssuedEarly | Line::BallotsIssuedInPremises | Line::BallotsIssuedOutside => {
                Some(Line::BallotsIssued)
            }
            Line::BallotsInPortableBoxes | Line::BallotsInStationaryBoxes => Some(Line::BallotsInBox),
            _ => None,
        }
    }

    /// The part-lines of a whole line (empty for lines without parts).
    pub fn parts(self) -> &'static [Line] {
        match self {
            Line::BallotsIssued => {
                &[Line::BallotsIssuedEarly, Line::BallotsIssuedInPremises, Line::BallotsIssuedOutside]
            }
            Line::BallotsInBox => &[Line::BallotsInPortableBoxes, Line::BallotsInStationaryBoxes],
            _ => &[],
        }
    }
}

/// A whole line's value: given, or the sum of its parts when the whole is not given and some part is
/// (`None` when nothing is given, or the sum overflows).
pub fn whole_of(line: Line, get: impl Fn(Line) -> Option<Count>) -> Option<Count> {
    get(line).or_else(|| {
        let mut parts = line.parts().iter().filter_map(|p| get(*p)).peekable();
        parts.peek()?;
        Count::sum(parts)
    })
}

impl serde::Serialize for Line {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> serde::Deserialize<'de> for Line {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let key = String::deserialize(d)?;
        Line::ALL
            .iter()
            .copied()
            .find(|l| l.key() == key)
            .ok_or_else(|| serde::de::Error::custom(format!("\"{key}\" is not a protocol line")))
    }
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Where a value came from: a file (and, in a workbook, a sheet), a 1-based line as an editor shows it (the row
/// number in a sheet), and a 1-based column (0: the whole line).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file as the user named it.
    pub file: Arc<str>,
    /// The sheet, in a workbook.
    pub sheet: Option<Arc<str>>,
    /// 1-based line (0: the file as a whole).
    pub line: u32,
    /// 1-based column (0: the whole line).
    pub column: u32,
}

impl Location {
    /// A place in a text file.
    pub fn new(file: &Arc<str>, line: u32, column: u32) -> Self {
        Location { file: Arc::clone(file), sheet: None, line, column }
    }

    /// The file as a whole.
    pub fn file(file: &Arc<str>) -> Self {
        Location::new(file, 0, 0)
    }
}

/// A file, or a sheet of a workbook: where the rows of a table come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The file as the user named it.
    pub file: Arc<str>,
    /// The sheet, in a workbook.
    pub sheet: Option<Arc<str>>,
}

impl Origin {
    /// A text file.
    pub fn file(file: &Arc<str>) -> Self {
        Origin { file: Arc::clone(file), sheet: None }
    }

    /// A place in it.
    pub fn at(&self, line: u32, column: u32) -> Location {
        Location { file: Arc::clone(&self.file), sheet: self.sheet.clone(), line, column }
    }
}

/// A spreadsheet column's letters: 1 → `A`, 27 → `AA`.
pub fn column_letters(mut column: u32) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let rem = (column - 1) % 26;
        letters.push(b'A' + rem as u8);
        column = (column - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.sheet, self.line, self.column) {
            (_, 0, _) => write!(f, "{}", self.file),
            (Some(s), l, 0) => write!(f, "{}:{s}!{l}:{l}", self.file),
            (Some(s), l, c) => write!(f, "{}:{s}!{}{l}", self.file, column_letters(c)),
            (None, l, 0) => write!(f, "{}:{}", self.file, l),
            (None, l, c) => write!(f, "{}:{}:{}", self.file, l, c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The order as a person states it, for checking the fast one: cut both ids into runs of digits and single
    /// other bytes; runs of digits compare by value, other bytes by byte; an id that runs out first comes first;
    /// ids equal that way compare by their text.
    fn reference_natural_cmp(a: &str, b: &str) -> Ordering {
        fn pieces(s: &str) -> Vec<&[u8]> {
            let mut out = Vec::new();
            let mut rest = s.as_bytes();
            while let Some(first) = rest.first() {
                let n = if first.is_ascii_digit() { rest.iter().take_while(|c| c.is_ascii_digit()).count() } else { 1 };
                out.push(&rest[..n]);
                rest = &rest[n..];
            }
            out
        }
        let value = |d: &[u8]| {
            let n = d.iter().take_while(|&&c| c == b'0').count();
            d[n..].to_vec()
        };
        let (x, y) = (pieces(a), pieces(b));
        for (p, q) in x.iter().zip(&y) {
            let o = if p[0].is_ascii_digit() && q[0].is_ascii_digit() {
                let (vp, vq) = (value(p), value(q));
                vp.len().cmp(&vq.len()).then_with(|| vp.cmp(&vq))
            } else {
                p[0].cmp(&q[0])
            };
            if o != Ordering::Equal {
                return o;
            }
        }
        x.len().cmp(&y.len()).then_with(|| a.cmp(b))
    }

    proptest::proptest! {
        #[test]
        fn the_fast_order_is_the_reference_order(a in "[a0-9-]{0,12}", b in "[a0-9-]{0,12}") {
            proptest::prop_assert_eq!(natural_cmp(&a, &b), reference_natural_cmp(&a, &b));
        }
    }

    #[test]
    fn orders_ids_naturally_and_totally() {
        let mut ids: Vec<DistrictId> =
            ["10", "2", "1", "01", "a10", "a9", "Ә", "b"].iter().map(|s| DistrictId::parse(s)).collect();
        ids.sort();
        let got: Vec<&str> = ids.iter().map(|d| d.as_str()).collect();
        assert_eq!(got, ["01", "1", "2", "10", "a9", "a10", "b", "Ә"]);
        assert_eq!(natural_cmp("R|10 A|9", "R|10 A|10"), Ordering::Less);
        assert_eq!(natural_cmp("R|109", "R|11"), Ordering::Greater);
        assert_eq!(natural_cmp("x19", "x2"), Ordering::Greater);
        assert_ne!(DistrictId::parse("01"), DistrictId::parse("1"));
        assert_eq!(PrecinctId::parse(" № 0123 ").as_str(), "0123");
    }

    #[test]
    fn shows_places_as_editors_and_spreadsheets_do() {
        let f: Arc<str> = "r.csv".into();
        assert_eq!(Location::new(&f, 3, 9).to_string(), "r.csv:3:9");
        assert_eq!(Location::new(&f, 3, 0).to_string(), "r.csv:3");
        let book = Origin { file: "r.xlsx".into(), sheet: Some("Лист1".into()) };
        assert_eq!(book.at(7, 4).to_string(), "r.xlsx:Лист1!D7");
        assert_eq!(book.at(7, 0).to_string(), "r.xlsx:Лист1!7:7");
        assert_eq!(
            (column_letters(26), column_letters(27), column_letters(703)),
            ("Z".into(), "AA".into(), "AAA".into())
        );
    }
}
