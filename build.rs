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
    println!("cargo::rerun-if-changed=data/sources");
    let texts = std::path::Path::new("data/sources");
    if texts.join("kissinger_echo.txt").is_file() {
        println!("cargo::rustc-cfg=embedded_texts");
    }
}
