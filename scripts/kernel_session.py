"""A `negotiations` kernel started as Jupyter starts it, and cells run on
it the way a notebook runs them: what the checks of the kernel
(check-kernel-replay.py, check-kernel-start.py) share.
"""
import queue
import time
from dataclasses import dataclass

from jupyter_client.manager import start_new_kernel


@dataclass
class Cell:
    """What a cell showed: its plain text and HTML outputs (streams count as
    text), its error text, and how long it took."""

    text: str
    html: str
    errors: str
    seconds: float


class Session:
    """A started kernel; `with Session() as s:` shuts it down on leaving."""

    def __init__(self):
        started = time.time()
        self.km, self.kc = start_new_kernel(kernel_name="negotiations", startup_timeout=1800)
        self.started = started
        self.start_seconds = time.time() - started

    def run(self, code):
        text, html, errors = [], [], []

        def hook(msg):
            content = msg["content"]
            kind = msg["header"]["msg_type"]
            if kind in ("execute_result", "display_data"):
                text.append(content["data"].get("text/plain", ""))
                html.append(content["data"].get("text/html", ""))
            elif kind == "stream":
                text.append(content["text"])
            elif kind == "error":
                errors.append("\n".join(content.get("traceback", [])) or content.get("evalue", ""))

        started = time.time()
        msg_id = self.kc.execute(code)
        # What execute_interactive does, but a kernel that died fails the
        # check at once instead of after the half-hour timeout.
        while True:
            if not self.km.is_alive():
                raise RuntimeError(f"the kernel process died while running {code[:80]!r}")
            if time.time() - started > 1800:
                raise TimeoutError(f"no answer in 30 minutes to {code[:80]!r}")
            try:
                msg = self.kc.get_iopub_msg(timeout=1)
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["header"]["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            hook(msg)
        while self.kc.get_shell_msg(timeout=60)["parent_header"].get("msg_id") != msg_id:
            pass
        return Cell("".join(text), "".join(html), "".join(errors), time.time() - started)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)
