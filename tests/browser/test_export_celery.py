"""Scaling out: with KOREA_MAP_REDIS_URL set, the dashboard's export runs on a Celery
worker through Redis. A real redis-server (Debian's package) and a real Celery worker are
started, and a PNG is downloaded through them from real Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard.export.queue import REDIS_ENV
from tests.servers import free_port, server_env, start, stop, wait_for_health

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def redis_url():
    server = shutil.which("redis-server")
    assert server, "redis-server is needed (Debian: apt-get install redis-server)"
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def celery_worker(redis_url, tmp_path_factory):
    env = {**os.environ, REDIS_ENV: redis_url}
    log = tmp_path_factory.mktemp("celery") / "worker.log"
    with open(log, "w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "dashboard.web.celery_app",
                "worker",
                "--pool",
                "solo",
                "--loglevel",
                "INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 180  # the worker loads the data and builds the app
    while time.monotonic() < deadline and " ready." not in log.read_text():
        assert process.poll() is None, log.read_text()
        time.sleep(0.1)
    assert " ready." in log.read_text(), log.read_text()
    yield log
    process.terminate()
    process.wait(timeout=30)


def test_an_export_runs_on_a_celery_worker_through_redis(
    browser, dataset, redis_url, celery_worker, tmp_path
):
    # The web server in a process of its own, as deployed (and so that this test's
    # Celery-bound callbacks never meet the other tests' apps in this process).
    env = server_env(tmp_path, dataset, **{REDIS_ENV: redis_url})
    port = free_port()
    server = start("run.py", "--port", str(port), env=env)
    try:
        wait_for_health(port, server, seconds=240)
        page = browser.new_page(accept_downloads=True)
        try:
            page.goto(f"http://127.0.0.1:{port}/?date=1953-07-27&layers=mdl,cities")
            page.wait_for_selector("#map-base .scattergeo", timeout=30_000)
            with page.expect_download(timeout=120_000) as download:
                page.click(".export-png")
            with open(download.value.path(), "rb") as png:
                assert png.read(8) == b"\x89PNG\r\n\x1a\n"
            assert page.inner_text("#export-notice") == "Downloaded korea-1953-07-27.png."
        finally:
            page.close()
    finally:
        stop(server)
    assert "succeeded" in celery_worker.read_text()  # the worker ran it
