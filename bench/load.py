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

from locust import HttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from dashboard.local_server import export_request, store_data

ROOT = Path(__file__).resolve().parent.parent
QUERY = "?date=1951-08-01&layers=parallel38,frontline,control,cities,venues,events"
EXPORT_SHARE = 0.1  # one viewer in ten asks for a PNG
BUSY = "busy"


class Viewer(HttpUser):
    """One student: opens the page (with a browser's cache of immutable files), thinks,
    toggles a layer, thinks, and sometimes exports."""

    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.cached: set[str] = set()
        self.exported = False
        self.open_page()

    def _get(self, path: str, name: str | None = None) -> bytes:
        with self.client.get(path, name=name or path.split("?")[0], catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code}")
            return r.content or b""

    def open_page(self) -> None:
        started = time.perf_counter()
        page = self._get("/" + QUERY, "/ (page)")
        self.end_id = _end_id(page)
        scripts = re.findall(rb'src="(/[^"]+)"', page) + re.findall(
            rb'href="(/[^"]+\.css[^"]*)"', page
        )
        for src in scripts:
            path = src.decode()
            if path not in self.cached:  # a browser keeps Dash's versioned scripts
                self._get(path, "/(scripts and styles)")
                self.cached.add(path)
        layout = json.loads(self._get("/_dash-layout" + QUERY, "/_dash-layout") or b"{}")
        self.deps = json.loads(self._get("/_dash-dependencies") or b"[]")
        for store in ("bundle-url", "events-url", "tours-url"):
            url = store_data(layout, store)
            if url and url not in self.cached:
                self._get(url, "/data/ (page data)")
                self.cached.add(url)
        elapsed = (time.perf_counter() - started) * 1000
        events.request.fire(
            request_type="PAGE",
            name="page load",
            response_time=elapsed,
            response_length=0,
            exception=None,
            context={},
        )

    @task
    def toggle_a_layer_then_maybe_export(self) -> None:
        layers = random.sample(["mdl", "dmz", "cities", "venues", "events", "frontline"], 3)
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
                self._get(url, "/data/ (page data)")
                self.cached.add(url)
        if not self.exported and random.random() < EXPORT_SHARE:
            self.exported = True
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


def _report(users: int, csv_prefix: Path) -> None:
    with open(f"{csv_prefix}_stats.csv") as stats:
        rows = list(csv.DictReader(stats))
    print(f"\n{users} viewers:")
    for row in rows:
        if row["Name"] == "Aggregated":
            continue
        print(
            f"  {row['Type']:5} {row['Name'][:28]:28} n={row['Request Count']:>6} "
            f"fail={row['Failure Count']:>4}  p50={row['50%']:>6} ms  "
            f"p95={row['95%']:>6} ms  max={float(row['Max Response Time']):8.0f} ms"
        )
    failures = next(r for r in rows if r["Name"] == "Aggregated")["Failure Count"]
    print(f"  errors: {failures}")


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
    try:
        for users in args.users:
            prefix = Path(tempfile.mkdtemp()) / "load"
            subprocess.run(
                [sys.executable, "-m", "locust", "-f", __file__, "--headless",
                 "-u", str(users), "-r", str(max(users // 10, 1)), "-t", f"{args.seconds}s",
                 "--host", url, "--csv", str(prefix), "--only-summary", "--loglevel", "ERROR"],
                check=False, env={**os.environ, "PYTHONPATH": str(ROOT)},
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            _report(users, prefix)
            health = urllib.request.urlopen(url + "/healthz", timeout=30).read()
            print(f"  /healthz afterwards: {health.decode()}")
    finally:
        if server is not None:
            server.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
