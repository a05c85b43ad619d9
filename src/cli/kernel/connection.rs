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
        let ports = free_ports(5)?;
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

/// `n` ports free on 127.0.0.1 now, below the range the system hands out
/// to outgoing connections. A port the system picked (bind to port 0)
/// would be free only until released: the front end's connections to
/// this kernel, made just after, take their local ports from that range
/// and could take it before evcxr binds it ("Address already in use").
fn free_ports(n: usize) -> Result<Vec<u16>, Error> {
    let low = ephemeral_low();
    let (first, last) = match (low.saturating_sub(20_000).max(1_024), low.saturating_sub(1)) {
        (f, l) if f <= l => (f, l),
        // A range that starts too low leaves nothing below it.
        _ => (1_024, u16::MAX),
    };
    let span = u32::from(last - first) + 1;
    let seed = std::process::id()
        ^ std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
    // Held until all are found, so none is counted twice.
    let mut held = Vec::new();
    for i in 0..span {
        let port = first + ((seed.wrapping_add(i.wrapping_mul(7_919))) % span) as u16;
        if let Ok(l) = std::net::TcpListener::bind(("127.0.0.1", port)) {
            held.push((port, l));
            if held.len() == n {
                return Ok(held.into_iter().map(|(p, _)| p).collect());
            }
        }
    }
    Err(Error::Invalid(format!(
        "kernel: no {n} free local ports between {first} and {last} for evcxr"
    )))
}

/// The first port of the system's range for outgoing connections.
fn ephemeral_low() -> u16 {
    std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(32_768)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_ports_are_distinct_free_and_below_the_ephemeral_range() {
        let conn = Connection::local("k").unwrap();
        let ports = [
            conn.shell_port,
            conn.iopub_port,
            conn.stdin_port,
            conn.control_port,
            conn.hb_port,
        ];
        let mut sorted = ports.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 5, "{ports:?}");
        assert!(
            ports.iter().all(|&p| p >= 1_024 && p < ephemeral_low()),
            "{ports:?}"
        );
        for p in ports {
            std::net::TcpListener::bind(("127.0.0.1", p)).unwrap();
        }
    }
}
