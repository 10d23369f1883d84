"""The places on the map: cities (named always, or while an event there is shown), names
called out beside their points with a leader line, and the negotiation venues, idle or in
session. Used by the one figure builder (dashboard/figure/map_figure.py)."""

from __future__ import annotations

import functools
from typing import NamedTuple

import geopandas as gpd

from dashboard.figure import style
from dashboard.figure.traces import decoration, in_language, place_name
from dashboard.model.cache import kept
from dashboard.model.state import MapState, event_marks
from events.dataset import Dataset


def _padded(labels: list[str], positions: list[str]) -> list[str]:
    """Two no-break spaces on the point's side keep a label clear of an event marker there."""
    gap = "\u00a0\u00a0"
    return [
        f"{gap}{text}" if "right" in where else f"{text}{gap}" if "left" in where else text
        for text, where in zip(labels, positions, strict=True)
    ]


class PlaceRow(NamedTuple):
    """A place as its trace needs it: read from the frame once, then only read."""

    pid: str
    lon: float
    lat: float
    kind: str  # "city", "venue", ...
    position: str  # where its name sits beside its point
    label: str  # "always", or when it is named (geodata/places.geojson)
    name_en: str
    name_ko: str

    def name(self, lang: str, stacked: bool = False) -> str:
        return in_language(self.name_en, self.name_ko, lang, stacked)


def place_rows(places: gpd.GeoDataFrame) -> tuple[PlaceRow, ...]:
    """The frame's places, in its order, as rows (points rounded to 5 decimals, about 1 m)."""
    return tuple(
        PlaceRow(
            pid,
            round(r.geometry.x, 5),
            round(r.geometry.y, 5),
            r["kind"],
            r["label_position"],
            r["label"],
            r["name_en"],
            r["name_ko"],
        )
        for pid, r in places.iterrows()
    )


def _places_trace(
    places: tuple[PlaceRow, ...],
    layer: str,
    name: str,
    marker: dict,
    labels: list[str],
    positions: list[str] | None = None,
    **extra,
) -> dict:
    positions = [p.position for p in places] if positions is None else positions
    return {
        "type": "scattergeo",
        "mode": "markers+text",
        "lon": [p.lon for p in places],
        "lat": [p.lat for p in places],
        "text": _padded(labels, positions),
        "textposition": positions if places else "middle right",
        "hovertext": [p.name("both") for p in places],
        "hoverinfo": "text",
        "marker": marker,
        "name": name,
        "customdata": [["place", p.pid] for p in places],
        "meta": {"layer": layer},
        "legendgroup": layer,
        **extra,
    }


@functools.lru_cache(maxsize=8)
def _home_cities(data: Dataset) -> tuple[PlaceRow, ...]:
    return place_rows(data.places[(data.places["kind"] == "city") & ~data.places["abroad"]])


@kept(maxsize=16)
def cities_traces(
    data: Dataset,
    lang: str,
    named: frozenset[str] = frozenset(),
    sitting: frozenset[str] = frozenset(),
) -> list[dict]:
    """The cities, and the names called out beside them (CALLOUTS): the main ones always
    named, the others while an event there is shown (a caption that speaks of Ongjin has
    Ongjin named on its map), unless they lie in the crowd of an always-named place (Munsan
    beside Panmunjom: its marker and hover name it, and a label there would print over its
    neighbours' when presenting)."""
    cities = _home_cities(data)
    crowded = _crowded(data)
    labelled = [c.label == "always" or (c.pid in named and c.pid not in crowded) for c in cities]
    labels = [
        c.name(lang) if lab and c.pid not in sitting and c.pid not in CALLOUTS else ""
        for c, lab in zip(cities, labelled, strict=True)
    ]
    called = [c.pid for c, lab in zip(cities, labelled, strict=True) if lab and c.pid in CALLOUTS]
    # Places named only on hover are drawn smaller and grey, so no dot looks unnamed.
    return [
        _places_trace(
            cities,
            "cities",
            "Cities",
            {
                "size": [6 if lab else 4 for lab in labelled],
                "color": [style.INK if lab else style.MUTED for lab in labelled],
            },
            labels,
            textfont=style.name_font(style.CITY_LABEL_SIZE),
        ),
        *_callouts(data, lang, called),
    ]


# Names set apart from their points, with a leader line, where the Kaesong-Inchon corner
# has no room beside the point: (degrees east, degrees north) from the point to the name.
CALLOUTS = {"ongjin": (-0.7, -0.95)}


def _callouts(data: Dataset, lang: str, called: list[str]) -> list[dict]:
    """The called-out names and their leader lines (empty traces when none is named)."""
    lon, lat, text, sides, line_lon, line_lat = [], [], [], [], [], []
    for pid in called:
        point = data.places.loc[pid].geometry
        dx, dy = CALLOUTS[pid]
        lon.append(point.x + dx)
        lat.append(point.y + dy)
        text.append(place_name(data.places.loc[pid], lang))
        sides.append("middle left" if dx < 0 else "middle right")
        # The line stops short of the dot, so the dot stays clear.
        line_lon += [point.x + 0.12 * dx, point.x + dx, None]
        line_lat += [point.y + 0.12 * dy, point.y + dy, None]
    return [
        decoration(
            line_lon, line_lat, "leader lines", "cities", line={"color": style.MUTED, "width": 0.8}
        ),
        decoration(
            lon,
            lat,
            "called-out names",
            "cities",
            mode="text",
            text=text,
            textposition=sides or "middle left",
            textfont=style.name_font(style.CITY_LABEL_SIZE),
        ),
    ]


CROWD_DEGREES = 0.2  # about 20 km: nearer than this to a named place, a town stays a dot


@functools.lru_cache(maxsize=8)
def _crowded(data: Dataset) -> frozenset[str]:
    """Places within CROWD_DEGREES of a place that is always named."""
    home = data.places[~data.places["abroad"]]
    named = home[home["label"] == "always"].geometry
    return frozenset(
        pid
        for pid, point in home.geometry.items()
        if any(0 < point.distance(other) < CROWD_DEGREES for other in named)
    )


def _home_places(data: Dataset) -> gpd.GeoDataFrame:
    """The places in Korea (a new frame each call: callers may narrow it as they like)."""
    return data.places[~data.places["abroad"]]


@functools.lru_cache(maxsize=8)
def venue_places(data: Dataset) -> frozenset[str]:
    """Places that get a venue marker: venues, and wherever talks sat (Seoul, 1946-47)."""
    sitting = {m.place for m in event_marks(data) if m.in_session}
    return frozenset(sitting | set(data.places.index[data.places["kind"] == "venue"]))


# Kaesong and Panmunjom stand on the 38th parallel; beside their points, their names hid
# the whole dividing line at laptop size. Kaesong's is always above and to the left (north
# of the 1951-53 front, which runs south of Kaesong, and clear of Ongjin's marker; data:
# geodata/places.geojson). Panmunjom's goes above the line while it divides Korea, and
# from 25 June 1950 beside its point again, where above it would lie on the front and the
# 1953 line that run north-east from Panmunjom.
ABOVE_THE_PARALLEL = {"panmunjom": "top right"}


@functools.lru_cache(maxsize=8)
def _home_ids(data: Dataset) -> frozenset[str]:
    return frozenset(_home_places(data).index)


def venue_traces(data: Dataset, state: MapState, lang: str) -> list[dict]:
    home = _home_ids(data)
    sittings = {m.place: m.id for m in state.sessions if m.place in home}
    return _venue_traces_for(data, tuple(sittings.items()), lang, state.parallel38_divides)


def _label_positions(places: tuple[PlaceRow, ...], parallel_divides: bool) -> list[str]:
    moved = ABOVE_THE_PARALLEL if parallel_divides else {}
    return [moved.get(p.pid, p.position) for p in places]


@kept(maxsize=64)
def _venue_traces_for(
    data: Dataset, sittings: tuple[tuple[str, str], ...], lang: str, parallel_divides: bool
) -> list[dict]:
    """Idle venues and venues in session (place, sitting event); few combinations: cached."""
    home = _home_places(data)
    active_ids = [place for place, _ in sittings]
    venue_ids = [p for p in home.index if home.loc[p, "kind"] == "venue"]
    idle = place_rows(home.loc[[p for p in venue_ids if p not in active_ids]])
    active = place_rows(home.loc[list(active_ids)])
    idle_labels = [p.name(lang) for p in idle]
    # The name alone, in bold: the large amber diamond says "talks in session" (the legend
    # explains it), which keeps the label short in the crowded Kaesong–Seoul corner.
    # In "both", a venue in session named to its right (Panmunjom) has English over Korean:
    # its bold name is the widest label of the crowded corner, and would reach the talks'
    # inset when presenting. (Kaesong's, above and to its left, runs out over the sea.)
    active_labels = [f"<b>{p.name(lang, stacked='right' in p.position)}</b>" for p in active]
    return [
        _places_trace(
            idle,
            "venues",
            "Negotiation venue",
            {
                "size": 9,
                "color": "white",
                "symbol": "diamond",
                "line": {"color": style.VENUE_IDLE, "width": 2},
            },
            idle_labels,
            _label_positions(idle, parallel_divides),
            textfont=style.name_font(style.LABEL_SIZE),
        ),
        {
            **_places_trace(
                active,
                "venues",
                "Talks in session",
                {
                    "size": 20,
                    "color": style.VENUE_ACTIVE,
                    "symbol": "diamond",
                    "line": {"color": style.INK, "width": 1.5},
                },
                active_labels,
                _label_positions(active, parallel_divides),
                textfont=style.name_font(style.LABEL_SIZE + 1),
            ),
            # Clicking a venue in session selects the sitting it stands for.
            "customdata": [["event", event_id] for _, event_id in sittings],
        },
    ]
