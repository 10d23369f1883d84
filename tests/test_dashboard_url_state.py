"""Links restore a view; a bad value falls back with a notice, never an error."""

from __future__ import annotations

import datetime as dt

from dashboard.web.url_state import DEFAULT_DAY, View, parse_view

EVENTS = {"armistice_signed": dt.date(1953, 7, 27), "division_38th_parallel": dt.date(1945, 8, 10)}


def test_a_full_link_restores_its_view():
    view = parse_view(
        {"date": "1951-08-01", "layers": "mdl,venues", "event": "armistice_signed", "lang": "both"},
        EVENTS,
    )
    assert view == View(dt.date(1951, 8, 1), ("mdl", "venues"), "armistice_signed", "both", ())


def test_an_event_alone_opens_at_its_date():
    assert parse_view({"event": "armistice_signed"}, EVENTS).day == dt.date(1953, 7, 27)


def test_bad_values_fall_back_with_a_notice_each():
    view = parse_view(
        {"date": "1953-02-30", "layers": "mdl,rivers", "event": "nope", "lang": "fr"}, EVENTS
    )
    assert view.day == DEFAULT_DAY and view.layers == ("mdl",) and view.event is None
    assert view.lang == "en"
    assert len(view.notices) == 4
    assert any("rivers" in n for n in view.notices)


def test_a_date_outside_the_timeline_is_refused():
    view = parse_view({"date": "1960-01-01"}, EVENTS)
    assert view.day == DEFAULT_DAY
    assert view.notices == (
        "1960-01-01 is outside 10 August 1945 – 15 June 1954: showing 27 July 1953.",
    )


def test_a_link_as_the_page_writes_it_reads_the_same():
    # map.js writeAddress writes the address; a browser test follows it round the page.
    query = "?date=1952-06-01&layers=mdl,venues&event=armistice_signed&lang=ko"
    pairs = dict(p.split("=") for p in query[1:].split("&"))
    view = parse_view(pairs, EVENTS)
    assert (view.day, view.layers, view.lang) == (dt.date(1952, 6, 1), ("mdl", "venues"), "ko")
