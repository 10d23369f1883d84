"""The front on any day of the war: the line between dated keyframes, the areas each side
holds, and the band of uncertainty round the line. Pure functions over shapely geometries.

Between two keyframes each line is resampled to the same number of points by arc length
and each point moves in a straight line at constant speed: the line's shape blends from
one keyframe to the next, and no point moves faster than its two keyframes require.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import LineString, Point
from shapely.ops import split

from geodata.frontlines import Enclave, Keyframe
from geodata.region import GEOGRAPHIC_CRS, METRIC_CRS

RESAMPLED_POINTS = 120
# The UN side is the one holding Pusan: true from June 1950 to the Armistice.
PUSAN = Point(129.03, 35.10)
PROBE_DEGREES = 0.02  # how far beside the line we look to tell its two sides apart


@dataclass(frozen=True)
class Front:
    day: dt.date
    line: LineString
    accuracy_km: float
    status: str  # "keyframe: …" or "interpolated between … and …"
    sources: tuple[str, ...]
    enclaves: tuple[Enclave, ...]
    keyframe: Keyframe | None  # the keyframe when the day is one


def resample(line: LineString, points: int = RESAMPLED_POINTS) -> np.ndarray:
    """`points` positions at equal arc-length steps along the line, west end first."""
    fractions = np.linspace(0.0, 1.0, points)
    return np.array([line.interpolate(f, normalized=True).coords[0] for f in fractions])


def short_date(day: dt.date) -> str:
    """'4 Aug 1950': the form the front's status uses (the browser writes the same)."""
    return f"{day.day} {day.strftime('%b')} {day.year}"


def front_on(keyframes: list[Keyframe], enclaves: list[Enclave], day: dt.date) -> Front | None:
    """The front on a day from the first keyframe to the last; None outside the war."""
    if not keyframes or not keyframes[0].day <= day <= keyframes[-1].day:
        return None
    before = max((k for k in keyframes if k.day <= day), key=lambda k: k.day)
    pockets = tuple(e for e in enclaves if e.day == before.day)
    if before.day == day:
        return Front(
            day,
            before.line,
            before.accuracy_km,
            f"keyframe: {before.label}",
            before.sources,
            pockets,
            before,
        )
    after = min((k for k in keyframes if k.day > day), key=lambda k: k.day)
    share = (day - before.day).days / (after.day - before.day).days
    coords = (1 - share) * resample(before.line) + share * resample(after.line)
    status = f"interpolated between {short_date(before.day)} and {short_date(after.day)}"
    # Between keyframes the line is a guess: as uncertain as the less certain of the two.
    accuracy = max(before.accuracy_km, after.accuracy_km)
    return Front(
        day, LineString(coords), accuracy, status, before.sources + after.sources, pockets, None
    )


def _extended(line: LineString, degrees: float = 0.4) -> LineString:
    """The line carried on past both ends, so that it crosses the coast and splits the land."""
    coords = np.asarray(line.coords)

    def beyond(end, inner):
        direction = end - inner
        return end + direction / (np.hypot(*direction) or 1) * degrees

    return LineString([beyond(coords[0], coords[1]), *coords, beyond(coords[-1], coords[-2])])


def _probes(line: LineString) -> tuple[list[Point], list[Point]]:
    """Points just right (south, for a west-to-east line) and left of each segment."""
    coords = resample(line, 60)
    right, left = [], []
    for (x0, y0), (x1, y1) in itertools.pairwise(coords):
        dx, dy = x1 - x0, y1 - y0
        norm = np.hypot(dx, dy) or 1
        nx, ny = dy / norm * PROBE_DEGREES, -dx / norm * PROBE_DEGREES
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        right.append(Point(mx + nx, my + ny))
        left.append(Point(mx - nx, my - ny))
    return right, left


def _south_of(line: LineString, point: Point) -> bool:
    """For islands: is the point south of the line at its longitude (or at the nearer end)?"""
    xs, ys = np.asarray(line.coords).T
    order = np.argsort(xs)
    return point.y < float(np.interp(point.x, xs[order], ys[order]))


def held_areas(land: shapely.Geometry, front: Front) -> tuple[shapely.Geometry, ...]:
    """(UN-held, Communist-held) land: together all the land, never overlapping."""
    parts = sorted(shapely.get_parts(land), key=lambda p: p.area, reverse=True)
    mainland, islands = parts[0], parts[1:]
    pieces = list(split(mainland, _extended(front.line)).geoms)
    right, left = _probes(front.line)
    un = []
    for piece in pieces:
        south = sum(piece.contains(p) for p in right)
        north = sum(piece.contains(p) for p in left)
        if south > north or (south == north and piece.contains(PUSAN)):
            un.append(piece)
    un += [island for island in islands if _south_of(front.line, island.representative_point())]
    held = shapely.union_all(un)
    for pocket in front.enclaves:
        inside = pocket.area.intersection(land)
        held = held.union(inside) if pocket.held_by == "UN" else held.difference(inside)
    held = shapely.make_valid(held.intersection(land))
    return held, shapely.make_valid(land.difference(held))


def uncertainty_band(front: Front, land: shapely.Geometry) -> shapely.Geometry:
    """The band within accuracy_km of the line, on land: where the true line may run."""
    line = gpd.GeoSeries([front.line], crs=GEOGRAPHIC_CRS).to_crs(METRIC_CRS)
    band = line.buffer(front.accuracy_km * 1000).to_crs(GEOGRAPHIC_CRS).iloc[0]
    return band.intersection(land)


def line_on_land(front: Front, land: shapely.Geometry) -> shapely.Geometry:
    return front.line.intersection(land.buffer(0.02))
