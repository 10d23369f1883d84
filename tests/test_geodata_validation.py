"""Bad geodata files: invalid geometry, coordinates off the map, missing properties."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.frontlines import load_frontlines
from geodata.layers import load_basemap, load_mdl
from geodata.places import load_places
from geodata.problems import DataError

BAD = Path("tests/fixtures/bad")
BOX = "longitude 119–132, latitude 32.5–43.5; [lon, lat] order"
NOT_FINITE = "geometry: a coordinate is NaN or infinite (finite numbers)"
REPROJECT = "longitude/latitude on WGS 84, EPSG:4326; reproject the file"

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
    # Hostile and broken files.
    ("places_nan_coordinates.geojson", load_places): [f"3: {NOT_FINITE}"],
    ("places_infinite_coordinates.geojson", load_places): [f"2: {NOT_FINITE}", f"3: {NOT_FINITE}"],
    ("places_empty_geometry.geojson", load_places): [
        "2: geometry: empty (at least one coordinate)",
        "3: geometry: missing (a GeoJSON geometry)",
    ],
    ("places_crs_metres.geojson", load_places): [
        f"1: crs: coordinates in urn:ogc:def:crs:EPSG::5179 ({REPROJECT})"
    ],
    ("places_linestring.geojson", load_places): ["3: geometry: a LineString (a Point)"],
    ("places_hangul_id.geojson", load_places): [
        "3: id: '개성' has characters other than a-z, 0-9 and _ (a lowercase id such as kaesong)"
    ],
    ("places_names_swapped.geojson", load_places): [
        "3: name_en: '개성' is in Hangul (the name in the Latin alphabet; Hangul goes in name_ko)",
        "3: name_ko: 'Kaesong' has no Hangul (the name in Hangul)",
    ],
    ("places_truncated.geojson", load_places): [
        "3: (file): not valid JSON: the file ends in the middle, cut short? "
        "(a GeoJSON FeatureCollection)"
    ],
    ("places_list_not_collection.geojson", load_places): [
        '1: type: a JSON list of 2 items, not a FeatureCollection ("type": "FeatureCollection")'
    ],
    ("places_deeply_nested.geojson", load_places): [
        "1: (file): not valid JSON: nested too deeply (a GeoJSON FeatureCollection)"
    ],
    ("places_features_given_twice.geojson", load_places): [  # JSON keeps the second list
        "5: kind: unknown kind 'town' (city | venue | battle | other)"
    ],
    ("frontlines_self_intersecting.geojson", load_frontlines): [
        "2: geometry: the line crosses itself at (126.3, 38) (a simple line)"
    ],
    ("mdl_self_intersecting.geojson", load_mdl): [
        "2: geometry: the line crosses itself at (126.906, 38.1433) (a simple line)"
    ],
    ("frontlines_point.geojson", load_frontlines): ["2: geometry: a Point (a LineString)"],
    ("frontlines_swapped.geojson", load_frontlines): [
        "2: geometry: coordinate (38, 125.119) outside the map's box: "
        f"latitude and longitude swapped? ({BOX})"
    ],
    ("frontlines_crs_3857.geojson", load_frontlines): [
        f"1: crs: coordinates in EPSG:3857 ({REPROJECT})"
    ],
    ("frontlines_metres_no_crs.geojson", load_frontlines): [
        "2: geometry: coordinate (13928161, 4579426) outside the map's box: metres, not degrees? "
        f"the file may be in a projected coordinate system ({BOX})"
    ],
    ("frontlines_empty_geometries.geojson", load_frontlines): [
        "2: geometry: empty (at least one coordinate)",
        "3: geometry: missing (a GeoJSON geometry)",
    ],
    ("frontlines_infinite.geojson", load_frontlines): [f"2: {NOT_FINITE}"],
    ("frontlines_property_types.geojson", load_frontlines): [
        '2: waypoints: "Ongjin, Kaesong, Ch\'orwon" is not a list of objects '
        '([{"name": "Kaesong", ...}, ...])',
        "3: sources: a JSON list, not text (one text, citations separated by ' | ')",
        "4: accuracy_km: '15 km' is not a number (kilometres, e.g. 15)",
    ],
    ("mdl_no_features.geojson", load_mdl): [
        "1: features: no line in the file (one Feature with the MDL)"
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
