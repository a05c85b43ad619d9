#!/usr/bin/env python3
"""A Jupyter kernel that only says why the `negotiations` kernel could not
start (or stopped), in the notebook, for every cell run: better than a
kernel that dies with the reason in a server log nobody reads.

    kernel-error.py CONNECTION_FILE MESSAGE
"""
import sys

from ipykernel.kernelapp import IPKernelApp
from ipykernel.kernelbase import Kernel

connection, message = sys.argv[1], sys.argv[2]


class NotReady(Kernel):
    implementation = "negotiations-not-ready"
    implementation_version = "1"
    language_info = {"name": "rust", "mimetype": "text/rust", "file_extension": ".rs"}
    banner = message

    def do_execute(self, code, silent, store_history=True, user_expressions=None, allow_stdin=False, **kwargs):
        text = f"The negotiations kernel is not running.\n\n{message}\n"
        if not silent:
            self.send_response(self.iopub_socket, "stream", {"name": "stderr", "text": text})
        return {
            "status": "error",
            "execution_count": self.execution_count,
            "ename": "KernelNotReady",
            "evalue": message,
            "traceback": [text],
        }


if __name__ == "__main__":
    IPKernelApp.launch_instance(kernel_class=NotReady, argv=["-f", connection])
