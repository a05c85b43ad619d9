//! `negotiations kernel`: the Jupyter kernel that answers `%%sql` and
//! `%%plot` cells itself, in milliseconds, and hands Rust cells to evcxr.
//!
//! [`connection`] reads Jupyter's connection file, [`wire`] is the
//! protocol's signed messages, [`server`] the sockets and the answers,
//! [`rust`] evcxr behind the kernel, [`install`] the kernel spec. The
//! cells themselves are the library's (`negotiations::notebook::Session`).

mod cell_process;
mod connection;
mod install;
mod publish;
mod rust;
mod server;
mod wire;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use negotiations::notebook::Session;
use negotiations::{Dataset, Error};

use super::args::KernelCommand;
use connection::Connection;
use rust::RustSide;

pub(crate) fn run(command: KernelCommand) -> Result<(), Error> {
    match command {
        KernelCommand::Install(args) => install::install(args),
        KernelCommand::Run { connection_file } => start(&connection_file),
    }
}

/// Runs the kernel until Jupyter shuts it down; the session directory
/// (shared frames, evcxr's connection file) goes with it.
fn start(connection_file: &Path) -> Result<(), Error> {
    let conn = Connection::read(connection_file)?;
    // From here a SIGINT stops the SQL or chart cell running, never the
    // kernel (the interrupt of such a cell is one, server.rs).
    negotiations::notebook::listen_for_interrupts();
    sweep_sessions();
    let dir = tempfile::Builder::new()
        .prefix(&format!("{SESSION_PREFIX}{}-", std::process::id()))
        .tempdir()
        .map_err(|e| Error::io(std::env::temp_dir(), e))?;
    // The data is read once, here; a directory that does not load is said
    // in every SQL and chart cell rather than as a dead kernel.
    let session =
        Dataset::from_env().and_then(|data| Session::new(&data, Some(dir.path().to_path_buf())));
    let rust = Arc::new(RustSide::new(
        launcher(),
        Connection::local(&conn.key)?,
        dir.path(),
    ));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        // SQL cells run on the runtime's blocking threads, and polars
        // plans a query by recursion: a query of a few hundred UNIONs
        // overflowed the default 2 MiB and took the kernel down with it.
        // The stack is reserved, not used, until a query needs it.
        .thread_stack_size(KERNEL_STACK)
        .enable_all()
        .build()
        .map_err(|e| Error::Invalid(format!("kernel: cannot start its runtime: {e}")))?;
    let served = runtime.block_on(async {
        tokio::select! {
            r = server::serve(conn, session, rust.clone()) => r,
            _ = terminated() => {
                rust.stop().await;
                Ok(())
            }
        }
    });
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    drop(dir);
    served
}

/// The stack of each of the kernel's threads: 256 MiB of address space.
const KERNEL_STACK: usize = 256 << 20;

/// The start of a session directory's name; the kernel's pid follows.
const SESSION_PREFIX: &str = "negotiations-session-";

/// Removes the session directories of kernels that died without removing
/// theirs (killed with SIGKILL, which no process can clean up after).
fn sweep_sessions() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(SESSION_PREFIX)) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<i32>().ok());
        // SAFETY: kill with signal 0 only asks whether the process exists.
        let dead = pid.is_some_and(|p| {
            p > 0
                && unsafe { libc::kill(p, 0) } != 0
                && std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH)
        });
        if dead {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Resolves when the process is asked to stop (SIGTERM, SIGHUP). SIGINT
/// is not a stop: a Ctrl-C in the terminal Jupyter runs in must not end
/// the kernel (interrupts come as messages, `interrupt_mode`).
async fn terminated() {
    use tokio::signal::unix::{SignalKind, signal};
    match (
        signal(SignalKind::terminate()),
        signal(SignalKind::hangup()),
    ) {
        (Ok(mut term), Ok(mut hup)) => {
            tokio::select! {
                _ = term.recv() => {}
                _ = hup.recv() => {}
            }
        }
        (Ok(mut one), Err(_)) | (Err(_), Ok(mut one)) => {
            one.recv().await;
        }
        (Err(_), Err(_)) => std::future::pending().await,
    }
}

/// evcxr's launcher, installed by `scripts/setup-notebooks.sh`, or what
/// to do to have it.
fn launcher() -> Result<PathBuf, String> {
    let path = match std::env::var_os("NEGOTIATIONS_RUST_KERNEL") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => state_dir().join("rust").join("negotiations-kernel"),
    };
    if path.is_file() {
        return Ok(path);
    }
    Err(format!(
        "Rust cells need evcxr, which this machine does not have yet ({} is missing). \
         Run scripts/setup-notebooks.sh in the repository (it builds evcxr and rust-analyzer \
         from source and warms the compile cache: 8 to 13 minutes on a 2-core machine), then \
         restart the kernel. %%sql and %%plot cells work now.",
        path.display()
    ))
}

/// The kernel's state directory (as the launcher computes it).
pub(crate) fn state_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("NEGOTIATIONS_KERNEL_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(d);
    }
    data_home().join("negotiations-kernel")
}

/// `$XDG_DATA_HOME`, or `~/.local/share`.
pub(crate) fn data_home() -> PathBuf {
    match std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => home().join(".local").join("share"),
    }
}

pub(crate) fn home() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/"))
}
