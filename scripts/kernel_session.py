"""A `negotiations` kernel started as Jupyter starts it, and cells run on
it the way a notebook runs them: what the checks of the kernel
(check-kernel-replay.py, check-kernel-start.py) share.
"""
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
        self.kc.execute_interactive(code, timeout=1800, output_hook=hook)
        return Cell("".join(text), "".join(html), "".join(errors), time.time() - started)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)
