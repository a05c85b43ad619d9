//! The process that runs Rust cells, found and asked to stop a cell.
//!
//! evcxr runs cells in a child of its own (a grandchild of the launcher
//! this kernel starts), marked with `EVCXR_IS_RUNTIME=1` in its
//! environment. The stop button first sends that process a SIGINT: the
//! crate's handler there stops polars' work and the crate's own loops, and
//! the cell ends as an error with every variable kept
//! (`negotiations::notebook::INTERRUPT_GRACE`). Only a cell that does not
//! stop in time is interrupted the way evcxr does it, by restarting the
//! process.

use std::collections::HashMap;
use std::fs;

/// The process under `root` (by parent links in `/proc`) that runs cells.
pub(crate) fn find(root: u32) -> Option<i32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for entry in fs::read_dir("/proc").ok()?.filter_map(|e| e.ok()) {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        if let Some(parent) = parent_of(pid) {
            children.entry(parent).or_default().push(pid);
        }
    }
    let mut todo = vec![root];
    while let Some(pid) = todo.pop() {
        for &child in children.get(&pid).into_iter().flatten() {
            if runs_cells(child) {
                return i32::try_from(child).ok();
            }
            todo.push(child);
        }
    }
    None
}

/// The parent's pid, from `/proc/PID/stat` (the field after the command's
/// closing parenthesis and the state; the command may hold spaces).
fn parent_of(pid: u32) -> Option<u32> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (_, rest) = stat.rsplit_once(')')?;
    rest.split_whitespace().nth(1)?.parse().ok()
}

fn runs_cells(pid: u32) -> bool {
    fs::read(format!("/proc/{pid}/environ"))
        .map(|env| env.split(|&b| b == 0).any(|kv| kv == b"EVCXR_IS_RUNTIME=1"))
        .unwrap_or(false)
}

/// Sends the process that runs cells a SIGINT; false when there is none.
pub(crate) fn interrupt(pid: i32) -> bool {
    // SAFETY: kill(2) on a pid found under our own child; no memory involved.
    unsafe { libc::kill(pid, libc::SIGINT) == 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_process_parent_is_read_and_a_missing_one_is_none() {
        let me = std::process::id();
        let parent = parent_of(me).expect("this process has a parent");
        assert_eq!(parent, std::os::unix::process::parent_id());
        assert_eq!(find(me), None, "no evcxr runtime under the test process");
        assert_eq!(parent_of(u32::MAX), None);
    }
}
