"""Screenshots of the dashboard at lecture-hall and laptop sizes, to look at before release.

    python bench/screenshots.py [OUT_DIR]      (default bench/screenshots)

Starts the app on a free local port with the shipped data and Debian's chromium.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from dashboard.app import create_app
from dashboard.local_server import CHROMIUM_ARGS, chromium_executable, serving
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


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with serving(create_app(load_dataset())) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        for width, height in SIZES:
            page = browser.new_page(viewport={"width": width, "height": height})
            for date, lang in VIEWS:
                page.goto(f"{base}/?date={date}&lang={lang}")
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
