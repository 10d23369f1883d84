"""What is true at a date: lines in force, talks in session, events shown."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from dashboard.model.state import (
    ONE_DAY_HALO,
    TIMELINE_END,
    TIMELINE_START,
    change_days,
    day_from_number,
    day_number,
    state_at,
)


def sitting_places(dataset, day):
    return {m.place for m in state_at(dataset, day).sessions}


@pytest.mark.parametrize(
    ("day", "places"),
    [
        (dt.date(1945, 12, 20), {"moscow"}),
        (dt.date(1946, 4, 1), {"seoul"}),
        (dt.date(1947, 6, 15), {"seoul"}),
        (dt.date(1947, 11, 10), {"new_york_flushing_meadows"}),
        (dt.date(1951, 8, 1), {"kaesong"}),
        (dt.date(1951, 9, 15), set()),  # suspended after 23 August
        (dt.date(1952, 6, 1), {"panmunjom"}),
        (dt.date(1952, 12, 1), set()),  # the UNC's indefinite recess
        (dt.date(1953, 7, 27), {"panmunjom"}),
        (dt.date(1954, 5, 1), {"geneva_palais_des_nations"}),
    ],
)
def test_talks_sit_where_and_when_the_sources_say(dataset, day, places):
    assert sitting_places(dataset, day) == places


def test_the_lines_follow_time(dataset):
    before = state_at(dataset, dt.date(1950, 6, 24))
    war = state_at(dataset, dt.date(1950, 6, 25))
    armistice = state_at(dataset, dt.date(1953, 7, 27))
    assert before.parallel38_divides and not war.parallel38_divides
    assert not war.mdl_in_force and armistice.mdl_in_force
    assert not state_at(dataset, dt.date(1953, 7, 26)).mdl_in_force


def test_a_one_day_event_shows_a_few_days_around_its_date(dataset):
    signing = dt.date(1953, 7, 27)
    for offset in (-ONE_DAY_HALO.days, 0, ONE_DAY_HALO.days):
        shown = state_at(dataset, signing + dt.timedelta(days=offset)).events
        assert "armistice_signed" in {m.id for m in shown}
    later = state_at(dataset, signing + ONE_DAY_HALO + dt.timedelta(days=1)).events
    assert "armistice_signed" not in {m.id for m in later}


def test_a_month_precise_event_shows_the_whole_month(dataset):
    for day in (dt.date(1948, 12, 1), dt.date(1948, 12, 31)):
        assert "soviet_withdrawal_completed" in {m.id for m in state_at(dataset, day).events}


def test_the_state_only_changes_on_change_days(dataset):
    days = change_days(dataset)
    assert days[0] == TIMELINE_START and days == sorted(set(days))
    assert dt.date(1953, 7, 27) in days and dt.date(1950, 6, 25) in days
    for first, following in itertools.pairwise(days):
        last = following - dt.timedelta(days=1)
        a, b = state_at(dataset, first), state_at(dataset, last)
        assert (a.events, a.sessions, a.mdl_in_force) == (b.events, b.sessions, b.mdl_in_force)


def test_day_numbers_round_trip():
    assert day_number(TIMELINE_START) == 0
    assert day_from_number(day_number(TIMELINE_END)) == TIMELINE_END
