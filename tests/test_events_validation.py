"""Each kind of bad events file gives its own exact message: FILE:LINE: column: what (expected)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from events.timeline import load_events
from geodata.problems import DataError

BAD = Path("tests/fixtures/bad")
CATEGORIES = "diplomacy | negotiation | military | political"
DATE_FORMS = "YYYY-MM-DD, YYYY-MM or YYYY"

EXPECTED = {
    "missing_column.csv": [
        "1: sources: column missing "
        "(a header with id,start,end,title,place,category,description,sources)"
    ],
    "unknown_category.csv": [f"2: category: unknown category 'truce' ({CATEGORIES})"],
    "unparseable_date.csv": [f"2: start: '10 July 1951' is not a date ({DATE_FORMS})"],
    "february_30.csv": [f"2: start: '1953-02-30': February 1953 has no day 30 ({DATE_FORMS})"],
    "end_before_start.csv": [
        "2: end: 1951-07-10 is before start 1951-08-23 (an end on or after the start)"
    ],
    "outside_range.csv": ["2: start: 1961-07-10 is outside 1945–1954 (a date the map covers)"],
    "unknown_place.csv": [
        "2: place: unknown place 'kaesong_city' (an id from geodata/places.geojson)"
    ],
    "duplicate_id.csv": [
        "3: id: duplicate id 'kaesong_open', first at tests/fixtures/bad/duplicate_id.csv:2 "
        "(ids unique across all event files)"
    ],
    "empty_title.csv": ["2: title: empty (a short title)"],
    "missing_sources.csv": [
        "2: sources: missing (at least one citation; several separated by ' | ')"
    ],
    "wrong_field_count.csv": [
        "2: (row): 9 fields, the header has 8 (quote fields that contain commas)"
    ],
    "bad_quoting.csv": [
        "2: (row): bad quoting: ',' expected after '\"' "
        '(a field in double quotes, with quotes inside it doubled (""))'
    ],
    "not_utf8.csv": ["2: (file): not UTF-8 text (byte 0xf6) (save the file as UTF-8)"],
    "empty.csv": ["1: (file): the file is empty (a header line, then one row per event)"],
    "many_problems.csv": [
        f"3: category: unknown category 'talks' ({CATEGORIES})",
        "3: id: 'bad one' has spaces or punctuation (letters, digits, _ . -)",
        "3: place: unknown place 'nowhere' (an id from geodata/places.geojson)",
        "3: sources: missing (at least one citation; several separated by ' | ')",
        f"3: start: '1951-7-1' is not a date ({DATE_FORMS})",
        "3: title: empty (a short title)",
        "4: end: 1951-10-01 is before start 1951-10-25 (an end on or after the start)",
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_gets_exactly_its_messages(name, fixture_places):
    path = BAD / name
    with pytest.raises(DataError) as caught:
        load_events([path], fixture_places)
    assert str(caught.value).splitlines() == [f"{path}:{line}" for line in EXPECTED[name]]


def test_every_bad_events_fixture_is_covered():
    on_disk = {p.name for p in BAD.glob("*.csv")}
    assert on_disk == set(EXPECTED)


def test_problems_in_several_files_are_reported_together(fixture_places):
    paths = [BAD / "unknown_category.csv", BAD / "empty_title.csv"]
    with pytest.raises(DataError) as caught:
        load_events(paths, fixture_places)
    assert [p.file for p in caught.value.problems] == [str(p) for p in sorted(paths)]


def test_ids_must_be_unique_across_files(fixture_places):
    valid = Path("tests/fixtures/events_valid.csv")
    with pytest.raises(
        DataError,
        match=re.escape(
            "duplicate id 'armistice_signed', first at tests/fixtures/events_valid.csv:4"
        ),
    ):
        load_events([valid, valid], fixture_places)
