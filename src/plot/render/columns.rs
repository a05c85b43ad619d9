//! A layer's columns resolved: which it needs, of what kind, sorted as
//! asked, and its rows grouped.

#[allow(unused_imports)]
use super::*;

/// The rows of a layer grouped by colour (then label), in order of first
/// row: one line or ribbon per group. Returns each group's first row and
/// its rows.
pub(super) fn groups(r: &Resolved, rows: &[usize]) -> Vec<(usize, Vec<usize>)> {
    // (colour, label, facet) codes -> index into `out`.
    type Key = (Option<u32>, Option<u32>, Option<u32>);
    let mut index: HashMap<Key, usize> = HashMap::new();
    let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
    for &i in rows {
        let key = (
            r.color
                .as_ref()
                .and_then(|c| c.codes.get(i).copied().flatten()),
            r.label
                .as_ref()
                .and_then(|c| c.codes.get(i).copied().flatten()),
            r.group
                .as_ref()
                .and_then(|c| c.codes.get(i).copied().flatten()),
        );
        match index.get(&key) {
            Some(&g) => out[g].1.push(i),
            None => {
                index.insert(key, out.len());
                out.push((i, vec![i]));
            }
        }
    }
    out
}

pub(super) fn at_value(at: &Option<At>) -> Option<f64> {
    match at {
        Some(At::Number(v)) => Some(*v),
        Some(At::Date(d)) => Some(super::super::base::epoch_day(*d) as f64),
        _ => None,
    }
}

pub(super) fn at_kind(at: &Option<At>) -> Option<Kind> {
    match at {
        Some(At::Number(_)) => Some(Kind::Number),
        Some(At::Date(_)) => Some(Kind::Date),
        Some(At::Category(_)) => Some(Kind::Category),
        None => None,
    }
}

pub(super) fn positive_fails(c: &Option<Channel>, row: usize) -> bool {
    c.as_ref()
        .filter(|c| c.kind == Kind::Number)
        .is_some_and(|c| {
            c.values
                .get(row)
                .copied()
                .flatten()
                .is_some_and(|v| v <= 0.0)
        })
}

pub(super) fn x_kinds(r: &Resolved) -> Vec<Kind> {
    match r.layer.mark {
        Mark::RuleX => at_kind(&r.layer.at).into_iter().collect(),
        Mark::RuleY => Vec::new(),
        _ => {
            r.x.iter()
                .chain(r.end.iter().filter(|_| r.layer.mark == Mark::Interval))
                .map(|c| c.kind)
                .collect()
        }
    }
}

pub(super) fn y_kinds(r: &Resolved) -> Vec<Kind> {
    match r.layer.mark {
        Mark::RuleY => at_kind(&r.layer.at).into_iter().collect(),
        Mark::RuleX => Vec::new(),
        Mark::Histogram => vec![Kind::Number],
        _ => {
            r.y.iter()
                .chain(
                    r.end
                        .iter()
                        .filter(|_| matches!(r.layer.mark, Mark::Range | Mark::Ribbon)),
                )
                .map(|c| c.kind)
                .collect()
        }
    }
}

pub(super) fn needed_channels<'r>(r: &'r Resolved) -> Vec<&'r Channel> {
    let mut v: Vec<&Channel> = Vec::new();
    for c in [&r.x, &r.y, &r.end].into_iter().flatten() {
        v.push(c);
    }
    if r.layer.mark == Mark::Text {
        v.extend(r.label.iter());
    }
    v
}

/// The column an axis's bands are sorted by, if `x_sort`/`y_sort` names one.
fn sort_column(
    df: &polars::prelude::DataFrame,
    axis: &Axis,
    role: &str,
) -> Result<Option<Channel>> {
    match axis.sort.as_deref() {
        None | Some("data") => Ok(None),
        Some(by) => {
            let name = by.strip_prefix('-').unwrap_or(by);
            data::read_as(df, name, role, &[Kind::Number, Kind::Date]).map(Some)
        }
    }
}

/// Reads a layer's columns, checking each is of a kind its role takes.
pub(super) fn resolve<'a>(plot: &Plot, layer: &'a Layer) -> Result<Resolved<'a>> {
    use Kind::*;
    let df = &layer.data;
    let any = [Number, Date, Category];
    let continuous = [Number, Date];
    let read = |name: &Option<String>, role: &str, kinds: &[Kind]| -> Result<Option<Channel>> {
        name.as_ref()
            .map(|n| data::read_as(df, n, role, kinds))
            .transpose()
    };
    // A column the mark cannot do without.
    let required = |name: &Option<String>,
                    which: &str,
                    role: &str,
                    kinds: &[Kind]|
     -> Result<Option<Channel>> {
        Ok(Some(data::read_as(
            df,
            &need(layer, name, which)?,
            role,
            kinds,
        )?))
    };
    let mut r = Resolved {
        layer,
        x: None,
        y: None,
        end: None,
        color: read(&layer.color, "as a colour", &any)?,
        shape: read(&layer.shape, "as a shape", &[Category])?,
        size: read(&layer.size, "as a size", &[Number])?,
        label: read(&layer.label, "as a label", &any)?,
        group: read(&layer.group, "as a group", &[Category])?,
        tooltips: layer
            .tooltips
            .iter()
            .map(|t| data::read(df, t, "as a tooltip"))
            .collect::<Result<_>>()?,
        facet: match &plot.facet {
            Some(f) if df.column(f).is_ok() => Some(data::read(df, f, "as a facet")?),
            _ => None,
        },
        sort_x: sort_column(df, &plot.x, "to sort the x bands by")?,
        sort_y: sort_column(df, &plot.y, "to sort the y bands by")?,
        rows: Vec::new(),
        horizontal: false,
        size_range: (f64::INFINITY, f64::NEG_INFINITY),
    };
    match layer.mark {
        Mark::Bar => {
            let x = data::read_as(df, &need(layer, &layer.x, "x")?, "as x of a bar", &any)?;
            let y = data::read_as(df, &need(layer, &layer.y, "y")?, "as y of a bar", &any)?;
            match (x.kind, y.kind) {
                (Number, Category) => r.horizontal = true,
                (_, Number) => {}
                (_, _) => {
                    return Err(Error::Column {
                        column: y.name.clone(),
                        dtype: y.dtype.clone(),
                        role: "as the length of a bar".into(),
                        hint: format!(
                            "one of a bar's two columns is its length, a number; count rows per category first, e.g. `.group_by([col(\"{}\")]).agg([len().alias(\"n\")])`, then `.bar(\"{}\", \"n\")`",
                            x.name, x.name
                        ),
                    });
                }
            }
            r.x = Some(x);
            r.y = Some(y);
        }
        Mark::Point | Mark::Line | Mark::Step | Mark::Text => {
            r.x = required(&layer.x, "x", "as x", &any)?;
            let ykinds: &[Kind] = if layer.mark == Mark::Text || layer.mark == Mark::Point {
                &any
            } else {
                &[Number]
            };
            r.y = required(&layer.y, "y", "as y of a line", ykinds)?;
        }
        Mark::Interval => {
            r.x = required(
                &layer.x,
                "start",
                "as the start of an interval",
                &continuous,
            )?;
            r.end = required(&layer.end, "end", "as the end of an interval", &continuous)?;
            r.y = required(&layer.y, "y", "as y", &any)?;
        }
        Mark::Range | Mark::Ribbon => {
            r.x = required(&layer.x, "x", "as x", &any)?;
            r.y = required(&layer.y, "low", "as the low end", &continuous)?;
            r.end = required(&layer.end, "high", "as the high end", &continuous)?;
        }
        Mark::Histogram => {
            r.x = required(&layer.x, "x", "as x of a histogram", &continuous)?;
        }
        Mark::Heat => {
            r.x = required(&layer.x, "x", "as x of a heat grid", &[Category])?;
            r.y = required(&layer.y, "y", "as y of a heat grid", &[Category])?;
        }
        Mark::RuleX | Mark::RuleY => {}
    }
    if let (Some(a), Some(b)) = (&r.x, &r.end)
        && layer.mark == Mark::Interval
        && a.kind != b.kind
    {
        return Err(Error::Column {
            column: b.name.clone(),
            dtype: b.dtype.clone(),
            role: "as the end of an interval".into(),
            hint: format!(
                "the start, '{}', holds {}; give both ends the same kind",
                a.name,
                a.kind.name()
            ),
        });
    }
    Ok(r)
}
