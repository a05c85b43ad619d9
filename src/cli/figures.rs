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
        if format != FigureFormat::Png {
            files.push((
                out.join(format!("{}.svg", chart.name())),
                fig.svg()?.into_bytes(),
            ));
        }
        if format != FigureFormat::Svg {
            files.push((out.join(format!("{}.png", chart.name())), fig.png()?));
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
