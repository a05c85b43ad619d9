//! Adding to a data directory: typed row builders appended and checked
//! ([`rows`]), and candidate rows found in a new article ([`extract`]).
pub mod extract;
pub mod rows;
