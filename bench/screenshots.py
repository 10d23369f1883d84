"""Screenshots of the dashboard at lecture-hall and laptop sizes, to look at before release.

    python bench/screenshots.py [OUT_DIR]      (default bench/screenshots)

Starts the app on a free local port with the shipped data and Debian's chromium.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from dashboard.app import create_app
from events.dataset import load_dataset

VIEWS = [
    ("1947-10-01", "en"),
    ("1950-09-15", "en"),
    ("1951-08-01", "en"),
    ("1952-06-01", "both"),
    ("1953-07-27", "en"),
    ("1954-05-01", "ko"),
]
SIZES = [(1366, 768), (1920, 1080)]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, create_app(load_dataset()).server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for width, height in SIZES:
            page = browser.new_page(viewport={"width": width, "height": height})
            for date, lang in VIEWS:
                page.goto(f"{base}?date={date}&lang={lang}")
                page.wait_for_function(
                    "() => { const g = document.querySelector('#map .js-plotly-plot');"
                    " return g && g.data && g.data.length > 0; }"
                )
                page.wait_for_timeout(800)
                path = out / f"dashboard-{date}-{lang}-{width}x{height}.png"
                page.screenshot(path=str(path))
                print(path)
            page.close()
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
