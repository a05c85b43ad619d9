//! What the commands share: loading the data, writing the output.

use super::args::DataArg;
use negotiations::export::{self};
use negotiations::polars::prelude::DataFrame;
use negotiations::{Dataset, Error};
use std::io::Write;
use std::path::Path;

pub(crate) fn load(data: &DataArg) -> Result<Dataset, Error> {
    match &data.data {
        Some(dir) => Dataset::from_dir(dir),
        None => Dataset::embedded(),
    }
}

/// The data directory a command writes into: `--data DIR`, required.
pub(crate) fn data_dir<'a>(data: &'a DataArg, command: &str) -> Result<&'a Path, Error> {
    data.data.as_deref().ok_or_else(|| {
        Error::Invalid(format!(
            "{command} writes into a data directory: give --data DIR (a copy of the shipped data/, say)"
        ))
    })
}

/// Writes to `out` (atomically) or standard output.
pub(crate) fn emit(bytes: &[u8], out: Option<&Path>) -> Result<(), Error> {
    match out {
        Some(path) => negotiations::io::write_atomic(path, bytes),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|_| stdout.flush())
                .map_err(|e| Error::io("<stdout>", e))
        }
    }
}

pub(crate) fn json_error(e: serde_json::Error) -> Error {
    Error::Write {
        format: "JSON",
        message: e.to_string(),
    }
}

/// A frame's rows as JSON values.
pub(crate) fn frame_rows(df: &DataFrame) -> Result<serde_json::Value, Error> {
    serde_json::from_slice(&export::frame_json(df)?).map_err(json_error)
}
