"""No label collides on any day: the map is drawn, in the dashboard's own page, on the first
day of every stretch whose labels or legend differ from the stretch before, at the screen
and presentation sizes and in each language, and its label boxes are measured.

Which days those are is computed here in Python from the same bundle the page draws
(dashboard/figure/browser_bundle.py); the page only draws each day with its own map_core.js."""

from __future__ import annotations

import datetime as dt
import json
import urllib.request

import pytest

from dashboard.model.map_options import MapOptions
from dashboard.model.state import day_from_number, day_number
from tests.browser.label_boxes import BOXES, collisions

pytestmark = pytest.mark.browser


def _texts(trace: dict) -> list[str]:
    if "text" not in (trace.get("mode") or ""):
        return []
    text = trace.get("text")
    return [str(t) for t in (text if isinstance(text, list) else [text]) if t]


# Days named in the issues besides: before the war, the Inchon landing, the Chinese
# offensive, the talks at Kaesong, the talks' inset with the October zones, the signing, and
# after the war. Each draws as the first day of its stretch does; they are measured too.
NAMED_DAYS = ["1945-09-01", "1948-08-15", "1950-09-20", "1950-11-26", "1951-08-01"]
NAMED_DAYS += ["1951-11-01", "1953-07-27", "1954-05-01"]


def label_change_days(bundle: dict) -> list[int]:
    """The first day of each stretch whose labels differ from the day before's, every day
    the legend changes (pockets come and go, the sides' names change), and the named days."""
    days, before = set(), None
    for epoch in bundle["epochs"]:
        texts = sorted(t for i in epoch["traces"] for t in _texts(bundle["variants"][i]))
        legend = [bundle["variants"][i].get("name") for i in epoch["traces"]]
        if (texts, legend) != before:
            days.add(epoch["from"])
            before = (texts, legend)
    front = bundle["front"]
    pockets = front.get("pockets_on", [])
    for offset in range(1, len(pockets)):
        if pockets[offset] != pockets[offset - 1]:
            days.add(front["first"] + offset)
    days.update(names["from"] for names in front.get("held_names", []))
    days.update(day_number(dt.date.fromisoformat(named)) for named in NAMED_DAYS)
    return sorted(days)


# Draw each day as the dashboard draws it, in the page's own graphs: the day's map over the
# land (drawn once), the insets redrawn when they change; and measure it. All the days in
# one call, their boxes back as one JSON text.
DRAW_EACH = f"""async ([url, days]) => {{
  const core = window.koreaMapCore;
  const bundle = await (await fetch(url)).json();
  const plot = document.querySelector('#map .js-plotly-plot');
  const inset = document.querySelector('#map-inset .js-plotly-plot');
  const measured = [];
  let drawn = null;
  for (const day of days) {{
    const epoch = core.epochAt(bundle.epochs, day);
    const figure = core.movingFigure(bundle, epoch, null, day, null);
    await window.Plotly.react(plot, figure.data, figure.layout);
    if (core.insetKey(bundle, epoch) !== drawn) {{
      const insets = core.insetFigure(bundle, epoch);
      await window.Plotly.react(inset, insets.data, insets.layout);
      drawn = core.insetKey(bundle, epoch);
    }}
    measured.push(({BOXES})());
  }}
  return JSON.stringify(measured);
}}"""


def page_bundle(page) -> tuple[str, dict]:
    """The address of the bundle the page fetched, and the bundle itself: the days to draw
    are found in what the page draws, not in a second build of it."""
    url = page.evaluate(
        "() => performance.getEntriesByType('resource').map(e => e.name)"
        ".find(n => n.includes('/data/bundle.'))"
    )
    with urllib.request.urlopen(url) as response:
        return url, json.loads(response.read())


@pytest.mark.parametrize(
    "width, height, present, lang",
    [
        (1366, 768, False, "en"),
        (1366, 768, False, "ko"),
        (1366, 768, False, "both"),
        (1366, 768, True, "en"),
        (1366, 768, True, "ko"),
        (1366, 768, True, "both"),
        (1920, 1080, True, "en"),
        (1920, 1080, True, "ko"),
        (1920, 1080, True, "both"),
    ],
)
def test_no_label_collides_on_any_day(page, app_url, width, height, present, lang):
    page.set_viewport_size({"width": width, "height": height})
    found = {}
    page.goto(f"{app_url}/?lang={lang}{'&present=1' if present else ''}")
    page.wait_for_selector("#map .geo text", timeout=30_000)
    url, bundle = page_bundle(page)
    assert f"/data/bundle.{lang}-{'present' if present else 'screen'}-" in url
    days = label_change_days(bundle)
    measured = json.loads(page.evaluate(DRAW_EACH, [url, days]))
    assert len(measured) == len(days)
    for day, boxes in zip(days, measured, strict=True):
        bad = collisions(boxes)
        if bad:
            found[day_from_number(day).isoformat()] = bad
    assert len(days) > 40  # every change of labels or legend across the nine years
    assert found == {}, "\n".join(f"{d}: {b}" for d, b in found.items())


# A printed map drawn alone in a blank page, as kaleido draws it for an export. The figure
# goes to the page as JSON text: handed over as an object, Playwright would wrap each of
# its numbers apart, which takes longer than drawing the map.
PRINT = """async (json) => {
  if (!document.getElementById('print')) document.body.innerHTML = '<div id="print"></div>';
  const div = document.getElementById('print');
  const figure = JSON.parse(json);
  await window.Plotly.react(div, figure.data, figure.layout);
}"""


# Names of the printed legend that run past their column, where Plotly cuts them off.
CUT_OFF = """() => [...document.querySelectorAll('#print .legend .traces')].filter((entry) => {
  const name = entry.querySelector('.legendtext').getBoundingClientRect();
  return name.right > entry.querySelector('.legendtoggle').getBoundingClientRect().right + 0.5;
}).map((entry) => entry.querySelector('.legendtext').textContent)"""


@pytest.mark.parametrize("lang", ["both"])
@pytest.mark.parametrize("part", [0, 1])
def test_no_label_collides_in_print_on_any_day(page, app_url, dataset, bundle_of, lang, part):
    """The exported figure at 170 mm (snapshot.figure_for, what kaleido renders), on the same
    days as the screen, in "both": every label carries its English and its Korean, so the
    labels are at their widest (the labels of en and ko alone stand at the same points);
    and no name of the legend runs past its column.
    (All three languages pass too; CI runs the widest, to stay within its time.) The days
    are measured in two parts, every other day in each, which two workers can share."""
    from plotly.io.json import to_json_plotly

    from dashboard.export.snapshot import Snapshot, figure_for

    days = label_change_days(bundle_of(MapOptions(lang=lang)))[part::2]
    page.set_viewport_size({"width": 1280, "height": 720})
    found = {}
    page.goto(app_url + "/")
    page.wait_for_function("() => window.Plotly")
    for day in days:
        snap = Snapshot(day_from_number(day), lang=lang)
        page.evaluate(PRINT, to_json_plotly(figure_for(dataset, snap)))
        bad = collisions(page.evaluate(BOXES))
        bad += [(name, "its legend column's edge") for name in page.evaluate(CUT_OFF)]
        if bad:
            found[snap.day.isoformat()] = bad
    assert found == {}, "\n".join(f"{d}: {b}" for d, b in found.items())
