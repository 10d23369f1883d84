"""Turn shapely geometries into the lon/lat lists Plotly's scattergeo draws."""

from __future__ import annotations

import functools

import numpy as np
import shapely
from shapely.geometry.polygon import orient

# Points on the map to 4 decimals (about 10 m): keeps the page small without visible loss.
DECIMALS = 4


def rings_for_plotly(polygon: shapely.Polygon) -> list[shapely.LinearRing]:
    """A polygon's rings in the order Plotly fills: the outer ring clockwise.

    Plotly fills on the sphere (d3-geo): an outer ring running counter-clockwise fills the
    rest of the world instead."""
    polygon = orient(polygon, sign=-1.0)
    return [polygon.exterior, *polygon.interiors]


# Plotly draws a segment between two vertices as a great circle: a long east-west
# segment would bow north of its parallel. Vertices every 0.05 degrees keep lines true.
MAX_SEGMENT_DEGREES = 0.05


@functools.lru_cache(maxsize=64)
def line_coords(geometry: shapely.Geometry, densify: bool = True) -> tuple[tuple, tuple]:
    """Lines (and polygon rings) as one lon and one lat sequence, parts split by None.

    Cached, and so tuples: every caller shares them, and none can change them."""
    if densify:
        geometry = shapely.segmentize(geometry, MAX_SEGMENT_DEGREES)
    rings = []
    for part in shapely.get_parts(geometry):
        rings += rings_for_plotly(part) if part.geom_type == "Polygon" else [part]
    if not rings:
        return (), ()
    # All the rings' vertices at once, a row of NaN between two rings (None to Plotly):
    # a front has some 50,000 vertices a day, too many to round one by one.
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    coords = np.insert(np.round(coords, DECIMALS), np.flatnonzero(np.diff(ring_of)) + 1, np.nan, 0)
    return tuple(_gaps_as_none(coords[:, 0])), tuple(_gaps_as_none(coords[:, 1]))


def _gaps_as_none(values: np.ndarray) -> list:
    return [None if v != v else v for v in values.tolist()]  # NaN alone is not equal to itself


@functools.lru_cache(maxsize=64)
def polygon_coords(geometry: shapely.Geometry, tolerance: float = 0.0) -> tuple[tuple, tuple]:
    """Polygon rings for fill='toself'; simplified for the screen when tolerance > 0."""
    if tolerance:
        geometry = geometry.simplify(tolerance, preserve_topology=True)
    return line_coords(geometry)
