"""Run the app on a free local port and find Debian's Chromium: for the browser tests,
the benchmark and the screenshot scripts."""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from dash import Dash
from werkzeug.serving import make_server

# Headless, and quiet on the network: without the background-networking flags Chromium
# tries to reach Google's hosts at every start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_executable() -> str | None:
    """BROWSER_PATH when set (and only it), else Debian's chromium; None when there is none."""
    chosen = os.environ.get("BROWSER_PATH")
    candidates = [chosen] if chosen else [shutil.which("chromium"), "/usr/bin/chromium"]
    return next((path for path in candidates if path and os.path.exists(path)), None)


@contextmanager
def serving(app: Dash) -> Iterator[str]:
    """Serve the app on 127.0.0.1 in a background thread; yields its base URL."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
