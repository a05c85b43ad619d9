//! The kernel's sockets and its answer to each request.
//!
//! Five sockets, as Jupyter's protocol has them: shell (requests, one at a
//! time, in order), control (interrupt and shutdown, answered while a cell
//! runs), iopub (what a cell shows, to every front end), stdin (unused)
//! and heartbeat (an echo). SQL and chart cells are answered here, on a
//! blocking thread so control stays responsive; Rust cells go to evcxr
//! ([`super::rust`]).

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};

use serde_json::{Value, json};
use tokio::sync::{Mutex, mpsc};
use zeromq::{PubSocket, RepSocket, RouterSocket, Socket, SocketRecv, SocketSend};

use super::cell_process;
use super::connection::Connection;
use super::publish::Publisher;
use super::rust::RustSide;
use super::wire::{Message, Signer};
use negotiations::Error;
use negotiations::notebook::{Cell, INTERRUPT_GRACE, Session};

/// What every task of the kernel shares.
pub(crate) struct Kernel {
    pub(crate) signer: Signer,
    /// What the kernel publishes.
    out: Publisher,
    /// The SQL and chart cells' state, or why the data did not load.
    session: Arc<std::sync::Mutex<Result<Session, String>>>,
    rust: Arc<RustSide>,
    count: Mutex<u64>,
    /// Which kind of cell runs: [`IDLE`], [`HERE`] or [`IN_EVCXR`].
    running: AtomicU8,
    /// Cells started so far: tells the cell an interrupt was for from the
    /// next one.
    started: AtomicU64,
}

/// No cell runs.
const IDLE: u8 = 0;
/// A SQL or chart cell runs in this process.
const HERE: u8 = 1;
/// A Rust cell runs (or waits for evcxr to start).
const IN_EVCXR: u8 = 2;

/// Marks a cell as running until dropped.
struct Running<'a>(&'a AtomicU8);

impl<'a> Running<'a> {
    fn new(kernel: &'a Kernel, kind: u8) -> Running<'a> {
        kernel.started.fetch_add(1, Ordering::SeqCst);
        kernel.running.store(kind, Ordering::SeqCst);
        Running(&kernel.running)
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.store(IDLE, Ordering::SeqCst);
    }
}

/// Serves `conn` until a shutdown request.
pub(crate) async fn serve(
    conn: Connection,
    session: Result<Session, Error>,
    rust: Arc<RustSide>,
) -> Result<(), Error> {
    let signer = Signer::new(&conn.key);
    let (out, iopub_rx) = Publisher::new();
    let kernel = Arc::new(Kernel {
        signer,
        out,
        session: Arc::new(std::sync::Mutex::new(session.map_err(|e| {
            format!(
                "the kernel could not load the data (NEGOTIATIONS_DATA or the built-in data): {e}"
            )
        }))),
        rust,
        count: Mutex::new(0),
        running: AtomicU8::new(IDLE),
        started: AtomicU64::new(0),
    });
    let mut shell = RouterSocket::new();
    let mut control = RouterSocket::new();
    let mut iopub = PubSocket::new();
    let mut stdin = RouterSocket::new();
    let mut hb = RepSocket::new();
    for (socket, port) in [
        (&mut shell, conn.shell_port),
        (&mut control, conn.control_port),
        (&mut stdin, conn.stdin_port),
    ] {
        socket
            .bind(&conn.endpoint(port))
            .await
            .map_err(|e| zmq_error("bind", e))?;
    }
    iopub
        .bind(&conn.endpoint(conn.iopub_port))
        .await
        .map_err(|e| zmq_error("bind iopub", e))?;
    hb.bind(&conn.endpoint(conn.hb_port))
        .await
        .map_err(|e| zmq_error("bind heartbeat", e))?;
    tokio::spawn(publish(iopub, iopub_rx, kernel.signer.clone()));
    tokio::spawn(heartbeat(hb));
    tokio::spawn(RustSide::start(kernel.rust.clone(), kernel.out.clone()));
    tokio::spawn(shell_loop(shell, kernel.clone()));
    control_loop(control, kernel.clone()).await;
    kernel.rust.stop().await;
    // Keep `stdin` bound until the end: front ends connect to it.
    drop(stdin);
    Ok(())
}

fn zmq_error(what: &str, e: zeromq::ZmqError) -> Error {
    Error::Invalid(format!("kernel: cannot {what}: {e}"))
}

/// Sends iopub messages in the order they were queued.
async fn publish(mut socket: PubSocket, mut rx: mpsc::UnboundedReceiver<Message>, signer: Signer) {
    while let Some(m) = rx.recv().await {
        if socket.send(m.frames(&signer)).await.is_err() {
            break;
        }
    }
}

/// Echoes heartbeats.
async fn heartbeat(mut socket: RepSocket) {
    while let Ok(m) = socket.recv().await {
        if socket.send(m).await.is_err() {
            break;
        }
    }
}

/// Answers control requests until shutdown.
async fn control_loop(mut socket: RouterSocket, kernel: Arc<Kernel>) {
    while let Ok(frames) = socket.recv().await {
        let Some(m) = Message::parse(frames, &kernel.signer) else {
            continue;
        };
        let reply = match m.kind() {
            "shutdown_request" => {
                let restart = m.content["restart"].as_bool().unwrap_or(false);
                let r = m.reply(
                    "shutdown_reply",
                    json!({"status": "ok", "restart": restart}),
                );
                let _ = socket.send(r.frames(&kernel.signer)).await;
                return;
            }
            "interrupt_request" => {
                kernel.interrupt().await;
                m.reply("interrupt_reply", json!({"status": "ok"}))
            }
            "kernel_info_request" => m.reply("kernel_info_reply", kernel_info()),
            _ => continue,
        };
        let _ = socket.send(reply.frames(&kernel.signer)).await;
    }
}

/// Answers shell requests, one at a time.
async fn shell_loop(mut socket: RouterSocket, kernel: Arc<Kernel>) {
    while let Ok(frames) = socket.recv().await {
        let Some(m) = Message::parse(frames, &kernel.signer) else {
            continue;
        };
        kernel.out.status(&m, "busy");
        let reply = match m.kind() {
            "kernel_info_request" => Some(m.reply("kernel_info_reply", kernel_info())),
            "execute_request" => Some(kernel.execute(&m).await),
            "is_complete_request" => {
                Some(m.reply("is_complete_reply", json!({"status": "complete"})))
            }
            "comm_info_request" => {
                Some(m.reply("comm_info_reply", json!({"status": "ok", "comms": {}})))
            }
            "history_request" => {
                Some(m.reply("history_reply", json!({"status": "ok", "history": []})))
            }
            "complete_request" | "inspect_request" => Some(kernel.rust.ask(&m).await),
            _ => None,
        };
        if let Some(r) = reply {
            let _ = socket.send(r.frames(&kernel.signer)).await;
        }
        kernel.out.status(&m, "idle");
    }
}

impl Kernel {
    /// Runs a cell: SQL and chart cells here, Rust cells in evcxr.
    async fn execute(&self, m: &Message) -> Message {
        let code = m.content["code"].as_str().unwrap_or("").to_string();
        let silent = m.content["silent"].as_bool().unwrap_or(false);
        let count = {
            let mut c = self.count.lock().await;
            if !silent && m.content["store_history"].as_bool().unwrap_or(true) {
                *c += 1;
            }
            *c
        };
        // A silent request publishes nothing but its status (the protocol).
        if !silent {
            let input = json!({"code": code, "execution_count": count});
            self.out.send(m, "execute_input", input);
        }
        let answer = match Cell::parse(&code) {
            Ok(Cell::Rust(_)) => {
                let _running = Running::new(self, IN_EVCXR);
                return self.rust.execute(&self.out, m, count).await;
            }
            Ok(_) => {
                let _running = Running::new(self, HERE);
                self.answer(code).await
            }
            Err(e) => Err(e),
        };
        match answer {
            Ok(bundle) => {
                // The metadata says the kernel answered, not evcxr: what the
                // notebook checks (scripts/cell-timings.py) rely on.
                let metadata = json!({"negotiations": {"compiled": false}});
                let result =
                    json!({"execution_count": count, "data": bundle, "metadata": metadata});
                if !silent {
                    self.out.send(m, "execute_result", result);
                }
                m.reply(
                    "execute_reply",
                    json!({"status": "ok", "execution_count": count, "user_expressions": {}}),
                )
            }
            Err(e) => self.out.error(m, count, &e.to_string()),
        }
    }

    /// Stops the cell that runs. A SQL or chart cell is stopped by polars'
    /// abort, which a SIGINT to this process sets off
    /// (`negotiations::notebook::listen_for_interrupts`): the session and
    /// evcxr's variables are kept. A Rust cell is evcxr's to interrupt. With
    /// no cell running nothing happens: evcxr would restart its cell
    /// process, and every variable of the Rust cells would go.
    async fn interrupt(&self) {
        match self.running.load(Ordering::SeqCst) {
            // SAFETY: raise only sends a signal to this process; the
            // handler polars installed sets an atomic flag.
            HERE => unsafe {
                libc::raise(libc::SIGINT);
            },
            IN_EVCXR => self.interrupt_rust().await,
            _ => {}
        }
    }

    /// A Rust cell: asked to stop (a SIGINT to the process that runs
    /// cells, where the crate stops polars' work and keeps every
    /// variable); after [`INTERRUPT_GRACE`] still running, evcxr restarts
    /// that process, as upstream does.
    async fn interrupt_rust(&self) {
        let cell = self.started.load(Ordering::SeqCst);
        let same_cell = || {
            self.running.load(Ordering::SeqCst) == IN_EVCXR
                && self.started.load(Ordering::SeqCst) == cell
        };
        if let Some(pid) = self.rust.cell_process().await
            && cell_process::interrupt(pid)
        {
            let until = tokio::time::Instant::now() + INTERRUPT_GRACE;
            while tokio::time::Instant::now() < until && same_cell() {
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
        }
        if same_cell() {
            self.rust.interrupt().await;
        }
    }

    /// Answers a SQL or chart cell on a blocking thread.
    async fn answer(&self, code: String) -> Result<Value, Error> {
        let session = self.session.clone();
        let task = tokio::task::spawn_blocking(move || {
            let mut guard = session.lock().map_err(|_| {
                Error::Invalid(
                    "the kernel's session broke in an earlier cell; restart the kernel".into(),
                )
            })?;
            match guard.as_mut() {
                Ok(s) => s.run(&code),
                Err(why) => Err(Error::Invalid(why.clone())),
            }
        });
        let answer = task
            .await
            .map_err(|e| Error::Invalid(format!("the cell stopped: {e}")))??;
        let data: serde_json::Map<String, Value> = answer
            .bundle()
            .iter()
            .map(|(mime, content)| (mime.to_string(), bundle_value(mime, content)))
            .collect();
        Ok(Value::Object(data))
    }
}

/// A MIME bundle's content: JSON types as JSON, the rest as text.
fn bundle_value(mime: &str, content: &str) -> Value {
    if mime.ends_with("json") {
        serde_json::from_str(content).unwrap_or_else(|_| Value::String(content.to_string()))
    } else {
        Value::String(content.to_string())
    }
}

/// What the kernel says of itself.
pub(crate) fn kernel_info() -> Value {
    json!({
        "status": "ok",
        "protocol_version": "5.3",
        "implementation": "negotiations",
        "implementation_version": env!("CARGO_PKG_VERSION"),
        "language_info": {
            "name": "rust",
            "version": "",
            "mimetype": "text/rust",
            "file_extension": ".rs",
            "pygments_lexer": "rust",
            "codemirror_mode": "rust",
        },
        "banner": "negotiations: %%sql and %%plot cells answered at once, Rust cells by evcxr",
        "help_links": [],
    })
}
