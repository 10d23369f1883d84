"""Hand-crafted requests to /_dash-update-component: every server callback (read from
/_dash-dependencies) gets hostile values and malformed bodies. Never a 500 with a
traceback, never a crash; values are clamped or the request is turned away."""

from __future__ import annotations

import html
import json
import logging
import re
import time
import urllib.parse

import pytest

from dashboard.web.security import MAX_BODY_BYTES

UPDATE = "/_dash-update-component"
BIG_LIST = ["x"] * 30_000  # 150 KB (x5 for the export buttons): under the body limit
HOSTILE = [
    None,
    True,
    -1,
    10**30,
    1e308,
    -1e308,
    "",
    "x" * 200_000,
    "../../../etc/passwd",
    "/etc/passwd",
    "<script>alert(1)</script>",
    {"__proto__": {"polluted": 1}},
    [[["deep"]]],
    [None, 1, {}, "mdl"],
    BIG_LIST,
    list(range(30_000)),
]


def server_callbacks(client) -> list[dict]:
    """The callbacks with a function on the server (clientside ones run in the page)."""
    deps = client.get("/_dash-dependencies").get_json()
    assert deps, "no callbacks listed"
    return [d for d in deps if not d.get("clientside_function")]


def _parse_output(output: str) -> list[dict]:
    """'a.b' or '..a.b...c.d..' as the list of {id, property} the renderer sends."""
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    return [{"id": _id(p.rsplit(".", 1)[0]), "property": p.rsplit(".", 1)[1]} for p in parts]


def _id(text: str):
    return json.loads(text) if text.startswith("{") else text


def body_for(dep: dict, values: dict[str, object] | None = None, fmt: str = "txt") -> dict:
    """A body like the page's own for a dependency: every input and state given its
    normal value, except those named in `values` (by component id)."""
    normal = {"layers": ["mdl", "venues"], "lang": "en", "day": 2182}
    values = values or {}

    def entry(item: dict):
        if item["id"].startswith("{"):  # the export buttons: one entry per format
            pattern = json.loads(item["id"])
            return [
                {
                    "id": {"type": pattern["type"], "format": f},
                    "property": item["property"],
                    "value": values.get("clicks", 1 if f == fmt else None),
                }
                for f in dict.fromkeys(("png", "svg", "pdf", "html", "txt", fmt))
            ]
        value = values.get(item["id"], normal.get(item["id"]))
        return {"id": item["id"], "property": item["property"], "value": value}

    outputs = _parse_output(dep["output"])
    inputs = [entry(i) for i in dep["inputs"]]
    changed = [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"]
    if dep["inputs"][0]["id"].startswith("{"):
        trigger = json.dumps({"format": fmt, "type": "export"}, separators=(",", ":"))
        changed = [f"{trigger}.n_clicks"]
    return {
        "output": dep["output"],
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": inputs,
        "state": [entry(s) for s in dep["state"]],
        "changedPropIds": changed,
    }


def post(client, body, raw: bool = False):
    data = body if raw else json.dumps(body)
    return client.post(UPDATE, data=data, content_type="application/json")


def page_end_id(client) -> str:
    """The signed id of a page load, which the page sends with its callbacks."""
    page = client.get("/").data.decode()
    config = re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', page)
    return json.loads(html.unescape(config.group(1)))["end_id"]


def run_in_background(client, body, seconds: float = 60):
    """A background callback as the page runs one: start the job, then ask again with its
    handles until it answers (the export runs in a process of its own). While the job
    runs, an answer carries no handles (at most its progress): the first ones are kept."""
    end = urllib.parse.quote(page_end_id(client))
    response = client.post(
        f"{UPDATE}?endId={end}", data=json.dumps(body), content_type="application/json"
    )
    if response.status_code != 200 or "cacheKey" not in (response.get_json() or {}):
        return response
    handles = {k: response.get_json()[k] for k in ("cacheKey", "job")}
    query = urllib.parse.urlencode({"endId": urllib.parse.unquote(end), **handles})
    deadline = time.monotonic() + seconds
    while True:
        assert time.monotonic() < deadline, "the job never answered"
        time.sleep(0.02)
        response = client.post(
            f"{UPDATE}?{query}", data=json.dumps(body), content_type="application/json"
        )
        if response.status_code != 200 or "response" in response.get_json():
            return response


def assert_no_traceback(response) -> None:
    assert response.status_code != 500, response.data[:300]
    assert b"Traceback" not in response.data
    assert b'File "' not in response.data


def assert_still_serving(client) -> None:
    dep = next(d for d in server_callbacks(client) if d["output"] == "bundle-url.data")
    response = post(client, body_for(dep))
    assert response.status_code == 200
    assert _language(response) == "en"


def _language(response) -> str:
    """The language of the bundle a layers-or-language answer names (its file's name)."""
    url = response.get_json()["response"]["bundle-url"]["data"]
    assert url.startswith("/data/bundle.")
    return url.removeprefix("/data/bundle.").split("-")[0]


def test_both_server_callbacks_are_found(client):
    outputs = {d["output"] for d in server_callbacks(client)}
    assert outputs == {"bundle-url.data", "..download.data...export-notice.children.."}


def test_the_page_own_requests_work(client):
    for dep in server_callbacks(client):
        response = post(client, body_for(dep))
        assert response.status_code == 200, response.data[:300]


@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: repr(v)[:24])
def test_hostile_layers_and_language_are_clamped(client, value):
    dep = next(d for d in server_callbacks(client) if d["output"] == "bundle-url.data")
    for name in ("layers", "lang"):
        response = post(client, body_for(dep, {name: value}))
        assert_no_traceback(response)
        assert response.status_code == 200
        assert _language(response) in ("en", "ko", "both")
        if name == "lang":
            assert _language(response) == "en"  # anything but en, ko or both is English


@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: repr(v)[:24])
def test_hostile_export_values_are_clamped_or_ignored(client, value):
    dep = next(d for d in server_callbacks(client) if "download" in d["output"])
    for name in ("clicks", "day", "layers", "lang"):
        response = run_in_background(client, body_for(dep, {name: value}))
        assert_no_traceback(response)
        # 413: a value so long that the body (it repeats per button) passes the limit.
        assert response.status_code in (200, 204, 413)
        if response.status_code == 200:
            sent = response.get_json()["response"]
            download = sent.get("download", {}).get("data")
            if download:  # the caption of a day on the timeline, named by that day
                assert download["filename"].startswith("korea-19")
                assert download["filename"].endswith(".txt")
                assert "/" not in download["filename"]
    assert_still_serving(client)


@pytest.mark.parametrize(
    "fmt", ["../../etc/passwd", "/etc/passwd", "txt/../../x", "C:\\boot.ini", "png\x00", ""]
)
def test_the_download_never_takes_a_path_from_the_page(client, fmt, tmp_path, monkeypatch):
    """The format is the only text the button sends: anything but a known format is
    ignored, and nothing is read from or written to disk."""
    monkeypatch.chdir(tmp_path)
    dep = next(d for d in server_callbacks(client) if "download" in d["output"])
    response = run_in_background(client, body_for(dep, fmt=fmt))
    assert_no_traceback(response)
    assert response.status_code in (200, 204)
    if response.status_code == 200:  # no update: nothing built, nothing sent
        assert "download" not in response.get_json().get("response", {})
    assert list(tmp_path.iterdir()) == []


def test_the_caption_is_built_in_memory_and_written_nowhere(client, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    dep = next(d for d in server_callbacks(client) if "download" in d["output"])
    response = run_in_background(client, body_for(dep, {"day": 2908}))
    download = response.get_json()["response"]["download"]["data"]
    assert download["filename"] == "korea-1953-07-27.txt"
    assert list(tmp_path.iterdir()) == []


def _malformed_bodies(client) -> list[tuple[str, object, bool]]:
    deps = client.get("/_dash-dependencies").get_json()
    bundle = next(d for d in deps if d["output"] == "bundle-url.data")
    good = body_for(bundle)
    cases = [
        ("invalid JSON", "{not json", True),
        ("truncated JSON", json.dumps(good)[:-5], True),
        ("empty body", "", True),
        ("NaN and Infinity", '{"output": NaN, "inputs": Infinity}', True),
        ("a list", [1, 2], False),
        ("a string", "bundle-url.data", False),
        ("a number", 5, False),
        ("null", None, False),
        ("empty object", {}, False),
        ("unknown output", {**good, "output": "nope.children"}, False),
        ("output not a string", {**good, "output": ["bundle-url.data"]}, False),
        ("no inputs", {k: v for k, v in good.items() if k != "inputs"}, False),
        ("inputs not a list", {**good, "inputs": "layers"}, False),
        ("inputs not dicts", {**good, "inputs": [1, 2]}, False),
        ("too few inputs", {**good, "inputs": good["inputs"][:1]}, False),
        ("too many inputs", {**good, "inputs": good["inputs"] * 3}, False),
        (
            "inputs without values",
            {**good, "inputs": [{"id": "layers"}, {"id": "lang"}]},
            False,
        ),
        ("outputs a string", {**good, "outputs": "bundle-url.data"}, False),
        ("changedPropIds not a list", {**good, "changedPropIds": 7}, False),
        ("wrong output id", {**good, "outputs": {"id": "notice", "property": "x"}}, False),
    ]
    for dep in deps:
        if dep.get("clientside_function"):  # no function on the server to call
            cases.append((f"clientside {dep['output'][:30]}", body_for_clientside(dep), False))
    return cases


def body_for_clientside(dep: dict) -> dict:
    return {
        "output": dep["output"],
        "outputs": _parse_output(dep["output"]),
        "inputs": [{"id": i["id"], "property": i["property"], "value": 1} for i in dep["inputs"]],
        "state": [{"id": s["id"], "property": s["property"], "value": 1} for s in dep["state"]],
        "changedPropIds": [],
    }


def test_malformed_bodies_get_a_short_400_and_are_logged(client, caplog):
    for name, body, raw in _malformed_bodies(client):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="dashboard"):
            response = post(client, body, raw)
        assert_no_traceback(response)
        assert response.status_code == 400, (name, response.status_code)
        assert len(response.data) < 300, name
        if response.status_code == 400 and response.mimetype == "text/plain":
            assert caplog.records, f"{name}: not logged"
        assert_still_serving(client)


def test_bodies_over_the_limit_get_413(client):
    huge = {"output": "bundle-url.data", "inputs": [{"value": ["x"] * 10**6}]}
    assert len(json.dumps(huge)) > MAX_BODY_BYTES
    response = post(client, huge)
    assert response.status_code == 413
    assert_no_traceback(response)
    assert_still_serving(client)


def test_a_body_just_under_the_limit_is_read(client):
    body = json.dumps({"output": "nope.children", "pad": "x" * (MAX_BODY_BYTES - 100)})
    assert len(body) < MAX_BODY_BYTES
    assert post(client, body, raw=True).status_code == 400  # read and turned away, not 413


def test_other_methods_and_routes_are_plain_errors(client):
    for response in (
        client.get(UPDATE),
        client.put(UPDATE, data="{}"),
        client.get("/_dash-layout?date=" + "9" * 5000),
        client.get("/nope/../../etc/passwd"),
        client.get("/assets/../app.py"),
        client.get("/_dash-component-suites/dash/../../../etc/passwd"),
    ):
        assert_no_traceback(response)
        assert b"root:" not in response.data
        assert b"def create_app" not in response.data
