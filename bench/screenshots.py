"""Screenshots of the dashboard at lecture-hall and laptop sizes, to look at before release:
the dates a lecture on the period needs, at 1366x768 and 1920x1080, and the presentation
view on every stop of every tour; each also in greyscale (NAME-grey.png), as a journal in
one ink would print it.

    python bench/screenshots.py [OUT_DIR]      (default bench/screenshots)

Starts the app on a free local port with the shipped data and Debian's chromium.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from dashboard.export.chromium import CHROMIUM_ARGS, chromium_executable
from dashboard.web.app import create_app
from dashboard.web.local_server import serving
from events.dataset import load_dataset

VIEWS = [
    ("date=1945-09-01", "en"),
    ("date=1948-08-15", "ko"),
    ("date=1950-09-20", "en"),
    ("date=1950-11-26", "both"),
    ("date=1951-08-01", "en"),
    ("date=1951-11-01", "both"),
    ("date=1953-07-27", "en"),
    ("date=1954-05-01", "ko"),
]
SIZES = [(1366, 768), (1920, 1080)]


def _name(query: str, lang: str, width: int, height: int, present: bool) -> str:
    what = query.replace("date=", "").replace("tour=", "").replace("&stop=", "-stop")
    return f"{'present' if present else 'dashboard'}-{what}-{lang}-{width}x{height}.png"


def _shoot(page, base: str, query: str, lang: str, path: Path) -> None:
    from PIL import Image

    page.goto(f"{base}/?{query}&lang={lang}")
    page.wait_for_function(
        "() => { const g = document.querySelector('#map .js-plotly-plot');"
        " return g && g.data && g.data.length > 0; }"
    )
    page.wait_for_timeout(1200)
    page.screenshot(path=str(path))
    Image.open(path).convert("L").save(path.with_name(path.stem + "-grey.png"))
    print(path)


def presenting(data) -> list[tuple[str, str]]:
    """Every stop of every tour, on a projector's 1920x1080 (English; the last stop of
    each tour in both languages too)."""
    views = []
    for tour in data.tours:
        for n in range(1, len(tour.stops) + 1):
            views.append((f"tour={tour.name}&stop={n}", "en"))
        views.append((f"tour={tour.name}&stop={len(tour.stops)}", "both"))
    return views


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    data = load_dataset()
    with serving(create_app(data)) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        for width, height in SIZES:
            page = browser.new_page(viewport={"width": width, "height": height})
            for query, lang in VIEWS:
                _shoot(page, base, query, lang, out / _name(query, lang, width, height, False))
            page.close()
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        for query, lang in presenting(data):
            path = out / _name(query, lang, 1920, 1080, True)
            _shoot(page, base, query + "&present=1", lang, path)
        page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
