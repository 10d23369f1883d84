"""Debian's Chromium, for the exports (kaleido), the browser tests and the benches."""

from __future__ import annotations

import os
import shutil

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
