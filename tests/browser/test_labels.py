"""The map's labels never print over one another, over the legend, or past the map's
frame: on screen, when presenting, and in the exported SVG, in English, Korean and both.
Boxes are measured as Chromium lays the text out."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.export import Renderer, Snapshot, export_snapshot

pytestmark = pytest.mark.browser

# The dates the issue names: before the war, the Inchon landing, the Chinese offensive,
# the talks at Kaesong, the signing, and after the war.
DATES = ["1945-09-01", "1948-08-15", "1950-09-20", "1950-11-26", "1951-08-01", "1953-07-27"]
DATES += ["1954-05-01", "1951-11-01"]  # and the talks' inset with the October zones

BOXES = """() => {
  const box = (n) => { const r = n.getBoundingClientRect();
    return {text: n.textContent.trim(), l: r.left, r: r.right, t: r.top, b: r.bottom}; };
  const labels = Array.from(document.querySelectorAll('.geo text'))
    .filter(n => n.textContent.trim() && n.getBoundingClientRect().width).map(box);
  const legends = Array.from(document.querySelectorAll('.legend')).map(box);
  const plot = document.querySelector('#map .js-plotly-plot');
  // The insets' frames (the world locator, the talks' area): the map's own labels must
  // not hide under them; their own labels are measured like the map's.
  const insets = [];
  const holder = document.querySelector('#map-inset .js-plotly-plot');
  for (const name of ["geo2", "geo3"]) {
    const layout = holder ? holder._fullLayout : null;
    if (!layout || !layout[name] || !layout[name].showframe) continue;
    const s = layout[name]._subplot, r = holder.getBoundingClientRect();
    const f = {text: name, l: r.left + s.xaxis._offset, t: r.top + s.yaxis._offset};
    f.r = f.l + s.xaxis._length; f.b = f.t + s.yaxis._length;
    insets.push(f);
  }
  let frame = null;
  if (plot) {
    const s = plot._fullLayout.geo._subplot, r = plot.getBoundingClientRect();
    frame = {l: r.left + s.xaxis._offset, t: r.top + s.yaxis._offset};
    frame.r = frame.l + s.xaxis._length; frame.b = frame.t + s.yaxis._length;
  } else {  // an exported figure: its frame is the rectangle drawn round the map
    const r = document.querySelector('.shapelayer path').getBoundingClientRect();
    frame = {l: r.left, r: r.right, t: r.top, b: r.bottom};
  }
  const own = Array.from(document.querySelectorAll('#map .geo text, #map-base .geo text'))
    .filter(n => n.textContent.trim() && n.getBoundingClientRect().width).map(box);
  return {labels, legends, frame, insets, own};
}"""


@pytest.fixture(scope="module")
def renderer():
    with Renderer() as warm:
        yield warm


def _apart(a: dict, b: dict, pad: float = 1.0) -> bool:
    return (
        a["r"] - pad <= b["l"]
        or b["r"] - pad <= a["l"]
        or a["b"] - pad <= b["t"]
        or (b["b"] - pad <= a["t"])
    )


def collisions(measured: dict) -> list[tuple[str, str]]:
    labels, frame = measured["labels"], measured["frame"]
    found = [
        (a["text"], b["text"])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if not _apart(a, b)
    ]
    found += [
        (a["text"], "the legend") for a in labels for g in measured["legends"] if not _apart(a, g)
    ]
    found += [
        (a["text"], f"the inset {f['text']}")
        for a in measured.get("own", [])
        for f in measured.get("insets", [])
        if not _apart(a, f)
    ]
    found += [
        (a["text"], "the frame's edge")
        for a in labels
        if a["l"] < frame["l"] - 1
        or a["r"] > frame["r"] + 1
        or a["t"] < frame["t"] - 1
        or a["b"] > frame["b"] + 1
    ]
    return found


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
