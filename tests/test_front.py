"""Front lines: every keyframe cited and on land; the state on any day of the war."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from dashboard.front import front_on, held_areas, resample, uncertainty_band
from geodata.catalogue import ARMISTICE, INVASION
from geodata.frontlines import load_frontlines
from geodata.problems import DataError
from geodata.region import GEOGRAPHIC_CRS, METRIC_CRS

# The fastest the drawn front moves in a day: 25-28 June 1950, when the east end runs
# from the parallel to Samch'ok (about 130 km in three days). Nothing else comes close.
FASTEST_KM_PER_DAY = 55
war_days = st.dates(min_value=INVASION, max_value=ARMISTICE)
# The dataset fixture is loaded once per session and never changed by a test.
SESSION_FIXTURE = [HealthCheck.function_scoped_fixture]


def metric(*geometries):
    # make_valid: reprojecting can pinch a ring that was valid in degrees.
    return gpd.GeoSeries(list(geometries), crs=GEOGRAPHIC_CRS).to_crs(METRIC_CRS).make_valid()


def test_at_least_15_cited_keyframes_from_invasion_to_armistice(dataset):
    keyframes = dataset.keyframes
    assert len(keyframes) >= 15
    assert keyframes[0].day == INVASION and keyframes[-1].day == ARMISTICE
    for k in keyframes:
        assert k.sources and all(len(s) > 20 for s in k.sources), k.day
        assert 0 < k.accuracy_km <= 50, k.day
        assert k.line.is_valid and k.line.length > 0, k.day
        if k.day != ARMISTICE:  # the last keyframe is the MDL itself
            assert len(k.waypoints) == len(k.line.coords), k.day


def test_keyframe_lines_lie_on_land_within_their_accuracy(dataset):
    for k in dataset.keyframes:
        line, land = metric(k.line, dataset.land)
        off_land = line.difference(land.buffer(k.accuracy_km * 1000))
        assert off_land.length < 0.02 * line.length, k.day


def test_the_last_keyframe_is_the_mdl_and_the_first_the_parallel(dataset):
    assert dataset.keyframes[-1].line.equals(dataset.mdl.geometry.iloc[0])
    ys = np.asarray(dataset.keyframes[0].line.coords)[:, 1]
    assert np.allclose(ys, 38.0, atol=0.05)


def test_a_keyframe_day_shows_that_keyframe(dataset):
    for k in dataset.keyframes:
        front = front_on(list(dataset.keyframes), list(dataset.enclaves), k.day)
        assert front.line.equals(k.line) and front.status == f"keyframe: {k.label}"


def test_between_keyframes_the_status_says_interpolated(dataset):
    front = front_on(list(dataset.keyframes), list(dataset.enclaves), dt.date(1950, 8, 15))
    assert front.status == "interpolated between 4 Aug 1950 and 5 Sep 1950"
    assert front.keyframe is None


def test_no_front_outside_the_war(dataset):
    for day in (dt.date(1950, 6, 24), dt.date(1953, 7, 28)):
        assert front_on(list(dataset.keyframes), list(dataset.enclaves), day) is None


@settings(max_examples=25, deadline=None, suppress_health_check=SESSION_FIXTURE)
@given(day=war_days)
def test_held_areas_partition_the_land(dataset, day):
    front = front_on(list(dataset.keyframes), list(dataset.enclaves), day)
    un, communist = held_areas(dataset.land, front)
    land, un_m, communist_m = metric(dataset.land, un, communist)
    assert un.is_valid and communist.is_valid
    assert un_m.intersection(communist_m).area < 1e-6 * land.area
    assert abs(un_m.area + communist_m.area - land.area) < 0.01 * land.area


@settings(max_examples=25, deadline=None, suppress_health_check=SESSION_FIXTURE)
@given(day=st.dates(min_value=INVASION, max_value=ARMISTICE - dt.timedelta(days=1)))
def test_a_day_moves_the_line_no_more_than_its_keyframes_allow(dataset, day):
    keyframes, pockets = list(dataset.keyframes), list(dataset.enclaves)
    today = front_on(keyframes, pockets, day)
    tomorrow = front_on(keyframes, pockets, day + dt.timedelta(days=1))
    a, b = metric(today.line, tomorrow.line)
    moved_km = a.hausdorff_distance(b) / 1000
    before = max((k for k in keyframes if k.day <= day), key=lambda k: k.day)
    after = min((k for k in keyframes if k.day > day), key=lambda k: k.day)
    # Each resampled point walks straight from one keyframe to the next at constant speed.
    start = metric(*[Point(p) for p in resample(before.line)])
    end = metric(*[Point(p) for p in resample(after.line)])
    fastest = max(s.distance(e) for s, e in zip(start, end, strict=True)) / 1000
    assert moved_km <= fastest / (after.day - before.day).days + 1.0
    assert moved_km <= FASTEST_KM_PER_DAY


def test_the_uncertainty_band_is_as_wide_as_stated(dataset):
    front = front_on(list(dataset.keyframes), list(dataset.enclaves), dt.date(1951, 6, 15))
    band, line = metric(uncertainty_band(front, dataset.land), front.line)
    assert band.buffer(1).covers(line.intersection(metric(dataset.land).iloc[0]))
    assert band.area / line.length / 1000 == pytest.approx(2 * front.accuracy_km, rel=0.35)


def test_the_inchon_pocket_is_un_held_in_september_1950(dataset):
    front = front_on(list(dataset.keyframes), list(dataset.enclaves), dt.date(1950, 9, 20))
    un, _ = held_areas(dataset.land, front)
    inchon = dataset.places.loc["inchon"].geometry
    pusan = dataset.places.loc["pusan"].geometry
    taejon = dataset.places.loc["taejon"].geometry
    assert un.buffer(0.01).contains(inchon) and un.contains(pusan) and not un.contains(taejon)


def test_a_broken_frontlines_file_reports_every_problem():
    path = Path("tests/fixtures/bad/frontlines_broken.geojson")
    with pytest.raises(DataError) as caught:
        load_frontlines(path)
    assert str(caught.value).splitlines() == [
        f"{path}:3: geometry: runs east to west (waypoints from west to east)",
        f"{path}:4: accuracy_km: 0 is out of range (more than 0, at most 100)",
        f"{path}:5: date: a second line for 1950-06-25, first on line 2 (one line per date)",
        f"{path}:6: date: '1950-06-31' is not a date (YYYY-MM-DD)",
    ]


def test_x_corps_stands_apart_from_eighth_army_on_24_november_1950(dataset):
    """The mountain gap east of Tokch'on was held by no UN unit: not shaded UN-held."""
    front = front_on(list(dataset.keyframes), list(dataset.enclaves), dt.date(1950, 11, 24))
    un, _ = held_areas(dataset.land, front)
    hagaru, gap = Point(127.249, 40.384), Point(126.8, 40.0)
    assert un.contains(hagaru) and not un.contains(gap)
    assert un.contains(dataset.places.loc["pyongyang"].geometry)
