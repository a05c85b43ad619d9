//! `figures`: the report charts as files.

use super::args::*;
use super::common::*;
use negotiations::Error;
use negotiations::charts::{Chart, Figure};
use rayon::prelude::*;
use std::path::PathBuf;

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
    let drawn: Vec<Result<Vec<Vec<u8>>, Error>> = Chart::ALL
        .par_iter()
        .map(|&chart| Figure::new(chart, &d)?.files(formats))
        .collect();
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
