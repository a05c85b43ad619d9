//! Rust cells: evcxr, run as a kernel of its own behind this one.
//!
//! evcxr (the patched `evcxr_jupyter` that `scripts/setup-notebooks.sh`
//! builds, started by its launcher) gets its own connection file and
//! ports. A Rust cell's request goes to its shell as it came; what evcxr
//! publishes is passed on to the front end, less its own busy/idle and
//! `execute_input` (this kernel publishes those) and with this kernel's
//! execution count. evcxr starts in the background: SQL and chart cells
//! are answered meanwhile, and a Rust cell waits for it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use tokio::sync::{Mutex, oneshot, watch};
use zeromq::{DealerSocket, Socket, SocketRecv, SocketSend, SubSocket};

use super::connection::Connection;
use super::publish::Publisher;
use super::wire::{Message, Signer};

/// Where evcxr is.
#[derive(Debug, Clone, PartialEq)]
enum State {
    Starting,
    Ready,
    /// Rust cells cannot run; the text says why and what to do.
    Unavailable(String),
}

/// evcxr behind the kernel.
pub(crate) struct RustSide {
    launcher: Result<PathBuf, String>,
    session_dir: PathBuf,
    conn: Connection,
    signer: Signer,
    state: watch::Sender<State>,
    shell: Mutex<Option<DealerSocket>>,
    control: Mutex<Option<DealerSocket>>,
    child: Mutex<Option<tokio::process::Child>>,
    /// Per running request: the idle status that ends its output, and the
    /// execution count its results carry.
    running: std::sync::Mutex<HashMap<String, (oneshot::Sender<()>, u64)>>,
}

impl RustSide {
    /// evcxr started by `launcher` (or why it cannot be), talking on
    /// `conn`, with shared frames in `session_dir`.
    pub(crate) fn new(
        launcher: Result<PathBuf, String>,
        conn: Connection,
        session_dir: &Path,
    ) -> RustSide {
        RustSide {
            launcher,
            session_dir: session_dir.to_path_buf(),
            signer: Signer::new(&conn.key),
            conn,
            state: watch::channel(State::Starting).0,
            shell: Mutex::new(None),
            control: Mutex::new(None),
            child: Mutex::new(None),
            running: std::sync::Mutex::new(HashMap::new()),
        }
    }

    /// Starts evcxr and waits until it answers; run in the background.
    pub(crate) async fn start(side: Arc<RustSide>, out: Publisher) {
        let state = match side.clone().launch(out).await {
            Ok(()) => State::Ready,
            Err(why) => State::Unavailable(why),
        };
        side.state.send_replace(state);
    }

    async fn launch(self: Arc<RustSide>, out: Publisher) -> Result<(), String> {
        let launcher = self.launcher.clone()?;
        let file = self.session_dir.join("evcxr-connection.json");
        std::fs::write(&file, self.conn.to_json())
            .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        let mut command = tokio::process::Command::new(&launcher);
        command
            .arg(&file)
            .env(negotiations::notebook::SESSION_DIR_ENV, &self.session_dir)
            .stdin(std::process::Stdio::null())
            .kill_on_drop(true);
        die_with_parent(&mut command);
        let child = command
            .spawn()
            .map_err(|e| format!("cannot start evcxr's launcher {}: {e}", launcher.display()))?;
        *self.child.lock().await = Some(child);
        // When evcxr stops while starting, its launcher starts a stand-in
        // kernel on the same ports that answers every Rust cell with what
        // went wrong: connect again and let it answer.
        let mut last = String::new();
        for _ in 0..3 {
            match self.clone().attach(out.clone()).await {
                Ok(()) => return Ok(()),
                Err(why) => last = why,
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        Err(last)
    }

    /// Connects to evcxr (or its stand-in) and waits for its first answer.
    async fn attach(self: Arc<RustSide>, out: Publisher) -> Result<(), String> {
        let (shell, control, iopub) = self.connect().await?;
        let relay = tokio::spawn(self.clone().relay(iopub, out));
        *self.shell.lock().await = Some(shell);
        *self.control.lock().await = Some(control);
        let hello = self.hello().await;
        if hello.is_err() {
            relay.abort();
        }
        hello
    }

    /// Connects to evcxr's shell, control and iopub.
    async fn connect(&self) -> Result<(DealerSocket, DealerSocket, SubSocket), String> {
        let err = |e: zeromq::ZmqError| format!("cannot reach evcxr: {e}");
        let mut shell = DealerSocket::new();
        shell
            .connect(&self.conn.endpoint(self.conn.shell_port))
            .await
            .map_err(err)?;
        let mut control = DealerSocket::new();
        control
            .connect(&self.conn.endpoint(self.conn.control_port))
            .await
            .map_err(err)?;
        let mut iopub = SubSocket::new();
        iopub
            .connect(&self.conn.endpoint(self.conn.iopub_port))
            .await
            .map_err(err)?;
        iopub.subscribe("").await.map_err(err)?;
        Ok((shell, control, iopub))
    }

    /// Waits for evcxr's first answer (it loads the crate first).
    async fn hello(&self) -> Result<(), String> {
        let probe = Message::request("kernel_info_request", json!({}));
        let wait = self.request(&probe);
        match tokio::time::timeout(Duration::from_secs(600), wait).await {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err("evcxr stopped while starting; restart the kernel".into()),
            Err(_) => Err("evcxr did not answer within 10 minutes; restart the kernel".into()),
        }
    }

    /// Sends `m` to evcxr's shell and waits for its reply.
    async fn request(&self, m: &Message) -> Option<Message> {
        let mut guard = self.shell.lock().await;
        let shell = guard.as_mut()?;
        let mut out = m.clone();
        out.identities.clear();
        shell.send(out.frames(&self.signer)).await.ok()?;
        let id = m.header["msg_id"].as_str().unwrap_or("").to_string();
        loop {
            let frames = shell.recv().await.ok()?;
            match Message::parse(frames, &self.signer) {
                Some(r) if r.parent_id() == id => return Some(r),
                _ => continue,
            }
        }
    }

    /// Waits until evcxr has started or cannot.
    async fn ready(&self) -> State {
        let mut rx = self.state.subscribe();
        match rx.wait_for(|s| *s != State::Starting).await {
            Ok(s) => s.clone(),
            Err(_) => State::Unavailable("evcxr's start was lost; restart the kernel".into()),
        }
    }

    /// Runs a Rust cell in evcxr and returns the reply for the front end.
    pub(crate) async fn execute(&self, out: &Publisher, m: &Message, count: u64) -> Message {
        if let State::Unavailable(why) = self.ready().await {
            return out.error(m, count, &why);
        }
        let id = m.header["msg_id"].as_str().unwrap_or("").to_string();
        let (done, idle) = oneshot::channel();
        if let Ok(mut running) = self.running.lock() {
            running.insert(id.clone(), (done, count));
        }
        let Some(mut reply) = self.request(m).await else {
            return out.error(m, count, "evcxr stopped; restart the kernel");
        };
        // evcxr's outputs end with its idle status: wait for them to be
        // passed on before the reply (a front end may stop listening at it).
        let _ = tokio::time::timeout(Duration::from_secs(10), idle).await;
        if let Ok(mut running) = self.running.lock() {
            running.remove(&id);
        }
        reply.identities = m.identities.clone();
        reply.content["execution_count"] = json!(count);
        reply
    }

    /// Completion and inspection: evcxr's answer, or an empty one while it
    /// is not there.
    pub(crate) async fn ask(&self, m: &Message) -> Message {
        let ready = *self.state.borrow() == State::Ready;
        if ready && let Some(mut r) = self.request(m).await {
            r.identities = m.identities.clone();
            return r;
        }
        match m.kind() {
            "complete_request" => {
                let at = m.content["cursor_pos"].clone();
                m.reply("complete_reply", json!({"status": "ok", "matches": [], "cursor_start": at, "cursor_end": at, "metadata": {}}))
            }
            _ => m.reply(
                "inspect_reply",
                json!({"status": "ok", "found": false, "data": {}, "metadata": {}}),
            ),
        }
    }

    /// Passes an interrupt on to evcxr.
    pub(crate) async fn interrupt(&self) {
        let mut guard = self.control.lock().await;
        let Some(control) = guard.as_mut() else {
            return;
        };
        let m = Message::request("interrupt_request", json!({}));
        if control.send(m.frames(&self.signer)).await.is_ok() {
            let _ = tokio::time::timeout(Duration::from_secs(5), control.recv()).await;
        }
    }

    /// The process that runs Rust cells, when evcxr has started it.
    pub(crate) async fn cell_process(&self) -> Option<i32> {
        let root = self.child.lock().await.as_ref()?.id()?;
        tokio::task::spawn_blocking(move || super::cell_process::find(root))
            .await
            .ok()
            .flatten()
    }

    /// Stops evcxr: asked first, then its launcher told to stop it.
    pub(crate) async fn stop(&self) {
        if let Some(control) = self.control.lock().await.as_mut() {
            let m = Message::request("shutdown_request", json!({"restart": false}));
            if control.send(m.frames(&self.signer)).await.is_ok() {
                let _ = tokio::time::timeout(Duration::from_secs(2), control.recv()).await;
            }
        }
        if let Some(mut child) = self.child.lock().await.take() {
            terminate(&child);
            if tokio::time::timeout(Duration::from_secs(3), child.wait())
                .await
                .is_err()
            {
                let _ = child.kill().await;
            }
        }
    }

    /// Passes evcxr's published messages on to the front end.
    async fn relay(self: Arc<RustSide>, mut iopub: SubSocket, out: Publisher) {
        while let Ok(frames) = iopub.recv().await {
            let Some(mut m) = Message::parse(frames, &self.signer) else {
                continue;
            };
            let parent = m.parent_id().to_string();
            match m.kind() {
                "status" => {
                    if m.content["execution_state"] == "idle" {
                        self.finished(&parent);
                    }
                    continue;
                }
                "execute_input" => continue,
                "execute_result" => {
                    if let Some(count) = self.count_of(&parent) {
                        m.content["execution_count"] = json!(count);
                    }
                }
                _ => {}
            }
            out.pass_on(m);
        }
    }

    fn finished(&self, parent: &str) {
        let entry = self.running.lock().ok().and_then(|mut r| r.remove(parent));
        if let Some((done, _)) = entry {
            let _ = done.send(());
        }
    }

    fn count_of(&self, parent: &str) -> Option<u64> {
        self.running.lock().ok()?.get(parent).map(|(_, c)| *c)
    }
}

/// Asks the launcher to stop (it stops evcxr on SIGTERM).
fn terminate(child: &tokio::process::Child) {
    if let Some(pid) = child.id() {
        // SAFETY: kill(2) on our own child's pid, no memory involved.
        unsafe {
            libc::kill(pid as libc::pid_t, libc::SIGTERM);
        }
    }
}

/// Makes the launcher receive SIGTERM when this kernel dies, however it
/// dies (Jupyter may SIGKILL a kernel that does not stop in time), so no
/// evcxr is left running.
fn die_with_parent(command: &mut tokio::process::Command) {
    // SAFETY: prctl is async-signal-safe and touches no memory of ours.
    unsafe {
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
            Ok(())
        });
    }
}
