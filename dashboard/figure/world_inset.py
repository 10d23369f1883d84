"""The world locator inset: talks and events away from Korea (Moscow, New York, Geneva)
while they are in force, each with a line toward Korea."""

from __future__ import annotations

import functools
import math
import re

from dashboard.figure import style
from dashboard.figure.geometry_coords import line_coords
from dashboard.figure.traces import area_trace, in_language, plain
from dashboard.model.state import MapState
from events.dataset import Dataset

KOREA_ANCHOR = (126.98, 37.57)  # the inset's "Korea" mark: Seoul


@functools.lru_cache(maxsize=4)
def _world_coords(data: Dataset) -> tuple[tuple, tuple]:
    # Not densified: a thumbnail of the world needs no true parallels, and stays small.
    return line_coords(data.world, densify=False)


def abroad(state: MapState) -> bool:
    """Talks or events away from Korea: the world locator is drawn."""
    return any(m.abroad for m in (*state.sessions, *state.events))


def inset_traces(data: Dataset, state: MapState, lang: str) -> list[dict]:
    """The world locator: talks and events away from Korea, each with a line to Korea."""
    away = [m for m in (*state.sessions, *state.events) if m.abroad]
    places = list(dict.fromkeys(m.place for m in away))
    active = bool(places)
    land = area_trace(
        _world_coords(data) if active else ([], []),
        "world",
        "inset",
        style.LAND_NEIGHBOURS,
        {"color": style.COAST, "width": 0.4},
        geo="geo2",
        showlegend=False,
    )
    ray_lon, ray_lat, mark_lon, mark_lat, labels, hovers = [], [], [], [], [], []
    for pid in places:
        place = data.places.loc[pid]
        ray_lon += [place.geometry.x, KOREA_ANCHOR[0], None]
        ray_lat += [place.geometry.y, KOREA_ANCHOR[1], None]
        mark_lon.append(place.geometry.x)
        mark_lat.append(place.geometry.y)
        labels.append(place)
        hovers.append("<br>".join(dict.fromkeys(plain(m.title) for m in away if m.place == pid)))
    labels = _one_label_a_cluster(mark_lon, mark_lat, labels, lang)
    rays = {
        "type": "scattergeo",
        "geo": "geo2",
        "mode": "lines",
        "lon": ray_lon,
        "lat": ray_lat,
        "line": {"color": style.VENUE_ACTIVE, "width": 1.5, "dash": "dot"},
        "hoverinfo": "skip",
        "showlegend": False,
        "name": "toward Korea",
        "meta": {"layer": "inset"},
    }
    korea = "한국" if lang == "ko" else "Korea"
    marks = {
        "type": "scattergeo",
        "geo": "geo2",
        "mode": "markers+text",
        "lon": [*mark_lon, KOREA_ANCHOR[0]] if active else [],
        "lat": [*mark_lat, KOREA_ANCHOR[1]] if active else [],
        # Korea's square has no name on the locator: the rays run to it, the map beside it
        # is Korea, and a name there would meet Tokyo's or Peking's (its hover names it).
        "text": [*labels, ""] if active else [],
        "textposition": [_beside(lon) for lon in mark_lon] + ["top right"] if active else [],
        "textfont": {"size": 11, "color": style.INK},
        "hovertext": [*hovers, korea] if active else [],
        "hoverinfo": "text",
        "marker": {
            "size": [10] * len(mark_lon) + [8],
            "color": style.VENUE_ACTIVE,
            "symbol": ["diamond"] * len(mark_lon) + ["square"],
            "line": {"color": style.INK, "width": 1},
        },
        "showlegend": False,
        "name": "away from Korea",
        "meta": {"layer": "inset"},
    }
    return [land, rays, marks]


def _short_name(place, lang: str) -> str:
    """'Flushing Meadows', 'UN Headquarters': without what follows a bracket or a comma."""
    en, ko = (re.split(r" \(|, ", place[f"name_{x}"])[0] for x in ("en", "ko"))
    # In "both" the locator names places in English: two lines would leave its small frame.
    return in_language(en.replace("United Nations", "UN"), ko, "ko" if lang == "ko" else "en")


# Places nearer than this (degrees) are one dot at the locator's scale: one label names
# them all (Lake Success, Flushing Meadows and Washington in 1947).
CLUSTER_DEGREES = 8.0


def _one_label_a_cluster(lon: list, lat: list, places: list, lang: str) -> list[str]:
    """Each place's label, or '' for a place whose cluster's first place carries all the
    names, one a line."""
    out: list[str | None] = [None] * len(places)
    for i, place in enumerate(places):
        if out[i] is not None:
            continue
        near = [
            j
            for j in range(i + 1, len(places))
            if out[j] is None and math.hypot(lon[j] - lon[i], lat[j] - lat[i]) < CLUSTER_DEGREES
        ]
        if not near:
            out[i] = _short_name(place, lang)
            continue
        # In "both", a cluster is named in English: its names one a line stay narrow.
        names = [_short_name(places[k], "ko" if lang == "ko" else "en") for k in [i, *near]]
        out[i] = "<br>".join(names)
        for j in near:
            out[j] = ""
    return out


def _beside(lon: float) -> str:
    """Where a place's name goes: near Korea (Tokyo, Peking) above and left, clear of the
    frame's right edge; in the Americas (New York lies at Korea's latitude) below and
    right, towards the Atlantic, so Paris's and Geneva's go above them; Berlin's and
    Moscow's to their right, over Russia (above, they would leave the frame)."""
    if abs(lon - KOREA_ANCHOR[0]) < 40:
        return "top left"
    if lon < -30:
        return "bottom right"
    return "top center" if lon < 10 else "middle right"


# In print the talks' inset takes the bottom left (dashboard/figure/talks_inset.py): the world
# locator sits above it, over Shandong.
PRINT_DOMAIN = {"x": [0.006, 0.30], "y": [0.42, 0.62]}


def inset_geo(active: bool) -> dict:
    """The locator's frame: shown only while something happens away from Korea. No
    built-in layer (Plotly would fetch its world from elsewhere): the land is a trace."""
    return {
        "visible": False,
        # Its own frame (a frame needs no map data: nothing is fetched for it).
        "showframe": active,
        "framecolor": style.MUTED,
        "framewidth": 1,
        "domain": {"x": [0.005, 0.30], "y": [0.01, 0.25]},
        "projection": {"type": "miller"},  # cylindrical: a rectangle, like its frame
        "bgcolor": style.SEA if active else "rgba(0,0,0,0)",
        "lataxis": {"range": [-58, 80]},
    }
