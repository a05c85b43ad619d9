//! What the benchmarks share (`mod common;` in each; a folder, so cargo
//! does not take it for a benchmark of its own).

use std::time::Instant;

/// The median time of `runs` calls of `f`, in milliseconds. What `f`
/// returns is dropped outside the timing.
pub fn median_ms<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let out = f();
            let ms = t.elapsed().as_secs_f64() * 1e3;
            drop(out);
            ms
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}
