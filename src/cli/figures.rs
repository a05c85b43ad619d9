//! `figures`: the report charts as files.

use super::args::*;
use super::common::*;
use negotiations::Error;
use std::path::PathBuf;

pub(crate) fn run(args: FiguresArgs) -> Result<(), Error> {
    let FiguresArgs { out, format, data } = args;
    let d = load(&data)?;
    let started = std::time::Instant::now();
    // Render everything before writing anything, so a failing chart
    // leaves the output directory as it was.
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for chart in negotiations::charts::Chart::ALL {
        let fig = negotiations::charts::Figure::new(chart, &d)?;
        for ext in format.extensions() {
            let bytes = match *ext {
                "svg" => fig.svg()?.into_bytes(),
                "png" => fig.png()?,
                _ => fig.pdf()?,
            };
            files.push((out.join(format!("{}.{ext}", chart.name())), bytes));
        }
    }
    for (path, bytes) in &files {
        negotiations::io::write_atomic(path, bytes)?;
    }
    println!(
        "wrote {} files to {} in {:.2} s",
        files.len(),
        out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
