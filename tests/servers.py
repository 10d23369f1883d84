"""Real server processes for tests: start one on a free port, wait until it answers,
stop it and read what it printed."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from dashboard.model.map_options import MapOptions
from dashboard.web.data_files import DataFiles

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(folder: Path, dataset, **more: str) -> dict[str, str]:
    """The environment of a test server of its own: `folder` is its data folder (and so its
    export queue's), holding the default view's files and the front's kept history as a
    server finds them after its first start, so it starts and exports in seconds rather
    than after a cold build of the front; and it builds no view unasked, keeping the
    processors for the test."""
    files = DataFiles(dataset)  # this test process's own folder: built once, then read
    files.prepare([MapOptions()])
    for kept in files.directory.parent.glob("front-*.npz"):
        shutil.copy(kept, folder / kept.name)
    shutil.copytree(
        files.directory,
        folder / files.directory.name,
        ignore=shutil.ignore_patterns("asked"),
        dirs_exist_ok=True,
    )
    return {**os.environ, "KOREA_MAP_CACHE": str(folder), "KOREA_MAP_PREPARE": "0", **more}


def wait_for_health(port: int, process: subprocess.Popen, seconds: float = 120) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited: {process.log.read_text()}")
        try:
            # The first request sets the app up: allow it time on a busy machine.
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=30) as r:
                return json.loads(r.read())
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise AssertionError("no answer from /healthz")


def start(*args: str, env: dict | None = None) -> subprocess.Popen:
    # The server's output goes to a file: a pipe nobody reads until the end would fill
    # up and stop the server mid-write.
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    process.log = Path(log.name)
    return process


def stop(process: subprocess.Popen) -> str:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return process.log.read_text()
