//! `add-source` and `build-sources`: an article added, and the texts rebuilt from `raw/`.

use super::args::*;
use super::common::*;
use negotiations::Error;

pub(crate) fn add_source(args: AddSourceArgs) -> Result<(), Error> {
    let AddSourceArgs {
        file,
        id,
        label,
        title,
        outlet,
        author,
        date,
        url,
        rights,
        notes,
        data,
    } = args;
    let dir = data_dir(&data, "add-source")?;
    let raw = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
    let published = match date {
        Some(d) => Some(
            negotiations::dates::parse_period(&d)
                .map_err(|e| Error::Invalid(format!("--date {d:?}: {e}")))?,
        ),
        None => None,
    };
    let meta = negotiations::rows::SourceMeta {
        label,
        title,
        outlet,
        author,
        published,
        url,
        file: file.file_name().map(|n| n.to_string_lossy().into_owned()),
        rights,
        notes,
    };
    let added = negotiations::rows::add_source(dir, &raw, &id, &meta)?;
    println!("{added}");
    println!(
        "next: negotiations extract --source {id} --data {}",
        dir.display()
    );
    Ok(())
}

pub(crate) fn build_sources(args: BuildSourcesArgs) -> Result<(), Error> {
    let BuildSourcesArgs { data, raw } = args;
    let raw = raw.unwrap_or_else(|| data.join("raw"));
    let pairs = negotiations::package::raw_files(&data)?;
    for path in negotiations::package::build_sources(&raw, &data.join("sources"), &pairs)? {
        println!("wrote {}", path.display());
    }
    Ok(())
}
