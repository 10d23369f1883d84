"""The map's labels never print over one another, over the legend, or past the map's
frame: on screen, when presenting, and in the exported SVG, in English, Korean and both.
Boxes are measured as Chromium lays the text out."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.export.snapshot import Renderer, Snapshot, export_snapshot
from dashboard.model.state import day_number
from events.dates import written_day
from tests.browser.label_boxes import BOXES, collisions

pytestmark = pytest.mark.browser

# The dates the issue names: before the war, the Inchon landing, the Chinese offensive,
# the talks at Kaesong, the signing, and after the war.
DATES = ["1945-09-01", "1948-08-15", "1950-09-20", "1950-11-26", "1951-08-01", "1953-07-27"]
DATES += ["1954-05-01", "1951-11-01"]  # and the talks' inset with the October zones


# To a day and on until the insets, drawn after the map's paint, are drawn too.
GO_TO_DAY = """async (n) => {
  window.koreaMap.goToDay(n);
  for (let i = 0; i < 4; i++) await new Promise((done) => requestAnimationFrame(done));
  await new Promise((done) => setTimeout(done, 50));
}"""


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
def test_no_label_collides_on_screen(page, app_url, width, height, present, langs):
    # A page opened in each language, then moved to each date as the player and the keys
    # move it (map.js goToDay): the map first, the insets a frame later. The page draws an
    # opened link's first day with the same code (test_day_steps checks the two agree).
    page.set_viewport_size({"width": width, "height": height})
    found = {}
    for lang in langs:
        page.goto(f"{app_url}/?date={DATES[0]}&lang={lang}{present}")
        page.wait_for_selector("#map .geo text", timeout=30_000)
        page.wait_for_selector("#map-base .geo text", timeout=30_000)
        for date in DATES:
            day = dt.date.fromisoformat(date)
            page.evaluate(GO_TO_DAY, day_number(day))
            assert page.inner_text("#date-label") == written_day(day, lang)
            bad = collisions(page.evaluate(BOXES))
            if bad:
                found[(date, lang)] = bad
    assert found == {}


@pytest.mark.parametrize("date", ["1950-11-26", "1951-08-01", "1953-07-27"])
@pytest.mark.parametrize("lang", ["en", "ko", "both"])
def test_no_label_collides_in_the_exported_svg(page, dataset, renderer, tmp_path, date, lang):
    out = tmp_path / "map.svg"
    snap = Snapshot(dt.date.fromisoformat(date), lang=lang)
    export_snapshot(dataset, snap, "svg", out, renderer)
    page.set_viewport_size({"width": 1280, "height": 720})
    page.set_content(
        "<html><body style='margin:0'>" + out.read_text(encoding="utf-8") + "</body></html>"
    )
    page.wait_for_timeout(300)
    assert collisions(page.evaluate(BOXES)) == []
