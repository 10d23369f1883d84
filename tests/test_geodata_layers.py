"""The shipped layers are where history puts them."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Point

from geodata.catalogue import LAYERS
from geodata.region import GEOGRAPHIC_CRS, METRIC_CRS


def metric(geometry):
    return gpd.GeoSeries([geometry], crs=GEOGRAPHIC_CRS).to_crs(METRIC_CRS).iloc[0]


def test_the_38th_parallel_lies_at_38_north_on_korean_land(dataset):
    coords = shapely.get_coordinates(dataset.parallel38)
    assert set(coords[:, 1]) == {38.0}
    # West coast (Ongjin peninsula, about 125.1 E) to the east coast (about 128.7 E).
    assert coords[:, 0].min() < 125.3 and coords[:, 0].max() > 128.5
    assert dataset.land.buffer(1e-6).covers(dataset.parallel38)


def test_the_mdl_runs_from_the_han_estuary_to_the_east_coast(dataset):
    mdl = dataset.mdl.geometry.iloc[0]
    west, east = Point(mdl.coords[0]), Point(mdl.coords[-1])
    # West end at the Han River estuary near the Imjin mouth; east end on the coast
    # south of Kosong (IBS No. 22 describes the line reaching the sea near 38.6 N).
    assert west.x == pytest.approx(126.67, abs=0.05) and west.y == pytest.approx(37.83, abs=0.05)
    assert east.x == pytest.approx(128.36, abs=0.05) and east.y == pytest.approx(38.62, abs=0.05)
    coast = dataset.land.boundary
    assert metric(east).distance(metric(coast)) < 500  # metres: it ends at the shore
    assert dataset.land.buffer(0.01).covers(mdl)  # on land all the way


def test_the_dmz_is_about_four_kilometres_wide(dataset):
    mdl = metric(dataset.mdl.geometry.iloc[0])
    dmz = metric(dataset.dmz)
    mean_width_km = dmz.area / mdl.length / 1000
    assert mean_width_km == pytest.approx(4.0, abs=0.15)
    assert dmz.buffer(1).covers(mdl)


def test_the_base_map_does_not_draw_the_1953_line_as_a_border(dataset):
    """North and South are one land area: the MDL lies inside it, not along an edge."""
    mdl = dataset.mdl.geometry.iloc[0]
    middle = mdl.interpolate(0.5, normalized=True)
    assert dataset.land.contains(middle)
    assert metric(middle).distance(metric(dataset.land.boundary)) > 10_000
    assert set(dataset.basemap.index) == {"Korea", "China", "Mongolia", "USSR", "Japan"}


def test_the_china_korea_border_is_kept(dataset):
    shared = dataset.basemap.loc["Korea", "geometry"].boundary.intersection(
        dataset.basemap.loc["China", "geometry"].boundary
    )
    assert metric(shared).length > 500_000  # the Yalu and Tumen: well over 500 km


def test_layers_know_when_they_hold():
    import datetime as dt

    assert LAYERS["parallel38"].holds_on(dt.date(1948, 8, 15))
    assert not LAYERS["parallel38"].holds_on(dt.date(1950, 6, 25))
    assert not LAYERS["mdl"].holds_on(dt.date(1953, 7, 26))
    assert LAYERS["mdl"].holds_on(dt.date(1953, 7, 27))
    assert LAYERS["dmz"].valid_from == LAYERS["mdl"].valid_from


def test_every_layer_cites_its_source():
    assert all(layer.source and layer.accuracy for layer in LAYERS.values())
