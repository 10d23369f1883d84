"""Tours: the shipped ones load and rest on events; each bad tour file gets its exact messages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from events.tours import MapView, load_tour
from geodata.catalogue import DEFAULT_LAYER_IDS, LAYERS, MAP_FIRST_DAY, MAP_LAST_DAY
from geodata.problems import DataError
from tests.cli import run_cli

BAD = Path("tests/fixtures/bad")
EVENT_DAYS = {"kaesong_talks_open": dt.date(1951, 7, 10), "armistice_signed": dt.date(1953, 7, 27)}
LAYER_IDS = "layer ids: " + ", ".join(LAYERS)
MAP_DAY = "a day YYYY-MM-DD from 1945-08-10 to 1954-06-15"


def _load(path: Path):
    return load_tour(
        path, EVENT_DAYS, tuple(LAYERS), (MAP_FIRST_DAY, MAP_LAST_DAY), DEFAULT_LAYER_IDS
    )


EXPECTED = {
    "Tour With Spaces.yaml": [
        "1: (file): name 'Tour With Spaces' (a file name of a-z, 0-9, _ or - and .yaml)",
        "2: stops: missing or empty (a list of stops)",
    ],
    "tour_a_list.yaml": ["1: (file): not a mapping (fields title, title_ko, layers, stops)"],
    "tour_aliases.yaml": ["2: (file): YAML anchor or alias (plain YAML)"],
    "tour_bad_layers_and_view.yaml": [
        f"2: layers: unknown layer 'borders' ({LAYER_IDS})",
        f"5: layers: unknown layer 'roads' ({LAYER_IDS})",
        "6: view.lon: '200' is not a number from 119 to 132",
        "6: view.zoom: '0' is not a number from 1 to 2.5",
        "9: view.lat: '.inf' is not a number from 32.5 to 43.5",
        "9: view.lon: '.nan' is not a number from 119 to 132",
        "12: view: zoom missing (lon, lat and zoom)",
    ],
    "tour_february_30.yaml": [
        f"4: date: '1953-02-30': February 1953 has no day 30 ({MAP_DAY})",
        f"7: date: '1960-01-01' is not a day the map shows ({MAP_DAY})",
        f"10: date: '27 July 1953' is not a date ({MAP_DAY})",
    ],
    "tour_missing_fields.yaml": [
        "1: title: missing (a line of text)",
        "2: events: missing (at least one event id: the stop's sources)",
        "3: caption: missing (a line of text)",
        "5: caption: empty (a line of text)",
        "6: speaker: unknown field (events, date, layers, view, caption, caption_ko, notes)",
    ],
    "tour_no_stops.yaml": ["2: stops: missing or empty (a list of stops)"],
    "tour_not_yaml.yaml": [
        "4: (file): not valid YAML: found unexpected end of stream "
        "while scanning a quoted scalar (a YAML mapping)"
    ],
    "tour_too_long.yaml": [
        "4: caption: 227 characters (at most 160)",
        "5: notes: 4100 characters (at most 4000)",
    ],
    "tour_unknown_event.yaml": [
        "3: events: unknown event 'kaesong_opening' (event ids from the events files)"
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_tour_gets_exactly_its_messages(name):
    path = BAD / name
    with pytest.raises(DataError) as caught:
        _load(path)
    assert str(caught.value).splitlines() == [f"{path}:{line}" for line in EXPECTED[name]]


def test_every_bad_tour_fixture_is_covered():
    assert {p.name for p in BAD.glob("*.yaml")} == set(EXPECTED)


def test_a_valid_tour_keeps_order_defaults_and_views():
    tour = _load(Path("tests/fixtures/tour_small.yaml"))
    assert tour.name == "tour_small"
    first, second = tour.stops
    assert first.day == dt.date(1951, 7, 10)  # the first event's day when no date is given
    assert first.layers == ("venues", "events")  # the tour's layers
    assert first.notes == "The first plenary met around 11:00."
    assert second.layers == ("mdl", "dmz", "venues")
    assert second.view == MapView(126.7, 37.9, 2.0)


def test_a_tour_with_a_byte_order_mark_and_crlf_loads():
    tour = _load(Path("tests/fixtures/tour_bom_crlf.yaml"))
    assert tour.title == "Windows line ends"
    assert tour.stops[0].caption == "Signed, with a byte-order mark and CRLF"
    assert tour.stops[0].layers == DEFAULT_LAYER_IDS


def test_shipped_tours(dataset):
    tours = {t.name: t for t in dataset.tours}
    main = tours["division_to_armistice"]
    assert main.title == "From the 38th parallel to the Armistice, 1945–1954"
    assert len(main.stops) >= 15
    assert main.stops[0].day == dt.date(1945, 8, 10)
    assert main.stops[-1].day == dt.date(1954, 6, 15)
    talks = tours["armistice_talks"]
    assert talks.stops[0].day.year == 1951 and talks.stops[-1].day == dt.date(1953, 7, 27)
    for tour in tours.values():
        days = [s.day for s in tour.stops]
        assert days == sorted(days), f"{tour.name}: stops out of order"
        for stop in tour.stops:
            # A stop's day lies within its first event's span (or its halo: a caption
            # never claims a day its own event does not cover).
            event = dataset.events.loc[stop.events[0]]
            assert event["first_day"] <= stop.day <= event["last_day"], (tour.name, stop)


def test_check_reports_tours_and_their_problems(tmp_path):
    ok = run_cli("check", "--tour", "tests/fixtures/tour_small.yaml")
    assert ok.returncode == 0, ok.stderr
    assert "tests/fixtures/tour_small.yaml: tour 'tour_small', 2 stops" in ok.stdout
    bad = run_cli("check", "--tour", str(BAD / "tour_unknown_event.yaml"))
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr
    assert bad.stderr.splitlines() == [
        f"{BAD / 'tour_unknown_event.yaml'}:3: events: unknown event 'kaesong_opening' "
        "(event ids from the events files)"
    ]


def test_two_tours_with_one_name_are_refused(tmp_path):
    copy = tmp_path / "armistice_talks.yaml"
    copy.write_text(Path("events/tours/armistice_talks.yaml").read_text(encoding="utf-8"))
    run = run_cli("check", "--tour", str(copy))
    assert run.returncode == 1
    assert f"{copy}:1: (file): a tour named 'armistice_talks' exists" in run.stderr
