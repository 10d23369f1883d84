"""Measure the dashboard: a new view's data file built on the server, and in headless
Chromium first-load bytes, slider step-to-paint, and the requests made while playing.
Prints the figures; asserts nothing (machines are noisy).

    python bench/dashboard_speed.py [--steps 60]

Starts the app on a free local port with the shipped data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from dashboard.export.chromium import CHROMIUM_ARGS, chromium_executable
from dashboard.figure.browser_bundle import map_bundle
from dashboard.model.map_options import MapOptions
from dashboard.model.state import day_number
from dashboard.web.app import create_app
from dashboard.web.local_server import serving
from events.dataset import load_dataset

# A step as a viewer makes it: a key on the focused slider (ArrowRight, Home, End), or,
# with a day number, a drag of the slider (Dash sets its value). Resolves at the first paint
# after the date label changed and, when the day enters another stretch of constant state,
# after the map was redrawn too.
STEP_JS = """
async ([step, redraw]) => {
  const graph = document.querySelector('#map .js-plotly-plot');
  const label = document.getElementById('date-label');
  const thumb = document.querySelector('#day [role=slider]');
  const before = label.innerText;
  const drawn = redraw ? new Promise((r) => graph.once('plotly_afterplot', r)) : null;
  const relabelled = new Promise((r) => {
    const watch = new MutationObserver(() => { if (label.innerText !== before) {
      watch.disconnect(); r(); } });
    watch.observe(label, {childList: true, characterData: true, subtree: true});
  });
  const t0 = performance.now();
  if (typeof step === 'number') window.dash_clientside.set_props('day', {value: step});
  else thumb.dispatchEvent(new KeyboardEvent('keydown', {key: step, bubbles: true,
    cancelable: true}));
  await relabelled;
  if (drawn) await drawn;
  await new Promise((r) => requestAnimationFrame(() => r()));
  return performance.now() - t0;
}
"""

# Not timed: the slider set to a day, and the page settled there (the map drawn, Dash told).
GO_JS = """
async ([day]) => {
  await new Promise((r) => setTimeout(r, 50));  // the last step told to Dash
  window.dash_clientside.set_props('day', {value: day});
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 20));
    const thumb = document.querySelector('#day [role=slider]');
    if (Number(thumb.getAttribute('aria-valuenow')) === day && thumb.getAttribute(
        'aria-valuetext') === document.getElementById('date-label').innerText) return day;
  }
  const thumb = document.querySelector('#day [role=slider]');
  throw new Error('the page never settled on day ' + day + ': the slider at '
    + thumb.getAttribute('aria-valuenow') + ' (' + thumb.getAttribute('aria-valuetext')
    + '), the label at ' + document.getElementById('date-label').innerText);
}
"""


# Plotly alone: the figure the app draws for a day, built beforehand (not timed) and drawn
# with a bare Plotly.react into the same graph: the floor the app's step is measured against.
PLOTLY_ALONE_JS = """
async ([day]) => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const core = window.koreaMapCore;
  if (!window.__bundle) {
    const layout = await (await fetch('/_dash-layout')).json();
    let url = null;
    const walk = (n) => {
      if (!n || typeof n !== 'object') return;
      if (n.props && n.props.id === 'bundle-url') url = n.props.data;
      Object.values(n).forEach(walk);
    };
    walk(layout);
    window.__bundle = await (await fetch(url)).json();
  }
  const bundle = window.__bundle;
  const figure = core.movingFigure(bundle, core.epochAt(bundle.epochs, day), null, day, null);
  const t0 = performance.now();
  await window.Plotly.react(gd, figure.data, figure.layout);
  await new Promise((r) => requestAnimationFrame(() => r()));
  return performance.now() - t0;
}
"""


def report(what: str, times: list[float]) -> float | None:
    if not times:
        return None
    times = sorted(times)
    median = statistics.median(times)
    print(
        f"step to paint, {what} ({len(times)}): median {median:.1f} ms, "
        f"p90 {times[int(0.9 * len(times))]:.1f} ms, max {times[-1]:.1f} ms"
    )
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=60)
    args = parser.parse_args()
    data = load_dataset()
    epochs = map_bundle(data, MapOptions())["epochs"]  # also warms the front and the places
    views = [
        MapOptions(lang="ko"),
        MapOptions(lang="both", present=True),
        MapOptions(layers=frozenset({"mdl", "venues", "cities"})),
        MapOptions(layers=frozenset({"frontline", "control", "events"}), lang="ko"),
    ]
    built = []
    for view in views:  # what a viewer who picks another language or layer set waits for
        start = time.perf_counter()
        map_bundle(data, view)
        built.append(time.perf_counter() - start)
    print(
        f"a new view's data file ({len(views)} views): median "
        f"{statistics.median(built) * 1000:.0f} ms, max {max(built) * 1000:.0f} ms"
    )

    war = (day_number(data.keyframes[0].day), day_number(data.keyframes[-1].day))

    def epoch_of(day: int) -> tuple[int, int]:
        """What the map shows: the stretch of constant state and, in the war, the day."""
        stretch = next(i for i, e in enumerate(epochs) if e["from"] <= day <= e["to"])
        return stretch, day if war[0] <= day <= war[1] else -1

    with serving(create_app(data)) as base, sync_playwright() as p:
        url = f"{base}/?date=1947-01-01"
        browser = p.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        responses = []
        page.on("requestfinished", lambda r: responses.append(r))
        page.goto(url)
        page.wait_for_selector("#map .scattergeo")
        page.wait_for_load_state("networkidle")
        wire = sum(r.sizes()["responseBodySize"] for r in responses)
        print(f"first load: {len(responses)} requests, {wire / 1e6:.2f} MB over the wire")
        for r in sorted(responses, key=lambda r: -r.sizes()["responseBodySize"])[:5]:
            print(f"  {r.sizes()['responseBodySize'] / 1e3:8.0f} kB  {r.url.split('?')[0][-60:]}")
        in_war = day_number(dt.date(1951, 6, 1))
        page.focus("#day [role=slider]")

        def go(day: int) -> int:
            return page.evaluate(GO_JS, [day])

        # The date only, or a new stretch: a day per key from 1 Jan 1947.
        day = go(day_number(dt.date(1947, 1, 1)))
        plain, redrawn = [], []
        for _ in range(args.steps):
            redraw = epoch_of(day + 1) != epoch_of(day)
            (redrawn if redraw else plain).append(page.evaluate(STEP_JS, ["ArrowRight", redraw]))
            day += 1
        report("a day per key from 1 Jan 1947, date only", plain)
        report("a day per key from 1 Jan 1947, map redrawn", redrawn)
        # While the front moves: the app's step and Plotly alone take turns, day by day, so
        # that both meet the same load on a shared machine; Plotly alone draws a day the app
        # does not, so that each draws a figure other than the one in the graph.
        day = go(in_war)
        steps, alone, dragged = [], [], []
        for _ in range(args.steps):
            steps.append(page.evaluate(STEP_JS, ["ArrowRight", True]))
            day += 1
            alone.append(page.evaluate(PLOTLY_ALONE_JS, [day + 2]))
        moving = report("a day per key from 1 Jun 1951 (the front moves), map redrawn", steps)
        floor = report("Plotly alone, the same figures, taking turns", alone)
        print(f"app step / Plotly alone while the front moves: {moving / floor:.2f}")
        # Home and End on the focused slider, from the middle of the war.
        jumps = []
        for i in range(min(args.steps, 20)):
            go(in_war)
            jumps.append(page.evaluate(STEP_JS, ["Home" if i % 2 == 0 else "End", True]))
        report("Home/End jump from the war", jumps)
        # A drag: Dash sets the slider's value and runs the map's callback.
        day = go(in_war)
        for _ in range(args.steps):
            day += 1
            dragged.append(page.evaluate(STEP_JS, [day, True]))
        report("a drag of the slider, a day at a time, through Dash (the front moves)", dragged)
        before = len(responses)
        page.click("#play")
        page.wait_for_timeout(5000)
        page.click("#play")
        print(f"requests while playing for 5 s: {len(responses) - before}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
