//! `base-rates`: how often peace agreements hold.

use super::args::*;
use super::common::*;
use negotiations::base_rates::{self as br, Options, Ucdp};
use negotiations::chrono::NaiveDate;
use negotiations::context::Context;
use negotiations::export::{self};
use negotiations::polars::prelude::*;
use negotiations::survival::{Clock, Level};
use negotiations::{Error, metrics};

/// `negotiations base-rates`.
pub(crate) fn run(args: BaseRatesArgs) -> Result<(), Error> {
    let d = load(&args.data)?;
    let ctx = Context::for_dataset(&d)?;
    let u = Ucdp::from_context(&ctx)?;
    let opts = options(&args);
    let table = u.table(&opts, args.by.is_some())?;
    if args.format == BaseRatesFormat::Csv {
        return emit(&export::frame_csv(&table)?, None);
    }
    let as_of = match args.as_of {
        Some(a) => a,
        None => metrics::as_of(&d)?,
    };
    let report = Report {
        endings: u.endings()?,
        placed: br::article_agreements(&d, &ctx, as_of, opts.level, opts.clock)?,
        check: br::held_check(&d, &ctx)?,
        table,
        as_of,
    };
    if args.format == BaseRatesFormat::Json {
        return emit(&json(&u, &opts, &report)?, None);
    }
    emit(text(&u, &opts, &report)?.as_bytes(), None)
}

/// The estimate's options, from the command line's.
fn options(args: &BaseRatesArgs) -> Options {
    Options {
        level: match args.level {
            LevelArg::Conflict => Level::Conflict,
            LevelArg::Dyad => Level::Dyad,
        },
        clock: match args.clock {
            ClockArg::Signing => Clock::Signing,
            ClockArg::Quiet => Clock::FirstQuietYear,
        },
        resamples: args.resamples,
        seed: args.seed,
        ..Options::default()
    }
}

/// What the JSON and the terminal report show, beyond the base-rate rows
/// the CSV holds alone.
struct Report {
    /// The base-rate rows.
    table: DataFrame,
    /// How conflict episodes ended.
    endings: DataFrame,
    /// The article agreements on the curve.
    placed: DataFrame,
    /// The articles' `held` codings against UCDP.
    check: DataFrame,
    /// The date holding article agreements are counted to.
    as_of: NaiveDate,
}

/// Every part, as pretty JSON with a final line feed.
fn json(u: &Ucdp, opts: &Options, r: &Report) -> Result<Vec<u8>, Error> {
    let mut out = u.survival_pct(opts.level, opts.clock, &opts.at_years)?;
    if let Some(obj) = out.as_object_mut() {
        obj.insert("resamples".into(), opts.resamples.into());
        obj.insert("seed".into(), opts.seed.into());
        obj.insert("as_of".into(), r.as_of.to_string().into());
        obj.insert("rows".into(), frame_rows(&r.table)?);
        obj.insert("endings".into(), frame_rows(&r.endings)?);
        obj.insert("article_agreements".into(), frame_rows(&r.placed)?);
        obj.insert("held_check".into(), frame_rows(&r.check)?);
        obj.insert("attribution".into(), br::ATTRIBUTION.into());
    }
    let mut bytes = serde_json::to_vec_pretty(&out).map_err(json_error)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The report for the terminal: the base rates, the endings, the article
/// agreements and the held check, as text tables and sentences.
fn text(u: &Ucdp, opts: &Options, r: &Report) -> Result<String, Error> {
    let kept = u.durability(opts.level, opts.clock)?;
    let clock = match opts.clock {
        Clock::Signing => "from signing",
        Clock::FirstQuietYear => "from the first quiet year after signing",
    };
    let mut out = format!(
        "Durability of UCDP peace agreements: {} level, clock {clock}, last data year {}\n{} agreements kept, {} excluded (never quiet); intervals 95 %: Greenwood log-log, and a cluster bootstrap over conflicts ({} resamples, seed {})\n\n{}",
        br::level_code(opts.level),
        u.last_year,
        kept.spells.len(),
        kept.excluded.len(),
        opts.resamples,
        opts.seed,
        export::text_table(&shown(&r.table)?, 40),
    );
    out.push_str(
        "\nHow conflict episodes ended (UCDP dyad episodes that ended; lengths in years):\n\n",
    );
    out.push_str(&export::text_table(&r.endings, 40));
    out.push_str(&format!(
        "\nThe article agreements on the curve of all UCDP agreements (they have no UCDP pa_type), as of {}:\n\n",
        r.as_of
    ));
    let placed_shown = r.placed.select([
        "outcome_id",
        "side",
        "status",
        "age_years",
        "base_survival",
        "next_year",
        "beyond_data",
    ])?;
    out.push_str(&export::text_table(&placed_shown, 40));
    out.push_str(&held_text(&r.check)?);
    out.push_str("(every row, with its reason: --format json, key held_check)\n\n");
    out.push_str(br::ATTRIBUTION);
    out.push('\n');
    Ok(out)
}

/// The base-rate rows as the terminal shows them: percentages, and each
/// interval as `low–high`.
fn shown(table: &DataFrame) -> Result<DataFrame, Error> {
    let pct = |c: &str| -> Result<Vec<Option<f64>>, Error> {
        Ok(table
            .column(c)?
            .f64()?
            .iter()
            .map(|x| x.map(|x| 100.0 * x))
            .collect())
    };
    let (s, lo, hi, blo, bhi) = (
        pct("survival")?,
        pct("lower")?,
        pct("upper")?,
        pct("boot_lower")?,
        pct("boot_upper")?,
    );
    let interval = |a: &[Option<f64>], b: &[Option<f64>]| -> Vec<String> {
        a.iter()
            .zip(b)
            .map(|(a, b)| match (a, b) {
                (Some(a), Some(b)) => format!("{a:.1}–{b:.1}"),
                _ => String::new(),
            })
            .collect()
    };
    Ok(DataFrame::new(
        table.height(),
        vec![
            table.column("group")?.clone(),
            table.column("horizon")?.clone().with_name("years".into()),
            Column::new(
                "holding %".into(),
                s.iter()
                    .map(|x| x.map_or(String::new(), |x| format!("{x:.2}")))
                    .collect::<Vec<_>>(),
            ),
            Column::new("Greenwood 95 %".into(), interval(&lo, &hi)),
            Column::new("bootstrap 95 %".into(), interval(&blo, &bhi)),
            table.column("at_risk")?.clone(),
            table.column("events")?.clone().with_name("failed".into()),
            table.column("n")?.clone(),
            table.column("clusters")?.clone(),
            table.column("excluded")?.clone(),
        ],
    )?)
}

/// The held check in sentences: how many codings agree, disagree or
/// cannot be told, then each disagreement with its reason.
fn held_text(check: &DataFrame) -> Result<String, Error> {
    let verdicts: Vec<String> = check
        .column("verdict")?
        .str()?
        .iter()
        .map(|v| v.unwrap_or_default().to_string())
        .collect();
    let count = |v: br::Verdict| verdicts.iter().filter(|x| *x == v.as_str()).count();
    let disagreements = check
        .clone()
        .lazy()
        .filter(col("verdict").eq(lit(br::Verdict::Disagree.as_str())))
        .collect()?;
    let mut out = format!(
        "\nHeld check (the articles' `held` codings against UCDP's later activity, through data/context/links.csv): {} agree, {} disagree, {} cannot tell\n",
        count(br::Verdict::Agree),
        count(br::Verdict::Disagree),
        count(br::Verdict::CannotTell),
    );
    if disagreements.height() == 0 {
        out.push_str("Disagreements: none.\n");
    } else {
        out.push_str("Disagreements:\n");
        let ids = disagreements.column("outcome_id")?.str()?.clone();
        let reasons = disagreements.column("reason")?.str()?.clone();
        for (id, reason) in ids.iter().zip(reasons.iter()) {
            out.push_str(&format!(
                "- {}: {}\n",
                id.unwrap_or_default(),
                reason.unwrap_or_default()
            ));
        }
    }
    Ok(out)
}
