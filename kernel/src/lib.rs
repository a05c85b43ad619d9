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
