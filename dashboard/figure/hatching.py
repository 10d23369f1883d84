"""Hatching over one side's held area, for print: a journal that prints in one ink can
tell the two sides apart by texture as well as by grey (`run.py export --hatch`)."""

from __future__ import annotations

import datetime as dt

import shapely
from shapely.geometry import LineString, MultiLineString

from dashboard.figure import style
from dashboard.figure.geometry_coords import line_coords
from dashboard.figure.traces import decoration
from dashboard.model.front import history_of
from events.dataset import Dataset

SIDES = ("UN", "communist")  # the order of FrontDay.held
HATCH_NAMES = {
    "UN": "Hatched: held by the UN side",
    "communist": "Hatched: held by the Communist side",
}
SPACING = 0.12  # degrees between lines: about 2 mm at a 170 mm column


def hatch_lines(area: shapely.Geometry, spacing: float = SPACING) -> shapely.Geometry:
    """Parallel lines rising to the right at 45°, `spacing` degrees apart, cut to `area`."""
    west, south, east, north = area.bounds
    height = north - south
    lines, start = [], west - height
    while start < east:
        lines.append(LineString([(start, south), (start + height, north)]))
        start += spacing
    return MultiLineString(lines).intersection(area)


def hatch_trace(data: Dataset, day: dt.date, side: str) -> dict | None:
    """The hatching of `side`'s land on `day`, pockets included; None outside the war."""
    front = history_of(data).on(day)
    if front is None:
        return None
    lon, lat = line_coords(hatch_lines(front.held[SIDES.index(side)]), densify=False)
    return {
        **decoration(
            lon, lat, HATCH_NAMES[side], "control", line={"color": style.INK, "width": 0.5}
        ),
        "showlegend": True,
    }
