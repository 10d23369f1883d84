"""Lecture mode without a browser: tour links, the projector's look, the words, the summary."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import dashboard.export
import dashboard.web
from dashboard.figure import style
from dashboard.figure.browser_bundle import PLAYER_TICK_MS, tour_entries
from dashboard.figure.look import dress_trace
from dashboard.figure.map_figure import build_figure
from dashboard.figure.projection import SCREEN
from dashboard.model.front import history_of
from dashboard.model.map_options import MapOptions
from dashboard.model.state import (
    TIMELINE_DAYS,
    a_month_on,
    day_from_number,
    day_number,
    state_at,
)
from dashboard.model.summary import map_summary
from dashboard.model.words import INTERFACE, LEGEND_KO, front_status, legend_name
from dashboard.web.layout import build_layout
from dashboard.web.page_words import RELABELLED, page_words
from dashboard.web.url_state import parse_view
from events.dates import written_day


def _parse(dataset, query):
    days = dict(dataset.events["first_day"].items())
    return parse_view(query, days, {t.name: t for t in dataset.tours})


def test_a_tour_link_opens_its_stop(dataset):
    view = _parse(dataset, {"tour": "armistice_talks", "stop": "2", "present": "1"})
    assert (view.tour, view.stop, view.present) == ("armistice_talks", 2, True)
    assert view.day == dt.date(1951, 7, 10)
    assert view.event == "kaesong_talks_open"
    assert view.layers == ("frontline", "control", "cities", "venues", "events")
    assert view.notices == ()


def test_the_address_written_after_a_stop_wins_over_the_stop(dataset):
    view = _parse(dataset, {"tour": "armistice_talks", "stop": "2", "date": "1951-08-01"})
    assert view.day == dt.date(1951, 8, 1) and view.stop == 2


def test_bad_tour_links_fall_back_with_a_notice(dataset):
    unknown = _parse(dataset, {"tour": "nowhere", "stop": "2"})
    assert unknown.tour is None
    assert unknown.notices[0].startswith("No tour named “nowhere”. Tours: ")
    too_far = _parse(dataset, {"tour": "armistice_talks", "stop": "99"})
    assert too_far.stop == 1
    assert too_far.notices == ("Stop “99” not in this tour (1 to 12): showing stop 1.",)
    assert _parse(dataset, {"tour": "armistice_talks", "stop": "-1"}).stop == 1


def test_the_notes_window_link(dataset):
    assert _parse(dataset, {"notes": "1"}).notes is True
    assert _parse(dataset, {}).notes is False


def test_tour_entries_carry_day_numbers_and_a_source(dataset):
    talks = tour_entries(dataset)["armistice_talks"]
    first = talks["stops"][0]
    assert first["day"] == day_number(dt.date(1951, 6, 23))
    assert first["source"] and "http" not in first["source"]
    # A stop's zoom counts from the map as it opens: 2 is twice as close.
    assert talks["stops"][1]["view"] == {"lon": 126.7, "lat": 37.9, "zoom": 2.0 * SCREEN.zoom}


def test_the_projector_look_grows_type_and_lines_and_strengthens_colours():
    trace = {
        "name": "Front line",
        "textfont": {"size": 12, "color": "#222222"},
        "marker": {"size": [6, 4]},
        "line": {"color": "#8c8576", "width": 0.6},
        "fillcolor": style.HELD_UN,
    }
    projected = dress_trace(trace, MapOptions(present=True))
    assert projected["textfont"]["size"] == 20  # at least 20 px
    assert projected["marker"]["size"] == [8.4, 5.6]
    assert projected["line"] == {"color": "#4d473c", "width": 1.0}
    assert projected["fillcolor"] == style.PROJECTOR_COLOURS[style.HELD_UN]
    assert dress_trace(trace, MapOptions()) == trace  # the screen look is untouched


def test_every_legend_name_has_its_korean(dataset, bundle_of):
    options = MapOptions(lang="ko")
    bundle = bundle_of(options)
    templates = bundle["front"]["templates"]
    front = templates["held"] + templates["band"] + templates["line"]
    traces = bundle["static"] + bundle["variants"] + front
    shown = {t["name"] for t in traces if t.get("showlegend", True)}
    assert shown and all(not name.isascii() for name in shown), shown
    english = build_figure(dataset, state_at(dataset, dt.date(1953, 7, 27)), MapOptions())
    for trace in english["data"]:
        # A pocket is named in the data's language, as event titles are.
        if trace.get("showlegend", True) and "pocket" not in trace["meta"]:
            assert trace["name"] in LEGEND_KO, trace["name"]
    assert legend_name("Front line", "both") == "Front line"


def test_every_interface_word_exists_in_both_languages(dataset):
    words = page_words(dataset)
    assert set(words) == {"en", "ko", "both"}
    for english, korean in INTERFACE.values():
        assert english and korean and english != korean
    assert words["ko"]["_tour_options"][1]["label"] != words["en"]["_tour_options"][1]["label"]


def test_the_map_in_words(dataset, bundle_of):
    armistice = map_summary(state_at(dataset, dt.date(1953, 7, 27)), "en")
    assert armistice.startswith("The Military Demarcation Line and the DMZ divide Korea.")
    assert "Korean Armistice Agreement signed at Panmunjom (27 July 1953)" in armistice
    talks = map_summary(state_at(dataset, dt.date(1951, 8, 1)), "en")
    assert "Talks in session at Kaesong." in talks
    assert map_summary(state_at(dataset, dt.date(1946, 1, 20)), "ko").startswith(
        "38도선이 한반도를 나눈다."
    )
    bundle = bundle_of(MapOptions())
    assert all(epoch["summary"] for epoch in bundle["epochs"])


def test_the_front_note_is_in_korean_in_korean(dataset, bundle_of):
    """The words round a keyframe's label (data, as written) and the interpolation's dates."""
    history = history_of(dataset)
    keyframe = history.on(history.first_day)
    assert front_status(keyframe, "ko") == (
        f"자료에 기록된 전선 (1950년 6월 25일): {keyframe.keyframe.label}"
    )
    between = history.on(dt.date(1951, 11, 1))
    assert between.status == "interpolated between 25 October 1951 and 27 November 1951"
    assert front_status(between, "ko") == "1951년 10월 25일과 1951년 11월 27일의 전선 사이를 보간"
    assert front_status(between, "both") == between.status
    notes = bundle_of(MapOptions(lang="ko"))["front"]["notes"]
    assert all(not n["status"].startswith(("keyframe", "interpolated")) for n in notes)


def test_speaker_notes_list_the_stops_works_in_full(dataset):
    stop = tour_entries(dataset)["armistice_talks"]["stops"][0]
    first = dataset.events.loc[stop["events"][0]]
    assert len(stop["references"]) >= len(set(first["sources"]))
    assert all(r.endswith(".") and "  " not in r for r in stop["references"])


def test_the_bundle_carries_every_day_written_by_python_in_its_language(dataset, bundle_of):
    # The browser writes no date: it shows these (map_core.js writtenDate), puts these in
    # the address (isoOf) and steps the player a month to these (aMonthOn).
    bundle = bundle_of(MapOptions(lang="ko"))
    written, iso, month_on = bundle["written"], bundle["iso"], bundle["month_on"]
    assert len(written) == len(iso) == len(month_on) == TIMELINE_DAYS + 1
    for n, text in enumerate(written):
        day = day_from_number(n)
        assert text == written_day(day, "ko")
        assert iso[n] == day.isoformat()
        assert day_from_number(month_on[n]) == a_month_on(day)


@pytest.mark.parametrize(
    ("day", "a_month_later"),
    [
        ("1950-06-25", "1950-07-25"),
        ("1950-12-31", "1951-01-31"),
        ("1951-01-31", "1951-02-28"),  # a shorter month: its last day
        ("1952-01-30", "1952-02-29"),
        ("1953-03-31", "1953-04-30"),
    ],
)
def test_a_month_on_is_the_same_day_of_the_next_month_or_its_last(day, a_month_later):
    assert a_month_on(dt.date.fromisoformat(day)) == dt.date.fromisoformat(a_month_later)


def test_the_browser_does_no_calendar_arithmetic():
    # Dates are Python's (events/dates.py, state.py); the browser looks them up by day.
    assets = Path(dashboard.web.__file__).parent / "assets"
    scripts = [*assets.glob("*.js"), Path(dashboard.export.__file__).parent / "standalone.js"]
    arithmetic = re.compile(r"Date\.(UTC|parse)|getUTC|getFullYear|getMonth|toISOString|86400")
    assert [s.name for s in scripts if arithmetic.search(s.read_text())] == []


def test_the_language_switch_has_a_word_for_each_of_its_outputs(dataset, dash_app):
    # The browser returns each output's word by the output's name (page_words.RELABELLED).
    outputs = next(
        key for key, callback in dash_app.callback_map.items() if "heading-layers" in key
    )
    assert outputs.count("...") + 1 == len(RELABELLED)  # one output for each word
    for lang, shown in page_words(dataset).items():
        assert len(shown["_relabelled"]) == len(RELABELLED)
        for name, key in shown["_relabelled"].items():
            # Dash's own name for the output (a dict id as JSON, keys sorted).
            assert name.split("@")[0] in outputs, name
            assert shown.get(key) not in (None, ""), (lang, key)
        assert shown["pause"] and shown["leave_present"]


def _component(tree, component_id: str):
    """The component with this id in a layout."""
    if getattr(tree, "id", None) == component_id:
        return tree
    children = getattr(tree, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found = _component(child, component_id)
            if found is not None:
                return found
    return None


def test_the_player_steps_as_often_in_the_app_as_in_the_html_export(dataset, bundle_of):
    # One tick, in Python: the app's interval and the bundle the HTML export plays from.
    player = _component(build_layout(dataset, _parse(dataset, {})), "player")
    assert player.interval == bundle_of(MapOptions())["tick_ms"] == PLAYER_TICK_MS
    script = (Path(dashboard.export.__file__).parent / "standalone.js").read_text()
    assert "bundle.tick_ms" in script and not re.search(r"\}, \d+\);", script)
