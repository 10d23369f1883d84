"""Kept results: no caller can change what the next caller gets."""

from __future__ import annotations

import pytest
import shapely

from dashboard.figure.browser_bundle import event_entries, tour_entries
from dashboard.figure.geometry_coords import line_coords
from dashboard.figure.timeline_strip import timeline_figure
from dashboard.model.cache import copied, kept
from dashboard.web.page_words import page_words


def test_each_call_gets_its_own_copy_built_once():
    built = []

    @kept(maxsize=2)
    def figure(name: str) -> dict:
        built.append(name)
        return {"data": [{"name": name}]}

    first = figure("a")
    first["data"][0]["name"] = "changed by a caller"
    first["data"].append({})
    assert figure("a") == {"data": [{"name": "a"}]}
    assert built == ["a"]


@pytest.mark.parametrize(
    "build",
    [event_entries, tour_entries, page_words, timeline_figure],
    ids=lambda f: f.__name__,
)
def test_what_the_page_is_built_from_cannot_be_changed_through_a_cache(dataset, build):
    given = build(dataset)
    again = build(dataset)
    assert given == again and given is not again
    key = next(iter(given))
    given[key] = "changed by a caller"
    assert build(dataset)[key] == again[key] != "changed by a caller"


def test_coordinates_are_shared_as_tuples():
    lons, lats = line_coords(shapely.LineString([(126.0, 38.0), (127.0, 38.0)]))
    assert isinstance(lons, tuple) and isinstance(lats, tuple)
    assert lons[0] == 126.0 and lats[-1] == 38.0


def test_a_copy_shares_only_what_cannot_change():
    coordinates = (126.0, None, 38.5)
    inner = {"name": "UN"}
    value = {"data": [{"lon": coordinates, "meta": (inner, "held")}], "size": 3}
    copy = copied(value)
    assert copy == value
    assert copy["data"][0]["lon"] is coordinates  # numbers in a tuple: handed on as they are
    assert copy["data"] is not value["data"] and copy["data"][0] is not value["data"][0]
    copy["data"][0]["meta"][0]["name"] = "changed by a caller"  # a dict inside a tuple
    assert inner == {"name": "UN"}
