"""The watch every browser test relies on: a request to any other host is blocked and
recorded, and an error the page logs is recorded, in the shared page as in a page of a
test's own, and for the test that is running."""

from __future__ import annotations

import contextlib
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

pytestmark = pytest.mark.browser

ELSEWHERE = "http://192.0.2.1:8050/x"  # TEST-NET-1: no such host is ever reached


def _caught(open_a_view, watch) -> None:
    page = open_a_view("?date=1951-08-01")
    page.evaluate("() => console.error('logged by the test')")
    # The page's own scripts cannot reach another host (its Content Security Policy
    # stops them first); a navigation can, and is what the guard must stop.
    with pytest.raises(PlaywrightError):
        page.goto(ELSEWHERE)
    page.wait_for_url("chrome-error://**", wait_until="commit")  # Chromium's error page
    assert set(watch.foreign_requests) == {ELSEWHERE}  # (Chromium may try it twice)
    assert "logged by the test" in watch.console_errors
    # Back on the app, nothing is tried elsewhere any more: cleared, so that the
    # fixture's own check after the test passes.
    open_a_view("?date=1951-08-01")
    watch.foreign_requests.clear()
    watch.console_errors.clear()


@pytest.mark.parametrize("run", [1, 2])
def test_the_shared_page_reports_to_the_running_test(open_view, watch, run):
    _caught(open_view, watch)


def test_a_page_of_its_own_is_watched_too(open_own_view, watch):
    _caught(open_own_view, watch)


def test_a_shared_page_that_crashed_is_replaced(shared, app_url, watch):
    crashed = shared.page()
    with crashed.expect_event("crash"), contextlib.suppress(PlaywrightError):
        crashed.goto("chrome://crash")
    replaced = shared.page()
    assert replaced != crashed
    shared.watched.host, shared.watched.watch = urlsplit(app_url).netloc, watch
    replaced.goto(app_url + "/?date=1951-08-01")
    replaced.wait_for_selector("#map-base .scattergeo", timeout=30_000)
    assert watch.foreign_requests == [] and watch.console_errors == []
