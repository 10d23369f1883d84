"""axe-core (the engine of the axe-playwright-python package) finds no WCAG 2.1 A or AA
violation on the dashboard, in presentation view and in the notes window, in English and
Korean; the page's `lang` follows the language."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_lecture import TOUR, wait_for_text

pytestmark = pytest.mark.browser

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def violations(page) -> list[str]:
    found = Axe().run(page, options=WCAG_21_AA).response["violations"]
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in found]


@pytest.mark.parametrize(
    "query, lang",
    [
        ("?date=1951-08-01", "en"),
        ("?date=1951-08-01&lang=ko", "ko"),
        ("?date=1953-07-27&lang=both&event=armistice_signed", "en"),
        ("?tour=armistice_talks&stop=2&present=1", "en"),
        ("?tour=armistice_talks&stop=2&present=1&lang=ko", "ko"),
    ],
)
def test_no_wcag_violation_on_the_map(open_view, query, lang):
    page = open_view(query)
    assert page.evaluate("() => document.documentElement.lang") == lang
    assert violations(page) == []


def test_the_page_language_follows_the_reader_s_choice(open_view):
    page = open_view("?date=1951-08-01")
    page.locator("#lang input[value=ko]").check()
    page.wait_for_function("() => document.documentElement.lang === 'ko'")
    assert violations(page) == []


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_no_wcag_violation_in_the_notes_window(open_view, app_url, lang):
    page = open_view(TOUR + ("&lang=ko" if lang == "ko" else ""))
    notes = page.context.new_page()
    notes.goto(app_url + "/?notes=1" + ("&lang=ko" if lang == "ko" else ""))
    wait_for_text(notes, "#notes-body", "1")
    try:
        assert violations(notes) == []
    finally:
        notes.close()


def test_the_tour_picker_is_reached_and_opened_from_the_keyboard(open_view):
    page = open_view("?date=1951-08-01")
    page.focus("#tour-picker")
    assert page.evaluate("() => document.activeElement.id") == "tour-picker"
    page.keyboard.press("Enter")
    page.wait_for_selector("#tour-picker[aria-expanded=true]")
    page.wait_for_selector("input[value=armistice_talks]")
    # The list takes keys once it has opened; the focus goes to "No tour", then down.
    for _ in range(50):
        if page.evaluate("() => document.activeElement.value") not in ("", "none"):
            break
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(100)
    chosen = page.evaluate("() => document.activeElement.value")
    assert chosen not in ("", "none"), chosen
    page.keyboard.press("Enter")
    page.wait_for_function("t => location.search.includes('tour=' + t)", arg=chosen)
    page.focus("#tour-picker")
    page.keyboard.press("Enter")
    page.wait_for_selector("#tour-picker[aria-expanded=true]")
    assert violations(page) == []  # the open list too
