use negotiations::prelude::*;
// Bound so that rust-analyzer loads while the kernel starts (kernel/README.md, "Settings").
let kernel_ready = true;
