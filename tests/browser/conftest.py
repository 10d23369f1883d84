"""Real headless Chromium (Debian's) against the app served on 127.0.0.1.

Every request bound off this machine is blocked; every request to another host or port
than the app's is recorded, and console errors are recorded: each test fails if it saw
either.
"""

from __future__ import annotations

import contextlib
import os
import socket
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

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


VIEWPORT = {"width": 1366, "height": 768}


@pytest.fixture(scope="session")
def app_url():
    with serving(create_app(load_dataset())) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Chromium whose every request to a host off this machine goes to a proxy that is not
    there, and fails: nothing a test does reaches the network. (Chromium sends requests
    to this machine's own address straight on; the watch below records any that go to
    another port than the app's.)"""
    from playwright.sync_api import sync_playwright

    with socket.socket() as nowhere, sync_playwright() as playwright:
        nowhere.bind(("127.0.0.1", 0))  # held, never listening: a connection is refused
        proxy = f"--proxy-server=http://127.0.0.1:{nowhere.getsockname()[1]}"
        launched = playwright.chromium.launch(
            executable_path=chromium_path(), args=[*CHROMIUM_ARGS, proxy]
        )
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


class Watched:
    """Which Watch a watched page reports to, and which host it may reach: the test's
    (a page may outlive a test)."""

    def __init__(self, app_url: str, watch: Watch):
        self.host = urlsplit(app_url).netloc
        self.watch = watch


def watched_page(browser, watched: Watched):
    """A page in a context of its own, watched: what it asked of any host or port but the
    app's, and the errors it logged, go to the Watch of `watched`."""
    context = browser.new_context(viewport=VIEWPORT)

    # Each request is seen as it leaves (the browser's proxy stops those bound off the
    # machine). Not routed: a routed request waits on this process, and routing turns
    # Chromium's cache off, which made every view load its scripts again (a fifth of a
    # view's processor time).
    def seen(request):
        if urlsplit(request.url).netloc != watched.host:
            watched.watch.foreign_requests.append(request.url)

    context.on("request", seen)
    new_page = context.new_page()
    new_page.on(
        "console", lambda m: m.type == "error" and watched.watch.console_errors.append(m.text)
    )
    new_page.on("pageerror", lambda e: watched.watch.console_errors.append(str(e)))
    return new_page


def _checked(watch: Watch) -> None:
    assert watch.foreign_requests == [], "requests to other hosts"
    assert watch.console_errors == [], "console errors"


class Shared:
    """The page the tests share, and whom it reports to. A page that crashed or was
    closed is replaced by a new one, so that one test's crash is not every later test's."""

    def __init__(self, browser):
        self.browser = browser
        self.watched = Watched("http://127.0.0.1", Watch())
        self._page = None
        self._crashed = False

    def page(self):
        if self._page is None or self._page.is_closed() or self._crashed:
            self.close()
            self._page = watched_page(self.browser, self.watched)
            self._crashed = False
            self._page.on("crash", lambda _: setattr(self, "_crashed", True))
        return self._page

    def close(self) -> None:
        if self._page is not None and not self._page.is_closed():
            self._page.context.close()


@pytest.fixture(scope="session")
def shared(browser):
    """One watched page for all the tests that open views and act on them. A page of its
    own per test costs a new context and renderer process, and Plotly's and Dash's
    scripts compiled again: about 0.35 s and half a processor-second a view."""
    holder = Shared(browser)
    yield holder
    holder.close()


@pytest.fixture
def page(shared, app_url, watch):
    """The shared page, at 1366x768, watched for this test; afterwards any window it
    opened is closed and it is left blank, so the next test finds nothing of this one.
    A test that adds its own listeners to the page asks for `own_page` instead."""
    this, watched = shared.page(), shared.watched
    watched.host, watched.watch = urlsplit(app_url).netloc, watch
    this.set_viewport_size(VIEWPORT)
    yield this
    for other in this.context.pages:
        if other != this:
            other.close()
    # Left blank, its timers stopped (the next test's own navigation would do it too,
    # should a navigation still under way cut in).
    with contextlib.suppress(PlaywrightError):
        this.goto("about:blank")
    watched.watch = Watch()
    _checked(watch)


@pytest.fixture
def own_page(browser, app_url, watch):
    """A watched page in a context of its own, closed after the test."""
    new_page = watched_page(browser, Watched(app_url, watch))
    yield new_page
    new_page.context.close()
    _checked(watch)


@pytest.fixture
def file_page(browser, watch):
    """page_for(path): a page for an exported file, watched as every page is, the file
    itself the only place it may read (the test opens it, after adding any listeners of
    its own); closed and checked after the test."""
    opened = []

    def page_for(path):
        opened.append(watched_page(browser, Watched(path.as_uri(), watch)))
        return opened[-1]

    yield page_for
    for each in opened:
        each.context.close()
    _checked(watch)


@pytest.fixture
def new_page(browser, app_url):
    """More viewers at once: each call opens a page in a context of its own and returns
    it with its Watch; all are closed after the test."""
    opened = []

    def opener():
        watch = Watch()
        opened.append(watched_page(browser, Watched(app_url, watch)))
        return opened[-1], watch

    yield opener
    for each in opened:
        each.context.close()


def view_opener(page, app_url: str):
    """open(query): open a link in `page` and wait until the map and the date label are
    drawn; returns the page."""

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


@pytest.fixture
def open_view(page, app_url):
    """Open a link in the shared page (see view_opener)."""
    return view_opener(page, app_url)


@pytest.fixture
def open_own_view(own_page, app_url):
    """Open a link in a page of the test's own (see view_opener)."""
    return view_opener(own_page, app_url)
