"""The map's projection, on screen and in print: Lambert's conformal conic with standard
parallels 35°N and 41°N, one sixth of the way in from each edge of Korea's box
(32.5–43.5°N), which keeps the scale within 0.3% of true over the whole peninsula and
shapes true (the Mercator the map used before stretched the north of the peninsula by
about 8% against the south).

Plotly fits the range it is given to the frame, then zooms about the centre by the
projection's scale. So a window is a range whose outline has the frame's proportions,
and the zoom that brings Korea's box to the frame: measured on Plotly's own drawing, and
checked by tests on the pixels (tests/test_export.py for print, tests/browser/test_map_fills.py).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from geodata.region import BASEMAP_LAT, BASEMAP_LON

PARALLELS = (35.0, 41.0)
CENTRE = (125.5, 38.0)  # the middle of Korea's box: the map's centre


@dataclass(frozen=True)
class MapWindow:
    lon: tuple[float, float]  # the range Plotly fits to the frame
    lat: tuple[float, float]
    zoom: float  # the projection's scale that shows Korea's box
    aspect: float  # width over height of the frame that range makes


# On screen: the whole base map, wide as a laptop's or a projector's map area (the frame
# keeps these proportions and fits the area); Korea's box spans the frame's height.
SCREEN = MapWindow(lon=BASEMAP_LON, lat=BASEMAP_LAT, zoom=1.9, aspect=2.0)
# On paper: Korea's box exactly, drawn from the same land (no coast ends at the frame).
PRINT = MapWindow(lon=(114.9, 136.1), lat=BASEMAP_LAT, zoom=1.74, aspect=0.984)


def geo_window(window: MapWindow) -> dict:
    """The geo attributes that show this window."""
    return {
        "projection": {
            "type": "conic conformal",
            "parallels": list(PARALLELS),
            "scale": window.zoom,
        },
        "center": {"lon": CENTRE[0], "lat": CENTRE[1]},
        "lonaxis": {"range": list(window.lon)},
        "lataxis": {"range": list(window.lat)},
    }


@functools.lru_cache(maxsize=1)
def _lambert():
    from pyproj import Proj

    return Proj(
        proj="lcc", lat_1=PARALLELS[0], lat_2=PARALLELS[1], lat_0=CENTRE[1], lon_0=CENTRE[0]
    )


def scale_factor(lat: float) -> float:
    """The projection's scale along a parallel, relative to true at the standard
    parallels (where it is 1)."""
    return float(_lambert().get_factors(CENTRE[0], lat).parallel_scale)


def north_turn(lon: float, lat: float) -> float:
    """Degrees, clockwise, from straight up on the map to north at (lon, lat): the
    conic's meridians lean towards the pole above the map, so east of the centre north
    turns left (negative) and west of it right."""
    return -float(_lambert().get_factors(lon, lat).meridian_convergence)
