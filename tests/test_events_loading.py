"""Loading events: the join to places, precision, merging a user's own file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from events.dataset import load_dataset
from events.timeline import load_events


def test_valid_file_loads_joined_to_its_places(fixture_places):
    events = load_events([Path("tests/fixtures/events_valid.csv")], fixture_places)
    assert list(events.index) == [
        "kaesong_talks_open",
        "provisional_mdl_agreed",
        "armistice_signed",
    ]
    signing = events.loc["armistice_signed"]
    assert signing["first_day"] == dt.date(1953, 7, 27)
    assert signing["when"] == "27 July 1953"
    assert signing.geometry.equals(fixture_places.loc["panmunjom"].geometry)
    assert signing["place_name_ko"] == "판문점"
    assert len(signing["sources"]) >= 2


def test_user_events_merge_with_the_shipped_ones(dataset):
    merged = load_dataset([Path("tests/fixtures/user_events.csv")])
    assert len(merged.events) == len(dataset.events) + 1
    offer = merged.events.loc["ridgway_offer"]
    assert offer["file"] == "tests/fixtures/user_events.csv"
    assert offer["place_name_en"] == "Tokyo"


def test_a_bom_and_crlf_line_ends_are_accepted(tmp_path, fixture_places):
    text = Path("tests/fixtures/events_valid.csv").read_text(encoding="utf-8")
    spreadsheet_copy = tmp_path / "from_a_spreadsheet.csv"
    spreadsheet_copy.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    events = load_events([spreadsheet_copy], fixture_places)
    assert len(events) == 3
