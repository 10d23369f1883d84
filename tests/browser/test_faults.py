"""Faults in a real browser: a server callback that raises gives a notice, is logged, and
the page keeps working; an export without Chromium says so and the map keeps working."""

from __future__ import annotations

import logging

import pytest

from dashboard.web import data_files
from dashboard.web.app import FAILURE_NOTICE, create_app
from dashboard.web.local_server import serving
from events.dataset import load_dataset
from tests.servers import free_port, server_env, start, stop, wait_for_health

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """Overrides the shared server: an app whose map builder fails for any layer set
    without the cities (the page opens with them, so it starts normally)."""
    real = data_files.map_bundle

    def failing(data, options):
        if "cities" not in options.layers:
            raise RuntimeError("map builder failed (test)")
        return real(data, options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(data_files, "map_bundle", failing)  # looked up at each build
        # Files of its own: a bundle another test already built would not fail.
        own = tmp_path_factory.mktemp("files")
        with serving(create_app(load_dataset(), data_dir=own)) as url:
            yield url


def step_right(page, expected: str) -> None:
    page.focus("#day [role=slider]")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "t => document.getElementById('date-label').innerText === t", arg=expected
    )


def test_a_failing_callback_shows_a_notice_and_the_page_keeps_working(open_view, caplog):
    page = open_view("?date=1951-08-01")
    assert page.locator("#notice").is_hidden()
    with caplog.at_level(logging.ERROR, logger="dashboard"):
        page.locator("#layers input[value=cities]").uncheck()
        page.wait_for_selector("#notice", state="visible", timeout=15_000)
    assert page.inner_text("#notice").strip() == FAILURE_NOTICE
    assert any("map builder failed (test)" in r.getMessage() for r in caplog.records)
    assert any(r.exc_info for r in caplog.records), "logged with its traceback"

    step_right(page, "2 August 1951")  # the slider and the map still answer
    page.locator("#layers input[value=cities]").check()  # a layer set that works
    page.wait_for_function(
        "() => document.querySelector('#map .js-plotly-plot').data"
        ".some(t => t.meta && t.meta.layer === 'cities')"
    )
    step_right(page, "3 August 1951")


def test_an_export_without_chromium_fails_cleanly(browser, dataset, tmp_path):
    # A server of its own, on a machine without Chromium: this process may already
    # hold a warm one.
    env = server_env(tmp_path, dataset, BROWSER_PATH="/nonexistent/chromium")
    port = free_port()
    server = start("run.py", "--port", str(port), env=env)
    try:
        wait_for_health(port, server, seconds=240)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/?date=1951-08-01")
        page.wait_for_selector("#map-base .scattergeo", timeout=30_000)
        page.click(".export-png")
        page.wait_for_function(
            "() => document.getElementById('export-notice').innerText.startsWith('Export failed')",
            timeout=60_000,
        )
        assert page.inner_text("#export-notice") == (
            "Export failed: no Chromium found: install Debian's chromium "
            "(apt-get install chromium) or set BROWSER_PATH"
        )
        assert page.locator("#notice").is_hidden()  # handled where it belongs, not a crash
        step_right(page, "2 August 1951")
        page.close()
    finally:
        stop(server)
