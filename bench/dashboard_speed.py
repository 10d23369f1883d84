"""Measure the dashboard in headless Chromium: first-load bytes, slider step-to-paint, and
the requests made while playing. Prints the figures; asserts nothing (machines are noisy).

    python bench/dashboard_speed.py [--steps 60]

Starts the app on a free local port with the shipped data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from dashboard.animation import map_bundle
from dashboard.app import create_app
from dashboard.local_server import CHROMIUM_ARGS, chromium_executable, serving
from dashboard.map_options import MapOptions
from dashboard.state import TIMELINE_DAYS, day_number
from events.dataset import load_dataset

# Set the slider to a day; resolve at the first paint after the date label changed and,
# when the day enters another stretch of constant state, after the map was redrawn too.
STEP_JS = """
async ([day, redraw]) => {
  const graph = document.querySelector('#map .js-plotly-plot');
  const label = document.getElementById('date-label');
  const before = label.innerText;
  const drawn = redraw ? new Promise((r) => graph.once('plotly_afterplot', r)) : null;
  const relabelled = new Promise((r) => {
    const watch = new MutationObserver(() => { if (label.innerText !== before) {
      watch.disconnect(); r(); } });
    watch.observe(label, {childList: true, characterData: true, subtree: true});
  });
  const t0 = performance.now();
  window.dash_clientside.set_props('day', {value: day});
  await relabelled;
  if (drawn) await drawn;
  await new Promise((r) => requestAnimationFrame(() => r()));
  return performance.now() - t0;
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
    epochs = map_bundle(data, MapOptions())["epochs"]

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
        start = page.evaluate(
            "() => Number(document.querySelector('#day [role=slider]')"
            ".getAttribute('aria-valuenow'))"
        )
        in_war = day_number(dt.date(1951, 6, 1))
        runs = (
            ("daily from 1 Jan 1947", start, 1),
            ("weekly from 1947", start, 7),
            ("daily from 1 Jun 1951 (the front moves)", in_war, 1),
        )
        for label, first, days in runs[:2]:
            plain, redrawn = [], []
            for i in range(args.steps):
                day = first + days * (i + 1)
                redraw = epoch_of(day) != epoch_of(day - days)
                took = page.evaluate(STEP_JS, [day, redraw])
                (redrawn if redraw else plain).append(took)
            start = first + days * args.steps
            report(f"{label}, date only", plain)
            report(f"{label}, map redrawn", redrawn)
        # While the front moves: the app's step and Plotly alone take turns, day by day, so
        # that both meet the same load on a shared machine; each draws one day on from the
        # graph as the other left it.
        label, first, _ = runs[2]
        page.evaluate(STEP_JS, [first, True])  # jump there first (not timed)
        steps, alone = [], []
        for i in range(args.steps):
            day = first + 2 * i + 1
            steps.append(page.evaluate(STEP_JS, [day, True]))
            alone.append(page.evaluate(PLOTLY_ALONE_JS, [day + 1]))
        moving = report(f"{label}, map redrawn", steps)
        floor = report("Plotly alone, the same figures, taking turns", alone)
        print(f"app step / Plotly alone while the front moves: {moving / floor:.2f}")
        # Home and End: from the middle of the war to the first or the last day and back.
        jumps, last_day = [], TIMELINE_DAYS
        for i in range(min(args.steps, 20)):
            target = 0 if i % 2 == 0 else last_day
            page.evaluate(STEP_JS, [in_war, True])
            jumps.append(page.evaluate(STEP_JS, [target, True]))
        report("Home/End jump from the war", jumps)
        before = len(responses)
        page.click("#play")
        page.wait_for_timeout(5000)
        page.click("#play")
        print(f"requests while playing for 5 s: {len(responses) - before}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
