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
SAVE_AS_UTF8 = 'save the file as UTF-8; in Excel, as "CSV UTF-8"'
NO_FORMULAS = "plain text; spreadsheet formulas are not allowed, remove the leading"
FORMULA = "starts like a spreadsheet formula"

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
    "not_utf8.csv": [
        "2: (file): not UTF-8 text: byte 0xf6 looks like 'ö' in Windows-1252, "
        f'the encoding of Excel\'s plain "CSV" ({SAVE_AS_UTF8})'
    ],
    "empty.csv": ["1: (file): the file is empty (a header line, then one row per event)"],
    "many_problems.csv": [
        f"3: category: unknown category 'talks' ({CATEGORIES})",
        "3: id: 'bad one' has spaces or punctuation (letters, digits, _ . -)",
        "3: place: unknown place 'nowhere' (an id from geodata/places.geojson)",
        "3: sources: missing (at least one citation; several separated by ' | ')",
        f"3: start: '1951-7-1' is not a date: write 1951-07-01 ({DATE_FORMS})",
        "3: title: empty (a short title)",
        "4: end: 1951-10-01 is before start 1951-10-25 (an end on or after the start)",
    ],
    # Hostile and broken files: what a spreadsheet, an editor or an attacker makes.
    "bom_unknown_category.csv": [f"2: category: unknown category 'truce' ({CATEGORIES})"],
    "crlf_problems.csv": [  # row 2 spans lines 2-3 (a line break inside quotes)
        f"4: start: '1951-08-32': August 1951 has no day 32 ({DATE_FORMS})"
    ],
    "windows_1252.csv": [
        "3: (file): not UTF-8 text: byte 0x96 looks like '–' in Windows-1252, "
        f'the encoding of Excel\'s plain "CSV" ({SAVE_AS_UTF8})'
    ],
    "utf16_excel.csv": [
        f'1: (file): UTF-16 text, as Excel\'s "Unicode Text" saves it ({SAVE_AS_UTF8})'
    ],
    "xlsx_renamed.csv": [
        "1: (file): a zip archive such as an Excel .xlsx workbook, not text "
        "(save the file as UTF-8 text)"
    ],
    "formula_injection.csv": [  # row 2's description "- first plenary..." is allowed
        f'3: title: \'=HYPERLINK("http://example.com/x","Talks…\' {FORMULA} ({NO_FORMULAS} =)',
        f"4: description: \"=cmd|' /C calc'!A0\" {FORMULA} ({NO_FORMULAS} =)",
        f"5: place: \"-2+3+cmd|' /C calc'!A0\" {FORMULA} ({NO_FORMULAS} -)",
        f"6: sources: '@SUM(1+1)' {FORMULA} ({NO_FORMULAS} @)",
        f"6: title: '+Talks open' {FORMULA} ({NO_FORMULAS} +)",
    ],
    "semicolon_separated.csv": [
        "1: (file): columns separated by semicolons, not commas "
        '(commas: save as "CSV UTF-8 (Comma delimited)")'
    ],
    "header_capitals.csv": [  # " Start " and " end ": spaces around names are fine
        "1: ID: column name in capitals (lower case: id)",
        "1: Start: column name in capitals (lower case: start)",
        "1: Title: column name in capitals (lower case: title)",
    ],
    "unnamed_column_with_data.csv": [  # an empty unnamed column (a trailing comma) is fine
        "3: (column 9): 'checked against Hermes p. 12' is in a column with no name in the "
        "header (a name for the column in the header line, or an empty column)"
    ],
    "spreadsheet_dates.csv": [
        f"2: start: '1951-7-10' is not a date: write 1951-07-10 ({DATE_FORMS})",
        f"3: end: '8/23/1951' is not a date ({DATE_FORMS})",
    ],
    "header_only.csv": ["1: (file): no data rows after the header (at least one row)"],
    "long_description.csv": [
        "3: description: 21,599 characters, too long (at most 20,000 characters in one cell)"
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
