//! A panic in a notebook cell, told in one line.
//!
//! evcxr runs cells with `RUST_BACKTRACE=1`, so an index out of bounds
//! printed some 25 lines of backtrace (evcxr's own frames) and a place in
//! the crate evcxr generates (`src/lib.rs:41:5`), not a line of the cell.
//! The `negotiations` kernel's evcxr (kernel/README.md, "Faults") writes,
//! beside the generated source, which cell line each generated line came
//! from; the hook installed here reads it and reports one line, which the
//! kernel shows as the cell's error, and keeps the backtrace in a file for
//! the kernel's `:backtrace` command.
//!
//! The hook lives in this crate, not in evcxr, because cells run on the
//! dynamically linked standard library: a hook set by evcxr's statically
//! linked one never sees their panics. The kernel's dylib installs it as
//! it is loaded, so it is back after the cell process restarts.
//!
//! The same hook tells the stop button from a failure: a cell stopped by
//! an interrupt (polars' abort, `super::interrupt`) says so in one line
//! and leaves no backtrace.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Once;

/// Set by the kernel's evcxr on the process that runs cells: the
/// directory of the crate it generates for each cell.
pub const CRATE_DIR_ENV: &str = "EVCXR_CRATE_DIR";
/// In that directory: for each line of the generated `src/lib.rs`, the
/// cell line it came from (one number a line; 0 for evcxr's own code).
pub const CELL_LINES_FILE: &str = ".evcxr-cell-lines";
/// In that directory: the last panic's line and backtrace, which the
/// kernel's `:backtrace` prints.
pub const LAST_PANIC_FILE: &str = ".evcxr-last-panic.txt";
/// Each line of the report starts with this on the cell process's
/// standard output, where the kernel's evcxr reads it in order with the
/// cell's output and makes it the cell's error.
const PANIC_MESSAGE: &str = "EVCXR_PANIC_MESSAGE ";

/// Installs the one-line panic report, once, in a process run by the
/// `negotiations` kernel (where [`CRATE_DIR_ENV`] is set); elsewhere it
/// does nothing and panics print as Rust prints them.
///
/// ```
/// // Outside the kernel: nothing changes.
/// negotiations::notebook::quiet_panics();
/// ```
pub fn quiet_panics() {
    static ONCE: Once = Once::new();
    let Some(dir) = std::env::var_os(CRATE_DIR_ENV).map(PathBuf::from) else {
        return;
    };
    ONCE.call_once(|| {
        // First, so that the hook set next is the outer one.
        super::interrupt::stop_cells_on_interrupt();
        std::panic::set_hook(Box::new(move |info| report(info, &dir)))
    });
}

fn report(info: &std::panic::PanicHookInfo<'_>, dir: &Path) {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(a panic without a message)");
    match super::interrupt::abort(message) {
        Some(true) => return say(STOPPED),
        Some(false) => return,
        None => {}
    }
    let map = fs::read_to_string(dir.join(CELL_LINES_FILE)).ok();
    let thread = std::thread::current();
    let line = match info.location() {
        Some(at) => panic_line(
            message,
            at.file(),
            at.line(),
            at.column(),
            thread.name(),
            map.as_deref(),
        ),
        None => format!("panicked: {message}"),
    };
    let backtrace = std::backtrace::Backtrace::force_capture();
    let kept = fs::write(
        dir.join(LAST_PANIC_FILE),
        format!("{line}\n\n{backtrace}\n"),
    )
    .is_ok();
    let hint = if kept {
        " (`:backtrace` shows where it came from)"
    } else {
        ""
    };
    say(&format!("{line}{hint}"));
}

/// What a cell stopped by the stop button says.
const STOPPED: &str = "interrupted: the cell was stopped; every variable is kept";

/// Tells evcxr the cell's error. A message may have lines of its own (a
/// polars error's plan): each is marked, so none is taken for the cell's
/// output.
fn say(report: &str) {
    let mut out = std::io::stdout().lock();
    for part in report.lines() {
        let _ = writeln!(out, "{PANIC_MESSAGE}{part}");
    }
    let _ = out.flush();
}

/// The line a panic prints: where (the cell's line when it is the cell's
/// code, by `cell_lines`, the content of [`CELL_LINES_FILE`]; the file
/// otherwise) and the message.
///
/// ```
/// use negotiations::notebook::panic_line;
///
/// let map = "0\n0\n1\n2\n0\n";
/// assert_eq!(
///     panic_line("index out of bounds", "src/lib.rs", 4, 5, Some("main"), Some(map)),
///     "panicked at cell line 2: index out of bounds"
/// );
/// assert_eq!(
///     panic_line("boom", "/src/polars/x.rs", 9, 2, Some("worker"), Some(map)),
///     "thread 'worker' panicked at /src/polars/x.rs:9:2: boom"
/// );
/// ```
pub fn panic_line(
    message: &str,
    file: &str,
    line: u32,
    column: u32,
    thread: Option<&str>,
    cell_lines: Option<&str>,
) -> String {
    let who = match thread {
        Some("main") | None => String::new(),
        Some(name) => format!("thread '{name}' "),
    };
    let place = match cell_lines.filter(|_| file == "src/lib.rs") {
        Some(map) => match map
            .lines()
            .nth((line as usize).saturating_sub(1))
            .map(str::parse::<usize>)
        {
            Some(Ok(n)) if n > 0 => format!("cell line {n}"),
            _ => "the code evcxr wraps around the cell".to_owned(),
        },
        None => format!("{file}:{line}:{column}"),
    };
    format!("{who}panicked at {place}: {message}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_evcxr_added_is_not_called_a_cell_line() {
        let map = "0\n3\n";
        assert_eq!(
            panic_line("m", "src/lib.rs", 1, 1, None, Some(map)),
            "panicked at the code evcxr wraps around the cell: m"
        );
        assert_eq!(
            panic_line("m", "src/lib.rs", 2, 1, None, Some(map)),
            "panicked at cell line 3: m"
        );
        // Past the map, or with none: never a wrong cell line.
        assert_eq!(
            panic_line("m", "src/lib.rs", 9, 1, None, Some(map)),
            "panicked at the code evcxr wraps around the cell: m"
        );
        assert_eq!(
            panic_line("m", "src/lib.rs", 9, 1, None, None),
            "panicked at src/lib.rs:9:1: m"
        );
    }
}
