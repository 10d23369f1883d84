"""Two viewers at once, at different dates, layers and languages: each keeps its own state.
The state lives in each page and its address; the server keeps none per viewer."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

pytestmark = pytest.mark.browser


class Viewer:
    """A browser context of its own (its own cookies, storage and history)."""

    def __init__(self, new_page, app_url: str):
        self.page, self.watch = new_page()
        self.context = self.page.context
        self.app_url = app_url

    def open(self, query: str) -> None:
        self.page.goto(self.app_url + "/" + query)
        self.page.wait_for_selector("#map .scattergeo", timeout=30_000)
        self.page.wait_for_function(
            "(document.getElementById('date-label')?.innerText || '').length > 0"
        )

    def label(self) -> str:
        return self.page.inner_text("#date-label")

    def wait_label(self, text: str) -> None:
        self.page.wait_for_function(
            "t => document.getElementById('date-label').innerText === t", arg=text
        )

    def query(self) -> dict[str, str]:
        # The address is written once the steps pause (assets/map.js).
        self.page.wait_for_timeout(400)
        search = self.page.evaluate("location.search")
        return {k: v[0] for k, v in parse_qs(search.lstrip("?")).items()}

    def layers(self) -> set[str]:
        return set(
            self.page.eval_on_selector_all("#layers input:checked", "is => is.map(i => i.value)")
        )

    def drawn_layers(self) -> set[str]:
        return set(
            self.page.evaluate(
                "() => document.querySelector('#map .js-plotly-plot').data"
                ".map(t => t.meta && t.meta.layer).filter(Boolean)"
            )
        )


def test_two_viewers_keep_their_own_date_layers_and_language(new_page, app_url):
    a, b = Viewer(new_page, app_url), Viewer(new_page, app_url)
    a.open("?date=1950-06-25&layers=mdl,cities&lang=ko")
    b.open("?date=1953-07-27&layers=venues,events,frontline")
    assert a.label() == "1950년 6월 25일"
    assert b.label() == "27 July 1953"

    # Both ask the server for a new bundle at about the same time.
    a.page.locator("#layers input[value=venues]").check()
    b.page.locator("#lang input[value=both]").check()
    a.page.wait_for_function("() => location.search.includes('venues')")
    b.wait_label("27 July 1953 · 1953년 7월 27일")
    a.page.focus("#day [role=slider]")
    a.page.keyboard.press("ArrowRight")
    a.wait_label("1950년 6월 26일")

    assert a.layers() == {"mdl", "cities", "venues"}
    assert b.layers() == {"venues", "events", "frontline"}
    assert "cities" in a.drawn_layers() and "cities" not in b.drawn_layers()
    assert a.query()["date"] == "1950-06-26" and a.query()["lang"] == "ko"
    assert b.query()["date"] == "1953-07-27" and b.query()["lang"] == "both"

    # A reload rebuilds each page from its own address, whatever the other did last.
    for viewer in (b, a):
        viewer.page.reload()
        viewer.page.wait_for_selector("#map .scattergeo", timeout=30_000)
    a.wait_label("1950년 6월 26일")
    b.wait_label("27 July 1953 · 1953년 7월 27일")
    assert a.layers() == {"mdl", "cities", "venues"}
    assert b.layers() == {"venues", "events", "frontline"}
    assert a.context.cookies() == [] and b.context.cookies() == []  # no session
    for viewer in (a, b):
        assert viewer.watch.foreign_requests == [] and viewer.watch.console_errors == []


def test_the_server_holds_only_data_keyed_by_map_options(dataset, tmp_path):
    """What the app keeps is the page's data files for a layer set and language: the same
    for everyone who asks for them, and nothing about who asked."""
    import json

    from plotly.utils import PlotlyJSONEncoder

    from dashboard.web.app import create_app
    from dashboard.web.local_server import store_data

    app = create_app(dataset, data_dir=tmp_path)
    assert app.server.secret_key is None  # no signed session cookie can be issued
    named = []
    for date in ("1950-06-25", "1953-07-27"):
        with app.server.test_request_context(f"/_dash-layout?date={date}&lang=ko&layers=mdl"):
            layout = json.loads(json.dumps(app.layout(), cls=PlotlyJSONEncoder))
        named.append(store_data(layout, "bundle-url"))
    # Two viewers at different dates are given one and the same file: the date is not in it.
    assert named[0] == named[1]
    assert named[0].startswith("/data/bundle.ko-screen-mdl.")
    (folder,) = tmp_path.iterdir()  # one dataset
    on_disk = sorted(p.name for p in folder.iterdir())
    assert "bundle.ko-screen-mdl.json.gz" in on_disk
    assert all(p.startswith(("bundle.", "events.", "tours.")) for p in on_disk)
