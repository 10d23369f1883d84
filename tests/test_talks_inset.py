"""The talks' inset: shown from the first sitting, with the neutral zones in force on
every day, the day's front within the inset's drawing grid, and the MDL and DMZ after
the armistice; in print beside, not over, the world locator."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import LineString

from dashboard.export.captions import caption
from dashboard.export.print_layout import for_print
from dashboard.figure.map_figure import build_figure
from dashboard.figure.talks_inset import DRAWN_AREA, FRONT_GRID, talks_shown
from dashboard.model.front import history_of
from dashboard.model.map_options import MapOptions
from dashboard.model.state import TIMELINE_END, TIMELINE_START, day_number, state_at, talks_open
from geodata.catalogue import ARMISTICE
from geodata.region import GEOGRAPHIC_CRS, METRIC_CRS

ONE_DAY = dt.timedelta(days=1)


def every_day(first: dt.date = TIMELINE_START, last: dt.date = TIMELINE_END):
    day = first
    while day <= last:
        yield day
        day += ONE_DAY


def test_the_inset_opens_with_the_talks_at_kaesong_and_stays(dataset):
    assert talks_open(dataset) == dt.date(1951, 7, 10)
    options = MapOptions()
    for day in every_day():
        assert talks_shown(state_at(dataset, day), options) == (day >= dt.date(1951, 7, 10)), day
    off = MapOptions(layers=options.layers - {"venues"})
    assert not talks_shown(state_at(dataset, dt.date(1952, 1, 1)), off)


def test_the_zones_in_force_on_every_day(dataset):
    october = {"panmunjom_conference_area", "conference_road_corridors", "kaesong_area"}
    october.add("munsan_area")
    for day in every_day():
        zones = {z.id for z in state_at(dataset, day).zones}
        if dt.date(1951, 7, 15) <= day <= dt.date(1951, 10, 21):
            assert zones == {"kaesong_neutral_zone"}, day
        elif dt.date(1951, 10, 22) <= day <= ARMISTICE:
            assert zones == october, day
        else:
            assert zones == set(), day


def _metric(geometry) -> shapely.Geometry:
    return gpd.GeoSeries([geometry], crs=GEOGRAPHIC_CRS).to_crs(METRIC_CRS).iloc[0]


def test_the_zones_have_the_sizes_the_agreements_give(dataset):
    zones = {z.id: _metric(z.area) for z in dataset.neutral_zones}
    for zone_id, radius in [
        ("kaesong_neutral_zone", 5 * 1609.344),  # five miles
        ("panmunjom_conference_area", 1000 * 0.9144),  # 1,000 yards
        ("kaesong_area", 3 * 1609.344),
        ("munsan_area", 3 * 1609.344),
    ]:
        assert zones[zone_id].area == pytest.approx(3.14159 * radius**2, rel=0.01), zone_id
    corridor = zones["conference_road_corridors"]
    # 200 m each side: the area over the length of the roads it follows is 400 m.
    places = [dataset.places.loc[p].geometry for p in ("kaesong", "panmunjom", "munsan")]
    roads = _metric(LineString(places)).length
    assert corridor.area / roads == pytest.approx(400, rel=0.02)


def _inset_front(bundle: dict, day: dt.date):
    epoch = next(e for e in bundle["epochs"] if e["from"] <= day_number(day) <= e["to"])
    traces = [bundle["variants"][i] for i in epoch["traces"]]
    lines = [t for t in traces if t.get("geo") == "geo3" and t["meta"]["shows"] == "frontline"]
    return lines[0] if lines else None


def test_the_inset_draws_the_days_front_on_every_day_of_the_talks(dataset, bundle_of):
    bundle = bundle_of(MapOptions())
    history = history_of(dataset)
    area = DRAWN_AREA
    for day in every_day(dt.date(1951, 7, 10), ARMISTICE):
        trace = _inset_front(bundle, day)
        parts, part = [], []
        for x, y in zip(trace["lon"], trace["lat"], strict=True):
            if x is None:
                parts, part = [*parts, part], []
            else:
                part.append((x, y))
        drawn = shapely.MultiLineString([*parts, part])
        true = history.on(day).line.intersection(area)
        assert drawn.hausdorff_distance(true) <= 2 * FRONT_GRID, day
    assert _inset_front(bundle, ARMISTICE + ONE_DAY) is None


def test_the_mdl_and_dmz_show_in_the_inset_from_the_armistice(dataset):
    for day, expected in ((ARMISTICE - ONE_DAY, set()), (ARMISTICE, {"mdl", "dmz"})):
        figure = build_figure(dataset, state_at(dataset, day), MapOptions())
        layers = {t["meta"]["shows"] for t in figure["data"] if t.get("geo") == "geo3"}
        assert layers & {"mdl", "dmz"} == expected, day


def test_in_print_the_talks_inset_and_the_world_locator_do_not_overlap(dataset):
    # 3 December 1952: the General Assembly's resolution 610 (VII) in New York, and the
    # talks' zones: both insets at once.
    figure = build_figure(dataset, state_at(dataset, dt.date(1952, 12, 3)), MapOptions())
    printed = for_print(figure, "", "3 December 1952", "en")["layout"]
    assert printed["geo2"]["showframe"] and printed["geo3"]["showframe"]
    world, talks = printed["geo2"]["domain"], printed["geo3"]["domain"]
    assert world["y"][0] > talks["y"][1] or talks["y"][0] > world["y"][1]


def test_the_caption_says_what_the_inset_shows_and_cites_each_zone(dataset):
    made = caption(dataset, state_at(dataset, dt.date(1951, 11, 1)), MapOptions(), "")
    assert "An inset shows the Kaesong–Panmunjom–Munsan area at a larger scale" in made.paragraph
    assert "Panmunjom conference area, 1,000 yards (FRUS 1951, vol. VII, pt. 1, docs. 632, 646" in (
        made.paragraph
    )
    assert "drawn within about 2 km" in made.paragraph
    before = caption(dataset, state_at(dataset, dt.date(1951, 7, 1)), MapOptions(), "")
    assert "inset" not in before.paragraph
