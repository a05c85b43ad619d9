//! Kaplan–Meier: the product-limit estimate, its curve, standard errors and confidence intervals.

#[allow(unused_imports)]
use super::*;

pub(super) fn invalid(message: impl Into<String>) -> Error {
    Error::Invalid(message.into())
}

impl Interval {
    /// Whether `x` lies in the interval (bounds included), up to a rounding
    /// tolerance of `1e-12`.
    ///
    /// ```
    /// use negotiations::survival::Interval;
    ///
    /// let ci = Interval { lower: 0.62, upper: 0.95 };
    /// assert!(ci.contains(0.857));
    /// assert!(!ci.contains(0.5));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contains(&self, x: f64) -> bool {
        x >= self.lower - 1e-12 && x <= self.upper + 1e-12
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match f.precision() {
            Some(p) => write!(f, "[{:.p$}, {:.p$}]", self.lower, self.upper),
            None => write!(f, "[{}, {}]", self.lower, self.upper),
        }
    }
}

impl ConfType {
    /// The 95 % interval for a survival estimate `survival` whose Greenwood
    /// sum (variance of `log S`) is `greenwood`.
    ///
    /// `S = 1` with `G = 0` (before any event) gives `[1, 1]`. `None` when
    /// the interval is undefined: `S = 0` or an infinite `G` (everyone at
    /// risk failed), or input outside `S ∈ [0, 1]`, `G ≥ 0`.
    ///
    /// ```
    /// use negotiations::survival::ConfType;
    ///
    /// // 6-MP at t = 6: S = 18/21, G = 3 / (21 × 18).
    /// let ci = ConfType::LogLog.interval(18.0 / 21.0, 3.0 / (21.0 * 18.0)).unwrap();
    /// assert_eq!(format!("{ci:.4}"), "[0.6197, 0.9516]");
    /// let plain = ConfType::Plain.interval(18.0 / 21.0, 3.0 / (21.0 * 18.0)).unwrap();
    /// assert_eq!(format!("{plain:.4}"), "[0.7075, 1.0000]");
    /// assert_eq!(ConfType::LogLog.interval(0.0, f64::INFINITY), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn interval(self, survival: f64, greenwood: f64) -> Option<Interval> {
        let s = survival;
        let g = greenwood;
        let valid = s > 0.0 && s <= 1.0 && g >= 0.0 && g.is_finite();
        if !valid {
            return None;
        }
        if g == 0.0 {
            return Some(Interval { lower: s, upper: s });
        }
        let se_log = g.sqrt();
        let (lower, upper) = match self {
            ConfType::Plain => {
                let half = Z_95 * s * se_log;
                (s - half, s + half)
            }
            ConfType::Log => (s * (-Z_95 * se_log).exp(), s * (Z_95 * se_log).exp()),
            ConfType::LogLog => {
                if s >= 1.0 {
                    // log S = 0 with G > 0: cannot happen for a KM curve
                    // (G grows only at events, which make S < 1).
                    return Some(Interval {
                        lower: 1.0,
                        upper: 1.0,
                    });
                }
                let sigma = se_log / s.ln().abs();
                let a = s.powf((Z_95 * sigma).exp());
                let b = s.powf((-Z_95 * sigma).exp());
                (a.min(b), a.max(b))
            }
        };
        Some(Interval {
            lower: lower.clamp(0.0, 1.0),
            upper: upper.clamp(0.0, 1.0),
        })
    }
}

impl Step {
    /// The 95 % interval of this step on any scale.
    ///
    /// ```
    /// use negotiations::survival::{kaplan_meier, ConfType};
    ///
    /// let km = kaplan_meier(&[1.0, 2.0, 3.0, 4.0], &[true, true, false, true])?;
    /// let first = &km.steps()[0];
    /// assert_eq!(first.interval(ConfType::LogLog), first.ci);
    /// assert!(first.interval(ConfType::Plain).unwrap().contains(0.75));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn interval(&self, conf_type: ConfType) -> Option<Interval> {
        conf_type.interval(self.survival, self.greenwood)
    }
}

/// Checks times and event flags: same length, not empty, finite, `≥ 0`.
pub(super) fn check_times(times: &[f64], events: &[bool]) -> Result<()> {
    if times.len() != events.len() {
        return Err(invalid(format!(
            "survival: {} times but {} event flags",
            times.len(),
            events.len()
        )));
    }
    if times.is_empty() {
        return Err(invalid("survival: no observations"));
    }
    if let Some((i, t)) = times
        .iter()
        .enumerate()
        .find(|(_, t)| !t.is_finite() || **t < 0.0)
    {
        return Err(invalid(format!(
            "survival: time {i} is {t}; times must be finite and not negative"
        )));
    }
    Ok(())
}

/// Observations sorted by time, events before censorings at equal times.
pub(super) fn sorted_observations(times: &[f64], events: &[bool]) -> Vec<(f64, bool)> {
    let mut obs: Vec<(f64, bool)> = times.iter().copied().zip(events.iter().copied()).collect();
    obs.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    obs
}

/// The Kaplan–Meier estimate of right-censored data, with log-log 95 %
/// intervals.
///
/// `times[i]` is the observed time of subject `i`; `events[i]` is `true`
/// for an event (failure), `false` for a censored time. Errors when the
/// slices differ in length, are empty, or a time is NaN, infinite or
/// negative. See the [module docs](super) for the conventions.
///
/// ```
/// use negotiations::survival::kaplan_meier;
///
/// // R's survival::aml, "Maintained" group.
/// let times = [9., 13., 13., 18., 23., 28., 31., 34., 45., 48., 161.];
/// let events = [true, true, false, true, true, false, true, true, false, true, false];
/// let km = kaplan_meier(&times, &events)?;
/// assert_eq!(km.steps().len(), 7);
/// assert_eq!(format!("{:.3}", km.survival_at(23.0)), "0.614");
/// assert_eq!(km.median(), Some(31.0));
/// assert!(km.ci_at(23.0).unwrap().contains(0.614));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn kaplan_meier(times: &[f64], events: &[bool]) -> Result<Curve> {
    kaplan_meier_with(times, events, ConfType::LogLog)
}

/// [`kaplan_meier`] with a chosen interval scale for [`Step::ci`] and
/// [`Curve::ci_at`].
///
/// ```
/// use negotiations::survival::{kaplan_meier_with, ConfType};
///
/// let km = kaplan_meier_with(&[1.0, 2.0, 2.0, 5.0], &[true, false, true, false], ConfType::Plain)?;
/// assert_eq!(km.conf_type(), ConfType::Plain);
/// let ci = km.ci_at(1.0).unwrap();
/// assert!(ci.lower < 0.75 && ci.upper == 1.0); // S ± 1.96 SE, cut at 1
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn kaplan_meier_with(times: &[f64], events: &[bool], conf_type: ConfType) -> Result<Curve> {
    check_times(times, events)?;
    let obs = sorted_observations(times, events);
    let sorted_times: Vec<f64> = obs.iter().map(|o| o.0).collect();

    let mut steps = Vec::new();
    let mut at_risk = obs.len();
    let mut survival = 1.0_f64;
    let mut greenwood = 0.0_f64;
    let mut censored_pending = 0usize;
    let mut rest = obs.as_slice();
    while let Some(&(t, _)) = rest.first() {
        let tied = rest.iter().take_while(|o| o.0 == t).count();
        let (group, tail) = rest.split_at(tied);
        rest = tail;
        let d = group.iter().filter(|o| o.1).count();
        let c = tied - d;
        censored_pending += c;
        if d > 0 {
            let n = at_risk as f64;
            let df = d as f64;
            survival *= (n - df) / n;
            greenwood += if d < at_risk {
                df / (n * (n - df))
            } else {
                f64::INFINITY
            };
            let defined = survival > 0.0 && greenwood.is_finite();
            steps.push(Step {
                time: t,
                at_risk,
                events: d,
                censored: censored_pending,
                survival,
                greenwood,
                std_err: defined.then(|| survival * greenwood.sqrt()),
                ci: conf_type.interval(survival, greenwood),
            });
            censored_pending = 0;
        }
        at_risk = at_risk.saturating_sub(tied);
    }
    Ok(Curve {
        steps,
        sorted_times,
        censored_after_last: censored_pending,
        conf_type,
    })
}

impl Curve {
    /// The steps, one per distinct event time, in time order (empty when
    /// there is no event).
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[2.0, 2.0, 3.0, 4.0], &[true, false, true, true])?;
    /// let s: Vec<(f64, usize, usize)> = km.steps().iter().map(|s| (s.time, s.at_risk, s.events)).collect();
    /// assert_eq!(s, [(2.0, 4, 1), (3.0, 2, 1), (4.0, 1, 1)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The step in force at `t`: the last one with `time ≤ t`.
    pub(super) fn step_at(&self, t: f64) -> Option<&Step> {
        let i = self.steps.partition_point(|s| s.time <= t);
        i.checked_sub(1).and_then(|i| self.steps.get(i))
    }

    /// `S(t) = P(T > t)`: 1 before the first event, the last value beyond
    /// the last step; NaN for a NaN `t`.
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[1.0, 2.0, 3.0, 4.0], &[true, true, true, true])?;
    /// assert_eq!(km.survival_at(0.5), 1.0);
    /// assert_eq!(km.survival_at(1.0), 0.75); // right-continuous: the drop is at t = 1
    /// assert_eq!(km.survival_at(1.9), 0.75);
    /// assert_eq!(km.survival_at(10.0), 0.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn survival_at(&self, t: f64) -> f64 {
        if t.is_nan() {
            return f64::NAN;
        }
        self.step_at(t).map_or(1.0, |s| s.survival)
    }

    /// The Greenwood standard error of `S(t)`: `Some(0.0)` before the first
    /// event, `None` once `S = 0` or for a NaN `t`.
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[1.0, 2.0, 3.0, 4.0], &[true, false, true, false])?;
    /// assert_eq!(km.std_err_at(0.0), Some(0.0));
    /// let se = km.std_err_at(1.0).unwrap(); // S √(1 / (4 · 3))
    /// assert!((se - 0.75 * (1.0_f64 / 12.0).sqrt()).abs() < 1e-15);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn std_err_at(&self, t: f64) -> Option<f64> {
        if t.is_nan() {
            return None;
        }
        match self.step_at(t) {
            None => Some(0.0),
            Some(s) => s.std_err,
        }
    }

    /// The 95 % pointwise interval of `S(t)` on the curve's scale:
    /// `[1, 1]` before the first event, `None` once `S = 0` or for a NaN
    /// `t`.
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[1.0, 2.0, 3.0, 4.0, 5.0], &[true, false, true, false, false])?;
    /// let ci = km.ci_at(3.5).unwrap();
    /// assert!(ci.lower < km.survival_at(3.5) && km.survival_at(3.5) < ci.upper);
    /// assert_eq!(km.ci_at(0.0).map(|c| (c.lower, c.upper)), Some((1.0, 1.0)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ci_at(&self, t: f64) -> Option<Interval> {
        if t.is_nan() {
            return None;
        }
        match self.step_at(t) {
            None => Some(Interval {
                lower: 1.0,
                upper: 1.0,
            }),
            Some(s) => s.ci,
        }
    }

    /// The number at risk at `t`: subjects whose observed time is `≥ t`
    /// (0 for a NaN `t`).
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[1.0, 2.0, 2.0, 5.0], &[true, false, true, false])?;
    /// assert_eq!(km.at_risk_at(0.0), 4);
    /// assert_eq!(km.at_risk_at(2.0), 3);
    /// assert_eq!(km.at_risk_at(2.5), 1);
    /// assert_eq!(km.at_risk_at(6.0), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn at_risk_at(&self, t: f64) -> usize {
        if t.is_nan() {
            return 0;
        }
        let before = self.sorted_times.partition_point(|&x| x < t);
        self.sorted_times.len() - before
    }

    /// Events at times `≤ t` (0 for a NaN `t`).
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[1.0, 2.0, 2.0, 5.0], &[true, false, true, true])?;
    /// assert_eq!((km.events_by(0.0), km.events_by(2.0), km.events_by(9.0)), (0, 2, 3));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn events_by(&self, t: f64) -> usize {
        if t.is_nan() {
            return 0;
        }
        self.steps
            .iter()
            .take_while(|s| s.time <= t)
            .map(|s| s.events)
            .sum()
    }

    /// The median survival time: the smallest event time with
    /// `S(t) ≤ 0.5`, `None` if the curve stays above one half.
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[1.0, 2.0, 3.0, 4.0], &[true, true, true, true])?;
    /// assert_eq!(km.median(), Some(2.0)); // S(2) = 0.5
    /// let km = kaplan_meier(&[1.0, 2.0, 3.0], &[true, false, false])?;
    /// assert_eq!(km.median(), None); // S never below 2/3
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn median(&self) -> Option<f64> {
        self.steps
            .iter()
            .find(|s| s.survival <= 0.5 + MEDIAN_TOLERANCE)
            .map(|s| s.time)
    }

    /// The number of observations.
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[1.0, 2.0, 2.0], &[true, false, true])?;
    /// assert_eq!((km.len(), km.is_empty()), (3, false));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.sorted_times.len()
    }

    /// Whether there are no observations (never, for a curve that
    /// [`kaplan_meier`] built).
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// assert!(!kaplan_meier(&[1.0], &[false])?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.sorted_times.is_empty()
    }

    /// The largest observed time (event or censored): the curve says
    /// nothing beyond it.
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[1.0, 7.0, 3.0], &[true, false, true])?;
    /// assert_eq!(km.max_time(), Some(7.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn max_time(&self) -> Option<f64> {
        self.sorted_times.last().copied()
    }

    /// Subjects censored after the last event time (the tail that no step
    /// counts).
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[1.0, 2.0, 5.0, 6.0], &[false, true, false, false])?;
    /// assert_eq!(km.steps()[0].censored, 1); // censored at 1, before the event at 2
    /// assert_eq!(km.censored_after_last(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn censored_after_last(&self) -> usize {
        self.censored_after_last
    }

    /// The scale of [`Step::ci`] and [`Curve::ci_at`].
    ///
    /// ```
    /// use negotiations::survival::{kaplan_meier, ConfType};
    ///
    /// assert_eq!(kaplan_meier(&[1.0], &[true])?.conf_type(), ConfType::LogLog);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn conf_type(&self) -> ConfType {
        self.conf_type
    }
}
