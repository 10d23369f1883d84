"""Bad geodata files: invalid geometry, coordinates off the map, missing properties."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.layers import load_basemap, load_mdl
from geodata.places import load_places
from geodata.problems import DataError

BAD = Path("tests/fixtures/bad")

EXPECTED = {
    ("basemap_self_intersecting.geojson", load_basemap): [
        "2: geometry: invalid geometry: Self-intersection[126.5 37.5] (a simple, valid shape)"
    ],
    ("mdl_outside_box.geojson", load_mdl): [
        "2: geometry: coordinate (135, 38.6) outside the map's box "
        "(longitude 119–132, latitude 32.5–43.5; [lon, lat] order)"
    ],
    ("places_swapped_coordinates.geojson", load_places): [
        "3: geometry: (37.566, 126.978) is not on Earth: latitude and longitude swapped? "
        "([longitude, latitude])"
    ],
    ("places_missing_properties.geojson", load_places): [
        "3: kind: property missing or empty (a value for kind)",
        "3: name_ko: property missing or empty (a value for name_ko)",
    ],
    ("places_duplicate_id.geojson", load_places): [
        "4: id: duplicate id 'kaesong', first on line 2 (each id once)"
    ],
    ("places_not_json.geojson", load_places): [
        "3: (file): not valid JSON: Expecting property name enclosed in double quotes "
        "(a GeoJSON FeatureCollection)"
    ],
}


@pytest.mark.parametrize(("name", "loader"), sorted(EXPECTED, key=lambda k: k[0]))
def test_each_bad_geodata_file_gets_exactly_its_messages(name, loader):
    path = BAD / name
    with pytest.raises(DataError) as caught:
        loader(path)
    assert str(caught.value).splitlines() == [f"{path}:{m}" for m in EXPECTED[(name, loader)]]


def test_every_bad_geodata_fixture_is_covered():
    tested_elsewhere = {"frontlines_broken.geojson"}  # tests/test_front.py
    assert {p.name for p in BAD.glob("*.geojson")} == {n for n, _ in EXPECTED} | tested_elsewhere


def test_a_place_in_korea_outside_the_box_is_refused(tmp_path):
    text = Path("tests/fixtures/places.geojson").read_text(encoding="utf-8")
    moved = tmp_path / "places.geojson"
    moved.write_text(text.replace("[126.9784, 37.566]", "[135.5, 37.566]"), encoding="utf-8")
    with pytest.raises(
        DataError,
        match=r"places.geojson:\d+: geometry: \(135.5, 37.566\) "
        "outside the map's box",
    ):
        load_places(moved)
