"""The page's scripts compressed once, not once for every viewer: versioned addresses kept
per encoding and marked immutable; anything else passed through."""

from __future__ import annotations

import re

import pytest

from dashboard.web.data_files import IMMUTABLE
from dashboard.web.static_cache import CompressedOnce, chosen_encoding, is_versioned


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        ("gzip, deflate, br, zstd", "zstd"),  # Chromium
        ("gzip, deflate, br", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("", "identity"),
        ("identity", "identity"),
        ("*", "zstd"),
    ],
)
def test_the_encoding_is_the_servers_first_choice_among_the_clients(accept, chosen):
    assert chosen_encoding(accept) == chosen


@pytest.mark.parametrize(
    ("path", "query", "versioned"),
    [
        ("/_dash-component-suites/dash/deps/react@18.v4_4_1m1796105412.3.1.min.js", "", True),
        ("/assets/map.js", "m=1796137501.8316903", True),
        ("/assets/map.js", "", False),
        ("/_dash-component-suites/dash/dcc/async-graph.js", "", False),
        ("/_dash-layout", "m=1", False),
    ],
)
def test_only_an_address_with_a_version_is_versioned(path, query, versioned):
    assert is_versioned(path, query) is versioned


def _scripts(page: bytes) -> list[str]:
    return [s.decode() for s in re.findall(rb'src="(/[^"]+)"', page)]


def test_a_versioned_script_is_compressed_once_and_kept_for_a_year(dash_app):
    calls = []
    middleware = dash_app.server.wsgi_app
    assert isinstance(middleware, CompressedOnce)
    inner = middleware.app

    def counting(environ, start_response):
        calls.append(environ["PATH_INFO"])
        return inner(environ, start_response)

    client = dash_app.server.test_client()
    script = next(s for s in _scripts(client.get("/").data) if "dash_renderer" in s)
    middleware.app = counting
    try:
        for accept in ("gzip, br", "gzip, br", "gzip", "gzip"):
            answers = client.get(script, headers={"Accept-Encoding": accept})
            assert answers.status_code == 200
            assert answers.headers["Cache-Control"] == IMMUTABLE
            assert answers.headers["Content-Encoding"] == accept.split(",")[-1].strip()
            assert int(answers.headers["Content-Length"]) == len(answers.data)
        br = client.get(script, headers={"Accept-Encoding": "br"})
        assert br.data == client.get(script, headers={"Accept-Encoding": "br"}).data
    finally:
        middleware.app = inner
    # Made once for br and once for gzip (fewer, had another test asked first), never
    # for each request.
    assert len(calls) <= 2


def test_a_kept_asset_answers_a_revalidation_with_304(dash_app):
    client = dash_app.server.test_client()
    asset = next(s for s in _scripts(client.get("/").data) if "/assets/map.js?m=" in s)
    first = client.get(asset, headers={"Accept-Encoding": "gzip"})
    assert first.headers["Cache-Control"] == IMMUTABLE
    etag = first.headers["ETag"]
    again = client.get(asset, headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag


def test_the_page_the_layout_and_an_unversioned_asset_pass_through(dash_app):
    middleware = dash_app.server.wsgi_app
    calls = []
    inner = middleware.app

    def counting(environ, start_response):
        calls.append(environ["PATH_INFO"])
        return inner(environ, start_response)

    client = dash_app.server.test_client()
    middleware.app = counting
    try:
        for path in ("/", "/_dash-layout", "/assets/style.css", "/assets/style.css"):
            answer = client.get(path, headers={"Accept-Encoding": "gzip"})
            assert answer.status_code == 200
            assert answer.headers.get("Cache-Control") != IMMUTABLE
    finally:
        middleware.app = inner
    assert calls == ["/", "/_dash-layout", "/assets/style.css", "/assets/style.css"]


def test_a_missing_script_is_not_kept(dash_app):
    client = dash_app.server.test_client()
    path = "/_dash-component-suites/dash/deps/nothing.v4_4_1m1796105412.min.js"
    assert client.get(path).status_code == 404
    assert not any(key[0] == path for key in dash_app.server.wsgi_app._kept)
