//! Jupyter's wire protocol: a message as ZeroMQ frames, signed with
//! HMAC-SHA256 (jupyter-client's "Messaging in Jupyter", "The Wire
//! Protocol").

use bytes::Bytes;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use zeromq::ZmqMessage;

/// The frame between the routing identities and the signature.
const DELIMITER: &[u8] = b"<IDS|MSG>";

/// One message: who it came from, its four JSON parts, its buffers.
#[derive(Debug, Clone)]
pub(crate) struct Message {
    pub(crate) identities: Vec<Bytes>,
    pub(crate) header: Value,
    pub(crate) parent: Value,
    pub(crate) metadata: Value,
    pub(crate) content: Value,
    pub(crate) buffers: Vec<Bytes>,
}

/// The key messages are signed with; an empty key signs nothing.
#[derive(Clone)]
pub(crate) struct Signer {
    key: Vec<u8>,
}

impl Signer {
    pub(crate) fn new(key: &str) -> Signer {
        Signer {
            key: key.as_bytes().to_vec(),
        }
    }

    /// The hex signature of the four JSON parts.
    fn sign(&self, parts: &[&[u8]]) -> String {
        if self.key.is_empty() {
            return String::new();
        }
        // Any key length is valid for HMAC.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.key) else {
            return String::new();
        };
        for p in parts {
            mac.update(p);
        }
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

impl Message {
    /// Reads and checks a message; `None` when it is malformed or its
    /// signature is wrong (the protocol says to drop such messages).
    pub(crate) fn parse(frames: ZmqMessage, signer: &Signer) -> Option<Message> {
        let frames = frames.into_vec();
        let at = frames.iter().position(|f| f.as_ref() == DELIMITER)?;
        let parts = frames.get(at + 2..at + 6)?;
        let signature = std::str::from_utf8(frames.get(at + 1)?).ok()?;
        let raw: Vec<&[u8]> = parts.iter().map(|p| p.as_ref()).collect();
        if signature != signer.sign(&raw) {
            return None;
        }
        let json = |b: &Bytes| serde_json::from_slice::<Value>(b).ok();
        Some(Message {
            identities: frames[..at].to_vec(),
            header: json(&parts[0])?,
            parent: json(&parts[1])?,
            metadata: json(&parts[2])?,
            content: json(&parts[3])?,
            buffers: frames[at + 6..].to_vec(),
        })
    }

    /// A request of type `kind` this kernel sends on its own (to evcxr),
    /// answering nothing.
    pub(crate) fn request(kind: &str, content: Value) -> Message {
        Message {
            identities: Vec::new(),
            header: header(kind, "negotiations"),
            parent: json!({}),
            metadata: json!({}),
            content,
            buffers: Vec::new(),
        }
    }

    /// The message's type (`execute_request`...).
    pub(crate) fn kind(&self) -> &str {
        self.header["msg_type"].as_str().unwrap_or("")
    }

    /// The id of the message this one answers.
    pub(crate) fn parent_id(&self) -> &str {
        self.parent["msg_id"].as_str().unwrap_or("")
    }

    /// A new message of type `kind` answering `self`, to the same peer.
    pub(crate) fn reply(&self, kind: &str, content: Value) -> Message {
        Message {
            identities: self.identities.clone(),
            header: header(kind, self.header["session"].as_str().unwrap_or("")),
            parent: self.header.clone(),
            metadata: json!({}),
            content,
            buffers: Vec::new(),
        }
    }

    /// The message as frames, signed.
    pub(crate) fn frames(&self, signer: &Signer) -> ZmqMessage {
        let parts: Vec<Vec<u8>> = [&self.header, &self.parent, &self.metadata, &self.content]
            .iter()
            .map(|v| serde_json::to_vec(v).unwrap_or_else(|_| b"{}".to_vec()))
            .collect();
        let raw: Vec<&[u8]> = parts.iter().map(|p| p.as_slice()).collect();
        let mut frames: Vec<Bytes> = self.identities.clone();
        frames.push(Bytes::from_static(DELIMITER));
        frames.push(Bytes::from(signer.sign(&raw)));
        frames.extend(parts.into_iter().map(Bytes::from));
        frames.extend(self.buffers.iter().cloned());
        // Never empty: it holds the delimiter at least.
        ZmqMessage::try_from(frames).unwrap_or_else(|_| ZmqMessage::from(DELIMITER.to_vec()))
    }
}

/// A message header of type `kind` in `session`.
pub(crate) fn header(kind: &str, session: &str) -> Value {
    json!({
        "msg_id": new_id(),
        "session": session,
        "username": "negotiations",
        "date": chrono::Utc::now().to_rfc3339(),
        "msg_type": kind,
        "version": "5.3",
    })
}

/// A fresh message id: the process, a clock and a counter.
pub(crate) fn new_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{:08x}-{nanos:x}-{n}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_survives_its_frames_and_a_wrong_key_is_refused() {
        let signer = Signer::new("secret");
        let m = Message {
            identities: vec![Bytes::from_static(b"peer")],
            header: header("execute_request", "s1"),
            parent: json!({}),
            metadata: json!({}),
            content: json!({"code": "%%sql\nSELECT 1"}),
            buffers: Vec::new(),
        };
        let back = Message::parse(m.frames(&signer), &signer).expect("parses");
        assert_eq!(back.kind(), "execute_request");
        assert_eq!(back.content["code"], "%%sql\nSELECT 1");
        assert_eq!(back.identities, m.identities);
        assert!(Message::parse(m.frames(&signer), &Signer::new("other")).is_none());
    }

    #[test]
    fn the_signature_is_jupyters_hmac_sha256() {
        // The HMAC-SHA256 test vector of RFC 4231, case 2.
        let signer = Signer::new("Jefe");
        assert_eq!(
            signer.sign(&[b"what do ya want ", b"for nothing?"]),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
