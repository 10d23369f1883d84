"""The screen and the print draw the same front on every day of the war.

The page's own code (assets/map_core.js) unpacks each day's front from the bundle the page
loaded; the print figure (dashboard/figure/front_traces.py) draws it from the geometry directly.
For every day: the UN-held area within 0.5%, the same islands on each side, the same pockets.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dashboard.figure.front_traces import front_traces
from dashboard.model.front import history_of
from dashboard.model.map_options import MapOptions
from dashboard.model.state import day_number
from tests.browser.drawn import composed_un_area, ring_summary

pytestmark = pytest.mark.browser

CHUNK = 120  # days asked of the page at once

DRAWN_IN_PAGE = """
async ([first, last]) => {
  const layout = await (await fetch('/_dash-layout')).json();
  const urls = [];
  const walk = (node) => {
    if (!node || typeof node !== 'object') return;
    if (node.props && node.props.id === 'bundle-url') urls.push(node.props.data);
    Object.values(node).forEach(walk);
  };
  walk(layout);
  const front = (await (await fetch(urls[0])).json()).front, out = [];
  for (let n = first; n <= last; n++) {
    out.push(window.koreaMapCore.frontTraces(front, n)
      .filter((t) => t.meta.layer === 'control')
      .map((t) => ({lon: t.lon, lat: t.lat, meta: t.meta, name: t.name})));
  }
  return JSON.stringify(out);  // one string crosses to Python much faster than objects
}
"""


def test_screen_and_print_draw_the_same_front_on_every_day(dataset, page, app_url):
    page.goto(app_url + "/?layers=control,frontline")
    page.wait_for_function("() => window.koreaMapCore !== undefined")
    history = history_of(dataset)
    options = MapOptions(layers=frozenset({"control", "frontline"}))
    days = [f.day for f in history.days]
    wrong = []
    for start in range(0, len(days), CHUNK):
        chunk = days[start : start + CHUNK]
        drawn = page.evaluate(DRAWN_IN_PAGE, [day_number(chunk[0]), day_number(chunk[-1])])
        screen = json.loads(drawn)
        assert len(screen) == len(chunk)
        for day, on_screen in zip(chunk, screen, strict=True):
            in_print = front_traces(dataset, day, options)
            wrong += differences(day, on_screen, in_print)
    assert wrong == []


def differences(day: dt.date, on_screen: list[dict], in_print: list[dict]) -> list[str]:
    found = []
    main = [
        (t["meta"]["side"], ring_summary(t["lon"], t["lat"]))
        for t in on_screen
        if "pocket" not in t["meta"]
    ]
    printed = [
        (t["meta"]["side"], ring_summary(t["lon"], t["lat"]))
        for t in in_print
        if t["meta"]["layer"] == "control" and "pocket" not in t["meta"]
    ]
    for (side, (area, where)), (side_p, (area_p, where_p)) in zip(main, printed, strict=True):
        if side != side_p or abs(area - area_p) > 0.005 * area_p:
            found.append(f"{day}: {side} area {area:.4f} on screen, {area_p:.4f} in print")
        if where != where_p:  # the same mainland pieces and the same islands
            found.append(f"{day}: {side} pieces or islands differ")
    # Names as written: the legend may break a long one onto two lines.
    pockets = [
        t["name"].replace("<br>", " ")
        for t in in_print
        if t["meta"]["layer"] == "control" and "pocket" in t["meta"]
    ]
    if [t["name"].replace("<br>", " ") for t in on_screen if "pocket" in t["meta"]] != pockets:
        found.append(f"{day}: pockets differ")
    elif pockets:
        # With pockets painted over the main areas, compare what shows in the UN's colour.
        screen_un, print_un = composed_un_area(on_screen), composed_un_area(in_print)
        if abs(screen_un.area - print_un.area) > 0.005 * print_un.area:
            found.append(f"{day}: UN area with pockets {screen_un.area:.4f} / {print_un.area:.4f}")
    return found
