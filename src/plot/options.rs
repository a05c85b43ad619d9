//! The builder's titles, axes, size and outputs.

#[allow(unused_imports)]
use super::*;

impl Plot {
    /// The title.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").title("Pace").svg()?.contains("aria-label=\"Pace\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn title(mut self, text: &str) -> Plot {
        self.title = Some(text.to_string());
        self
    }
}

impl Plot {
    /// The subtitle, under the title.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").subtitle("Per month").svg()?.contains("Per month"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn subtitle(mut self, text: &str) -> Plot {
        self.subtitle = Some(text.to_string());
        self
    }
}

impl Plot {
    /// A note under the subtitle (what was left out, what to read with
    /// care); the chart adds its own notes after these.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").note("Dates from the public record.").svg()?.contains("public record"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn note(mut self, text: &str) -> Plot {
        self.notes.push(text.to_string());
        self
    }
}

impl Plot {
    /// The caption at the foot of the chart, in place of the sources
    /// caption made from a `source_id` column.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").caption("Data: UCDP").svg()?.contains("Data: UCDP"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn caption(mut self, text: &str) -> Plot {
        self.caption = Some(text.to_string());
        self
    }
}

impl Plot {
    /// The title of the x axis (by default, the x column's name).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").x_title("days since the start").svg()?.contains("days since the start"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn x_title(mut self, text: &str) -> Plot {
        self.x.title = Some(text.to_string());
        self
    }
}

impl Plot {
    /// The title of the y axis (by default, the y column's name).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").y_title("meetings").svg()?.contains("aria-label=\"meetings\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn y_title(mut self, text: &str) -> Plot {
        self.y.title = Some(text.to_string());
        self
    }
}

impl Plot {
    /// The title of the colour legend (by default, the colour column's
    /// name).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1], "c" => ["a"])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").color("c").color_title("style").svg()?.contains("style"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn color_title(mut self, text: &str) -> Plot {
        self.color_title = Some(text.to_string());
        self
    }
}

impl Plot {
    /// A logarithmic x axis (rows at or below zero are left out, and the
    /// note says how many).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("days" => [1.0, 10.0, 1000.0], "y" => [1, 2, 3])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("days", "y").x_log().svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn x_log(mut self) -> Plot {
        self.x.log = true;
        self
    }
}

impl Plot {
    /// A logarithmic y axis.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "n" => [3.0, 575.0])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "n").y_log().svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn y_log(mut self) -> Plot {
        self.y.log = true;
        self
    }
}

impl Plot {
    /// Reads the x numbers as lengths in days: ticks at an hour, a day, a
    /// week, a month, a year... labelled in words.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("low" => [0.04, 657.4], "high" => [1.0, 730.5], "p" => ["hours", "years"])?;
    /// let svg = negotiations::plot::Plot::new(&df).interval("p", "low", "high").x_log().x_days().svg()?;
    /// assert!(svg.contains("aria-label=\"1 year\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn x_days(mut self) -> Plot {
        self.x.days = true;
        self
    }
}

impl Plot {
    /// Reads the y numbers as lengths in days.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("c" => ["a", "b"], "d" => [30.0, 400.0])?;
    /// assert!(negotiations::plot::Plot::new(&df).bar("c", "d").y_days().svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn y_days(mut self) -> Plot {
        self.y.days = true;
        self
    }
}

impl Plot {
    /// The order of the categories along x (others follow, sorted).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("who" => ["trump", "kissinger"], "n" => [17, 9])?;
    /// assert!(negotiations::plot::Plot::new(&df).bar("who", "n").x_order(&["kissinger", "trump"]).svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn x_order(mut self, order: &[&str]) -> Plot {
        self.x.order = Some(order.iter().map(|s| s.to_string()).collect());
        self
    }
}

impl Plot {
    /// The order of the categories along y, top first.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("who" => ["trump", "kissinger"], "n" => [17, 9])?;
    /// assert!(negotiations::plot::Plot::new(&df).bar("n", "who").y_order(&["kissinger", "trump"]).svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn y_order(mut self, order: &[&str]) -> Plot {
        self.y.order = Some(order.iter().map(|s| s.to_string()).collect());
        self
    }
}

impl Plot {
    /// How the bands along x are ordered, left to right: `"data"` keeps
    /// the frame's row order (each band where its first row is); a column
    /// name sorts them by it, ascending (the sum of a band's numbers, or
    /// its earliest date), and `"-"` before the name descending. Without
    /// it, bands follow an `Enum`'s order, else sort by name (numbers in
    /// a name as numbers). `x_order` still puts the bands it names first.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("process" => ["Golan", "Sinai I", "Ukraine"], "days" => [167, 72, 296])?;
    /// let svg = negotiations::plot::Plot::new(&df).bar("process", "days").x_sort("-days").svg()?;
    /// let at = |s: &str| svg.find(&format!("aria-label=\"{s}\"")).unwrap();
    /// assert!(at("Ukraine") < at("Golan") && at("Golan") < at("Sinai I"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn x_sort(mut self, by: &str) -> Plot {
        self.x.sort = Some(by.to_string());
        self
    }
}

impl Plot {
    /// How the bands along y are ordered, top to bottom: as
    /// [`x_sort`](Plot::x_sort) says (`"data"`, a column, or `"-"` and a
    /// column).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("process" => ["Ukraine", "Golan", "Sinai I"], "days" => [296, 167, 72])?
    ///     .sort(["days"], SortMultipleOptions::default().with_order_descending(true))?;
    /// let svg = negotiations::plot::Plot::new(&df).bar("days", "process").y_sort("data").svg()?;
    /// let at = |s: &str| svg.find(&format!("aria-label=\"{s}\"")).unwrap();
    /// assert!(at("Ukraine") < at("Golan") && at("Golan") < at("Sinai I"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn y_sort(mut self, by: &str) -> Plot {
        self.y.sort = Some(by.to_string());
        self
    }
}

impl Plot {
    /// The x axis runs from `lo` to `hi` (numbers, or days since 1970 for
    /// dates); marks are cut at its ends (a point or a label outside is
    /// not drawn, a line or a band stops at the edge).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1.0, 2.0], "y" => [1, 2])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").x_domain(0.0, 10.0).svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn x_domain(mut self, lo: f64, hi: f64) -> Plot {
        self.x.domain = Some((lo, hi));
        self
    }
}

impl Plot {
    /// The y axis runs from `lo` to `hi`; marks are cut at its ends, as
    /// with [`x_domain`](Plot::x_domain).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("t" => [0.0, 5.0], "s" => [1.0, 0.6])?;
    /// assert!(negotiations::plot::Plot::new(&df).line("t", "s").y_domain(0.0, 1.0).svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn y_domain(mut self, lo: f64, hi: f64) -> Plot {
        self.y.domain = Some((lo, hi));
        self
    }
}

impl Plot {
    /// Hides the y axis's labels (for bands labelled another way).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").y_hidden().svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn y_hidden(mut self) -> Plot {
        self.y.hidden = true;
        self
    }
}

impl Plot {
    /// The size of the figure in pixels (default 1200 × 750). Text is never
    /// cut: a title, subtitle, note or caption that wraps onto more lines
    /// makes the figure taller by those lines (and the chart's own notes,
    /// such as labels left out, likewise), so the panels keep their size.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// let png = negotiations::plot::Plot::new(&df).point("x", "y").size(640, 400).png()?;
    /// assert_eq!(&png[16..24], &[0, 0, 2, 128, 0, 0, 1, 144]); // 640 × 400
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn size(mut self, width: u32, height: u32) -> Plot {
        self.size = (width.clamp(200, 8000), height.clamp(150, 8000));
        self
    }
}

impl Plot {
    /// The chart as an SVG document of its exact size, for a file.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// let svg = negotiations::plot::Plot::new(&df).point("x", "y").svg()?;
    /// assert!(svg.contains("width=\"1200\" height=\"750\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn svg(&self) -> Result<String> {
        render::svg(self, false)
    }
}

impl Plot {
    /// The chart as a notebook shows it: laid out at the width it is shown
    /// at (900 px, or the chart's own width if narrower; the height in
    /// proportion), so its type reads at the size it was set, and scaling
    /// down to a narrower container. Files keep their exact size
    /// ([`Plot::svg`]).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// let svg = negotiations::plot::Plot::new(&df).point("x", "y").inline_svg()?;
    /// assert!(svg.contains("width=\"100%\"") && svg.contains("viewBox=\"0 0 900 563\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn inline_svg(&self) -> Result<String> {
        render::svg(self, true)
    }
}

impl Plot {
    /// The chart as a PNG image (8-bit RGB).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// assert_eq!(&negotiations::plot::Plot::new(&df).point("x", "y").png()?[1..4], b"PNG");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn png(&self) -> Result<Vec<u8>> {
        render::png(self)
    }
}

impl Plot {
    /// Saves the SVG to `path` (through a temporary file).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// let dir = tempfile::tempdir()?;
    /// negotiations::plot::Plot::new(&df).point("x", "y").save_svg(dir.path().join("a.svg"))?;
    /// assert!(dir.path().join("a.svg").exists());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save_svg(&self, path: impl AsRef<Path>) -> Result<()> {
        base::save(path.as_ref(), self.svg()?.as_bytes())
    }
}

impl Plot {
    /// Saves the PNG to `path` (through a temporary file).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// let dir = tempfile::tempdir()?;
    /// negotiations::plot::Plot::new(&df).point("x", "y").save_png(dir.path().join("a.png"))?;
    /// assert!(dir.path().join("a.png").exists());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save_png(&self, path: impl AsRef<Path>) -> Result<()> {
        base::save(path.as_ref(), &self.png()?)
    }
}

impl Plot {
    /// The chart as a one-page PDF of vector paths, for reports (LaTeX,
    /// Typst, Word): the page is the chart's size at 96 pixels to the inch
    /// (1200 × 750 px is 900 × 562.5 pt); text is the embedded font's own
    /// glyph outlines, so it looks the same in every viewer; the same chart
    /// gives the same bytes on every machine.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2])?;
    /// let pdf = negotiations::plot::Plot::new(&df).point("x", "y").title("Pace").pdf()?;
    /// assert!(pdf.starts_with(b"%PDF-") && pdf.ends_with(b"%%EOF"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pdf(&self) -> Result<Vec<u8>> {
        render::pdf(self)
    }

    /// Saves the PDF to `path` (through a temporary file).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// let dir = tempfile::tempdir()?;
    /// negotiations::plot::Plot::new(&df).point("x", "y").save_pdf(dir.path().join("a.pdf"))?;
    /// assert!(std::fs::read(dir.path().join("a.pdf"))?.starts_with(b"%PDF-"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save_pdf(&self, path: impl AsRef<Path>) -> Result<()> {
        base::save(path.as_ref(), &self.pdf()?)
    }
}

/// A file format for [`Plot::files`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileFormat {
    /// [`Plot::svg`].
    Svg,
    /// [`Plot::png`].
    Png,
    /// [`Plot::pdf`].
    Pdf,
}

impl FileFormat {
    /// All three, in the order above.
    pub const ALL: [FileFormat; 3] = [FileFormat::Svg, FileFormat::Png, FileFormat::Pdf];

    /// The file name extension (`"svg"`).
    ///
    /// ```
    /// assert_eq!(negotiations::plot::FileFormat::Png.extension(), "png");
    /// ```
    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Svg => "svg",
            FileFormat::Png => "png",
            FileFormat::Pdf => "pdf",
        }
    }
}

impl Plot {
    /// The chart in several formats at once, in the order asked: the same
    /// bytes as [`Plot::svg`], [`Plot::png`] and [`Plot::pdf`] one by one,
    /// but the chart is laid out once (scales, labels placed, notes) and
    /// drawn on each canvas, rather than laid out again for each format.
    ///
    /// ```
    /// use negotiations::plot::{FileFormat, Plot};
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [3, 4])?;
    /// let p = Plot::new(&df).point("x", "y");
    /// let files = p.files(&[FileFormat::Svg, FileFormat::Png])?;
    /// assert_eq!(files[0], p.svg()?.into_bytes());
    /// assert_eq!(files[1], p.png()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn files(&self, formats: &[FileFormat]) -> Result<Vec<Vec<u8>>> {
        render::files(self, formats)
    }
}

impl Plot {
    /// Shows the chart in an evcxr notebook: an SVG that scales to the
    /// output's width and, in the same output, its interactive twin
    /// ([`Plot::vega_lite`]), which JupyterLab shows in its place (hover,
    /// zoom, pan) while nbconvert and GitHub show the SVG; a chart without
    /// a twin shows the SVG with a note saying why; a chart that cannot be
    /// drawn, the error in words. evcxr calls this for the value of a
    /// cell's last expression.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// negotiations::plot::Plot::new(&df).point("x", "y").evcxr_display(); // prints EVCXR_BEGIN_CONTENT image/svg+xml ..., then application/vnd.vegalite.v5+json ...
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn evcxr_display(&self) {
        vega::display(self);
    }

    /// What a notebook shows of the chart, as MIME types and contents: the
    /// inline SVG, and the interactive Vega-Lite twin where the chart maps
    /// to one (as [`Plot::evcxr_display`] shows it). For a front end of
    /// one's own, such as a kernel.
    ///
    /// ```
    /// use negotiations::plot::Plot;
    /// use negotiations::polars::prelude::*;
    /// let df = df!("side" => ["a", "b"], "n" => [3, 4])?;
    /// let bundle = Plot::new(&df).bar("side", "n").mime_bundle()?;
    /// assert_eq!(bundle[0].0, "image/svg+xml");
    /// assert!(bundle.iter().any(|(mime, _)| mime.starts_with("application/vnd.vegalite")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn mime_bundle(&self) -> Result<Vec<(&'static str, String)>> {
        vega::bundle(self)
    }
}
