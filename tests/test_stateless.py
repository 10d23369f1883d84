"""Stateless web workers: two real servers on different ports, sharing only the machine's
cache folder, serve one viewer's session in turn (a round-robin client, as behind a load
balancer) and answer every request alike, an export started on one and collected from
the other included."""

from __future__ import annotations

import gzip
import html
import json
import re
import time
import urllib.parse
import urllib.request

import pytest

from dashboard.web.local_server import export_request, store_data
from tests.servers import free_port, server_env, start, stop, wait_for_health

pytestmark = pytest.mark.processes


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory, dataset):
    env = server_env(tmp_path_factory.mktemp("shared-cache"), dataset)
    ports = [free_port(), free_port()]
    processes = [start("run.py", "--port", str(p), env=env) for p in ports]
    try:
        for port, process in zip(ports, processes, strict=True):
            wait_for_health(port, process, seconds=240)
        yield [f"http://127.0.0.1:{p}" for p in ports]
    finally:
        for process in processes:
            stop(process)


class RoundRobin:
    """Each request to the next server in turn."""

    def __init__(self, bases: list[str]):
        self.bases, self.turn = bases, 0

    def request(self, path: str, body: dict | None = None) -> tuple:
        base = self.bases[self.turn % len(self.bases)]
        self.turn += 1
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json", "Accept-Encoding": "gzip"}
        request = urllib.request.Request(base + path, data=data, headers=headers)
        with urllib.request.urlopen(request, timeout=60) as response:
            raw = response.read()
            if response.headers.get("Content-Encoding") == "gzip":
                raw = gzip.decompress(raw)
            return response.status, response.headers, raw


def test_two_servers_answer_one_session_alike(two_servers):
    client = RoundRobin(two_servers)
    query = "?date=1951-08-01&layers=mdl,cities,venues,events&lang=both"
    _, _, page = client.request("/" + query)
    config = re.search(rb'<script id="_dash-config" type="application/json">(.*?)</script>', page)
    end_id = json.loads(html.unescape(config.group(1).decode()))["end_id"]

    # The same layout, dependencies and data files, whichever server answers.
    layouts = [client.request("/_dash-layout" + query)[2] for _ in range(2)]
    assert layouts[0] == layouts[1]
    deps = [json.loads(client.request("/_dash-dependencies")[2]) for _ in range(2)]
    assert deps[0] == deps[1]
    layout = json.loads(layouts[0])
    bundle_url = store_data(layout, "bundle-url")
    files = [client.request(bundle_url) for _ in range(2)]
    assert files[0][2] == files[1][2] and files[0][1]["ETag"] == files[1][1]["ETag"]

    # A new layer set names the same file on both.
    layers = next(d for d in deps[0] if d["output"] == "bundle-url.data")
    body = {
        "output": layers["output"],
        "outputs": {"id": "bundle-url", "property": "data"},
        "inputs": [
            {"id": "layers", "property": "value", "value": ["mdl"]},
            {"id": "lang", "property": "value", "value": "ko"},
            {"id": "present", "property": "data", "value": False},
        ],
        "changedPropIds": ["layers.value"],
    }
    answers = [client.request("/_dash-update-component", body)[2] for _ in range(2)]
    assert answers[0] == answers[1]

    # An export started on one server and collected from the other.
    body = export_request(deps[0], "txt", 2182, ["mdl", "venues"], "en")
    end = urllib.parse.quote(end_id)
    started = json.loads(client.request(f"/_dash-update-component?endId={end}", body)[2])
    handles = {"endId": end_id, "cacheKey": started["cacheKey"], "job": started["job"]}
    deadline = time.monotonic() + 60
    while True:
        assert time.monotonic() < deadline, "the export never arrived"
        query = urllib.parse.urlencode(handles)
        status, _, raw = client.request(f"/_dash-update-component?{query}", body)
        answer = json.loads(raw) if status == 200 and raw else {}
        if "response" in answer:
            break
        time.sleep(0.05)
    sent = answer["response"]
    assert sent["download"]["data"]["filename"] == "korea-1951-08-01.txt"
    assert sent["export-notice"]["children"] == "Downloaded korea-1951-08-01.txt."
