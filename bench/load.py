"""A lecture hall opening the link at once: locust (headless) replays what a browser does
when it opens the page, toggles a layer and exports, for 100 and then 300 viewers over
60 s each, against the app started as README says (`python run.py`, waitress).

    python bench/load.py [--users 100 300] [--seconds 60] [--url http://host:port]

Prints, per run, the page loads' p50/p95/max (every request a browser makes to open the
page, in order), each request's figures and the errors. Exports are PNGs through the
export queue; "busy" answers are counted apart (the queue protecting the host, by design).
Asserts nothing: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import gevent
from locust import FastHttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from dashboard.model.map_options import DEFAULT_LAYERS, MAP_LAYERS
from dashboard.web.local_server import export_request, store_data

ROOT = Path(__file__).resolve().parent.parent
SHOWN = DEFAULT_LAYERS  # the lecturer's link: a day, the layers as they open
QUERY = "?date=1951-08-01"
# One viewer in ten exports a PNG (KOREA_MAP_BENCH_EXPORTS=0: page loads and toggles only).
EXPORT_SHARE = float(os.environ.get("KOREA_MAP_BENCH_EXPORTS", 0.1))
BUSY = "busy"
BROWSER_CONNECTIONS = 6  # Chromium's connections to one host
DATA_STORES = ("bundle-url", "events-url", "tours-url")
# What dash-renderer asks for once the layout is in (Dash 4.4, seen in Chromium).
LATE_CHUNKS = [
    f"/_dash-component-suites/dash/dcc/async-{name}.js" for name in ("dropdown", "graph", "slider")
]


class Browser(FastHttpUser):
    """Opens the page as Chromium does (measured: the page; its 15 scripts and styles at
    once; the layout and the callbacks' list at once; then Dash's three late chunks and
    the page's data at once), over six connections, as a browser opens to one host."""

    abstract = True
    concurrency = BROWSER_CONNECTIONS

    def _get(self, path: str, name: str | None = None, read: bool = True) -> bytes:
        """The body (decompressed) when `read`: only what the replay itself needs, as the
        load generator shares the cores with the server."""
        with self.client.get(path, name=name or path.split("?")[0], catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code}")
            return (r.content or b"") if read else b""

    def _get_at_once(self, paths: list[str], name: str, read: bool = False) -> list[bytes]:
        """Several files over the browser's connections at once, as its preload does."""
        fetched = [gevent.spawn(self._get, path, name, read) for path in paths]
        gevent.joinall(fetched)
        return [g.value or b"" for g in fetched]

    def open_page(self) -> None:
        started = time.perf_counter()
        page = self._get("/" + QUERY, "/ (page)")
        self.end_id = _end_id(page)
        scripts = re.findall(rb'src="(/[^"]+)"', page) + re.findall(
            rb'href="(/[^"]+\.css[^"]*)"', page
        )
        self._get_at_once([s.decode() for s in scripts], "/(scripts and styles)")
        layout, deps = self._get_at_once(
            ["/_dash-layout" + QUERY, "/_dash-dependencies"], "/_dash-layout, dependencies", True
        )
        self.deps = json.loads(deps or b"[]")
        data = [store_data(json.loads(layout or b"{}"), s) for s in DATA_STORES]
        self.cached.update(u for u in data if u)
        self._get_at_once(LATE_CHUNKS, "/(Dash's late chunks)")
        self._get_at_once([u for u in data if u], "/data/ (page data)")
        elapsed = (time.perf_counter() - started) * 1000
        events.request.fire(
            request_type="PAGE",
            name="page load",
            response_time=elapsed,
            response_length=0,
            exception=None,
            context={},
        )


class Viewer(Browser):
    """One student: opens the page, thinks, toggles a layer, thinks; one in ten exports
    a PNG."""

    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.cached: set[str] = set()
        self.will_export = random.random() < EXPORT_SHARE
        self.open_page()

    @task
    def toggle_a_layer_then_maybe_export(self) -> None:
        # One layer switched on or off, from what the link showed.
        layers = sorted(SHOWN ^ {random.choice(MAP_LAYERS)})
        body = {
            "output": "bundle-url.data",
            "outputs": {"id": "bundle-url", "property": "data"},
            "inputs": [
                {"id": "layers", "property": "value", "value": layers},
                {"id": "lang", "property": "value", "value": "en"},
                {"id": "present", "property": "data", "value": False},
            ],
            "changedPropIds": ["layers.value"],
        }
        r = self.client.post("/_dash-update-component", json=body, name="toggle a layer")
        if r.status_code == 200:
            url = r.json()["response"]["bundle-url"]["data"]
            if url not in self.cached:
                self._get(url, "/data/ (page data)", read=False)
                self.cached.add(url)
        if self.will_export:
            self.will_export = False
            self.export_png()

    def export_png(self) -> None:
        started = time.perf_counter()
        body = export_request(self.deps, "png", 2182, ["mdl", "cities"], "en")
        query = {"endId": self.end_id}
        r = self.client.post(
            "/_dash-update-component?" + urllib.parse.urlencode(query),
            json=body,
            name="export: start",
        )
        if r.status_code != 200:
            return
        handles = {**query, "cacheKey": r.json()["cacheKey"], "job": r.json()["job"]}
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            time.sleep(1.0)  # Dash's own polling interval
            r = self.client.post(
                "/_dash-update-component?" + urllib.parse.urlencode(handles),
                json=body,
                name="export: poll",
            )
            answer = r.json() if r.status_code == 200 and r.content else {}
            if "response" in answer:
                notice = answer["response"].get("export-notice", {}).get("children", "")
                outcome = BUSY if "busy" in notice else "export done"
                if "failed" in notice and outcome != BUSY:
                    outcome = "export failed"
                events.request.fire(
                    request_type="EXPORT",
                    name=outcome,
                    response_time=(time.perf_counter() - started) * 1000,
                    response_length=0,
                    exception=None,
                    context={},
                )
                return


class Stopwatch(Browser):
    """One more student who only opens the page, again and again, run by a locust of
    its own: the load generator's many viewers share one event loop and two cores with
    the server, so their clocks also count the time their own loop took to get round to
    a reply (measured: three times what this lone viewer sees under the same load).
    Its page loads are the figures a student in the hall would see."""

    wait_time = between(0.3, 0.7)

    @task
    def open_again(self) -> None:
        self.cached = set()  # a new student: nothing in the browser's cache
        self.open_page()


def _end_id(page: bytes) -> str:
    found = re.search(rb'<script id="_dash-config" type="application/json">(.*?)</script>', page)
    return json.loads(html.unescape(found.group(1).decode()))["end_id"] if found else ""


def _serve(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "run.py", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=30).read()
            return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("the app did not start")


def _wait_until_prepared(url: str) -> None:
    """A lecture starts some minutes after the server: wait, as it would, until the
    server has built the views viewers are likely to ask for (its /healthz says)."""
    started = time.monotonic()
    while True:
        health = json.loads(urllib.request.urlopen(url + "/healthz", timeout=30).read())
        done, _, total = health.get("views_ready", "0/0").partition("/")
        if done == total:
            print(f"server ready ({health.get('views_ready')} likely views built) after "
                  f"{time.monotonic() - started:.0f} s of waiting")  # fmt: skip
            return
        time.sleep(2)


def _locust(user_class: str, users: int, seconds: int, url: str, csv_prefix: Path):
    """A headless locust run of `users` of one class, writing its figures as CSV."""
    return subprocess.Popen(
        [sys.executable, "-m", "locust", "-f", __file__, user_class, "--headless",
         "-u", str(users), "-r", str(max(users // 10, 1)), "-t", f"{seconds}s",
         "--host", url, "--csv", str(csv_prefix), "--only-summary", "--loglevel", "ERROR"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _report(title: str, csv_prefix: Path) -> None:
    with open(f"{csv_prefix}_stats.csv") as stats:
        rows = list(csv.DictReader(stats))
    print(f"\n{title}")
    for row in rows:
        if row["Name"] == "Aggregated":
            continue
        print(
            f"  {row['Type']:5} {row['Name'][:28]:28} n={row['Request Count']:>6} "
            f"fail={row['Failure Count']:>4}  p50={row['50%']:>6} ms  "
            f"p95={row['95%']:>6} ms  max={float(row['Max Response Time']):8.0f} ms"
        )
    failures = int(next(r for r in rows if r["Name"] == "Aggregated")["Failure Count"])
    with open(f"{csv_prefix}_exceptions.csv") as raised:
        crashes = list(csv.DictReader(raised))  # a viewer's code failing counts too
    print(f"  errors: {failures + sum(int(c['Count']) for c in crashes)}")
    for crash in crashes:
        print(f"    {crash['Count']} x {crash['Message'][:200]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, nargs="+", default=[100, 300])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--url", help="an app already running (else one is started)")
    args = parser.parse_args()
    server = None
    url = args.url
    if url is None:
        port = 8077
        server = _serve(port)
        url = f"http://127.0.0.1:{port}"
    _wait_until_prepared(url)
    try:
        for users in args.users:
            load, stopwatch = (Path(tempfile.mkdtemp()) / n for n in ("load", "stopwatch"))
            running = [
                _locust("Viewer", users, args.seconds, url, load),
                _locust("Stopwatch", 1, args.seconds, url, stopwatch),
            ]
            for process in running:
                process.wait()
            _report(f"{users} viewers (the load):", load)
            _report("  one more viewer, timed apart (a student in the hall):", stopwatch)
            health = urllib.request.urlopen(url + "/healthz", timeout=30).read()
            print(f"  /healthz afterwards: {health.decode()}")
    finally:
        if server is not None:
            server.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
