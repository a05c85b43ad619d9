//! A Jupyter connection file: where the kernel's sockets are and the key
//! that signs its messages.

use std::path::Path;

use serde::{Deserialize, Serialize};

use negotiations::Error;

/// The fields of a connection file this kernel uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Connection {
    pub(crate) ip: String,
    pub(crate) transport: String,
    pub(crate) key: String,
    #[serde(default = "hmac_sha256")]
    pub(crate) signature_scheme: String,
    pub(crate) shell_port: u16,
    pub(crate) iopub_port: u16,
    pub(crate) stdin_port: u16,
    pub(crate) control_port: u16,
    pub(crate) hb_port: u16,
}

fn hmac_sha256() -> String {
    "hmac-sha256".into()
}

impl Connection {
    /// Reads the connection file Jupyter wrote.
    pub(crate) fn read(path: &Path) -> Result<Connection, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let conn: Connection = serde_json::from_str(&text).map_err(|e| {
            Error::Invalid(format!(
                "{}: not a Jupyter connection file: {e}",
                path.display()
            ))
        })?;
        if conn.transport != "tcp" {
            return Err(Error::Invalid(format!(
                "{}: transport {:?}; this kernel speaks tcp only",
                path.display(),
                conn.transport
            )));
        }
        if !conn.key.is_empty() && conn.signature_scheme != "hmac-sha256" {
            return Err(Error::Invalid(format!(
                "{}: signature scheme {:?}; this kernel signs with hmac-sha256 only",
                path.display(),
                conn.signature_scheme
            )));
        }
        Ok(conn)
    }

    /// A connection for a kernel of our own on free local ports, signed
    /// with `key`.
    pub(crate) fn local(key: &str) -> Result<Connection, Error> {
        let mut ports = [0u16; 5];
        // Bound together so no two are the same; released just before the
        // child binds them.
        let listeners: Vec<std::net::TcpListener> = (0..5)
            .map(|_| std::net::TcpListener::bind("127.0.0.1:0"))
            .collect::<Result<_, _>>()
            .map_err(|e| Error::io("127.0.0.1", e))?;
        for (p, l) in ports.iter_mut().zip(&listeners) {
            *p = l
                .local_addr()
                .map_err(|e| Error::io("127.0.0.1", e))?
                .port();
        }
        Ok(Connection {
            ip: "127.0.0.1".into(),
            transport: "tcp".into(),
            key: key.into(),
            signature_scheme: hmac_sha256(),
            shell_port: ports[0],
            iopub_port: ports[1],
            stdin_port: ports[2],
            control_port: ports[3],
            hb_port: ports[4],
        })
    }

    /// The address of `port`.
    pub(crate) fn endpoint(&self, port: u16) -> String {
        format!("tcp://{}:{port}", self.ip)
    }

    /// The connection as a connection file.
    pub(crate) fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
