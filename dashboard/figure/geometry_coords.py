"""Turn shapely geometries into the lon/lat lists Plotly's scattergeo draws."""

from __future__ import annotations

import functools

import shapely
from shapely.geometry.polygon import orient


def _round(values) -> list[float]:
    # 4 decimals (about 10 m) keeps the page small without visible loss.
    return [round(float(v), 4) for v in values]


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
    lons: list = []
    lats: list = []
    if densify:
        geometry = shapely.segmentize(geometry, MAX_SEGMENT_DEGREES)
    for part in shapely.get_parts(geometry):
        rings = rings_for_plotly(part) if part.geom_type == "Polygon" else [part]
        for ring in rings:
            xs, ys = ring.xy
            if lons:
                lons.append(None)
                lats.append(None)
            lons.extend(_round(xs))
            lats.extend(_round(ys))
    return tuple(lons), tuple(lats)


@functools.lru_cache(maxsize=64)
def polygon_coords(geometry: shapely.Geometry, tolerance: float = 0.0) -> tuple[tuple, tuple]:
    """Polygon rings for fill='toself'; simplified for the screen when tolerance > 0."""
    if tolerance:
        geometry = geometry.simplify(tolerance, preserve_topology=True)
    return line_coords(geometry)
