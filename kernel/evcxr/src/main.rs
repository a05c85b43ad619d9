// evcxr_jupyter's own main (evcxr_jupyter 0.22.0, src/main.rs), built
// against the patched evcxr; see Cargo.toml and evcxr-0.22.0.patch.
pub fn main() -> anyhow::Result<()> {
    evcxr_jupyter::main()
}
