//! The `negotiations` crate, re-exported as one shared library for
//! notebooks: evcxr links each cell against this dylib, so every cell
//! shares one copy of the crate and of polars (faster to link, one global
//! state). Load it as `negotiations`:
//!
//! ```text
//! :dep negotiations = { package = "negotiations-notebook", path = "/path/to/repo/kernel" }
//! use negotiations::prelude::*;
//! ```

pub use negotiations::*;

// As the cell process loads this library (at the first cell, and again
// after the process restarts), a panic in a cell becomes one line naming
// the cell's line (negotiations::notebook::quiet_panics; it does nothing
// outside the negotiations kernel).
#[ctor::ctor(unsafe)]
fn quiet_panics() {
    negotiations::notebook::quiet_panics();
}
