"""The watch every browser test relies on: a request off this machine is blocked, any
request to another host or port than the app's is recorded, and an error the page logs is
recorded, in the shared page as in a page of a test's own, and for the test that is
running."""

from __future__ import annotations

import contextlib
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.servers import free_port

pytestmark = pytest.mark.browser

ELSEWHERE = "http://192.0.2.1:8050/x"  # TEST-NET-1: no such host is ever reached


# A page of the app's that draws nothing: what is tested is the watch round a page, which
# every other browser test sees at work on the full dashboard.
LIGHT = "/_dash-layout"


def _caught(page, app_url: str, watch) -> None:
    page.goto(app_url + LIGHT)
    page.evaluate("() => console.error('logged by the test')")
    # The page's own scripts cannot reach another host (its Content Security Policy
    # stops them first); a navigation can: one off the machine is stopped by the browser's
    # proxy, which is not there. Another port of this machine is another host too:
    # recorded, though not off the machine (nothing listens there).
    another_port = f"http://127.0.0.1:{free_port()}/"
    stopped = {ELSEWHERE: "ERR_PROXY_CONNECTION_FAILED", another_port: "ERR_CONNECTION_REFUSED"}
    for elsewhere, why in stopped.items():
        page.goto(app_url + LIGHT)
        with pytest.raises(PlaywrightError, match=why):
            page.goto(elsewhere)
        page.wait_for_url("chrome-error://**", wait_until="commit")  # Chromium's error page
    assert set(watch.foreign_requests) == {ELSEWHERE, another_port}  # (tried twice, maybe)
    assert "logged by the test" in watch.console_errors
    # Back on the app, nothing is tried elsewhere any more: cleared, so that the
    # fixture's own check after the test passes.
    page.goto(app_url + LIGHT)
    watch.foreign_requests.clear()
    watch.console_errors.clear()


@pytest.mark.parametrize("run", [1, 2])
def test_the_shared_page_reports_to_the_running_test(page, app_url, watch, run):
    _caught(page, app_url, watch)


def test_a_page_of_its_own_is_watched_too(own_page, app_url, watch):
    _caught(own_page, app_url, watch)


def test_a_shared_page_that_crashed_is_replaced(shared, app_url, watch):
    crashed = shared.page()
    with crashed.expect_event("crash"), contextlib.suppress(PlaywrightError):
        crashed.goto("chrome://crash")
    replaced = shared.page()
    assert replaced != crashed
    shared.watched.host, shared.watched.watch = urlsplit(app_url).netloc, watch
    assert replaced.goto(app_url + LIGHT).ok
    assert watch.foreign_requests == [] and watch.console_errors == []
