"""Serving for real: waitress behind `python run.py`, gunicorn from its config file, a
health check a load balancer can poll, and a plain 404 for addresses that are not ours."""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from dashboard.web.wsgi import CONNECTIONS_ENV, connection_limit, threads_for_this_machine
from tests.servers import free_port, start, stop, wait_for_health

pytestmark = pytest.mark.processes

ROOT = Path(__file__).resolve().parent.parent


def test_threads_follow_the_machine_within_bounds():
    assert threads_for_this_machine(1) == 4
    assert threads_for_this_machine(2) == 8
    assert threads_for_this_machine(64) == 32


@pytest.mark.parametrize(
    ("chosen", "limit"), [(None, 1000), ("250", 250), ("x", 1000), ("0", 1000)]
)
def test_the_connection_limit_is_a_thousand_unless_set(monkeypatch, chosen, limit):
    if chosen is None:
        monkeypatch.delenv(CONNECTIONS_ENV, raising=False)
    else:
        monkeypatch.setenv(CONNECTIONS_ENV, chosen)
    assert connection_limit() == limit


def test_healthz_answers_a_few_bytes_of_json(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert len(response.data) < 100
    assert response.get_json()["status"] == "ok"
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/nope", "/admin", "/index.html", "/assets", "/_dash"])
def test_an_unknown_path_is_a_plain_404_not_the_page(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.mimetype == "text/plain"
    assert b"<html" not in response.data.lower()


def test_the_page_and_its_parts_are_still_served(client):
    assert client.get("/").status_code == 200
    assert client.get("/?date=1951-08-01").status_code == 200
    assert client.get("/_dash-layout").status_code == 200
    assert client.get("/assets/style.css").status_code == 200


def test_run_py_serves_through_waitress_and_says_so():
    port = free_port()
    process = start("run.py", "--port", str(port), "--threads", "6")
    try:
        health = wait_for_health(port, process)
        assert health["status"] == "ok"
        assert health["views_ready"].endswith("/66")  # the builder's count, a server's only
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?date=1951-08-01") as r:
            assert r.headers["Server"] == "korea-map"  # waitress, named
    finally:
        out = stop(process)
    assert f"Serving http://127.0.0.1:{port}/ with waitress: 6 threads" in out
    assert "up to 1000 connections" in out
    assert "development server" not in out


@pytest.mark.skipif(sys.platform == "win32", reason="gunicorn runs on Unix only")
def test_gunicorn_serves_the_app_from_the_config_file():
    port = free_port()
    env = {**os.environ, "KOREA_MAP_BIND": f"127.0.0.1:{port}", "KOREA_MAP_WORKERS": "2"}
    config = "python:dashboard.web.gunicorn_conf"
    process = start("-m", "gunicorn", "-c", config, "dashboard.web.app:server", env=env)
    try:
        assert wait_for_health(port, process)["status"] == "ok"
        for _ in range(4):  # both workers answer the same
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_dash-layout") as r:
                assert r.status == 200
    finally:
        out = stop(process)
    assert "Booting worker" in out
