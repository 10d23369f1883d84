"""Moving through the days in a real browser: keys on the slider, Home and End, play, a
drag; the map drawn before Dash hears of the day, the insets following, the zoom kept."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.figure.projection import SCREEN
from dashboard.model.state import TIMELINE_END
from events.dates import written_day
from tests.browser.drawn import date_label, front_on_page, legend_texts, map_view, wait_for_label

pytestmark = pytest.mark.browser


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


def test_a_month_at_a_time_plays_to_the_same_day_or_the_last_of_a_shorter_month(open_view):
    page = open_view("?date=1951-01-31")
    page.locator("#speed input[value=month]").check()
    # Every date the label shows, in order, however quickly the player ticks.
    page.evaluate(
        """() => { window.shownDates = [];
          new MutationObserver(() => window.shownDates.push(
            document.getElementById('date-label').innerText))
          .observe(document.getElementById('date-label'),
                   {childList: true, characterData: true, subtree: true}); }"""
    )
    page.click("#play")
    page.wait_for_function("() => window.shownDates.length >= 2", timeout=10_000)
    page.click("#play")
    shown = page.evaluate("() => window.shownDates")
    assert shown[:2] == ["28 February 1951", "28 March 1951"], shown
    page.wait_for_function(
        "t => new URLSearchParams(location.search).get('date') === t",
        arg=_iso(shown[-1]),
    )


def _iso(written: str) -> str:
    return dt.datetime.strptime(written, "%d %B %Y").date().isoformat()


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
