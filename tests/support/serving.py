"""The real build served on loopback under a subpath, as GitHub Pages serves a project site."""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
from pathlib import Path

from support.building import run_pelican

SUBPATH = "sub/path"


def free_port() -> int:
    """Return a loopback port no one listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that logs nothing."""

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_build(root: Path, **build):
    """Build with publishconf.py into root/sub/path, serve root on loopback; yield (base_url, output_dir)."""
    port = free_port()
    output = root / SUBPATH
    base_url = f"http://127.0.0.1:{port}/{SUBPATH}"
    done = run_pelican(output, "publishconf.py", siteurl=base_url, **build)
    assert done.returncode == 0, done.stdout + done.stderr
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base_url, output
    finally:
        server.shutdown()
