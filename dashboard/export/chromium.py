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


# Debian's chromium-headless-shell first: the same Blink and V8 as chromium, built for
# headless work without the browser's window machinery. It draws a page and an export
# pixel for pixel as chromium does, with about 40% less processor time per page load.
BROWSERS = ["chromium-headless-shell", "chromium"]


def chromium_executable() -> str | None:
    """BROWSER_PATH when set (and only it), else Debian's chromium-headless-shell or
    chromium, whichever is installed; None when there is neither."""
    chosen = os.environ.get("BROWSER_PATH")
    candidates = [chosen] if chosen else [shutil.which(name) for name in BROWSERS]
    return next((path for path in candidates if path and os.path.exists(path)), None)
