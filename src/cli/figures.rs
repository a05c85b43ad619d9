//! `figures`: the report charts as files.

use super::args::*;
use super::common::*;
use negotiations::Dataset;
use negotiations::Error;
use negotiations::charts::{Chart, Figure};
use negotiations::io::Staged;
use negotiations::plot::FileFormat;
use rayon::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

pub(crate) fn run(args: FiguresArgs) -> Result<(), Error> {
    let FiguresArgs { out, format, data } = args;
    let d = load(&data)?;
    let started = std::time::Instant::now();
    let formats = format.formats();
    // The charts are independent: each is built, laid out once, drawn in
    // every format and written to temporary files beside its own, on as
    // many cores as there are. Only when every chart is drawn are the files
    // renamed into place, so a failing chart leaves the output directory as
    // it was (the temporary files are removed); the error reported is the
    // first in the charts' order, as one after the other would give.
    let created = missing_dirs(&out);
    let staged = draw_all(&d, formats, &out)
        .into_iter()
        .collect::<Result<Vec<_>, Error>>();
    // Here every temporary file of a failed run is gone; the directories
    // staging made for them go too.
    let files: Vec<Staged> = match staged {
        Ok(charts) => charts.into_iter().flatten().collect(),
        Err(e) => {
            for dir in created {
                let _ = std::fs::remove_dir(dir);
            }
            return Err(e);
        }
    };
    let committed: Vec<Result<(), Error>> = files.into_par_iter().map(Staged::commit).collect();
    let n = committed.len();
    committed.into_iter().collect::<Result<(), Error>>()?;
    println!(
        "wrote {} files to {} in {:.3} s",
        n,
        out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Each chart's files, written under temporary names beside where they
/// land (`io::stage`), in the charts' order.
///
/// Each chart's rows are built on a thread of its own, and the chart is
/// drawn on the thread pool as soon as they are ready. Rows are polars
/// queries, which run on polars' own pool: built on this pool's threads,
/// each would hold one of them waiting on polars while the drawing waited
/// for it, and the two pools competed for the cores (44 ms against 41 ms
/// for the whole `figures --format both` on two cores; docs/benchmarks.md).
/// Built one chart after the other instead, a 1 M-meeting directory took a
/// quarter longer: there the rows are most of the work.
fn draw_all(d: &Dataset, formats: &[FileFormat], out: &Path) -> Vec<Result<Vec<Staged>, Error>> {
    let slots: Vec<OnceLock<Result<Vec<Staged>, Error>>> =
        Chart::ALL.iter().map(|_| OnceLock::new()).collect();
    rayon::in_place_scope(|pool| {
        std::thread::scope(|threads| {
            for (&chart, slot) in Chart::ALL.iter().zip(&slots) {
                let build = move || match Figure::new(chart, d) {
                    Ok(fig) => pool.spawn(move |_| {
                        let _ = slot.set(stage(chart, fig.files(formats), formats, out));
                    }),
                    Err(e) => {
                        let _ = slot.set(Err(e));
                    }
                };
                if let Err(e) = std::thread::Builder::new().spawn_scoped(threads, build) {
                    let _ = slot.set(Err(Error::Drawing(format!("no thread for the chart: {e}"))));
                }
            }
        });
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|| Err(Error::Drawing("a chart was not drawn".into())))
        })
        .collect()
}

/// A chart's files under temporary names beside where they land.
fn stage(
    chart: Chart,
    files: Result<Vec<Vec<u8>>, Error>,
    formats: &[FileFormat],
    out: &Path,
) -> Result<Vec<Staged>, Error> {
    formats
        .iter()
        .zip(files?)
        .map(|(f, bytes)| {
            let path = out.join(format!("{}.{}", chart.name(), f.extension()));
            negotiations::io::stage(&path, &bytes)
        })
        .collect()
}

/// The directories of `out` that do not exist yet, deepest first.
fn missing_dirs(out: &Path) -> Vec<&Path> {
    out.ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
        .collect()
}
