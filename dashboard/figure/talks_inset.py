"""The talks' inset: from the first sitting at Kaesong (10 July 1951), the Kaesong–Panmunjom–
Munsan area at a scale where the neutral zones the delegations agreed, and from 27 July 1953
the Military Demarcation Line and the 2 km Demilitarized Zone, can be seen.

A zone's name is written "WHAT, SIZE" in English and "WHAT (SIZE)" in Korean
(geodata/neutral_zones.csv): the inset labels each zone with its size only.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import math
from collections.abc import Mapping
from types import MappingProxyType

import shapely
from shapely.geometry import box

from dashboard.figure import style
from dashboard.figure.geometry_coords import line_coords, polygon_coords
from dashboard.figure.place_traces import PlaceRow, place_rows
from dashboard.figure.projection import PARALLELS
from dashboard.figure.traces import area_trace, decoration, line_trace, plain
from dashboard.model.front import history_of
from dashboard.model.map_options import MapOptions
from dashboard.model.state import MapState, talks_open
from events.dataset import Dataset
from geodata.neutral_zones import NeutralZone
from geodata.region import KM_PER_DEGREE

GEO = "geo3"
# The area the inset shows: Kaesong's five-mile circle in the north-west, Munsan-ni's in
# the south-east, and the Imjin and Han estuary between them.
LON, LAT = (126.42, 126.90), (37.75, 38.07)
CENTRE = (sum(LON) / 2, sum(LAT) / 2)
# What the inset's layers are cut to: a little beyond its frame, so no cut edge shows.
DRAWN_AREA = box(LON[0] - 0.05, LAT[0] - 0.05, LON[1] + 0.05, LAT[1] + 0.05)
# Where the inset sits on the map: on screen over the Sea of Japan, under the page's top
# controls when presenting; in print over the Yellow Sea (the world inset above it).
SCREEN_DOMAIN = {"x": [0.70, 0.995], "y": [0.34, 0.88]}
PRINT_DOMAIN = {"x": [0.006, 0.45], "y": [0.008, 0.40]}
SCALE_KM = 5
# The zones lighten what lies under them (either side's land, or sea), edged in ink.
ZONE_LINE = style.INK
ZONE_FILL = "rgba(255, 255, 255, 0.4)"
TITLE = {"en": "Talks area", "ko": "회담 지역", "both": "Talks area · 회담 지역"}
# The front in the inset is drawn to this grid (about 500 m), well inside the line's own
# accuracy there (6-8 km): the inset then changes only on the days the line moves by more.
FRONT_GRID = 0.005


def talks_geo(active: bool, domain: dict = SCREEN_DOMAIN) -> dict:
    """The inset's frame and projection: the map's conic, fitted to the talks' area."""
    return {
        "visible": False,
        "showframe": active,
        "framecolor": style.INK,
        "framewidth": 1,
        "domain": domain,
        "projection": {"type": "conic conformal", "parallels": list(PARALLELS)},
        "center": {"lon": CENTRE[0], "lat": CENTRE[1]},
        "lonaxis": {"range": list(LON)},
        "lataxis": {"range": list(LAT)},
        "bgcolor": style.SEA if active else "rgba(0,0,0,0)",
    }


@functools.lru_cache(maxsize=8)
def _clipped(data: Dataset) -> Mapping[str, shapely.Geometry]:
    """The base layers cut to the inset's area (a little beyond it, so no edge shows);
    read-only, as every caller shares it."""
    area = DRAWN_AREA
    return MappingProxyType(
        {
            "land": data.land.intersection(area),
            "parallel38": data.parallel38.intersection(area),
            "mdl": data.mdl.geometry.iloc[0].intersection(area),
            "dmz": data.dmz.intersection(area),
        }
    )


@functools.lru_cache(maxsize=8)
def _front_stretches(data: Dataset) -> tuple[tuple[dt.date, tuple], ...]:
    """(first day, (line, UN-held, Communist-held)) for each stretch of days on which the
    front in the inset's area, drawn to FRONT_GRID, stays the same."""
    history = history_of(data)
    area = DRAWN_AREA
    stretches, before = [], None
    day = max(history.first_day, talks_open(data) or history.first_day)
    while (front := history.on(day)) is not None:
        line = shapely.set_precision(front.line.intersection(area), FRONT_GRID)
        if before is None or not line.equals(before):
            held = tuple(
                shapely.set_precision(h.intersection(area), FRONT_GRID) for h in front.held
            )
            stretches.append((day, (line, *held)))
            before = line
        day += dt.timedelta(days=1)
    return tuple(stretches)


def front_change_days(data: Dataset) -> list[dt.date]:
    """The days the front in the inset changes (the inset is redrawn on them)."""
    return [day for day, _ in _front_stretches(data)]


def _front_on(data: Dataset, day: dt.date) -> tuple | None:
    if history_of(data).on(day) is None:
        return None
    stretches = _front_stretches(data)
    return stretches[bisect.bisect_right([d for d, _ in stretches], day) - 1][1]


def _front_traces(data: Dataset, state: MapState, layers: frozenset[str]) -> list[dict]:
    """The sides and the front line on the day, as on the main map."""
    pieces = _front_on(data, state.day)
    if pieces is None:
        return []
    line, un, communist = pieces
    traces = []
    if "control" in layers:
        for area, name, fill in (
            (un, "UN", style.HELD_UN),
            (communist, "Communist", style.HELD_COMMUNIST),
        ):
            traces.append(
                area_trace(
                    polygon_coords(area),
                    name,
                    "control",
                    fill,
                    {"color": style.COAST, "width": 0.4},
                    geo=GEO,
                    showlegend=False,
                )
            )
    if "frontline" in layers:
        traces.append(
            line_trace(
                line,
                "frontline",
                "Front line",
                {"color": style.FRONT_LINE, "width": 2},
                "",
                geo=GEO,
                showlegend=False,
            )
        )
    return traces


def zone_size(zone: NeutralZone, lang: str) -> str:
    """'5 miles' or '5마일': the size part of the zone's name. In "both" the English
    alone: a size reads the same in either language, and one line leaves room."""
    if lang == "ko":
        return plain(zone.name_ko.rsplit("(", 1)[-1].rstrip(")"))
    return plain(zone.name_en.rsplit(", ", 1)[-1])


def _zone_traces(data: Dataset, zones: tuple[NeutralZone, ...], lang: str) -> list[dict]:
    traces = [
        area_trace(
            polygon_coords(z.area),
            z.name_en,
            "venues",
            ZONE_FILL,
            {"color": ZONE_LINE, "width": 1.2, "dash": "dash" if z.shape == "circle" else "solid"},
            geo=GEO,
            showlegend=False,
        )
        for z in zones
    ]
    # A circle's size under its southern edge, clear of the places' names above their
    # points; a small circle's (the conference area) below and right of it, under its
    # venue's name; a corridor's beside its last road (Panmunjom-Munsan), on the side away
    # from Kaesong's circle.
    circles = [z for z in zones if z.shape == "circle"]
    lon = [z.area.centroid.x if z.radius_m > 2000 else z.area.bounds[2] for z in circles]
    lat = [z.area.bounds[1] for z in circles]
    where = ["bottom center" if z.radius_m > 2000 else "bottom right" for z in circles]
    labels = [zone_size(z, lang) for z in circles]
    for z in zones:
        if z.shape == "corridor":
            (x0, y0), (x1, y1) = (data.places.loc[p].geometry.coords[0] for p in z.places[-2:])
            lon.append(x0 + 0.6 * (x1 - x0))
            lat.append(y0 + 0.6 * (y1 - y0))
            where.append("top right")
            labels.append(zone_size(z, lang))
    traces.append(_text(lon, lat, "neutral zones' sizes", labels, where, 10))
    return traces


def _text(lon: list, lat: list, name: str, text: list, where, size: int) -> dict:
    """Words in the inset, in ink with the names' halo: its title, the scale, the zones'
    sizes."""
    return decoration(
        lon,
        lat,
        name,
        "venues",
        geo=GEO,
        mode="text",
        text=text,
        textposition=where,
        textfont=style.name_font(size),  # haloed where a zone's edge or a road crosses
    )


def _armistice_traces(data: Dataset, state: MapState, layers: frozenset[str]) -> list[dict]:
    """The MDL and DMZ once in force (or, asked for, as the future line)."""
    shown = state.mdl_in_force or "future" in layers
    clipped = _clipped(data)
    traces = []
    if "dmz" in layers and shown:
        traces.append(
            area_trace(
                polygon_coords(clipped["dmz"]),
                "DMZ",
                "dmz",
                style.DMZ_FILL if state.mdl_in_force else "rgba(120, 120, 120, 0.12)",
                {"color": style.MDL if state.mdl_in_force else style.FUTURE, "width": 0.5},
                geo=GEO,
                showlegend=False,
            )
        )
    if "mdl" in layers and shown:
        traces.append(
            line_trace(
                clipped["mdl"],
                "mdl",
                "MDL",
                {
                    "color": style.MDL if state.mdl_in_force else style.FUTURE,
                    "width": 2.5 if state.mdl_in_force else 1.5,
                    "dash": "solid" if state.mdl_in_force else "dash",
                },
                "",
                geo=GEO,
                showlegend=False,
            )
        )
    return traces


@functools.lru_cache(maxsize=8)
def _inset_places(data: Dataset) -> tuple[PlaceRow, ...]:
    """The venues and the delegations' bases, the same on every day."""
    ids = list(dict.fromkeys(p for z in data.neutral_zones for p in z.places))
    return place_rows(data.places.loc[[p for p in ids if p in data.places.index]])


def _places_traces(data: Dataset, state: MapState, lang: str) -> list[dict]:
    """The venues and the delegations' bases, the venue in session in amber."""
    places = _inset_places(data)
    sitting = {m.place for m in state.sessions}
    names = [p.name(lang, stacked=True) for p in places]
    venue = [p.kind == "venue" for p in places]
    return [
        {
            "type": "scattergeo",
            "geo": GEO,
            "mode": "markers+text",
            "lon": [p.lon for p in places],
            "lat": [p.lat for p in places],
            "text": [
                f"<b>{name}</b>" if p.pid in sitting else name
                for p, name in zip(places, names, strict=True)
            ],
            "textposition": [LABEL_SIDE.get(p.pid, "top right") for p in places],
            "textfont": style.name_font(11),
            "hoverinfo": "skip",
            "marker": {
                "size": [
                    (14 if p.pid in sitting else 9) if v else 6
                    for p, v in zip(places, venue, strict=True)
                ],
                "symbol": ["diamond" if v else "circle" for v in venue],
                "color": [
                    style.VENUE_ACTIVE if p.pid in sitting else "white" if v else style.INK
                    for p, v in zip(places, venue, strict=True)
                ],
                "line": {"color": style.INK, "width": 1.2},
            },
            "showlegend": False,
            "name": "talks' places",
            "meta": {"layer": "venues"},
        }
    ]


# Where each name sits beside its point in the inset: Kaesong's above it (on the left it
# would leave the frame), Munsan's to its right (above, it would lie on the road from
# Panmunjom). Positions only: the places come from the data.
LABEL_SIDE = {"kaesong": "top center", "panmunjom": "top right", "munsan": "middle right"}


def _dressing(lang: str) -> list[dict]:
    """The inset's title and a 5 km scale bar (the conic is true to 0.1% here)."""
    km = SCALE_KM / (KM_PER_DEGREE * math.cos(math.radians(CENTRE[1])))  # in longitude
    # Bottom left, over the Han estuary: the one corner the zones and names leave free.
    x0, y = LON[0] + 0.02, LAT[0] + 0.02
    x1 = x0 + km
    return [
        _text(
            [LON[0] + 0.015],
            [LAT[1] - 0.015],
            "inset title",
            [f"<b>{TITLE[lang]}</b>"],
            "bottom right",
            12,
        ),
        decoration(
            [x0, x1, None, x0, x0, None, x1, x1],
            [y, y, None, y - 0.004, y + 0.004, None, y - 0.004, y + 0.004],
            "inset scale bar",
            "venues",
            geo=GEO,
            line={"color": style.INK, "width": 1.5},
        ),
        _text([(x0 + x1) / 2], [y], "inset scale", [f"{SCALE_KM} km"], "top center", 10),
    ]


def talks_inset_traces(data: Dataset, state: MapState, options: MapOptions) -> list[dict]:
    """Everything the inset draws on a day; none before the talks open, or without the
    venues layer."""
    if not talks_shown(state, options):
        return []
    clipped = _clipped(data)
    land = area_trace(
        polygon_coords(clipped["land"]),
        "Korea",
        "venues",
        style.LAND_KOREA,
        {"color": style.COAST, "width": 0.8},
        geo=GEO,
        showlegend=False,
    )
    parallel = []
    if "parallel38" in options.layers:
        parallel = [
            line_trace(
                clipped["parallel38"],
                "parallel38",
                "38th parallel",
                {"color": style.PARALLEL38, "width": 1.2, "dash": "dot"},
                "",
                geo=GEO,
                showlegend=False,
            )
        ]
    traces = [
        land,
        *_front_traces(data, state, options.layers),
        *_armistice_traces(data, state, options.layers),
        *parallel,
        *_zone_traces(data, state.zones, options.lang),
        *_places_traces(data, state, options.lang),
        *_dressing(options.lang),
    ]
    # All of it is the inset (as the world locator's traces are): what each trace shows
    # is kept apart, so that nothing that acts on the main map's layers acts on it.
    return [{**t, "meta": {"layer": "inset", "shows": t["meta"]["layer"]}} for t in traces]


def talks_shown(state: MapState, options: MapOptions) -> bool:
    return state.talks_area and "venues" in options.layers


def locator_trace(state: MapState, options: MapOptions) -> dict:
    """On the main map, the outline of the inset's area (empty, but there, before)."""
    lons, lats = line_coords(box(LON[0], LAT[0], LON[1], LAT[1]).exterior)
    shown = talks_shown(state, options)
    return decoration(
        list(lons) if shown else [],
        list(lats) if shown else [],
        "talks' area",
        "venues",
        line={"color": style.INK, "width": 1},
    )
