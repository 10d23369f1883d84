"""The map's labels never print over one another, over the legend, or past the map's
frame: on screen, when presenting, and in the exported SVG, in English, Korean and both.
Boxes are measured as Chromium lays the text out."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.export.snapshot import Renderer, Snapshot, export_snapshot
from tests.browser.label_boxes import BOXES, collisions

pytestmark = pytest.mark.browser

# The dates the issue names: before the war, the Inchon landing, the Chinese offensive,
# the talks at Kaesong, the signing, and after the war.
DATES = ["1945-09-01", "1948-08-15", "1950-09-20", "1950-11-26", "1951-08-01", "1953-07-27"]
DATES += ["1954-05-01", "1951-11-01"]  # and the talks' inset with the October zones


@pytest.fixture(scope="module")
def renderer():
    with Renderer() as warm:
        yield warm


@pytest.mark.parametrize(
    "width, height, present, langs",
    [
        (1366, 768, "", ("en", "ko", "both")),
        (1920, 1080, "&present=1", ("en", "both")),
        (1366, 768, "&present=1", ("en", "ko")),
    ],
)
def test_no_label_collides_on_screen(browser, app_url, width, height, present, langs):
    page = browser.new_page(viewport={"width": width, "height": height})
    found = {}
    try:
        for date in DATES:
            for lang in langs:
                page.goto(f"{app_url}/?date={date}&lang={lang}{present}")
                page.wait_for_selector("#map .geo text", timeout=30_000)
                page.wait_for_selector("#map-base .geo text", timeout=30_000)
                page.wait_for_timeout(400)
                bad = collisions(page.evaluate(BOXES))
                if bad:
                    found[(date, lang)] = bad
    finally:
        page.close()
    assert found == {}


@pytest.mark.parametrize("date", ["1950-11-26", "1951-08-01", "1953-07-27"])
@pytest.mark.parametrize("lang", ["en", "ko", "both"])
def test_no_label_collides_in_the_exported_svg(browser, dataset, renderer, tmp_path, date, lang):
    out = tmp_path / "map.svg"
    snap = Snapshot(dt.date.fromisoformat(date), lang=lang)
    export_snapshot(dataset, snap, "svg", out, renderer)
    page = browser.new_page()
    try:
        page.set_content(
            "<html><body style='margin:0'>" + out.read_text(encoding="utf-8") + "</body></html>"
        )
        page.wait_for_timeout(300)
        assert collisions(page.evaluate(BOXES)) == []
    finally:
        page.close()
