//! Whether the article texts are built into the crate.
//!
//! A clone of the repository has them (`data/sources/`), so the built-in
//! data checks every quote against its article. The published crate
//! leaves them out: the articles are other publishers' work, shipped in the
//! repository only to check the quotes (`THIRD-PARTY.md`, `data/README.md`).
//! Without them `Dataset::embedded()` holds the tables and says its quotes
//! are unchecked; `negotiations check --data DIR` with a directory that has
//! `sources/` checks them.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(embedded_texts)");
    // Only this file: the texts are there in a clone and absent from the
    // published crate, and never change sides; a change to a text rebuilds
    // the crate anyway (it is `include_bytes!`'d). Watching the directory
    // would also turn off the notebook kernel's cargo-free cells, which
    // replay only while every watched path is a file.
    println!("cargo::rerun-if-changed=build.rs");
    let texts = std::path::Path::new("data/sources");
    if texts.join("kissinger_echo.txt").is_file() {
        println!("cargo::rustc-cfg=embedded_texts");
    }
}
