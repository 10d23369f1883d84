"""The front on every day of the war, computed once per dataset with shapely.

This module is the one place where the front's geometry is made. The screen, the HTML
export and the print exports all draw what it computes; the browser only picks a day's
pieces and joins them (dashboard/figure/front_payload.py), it never works geometry out.

How a day is made:
- The land the front divides is Korea's land simplified for the screen (FRONT_DETAIL).
  Its mainland coast is one ring, counter-clockwise, starting on the northern border, so
  that a position along it (metres of arc, here degrees of arc) runs down the west coast,
  along the south coast and up the east coast: the west end of every front line lies at a
  smaller position than its east end.
- A keyframe's line is its waypoints with each end carried to the nearest point of that
  coast. Between two keyframes each end slides along the coast and every other point moves
  in a straight line, in proportion to the days passed: the line always runs from coast to
  coast, so it always divides the mainland.
- The UN side is the line plus the coast from its east end back round the south to its
  west end; the Communist side is the rest of the mainland. Offshore islands go with the
  side that holds the coast nearest them, except those more than ISLAND_OFFSHORE_KM out,
  which the UN Command held by sea throughout the war. Pockets (a beachhead, a corps apart
  from its army) are laid over both.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyproj
import shapely
import shapely.ops
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.geometry.polygon import orient
from shapely.ops import split

import geodata.region
from dashboard.model.front_store import (
    DayShapes,
    default_directory,
    read,
    store_key,
    store_path,
    write,
)
from events.dates import written_day
from geodata.frontlines import Keyframe, Pocket
from geodata.region import GEOGRAPHIC_CRS, KM_PER_DEGREE, METRIC_CRS

# The land the front divides, simplified to 0.005 degrees (about 500 m: under a pixel at
# the default zoom); fewer vertices make each day's redraw faster.
FRONT_DETAIL = 0.005
RESAMPLED_POINTS = 100  # points each keyframe line is resampled to for interpolation
DECIMALS = 3  # a day's line is kept to 0.001 degrees (about 100 m; accuracies are 1 km+)
SIMPLIFY = 0.002  # degrees (about 200 m): a day's line loses no bend larger than this
ISLAND_OFFSHORE_KM = 10
# A point on the northern border, far from any front: where the coast's positions start.
NORTHERN_BORDER = Point(128.0, 42.0)

# The store's files are named by this code too: this module and the constants it uses.
CODE = (Path(__file__), Path(geodata.region.__file__))
_TO_METRES = pyproj.Transformer.from_crs(GEOGRAPHIC_CRS, METRIC_CRS, always_xy=True)
_TO_DEGREES = pyproj.Transformer.from_crs(METRIC_CRS, GEOGRAPHIC_CRS, always_xy=True)


@dataclass(frozen=True)
class Coast:
    """The land the front divides: the mainland, its coast as one ring, and the islands."""

    land: shapely.Geometry
    mainland: Polygon
    ring: np.ndarray  # the mainland's coast, counter-clockwise from the northern border
    positions: np.ndarray  # each ring vertex's position along the coast (degrees of arc)
    islands: tuple[Polygon, ...]
    offshore: tuple[bool, ...]  # the island lies more than ISLAND_OFFSHORE_KM out
    nearest: tuple[Point, ...]  # each island's nearest point on the mainland's coast

    @property
    def line(self) -> LineString:
        return LineString(np.vstack([self.ring, self.ring[:1]]))

    @functools.cached_property
    def shore(self) -> shapely.Geometry:
        """The land's coast widened to about 1 km each side: where a pocket's edge runs
        along the sea rather than across land. Found once (half a second), not per pocket."""
        return self.land.boundary.buffer(0.01)


def coast_of(land: shapely.Geometry) -> Coast:
    simple = land.simplify(FRONT_DETAIL, preserve_topology=True)
    parts = sorted(shapely.get_parts(simple), key=lambda p: p.area, reverse=True)
    mainland = orient(Polygon(parts[0].exterior), sign=1.0)
    ring = np.asarray(mainland.exterior.coords)[:-1]
    start = int(np.argmin(np.hypot(*(ring - NORTHERN_BORDER.coords[0]).T)))
    ring = np.roll(ring, -start, axis=0)
    steps = np.hypot(*np.diff(np.vstack([ring, ring[:1]]), axis=0).T)
    positions = np.concatenate([[0.0], np.cumsum(steps)[:-1]])
    islands = tuple(orient(Polygon(p.exterior), sign=1.0) for p in parts[1:])
    far = ISLAND_OFFSHORE_KM / KM_PER_DEGREE
    offshore = tuple(bool(i.distance(mainland) > far) for i in islands)
    nearest = tuple(shapely.ops.nearest_points(i, mainland)[1] for i in islands)
    mainland = Polygon(ring)
    shapely.prepare(mainland)
    return Coast(
        MultiPolygon([mainland, *islands]),
        mainland,
        ring,
        positions,
        islands,
        offshore,
        nearest,
    )


def _along(coast: Coast, position: float) -> tuple[float, float]:
    point = coast.line.interpolate(position)
    return point.x, point.y


def _resample(coords: np.ndarray, points: int) -> np.ndarray:
    line = LineString(coords)
    spots = shapely.line_interpolate_point(line, np.linspace(0, 1, points), normalized=True)
    return shapely.get_coordinates(spots)


@dataclass(frozen=True)
class KeyLine:
    """A keyframe's line as the interpolation needs it."""

    keyframe: Keyframe
    west: float  # position of its west end along the coast
    east: float
    points: np.ndarray  # RESAMPLED_POINTS from the west end's coast point to the east end's
    exact: np.ndarray  # the waypoints with the two coast points: drawn on the keyframe's day


def _landward(coords: np.ndarray, coast: Coast) -> np.ndarray:
    """The waypoints, cut where the line first reaches the mainland and last leaves it
    when an end waypoint lies at sea (in an estuary, off a beach)."""
    line = LineString(coords)
    crossings = shapely.get_parts(line.intersection(coast.line))
    if not len(crossings):
        return coords
    along = sorted(line.project(p) for p in crossings)
    start = along[0] if not coast.mainland.contains(Point(coords[0])) else 0.0
    end = along[-1] if not coast.mainland.contains(Point(coords[-1])) else line.length
    if end <= start:
        return coords
    return np.asarray(shapely.ops.substring(line, start, end).coords)


def key_line(keyframe: Keyframe, coast: Coast) -> KeyLine:
    coords = _landward(np.asarray(keyframe.line.coords), coast)
    ring = coast.line
    west = float(ring.project(Point(coords[0])))
    east = float(ring.project(Point(coords[-1])))
    exact = np.vstack([_along(coast, west), coords, _along(coast, east)])
    return KeyLine(keyframe, west, east, _resample(exact, RESAMPLED_POINTS), exact)


@dataclass(frozen=True)
class FrontDay:
    """The front on one day, and the land each side held."""

    day: dt.date
    line: LineString  # from the west coast to the east coast
    status: str  # "keyframe: …" or "interpolated between … and …"
    accuracy_km: float
    sources: tuple[str, ...]
    keyframe: Keyframe | None  # the keyframe, on a keyframe's day
    main: tuple[shapely.Geometry, shapely.Geometry]  # (UN, Communist) either side of the line
    mainland: tuple[shapely.Geometry, shapely.Geometry]  # the same without the islands
    pockets: tuple[Pocket, ...]  # the pockets held on this day, drawn over the main areas
    held: tuple[shapely.Geometry, shapely.Geometry]  # (UN, Communist): all the land, exactly
    un_islands: tuple[int, ...]  # indices into Coast.islands of the islands the UN held
    cut: tuple[int, int] | None  # how the line cut the coast, on the usual day (see _sides)
    between: tuple[dt.date, dt.date] | None = None  # the keyframes' days, when interpolated


def _line_between(a: KeyLine, b: KeyLine, share: float, coast: Coast) -> np.ndarray:
    points = (1 - share) * a.points + share * b.points
    points[0] = _along(coast, (1 - share) * a.west + share * b.west)
    points[-1] = _along(coast, (1 - share) * a.east + share * b.east)
    return points


def _polygonal(geometry: shapely.Geometry) -> shapely.Geometry:
    parts = [p for p in shapely.get_parts(geometry) if p.geom_type == "Polygon" and p.area > 0]
    return MultiPolygon(parts) if parts else Polygon()


def _sides(line: np.ndarray, coast: Coast):
    """The mainland south of the line (the UN's) and north of it: the line closed by the
    coast one way round or the other. Also, on the usual day, the cut: the first and last
    coast vertex between the line's two ends (the south side is the line, then the coast
    from `last` back to `first`; the north side the line, then the rest of the coast)."""
    west = float(coast.line.project(Point(line[0])))
    east = float(coast.line.project(Point(line[-1])))
    between = np.flatnonzero((coast.positions > west) & (coast.positions < east))
    if len(between) and between[0] > 0 and between[-1] < len(coast.ring) - 1:
        first, last = int(between[0]), int(between[-1])
        south = Polygon(np.vstack([line, coast.ring[last : first - 1 : -1]]))
        north = Polygon(np.vstack([line, coast.ring[last + 1 :], coast.ring[:first]]))
        if south.is_valid and north.is_valid:
            # The usual day: the line runs over land (were it to cross the coast, it would
            # cross one of the two outlines), so the two outlines are the two sides.
            return MultiPolygon([south]), MultiPolygon([north]), (first, last)
    # The line crosses a bay or itself: cut the mainland with the line (carried a little
    # out to sea at both ends, so that it cuts right through), and give each piece to the
    # side whose outline holds it (even-odd: a piece inside a loop of the line is outside).
    outline = Polygon(np.vstack([line, coast.ring[between[::-1]]]))
    pieces = shapely.get_parts(split(coast.mainland, LineString(_out_to_sea(line))))
    inside = shapely.get_coordinates(shapely.point_on_surface(pieces))
    south = shapely.contains_xy(outline, inside[:, 0], inside[:, 1])
    # Pieces of one side may share an edge: merge them (they never overlap).
    un, communist = (
        _polygonal(shapely.coverage_union_all(pieces[side])) for side in (south, ~south)
    )
    return un, communist, None


def _out_to_sea(line: np.ndarray, degrees: float = 0.02) -> np.ndarray:
    """The line carried on past both ends (which lie on the coast) a short way."""

    def beyond(end: np.ndarray, inner: np.ndarray) -> np.ndarray:
        direction = end - inner
        return end + direction / (np.hypot(*direction) or 1.0) * degrees

    return np.vstack([beyond(line[0], line[1]), line, beyond(line[-1], line[-2])])


def _islands_held(coast: Coast, un_mainland: shapely.Geometry) -> tuple[int, ...]:
    """The islands offshore, and those whose nearest coast the UN held."""
    near_un = shapely.distance(un_mainland, np.asarray(coast.nearest, dtype=object)) < 1e-9
    return tuple(int(i) for i in np.flatnonzero(near_un | np.asarray(coast.offshore)))


def _day_shapes(
    line: np.ndarray,
    coast: Coast,
    pockets: tuple[Pocket, ...],
    on_land: dict[int, shapely.Geometry],
) -> DayShapes:
    """The costly part of a day's front; `on_land`: each pocket's area within the land,
    by the pocket's id."""
    # Simplified, the resampled line keeps its bends and drops the points in between.
    line = np.asarray(LineString(np.round(line, DECIMALS)).simplify(SIMPLIFY).coords)
    south, north, cut = _sides(line, coast)
    islands = _islands_held(coast, south)
    held = None
    if pockets:
        un = _main(coast, (south, north), islands)[0]
        for pocket in pockets:
            area = on_land[id(pocket)]
            un = un.union(area) if pocket.held_by == "UN" else un.difference(area)
        un = _polygonal(un.intersection(coast.land))
        held = (un, _polygonal(coast.land.difference(un)))
    return DayShapes(LineString(line), (south, north), held, islands, cut)


def _main(
    coast: Coast, mainland: tuple[shapely.Geometry, shapely.Geometry], un_islands: tuple[int, ...]
) -> tuple[MultiPolygon, MultiPolygon]:
    """Each side's mainland with its islands. The islands lie apart from the mainland and
    from each other: no union is needed."""
    south, north = mainland
    others = (p for i, p in enumerate(coast.islands) if i not in un_islands)
    return (
        MultiPolygon([*south.geoms, *(coast.islands[i] for i in un_islands)]),
        MultiPolygon([*north.geoms, *others]),
    )


def _front_day(
    day: dt.date, shapes: DayShapes, coast: Coast, pockets: tuple[Pocket, ...], **about
) -> FrontDay:
    main = _main(coast, shapes.mainland, shapes.un_islands)
    return FrontDay(
        day=day,
        line=shapes.line,
        main=main,
        mainland=shapes.mainland,
        pockets=pockets,
        held=shapes.held or main,
        un_islands=shapes.un_islands,
        cut=shapes.cut,
        **about,
    )


@dataclass(frozen=True)
class FrontHistory:
    """Every day of the war, from the first keyframe to the last."""

    coast: Coast
    days: tuple[FrontDay, ...]

    @property
    def first_day(self) -> dt.date:
        return self.days[0].day

    def on(self, day: dt.date) -> FrontDay | None:
        """The front on a day; None outside the war."""
        index = (day - self.first_day).days
        return self.days[index] if 0 <= index < len(self.days) else None


@functools.lru_cache(maxsize=4)
def front_history(
    keyframes: tuple[Keyframe, ...],
    pockets: tuple[Pocket, ...],
    land: shapely.Geometry,
    folder: Path | None = None,
) -> FrontHistory:
    """The front on every day from the first keyframe to the last. With a folder, the
    costly shapes are read from the store there (dashboard/model/front_store.py) when
    they were kept, and kept there when they were computed."""
    coast = coast_of(land)
    plan = list(_days(keyframes, pockets, coast))
    stored = store_path(folder, store_key(keyframes, pockets, land, CODE)) if folder else None
    shapes = read(stored, len(plan)) if stored else None
    if shapes is None:
        # A pocket's shape holds for many days: clipped to the land once.
        on_land = {id(p): p.area.intersection(coast.land) for p in pockets}
        shapes = [_day_shapes(line, coast, held, on_land) for _, line, held, _ in plan]
        if stored:
            write(stored, shapes)
    days = (
        _front_day(day, shape, coast, held, **about)
        for (day, _, held, about), shape in zip(plan, shapes, strict=True)
    )
    return FrontHistory(coast, tuple(days))


def _days(keyframes: tuple[Keyframe, ...], pockets: tuple[Pocket, ...], coast: Coast):
    """Each day from the first keyframe to the last: the day, its line before it is
    simplified, the pockets held on it, and what is said of it."""
    lines = [key_line(k, coast) for k in keyframes]
    for a, b in zip(lines, [*lines[1:], None], strict=True):
        last = b.keyframe.day if b else a.keyframe.day + dt.timedelta(days=1)
        span = (last - a.keyframe.day).days
        for offset in range(span):
            day = a.keyframe.day + dt.timedelta(days=offset)
            held = tuple(p for p in pockets if p.first_day <= day <= p.last_day)
            if offset == 0:
                k = a.keyframe
                about = {
                    "status": f"keyframe: {k.label}",
                    "accuracy_km": k.accuracy_km,
                    "sources": k.sources,
                    "keyframe": k,
                }
                yield day, a.exact, held, about
                continue
            about = {
                "status": f"interpolated between {written_day(a.keyframe.day)} and "
                f"{written_day(b.keyframe.day)}",
                "between": (a.keyframe.day, b.keyframe.day),
                # Between keyframes the line is a guess: as uncertain as the less certain.
                "accuracy_km": max(a.keyframe.accuracy_km, b.keyframe.accuracy_km),
                "sources": a.keyframe.sources + b.keyframe.sources,
                "keyframe": None,
            }
            yield day, _line_between(a, b, offset / span, coast), held, about


@functools.lru_cache(maxsize=8)
def history_of(data) -> FrontHistory:
    """The front of a dataset. Cached per dataset (a Dataset hashes by identity, so asking
    again costs nothing), beneath that per front and land (another events file does not
    compute the front again), and on disk in the data folder, for the next process. All
    it holds is immutable: frozen dataclasses, tuples and shapely geometries."""
    return front_history(tuple(data.keyframes), tuple(data.pockets), data.land, default_directory())


def uncertainty_band(front: FrontDay, coast: Coast) -> shapely.Geometry:
    """The land within accuracy_km of the line: where the true line may run."""
    metres = shapely.transform(front.line, lambda xy: np.column_stack(_TO_METRES.transform(*xy.T)))
    band = metres.buffer(front.accuracy_km * 1000, quad_segs=4)
    degrees = shapely.transform(band, lambda xy: np.column_stack(_TO_DEGREES.transform(*xy.T)))
    return _polygonal(degrees.intersection(coast.land).simplify(FRONT_DETAIL))
