"""What Plotly draws for a filled trace, as a shapely geometry: each ring (the parts between
None) filled, a ring inside another cutting a hole (the even-odd rule, which is what the
clockwise outer rings and anticlockwise holes we draw come to)."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import Polygon


def rings(lon: list, lat: list) -> list[list[tuple[float, float]]]:
    out, ring = [], []
    for x, y in zip(lon, lat, strict=True):
        if x is None or y is None:
            if ring:
                out.append(ring)
            ring = []
        else:
            ring.append((x, y))
    if ring:
        out.append(ring)
    return out


def filled(lon: list, lat: list) -> shapely.Geometry:
    """Clockwise rings are areas, anticlockwise rings holes in them (how our fills are
    drawn; Plotly fills on the sphere, where an anticlockwise outer ring would cover the
    rest of the world instead)."""
    polygons = np.array([Polygon(r) for r in rings(lon, lat) if len(r) >= 3], dtype=object)
    if not len(polygons):
        return Polygon()
    polygons = shapely.make_valid(polygons)
    clockwise = np.array(
        [not p.exterior.is_ccw if p.geom_type == "Polygon" else True for p in polygons]
    )
    shells = shapely.union_all(polygons[clockwise])
    holes = polygons[~clockwise]
    return shells.difference(shapely.union_all(holes)) if len(holes) else shells


def composed_un_area(traces: list[dict]) -> shapely.Geometry:
    """The land that shows in the UN's colour once the held areas and then the pockets
    are painted in order: a later area covers what lies under it."""
    un = Polygon()
    for trace in traces:
        meta = trace.get("meta") or {}
        if meta.get("layer") != "control":
            continue
        area = filled(trace["lon"], trace["lat"])
        un = un.union(area) if meta.get("side") == "UN" else un.difference(area)
    return un


def ring_summary(lon: list, lat: list) -> tuple[float, frozenset]:
    """A filled trace's area (square degrees; clockwise rings count, anticlockwise holes
    subtract) and where its rings sit (their centroids to 0.01 degree): enough to tell two
    drawings of the same areas apart without cutting polygons. All rings at once: a day's
    areas hold hundreds of islands."""
    xy = np.column_stack([np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)])
    gap = np.isnan(xy).any(axis=1)  # None comes in as NaN
    ring = np.cumsum(gap)[~gap]  # each vertex's ring
    xy = xy[~gap]
    if not len(xy):
        return 0.0, frozenset()
    starts = np.flatnonzero(np.r_[True, ring[1:] != ring[:-1]])
    ends = np.r_[starts[1:], len(xy)] - 1
    # A ring that ends where it began counts that vertex once.
    closed = (xy[starts] == xy[ends]).all(axis=1) & (ends > starts)
    keep = np.ones(len(xy), dtype=bool)
    keep[ends[closed]] = False
    xy, ring = xy[keep], ring[keep]
    starts = np.flatnonzero(np.r_[True, ring[1:] != ring[:-1]])
    ends = np.r_[starts[1:], len(xy)] - 1
    following = np.arange(1, len(xy) + 1)
    following[ends] = starts  # the last vertex of a ring is followed by its first
    x, y = xy[:, 0], xy[:, 1]
    twice = x * y[following] - x[following] * y  # the shoelace formula, vertex by vertex
    area = -float(np.add.reduceat(twice, starts).sum()) / 2  # clockwise is negative in it
    counts = ends - starts + 1
    means = np.add.reduceat(xy, starts, axis=0) / counts[:, None]
    where = {(round(float(mx), 2), round(float(my), 2)) for mx, my in means}
    return area, frozenset(where)


def date_label(page) -> str:
    return page.inner_text("#date-label")


def wait_for_label(page, text: str) -> None:
    page.wait_for_function(
        "t => document.getElementById('date-label').innerText === t", arg=text, timeout=10_000
    )


def legend_texts(page) -> list[str]:
    return page.eval_on_selector_all("#map .legend text", "ns => ns.map(n => n.textContent)")


def front_on_page(page) -> dict:
    """The front line's coordinates and the UN-held area's size (square degrees) as drawn."""
    drawn = page.evaluate(
        """() => {
          const data = document.querySelector('#map .js-plotly-plot').data;
          const line = data.find(t => t.meta && t.meta.layer === 'frontline');
          const held = data.filter(t => t.meta && t.meta.layer === 'control')
            .map(t => ({lon: t.lon, lat: t.lat, meta: t.meta}));
          return {lon: line.lon, lat: line.lat, held: held,
                  note: document.getElementById('front-note').textContent};
        }"""
    )
    return {**drawn, "un": composed_un_area(drawn["held"]).area}


def map_view(page) -> dict:
    return page.evaluate(
        """() => { const geo = document.querySelector('#map .js-plotly-plot')._fullLayout.geo;
          return {scale: geo.projection.scale, lon: geo.center.lon, lat: geo.center.lat}; }"""
    )
