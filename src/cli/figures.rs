//! `figures`: the report charts as files.

use super::args::*;
use super::common::*;
use negotiations::Dataset;
use negotiations::Error;
use negotiations::charts::{Chart, Figure};
use negotiations::plot::FileFormat;
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::OnceLock;

pub(crate) fn run(args: FiguresArgs) -> Result<(), Error> {
    let FiguresArgs { out, format, data } = args;
    let d = load(&data)?;
    let started = std::time::Instant::now();
    let formats = format.formats();
    // The charts are independent: each is built, laid out once and drawn
    // in every format, on as many cores as there are. The results are
    // read in the charts' order, so the error reported is the first
    // chart's, as one after the other. Everything is rendered before
    // anything is written, so a failing chart leaves the output directory
    // as it was.
    let drawn = draw_all(&d, formats);
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for (chart, bytes) in Chart::ALL.iter().zip(drawn) {
        for (f, b) in formats.iter().zip(bytes?) {
            files.push((out.join(format!("{}.{}", chart.name(), f.extension())), b));
        }
    }
    // Written side by side too (each through its own temporary file); the
    // first error in the charts' order is the one reported.
    let written: Vec<Result<(), Error>> = files
        .par_iter()
        .map(|(path, bytes)| negotiations::io::write_atomic(path, bytes))
        .collect();
    written.into_iter().collect::<Result<(), Error>>()?;
    println!(
        "wrote {} files to {} in {:.3} s",
        files.len(),
        out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Each chart's files, in the charts' order.
///
/// Each chart's rows are built on a thread of its own, and the chart is
/// drawn on the thread pool as soon as they are ready. Rows are polars
/// queries, which run on polars' own pool: built on this pool's threads,
/// each would hold one of them waiting on polars while the drawing waited
/// for it, and the two pools competed for the cores (44 ms against 41 ms
/// for the whole `figures --format both` on two cores; docs/benchmarks.md).
/// Built one chart after the other instead, a 1 M-meeting directory took a
/// quarter longer: there the rows are most of the work.
fn draw_all(d: &Dataset, formats: &[FileFormat]) -> Vec<Result<Vec<Vec<u8>>, Error>> {
    let slots: Vec<OnceLock<Result<Vec<Vec<u8>>, Error>>> =
        Chart::ALL.iter().map(|_| OnceLock::new()).collect();
    rayon::in_place_scope(|pool| {
        std::thread::scope(|threads| {
            for (&chart, slot) in Chart::ALL.iter().zip(&slots) {
                let build = move || match Figure::new(chart, d) {
                    Ok(fig) => pool.spawn(move |_| {
                        let _ = slot.set(fig.files(formats));
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
