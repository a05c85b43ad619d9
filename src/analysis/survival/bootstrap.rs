//! The cluster bootstrap: percentile intervals of the Kaplan–Meier
//! estimate from resampled clusters, and the random draws and quantiles it
//! rests on.

#[allow(unused_imports)]
use super::*;

/// A uniform integer in `0..n` (`n ≥ 1`) by Lemire's multiply-shift method
/// with rejection: unbiased, and fixed by this code rather than by `rand`.
pub(super) fn uniform_below(rng: &mut Pcg64, n: u64) -> u64 {
    let n = n.max(1);
    let mut m = u128::from(rng.next_u64()) * u128::from(n);
    let mut low = m as u64;
    if low < n {
        let threshold = n.wrapping_neg() % n;
        while low < threshold {
            m = u128::from(rng.next_u64()) * u128::from(n);
            low = m as u64;
        }
    }
    (m >> 64) as u64
}

/// The `p`-quantile of sorted values, R's type 7 (linear interpolation
/// between order statistics). `sorted` must not be empty.
pub(super) fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let Some(&first) = sorted.first() else {
        return f64::NAN;
    };
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let x_lo = sorted.get(lo).copied().unwrap_or(first);
    let x_hi = sorted.get(lo + 1).copied().unwrap_or(x_lo);
    x_lo + (h - lo as f64) * (x_hi - x_lo)
}

/// Percentile 95 % intervals of `S(t)` at each time of `at`, from a
/// bootstrap that resamples **clusters** with replacement.
///
/// Each resample draws as many clusters as there are distinct ids in
/// `clusters`, with replacement, and recomputes the Kaplan–Meier estimate on
/// all observations of the drawn clusters (a cluster drawn twice counts
/// twice). The interval at `at[k]` is the 2.5 % and 97.5 % quantiles of the
/// `resamples` estimates (type 7). The same `seed` gives the same intervals.
/// Times in `at` may be in any order; they must be finite.
///
/// Errors on the inputs [`kaplan_meier`] rejects, on a `clusters` slice of
/// another length, on `resamples == 0`, on a NaN or infinite time in `at`,
/// and when `resamples × at.len()` exceeds 10⁸.
///
/// ```
/// use negotiations::survival::{cluster_bootstrap, kaplan_meier};
///
/// // Three conflicts; conflict 7's agreements fail together.
/// let times = [1.0, 1.0, 1.0, 4.0, 6.0, 6.0, 2.0, 9.0];
/// let events = [true, true, true, true, false, false, true, false];
/// let clusters = [7, 7, 7, 8, 8, 8, 9, 9];
/// let ci = cluster_bootstrap(&times, &events, &clusters, &[1.0, 5.0], 1_000, 42)?;
/// let km = kaplan_meier(&times, &events)?;
/// assert!(ci[0].lower <= km.survival_at(1.0) && km.survival_at(1.0) <= ci[0].upper);
/// // Deterministic for a seed:
/// assert_eq!(ci, cluster_bootstrap(&times, &events, &clusters, &[1.0, 5.0], 1_000, 42)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn cluster_bootstrap(
    times: &[f64],
    events: &[bool],
    clusters: &[u64],
    at: &[f64],
    resamples: usize,
    seed: u64,
) -> Result<Vec<Interval>> {
    check_bootstrap(times, events, clusters, at, resamples)?;
    if at.is_empty() {
        return Ok(Vec::new());
    }
    let slots = Slots::new(times, events, clusters, at);

    let mut rng = Pcg64::seed_from_u64(seed);
    let mut weight = vec![0u64; slots.clusters];
    // values[a * resamples + r]: S(at[a]) in resample r.
    let mut values = vec![0.0_f64; at.len() * resamples];
    let mut curve = Resample::new(slots.used);
    for r in 0..resamples {
        // A notebook's stop button ends the work here (a no-op elsewhere:
        // crate::notebook::listen_for_interrupts).
        polars::error::abort::try_raise_polars_abort();
        weight.iter_mut().for_each(|w| *w = 0);
        for _ in 0..slots.clusters {
            let drawn = uniform_below(&mut rng, slots.clusters as u64) as usize;
            if let Some(w) = weight.get_mut(drawn) {
                *w += 1;
            }
        }
        curve.survival_at(&slots, &weight, at, |a, s| {
            if let Some(v) = values.get_mut(a * resamples + r) {
                *v = s;
            }
        });
    }

    Ok(values
        .chunks_mut(resamples)
        .map(|column| {
            column.sort_unstable_by(f64::total_cmp);
            Interval {
                lower: quantile_sorted(column, 0.025),
                upper: quantile_sorted(column, 0.975),
            }
        })
        .collect())
}

/// The errors of [`cluster_bootstrap`], before any work.
fn check_bootstrap(
    times: &[f64],
    events: &[bool],
    clusters: &[u64],
    at: &[f64],
    resamples: usize,
) -> Result<()> {
    check_times(times, events)?;
    if clusters.len() != times.len() {
        return Err(invalid(format!(
            "survival: {} times but {} cluster ids",
            times.len(),
            clusters.len()
        )));
    }
    if resamples == 0 {
        return Err(invalid(
            "survival: the bootstrap needs at least one resample",
        ));
    }
    if let Some(t) = at.iter().find(|t| !t.is_finite()) {
        return Err(invalid(format!(
            "survival: bootstrap time {t} is not a finite number"
        )));
    }
    if resamples.saturating_mul(at.len()) > MAX_BOOTSTRAP_VALUES {
        return Err(invalid(format!(
            "survival: {resamples} resamples × {} times is more than {MAX_BOOTSTRAP_VALUES} values",
            at.len()
        )));
    }
    Ok(())
}

/// The observations sorted once for every resample: by time (events
/// first), as distinct time slots, with the clusters as dense indices.
struct Slots {
    /// The distinct times, ascending.
    times: Vec<f64>,
    /// Per observation: (slot, cluster index, event).
    obs: Vec<(usize, usize, bool)>,
    /// How many distinct clusters there are.
    clusters: usize,
    /// The requested times' indices, in ascending order of time.
    at_order: Vec<usize>,
    /// Only slots up to the largest requested time change S there.
    used: usize,
}

impl Slots {
    fn new(times: &[f64], events: &[bool], clusters: &[u64], at: &[f64]) -> Slots {
        // Clusters as dense indices 0..k.
        let mut ids: Vec<u64> = clusters.to_vec();
        ids.sort_unstable();
        ids.dedup();

        let mut order: Vec<usize> = (0..times.len()).collect();
        order.sort_by(|&a, &b| {
            let (ta, tb) = (times.get(a).copied(), times.get(b).copied());
            let (ea, eb) = (events.get(a).copied(), events.get(b).copied());
            ta.unwrap_or(0.0)
                .total_cmp(&tb.unwrap_or(0.0))
                .then(eb.cmp(&ea))
        });
        let mut slot_times: Vec<f64> = Vec::new();
        let mut obs: Vec<(usize, usize, bool)> = Vec::with_capacity(order.len());
        for &i in &order {
            let (Some(&t), Some(&e), Some(c)) = (times.get(i), events.get(i), clusters.get(i))
            else {
                continue;
            };
            if slot_times.last() != Some(&t) {
                slot_times.push(t);
            }
            let cluster = ids.binary_search(c).unwrap_or(0);
            obs.push((slot_times.len() - 1, cluster, e));
        }

        let mut at_order: Vec<usize> = (0..at.len()).collect();
        at_order.sort_by(|&a, &b| {
            at.get(a)
                .copied()
                .unwrap_or(0.0)
                .total_cmp(&at.get(b).copied().unwrap_or(0.0))
        });
        let max_at = at.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let used = slot_times.partition_point(|&t| t <= max_at);
        Slots {
            times: slot_times,
            obs,
            clusters: ids.len(),
            at_order,
            used,
        }
    }
}

/// One resample's deaths and departures per slot, its buffers reused
/// from one resample to the next.
struct Resample {
    deaths: Vec<u64>,
    leaving: Vec<u64>,
}

impl Resample {
    fn new(used_slots: usize) -> Resample {
        Resample {
            deaths: vec![0u64; used_slots],
            leaving: vec![0u64; used_slots],
        }
    }

    /// The Kaplan–Meier estimate of the resample that draws each cluster
    /// `weight[c]` times, at each requested time: `put(a, S(at[a]))`.
    fn survival_at(
        &mut self,
        slots: &Slots,
        weight: &[u64],
        at: &[f64],
        mut put: impl FnMut(usize, f64),
    ) {
        self.deaths.iter_mut().for_each(|d| *d = 0);
        self.leaving.iter_mut().for_each(|d| *d = 0);
        let mut total = 0u64;
        for &(slot, cluster, event) in &slots.obs {
            let w = weight.get(cluster).copied().unwrap_or(0);
            total += w;
            if let Some(l) = self.leaving.get_mut(slot) {
                *l += w;
                if event && let Some(d) = self.deaths.get_mut(slot) {
                    *d += w;
                }
            }
        }
        // Walk the slots and the requested times together.
        let mut at_risk = total;
        let mut survival = 1.0_f64;
        let mut slot = 0usize;
        for &a in &slots.at_order {
            let t = at.get(a).copied().unwrap_or(0.0);
            while slot < slots.used && slots.times.get(slot).is_some_and(|&st| st <= t) {
                let d = self.deaths.get(slot).copied().unwrap_or(0);
                if d > 0 && at_risk > 0 {
                    survival *= (at_risk - d.min(at_risk)) as f64 / at_risk as f64;
                }
                at_risk = at_risk.saturating_sub(self.leaving.get(slot).copied().unwrap_or(0));
                slot += 1;
            }
            put(a, survival);
        }
    }
}
