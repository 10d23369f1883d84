"""`run.py export --format geojson|gpkg`: the map's features at a date, read back as a GIS
reads them (geopandas, pyogrio)."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pytest

import run
from dashboard.model.front import history_of
from dashboard.model.map_options import MAP_LAYERS

ALL_LAYERS = ",".join(MAP_LAYERS)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gis")
    for fmt in ("geojson", "gpkg"):
        out = folder / f"korea.{fmt}"
        argv = ["export", "--date", "1950-09-15", "--format", fmt, "--layers", ALL_LAYERS]
        assert run.main([*argv, "--out", str(out)]) == 0
    return folder


def test_every_feature_has_its_layer_and_date(exported):
    features = gpd.read_file(exported / "korea.geojson")
    assert features.crs.to_epsg() == 4326
    assert set(features["layer"]) == set(MAP_LAYERS) - {"future"}  # an option, not a layer
    assert (features["date"] == "1950-09-15").all()


def test_the_held_areas_are_the_map_s_own(exported, dataset):
    features = gpd.read_file(exported / "korea.geojson")
    control = features[features["layer"] == "control"].set_index("side")
    assert sorted(control.index) == ["UN", "communist"]
    held = history_of(dataset).on(dt.date(1950, 9, 15)).held
    assert control.loc["UN"].geometry.area == pytest.approx(held[0].area, rel=1e-6)
    assert control.loc["communist"].geometry.area == pytest.approx(held[1].area, rel=1e-6)
    assert "Inchon" in control.loc["UN", "pockets"]  # the beachhead, apart from the Perimeter


def test_the_front_carries_its_accuracy_status_and_sources(exported, dataset):
    features = gpd.read_file(exported / "korea.geojson")
    (front,) = features[features["layer"] == "frontline"].itertuples()
    assert front.geometry.geom_type == "LineString"
    assert front.accuracy_km == history_of(dataset).on(dt.date(1950, 9, 15)).accuracy_km
    assert front.status.startswith("keyframe: ")
    assert "Appleman 1961, ch." in front.sources


def test_the_geopackage_holds_the_same_features(exported):
    geojson = gpd.read_file(exported / "korea.geojson")
    package = gpd.read_file(exported / "korea.gpkg")
    assert package.crs.to_epsg() == 4326
    assert list(package["layer"]) == list(geojson["layer"])
    for a, b in zip(package.geometry, geojson.geometry, strict=True):
        assert a.equals_exact(b, 1e-9)


def test_a_caption_and_its_sources_come_with_it(exported):
    assert (exported / "korea.txt").read_text(encoding="utf-8").startswith("Korea, 1945")
    assert (exported / "korea.json").exists()
