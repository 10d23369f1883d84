"""Several viewers exporting at once, in real Chromium: each waits its turn in the export
queue and is told how many are ahead, every one gets its file, and past the queue's limit
a viewer is told at once that the server is busy."""

from __future__ import annotations

import time

import pytest

from dashboard.export.queue import BUSY
from dashboard.web.app import create_app
from dashboard.web.local_server import serving

pytestmark = pytest.mark.browser


def _open(browser, url: str):
    page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page.goto(url + "/?date=1951-08-01&layers=control,frontline,cities")
    page.wait_for_selector("#map-base .scattergeo", timeout=30_000)
    return page


def _press_png_everywhere_and_watch(pages) -> tuple[list[set[str]], list[str]]:
    """Press PNG in every page at once; what each page said while it waited, and its
    final notice."""
    heard = [set() for _ in pages]
    for page in pages:
        page.click(".export-png")
    deadline = time.monotonic() + 120
    finals = [""] * len(pages)
    while time.monotonic() < deadline and not all(finals):
        for i, page in enumerate(pages):
            if page.is_visible("#export-progress"):
                heard[i].add(page.inner_text("#export-progress"))
            notice = page.inner_text("#export-notice")
            if notice.startswith(("Downloaded", "Export failed")):
                finals[i] = notice
        time.sleep(0.1)
    return heard, finals


def test_exports_pressed_at_once_queue_and_all_arrive(browser, app_url):
    pages = [_open(browser, app_url) for _ in range(4)]
    try:
        with pages[-1].expect_download(timeout=120_000) as last:
            heard, finals = _press_png_everywhere_and_watch(pages)
        assert finals == ["Downloaded korea-1951-08-01.png."] * 4, finals
        # With a warm Chromium renders are quick: a viewer may only glimpse its place.
        said = set().union(*heard)
        assert said & {"Next in line…", "Rendering…"} or any(
            s.startswith("Queued: ") and s.endswith("ahead of yours…") for s in said
        ), said
        with open(last.value.path(), "rb") as png:
            assert png.read(8) == b"\x89PNG\r\n\x1a\n"
    finally:
        for page in pages:
            page.close()


def test_past_the_queue_limit_a_viewer_is_told_the_server_is_busy(
    browser, dataset, monkeypatch, tmp_path
):
    monkeypatch.setenv("KOREA_MAP_QUEUE", "1")  # one export may wait, no more
    with serving(create_app(dataset, data_dir=tmp_path)) as url:
        pages = [_open(browser, url) for _ in range(4)]
        try:
            _, finals = _press_png_everywhere_and_watch(pages)
        finally:
            for page in pages:
                page.close()
    assert f"Export failed: {BUSY}" in finals, finals
    assert "Downloaded korea-1951-08-01.png." in finals, finals
