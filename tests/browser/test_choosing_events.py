"""Choosing events in a real browser: the keys, clicks on the map and the timeline, and
the side panel that shows the event chosen."""

from __future__ import annotations

import re

import pytest

from tests.browser.drawn import date_label, wait_for_label

pytestmark = pytest.mark.browser


def test_keys_jump_to_the_ends_and_between_events(open_view):
    page = open_view("?date=1951-08-01")
    page.locator("h1").click()  # focus on the page, not on a control
    page.keyboard.press("End")
    wait_for_label(page, "15 June 1954")
    page.keyboard.press("Home")
    wait_for_label(page, "10 August 1945")
    page.keyboard.press("ArrowRight")  # the next event after the first day
    page.wait_for_function(
        "() => document.getElementById('date-label').innerText !== '10 August 1945'"
    )
    assert re.fullmatch(r"\d{1,2} \w+ 1945", date_label(page))


def test_clicking_an_event_selects_it_and_the_link_keeps_it(open_view):
    page = open_view("?date=1953-07-27")
    first = page.locator("#events-panel .event").first
    event_id = first.get_attribute("data-event")
    first.click()
    page.wait_for_selector(f"#events-panel .event.selected[data-event='{event_id}']")
    page.wait_for_function("id => location.search.includes('event=' + id)", arg=event_id)


def test_a_timeline_mark_jumps_to_its_event(open_view):
    page = open_view("?date=1945-08-10")
    mark = page.locator("#timeline .scatterlayer .trace:last-child .point").last
    mark.click(force=True)
    page.wait_for_function(
        "() => document.getElementById('date-label').innerText !== '10 August 1945'"
    )
    # The date is written at once; the panel follows when Dash has drawn it.
    page.wait_for_selector("#events-panel .event.selected")
    assert page.locator("#events-panel .event.selected").count() == 1


@pytest.mark.parametrize(
    "date, event",
    [
        ("1950-09-15", "inchon_landing"),
        # Events at towns with a dot of their own: the event's marker is above the dot.
        ("1950-06-25", "invasion_1950"),  # Ongjin
        ("1953-07-27", "clark_countersigns_munsan"),
    ],
)
def test_clicking_a_map_marker_selects_its_event(open_view, date, event):
    page = open_view(f"?date={date}")
    # Where Plotly drew the event's marker, in page pixels.
    x, y = page.evaluate(
        """(id) => {
          const gd = document.querySelector('#map .js-plotly-plot');
          const trace = gd.data.find(t => t.customdata &&
            t.customdata.some(c => c[1] === id));
          const i = trace.customdata.findIndex(c => c[1] === id);
          const [px, py] = gd._fullLayout.geo._subplot.projection([trace.lon[i], trace.lat[i]]);
          const box = gd.querySelector('.main-svg').getBoundingClientRect();
          return [box.left + px, box.top + py];
        }""",
        event,
    )
    page.mouse.click(x, y)
    page.wait_for_selector(f"#events-panel .event.selected[data-event='{event}']")


def test_the_side_panel_shows_the_selected_event_first_and_folds_the_front_sources(open_view):
    page = open_view("?date=1951-08-01&event=kaesong_talks_session")
    card = page.locator("#events-panel .event.selected")
    card.wait_for()
    page.wait_for_function(
        "() => { const r = document.querySelector('#events-panel .event.selected')"
        ".getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight - 60; }"
    )
    order = page.evaluate(
        "() => document.getElementById('events-panel')"
        ".compareDocumentPosition(document.getElementById('front-note'))"
    )
    assert order & 4  # the front's note follows the events
    page.wait_for_selector("#front-note details.front-sources")
    assert not page.evaluate("() => document.querySelector('#front-note details').open")
    summary = page.inner_text("#front-note summary")
    assert summary.startswith("Sources of the front line (")
    page.click("#front-note summary")
    assert page.locator("#front-note .sources li").first.is_visible()
    # Nothing runs past the panel's edge.
    assert page.evaluate(
        "() => { const s = document.querySelector('.side');"
        " return s.scrollWidth <= s.clientWidth; }"
    )


def test_arrows_step_the_map_after_a_click_and_select_the_event_stepped_to(open_view):
    page = open_view("?date=1950-06-20")
    page.locator("#layers input[value=cities]").click()  # the focus is on a checkbox now
    page.keyboard.press("ArrowRight")
    wait_for_label(page, "25 June 1950")
    page.wait_for_selector("#events-panel .event.selected")
    chosen = page.get_attribute("#events-panel .event.selected", "data-event")
    assert chosen in ("invasion_1950", "unsc_res82")
    page.wait_for_function("() => location.search.includes('event=')")


def test_enter_on_an_event_card_keeps_the_focus_on_it(open_view):
    page = open_view("?date=1950-06-25")
    cards = page.locator("#events-panel .event")
    cards.nth(1).focus()
    target = cards.nth(1).get_attribute("data-event")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#events-panel .event.selected[data-event='{target}']")
    page.wait_for_function(
        "t => document.activeElement && document.activeElement.dataset.event === t", arg=target
    )
