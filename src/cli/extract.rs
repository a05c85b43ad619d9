//! `extract` and `append`: candidate rows from an article, and rows appended.

use super::args::*;
use super::common::*;
use negotiations::export::{self, Format};
use negotiations::{Error, TABLES};

pub(crate) fn extract(args: ExtractArgs) -> Result<(), Error> {
    let ExtractArgs {
        source,
        format,
        accept,
        process,
        draft,
        data,
    } = args;
    let d = load(&data)?;
    let found = negotiations::extract::article(&d, &source)?;
    if !accept.is_empty() {
        let dir = data_dir(&data, "extract --accept")?;
        let numbers: Vec<usize> = if accept.iter().any(|a| a == "all") {
            found
                .candidates
                .iter()
                .filter(|c| c.draft.is_some())
                .map(|c| c.number)
                .collect()
        } else {
            accept
                .iter()
                .map(|a| {
                    a.trim().parse::<usize>().map_err(|_| {
                        Error::Invalid(format!("--accept: {a:?} is not a candidate number"))
                    })
                })
                .collect::<Result<_, _>>()?
        };
        let rows = found.accepted(&numbers)?;
        let after = found.accept(dir, &numbers, process.as_deref())?;
        println!(
            "appended {} rows to {} and checked it: {}",
            rows.len(),
            dir.display(),
            rows.iter()
                .map(|r| format!("{} {}", r.table().name, r.id()))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut counts = Vec::new();
        for t in TABLES {
            counts.push(format!("{} {}", after.table(t.name)?.height(), t.name));
        }
        println!("ok: {}", counts.join(", "));
        return Ok(());
    }
    if let Some(path) = draft {
        for table in ["meetings", "durations", "outcomes"] {
            let n = found
                .drafts
                .iter()
                .filter(|r| r.table().name == table)
                .count();
            if n == 0 {
                continue;
            }
            let stem = path
                .file_stem()
                .map_or("drafts".into(), |s| s.to_string_lossy());
            let ext = path
                .extension()
                .map_or("csv".into(), |s| s.to_string_lossy());
            let out = path.with_file_name(format!("{stem}-{table}.{ext}"));
            negotiations::io::write_atomic(&out, &negotiations::rows::csv(table, &found.drafts)?)?;
            println!("wrote {n} draft {table} rows to {}", out.display());
        }
        return Ok(());
    }
    let df = found.frame()?;
    let bytes = match format {
        Format::Table => {
            export::text_table(&df.select(negotiations::extract::BRIEF)?, 32).into_bytes()
        }
        Format::Csv => export::frame_csv(&df)?,
        Format::Json => export::frame_json(&df)?,
        Format::Html => found
            .view()?
            .page(&format!("Candidates in {source}"))
            .into_bytes(),
        Format::Parquet => {
            return Err(Error::Invalid(
                "extract is not written as parquet; use csv or json".into(),
            ));
        }
    };
    emit(&bytes, None)
}

pub(crate) fn append(args: AppendArgs) -> Result<(), Error> {
    let AppendArgs { file, data } = args;
    let dir = data_dir(&data, "append")?;
    let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
    let done = negotiations::rows::append_csv(dir, &bytes)?;
    println!(
        "appended {} rows to {} in {} and checked it: {} rows",
        done.rows,
        done.table,
        dir.display(),
        done.data.table(done.table)?.height()
    );
    Ok(())
}
