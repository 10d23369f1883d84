"""Lecture mode in a real browser: a clicker steps a tour, the notes window follows, the
presentation view reads from the back row, Korean labels, and the keyboard reaches all."""

from __future__ import annotations

import pytest

from dashboard.figure.projection import SCREEN

pytestmark = pytest.mark.browser

TOUR = "?tour=division_to_armistice&stop=1"


def wait_for_text(page, selector: str, text: str, timeout: int = 10_000) -> None:
    page.wait_for_function(
        "([s, t]) => (document.querySelector(s)?.textContent || '').includes(t)",
        arg=[selector, text],
        timeout=timeout,
    )


def test_pagedown_three_times_lands_on_stop_4_and_its_date(open_view):
    page = open_view(TOUR)
    wait_for_text(page, "#stop-label", "Stop 1 of 21")
    assert page.inner_text("#date-label") == "10 August 1945"
    # Every date the label shows on the way: the date travels, it does not jump.
    page.evaluate(
        """() => { window.seenDates = new Set();
        new MutationObserver(() => window.seenDates.add(
            document.getElementById('date-label').innerText))
          .observe(document.getElementById('date-label'),
                   {childList: true, subtree: true, characterData: true}); }"""
    )
    for _ in range(3):
        page.keyboard.press("PageDown")
        page.wait_for_timeout(150)
    wait_for_text(page, "#stop-label", "Stop 4 of 21")
    page.wait_for_function(
        "() => document.getElementById('date-label').innerText === '27 December 1945'",
        timeout=10_000,
    )
    assert "Moscow communiqué" in page.inner_text("#stop-caption")
    assert page.evaluate("() => window.seenDates.size") >= 5
    page.wait_for_function("() => location.search.includes('stop=4')")
    assert "tour=division_to_armistice" in page.url and "date=1945-12-27" in page.url
    # PageUp goes back; the selected event is the stop's.
    page.keyboard.press("PageUp")
    wait_for_text(page, "#stop-label", "Stop 3 of 21")
    page.wait_for_function("() => location.search.includes('event=us_landing_inchon')")


def test_a_stop_with_a_view_zooms_the_map_and_sets_its_layers(open_view):
    page = open_view("?tour=armistice_talks&stop=1")
    page.keyboard.press("PageDown")
    wait_for_text(page, "#stop-label", "Stop 2 of 12")
    page.wait_for_function(
        "z => document.querySelector('#map .js-plotly-plot').layout.geo.projection.scale === z",
        arg=2 * SCREEN.zoom,
    )
    layers = page.evaluate(
        "() => [...document.querySelectorAll('#layers input:checked')].map(i => i.value)"
    )
    assert layers == ["frontline", "control", "cities", "venues", "events"]


def test_the_tour_picker_opens_a_tour_at_its_first_stop(open_view):
    page = open_view("?date=1950-01-01")
    assert page.is_hidden("#tour-bar")
    page.click("#tour-picker")
    page.locator("label", has_text="The armistice talks, Kaesong to Panmunjom").click()
    wait_for_text(page, "#stop-label", "Stop 1 of 12")
    page.wait_for_function(
        "() => document.getElementById('date-label').innerText === '23 June 1951'"
    )
    assert "Malik" in page.inner_text("#stop-caption")


def test_the_notes_window_follows_the_map_and_can_step_it(browser, app_url, page):
    page.goto(app_url + "/" + TOUR)
    wait_for_text(page, "#stop-label", "Stop 1 of 21")
    notes = page.context.new_page()
    notes.goto(app_url + "/?notes=1")
    # The notes window asks the map window where it is, and shows that stop's notes.
    wait_for_text(notes, "#notes-body", "Stop 1 of 21")
    assert "Rusk's memoirs" in notes.inner_text("#notes-body")
    assert "General Order No. 1" in notes.inner_text(".notes-next")
    # The stop's works in full, each with where in it: the reference list a speaker reads.
    references = notes.eval_on_selector_all(
        ".notes-references li", "ns => ns.map(n => n.textContent)"
    )
    assert any(r.startswith("Lee, ") and ", ch. 2. https://" in r for r in references), references
    assert any("Foreign Relations of the United States, 1945" in r for r in references)
    page.keyboard.press("PageDown")
    wait_for_text(notes, "#notes-body", "Stop 2 of 21")
    assert "Japanese forces north of 38°N" in notes.inner_text("#notes-body")
    # A clicker in the notes window steps the map window.
    notes.click("#notes-next")
    wait_for_text(page, "#stop-label", "Stop 3 of 21")
    wait_for_text(notes, "#notes-body", "Stop 3 of 21")
    notes.close()


def test_korean_shows_hangul_on_the_map_and_in_the_interface(open_view):
    page = open_view("?date=1952-06-01&lang=ko")
    texts = page.eval_on_selector_all("#map .geo text", "ns => ns.map(n => n.textContent)")
    assert any("판문점" in t for t in texts)
    assert page.text_content("#heading-layers") == "지도 레이어"
    assert page.inner_text("#date-label") == "1952년 6월 1일"
    legend = page.eval_on_selector_all("#map .legendtext", "ns => ns.map(n => n.textContent)")
    assert "전선" in legend
    # Switching language relabels the page without reloading it.
    page.get_by_label("English").check()
    wait_for_text(page, "#heading-layers", "Layers")
    # Each of the switch's outputs gets its own word, by the name Python gives it.
    assert page.inner_text("#play") == "▶ Play"
    assert page.inner_text("#present-toggle") == "Present"
    assert page.inner_text("#notes-open") == "Speaker notes"
    assert page.inner_text(".export-caption") == "Caption"
    page.wait_for_function(
        "() => [...document.querySelectorAll('#map .geo text')]"
        ".some(n => n.textContent.includes('Panmunjom'))"
    )


def test_the_presentation_view_reads_from_the_back_of_the_hall(open_view):
    page = open_view("?tour=armistice_talks&stop=2&present=1")
    page.set_viewport_size({"width": 1920, "height": 1080})
    assert page.is_hidden(".side") and page.is_hidden(".timeline-box")
    size = lambda sel: page.eval_on_selector(sel, "n => parseFloat(getComputedStyle(n).fontSize)")  # noqa: E731
    assert size("#date-label") >= 28
    label_sizes = page.eval_on_selector_all(
        "#map .geo text",
        "ns => ns.filter(n => n.textContent.trim()).map(n => parseFloat(n.style.fontSize))",
    )
    assert label_sizes and min(label_sizes) >= 20
    assert size(".caption-text") >= 28
    map_box = page.eval_on_selector("#map", "n => n.getBoundingClientRect().height")
    assert map_box > 0.75 * 1080
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('page').classList.contains('present')")
    page.wait_for_function("() => !window.location.search.includes('present')")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#map .geo text')]"
        ".every(n => parseFloat(n.style.fontSize) < 20)"
    )


def test_the_keyboard_alone_reaches_every_control(open_view):
    page = open_view("?tour=armistice_talks&stop=1")
    page.focus("body")
    reached = []
    for _ in range(120):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                """() => { const a = document.activeElement;
                const style = getComputedStyle(a);
                return { id: a.id || a.closest('[id]')?.id || '', value: a.value || '',
                         role: a.getAttribute('role') || '', tag: a.tagName,
                         outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px'
                                  || style.boxShadow !== 'none' }; }"""
            )
        )
    ids = {r["id"] for r in reached}
    for control in (
        "tour-picker",
        "notes-open",
        "present-toggle",
        "lang",
        "prev-stop",
        "next-stop",
        "prev-event",
        "play",
        "next-event",
        "speed",
        "loop",
        "layers",
    ):
        assert control in ids, f"{control} never takes the focus"
    assert any(r["role"] == "slider" for r in reached), "the date slider never takes the focus"
    assert {r["value"] for r in reached if r["id"] == "layers"} >= {"parallel38", "events"}
    assert any(r["id"].startswith("event-") for r in reached), "no event in the list"
    assert any('"format"' in r["id"] for r in reached), "no export button"
    # Wherever the keyboard is, it shows.
    unseen = [r for r in reached if r["tag"] in ("BUTTON", "INPUT") and not r["outline"]]
    assert unseen == []


def test_the_presentation_view_shows_whole_titles_and_large_years(open_view):
    page = open_view("?tour=division_to_armistice&stop=1&present=1")
    page.wait_for_function("() => document.querySelector('.page.present')")
    sizes = page.eval_on_selector_all(
        "#day .dash-slider-mark", "ns => ns.map(n => parseFloat(getComputedStyle(n).fontSize))"
    )
    assert sizes and min(sizes) >= 18
    value = page.locator("#tour-picker .dash-dropdown-value")
    assert value.inner_text().startswith("From the 38th parallel")
    assert value.evaluate("n => n.scrollWidth <= n.clientWidth")  # not cut with an ellipsis


def test_the_timeline_rows_follow_the_language(open_view):
    page = open_view("?date=1950-11-26&lang=ko")
    rows = page.eval_on_selector_all("#timeline .ytick text", "ns => ns.map(n => n.textContent)")
    assert sorted(rows) == sorted(["외교", "협상", "군사", "정치"])
    page.locator("#lang input[value=en]").check()
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('#timeline .ytick text'))"
        ".some(n => n.textContent === 'Military')"
    )


def test_p_turns_the_presentation_view_on_and_off(open_view):
    page = open_view("?date=1951-08-01")
    page.keyboard.press("p")
    page.wait_for_selector(".page.present")
    page.keyboard.press("p")
    page.wait_for_function("() => !document.querySelector('.page.present')")


def test_the_events_panel_writes_its_dates_in_the_maps_language(open_view):
    page = open_view("?date=1953-07-27&lang=ko&event=armistice_signed")
    meta = "#event-armistice_signed .meta"
    page.wait_for_selector(meta)
    assert page.inner_text(meta).startswith("1953년 7월 27일 · ")
    page.get_by_label("English").check()
    page.wait_for_function(
        "sel => document.querySelector(sel).innerText.startsWith('27 July 1953 · ')", arg=meta
    )
