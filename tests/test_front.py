"""The front on every day of the war: the keyframes behind it, the line from coast to coast,
the land each side held, and every control fact on every day of its range."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import Point, box

from dashboard.model.front import history_of, uncertainty_band
from geodata.catalogue import ARMISTICE, INVASION
from geodata.frontlines import load_frontlines
from geodata.problems import DataError
from geodata.region import GEOGRAPHIC_CRS, METRIC_CRS

DENSE_UNTIL = dt.date(1951, 7, 15)  # the war of movement: keyframes at most 21 days apart
COAST_TOLERANCE = 0.002  # degrees: a line's end lies on the coast (it is rounded to 0.001)


def metric(*geometries):
    # make_valid: reprojecting can pinch a ring that was valid in degrees.
    return gpd.GeoSeries(list(geometries), crs=GEOGRAPHIC_CRS).to_crs(METRIC_CRS).make_valid()


@pytest.fixture(scope="module")
def history(dataset):
    return history_of(dataset)


def war_days():
    return [INVASION + dt.timedelta(days=n) for n in range((ARMISTICE - INVASION).days + 1)]


def test_at_least_40_cited_keyframes_from_invasion_to_armistice(dataset):
    keyframes = dataset.keyframes
    assert len(keyframes) >= 40
    assert keyframes[0].day == INVASION and keyframes[-1].day == ARMISTICE
    for k in keyframes:
        assert k.sources and all(s.strip() for s in k.sources), k.day
        assert 0 < k.accuracy_km <= 50, k.day
        if k.day != ARMISTICE:  # the last keyframe is the MDL itself
            assert len(k.waypoints) == len(k.line.coords), k.day


def test_no_gap_between_keyframes_longer_than_21_days_in_the_war_of_movement(dataset):
    days = [k.day for k in dataset.keyframes]
    for a, b in itertools.pairwise(days):
        if a < DENSE_UNTIL:
            assert (b - a).days <= 21, (a, b)


def test_the_last_keyframe_is_the_mdl_and_the_first_the_parallel(dataset):
    assert dataset.keyframes[-1].line.equals(dataset.mdl.geometry.iloc[0])
    first = dataset.keyframes[0].line
    assert np.allclose(np.asarray(first.coords)[:, 1], 38.0, atol=0.05)


def test_keyframe_lines_lie_on_land_within_their_accuracy(dataset):
    land = metric(dataset.land)[0]
    for k in dataset.keyframes:
        line, reach = metric(k.line)[0], k.accuracy_km * 1000
        # Only land within reach of the line's box can bring the line within reach of land:
        # buffering that part alone gives the same answer as buffering the peninsula.
        near = land.intersection(box(*line.bounds).buffer(reach, join_style="mitre"))
        off_land = line.difference(near.buffer(reach))
        assert off_land.length < 0.02 * line.length, k.day


def test_there_is_a_front_on_every_day_of_the_war_and_none_outside(history):
    assert [f.day for f in history.days] == war_days()
    assert history.on(INVASION - dt.timedelta(days=1)) is None
    assert history.on(ARMISTICE + dt.timedelta(days=1)) is None


def test_every_day_the_line_runs_from_the_west_coast_to_the_east_coast(dataset, history):
    coast = history.coast
    pusan = coast.line.project(dataset.places.geometry["pusan"])
    for front in history.days:
        line = np.asarray(front.line.coords)
        west, east = Point(line[0]), Point(line[-1])
        assert coast.line.distance(west) < COAST_TOLERANCE, front.day
        assert coast.line.distance(east) < COAST_TOLERANCE, front.day
        # Positions along the coast run down the west coast, along the south coast and up
        # the east coast: the west (or south) end lies before Pusan, the east end after it.
        assert coast.line.project(west) < pusan < coast.line.project(east), front.day


def test_every_day_each_side_holds_between_2_and_98_percent_of_the_land(history):
    land = history.coast.land.area
    for front in history.days:
        un, communist = front.held
        assert 0.02 <= un.area / land <= 0.98, front.day
        assert 0.02 <= communist.area / land <= 0.98, front.day


def test_every_day_the_held_areas_are_valid_never_overlap_and_cover_the_land(history):
    land = history.coast.land
    un = np.array([f.held[0] for f in history.days], dtype=object)
    communist = np.array([f.held[1] for f in history.days], dtype=object)
    assert shapely.is_valid(un).all() and shapely.is_valid(communist).all()
    overlap = shapely.area(shapely.intersection(un, communist))
    assert (overlap < 1e-9 * land.area).all()
    covered = shapely.area(shapely.union(un, communist))
    assert (np.abs(covered - land.area) < 1e-5 * land.area).all()


def test_every_control_fact_holds_on_every_day_of_its_range(dataset, history):
    """The town lies in its holder's area (or, a coastal town just off the simplified coast,
    nearer its holder's area than the other side's and within 5 km of it)."""
    wrong = []
    for front in history.days:
        facts = [f for f in dataset.control_facts if f.first_day <= front.day <= f.last_day]
        if not facts:
            continue
        points = np.array([f.point for f in facts], dtype=object)
        to_un = shapely.distance(front.held[0], points)
        to_communist = shapely.distance(front.held[1], points)
        for fact, un, communist in zip(facts, to_un, to_communist, strict=True):
            mine, other = (un, communist) if fact.held_by == "UN" else (communist, un)
            if not (mine <= other and mine < 0.045):
                wrong.append(f"{front.day}: {fact.place} (control_facts.csv:{fact.line})")
    assert wrong == []


def test_the_control_facts_follow_the_towns_the_histories_name(dataset):
    facts = dataset.control_facts
    assert len(facts) >= 40
    towns = {
        "seoul", "pyongyang", "inchon", "suwon", "taejon", "kunsan", "chinju", "taegu",
        "pusan", "wonsan", "hamhung", "hungnam", "kaesong", "munsan", "chunchon", "wonju",
        "haeju", "ongjin", "sokcho",
    }  # fmt: skip
    assert towns <= {f.place for f in facts}
    # Seoul through each change of hands: lost, retaken, lost, retaken.
    seoul = [f.held_by for f in sorted(facts, key=lambda f: f.first_day) if f.place == "seoul"]
    assert [k for k, _ in itertools.groupby(seoul)] == ["UN", "communist"] * 2 + ["UN"]
    for fact in facts:
        land = dataset.land
        assert land.distance(fact.point) < 0.045, fact.place  # the map has land there


def test_lecture_moments_are_drawn_on_their_day(dataset, history):
    places = dataset.places.geometry

    def holder(day: dt.date, point: Point) -> str:
        un, communist = history.on(day).held
        return "UN" if un.distance(point) <= communist.distance(point) else "communist"

    # The Inchon beachhead on the day of the landing, and the Perimeter behind the Naktong.
    sept15 = history.on(dt.date(1950, 9, 15))
    assert [p.name for p in sept15.pockets if p.held_by == "UN"]
    assert holder(dt.date(1950, 9, 15), Point(126.60, 37.475)) == "UN"  # Wolmi-do
    assert holder(dt.date(1950, 9, 15), places["taejon"]) == "communist"
    # Hamhung held by X Corps on 20 Nov 1950, apart from Eighth Army.
    assert holder(dt.date(1950, 11, 20), Point(127.536, 39.918)) == "UN"
    # The Hungnam pocket ends with the evacuation on 24 Dec 1950.
    assert any(p.held_by == "UN" for p in history.on(dt.date(1950, 12, 24)).pockets)
    assert not any(p.held_by == "UN" for p in history.on(dt.date(1950, 12, 25)).pockets)
    # Seoul: held on 3 Jan 1951, lost by 5 Jan, retaken in March.
    assert holder(dt.date(1951, 1, 3), places["seoul"]) == "UN"
    assert holder(dt.date(1951, 1, 5), places["seoul"]) == "communist"
    assert holder(dt.date(1951, 3, 16), places["seoul"]) == "UN"
    # Inchon retaken on 10 Feb 1951.
    assert holder(dt.date(1951, 2, 8), places["inchon"]) == "communist"
    assert holder(dt.date(1951, 2, 11), places["inchon"]) == "UN"


def test_the_spring_offensive_of_1951_shows(history):
    land = history.coast.land.area

    def un_share(day):
        return history.on(day).held[0].area / land

    assert un_share(dt.date(1951, 4, 30)) < un_share(dt.date(1951, 4, 22))
    assert un_share(dt.date(1951, 5, 20)) < un_share(dt.date(1951, 5, 16))
    assert un_share(dt.date(1951, 6, 13)) > un_share(dt.date(1951, 5, 20))


def test_the_kumsong_salient_stands_until_july_1953_and_then_falls(history):
    """The salient's bulge stood from the autumn of 1951 and was lost on 13-20 July 1953:
    it must not shrink over the months before."""
    bulge = Point(127.62, 38.37)  # inside the salient, south of Kumsong
    for day in (dt.date(1951, 11, 27), dt.date(1952, 7, 1), dt.date(1953, 7, 12)):
        un, _ = history.on(day).held
        assert un.contains(bulge), day
    _, communist = history.on(dt.date(1953, 7, 20)).held
    assert communist.contains(bulge)


def test_the_north_east_is_held_apart_from_eighth_army_in_november_1950(dataset, history):
    """X Corps and ROK I Corps in the north-east; the mountain gap between them and Eighth
    Army is not shaded UN-held."""
    front = history.on(dt.date(1950, 11, 24))
    un, _ = front.held
    hagaru, gap = Point(127.249, 40.384), Point(126.8, 40.0)
    assert un.contains(hagaru) and not un.contains(gap)
    assert un.contains(dataset.places.geometry["pyongyang"])
    assert any(p.held_by == "UN" and "north-east" in p.name for p in front.pockets)


def test_the_uncertainty_band_is_as_wide_as_stated(history):
    front = history.on(dt.date(1951, 6, 15))
    band, line = metric(uncertainty_band(front, history.coast), front.line)
    assert band.area / line.length / 1000 == pytest.approx(2 * front.accuracy_km, rel=0.35)


def test_a_keyframe_day_shows_that_keyframe_and_between_the_status_says_interpolated(history):
    for day in (dt.date(1950, 9, 15), dt.date(1951, 3, 14)):
        front = history.on(day)
        assert front.keyframe is not None and front.keyframe.day == day
        assert front.status == f"keyframe: {front.keyframe.label}"
    between = history.on(dt.date(1950, 8, 8))
    assert between.keyframe is None
    assert between.status == "interpolated between 4 August 1950 and 12 August 1950"


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
