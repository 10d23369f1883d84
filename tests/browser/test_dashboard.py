"""The dashboard in a real browser: time, layers, venues, links, exports, offline."""

from __future__ import annotations

import pytest

from dashboard.figure.projection import SCREEN
from tests.browser.drawn import (
    date_label,
    front_on_page,
    legend_texts,
    map_view,
    wait_for_label,
)

pytestmark = pytest.mark.browser


def map_trace_names(page) -> list[str]:
    return page.evaluate(
        "() => document.querySelector('#map .js-plotly-plot').data.map(t => t.name)"
    )


def map_texts(page) -> list[str]:
    # Text drawn on the map itself (not the legend).
    return page.eval_on_selector_all(
        "#map .geo text", "nodes => nodes.map(n => n.textContent.trim())"
    )


def test_the_page_opens_at_its_date_with_nothing_fetched_elsewhere(open_view, watch):
    page = open_view("?date=1953-07-27")
    assert date_label(page) == "27 July 1953"
    assert "Military Demarcation Line (27 July 1953)" in map_trace_names(page)
    assert page.locator("#events-panel .event").count() >= 1
    assert watch.foreign_requests == []


def test_the_future_line_is_drawn_before_its_time_only_when_asked_for(open_view):
    page = open_view("?date=1951-08-01")
    assert "1953 MDL (future line, not yet agreed)" not in legend_texts(page)
    page.locator("#layers input[value=future]").check()
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('#map .legend text'))"
        ".some(n => n.textContent === '1953 MDL (future line, not yet agreed)')"
    )
    page.wait_for_function("() => location.search.includes('future')")


def test_the_legend_names_who_held_each_side_as_the_war_changes(open_view):
    page = open_view("?date=1950-07-06&layers=control,frontline")
    names = legend_texts(page)
    assert "Held by the Republic of Korea" in names
    assert "Held by the DPRK (Korean People's Army)" in names
    page.focus("#day [role=slider]")
    page.keyboard.press("ArrowRight")
    wait_for_label(page, "7 July 1950")
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('#map .legend text'))"
        ".some(n => n.textContent === 'Held by the UN Command and ROK')"
    )
    page = open_view("?date=1950-10-19&layers=control")
    assert "Held by the DPRK and Chinese People's Volunteers" in legend_texts(page)


@pytest.mark.parametrize(
    ("date", "sitting", "not_sitting"),
    [("1951-08-01", "Kaesong", "Panmunjom"), ("1952-06-01", "Panmunjom", "Kaesong")],
)
def test_the_venue_in_session_is_highlighted(open_view, date, sitting, not_sitting):
    page = open_view(f"?date={date}")
    in_session = page.evaluate(
        "() => document.querySelector('#map .js-plotly-plot').data"
        ".filter(t => t.name === 'Talks in session').flatMap(t => t.text)"
        ".map(t => t.replace(/\\u00a0/g, ''))"
    )
    assert in_session == [f"<b>{sitting}</b>"]  # the large amber diamond, named in bold
    texts = map_texts(page)
    assert sitting in texts
    assert not_sitting in texts  # still on the map, as an idle venue


def test_a_link_restores_date_and_layers(open_view):
    page = open_view("?date=1952-06-01&layers=mdl,venues")
    assert date_label(page) == "1 June 1952"
    checked = page.eval_on_selector_all(
        "#layers input", "inputs => inputs.filter(i => i.checked).map(i => i.value)"
    )
    assert checked == ["mdl", "venues"]
    assert "Cities" not in map_trace_names(page)


def test_a_bad_link_shows_a_notice_not_an_error(open_view):
    page = open_view("?date=banana&layers=rivers")
    notice = page.inner_text("#notice")
    assert "“banana” is not a date" in notice and "“rivers”" in notice
    assert date_label(page) == "27 July 1953"


def test_turning_a_layer_off_redraws_the_map_and_the_link(open_view):
    page = open_view("?date=1953-07-27")
    assert "Cities" in map_trace_names(page)
    page.locator("#layers input[value=cities]").uncheck()
    page.wait_for_function(
        "() => !document.querySelector('#map .js-plotly-plot').data.some(t => t.name === 'Cities')"
    )
    page.wait_for_function("() => !location.search.includes('cities')")


def label_box(page, text: str) -> dict:
    return page.evaluate(
        """t => { const node = Array.from(document.querySelectorAll('#map .geo text'))
                   .find(n => n.textContent.trim() === t);
                 const r = node.getBoundingClientRect();
                 return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }""",
        text,
    )


@pytest.mark.parametrize("date", ["1948-01-01", "1951-08-01", "1952-06-01", "1953-07-27"])
def test_kaesong_and_panmunjom_labels_do_not_collide(open_view, date):
    page = open_view(f"?date={date}")
    # The moving map may still be on its way after the land is drawn: wait for its labels.
    page.wait_for_function(
        """() => { const t = [...document.querySelectorAll('#map .geo text')]
            .map(n => n.textContent.trim());
          return t.some(s => s.startsWith('Kaesong'))
            && t.some(s => s.startsWith('Panmunjom')); }"""
    )
    texts = map_texts(page)
    kaesong = next(t for t in texts if t.startswith("Kaesong"))
    panmunjom = next(t for t in texts if t.startswith("Panmunjom"))
    a, b = label_box(page, kaesong), label_box(page, panmunjom)
    apart = a["right"] <= b["left"] or b["right"] <= a["left"]
    apart = apart or a["bottom"] <= b["top"] or b["bottom"] <= a["top"]
    assert apart, (a, b)
    assert page.evaluate(
        "() => getComputedStyle(document.querySelector('#map .geo text')).fontSize"
    ) in ("12px", "13px", "14px")


def test_the_page_loads_only_the_small_plotly_bundle(own_page, app_url):
    page = own_page
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(app_url + "/?date=1950-06-25")
    page.wait_for_selector("#map .scattergeo")
    assert any("plotly-geo" in url for url in fetched)
    assert not any("plotly.min.js" in url for url in fetched)


def test_the_export_buttons_download_the_current_view(open_view):
    page = open_view("?date=1951-08-01&layers=venues,events")
    with page.expect_download(timeout=60_000) as caption:
        page.click(".export-caption")
    text = caption.value.path().read_text(encoding="utf-8")
    assert caption.value.suggested_filename == "korea-1951-08-01.txt"
    assert "Talks were in session at Kaesong" in text
    with page.expect_download(timeout=90_000) as image:
        page.click(".export-svg")
    assert image.value.suggested_filename == "korea-1951-08-01.svg"
    assert "<svg" in image.value.path().read_text(encoding="utf-8")[:400]


def test_the_html_export_plays_offline(file_page, tmp_path, dataset):
    """The self-contained page: nothing fetched from anywhere, and its slider moves the map."""
    import datetime as dt

    from dashboard.export.snapshot import Snapshot, export_snapshot

    export_snapshot(dataset, Snapshot(dt.date(1951, 8, 1)), "html", tmp_path / "map.html")
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "http://" not in html.split("<script", 1)[0]
    page = file_page(tmp_path / "map.html")  # nothing read but the file (the fixture checks)
    page.goto((tmp_path / "map.html").as_uri())
    page.wait_for_selector("#map .scattergeo")
    assert page.inner_text("#date") == "1 August 1951"
    assert "Armistice talks in session at Kaesong" in page.inner_text("#events-list")
    page.eval_on_selector("#day", "s => { s.value = 2908; s.dispatchEvent(new Event('input')); }")
    assert page.inner_text("#date") == "27 July 1953"
    assert "Korean Armistice Agreement signed at Panmunjom" in page.inner_text("#events-list")
    page.click("#play")
    page.wait_for_function("() => document.getElementById('date').innerText !== '27 July 1953'")


def test_the_front_moves_and_the_un_area_grows_by_november_1950(open_view):
    page = open_view("?date=1950-08-15")
    august = front_on_page(page)
    open_view("?date=1950-11-20")
    page.wait_for_function(
        "() => document.getElementById('front-note').innerText.includes('15 November 1950')"
    )
    november = front_on_page(page)
    assert august["lat"] != november["lat"]
    assert max(november["lat"]) > max(august["lat"]) + 3  # from the Naktong to near the Yalu
    assert november["un"] > 5 * august["un"]
    assert "interpolated between 12 August 1950 and 18 August 1950" in august["note"]
    assert "Appleman 1961, ch. XXXV" in november["note"]  # its sources, listed


def test_the_page_is_served_with_safer_headers(page, app_url):
    response = page.goto(app_url + "/")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_a_link_opens_its_view_with_no_referer_at_all(own_page, open_own_view):
    """The server sends Referrer-Policy: no-referrer, so Chromium sends no Referer: the view
    comes from the page's own address, which the layout request carries."""
    layout_requests = []
    own_page.on(
        "request",
        lambda r: layout_requests.append(r) if "/_dash-layout" in r.url else None,
    )
    page = open_own_view(
        "?date=1951-08-01&layers=mdl,cities,events&lang=ko&event=kaesong_talks_session"
    )
    assert date_label(page) == "1951년 8월 1일"
    assert page.locator("#events-panel .event.selected").get_attribute("data-event") == (
        "kaesong_talks_session"
    )
    (request,) = layout_requests
    assert "referer" not in {k.lower() for k in request.all_headers()}  # as sent
    assert request.url.endswith(
        "/_dash-layout?date=1951-08-01&layers=mdl,cities,events&lang=ko&event=kaesong_talks_session"
    )
    checked = page.eval_on_selector_all("#layers input:checked", "xs => xs.map(x => x.value)")
    assert sorted(checked) == ["cities", "events", "mdl"]


def test_a_tour_stop_still_sets_its_view(open_view):
    page = open_view("?tour=armistice_talks&stop=1")
    page.keyboard.press("PageDown")
    page.wait_for_function(
        "() => document.querySelector('#map .js-plotly-plot')"
        f"._fullLayout.geo.projection.scale > {1.5 * SCREEN.zoom}"
    )
    assert map_view(page)["scale"] == pytest.approx(2.0 * SCREEN.zoom)


@pytest.mark.parametrize(("lang", "written"), [("en", "1 August 1951"), ("ko", "1951년 8월 1일")])
def test_the_sliders_tooltip_writes_the_day_in_the_maps_language(open_view, lang, written):
    # Counted from the first day the bundle carries: the page holds no date of its own.
    page = open_view(f"?date=1951-08-01&lang={lang}")
    page.hover("#day [role=slider]")
    page.wait_for_selector(".dash-slider-tooltip", state="visible")
    assert page.inner_text(".dash-slider-tooltip").strip() == written


# The share of the 38th parallel's drawn length that lies under a name on the main map:
# points along the line (its own vertices and steps between them, projected as Plotly
# projects them) that fall inside a name's box.
PARALLEL_UNDER_NAMES = """() => {
  const names = [...document.querySelectorAll('#map .geo text, #map-base .geo text')]
    .filter(n => !n.closest('.geo2, .geo3') && n.textContent.trim())
    .map(n => n.getBoundingClientRect()).filter(r => r.width);
  for (const plot of document.querySelectorAll('#map .js-plotly-plot')) {
    const trace = plot.data.find(t => t.meta && t.meta.layer === 'parallel38');
    if (!trace) continue;
    const s = plot._fullLayout.geo._subplot, r = plot.getBoundingClientRect();
    const points = [];
    // Plotly's projection gives the point within the graph, the frame's offset included.
    for (let i = 0; i + 1 < trace.lon.length; i++) {
      const a = [trace.lon[i], trace.lat[i]], b = [trace.lon[i + 1], trace.lat[i + 1]];
      if (a[0] === null || b[0] === null) continue;
      for (let k = 0; k < 20; k++) {
        const f = k / 20, p = s.projection([a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])]);
        points.push([r.left + p[0], r.top + p[1]]);
      }
    }
    const under = points.filter(([x, y]) =>
      names.some(n => x >= n.left && x <= n.right && y >= n.top && y <= n.bottom));
    return {points: points.length, under: under.length};
  }
  return null;
}"""


@pytest.mark.parametrize("query", ["?date=1948-08-15", "?date=1948-08-15&lang=both"])
def test_the_38th_parallel_is_not_hidden_under_names(open_view, query):
    """On the map of division the dividing line shows from coast to coast: Kaesong and
    Panmunjom stand on it, and names beside them once hid the whole line at laptop size."""
    page = open_view(query)
    drawn = page.evaluate(PARALLEL_UNDER_NAMES)
    assert drawn is not None and drawn["points"] > 20
    assert drawn["under"] / drawn["points"] < 0.15, drawn
