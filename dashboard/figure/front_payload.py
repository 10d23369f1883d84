"""The front of every day, packed for the browser.

The browser draws the same geometry as the print figure (dashboard/model/front.py computed it);
this module only packs it small enough to ship once. A day's held areas are mostly the
coast and the day's line, so each ring is written as runs of the coast's vertices and of
the line's, with the few other points written out:

- a run is `[ref, first, last, step]`: the vertices of reference ring `ref` from index
  `first` to `last`, stepping by `step` (+1 or -1) and wrapping round the ring. References
  0..n-1 are the coast's rings (`coast`: the mainland, then each island); reference n is
  the day's line.
- any other point is `[lon, lat]`.

The browser (assets/map_core.js, `unpack`) turns these back into lon/lat lists, nothing
more. A browser test unpacks every day and compares it with the print figure.
"""

from __future__ import annotations

import numpy as np
import shapely

from dashboard.figure.front_traces import (
    band_template,
    held_templates,
    line_template,
    line_text,
    pocket_front_trace,
    pocket_trace,
    side_name_changes,
    side_names,
)
from dashboard.figure.geometry_coords import DECIMALS, rings_for_plotly
from dashboard.figure.look import dress_traces
from dashboard.model.cache import kept
from dashboard.model.front import Coast, FrontDay, history_of, uncertainty_band
from dashboard.model.map_options import MapOptions
from dashboard.model.state import day_number
from dashboard.model.words import front_status, legend_name
from events.dataset import Dataset


def _keys(points: np.ndarray) -> np.ndarray:
    """Each point as one integer: its lon and lat to 1e-7 degree (a vertex of the coast
    or of the day's line is found again by this key in the day's rings)."""
    whole = np.round(np.asarray(points, dtype=float)[:, :2] * 1e7).astype(np.int64)
    return whole[:, 0] * (1 << 32) + whole[:, 1]


class _Lookup:
    """Where each key stands: (reference ring, vertex index), the first vertex of its key."""

    def __init__(self, keys: np.ndarray, refs: np.ndarray, indices: np.ndarray):
        self.size = len(keys)  # vertices, a vertex met twice counted twice
        self.keys, first = np.unique(keys, return_index=True)
        self.refs, self.indices = refs[first], indices[first]

    def find(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The reference and index of each key; reference -1 where the key is not here."""
        at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        hit = self.keys[at] == keys if len(self.keys) else np.zeros(len(keys), bool)
        return np.where(hit, self.refs[at], -1), np.where(hit, self.indices[at], -1)


def coast_rings(coast: Coast) -> list[np.ndarray]:
    """The reference rings: the mainland's coast, then each island's (unclosed)."""
    return [coast.ring] + [np.asarray(i.exterior.coords)[:-1] for i in coast.islands]


class _Packer:
    """Writes rings as runs over the coast's rings and one day's line."""

    def __init__(self, coast: Coast):
        self.rings = coast_rings(coast)
        self.coast_sizes = [len(r) for r in self.rings]
        self.coast = _Lookup(
            np.concatenate([_keys(r) for r in self.rings]),
            np.concatenate([np.full(len(r), ref) for ref, r in enumerate(self.rings)]),
            np.concatenate([np.arange(len(r)) for r in self.rings]),
        )

    def _line(self, line: np.ndarray) -> _Lookup:
        # A point the line and the coast share is written as the line's.
        reversed_keys = _keys(line)[::-1]  # where the line passes a point twice: its last
        count = len(line)
        return _Lookup(reversed_keys, np.full(count, len(self.rings)), np.arange(count)[::-1])

    def ring(self, coords: np.ndarray, line: _Lookup) -> list:
        coords = coords[:-1]  # a closed ring: the browser closes it again
        keys = _keys(coords)
        refs, indices = line.find(keys)
        on_coast = refs < 0
        refs[on_coast], indices[on_coast] = (a[on_coast] for a in self.coast.find(keys))
        sizes = np.array([*self.coast_sizes, line.size])
        # How each vertex follows the one before: the next (+1) or the previous (-1) of the
        # same reference ring, or neither (0).
        step = np.zeros(len(keys), dtype=np.int64)
        same = (refs[1:] >= 0) & (refs[1:] == refs[:-1])
        size = sizes[np.maximum(refs[1:], 0)]
        gap = (indices[1:] - indices[:-1]) % size
        step[1:] = np.where(same & (gap == 1), 1, np.where(same & (gap == size - 1), -1, 0))
        # A run starts where the step is 0, or where it turns back (the run so far went
        # the other way): a turn right after a run's start belongs to that run.
        starts = step == 0
        for at in np.flatnonzero((step[1:] != step[:-1]) & (step[1:] != 0) & (step[:-1] != 0)):
            starts[at + 1] = not starts[at]
        bounds = np.append(np.flatnonzero(starts), len(keys))
        tokens: list = []
        for first, end in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
            ref = int(refs[first])
            if ref < 0:  # a point of neither: written out
                x, y = coords[first, 0], coords[first, 1]
                tokens.append([round(float(x), DECIMALS), round(float(y), DECIMALS)])
                continue
            way = int(step[first + 1]) if end - first > 1 else 1
            tokens.append([ref, int(indices[first]), int(indices[end - 1]), way])
        return tokens

    def area(self, geometry: shapely.Geometry, line: np.ndarray) -> list:
        """Every ring of a (multi)polygon, outer rings clockwise as Plotly fills them."""
        on_line = self._line(line)
        rings = []
        for part in shapely.get_parts(geometry):
            for ring in rings_for_plotly(part):
                rings.append(self.ring(np.asarray(ring.coords), on_line))
        return rings


def _mainland(front: FrontDay, packer: _Packer, line: np.ndarray) -> tuple[list, list]:
    """The mainland either side of the line, as rings of runs."""
    if front.cut is None:
        return packer.area(front.mainland[0], line), packer.area(front.mainland[1], line)
    # The usual day (see front._sides): written straight from how the line cut the coast.
    first, last = front.cut
    line_ref, end = len(packer.rings), len(line) - 1
    un = [[line_ref, 0, end, 1], [0, last, first, -1]]
    communist = [[0, first - 1, last + 1, -1], [line_ref, end, 0, -1]]
    return [un], [communist]


def _packed_day(front: FrontDay, packer: _Packer, coast: Coast, band: bool) -> dict:
    line = np.asarray(front.line.coords)
    un, communist = _mainland(front, packer, line)
    packed = {
        "line": [[round(float(x), 3), round(float(y), 3)] for x, y in line],
        "un": un,
        "communist": communist,
    }
    if band:
        packed["band"] = packer.area(uncertainty_band(front, coast), line)
    return packed


def _island_rings(islands: tuple[int, ...], count: int) -> list:
    """Whole islands as runs: clockwise, as Plotly fills them (the coast keeps them
    counter-clockwise)."""
    return [[[1 + i, 0, 1, -1]] for i in islands if i < count]


@kept(maxsize=8)
def _packed_days(data: Dataset, band: bool) -> tuple[list, list, list, list]:
    """The distinct packed shapes, the distinct ways the islands were held, and for each
    day the index of its shape, of its islands and of its note (a note is the first day
    that has it: its words are written in the reader's language later)."""
    history = history_of(data)
    coast = history.coast
    packer = _Packer(coast)
    shapes, shape_of = [], {}
    islands, islands_of = [], {}
    notes, note_of = [], {}
    days = []
    every_island = tuple(range(len(coast.islands)))
    for front in history.days:
        shape = _packed_day(front, packer, coast, band)
        key = repr(shape)
        if key not in shape_of:
            shape_of[key] = len(shapes)
            shapes.append(shape)
        if front.un_islands not in islands_of:
            islands_of[front.un_islands] = len(islands)
            others = tuple(i for i in every_island if i not in front.un_islands)
            islands.append(
                {
                    "un": _island_rings(front.un_islands, len(coast.islands)),
                    "communist": _island_rings(others, len(coast.islands)),
                }
            )
        note = (front.status, front.accuracy_km, front.sources)
        if note not in note_of:
            note_of[note] = len(notes)
            notes.append(front)
        days.append([shape_of[key], islands_of[front.un_islands], note_of[note]])
    return shapes, islands, days, notes


def held_traces(options: MapOptions, names: dict[str, str]) -> list[dict]:
    return dress_traces(held_templates(options, names), options)


def front_payload(data: Dataset, options: MapOptions, cite, land_index: int) -> dict:
    """What the browser needs to draw the front on any day: each day's packed shapes, the
    pockets' whole traces, the note under the map, and the traces to fill.

    `cite` turns a source into what the side panel shows (see dashboard/figure/browser_bundle.py);
    `land_index` is the static trace of Korea's land, which the held areas replace."""
    history = history_of(data)
    wanted = options.layers & {"control", "uncertainty", "frontline"}
    if not wanted:
        return {
            "first": 0,
            "days": [],
            "covers": -1,
            "templates": {"held": [], "band": [], "line": []},
            "held_names": [],
        }
    shapes, islands, days, notes = _packed_days(data, "uncertainty" in wanted)
    # The pockets in the order they first appear: the same file from every process (an
    # order by memory address gave each build its own, and so its own content hash).
    first_seen: dict[int, object] = {}
    for front in history.days:
        for pocket in front.pockets:
            first_seen.setdefault(id(pocket), pocket)
    pockets = list(first_seen.values())
    pocket_index = {id(p): i for i, p in enumerate(pockets)}
    return {
        "first": day_number(history.first_day),
        "covers": land_index if "control" in wanted else -1,
        "coast": [
            {
                "lon": [round(float(x), DECIMALS) for x in r[:, 0]],
                "lat": [round(float(y), DECIMALS) for y in r[:, 1]],
            }
            for r in coast_rings(history.coast)
        ],
        "shapes": shapes,
        "islands": islands,
        "days": days,
        "pockets_on": [[pocket_index[id(p)] for p in front.pockets] for front in history.days],
        "pocket_names": [legend_name(p.name, options.lang) for p in pockets],
        "pockets": dress_traces([pocket_trace(p, data) for p in pockets], options)
        if "control" in wanted
        else [],
        "pocket_lines": dress_traces([pocket_front_trace(p, data) for p in pockets], options)
        if "frontline" in wanted
        else [],
        "notes": [
            {
                "status": front_status(front, options.lang),
                "accuracy_km": front.accuracy_km,
                "sources": [cite(s) for s in front.sources],
                "line_text": line_text(front.status, front.accuracy_km),
            }
            for front in notes
        ],
        # The held areas' names change with the war: the page takes the last set whose
        # first day has come.
        "held_names": [
            {
                "from": day_number(since),
                "held": dress_traces(held_templates(options, names), options),
            }
            for since, names in side_name_changes(data)
        ],
        "templates": {
            "held": dress_traces(
                held_templates(options, side_names(data, history.first_day)), options
            ),
            "band": dress_traces(band_template(options), options),
            "line": dress_traces(line_template(options), options),
        },
    }
