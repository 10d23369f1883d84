"""The map's labels never print over one another, over the legend, or past the map's
frame in the exported SVG, in English, Korean and both. Boxes are measured as Chromium lays
the text out. (On screen and when presenting, every day is measured in
test_labels_every_change.)"""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.export.snapshot import Renderer, Snapshot, export_snapshot
from tests.browser.label_boxes import BOXES, collisions

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def renderer():
    with Renderer() as warm:
        yield warm


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
    page.evaluate("() => document.fonts.ready.then(() => undefined)")  # text set in its fonts
    assert collisions(page.evaluate(BOXES)) == []
