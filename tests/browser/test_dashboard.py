"""The dashboard in a real browser: time, layers, venues, links, exports, offline."""

from __future__ import annotations

import pytest

from dashboard.figure.projection import SCREEN
from dashboard.model.state import TIMELINE_END
from events.dates import written_day
from tests.browser.drawn import composed_un_area, date_label, wait_for_label

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


def legend_texts(page) -> list[str]:
    return page.eval_on_selector_all("#map .legend text", "ns => ns.map(n => n.textContent)")


def test_the_slider_moves_the_map_and_the_date(open_view):
    page = open_view("?date=1953-07-26")
    assert not any("Demarcation" in t or "MDL" in t for t in legend_texts(page))
    page.focus("#day [role=slider]")
    page.keyboard.press("ArrowRight")
    wait_for_label(page, "27 July 1953")
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('#map .legend text'))"
        ".some(n => n.textContent === 'Military Demarcation Line (27 July 1953)')"
    )
    page.wait_for_function("() => location.search.includes('date=1953-07-27')")


def test_a_key_on_the_slider_draws_the_day_before_dash_hears_of_it(open_view):
    # The page draws the day in the key's own handler; Dash (the slider's value, the
    # address) is told after the paint.
    page = open_view("?date=1951-06-01&layers=frontline,control")
    page.focus("#day [role=slider]")
    at_once = page.evaluate(
        """() => {
          const gd = document.querySelector('#map .js-plotly-plot');
          const thumb = document.querySelector('#day [role=slider]');
          const front = () => JSON.stringify(gd.data.find(
            t => t.meta && t.meta.layer === 'frontline').lat);
          const before = [front(), thumb.getAttribute('aria-valuenow')];
          thumb.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true,
            cancelable: true}));
          return {label: document.getElementById('date-label').innerText,
                  frontMoved: front() !== before[0],
                  sliderStill: thumb.getAttribute('aria-valuenow') === before[1]};
        }"""
    )
    assert at_once == {"label": "2 June 1951", "frontMoved": True, "sliderStill": True}
    page.wait_for_function(
        "() => document.querySelector('#day [role=slider]').getAttribute('aria-valuetext')"
        " === '2 June 1951' && location.search.includes('date=1951-06-02')"
    )


def test_a_run_of_keys_never_draws_the_map_back_and_ends_where_the_slider_is(open_view):
    page = open_view("?date=1951-06-01&layers=frontline,control")
    page.evaluate(
        """() => { window.__drawn = [];
          document.querySelector('#map .js-plotly-plot').on('plotly_afterplot', () =>
            window.__drawn.push(document.getElementById('date-label').innerText)); }"""
    )
    page.focus("#day [role=slider]")
    for _ in range(15):
        page.keyboard.press("ArrowRight")
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    wait_for_label(page, "13 June 1951")
    page.wait_for_function("() => location.search.includes('date=1951-06-13')")
    page.wait_for_timeout(500)  # any late answer from Dash would draw now
    drawn = page.evaluate("() => window.__drawn")
    days = [int(label.split()[0]) for label in drawn]
    turn = days.index(16)
    assert days[: turn + 1] == sorted(days[: turn + 1])  # forward only, then back only
    assert days[turn:] == sorted(days[turn:], reverse=True)
    assert days[-1] == 13 and date_label(page) == "13 June 1951"
    slider = page.get_attribute("#day [role=slider]", "aria-valuetext")
    assert slider == "13 June 1951"


def test_home_and_end_on_the_slider_go_to_the_first_and_last_day(open_view):
    page = open_view("?date=1951-06-01")
    page.focus("#day [role=slider]")
    page.keyboard.press("End")
    wait_for_label(page, written_day(TIMELINE_END, "en"))
    page.keyboard.press("Home")
    page.wait_for_function(
        "() => document.querySelector('#day [role=slider]').getAttribute('aria-valuenow') === '0'"
    )
    assert date_label(page) == page.get_attribute("#day [role=slider]", "aria-valuetext")


@pytest.mark.parametrize("date", ["1946-03-01", "1951-06-01", "1954-04-26"])
def test_the_slider_the_cursor_and_the_strip_agree_on_the_day(open_view, date):
    # The strip's margins reach the slider and the cursor as CSS variables from Python.
    page = open_view(f"?date={date}")
    xs = page.evaluate(
        """date => {
          const gd = document.querySelector('#timeline .js-plotly-plot');
          const size = gd._fullLayout._size;
          const strip = gd.getBoundingClientRect().left + size.l
            + gd._fullLayout.xaxis.d2p(date);
          const c = document.getElementById('timeline-cursor').getBoundingClientRect();
          // The slider's filled range ends at its value (its thumb keeps inside the track).
          const r = document.querySelector('#day .dash-slider-range').getBoundingClientRect();
          return {strip: strip, cursor: c.left + c.width / 2, slider: r.right};
        }""",
        date,
    )
    assert abs(xs["cursor"] - xs["strip"]) < 2, xs
    assert abs(xs["slider"] - xs["strip"]) < 2, xs


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


def test_play_advances_the_date_and_pause_stops_it(open_view):
    page = open_view("?date=1950-06-01")
    page.click("#play")
    page.wait_for_function(
        "() => document.getElementById('date-label').innerText !== '1 June 1950'", timeout=10_000
    )
    page.click("#play")
    stopped = date_label(page)
    page.wait_for_timeout(1000)
    assert date_label(page) == stopped
    assert page.inner_text("#play") == "▶ Play"


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


def test_the_page_loads_only_the_small_plotly_bundle(page, app_url):
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


def test_the_html_export_plays_offline(browser, tmp_path, dataset):
    """The self-contained page: nothing fetched from anywhere, and its slider moves the map."""
    import datetime as dt

    from dashboard.export.snapshot import Snapshot, export_snapshot

    export_snapshot(dataset, Snapshot(dt.date(1951, 8, 1)), "html", tmp_path / "map.html")
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "http://" not in html.split("<script", 1)[0]
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    requested = []
    context.route(
        "**/*",
        lambda r: (
            requested.append(r.request.url),
            r.continue_() if r.request.url.startswith("file:") else r.abort(),
        ),
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((tmp_path / "map.html").as_uri())
    page.wait_for_selector("#map .scattergeo")
    assert page.inner_text("#date") == "1 August 1951"
    assert "Armistice talks in session at Kaesong" in page.inner_text("#events-list")
    page.eval_on_selector("#day", "s => { s.value = 2908; s.dispatchEvent(new Event('input')); }")
    assert page.inner_text("#date") == "27 July 1953"
    assert "Korean Armistice Agreement signed at Panmunjom" in page.inner_text("#events-list")
    page.click("#play")
    page.wait_for_function("() => document.getElementById('date').innerText !== '27 July 1953'")
    context.close()
    assert [u for u in requested if not u.startswith("file:")] == []
    assert errors == []


def front_on_page(page) -> dict:
    """The front line's coordinates and the UN-held area's size (square degrees) as drawn."""
    drawn = page.evaluate(
        """() => {
          const data = document.querySelector('#map .js-plotly-plot').data;
          const line = data.find(t => t.meta && t.meta.layer === 'frontline');
          const held = data.filter(t => t.meta && t.meta.layer === 'control')
            .map(t => ({lon: t.lon, lat: t.lat, meta: t.meta}));
          return {lon: line.lon, lat: line.lat, held: held,
                  note: document.getElementById('front-note').textContent};
        }"""
    )
    return {**drawn, "un": composed_un_area(drawn["held"]).area}


def test_the_front_moves_and_the_un_area_grows_by_november_1950(open_view):
    page = open_view("?date=1950-08-15")
    august = front_on_page(page)
    open_view("?date=1950-11-20")
    page.wait_for_function(
        "() => document.getElementById('front-note').innerText.includes('15 Nov 1950')"
    )
    november = front_on_page(page)
    assert august["lat"] != november["lat"]
    assert max(november["lat"]) > max(august["lat"]) + 3  # from the Naktong to near the Yalu
    assert november["un"] > 5 * august["un"]
    assert "interpolated between 12 Aug 1950 and 18 Aug 1950" in august["note"]
    assert "Appleman 1961, ch. XXXV" in november["note"]  # its sources, listed


def test_playing_through_the_war_moves_the_front_day_by_day(open_view):
    page = open_view("?date=1950-08-01&layers=frontline,control")
    first = front_on_page(page)
    page.focus("#day [role=slider]")
    page.keyboard.press("ArrowRight")
    wait_for_label(page, "2 August 1950")
    page.wait_for_function(
        "lat => { const t = document.querySelector('#map .js-plotly-plot').data"
        ".find(t => t.meta && t.meta.layer === 'frontline'); return t.lat[5] !== lat; }",
        arg=first["lat"][5],
    )


def test_the_page_is_served_with_safer_headers(page, app_url):
    response = page.goto(app_url + "/")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_a_link_opens_its_view_with_no_referer_at_all(page, open_view):
    """The server sends Referrer-Policy: no-referrer, so Chromium sends no Referer: the view
    comes from the page's own address, which the layout request carries."""
    layout_requests = []
    page.on(
        "request",
        lambda r: layout_requests.append(r) if "/_dash-layout" in r.url else None,
    )
    page = open_view(
        "?date=1951-08-01&layers=mdl,cities,events&lang=ko&event=kaesong_talks_session"
    )
    assert date_label(page) == "1951년 8월 1일"
    assert page.locator("#events-panel .event.selected").get_attribute("data-event") == (
        "kaesong_talks_session"
    )
    (request,) = layout_requests
    assert "referer" not in {k.lower() for k in request.headers}
    assert request.url.endswith(
        "/_dash-layout?date=1951-08-01&layers=mdl,cities,events&lang=ko&event=kaesong_talks_session"
    )
    checked = page.eval_on_selector_all("#layers input:checked", "xs => xs.map(x => x.value)")
    assert sorted(checked) == ["cities", "events", "mdl"]


def map_view(page) -> dict:
    return page.evaluate(
        """() => { const geo = document.querySelector('#map .js-plotly-plot')._fullLayout.geo;
          return {scale: geo.projection.scale, lon: geo.center.lon, lat: geo.center.lat}; }"""
    )


def test_a_zoom_survives_date_steps_and_play(open_view):
    page = open_view("?date=1950-08-01")
    box = page.locator("#map .geo .bg, #map .geo").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    for _ in range(3):
        page.mouse.wheel(0, -200)
        page.wait_for_timeout(150)
    zoomed = map_view(page)
    assert zoomed["scale"] > 1.2 * SCREEN.zoom
    page.focus("#day [role=slider]")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    wait_for_label(page, "4 August 1950")
    page.wait_for_timeout(300)
    assert map_view(page) == pytest.approx(zoomed)
    page.click("#play")
    page.wait_for_function(
        "() => document.getElementById('date-label').innerText !== '4 August 1950'"
    )
    page.click("#play")
    assert map_view(page) == pytest.approx(zoomed)


def test_a_tour_stop_still_sets_its_view(open_view):
    page = open_view("?tour=armistice_talks&stop=1")
    page.keyboard.press("PageDown")
    page.wait_for_function(
        "() => document.querySelector('#map .js-plotly-plot')"
        f"._fullLayout.geo.projection.scale > {1.5 * SCREEN.zoom}"
    )
    assert map_view(page)["scale"] == pytest.approx(2.0 * SCREEN.zoom)


def test_the_talks_inset_comes_and_follows_the_day_as_the_slider_moves(open_view):
    # Drawn straight into its graph after the first figure (map.js drawStraight): the
    # inset must still appear on the first sitting and change with the front.
    page = open_view("?date=1951-07-09")
    inset = "() => document.querySelector('#map-inset .js-plotly-plot')"
    has_talks = f"(({inset})()._fullData || []).some(t => t.geo === 'geo3')"
    assert not page.evaluate(f"() => {has_talks}")
    page.focus("#day [role=slider]")
    page.keyboard.press("ArrowRight")
    wait_for_label(page, "10 July 1951")
    page.wait_for_function(f"() => {has_talks}")
    front = (
        f"() => JSON.stringify(({inset})()._fullData.filter(t => t.geo === 'geo3')"
        ".map(t => [t.lon, t.lat]))"
    )
    drawn = page.evaluate(front)
    for _ in range(30):  # a month of the front moving near Kaesong
        page.keyboard.press("ArrowRight")
    wait_for_label(page, "9 August 1951")
    page.wait_for_function(f"(before) => ({front})() !== before", arg=drawn)


@pytest.mark.parametrize(("key", "date"), [("End", "1954-06-15"), ("Home", "1945-08-10")])
def test_after_a_jump_the_insets_follow_the_map_to_the_new_day(open_view, key, date):
    # The insets are drawn a frame after the map: they must end as a page opened there.
    signature = (
        "() => JSON.stringify(document.querySelector('#map-inset .js-plotly-plot')"
        "._fullData.map(t => [t.name, t.geo, (t.lon || []).length]))"
    )
    page = open_view(f"?date={date}")
    there = page.evaluate(signature)
    page = open_view("?date=1952-06-01")
    assert page.evaluate(signature) != there
    page.focus("#day [role=slider]")
    page.keyboard.press(key)
    page.wait_for_function(f"want => ({signature})() === want", arg=there)


@pytest.mark.parametrize(("lang", "written"), [("en", "1 August 1951"), ("ko", "1951년 8월 1일")])
def test_the_sliders_tooltip_writes_the_day_in_the_maps_language(open_view, lang, written):
    # Counted from the first day the bundle carries: the page holds no date of its own.
    page = open_view(f"?date=1951-08-01&lang={lang}")
    page.hover("#day [role=slider]")
    page.wait_for_selector(".dash-slider-tooltip", state="visible")
    assert page.inner_text(".dash-slider-tooltip").strip() == written
