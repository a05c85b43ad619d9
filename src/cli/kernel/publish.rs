//! What the kernel publishes on iopub: one queue, sent in order by one
//! task, for the kernel's own answers and for what evcxr publishes.

use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::wire::Message;

/// The sending end of the iopub queue.
#[derive(Clone)]
pub(crate) struct Publisher {
    tx: mpsc::UnboundedSender<Message>,
}

impl Publisher {
    /// A publisher and the queue's other end, for the task that sends.
    pub(crate) fn new() -> (Publisher, mpsc::UnboundedReceiver<Message>) {
        let (tx, rx) = mpsc::unbounded_channel();
        (Publisher { tx }, rx)
    }

    /// Publishes the kernel's state while it answers `m`.
    pub(crate) fn status(&self, m: &Message, state: &str) {
        self.send(m, "status", json!({"execution_state": state}));
    }

    /// Publishes a message of type `kind` answering `m`.
    pub(crate) fn send(&self, m: &Message, kind: &str, content: Value) {
        let mut out = m.reply(kind, content);
        out.identities = vec![kind.to_string().into()];
        self.pass_on(out);
    }

    /// Publishes a message as it is (one of evcxr's).
    pub(crate) fn pass_on(&self, m: Message) {
        // The queue is gone only when the kernel is stopping.
        let _ = self.tx.send(m);
    }

    /// Publishes `text` as the cell's error and returns the error reply.
    pub(crate) fn error(&self, m: &Message, count: u64, text: &str) -> Message {
        let content = json!({"ename": "Error", "evalue": text, "traceback": [text]});
        self.send(m, "error", content.clone());
        let mut reply = content;
        reply["status"] = json!("error");
        reply["execution_count"] = json!(count);
        m.reply("execute_reply", reply)
    }
}
