//! The shipped data package holds together: the repaired article texts are
//! what the repair step produces; the codebooks, `data/README.md` and
//! `datapackage.json` are what the schema and data produce; the CSV headers
//! are the schema's columns in order.
//!
//! After an intended change, `NEGOTIATIONS_BLESS=1 cargo test` rewrites the
//! generated files instead of failing.

use std::path::Path;

use negotiations::{Dataset, TABLES, codebook};

use crate::common::{blessing, data_dir};

/// Compares a committed file with what it should be, or rewrites it when
/// blessing. Returns a description of the mismatch.
pub fn hold(path: &Path, expected: &str) -> Option<String> {
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    if actual == expected {
        return None;
    }
    if blessing() {
        std::fs::write(path, expected).unwrap();
        return None;
    }
    let line = actual
        .lines()
        .zip(expected.lines())
        .position(|(a, b)| a != b)
        .map_or(
            actual.lines().count().min(expected.lines().count()) + 1,
            |i| i + 1,
        );
    Some(format!(
        "{} differs from what it should be (first at line {line}); run NEGOTIATIONS_BLESS=1 cargo test if the change is intended",
        path.display()
    ))
}

#[test]
fn committed_sources_equal_the_repair_of_the_raw_articles() {
    let dir = data_dir();
    let pairs = negotiations::package::raw_files(&dir).unwrap();
    assert_eq!(pairs.len(), 5);
    let out = tempfile::tempdir().unwrap();
    negotiations::package::build_sources(&dir.join("raw"), out.path(), &pairs).unwrap();
    for (id, _) in &pairs {
        let fresh = std::fs::read_to_string(out.path().join(format!("{id}.txt"))).unwrap();
        let committed = std::fs::read_to_string(dir.join(format!("sources/{id}.txt"))).unwrap();
        assert!(
            fresh == committed,
            "data/sources/{id}.txt is not what `negotiations build-sources` produces"
        );
        assert!(!fresh.contains('鈥'), "{id} still has mojibake");
    }
    // Every file under data/sources/ is one of sources.csv's, and embedded.
    let mut listed: Vec<_> = pairs.iter().map(|(id, _)| format!("{id}.txt")).collect();
    let mut present: Vec<_> = std::fs::read_dir(dir.join("sources"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    listed.sort();
    present.sort();
    assert_eq!(listed, present);
}

#[test]
fn generated_docs_and_package_match_the_committed_files() {
    let data = Dataset::embedded().unwrap();
    let dir = data_dir();
    let mut errors = Vec::new();
    errors.extend(hold(
        &dir.join("datapackage.json"),
        &codebook::datapackage_json(),
    ));
    errors.extend(hold(
        &dir.join("README.md"),
        &codebook::data_readme(&data).unwrap(),
    ));
    for t in TABLES {
        let md = codebook::codebook(&data, t.name).unwrap();
        errors.extend(hold(&dir.join(format!("codebook/{}.md", t.name)), &md));
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// Independent of the generator: read the committed files as a reader
/// would and compare them with each other.
#[test]
fn codebook_datapackage_and_csv_headers_agree() {
    let dir = data_dir();
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("datapackage.json")).unwrap())
            .unwrap();
    let resources = package["resources"].as_array().unwrap();
    assert_eq!(resources.len(), 7);
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    for t in TABLES {
        let csv = std::fs::read_to_string(dir.join(t.file)).unwrap();
        let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        let rows = csv::Reader::from_path(dir.join(t.file))
            .unwrap()
            .records()
            .count();

        let res = resources.iter().find(|r| r["name"] == t.name).unwrap();
        assert_eq!(res["path"], t.file);
        let fields: Vec<&str> = res["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(header, fields, "{}: CSV header vs datapackage.json", t.file);

        // The codebook's column table lists the same columns, in order, with
        // the same types and allowed values as datapackage.json.
        let md = std::fs::read_to_string(dir.join(format!("codebook/{}.md", t.name))).unwrap();
        let coded: Vec<(String, String, String)> = md
            .lines()
            .filter(|l| l.starts_with("| `"))
            .map(|l| {
                let cells: Vec<&str> = l.split(" | ").collect();
                (
                    cells[0]
                        .trim_start_matches("| ")
                        .trim_matches('`')
                        .to_string(),
                    cells[1].to_string(),
                    cells[4].to_string(),
                )
            })
            .collect();
        let names: Vec<&str> = coded.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(names, header, "{}: codebook vs CSV header", t.name);
        for (f, (name, kind, allowed)) in res["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .zip(&coded)
        {
            let ty = f["type"].as_str().unwrap();
            let expected_kind = match (ty, f["constraints"]["enum"].is_array()) {
                ("string", true) => "enum",
                ("string", false) if kind.starts_with("list") => kind.as_str(),
                ("string", false) => "text",
                (other, _) => other,
            };
            assert_eq!(kind, expected_kind, "{}.{name}", t.name);
            if let Some(values) = f["constraints"]["enum"].as_array() {
                for v in values {
                    assert!(
                        allowed.contains(&format!("`{}`", v.as_str().unwrap())),
                        "{}.{name}: codebook lacks {v}",
                        t.name
                    );
                }
            }
        }
        assert!(
            md.contains(&format!("**Rows:** {rows} ")),
            "{}: codebook row count is not {rows}",
            t.name
        );
        assert!(
            readme.contains(&md.replace("# Codebook", "## Codebook")),
            "data/README.md lacks the {} codebook",
            t.name
        );
    }
}

#[test]
fn shipped_data_passes_and_the_embedded_copy_is_the_data_directory() {
    let embedded = Dataset::embedded().unwrap();
    let dir = Dataset::from_dir(data_dir()).unwrap();
    for t in TABLES {
        let a = embedded.table(t.name).unwrap();
        let b = dir.table(t.name).unwrap();
        assert_eq!(a.columns, b.columns, "{}", t.name);
    }
}

/// The fuzzer starts from `fuzz/seeds/` (written by `fuzz/make-seeds.py`):
/// each must be a valid package in the fuzz target's form (the tables in
/// `TABLES` order, then the articles), or the fuzzer spends its time on
/// inputs the loader refuses at the first line. They went stale once, when
/// `missions` joined the tables.
#[test]
fn fuzz_seeds_are_valid_packages() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut checked = 0;
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut files: Vec<(String, &[u8])> = Vec::new();
        for (i, part) in text.split("\n%%\n").enumerate() {
            match TABLES.get(i) {
                Some(t) => files.push((t.file.to_string(), part.as_bytes())),
                None => {
                    let (id, body) = part.split_once('\n').unwrap_or((part, ""));
                    files.push((format!("sources/{id}.txt"), body.as_bytes()));
                }
            }
        }
        let loaded = Dataset::from_memory(files.iter().map(|(n, b)| (n.as_str(), *b)));
        assert!(
            loaded.is_ok(),
            "{}: {}",
            path.display(),
            loaded.unwrap_err()
        );
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} seeds in {}", seeds.display());
}
