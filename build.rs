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
    // Whether the texts are there is all this script reads, so it watches
    // the one text it looks for and itself. A file, not the directory:
    // the notebook kernel's cargo-free cells replay only while every
    // watched path is a file. (Watching build.rs alone let a build of the
    // published crate that shares a target directory with a clone reuse
    // the clone's answer, and then miss the texts.)
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=data/sources/kissinger_echo.txt");
    let texts = std::path::Path::new("data/sources");
    if texts.join("kissinger_echo.txt").is_file() {
        println!("cargo::rustc-cfg=embedded_texts");
    }
}
