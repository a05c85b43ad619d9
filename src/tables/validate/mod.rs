//! Cross-field and cross-table rules, checked once every file is parsed
//! (types, codes and required cells are checked while parsing, in
//! [`crate::tables::load`]).
//!
//! The rules only read the tables, so they run side by side on all cores:
//! each (table, rule) pair is a task. Loops resolve their columns once and
//! then walk them; keys are hashed with foldhash; quotes are found through
//! an index of each article, once per distinct passage; a phrase is normalized once
//! however many rows state it. That keeps checking a million meetings to a
//! fraction of the time it takes to read them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use foldhash::{HashMap, HashMapExt, HashSet};

use crate::base::codes::{Code, DurationKind, Held, OutcomeKind, Precision, UsRole};
use crate::base::dates::last_day;
use crate::error::{Error, Problem};
use crate::prose::text::fold_whitespace;
use crate::tables::schema::Kind;
use crate::tables::table::{TableData, Texts, Values};

mod durations;
mod rules;
#[cfg(test)]
mod tests;
#[allow(unused_imports)]
pub use durations::*;
#[allow(unused_imports)]
pub use rules::*;

/// Below this many rows in all, the rules run one after another: threads
/// would cost more than they save.
const PARALLEL_ROWS: usize = 50_000;

/// An article's folded text, indexed by the eight bytes at each position, so
/// finding a quote is a binary search and a comparison or two: a table
/// cites thousands of distinct passages, and building a substring searcher
/// for each costs more than the search itself. (A sorted list rather than a
/// map: one allocation, which matters when small packages load often.)
struct Article<'a> {
    text: &'a [u8],
    /// `(the eight bytes at a position, the position)`, sorted.
    at: Vec<([u8; 8], u32)>,
}
