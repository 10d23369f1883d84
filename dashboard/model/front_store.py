"""The costly part of the front's history kept on disk, so that a new process (a server
starting, a worker, `run.py export`) reads it in a fraction of a second instead of
computing it again (about four seconds).

What is kept, for every day: the line as drawn, the mainland either side of it, the land
each side held where pockets change it, the islands the UN held and how the line cut the
coast. Everything else of a day (its status, sources, accuracy) is cheap and is made afresh.

The file is named by a digest of all the computation depends on: the keyframes' days and
lines, the pockets' days, holders and areas, the land, the code of the front module and of
the constants it uses, and the versions of shapely, GEOS and numpy. A change to any gives
a new name, so a kept file never stands for another front. Geometries are kept as WKB
(exact doubles) in a compressed numpy archive, read without pickle; a file that cannot be
read is ignored and written again.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from geodata.frontlines import Keyframe, Pocket

log = logging.getLogger("dashboard")

# Where the page's data files (dashboard/web/data_files.py) and this store live.
CACHE_ENV = "KOREA_MAP_CACHE"


def default_directory() -> Path:
    """$KOREA_MAP_CACHE, else the user's cache folder."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "korea-map"


@dataclass(frozen=True)
class DayShapes:
    """What is costly to compute of one day's front (see dashboard/model/front.py)."""

    line: shapely.LineString
    mainland: tuple[shapely.Geometry, shapely.Geometry]  # (UN, Communist)
    held: tuple[shapely.Geometry, shapely.Geometry] | None  # None: no pocket changes it
    un_islands: tuple[int, ...]
    cut: tuple[int, int] | None


def store_key(
    keyframes: Sequence[Keyframe],
    pockets: Sequence[Pocket],
    land: shapely.Geometry,
    code: Sequence[Path],
) -> str:
    """The digest of everything the shapes depend on."""
    digest = hashlib.sha256()
    for part in (shapely.__version__, shapely.geos_version_string, np.__version__):
        digest.update(part.encode())
    for module in code:
        digest.update(module.read_bytes())
    for keyframe in keyframes:
        digest.update(keyframe.day.isoformat().encode())
        digest.update(shapely.to_wkb(keyframe.line))
    for pocket in pockets:
        digest.update(f"{pocket.held_by} {pocket.first_day} {pocket.last_day}".encode())
        digest.update(shapely.to_wkb(pocket.area))
    digest.update(shapely.to_wkb(land))
    return digest.hexdigest()[:20]


def store_path(folder: Path, key: str) -> Path:
    return folder / f"front-{key}.npz"


def _joined(parts: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    offsets = np.cumsum([0, *map(len, parts)], dtype=np.int64)
    return np.frombuffer(b"".join(parts), dtype=np.uint8), offsets


def _split(blob: np.ndarray, offsets: np.ndarray) -> list[bytes]:
    raw = blob.tobytes()
    return [raw[a:b] for a, b in itertools.pairwise(offsets)]


def write(path: Path, days: list[DayShapes]) -> None:
    """Keep the shapes in `path`, written whole under a temporary name and then renamed
    (a process reading at the same moment finds no file or the whole file). A folder
    that cannot be written only costs the next process the computation."""
    geometries = []
    for day in days:
        geometries += [day.line, *day.mainland, *(day.held or ())]
    wkb, offsets = _joined(list(shapely.to_wkb(np.asarray(geometries, dtype=object))))
    islands, island_offsets = _joined([np.asarray(d.un_islands, np.int32).tobytes() for d in days])
    arrays = {
        "wkb": wkb,
        "offsets": offsets,
        "has_held": np.array([d.held is not None for d in days]),
        "islands": islands,
        "island_offsets": island_offsets,
        "cut": np.array([d.cut or (-1, -1) for d in days], dtype=np.int64).reshape(-1, 2),
    }
    out = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npz", delete=False) as out:
            np.savez_compressed(out, **arrays)
        os.replace(out.name, path)
    except OSError as err:
        log.warning("the front's history is not kept on disk (%s): %s", path.parent, err)
        if out is not None:  # a disk that filled up mid-write: no half file left behind
            Path(out.name).unlink(missing_ok=True)


def read(path: Path, days: int) -> list[DayShapes] | None:
    """The shapes kept in `path` for `days` days; None when there is no such file or it
    cannot be read as one."""
    try:
        with np.load(path, allow_pickle=False) as kept:
            arrays = {name: kept[name] for name in kept.files}
        geometries = list(shapely.from_wkb(_split(arrays["wkb"], arrays["offsets"])))
        islands = _split(arrays["islands"], arrays["island_offsets"])
        has_held, cuts = arrays["has_held"], arrays["cut"]
        if len(has_held) != days or len(islands) != days or len(cuts) != days:
            return None
        if len(geometries) != 3 * days + 2 * int(has_held.sum()):
            return None
        shapes, at = [], 0
        for index in range(days):
            line, un, communist = geometries[at : at + 3]
            at += 3
            held = None
            if has_held[index]:
                held, at = tuple(geometries[at : at + 2]), at + 2
            first, last = (int(n) for n in cuts[index])
            shapes.append(
                DayShapes(
                    line=line,
                    mainland=(un, communist),
                    held=held,
                    un_islands=tuple(int(i) for i in np.frombuffer(islands[index], np.int32)),
                    cut=None if first < 0 else (first, last),
                )
            )
        return shapes
    except (
        OSError,
        EOFError,
        KeyError,
        TypeError,
        ValueError,
        zipfile.BadZipFile,
        shapely.errors.GEOSException,
    ):
        return None
