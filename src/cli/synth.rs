//! `synth`: a synthetic data directory.

use super::args::*;
use negotiations::Error;

pub(crate) fn run(args: SynthArgs) -> Result<(), Error> {
    let SynthArgs {
        meetings,
        seed,
        out,
    } = args;
    let counts = negotiations::synth::generate(&out, meetings, seed)?;
    println!(
        "wrote {}: {} processes, {} meetings, {} durations, {} outcomes ({} rows in all)",
        out.display(),
        counts.processes,
        counts.meetings,
        counts.durations,
        counts.outcomes,
        counts.total()
    );
    Ok(())
}
