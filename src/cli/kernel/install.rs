//! `negotiations kernel install`: the kernel spec that makes Jupyter run
//! this program as a kernel.

use std::path::PathBuf;

use negotiations::Error;
use serde_json::json;

use crate::args::KernelInstallArgs;

/// Writes `<data dir>/kernels/<name>/kernel.json`.
pub(crate) fn install(args: KernelInstallArgs) -> Result<(), Error> {
    let exe = std::env::current_exe()
        .and_then(|p| p.canonicalize())
        .map_err(|e| Error::io("negotiations", e))?;
    let dir = args
        .data_dir
        .unwrap_or_else(jupyter_data_dir)
        .join("kernels")
        .join(&args.name);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let spec = json!({
        "argv": [exe, "kernel", "run", "{connection_file}"],
        "display_name": "Rust · negotiations (SQL, charts and Rust over the Kissinger and Trump cases)",
        "language": "rust",
        "interrupt_mode": "message",
        "metadata": {"debugger": false},
    });
    let text = serde_json::to_string_pretty(&spec).map_err(|e| Error::Invalid(e.to_string()))?;
    negotiations::io::write_atomic(&dir.join("kernel.json"), text.as_bytes())?;
    println!(
        "installed the Jupyter kernel {:?} in {}",
        args.name,
        dir.display()
    );
    println!("  it runs {}", exe.display());
    match super::launcher() {
        Ok(_) => println!("  %%sql, %%plot and Rust cells are ready"),
        Err(_) => println!(
            "  %%sql and %%plot cells are ready; Rust cells need scripts/setup-notebooks.sh (8 to 13 minutes)"
        ),
    }
    Ok(())
}

/// Jupyter's user data directory: `JUPYTER_DATA_DIR`, else the platform's.
fn jupyter_data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("JUPYTER_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(d);
    }
    if cfg!(target_os = "macos") {
        return super::home().join("Library").join("Jupyter");
    }
    super::data_home().join("jupyter")
}
