//! Stopping a SQL or chart cell midway, and keeping the session when a
//! cell goes wrong.
//!
//! A query runs in the kernel's own process, so the kernel cannot restart
//! a process to stop it, as it does for a Rust cell. polars has its own
//! way, the one Python's Ctrl-C uses: once
//! [`listen_for_interrupts`] has been called, a SIGINT sets a flag that
//! polars looks at between the steps of a query (each join, filter, sort,
//! group-by) and inside its group-by loops; the query then unwinds and
//! [`Session::run`](super::Session::run) returns
//! [`Error::Interrupted`]. A single step polars does not look inside (one
//! huge join) runs to its end first.
//!
//! Whatever else goes wrong inside polars (a panic on an input it did not
//! expect) is caught too and becomes an error: the session, its bound
//! frames and the kernel's other state stay as they were before the cell.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use polars::error::abort::{QueryAborted, catch_polars_abort, register_polars_abort_mechanism};

use crate::error::{Error, Result};

/// How long the `negotiations` kernel lets a Rust cell stop by itself
/// after the stop button, before it restarts the process that runs cells
/// (which loses every variable).
pub const INTERRUPT_GRACE: Duration = Duration::from_secs(2);

/// Set by [`abort`] when polars' abort reached a cell.
static ABORT_SEEN: AtomicBool = AtomicBool::new(false);

/// Makes a SIGINT to this process stop the SQL or chart cell running in
/// it (see the module's docs); the first call does it, later calls do
/// nothing.
///
/// It replaces SIGINT's default action: afterwards a SIGINT never ends
/// the process, it only stops a cell, and only while one runs. The
/// `negotiations` kernel calls it at its start and, when Jupyter asks it
/// to interrupt a SQL or chart cell, sends itself a SIGINT.
///
/// ```
/// negotiations::notebook::listen_for_interrupts();
/// ```
pub fn listen_for_interrupts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(register_polars_abort_mechanism);
}

/// In the process that runs Rust cells: a SIGINT (which the
/// `negotiations` kernel sends it when the stop button is pressed) stops
/// the cell at polars' next check, and the cell ends as an error with
/// every variable kept. Called by [`super::quiet_panics`], before it sets
/// its panic hook (which tells the stop from a panic, [`abort`]).
///
/// polars sets its abort flag only while a catcher is registered, and
/// clears it when the last one goes; a cell registers none. So a thread
/// holds one for the cells, and lets it go (clearing the flag) once the
/// abort has reached the cell, or after [`INTERRUPT_GRACE`] when it has
/// not (the cell was in code polars does not check: the kernel then
/// restarts the process anyway).
pub(crate) fn stop_cells_on_interrupt() {
    listen_for_interrupts();
    let Ok(mut signals) = signal_hook::iterator::Signals::new([signal_hook::consts::SIGINT]) else {
        return;
    };
    let spawned = std::thread::Builder::new()
        .name("negotiations-interrupt".into())
        .spawn(move || {
            // Each turn holds a catcher until a SIGINT has been dealt with;
            // the signals' handle never closes, but if it did the thread
            // ends rather than spin.
            let mut open = true;
            while open {
                let _ = catch_polars_abort(AssertUnwindSafe(|| {
                    open = signals.forever().next().is_some();
                    let until = Instant::now() + INTERRUPT_GRACE;
                    while open && Instant::now() < until && !ABORT_SEEN.load(Ordering::SeqCst) {
                        std::thread::sleep(Duration::from_millis(10));
                    }
                }));
                ABORT_SEEN.store(false, Ordering::SeqCst);
            }
        });
    drop(spawned);
}

/// Whether a panic's payload is polars' abort (an interrupt reaching the
/// code) rather than a failure: `Some(first)`, where `first` says whether
/// this is the first thread it reached (the one to say so; polars' threads
/// may each meet it). Notes it for [`stop_cells_on_interrupt`].
pub(crate) fn abort(message: &str) -> Option<bool> {
    message
        .contains("__POLARS_ABORT_")
        .then(|| !ABORT_SEEN.swap(true, Ordering::SeqCst))
}

/// Runs `work`, turning polars' abort into [`Error::Interrupted`] and any
/// panic into an error, so the caller's state outlives both.
pub(crate) fn stoppable<R>(work: impl FnOnce() -> Result<R>) -> Result<R> {
    let caught = catch_unwind(AssertUnwindSafe(|| {
        catch_polars_abort(AssertUnwindSafe(work))
    }));
    match caught {
        Ok(Ok(answer)) => answer,
        Ok(Err(QueryAborted::KeyboardInterrupt)) => Err(Error::Interrupted(
            "the cell was stopped; the session's frames are as they were before it".into(),
        )),
        Ok(Err(QueryAborted::OocOutOfDisk)) => Err(Error::Interrupted(
            "polars ran out of disk space while spilling; the session's frames are as they were before the cell"
                .into(),
        )),
        Err(panic) => Err(Error::Invalid(format!(
            "the cell failed inside polars ({}); the session's frames are as they were before it",
            panic_text(&*panic)
        ))),
    }
}

/// A panic's message, when it is text.
fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_becomes_an_error_and_an_answer_passes_through() {
        assert_eq!(stoppable(|| Ok(7)).unwrap(), 7);
        let e = stoppable::<()>(|| panic!("index 9 of 3")).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("index 9 of 3"), "{text}");
        assert!(text.contains("as they were before"), "{text}");
        let e = stoppable::<()>(|| Err(Error::Sql("no table x".into()))).unwrap_err();
        assert!(matches!(e, Error::Sql(_)));
    }
}
