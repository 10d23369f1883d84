"""Real headless Chromium (Debian's) against the app served on 127.0.0.1.

Every request to any other host is blocked and recorded; console errors are recorded;
each test fails if it saw either.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest

from dashboard.export.chromium import CHROMIUM_ARGS, chromium_executable
from dashboard.web.app import create_app
from dashboard.web.local_server import serving
from events.dataset import load_dataset


def chromium_path() -> str:
    path = chromium_executable()
    if path is None:
        message = "Debian's chromium is not installed: apt-get install chromium fonts-noto-cjk"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def app_url():
    with serving(create_app(load_dataset())) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Watch:
    """What a page did that it must not: reach other hosts, log errors."""

    def __init__(self):
        self.foreign_requests: list[str] = []
        self.console_errors: list[str] = []


@pytest.fixture
def watch():
    return Watch()


def watched_page(browser, app_url: str, watch: Watch):
    """A page in a context of its own that may reach only the app; what it tried
    elsewhere and the errors it logged go to `watch`."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    own_host = urlsplit(app_url).netloc

    def guard(route):
        if urlsplit(route.request.url).netloc == own_host:
            route.continue_()
        else:
            watch.foreign_requests.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    new_page = context.new_page()
    new_page.on("console", lambda m: m.type == "error" and watch.console_errors.append(m.text))
    new_page.on("pageerror", lambda e: watch.console_errors.append(str(e)))
    return new_page


@pytest.fixture
def page(browser, app_url, watch):
    new_page = watched_page(browser, app_url, watch)
    yield new_page
    new_page.context.close()
    assert watch.foreign_requests == [], "requests to other hosts"
    assert watch.console_errors == [], "console errors"


@pytest.fixture
def new_page(browser, app_url):
    """More viewers at once: each call opens a page in a context of its own and returns
    it with its Watch; all are closed after the test."""
    opened = []

    def opener():
        watch = Watch()
        opened.append(watched_page(browser, app_url, watch))
        return opened[-1], watch

    yield opener
    for each in opened:
        each.context.close()


@pytest.fixture
def open_view(page, app_url):
    """Open a link and wait until the map and the date label are drawn."""

    def opener(query: str = ""):
        page.goto(app_url + "/" + query)
        # The land (a graph of its own) and the map over it, both drawn.
        page.wait_for_selector("#map-base .scattergeo", timeout=30_000)
        page.wait_for_function(
            "(document.getElementById('date-label')?.innerText || '').length > 0"
        )
        page.wait_for_function(
            "() => { const g = document.querySelector('#map .js-plotly-plot');"
            " const b = document.querySelector('#map-base .js-plotly-plot');"
            " return g && g._fullLayout && g._fullLayout.geo"
            " && b && b.querySelector('.geo text'); }"
        )
        return page

    return opener
