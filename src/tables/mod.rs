//! The tables and their reading: the schema and one module per table, the
//! CSV loader, the checks, the dataset and its typed model, DataFrames,
//! export, the codebooks, the UCDP context package and synthetic data.
pub mod approaches;
pub(crate) mod cell;
pub mod codebook;
pub mod context;
pub mod dataset;
pub mod durations;
pub mod export;
pub mod frame;
pub mod load;
pub mod meetings;
pub mod missions;
pub mod model;
pub mod outcomes;
pub mod package;
pub mod processes;
pub(crate) mod records;
pub mod schema;
pub(crate) mod sessions;
pub mod sources;
pub mod sql;
pub mod synth;
pub mod table;
pub(crate) mod validate;
