//! akim-tally: validates and tallies the precinct returns of Kazakhstan's rural akim elections.
//!
//! The data flows one way: bytes are decoded ([`input::decode`]), read as tables ([`input::table`]) whose
//! headers name protocol lines and candidates ([`input::header`]); rows become parts of precinct protocols
//! ([`protocol`], read by [`input::returns`]), which are merged, checked ([`check`]) and summed per district
//! ([`aggregate`]); each race is then decided under a rule set ([`decide`], [`rules`]) and rendered ([`report`]).
//!
//! The core — [`model`], [`protocol`], [`check`], [`aggregate`], [`decide`], [`rules`] — touches no file,
//! terminal or command line, and imports neither the readers nor the renderers: it takes values and returns
//! values. [`pipeline`] strings the steps together over bytes already read. Only the binary opens files, prints,
//! and picks exit codes.

#![deny(missing_docs)]
// A finding is the error of a reader; it is built once per problem, off the hot path, so its size does not matter.
#![allow(clippy::result_large_err)]

pub mod aggregate;
pub mod check;
pub mod decide;
pub mod input;
pub mod model;
pub mod pipeline;
pub mod protocol;
pub mod report;
pub mod rules;
