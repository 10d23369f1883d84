"""A server stopped as a service manager stops it (SIGTERM) takes its export renderer's
Chromium with it, and that Chromium ran behind the pages (the idle scheduling class)."""

from __future__ import annotations

import os
import time

import pytest

from dashboard.export.queue import descendants
from tests.processes import is_chromium
from tests.servers import free_port, server_env, start, stop, wait_for_health

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="Linux: /proc and SCHED_IDLE"),
]


def test_a_stopped_server_leaves_no_chromium_behind(browser, dataset, tmp_path):
    port = free_port()
    server = start("run.py", "--port", str(port), env=server_env(tmp_path, dataset))
    try:
        wait_for_health(port, server, seconds=240)
        page = browser.new_page(accept_downloads=True)
        page.goto(f"http://127.0.0.1:{port}/?date=1951-08-01")
        page.wait_for_selector("#map-base .scattergeo", timeout=30_000)
        with page.expect_download(timeout=120_000):
            page.click(".export-png")
        page.close()
        renderer = {pid for pid in descendants(server.pid) if is_chromium(pid)}
        assert renderer, "the export's Chromium, a child of the server"
        for pid in renderer:
            assert os.sched_getscheduler(pid) == os.SCHED_IDLE
        assert os.sched_getscheduler(server.pid) == os.SCHED_OTHER
    finally:
        stop(server)  # SIGTERM
    deadline = time.monotonic() + 30
    while any(os.path.exists(f"/proc/{pid}") for pid in renderer) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [pid for pid in renderer if os.path.exists(f"/proc/{pid}") and is_chromium(pid)]
    assert not left, f"Chromium left running after the server stopped: {left}"
