//! SQL and chart cells: what the `negotiations` kernel answers itself,
//! without compiling, beside the Rust cells evcxr compiles.
//!
//! A cell whose first line is `%%sql` is a polars SQL query over the
//! dataset's tables, the UCDP context tables and every shared frame;
//! `%%sql NAME <<` also binds the result to `NAME`, for later SQL, chart
//! and Rust cells ([`super::shared`]). A cell whose first line is
//! `%%plot NAME` is the chart layer's builder chain as it would follow
//! `Plot::new(&NAME)` in Rust ([`crate::plot::chain`]).
//!
//! ```
//! use negotiations::notebook::Session;
//! let data = negotiations::Dataset::embedded()?;
//! let mut session = Session::new(&data, None)?;
//! session.run("%%sql by_side <<\nSELECT approach, count(*) AS processes FROM processes GROUP BY approach")?;
//! let chart = session.run("%%plot by_side\n.bar(\"approach\", \"processes\").title(\"Processes\")")?;
//! assert!(chart.get("image/svg+xml").is_some_and(|svg| svg.contains("Processes")));
//! # Ok::<(), negotiations::Error>(())
//! ```

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::SystemTime;

use polars::prelude::*;

use super::share;
use crate::error::{Error, Result};
use crate::plot::{ChainOptions, chain_with};
use crate::tables::dataset::Dataset;
use crate::tables::sql::Queries;

/// A cell, by its first line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell<'a> {
    /// `%%sql` or `%%sql NAME <<`, and the query below it.
    Sql {
        /// The name the result is bound to, if any.
        bind: Option<&'a str>,
        /// The query (the cell from its second line).
        query: &'a str,
    },
    /// `%%plot NAME` and the builder chain below it.
    Plot {
        /// The frame drawn: a shared frame or a table.
        frame: &'a str,
        /// The chain (the cell from its second line).
        chain: &'a str,
    },
    /// Anything else: Rust, for evcxr.
    Rust(&'a str),
}

impl<'a> Cell<'a> {
    /// Reads a cell's first line. A `%%` line that is not one of the
    /// forms above is an error saying which forms there are.
    ///
    /// ```
    /// use negotiations::notebook::Cell;
    /// assert_eq!(
    ///     Cell::parse("%%sql n <<\nSELECT 1")?,
    ///     Cell::Sql { bind: Some("n"), query: "SELECT 1" }
    /// );
    /// assert!(matches!(Cell::parse("let x = 1;")?, Cell::Rust(_)));
    /// assert!(Cell::parse("%%sqll\nSELECT 1").is_err());
    /// # Ok::<(), negotiations::Error>(())
    /// ```
    pub fn parse(text: &'a str) -> Result<Cell<'a>> {
        let trimmed = text.trim_start();
        if !trimmed.starts_with("%%") {
            return Ok(Cell::Rust(text));
        }
        let (first, rest) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
        let words: Vec<&str> = first.split_whitespace().collect();
        match words.as_slice() {
            ["%%sql"] => Ok(Cell::Sql {
                bind: None,
                query: rest,
            }),
            ["%%sql", name, "<<"] => Ok(Cell::Sql {
                bind: Some(name),
                query: rest,
            }),
            ["%%sql", name] if name.ends_with("<<") && name.len() > 2 => Ok(Cell::Sql {
                bind: Some(&name[..name.len() - 2]),
                query: rest,
            }),
            ["%%plot", frame] => Ok(Cell::Plot { frame, chain: rest }),
            _ => Err(Error::Invalid(format!(
                "line 1: {first:?} is not a cell magic this kernel knows; the forms are \
                 `%%sql` (a query, shown as a table), `%%sql NAME <<` (the same, bound to NAME) \
                 and `%%plot NAME` (a chart of NAME: the builder chain that follows \
                 `Plot::new(&NAME)` in Rust, on the lines below)"
            ))),
        }
    }
}

/// What a cell shows: MIME type and content, as Jupyter's display data.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    bundle: Vec<(&'static str, String)>,
}

impl Answer {
    /// The content of MIME type `mime`, if the answer has one.
    pub fn get(&self, mime: &str) -> Option<&str> {
        self.bundle
            .iter()
            .find(|(m, _)| *m == mime)
            .map(|(_, c)| c.as_str())
    }

    /// Every MIME type and its content, in the order a notebook prefers.
    pub fn bundle(&self) -> &[(&'static str, String)] {
        &self.bundle
    }
}

/// The state SQL and chart cells share: the tables registered once, the
/// frames bound by `%%sql NAME <<` or shared by Rust cells.
pub struct Session {
    queries: Queries,
    dir: Option<PathBuf>,
    /// Each frame known to the session, with where it came from.
    frames: HashMap<String, (DataFrame, Stamp)>,
}

impl Session {
    /// A session over `data` and its context; `dir` is the session
    /// directory shared frames are written to and read from (none: bound
    /// frames stay in this process).
    pub fn new(data: &Dataset, dir: Option<PathBuf>) -> Result<Session> {
        Ok(Session {
            queries: Queries::new(data)?,
            dir,
            frames: HashMap::new(),
        })
    }

    /// Answers a SQL or chart cell; a Rust cell is an error (it is
    /// evcxr's to run).
    ///
    /// A cell stopped midway (see [`listen_for_interrupts`]) is
    /// [`Error::Interrupted`], and a panic inside polars an error too: the
    /// session is kept either way, its frames as they were before the cell
    /// (a result is bound only once it is whole).
    ///
    /// [`listen_for_interrupts`]: super::listen_for_interrupts
    pub fn run(&mut self, text: &str) -> Result<Answer> {
        super::interrupt::stoppable(|| match Cell::parse(text)? {
            Cell::Sql { bind, query } => self.sql(bind, query),
            Cell::Plot { frame, chain } => self.plot(frame, chain),
            Cell::Rust(_) => Err(Error::Invalid(
                "a Rust cell: the kernel hands it to evcxr".into(),
            )),
        })
    }

    /// Runs `query`, binds its result to `bind`, shows it as a table.
    fn sql(&mut self, bind: Option<&str>, query: &str) -> Result<Answer> {
        self.sync()?;
        let df = self.queries.run(query)?;
        if let Some(name) = bind {
            self.bind(name, &df)?;
        }
        Ok(table_answer(&df))
    }

    /// Draws `frame` with the builder chain `chain`.
    fn plot(&mut self, frame: &str, chain: &str) -> Result<Answer> {
        self.sync()?;
        let df = self.frame(frame)?;
        // The chain starts on the cell's second line; every frame of the
        // session may be layered with `.data(&name)`.
        let options = self
            .frames
            .iter()
            .fold(ChainOptions::new().at(2, 1), |o, (name, (f, _))| {
                o.frame(name, f)
            });
        let plot = chain_with(&df, chain, &options)?;
        Ok(Answer {
            bundle: plot.mime_bundle()?,
        })
    }

    /// The frame named `name`: bound or shared, else a table.
    fn frame(&mut self, name: &str) -> Result<DataFrame> {
        if let Some((df, _)) = self.frames.get(name) {
            return Ok(df.clone());
        }
        if self.queries.tables().contains(&name) {
            return self.queries.run(&format!("SELECT * FROM {name}"));
        }
        let mut known: Vec<String> = self.frames.keys().cloned().collect();
        known.sort();
        known.extend(self.queries.tables().iter().map(|t| t.to_string()));
        Err(Error::Unknown {
            what: "frame",
            name: name.to_string(),
            known,
        })
    }

    /// Binds `df` to `name` here, in SQL, and (with a session directory)
    /// for Rust cells.
    fn bind(&mut self, name: &str, df: &DataFrame) -> Result<()> {
        share::check_name(name)?;
        if self.queries.is_table(name) && !self.frames.contains_key(name) {
            return Err(Error::Invalid(format!(
                "{name:?} is a table of the dataset or its context; bind the result to another name"
            )));
        }
        let stamp = match &self.dir {
            Some(dir) => Stamp::Writing(share::write_frame_later(dir, name, df.clone())?),
            None => Stamp::Here,
        };
        self.queries.register(name, df.clone());
        self.frames.insert(name.to_string(), (df.clone(), stamp));
        Ok(())
    }

    /// Takes in the frames Rust cells shared (or changed) since the last
    /// cell.
    fn sync(&mut self) -> Result<()> {
        let Some(dir) = self.dir.clone() else {
            return Ok(());
        };
        for name in share::shared_names(&dir)? {
            let path = share::frame_path(&dir, &name);
            let now = modified(&path);
            let current = self
                .frames
                .get(&name)
                .is_some_and(|(_, s)| s.is_current(now));
            // A frame this session is still writing is the one it has.
            if current || share::is_pending(&dir, &name) {
                continue;
            }
            let df = share::read_frame(&path)?;
            self.queries.register(&name, df.clone());
            self.frames.insert(name, (df, Stamp::Read(now)));
        }
        Ok(())
    }
}

/// Where a session's frame came from, to know when its file changed.
#[derive(Clone)]
enum Stamp {
    /// Bound here, with no session directory to write it to.
    Here,
    /// Bound here and being written (or written) for Rust cells.
    Writing(share::Written),
    /// Read from the file, as it was then.
    Read(Option<SystemTime>),
}

impl Stamp {
    /// Whether the file, as it is now (`now`), is still this frame.
    fn is_current(&self, now: Option<SystemTime>) -> bool {
        match self {
            Stamp::Here => false,
            Stamp::Writing(w) => w.get() == Some(&now),
            Stamp::Read(t) => *t == now,
        }
    }
}

/// A file's modification time, if it can be read.
fn modified(path: &std::path::Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// A frame shown as the crate's HTML table, with polars' text beside it
/// for front ends without HTML.
fn table_answer(df: &DataFrame) -> Answer {
    Answer {
        bundle: vec![
            ("text/html", super::show(df).html()),
            ("text/plain", format!("{df}")),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(dir: Option<PathBuf>) -> Session {
        Session::new(&Dataset::embedded().unwrap(), dir).unwrap()
    }

    #[test]
    fn the_first_line_says_the_kind() {
        let sql = |bind, query| Cell::Sql { bind, query };
        assert_eq!(
            Cell::parse("%%sql\nSELECT 1").unwrap(),
            sql(None, "SELECT 1")
        );
        assert_eq!(
            Cell::parse("  %%sql x <<\nSELECT 1").unwrap(),
            sql(Some("x"), "SELECT 1")
        );
        assert_eq!(
            Cell::parse("%%sql x<<\nSELECT 1").unwrap(),
            sql(Some("x"), "SELECT 1")
        );
        assert_eq!(
            Cell::parse("%%plot x\n.bar(\"a\", \"b\")").unwrap(),
            Cell::Plot {
                frame: "x",
                chain: ".bar(\"a\", \"b\")"
            }
        );
        assert!(matches!(
            Cell::parse("// %%sql\nlet x = 1;").unwrap(),
            Cell::Rust(_)
        ));
        for bad in [
            "%%sql x y\nSELECT 1",
            "%%plot\n.bar(\"a\", \"b\")",
            "%%python\n1",
            "%%sql x <\n",
        ] {
            let err = Cell::parse(bad).unwrap_err().to_string();
            assert!(
                err.contains("line 1") && err.contains("%%sql NAME <<"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn a_sql_cell_shows_the_crates_table_and_binds_its_result() {
        let mut s = session(None);
        let a = s
            .run("%%sql sides <<\nSELECT approach, count(*) AS n FROM processes GROUP BY approach")
            .unwrap();
        assert!(a.get("text/html").unwrap().contains("<table") && a.get("text/plain").is_some());
        let again = s.run("%%sql\nSELECT sum(n) AS n FROM sides").unwrap();
        assert!(
            again.get("text/html").unwrap().contains(">14<"),
            "{:?}",
            again.get("text/plain")
        );
        let err = s
            .run("%%sql meetings <<\nSELECT 1 AS one")
            .unwrap_err()
            .to_string();
        assert!(err.contains("is a table of the dataset"), "{err}");
    }

    #[test]
    fn a_chart_cell_draws_a_bound_frame_or_a_table_as_rust_would() {
        let mut s = session(None);
        s.run("%%sql sides <<\nSELECT approach, count(*) AS n FROM processes GROUP BY approach ORDER BY approach").unwrap();
        let a = s
            .run("%%plot sides\n.bar(\"approach\", \"n\").title(\"Sides\")")
            .unwrap();
        let df = crate::sql::sql(
            &Dataset::embedded().unwrap(),
            "SELECT approach, count(*) AS n FROM processes GROUP BY approach ORDER BY approach",
        )
        .unwrap();
        let rust = crate::plot::Plot::new(&df)
            .bar("approach", "n")
            .title("Sides")
            .mime_bundle()
            .unwrap();
        assert_eq!(a.bundle(), rust.as_slice());
        let t = s
            .run("%%plot meetings\n.point(\"date\", \"process_id\")")
            .unwrap();
        assert!(t.get("image/svg+xml").is_some());
    }

    #[test]
    fn errors_name_what_would_fit() {
        let mut s = session(None);
        let err = s
            .run("%%plot nothing\n.bar(\"a\", \"b\")")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("no frame named \"nothing\"") && err.contains("meetings"),
            "{err}"
        );
        let err = s
            .run("%%plot processes\n.bar(\"approach\", \"meetngs_count\")")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("line 2, column 18:") && err.contains("meetings_count"),
            "{err}"
        );
        let err = s.run("let x = 1;").unwrap_err().to_string();
        assert!(err.contains("evcxr"), "{err}");
    }

    #[test]
    fn frames_go_both_ways_through_the_session_directory() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = session(Some(dir.path().to_path_buf()));
        s.run("%%sql sides <<\nSELECT approach, count(*) AS n FROM processes GROUP BY approach")
            .unwrap();
        share::wait_for(dir.path(), "sides").unwrap();
        let written = share::read_frame(&share::frame_path(dir.path(), "sides")).unwrap();
        assert_eq!(written.height(), 4);
        // What a Rust cell's `share` does, from another process.
        let mine = df!("x" => [1, 2, 3]).unwrap();
        share::write_frame(dir.path(), "from_rust", &mine).unwrap();
        let a = s
            .run("%%sql\nSELECT sum(x) AS total FROM from_rust")
            .unwrap();
        assert!(a.get("text/html").unwrap().contains(">6<"));
        // Shared again, changed: the next cell sees the new frame.
        std::thread::sleep(std::time::Duration::from_millis(20));
        share::write_frame(dir.path(), "from_rust", &df!("x" => [10]).unwrap()).unwrap();
        let b = s
            .run("%%sql\nSELECT sum(x) AS total FROM from_rust")
            .unwrap();
        assert!(b.get("text/html").unwrap().contains(">10<"));
    }
}
