//! The builder chain as text: what follows `Plot::new(&frame)` in Rust,
//! read and applied without compiling Rust, so a chart moves between a
//! Rust cell and a chart cell by copy and paste.
//!
//! ```
//! use negotiations::plot::{Plot, chain};
//! use negotiations::polars::prelude::*;
//!
//! let df = df!("month" => ["2025-08", "2025-09"], "meetings" => [3, 2], "approach" => ["envoy", "summit"])?;
//! let text = r#"
//!     .bar("month", "meetings").color("approach") // stacked by approach
//!     .title("Meetings per month");
//! "#;
//! let rust = Plot::new(&df).bar("month", "meetings").color("approach").title("Meetings per month");
//! assert_eq!(chain(&df, text)?.svg()?, rust.svg()?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The syntax is Rust's: `.method(args)` calls over any number of lines,
//! with `//` and `/* */` comments, an optional `;` at the end, and
//! optionally `Plot::new(&name)` before them. Arguments are literals:
//! strings (escapes and raw strings), integers, floats (`1.0` where Rust
//! wants an `f64`), `true`/`false`, `RGBColor(r, g, b)` or a
//! `palette::NAME`, `NaiveDate::from_ymd_opt(y, m, d).unwrap()`, slices
//! `&["a", "b"]` and `&[("a", RGBColor(1, 2, 3))]`, `Theme::new().family(...)`,
//! and `&name` for a frame given by name in [`ChainOptions`]. Anything
//! else (a variable, `format!`, a method that draws or saves) is an error
//! that says to use a Rust cell.
//!
//! Errors are [`Error::Chain`]: the line and column in the cell, the
//! line itself with a caret under the culprit, and what would fit (the
//! methods, closest first; the method's signature; the frame's columns,
//! closest first).

mod args;
mod kind;
mod lex;
mod methods;
mod parse;
#[cfg(test)]
mod tests;

use polars::prelude::DataFrame;

use crate::error::{Error, Result};
use crate::plot::Plot;
use args::{Args, Scope};
use parse::{Call, Expr, Node};

/// Where a chain's text sits in its cell, and the frames it may name.
///
/// ```
/// use negotiations::plot::{ChainOptions, chain_with};
/// use negotiations::polars::prelude::*;
///
/// let df = df!("x" => [1, 2], "y" => [1.0, 2.0])?;
/// // The chain starts on the cell's second line, under `%%plot df`.
/// let err = chain_with(&df, ".point(\"x\", \"z\")", &ChainOptions::new().at(2, 1)).unwrap_err();
/// assert!(err.to_string().starts_with("line 2, column 13: argument 2 of `point` (y): no column \"z\""), "{err}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ChainOptions {
    line: usize,
    column: usize,
    frames: Vec<(String, DataFrame)>,
}

impl Default for ChainOptions {
    fn default() -> ChainOptions {
        ChainOptions::new()
    }
}

impl ChainOptions {
    /// Text that is the whole cell, starting at line 1, column 1, naming
    /// no frames.
    ///
    /// ```
    /// let options = negotiations::plot::ChainOptions::new();
    /// # let _ = options;
    /// ```
    pub fn new() -> ChainOptions {
        ChainOptions {
            line: 1,
            column: 1,
            frames: Vec::new(),
        }
    }

    /// The text starts at `line` and `column` of the cell (1-based): error
    /// positions are the cell's.
    ///
    /// ```
    /// let options = negotiations::plot::ChainOptions::new().at(2, 1);
    /// # let _ = options;
    /// ```
    pub fn at(mut self, line: usize, column: usize) -> ChainOptions {
        (self.line, self.column) = (line.max(1), column.max(1));
        self
    }

    /// A frame the chain may name: `Plot::new(&name)` starts from it and
    /// `.data(&name)` layers it.
    ///
    /// ```
    /// use negotiations::plot::{ChainOptions, chain_with};
    /// use negotiations::polars::prelude::*;
    ///
    /// let a = df!("x" => [1, 2], "y" => [1.0, 2.0])?;
    /// let b = df!("x" => [1, 2], "y" => [2.0, 1.0])?;
    /// let options = ChainOptions::new().frame("b", &b);
    /// let plot = chain_with(&a, ".line(\"x\", \"y\").data(&b).point(\"x\", \"y\")", &options)?;
    /// assert!(plot.svg()?.contains("<circle"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn frame(mut self, name: &str, df: &DataFrame) -> ChainOptions {
        self.frames.retain(|(n, _)| n != name);
        self.frames.push((name.to_string(), df.clone()));
        self
    }
}

/// The chart that the chain `text` builds on `df`: `Plot::new(&df)`
/// followed by the calls (see [the chain as text](crate::plot#the-chain-as-text)).
///
/// ```
/// use negotiations::plot::chain;
/// use negotiations::polars::prelude::*;
///
/// let df = df!("x" => [1, 2], "y" => [1.0, 2.0])?;
/// let err = chain(&df, ".point(\"x\", \"y\")\n.colr(\"x\")").unwrap_err();
/// assert!(err.to_string().contains("no method `colr` on Plot; the methods, closest first: color,"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn chain(df: &DataFrame, text: &str) -> Result<Plot> {
    chain_with(df, text, &ChainOptions::new())
}

/// [`chain`], with the text's place in its cell and the frames it may
/// name. A leading `Plot::new(&name)` starts from the frame of that name
/// when `options` has one, else from `df`.
///
/// ```
/// use negotiations::plot::{ChainOptions, chain_with};
/// use negotiations::polars::prelude::*;
///
/// let df = df!("x" => [1, 2], "y" => [1.0, 2.0])?;
/// let plot = chain_with(&df, "Plot::new(&df).point(\"x\", \"y\");", &ChainOptions::new().at(2, 1))?;
/// assert!(plot.svg()?.contains("<circle"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn chain_with(df: &DataFrame, text: &str, options: &ChainOptions) -> Result<Plot> {
    let source = Source { text, options };
    let parsed = source.parse()?;
    let start = match &parsed.receiver {
        Some(node) => source.receiver(node)?,
        None => None,
    };
    source.apply(Plot::new(start.unwrap_or(df)), &parsed.calls)
}

impl Plot {
    /// This chart with the calls of the chain `text` applied (see
    /// [`chain`]); a leading `Plot::new(&name)` is checked and skipped.
    ///
    /// ```
    /// use negotiations::plot::Plot;
    /// use negotiations::polars::prelude::*;
    ///
    /// let df = df!("x" => [1, 2], "y" => [1.0, 2.0])?;
    /// let plot = Plot::new(&df).line("x", "y").chain(".point(\"x\", \"y\").title(\"Both\")")?;
    /// assert_eq!(plot.svg()?, Plot::new(&df).line("x", "y").point("x", "y").title("Both").svg()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn chain(self, text: &str) -> Result<Plot> {
        self.chain_with(text, &ChainOptions::new())
    }

    /// [`Plot::chain`], with the text's place in its cell and the frames
    /// it may name.
    ///
    /// ```
    /// use negotiations::plot::{ChainOptions, Plot};
    /// use negotiations::polars::prelude::*;
    ///
    /// let df = df!("x" => [1, 2], "y" => [1.0, 2.0])?;
    /// let err = Plot::new(&df).chain_with("\n.size(-1, 400)", &ChainOptions::new().at(5, 1)).unwrap_err();
    /// assert!(err.to_string().starts_with("line 6, column 7: "), "{err}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn chain_with(self, text: &str, options: &ChainOptions) -> Result<Plot> {
        let source = Source { text, options };
        let parsed = source.parse()?;
        if let Some(node) = &parsed.receiver {
            source.receiver(node)?;
        }
        source.apply(self, &parsed.calls)
    }
}

/// The text being read, with its options: positions become errors here.
struct Source<'a> {
    text: &'a str,
    options: &'a ChainOptions,
}

impl<'a> Source<'a> {
    fn parse(&self) -> Result<parse::Chain> {
        let tokens = lex::tokens(self.text).map_err(|(s, e, m)| self.error(s, e, m))?;
        parse::chain(&tokens).map_err(|(s, e, m)| self.error(s, e, m))
    }

    /// Checks `Plot::new(&name)`; the frame of that name if the options
    /// have one.
    fn receiver(&self, node: &Node) -> Result<Option<&'a DataFrame>> {
        let name = match &node.expr {
            Expr::Call(path, args) if path.ends_with(&["Plot".into(), "new".into()]) => {
                match &args[..] {
                    [
                        Node {
                            expr: Expr::Ref(inner),
                            ..
                        },
                    ] => match &inner.expr {
                        Expr::Path(p) if p.len() == 1 => Some(p[0].as_str()),
                        _ => None,
                    },
                    _ => None,
                }
            }
            Expr::Call(path, _) if path.last().is_some_and(|n| n == "auto") => {
                return Err(self.error(node.start, node.end, "`Plot::auto` returns a `Result`; start it in a Rust cell, or start the chain with `.`".into()));
            }
            _ => None,
        };
        let Some(name) = name else {
            return Err(self.error(
                node.start,
                node.end,
                "a chain starts with `.method(...)` or with `Plot::new(&frame)`".into(),
            ));
        };
        Ok(self
            .options
            .frames
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, df)| df))
    }

    /// Applies `calls` in order to `plot`.
    fn apply(&self, mut plot: Plot, calls: &[Call]) -> Result<Plot> {
        for call in calls {
            let method = self.method(call)?;
            let args = self.args(method, call, &plot)?;
            plot = (method.apply)(plot, &args)?;
        }
        Ok(plot)
    }

    /// The method `call` names, or an error listing those there are.
    fn method(&self, call: &Call) -> Result<&'static methods::Method> {
        if let Some(m) = methods::find(&call.name) {
            return Ok(m);
        }
        let message = match methods::NOT_IN_A_CHAIN
            .iter()
            .find(|(n, _)| *n == call.name)
        {
            Some((name, why)) => {
                format!("`{name}` is not a builder method a chain can call: {why}")
            }
            None => {
                let names = closest(
                    &call.name,
                    methods::METHODS.iter().map(|m| m.name.to_string()),
                );
                format!(
                    "no method `{}` on Plot; the methods, closest first: {}",
                    call.name,
                    names.join(", ")
                )
            }
        };
        Err(self.error(call.name_start, call.name_end, message))
    }

    /// `call`'s arguments, counted and read as `method` declares them.
    fn args(&self, method: &methods::Method, call: &Call, plot: &Plot) -> Result<Args> {
        let (want, given) = (method.params.len(), call.args.len());
        if want != given {
            let s = |n: usize| if n == 1 { "" } else { "s" };
            let message = format!(
                "`{}` takes {want} argument{}, {given} given: {}",
                method.name,
                s(want),
                method.signature()
            );
            let (start, end) = match call.args.get(want) {
                Some(extra) => (extra.start, extra.end),
                None => (call.name_start, call.name_end),
            };
            return Err(self.error(start, end, message));
        }
        let scope = Scope {
            plot,
            frames: &self.options.frames,
        };
        let mut out = Vec::with_capacity(want);
        for (i, (node, (name, kind))) in call.args.iter().zip(method.params).enumerate() {
            let arg = args::convert(node, *kind, &scope).map_err(|(s, e, m)| {
                let message = format!(
                    "argument {} of `{}` ({name}: {}): {m}; the method is {}",
                    i + 1,
                    method.name,
                    kind.rust(),
                    method.signature()
                );
                self.error(s, e, message)
            })?;
            if let args::Arg::Str(column) = &arg {
                args::check_column(column, *kind, &scope).map_err(|m| {
                    let message = format!("argument {} of `{}` ({name}): {m}", i + 1, method.name);
                    self.error(node.start, node.end, message)
                })?;
            }
            out.push(arg);
        }
        Ok(Args(out))
    }

    /// An [`Error::Chain`] at bytes `start..end` of the text.
    fn error(&self, start: usize, end: usize, message: String) -> Error {
        let text = self.text;
        let start = floor_boundary(text, start);
        let end = floor_boundary(text, end.max(start));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let index = text[..start].matches('\n').count();
        let column = text[line_start..start].chars().count() + 1;
        let excerpt = excerpt(
            &text[line_start..line_end],
            column,
            text[start..end.min(line_end)].chars().count(),
        );
        let offset = if index == 0 {
            self.options.column - 1
        } else {
            0
        };
        Error::Chain {
            line: self.options.line + index,
            column: column + offset,
            message,
            excerpt,
        }
    }
}

/// The greatest char boundary of `text` at or before `i`.
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Lines longer than this are shown as a window around the culprit.
const EXCERPT_CHARS: usize = 100;

/// The line, and a caret under `width` characters from `column`.
fn excerpt(line: &str, column: usize, width: usize) -> String {
    let chars: Vec<char> = line
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let from = if chars.len() > EXCERPT_CHARS {
        (column - 1).saturating_sub(EXCERPT_CHARS / 2)
    } else {
        0
    };
    let to = chars.len().min(from + EXCERPT_CHARS);
    let shown: String = chars[from.min(to)..to].iter().collect();
    let pad = " ".repeat(column - 1 - from + usize::from(from > 0));
    let width = width.clamp(1, EXCERPT_CHARS);
    let dots = if from > 0 { "…" } else { "" };
    format!(
        "    {dots}{}\n    {pad}{}",
        shown.trim_end(),
        "^".repeat(width)
    )
}

/// `candidates` without repeats, the closest to `name` first (edit
/// distance, ignoring case; ties keep their order).
fn closest(name: &str, candidates: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = Vec::new();
    for c in candidates {
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    let name = name.to_lowercase();
    let n = name.chars().count();
    let mut scored: Vec<((usize, usize), String)> = seen
        .into_iter()
        .map(|c| {
            let lower = c.to_lowercase();
            let full = distance(&name, &lower);
            // A name typed part way (`colo`, `x_do`) is close to every
            // name it nearly begins: the distance to the candidate's
            // start counts, one step more than a whole match would.
            let head: String = lower.chars().take(n).collect();
            ((full.min(distance(&name, &head) + 1), full), c)
        })
        .collect();
    scored.sort_by_key(|(d, _)| *d);
    scored.into_iter().map(|(_, c)| c).collect()
}

/// Levenshtein distance in characters, one row at a time.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (prev + cost).min(row[j] + 1).min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}
