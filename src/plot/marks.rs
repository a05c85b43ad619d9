//! The builder's marks and encodings.

#[allow(unused_imports)]
use super::*;

impl From<f64> for At {
    fn from(v: f64) -> At {
        At::Number(v)
    }
}

impl From<i64> for At {
    fn from(v: i64) -> At {
        At::Number(v as f64)
    }
}

impl From<i32> for At {
    fn from(v: i32) -> At {
        At::Number(f64::from(v))
    }
}

impl From<NaiveDate> for At {
    fn from(v: NaiveDate) -> At {
        At::Date(v)
    }
}

impl From<&str> for At {
    fn from(v: &str) -> At {
        At::Category(v.to_string())
    }
}

impl Layer {
    pub(super) fn new(data: DataFrame, mark: Mark) -> Layer {
        Layer {
            data,
            mark,
            x: None,
            y: None,
            end: None,
            color: None,
            shape: None,
            size: None,
            label: None,
            group: None,
            tooltips: Vec::new(),
            fixed: None,
            at: None,
            text: None,
            dodge: false,
            cumulative: false,
            bins: 0,
            opacity: 1.0,
            width: 2.5,
            dashed: false,
            legend: true,
            nudge: (0.0, 0.0),
        }
    }
}

impl Plot {
    /// A chart whose marks read `df` (until [`Plot::data`] gives another).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2, 3], "y" => [2.0, 4.0, 3.0])?;
    /// let svg = negotiations::plot::Plot::new(&df).line("x", "y").svg()?;
    /// assert!(svg.contains("<polyline"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(df: &DataFrame) -> Plot {
        Plot {
            data: df.clone(),
            layers: Vec::new(),
            title: None,
            subtitle: None,
            caption: None,
            notes: Vec::new(),
            x: Axis::default(),
            y: Axis::default(),
            facet: None,
            facet_columns: None,
            size: DEFAULT_SIZE,
            color_title: None,
            color_map: Vec::new(),
            shape_map: Vec::new(),
            theme: theme::Theme::default(),
        }
    }
}

impl Plot {
    /// The marks added from here on read `df`: layers over several frames.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let a = df!("x" => [1, 2], "y" => [1.0, 2.0])?;
    /// let b = df!("x" => [1, 2], "y" => [2.0, 1.0])?;
    /// let p = negotiations::plot::Plot::new(&a).line("x", "y").data(&b).point("x", "y");
    /// assert!(p.svg()?.contains("<circle"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn data(mut self, df: &DataFrame) -> Plot {
        self.data = df.clone();
        self
    }
}

impl Plot {
    pub(super) fn push(
        mut self,
        mark: Mark,
        x: Option<&str>,
        y: Option<&str>,
        end: Option<&str>,
    ) -> Plot {
        let mut layer = Layer::new(self.data.clone(), mark);
        layer.x = x.map(str::to_string);
        layer.y = y.map(str::to_string);
        layer.end = end.map(str::to_string);
        self.layers.push(layer);
        self
    }
}

impl Plot {
    pub(super) fn last(mut self, f: impl FnOnce(&mut Layer)) -> Plot {
        if let Some(l) = self.layers.last_mut() {
            f(l);
        }
        self
    }
}

impl Plot {
    /// Bars of `y` at each `x`, from zero. One of the two is a category
    /// column (the bars' positions) and the other a number (their length):
    /// `bar("process", "meetings")` stands the bars up, `bar("meetings",
    /// "process")` lays them down. With x a date or number, bars stand at
    /// those positions. Rows that share a bar (and colour) are summed.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("who" => ["kissinger", "trump"], "n" => [3, 17])?;
    /// let svg = negotiations::plot::Plot::new(&df).bar("n", "who").color("who").svg()?;
    /// assert_eq!(svg.matches("<rect").count() >= 2, true);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn bar(self, x: &str, y: &str) -> Plot {
        self.push(Mark::Bar, Some(x), Some(y), None)
    }
}

impl Plot {
    /// A mark at (`x`, `y`) for each row.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("days" => [10, 748], "meetings" => [3, 575])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("days", "meetings").svg()?.contains("<circle"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn point(self, x: &str, y: &str) -> Plot {
        self.push(Mark::Point, Some(x), Some(y), None)
    }
}

impl Plot {
    /// A line through (`x`, `y`) in x order, one per colour.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("t" => [0, 1, 2], "s" => [1.0, 0.8, 0.7])?;
    /// assert!(negotiations::plot::Plot::new(&df).line("t", "s").svg()?.contains("<polyline"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn line(self, x: &str, y: &str) -> Plot {
        self.push(Mark::Line, Some(x), Some(y), None)
    }
}

impl Plot {
    /// A line of steps through (`x`, `y`): level until the next x, as a
    /// count or a survival curve changes.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("day" => [0, 5, 9], "n" => [1, 1, 1])?;
    /// let p = negotiations::plot::Plot::new(&df).step("day", "n").cumulative();
    /// assert!(p.svg()?.contains("<polyline"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn step(self, x: &str, y: &str) -> Plot {
        self.push(Mark::Step, Some(x), Some(y), None)
    }
}

impl Plot {
    /// A bar from `start` to `end` along x at each `y`: a Gantt bar of a
    /// process, or a date known to the month (`date` to `date_last`), or a
    /// length a phrase allows (`days_low` to `days_high`), drawn as the
    /// range it is. A zero-length interval is drawn as a tick.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("phrase" => ["almost two years"], "low" => [657.4], "high" => [730.5])?;
    /// let p = negotiations::plot::Plot::new(&df).interval("phrase", "low", "high");
    /// assert!(p.svg()?.contains("<rect"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn interval(self, y: &str, start: &str, end: &str) -> Plot {
        self.push(Mark::Interval, Some(start), Some(y), Some(end))
    }
}

impl Plot {
    /// A bar from `low` to `high` along y at each `x`: an interval
    /// standing up (an error bar, a range of estimates).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("year" => [1, 2], "lo" => [0.4, 0.35], "hi" => [0.5, 0.45])?;
    /// assert!(negotiations::plot::Plot::new(&df).range("year", "lo", "hi").svg()?.contains("<rect"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn range(self, x: &str, low: &str, high: &str) -> Plot {
        self.push(Mark::Range, Some(x), Some(low), Some(high))
    }
}

impl Plot {
    /// A shaded band between `low` and `high` along `x`, one per colour: a
    /// confidence interval around a line (steps, like a survival curve's).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("t" => [0.0, 1.0, 2.0], "lo" => [1.0, 0.4, 0.3], "hi" => [1.0, 0.5, 0.42])?;
    /// assert!(negotiations::plot::Plot::new(&df).ribbon("t", "lo", "hi").svg()?.contains("<polygon"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ribbon(self, x: &str, low: &str, high: &str) -> Plot {
        self.push(Mark::Ribbon, Some(x), Some(low), Some(high))
    }
}

impl Plot {
    /// A vertical reference line at `at` on the x axis (a number, a date or
    /// a category), labelled `label` (empty for none).
    ///
    /// ```
    /// use negotiations::chrono::NaiveDate;
    /// use negotiations::polars::prelude::*;
    /// let df = df!("d" => [NaiveDate::from_ymd_opt(2025, 7, 14).unwrap()], "n" => [1])?;
    /// let as_of = NaiveDate::from_ymd_opt(2025, 12, 4).unwrap();
    /// let p = negotiations::plot::Plot::new(&df).point("d", "n").rule_x(as_of, "as of");
    /// assert!(p.svg()?.contains("aria-label=\"as of\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rule_x(self, at: impl Into<At>, label: &str) -> Plot {
        let at = at.into();
        let label = (!label.is_empty()).then(|| label.to_string());
        self.push(Mark::RuleX, None, None, None).last(|l| {
            l.at = Some(at);
            l.text = label;
        })
    }
}

impl Plot {
    /// A horizontal reference line at `at` on the y axis, labelled `label`.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("t" => [0, 10], "s" => [1.0, 0.4])?;
    /// let p = negotiations::plot::Plot::new(&df).line("t", "s").rule_y(0.5, "half");
    /// assert!(p.svg()?.contains("aria-label=\"half\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rule_y(self, at: impl Into<At>, label: &str) -> Plot {
        let at = at.into();
        let label = (!label.is_empty()).then(|| label.to_string());
        self.push(Mark::RuleY, None, None, None).last(|l| {
            l.at = Some(at);
            l.text = label;
        })
    }
}

impl Plot {
    /// The values of `label` as text at (`x`, `y`); labels that would
    /// overlap are moved apart.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2], "name" => ["Korea", "Gaza"])?;
    /// assert!(negotiations::plot::Plot::new(&df).text("x", "y", "name").svg()?.contains("aria-label=\"Korea\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn text(self, x: &str, y: &str, label: &str) -> Plot {
        let label = label.to_string();
        self.push(Mark::Text, Some(x), Some(y), None)
            .last(|l| l.label = Some(label))
    }
}

impl Plot {
    /// Counts of the number or date column `x` in bins (about 20, or
    /// [`Plot::bins`]), stacked by colour.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("days" => [1.0, 2.0, 2.5, 9.0, 30.0])?;
    /// assert!(negotiations::plot::Plot::new(&df).histogram("days").bins(5).svg()?.contains("<rect"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn histogram(self, x: &str) -> Plot {
        self.push(Mark::Histogram, Some(x), None, None)
    }
}

impl Plot {
    /// A grid of `x` × `y` categories, each cell filled by the colour of
    /// `fill` (a category or a number); with [`Plot::label`], text in each
    /// cell.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("dimension" => ["tempo", "tempo"], "actor" => ["kissinger", "trump"], "value" => ["marathon", "sprint"])?;
    /// let p = negotiations::plot::Plot::new(&df).heat("actor", "dimension", "actor").label("value");
    /// assert!(p.svg()?.contains("aria-label=\"marathon\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn heat(self, x: &str, y: &str, fill: &str) -> Plot {
        let fill = fill.to_string();
        self.push(Mark::Heat, Some(x), Some(y), None)
            .last(|l| l.color = Some(fill))
    }
}

impl Plot {
    /// Colours the last mark by the column `column` (categories get the
    /// palette, numbers a light-to-dark ramp).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2], "approach" => ["kissinger", "trump"])?;
    /// let svg = negotiations::plot::Plot::new(&df).point("x", "y").color("approach").svg()?;
    /// assert!(svg.contains("#0072b2") && svg.contains("#d55e00")); // the house colours
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn color(self, column: &str) -> Plot {
        let c = column.to_string();
        self.last(|l| l.color = Some(c))
    }
}

impl Plot {
    /// One colour for the whole of the last mark.
    ///
    /// ```
    /// use negotiations::plot::{theme::palette, Plot};
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2])?;
    /// assert!(Plot::new(&df).line("x", "y").paint(palette::GREEN).svg()?.contains("#009e73"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn paint(self, color: RGBColor) -> Plot {
        self.last(|l| l.fixed = Some(color))
    }
}

impl Plot {
    /// Shapes the points of the last mark by the column `column`.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2], "kind" => ["call", "summit"])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").shape("kind").svg()?.contains("<polygon"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn shape(self, column: &str) -> Plot {
        let c = column.to_string();
        self.last(|l| l.shape = Some(c))
    }
}

impl Plot {
    /// Sizes the points of the last mark by the number column `column`
    /// (area in proportion to the value).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2], "n" => [3, 575])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").size_by("n").svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn size_by(self, column: &str) -> Plot {
        let c = column.to_string();
        self.last(|l| l.size = Some(c))
    }
}

impl Plot {
    /// Writes the column `column` beside each mark of the last mark (the
    /// text inside each cell of a heat grid).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("days" => [748, 669], "meetings" => [575, 2], "case" => ["Korea", "Good Friday"])?;
    /// let svg = negotiations::plot::Plot::new(&df).point("days", "meetings").label("case").svg()?;
    /// assert!(svg.contains("aria-label=\"Good Friday\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn label(self, column: &str) -> Plot {
        let c = column.to_string();
        self.last(|l| l.label = Some(c))
    }
}

impl Plot {
    /// Draws the last line, step or ribbon as one line per value of
    /// `column` (besides one per colour): a line per process, coloured by
    /// its style.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("t" => [0, 1, 0, 1], "n" => [1, 2, 1, 3], "p" => ["a", "a", "b", "b"], "style" => ["trump", "trump", "trump", "trump"])?;
    /// let svg = negotiations::plot::Plot::new(&df).line("t", "n").group("p").color("style").svg()?;
    /// assert_eq!(svg.matches("<title>p: ").count(), 2); // two lines, each with its hover text
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn group(self, column: &str) -> Plot {
        let c = column.to_string();
        self.last(|l| l.group = Some(c))
    }
}

impl Plot {
    /// Adds the column `column` to what each mark of the last mark shows
    /// on hover (an SVG `<title>`); call again for more. Without it, a
    /// mark shows its encoded values.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [2], "quote" => ["“A marathon, not a sprint”"])?;
    /// let svg = negotiations::plot::Plot::new(&df).point("x", "y").tooltip("quote").svg()?;
    /// assert!(svg.contains("<title>quote: “A marathon, not a sprint”</title>"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tooltip(self, column: &str) -> Plot {
        let c = column.to_string();
        self.last(|l| l.tooltips.push(c))
    }
}

impl Plot {
    /// Bars of the last mark side by side by colour rather than stacked.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("m" => ["a", "a"], "who" => ["x", "y"], "n" => [1, 2])?;
    /// assert!(negotiations::plot::Plot::new(&df).bar("m", "n").color("who").dodge().svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dodge(self) -> Plot {
        self.last(|l| l.dodge = true)
    }
}

impl Plot {
    /// The last mark's y is added up along x (within each colour): from
    /// events to a running count.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("day" => [0, 3, 7], "one" => [1, 1, 1])?;
    /// assert!(negotiations::plot::Plot::new(&df).line("day", "one").cumulative().svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cumulative(self) -> Plot {
        self.last(|l| l.cumulative = true)
    }
}

impl Plot {
    /// The number of bins of the last histogram.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("v" => [1.0, 2.0, 3.0])?;
    /// assert!(negotiations::plot::Plot::new(&df).histogram("v").bins(3).svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn bins(self, n: usize) -> Plot {
        self.last(|l| l.bins = n.max(1))
    }
}

impl Plot {
    /// The opacity of the last mark (0 to 1).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").opacity(0.4).svg()?.contains("fill-opacity=\"0.4\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn opacity(self, alpha: f64) -> Plot {
        self.last(|l| l.opacity = alpha.clamp(0.0, 1.0))
    }
}

impl Plot {
    /// The stroke width of the last line, step or rule, and whether it is
    /// dashed. The width is in pixels of a chart 1,600 px wide and scales
    /// with the chart's width as its type does (by width / 1,600, kept
    /// between 0.75 and 1.5), so a chart keeps its look at any size.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2])?;
    /// assert!(negotiations::plot::Plot::new(&df).line("x", "y").stroke(1.0, true).svg()?.contains("stroke-dasharray"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn stroke(self, width: f64, dashed: bool) -> Plot {
        self.last(|l| {
            l.width = width.max(0.5);
            l.dashed = dashed;
        })
    }
}

impl Plot {
    /// Moves the last mark's marks by `dx`, `dy` pixels (right, down): a
    /// symbol set above a bar rather than on it. Pixels of a chart 1,600 px
    /// wide, scaled with the chart's width as in [`Plot::stroke`].
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => ["a"])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").nudge(0.0, -16.0).svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn nudge(self, dx: f64, dy: f64) -> Plot {
        self.last(|l| l.nudge = (dx, dy))
    }
}

impl Plot {
    /// Colours categories by the families of `theme` (see
    /// [`theme::Theme`]); [`Plot::color_map`] still wins over it.
    ///
    /// ```
    /// use negotiations::plot::{theme::{palette, Theme}, Plot};
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "side" => ["them", "us"])?;
    /// let plain = Plot::new(&df).point("x", "x").color("side").svg()?;
    /// let themed = Plot::new(&df).point("x", "x").color("side")
    ///     .theme(Theme::new().family(&[("us", palette::GREEN), ("them", palette::PURPLE)])).svg()?;
    /// assert!(themed.contains("#009e73") && !plain.contains("#009e73"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn theme(mut self, theme: theme::Theme) -> Plot {
        self.theme = theme;
        self
    }
}

impl Plot {
    /// Gives categories their colours: `(category, colour)` pairs, used
    /// wherever a colour column holds them; the rest take the palette.
    ///
    /// ```
    /// use negotiations::plot::{theme::palette, Plot};
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2], "c" => ["yes", "no"])?;
    /// let svg = Plot::new(&df).point("x", "y").color("c").color_map(&[("yes", palette::GREEN)]).svg()?;
    /// assert!(svg.contains("#009e73"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn color_map(mut self, pairs: &[(&str, RGBColor)]) -> Plot {
        for (k, c) in pairs {
            self.color_map.push((k.to_string(), *c));
        }
        self
    }
}

impl Plot {
    /// Gives categories their shapes: `(category, shape)` pairs (shapes:
    /// `circle`, `circle-open`, `triangle`, `square`, `diamond`, `cross`,
    /// `star`, `arrow`); the rest take shapes in turn.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2], "k" => ["call", "visit"])?;
    /// let p = negotiations::plot::Plot::new(&df).point("x", "y").shape("k").shape_map(&[("visit", "circle-open")]);
    /// assert!(p.svg()?.contains("fill=\"none\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn shape_map(mut self, pairs: &[(&str, &str)]) -> Plot {
        for (k, s) in pairs {
            self.shape_map.push((k.to_string(), s.to_string()));
        }
        self
    }
}

impl Plot {
    /// Leaves the last mark's colours and shapes out of the legend; the
    /// mark keeps its colours.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2], "c" => ["a", "b"])?;
    /// let p = negotiations::plot::Plot::new(&df).point("x", "y").color("c");
    /// let (with, without) = (p.svg()?, p.no_legend().svg()?);
    /// assert!(with.contains("aria-label=\"a\"") && !without.contains("aria-label=\"a\""));
    /// assert!(without.contains("#0072b2") && without.contains("#d55e00")); // colours, not grey
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn no_legend(self) -> Plot {
        self.last(|l| l.legend = false)
    }
}

impl Plot {
    /// Small multiples: one panel per value of `column`, on shared scales.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2, 1, 2], "y" => [1, 2, 2, 1], "side" => ["k", "k", "t", "t"])?;
    /// let svg = negotiations::plot::Plot::new(&df).line("x", "y").facet("side").svg()?;
    /// assert!(svg.contains("aria-label=\"k\"") && svg.contains("aria-label=\"t\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn facet(mut self, column: &str) -> Plot {
        self.facet = Some(column.to_string());
        self
    }
}

impl Plot {
    /// The number of panels a row of small multiples holds.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2], "f" => ["a", "b"])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").facet("f").facet_columns(1).svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn facet_columns(mut self, n: usize) -> Plot {
        self.facet_columns = Some(n.max(1));
        self
    }
}
