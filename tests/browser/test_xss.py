"""Hostile text in the data: titles, descriptions, place names and sources carrying
<script>, <img onerror=...> and javascript: links show as text and run nothing, in the
dashboard (side panel, map labels, hover labels) and in the self-contained HTML export.

The dashboard is served with its Content-Security-Policy, which would block an inline
script anyway (and report it as a console error, which fails the test); the checks on the
page's elements make sure the text is never turned into markup in the first place."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dashboard.web.app import create_app
from dashboard.web.local_server import serving
from events.dataset import load_dataset

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
DAY = "1949-06-15"
TITLES = {
    "xss_script": "<script>alert('title')</script>Script in a title",
    "xss_img": "<img src=x onerror=alert('img')>Image in a title",
    "xss_link": "<a href=\"javascript:alert('link')\">A link in a title</a>",
}
PLACE = "<img src=x onerror=alert('place')>Xss<script>alert('place')</script>"
PLACE_KO = "<b>서울</b><img src=x onerror=alert('ko')>"

# Elements or attributes that only injected markup would bring.
INJECTED = """() => {
  const bad = [...document.querySelectorAll(
    'iframe, object, embed, img[src="x"], [onerror], [onload], [onmouseover], [onclick]')]
    .concat([...document.scripts].filter((s) => s.type !== 'application/json'
      && s.textContent.includes("alert('")));
  const links = [...document.querySelectorAll('a[href], [*|href]')]
    .map((a) => a.getAttribute('href') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href'))
    .filter((h) => h && !/^(https?:|#|\\/|data:image\\/svg)/i.test(h.trim()));
  return {bad: bad.map((e) => e.outerHTML.slice(0, 120)), links: links};
}"""


def hostile_geodata(folder: Path) -> Path:
    """The shipped geodata with the hostile place added to places.geojson."""
    for path in [*(ROOT / "geodata").glob("*.geojson"), *(ROOT / "geodata").glob("*.csv")]:
        if path.name != "places.geojson":
            (folder / path.name).symlink_to(path)
    features = (
        json.loads((ROOT / "geodata" / "places.geojson").read_text(encoding="utf-8"))["features"]
        + json.loads((FIXTURES / "xss_places.geojson").read_text(encoding="utf-8"))["features"]
    )
    lines = [json.dumps(f, ensure_ascii=False) for f in features]
    text = '{"type": "FeatureCollection", "features": [\n' + ",\n".join(lines) + "\n]}\n"
    (folder / "places.geojson").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def xss_dataset(tmp_path_factory):
    geodata = hostile_geodata(tmp_path_factory.mktemp("geodata"))
    return load_dataset([FIXTURES / "xss_events.csv"], geodata_dir=geodata)


@pytest.fixture(scope="module")
def app_url(xss_dataset):
    """Overrides the shared server for this module: the app over the hostile data."""
    with serving(create_app(xss_dataset)) as url:
        yield url


@pytest.fixture
def alarms(own_page):
    """Dialogs opened and main-frame navigations seen by the test's own page."""
    page = own_page
    seen = {"dialogs": [], "navigations": []}

    def on_dialog(dialog):
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on(
        "framenavigated",
        lambda frame: frame == page.main_frame and seen["navigations"].append(frame.url),
    )
    return seen


def hover_place(page, lon: float, lat: float) -> str:
    """Hover the map's marker at lon, lat and return the hover label's text."""
    box = page.evaluate(
        """([lon, lat]) => {
          const hit = [...document.querySelectorAll('#map path.point')].find((p) => {
            const d = p.__data__;
            return d && d.lonlat && Math.abs(d.lonlat[0] - lon) < 1e-6
              && Math.abs(d.lonlat[1] - lat) < 1e-6;
          });
          if (!hit) return null;
          const r = hit.getBoundingClientRect();
          return {x: r.x + r.width / 2, y: r.y + r.height / 2};
        }""",
        [lon, lat],
    )
    assert box, f"no marker at {lon}, {lat}"
    page.mouse.move(box["x"], box["y"])
    page.wait_for_selector("#map .hoverlayer .hovertext", timeout=5_000)
    return page.eval_on_selector("#map .hoverlayer", "n => n.textContent")


def test_hostile_event_text_shows_as_text_and_runs_nothing(open_own_view, alarms, app_url):
    page = open_own_view(f"?date={DAY}&event=xss_script&lang=both")
    page.wait_for_selector("#event-xss_link")
    for eid, title in TITLES.items():
        assert page.inner_text(f"#event-{eid} h3") == title
    panel = page.inner_text("#events-panel")
    assert "<img src=x onerror=alert('description')>" in panel
    assert f"{PLACE} {PLACE_KO}" in panel
    assert "javascript:alert('source')" in panel  # a locator as typed, never a link
    assert "data:text/html,<script>alert('data')</script>" in panel
    # The only links are the cited works' own addresses, from the bibliography.
    hrefs = page.eval_on_selector_all(
        "#events-panel [id^=event-xss] a", "as => as.map(a => a.href)"
    )
    assert sorted(set(hrefs)) == [
        "https://history.army.mil/books/korea/20-2-1/toc.htm",
        "https://history.army.mil/books/korea/ebb/fm.htm",
        "https://history.army.mil/books/korea/truce/fm.htm",
    ]

    # Select each event (a click in the panel), so every one is drawn selected.
    for eid in TITLES:
        page.click(f"#event-{eid} h3")
        page.wait_for_selector(f"#event-{eid}.selected")
    page.wait_for_function("() => location.search.includes('event=xss_link')")

    label = hover_place(page, 127.75, 36.2)
    assert "<img src=x onerror=alert('place')>" in label
    assert page.locator("#map .hoverlayer a").count() == 0  # no link made of the text
    assert any(
        PLACE in text
        for text in page.eval_on_selector_all("#map .geo text", "ns => ns.map(n => n.textContent)")
    ), "the place's label on the map"

    page.wait_for_timeout(500)  # an onerror would fire after the failed image load
    found = page.evaluate(INJECTED)
    assert found == {"bad": [], "links": []}
    assert alarms["dialogs"] == []
    assert all(url.startswith(app_url + "/") for url in alarms["navigations"])


def test_the_timeline_strip_escapes_titles(open_view):
    page = open_view(f"?date={DAY}")
    hovertext = page.evaluate(
        "() => document.querySelector('#timeline .js-plotly-plot').data"
        ".flatMap(t => t.hovertext || [])"
    )
    hostile = [h for h in hovertext if "Script in a title" in h]
    assert hostile and all("<script>" not in h and "&lt;script&gt;" in h for h in hostile)


def test_the_html_export_shows_hostile_text_as_text(file_page, tmp_path, xss_dataset):
    """The exported page has no server and no CSP: escaping is all that protects it."""
    from dashboard.export.snapshot import Snapshot, export_snapshot

    out = tmp_path / "map.html"
    export_snapshot(xss_dataset, Snapshot(dt.date(1949, 6, 15)), "html", out)
    page = file_page(out)  # nothing read but the file, no error logged (the fixture checks)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(out.as_uri())
    page.wait_for_selector("#map .scattergeo")
    listed = page.inner_text("#events-list")
    for title in TITLES.values():
        assert title in listed
    assert PLACE in listed
    label = hover_place(page, 127.75, 36.2)
    assert "<img src=x onerror=alert('place')>" in label
    page.wait_for_timeout(500)
    assert page.evaluate(INJECTED) == {"bad": [], "links": []}
    assert dialogs == []
