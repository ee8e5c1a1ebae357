//! akim-tally: validates and tallies the precinct returns of Kazakhstan's rural akim elections.
//!
//! The data flows one way: bytes are decoded ([`input::decode`]), read as tables ([`input::table`]) whose
//! headers name protocol lines and candidates ([`input::header`]); rows become parts of precinct protocols
//! ([`input::returns`]), which are merged, checked ([`check`]) and summed per district ([`tally`]); each race is
//! then decided under a rule set ([`decide`], [`rules`]) and rendered ([`report`]).
//!
//! The deciding modules — [`model`], [`check`], [`tally`], [`decide`], [`rules`] — touch no file, terminal or
//! command line: they take values and return values. [`engine`] strings the steps together over bytes already
//! read. Only the binary opens files, prints, and picks exit codes.

#![deny(missing_docs)]
// A finding is the error of a reader; it is built once per problem, off the hot path, so its size does not matter.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod decide;
pub mod engine;
pub mod input;
pub mod model;
pub mod report;
pub mod rules;
pub mod tally;
