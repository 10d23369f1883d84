"""Load geodata/frontlines.geojson: dated front-line keyframes and the pockets beside them.

A keyframe (`kind: line`) is a LineString running from the west (or south) coast to the east
coast, with its date, label, sources (citations separated by " | "), accuracy_km (how far the
true line may lie from the drawn one) and the named waypoints it was drawn through. A pocket
(`kind: pocket`) is a Polygon that one side held apart from its main front from one day to
another, inclusive: the Inchon beachhead, X Corps in the north-east, the Hungnam perimeter.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from pathlib import Path

from shapely.geometry import LineString, Polygon

from geodata.geojson_file import read_features
from geodata.problems import ProblemLog

SIDES = ("UN", "communist")


@dataclass(frozen=True)
class Keyframe:
    day: dt.date
    label: str
    sources: tuple[str, ...]
    accuracy_km: float
    note: str
    line: LineString
    waypoints: tuple[str, ...]
    file_line: int = 0  # where the feature starts in its file, for messages


@dataclass(frozen=True)
class Pocket:
    name: str  # what a reader calls it: "X Corps, north-east Korea"
    held_by: str  # "UN" or "communist"
    first_day: dt.date
    last_day: dt.date
    area: Polygon
    sources: tuple[str, ...]
    accuracy_km: float
    note: str
    file_line: int = 0  # where the feature starts in its file, for messages


def _day(value, line: int, log: ProblemLog, column: str = "date") -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        log.add(line, column, f"{value!r} is not a date", "YYYY-MM-DD")
        return None


def _accuracy(value, line: int, log: ProblemLog) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        log.add(line, "accuracy_km", f"{value!r} is not a number", "kilometres, e.g. 15")
        return None
    if not 0 < value <= 100:
        log.add(line, "accuracy_km", f"{value:g} is out of range", "more than 0, at most 100")
        return None
    return float(value)


def _sources(value, line: int, log: ProblemLog) -> tuple[str, ...]:
    if value is not None and not isinstance(value, str):
        log.add(
            line,
            "sources",
            f"a JSON {type(value).__name__}, not text",
            "one text, citations separated by ' | '",
        )
        return ()
    sources = tuple(s.strip() for s in (value or "").split(" | "))
    if value and not all(sources):
        log.add(line, "sources", "an empty citation", "citations separated by ' | '")
    return sources


def _waypoints(value, line: int, log: ProblemLog) -> tuple[str, ...]:
    """The names of the waypoints: a list of {"name": ...} objects, or nothing."""
    value = value or []
    if not isinstance(value, list) or not all(isinstance(w, dict) for w in value):
        log.add(
            line,
            "waypoints",
            f"{json.dumps(value, ensure_ascii=False)[:40]} is not a list of objects",
            '[{"name": "Kaesong", ...}, ...]',
        )
        return ()
    return tuple(str(w.get("name", "")) for w in value)


def _pocket(props: dict, line: int, geometry, log: ProblemLog) -> Pocket | None:
    for name in ("name", "from", "to"):
        if not props.get(name):
            log.add(line, name, "property missing or empty", f"a value for {name}")
    first = _day(props["from"], line, log, "from") if props.get("from") else None
    last = _day(props["to"], line, log, "to") if props.get("to") else None
    if first and last and last < first:
        log.add(line, "to", f"{last} is before from {first}", "a day on or after from")
        return None
    if props.get("held_by") not in SIDES:
        log.add(line, "held_by", f"{props.get('held_by')!r}", " | ".join(SIDES))
        return None
    if geometry is not None and geometry.geom_type != "Polygon":
        log.add(line, "geometry", f"a {geometry.geom_type}", "a Polygon")
        return None
    accuracy = _accuracy(props.get("accuracy_km"), line, log)
    if not (first and last and geometry is not None and accuracy and props.get("name")):
        return None
    return Pocket(
        str(props["name"]),
        props["held_by"],
        first,
        last,
        geometry,
        _sources(props.get("sources"), line, log),
        accuracy,
        str(props.get("note", "")),
        line,
    )


def load_frontlines(path: Path) -> tuple[list[Keyframe], list[Pocket]]:
    """Keyframes by date and the pockets by first day; raises DataError with every problem."""
    log = ProblemLog(str(path))
    keyframes, pockets, seen = [], [], {}
    for f in read_features(path, log, ("kind", "sources", "accuracy_km")):
        props, line, geometry = f.properties, f.line, f.geometry
        kind = props.get("kind")
        if kind == "pocket":
            pocket = _pocket(props, line, geometry, log)
            if pocket:
                pockets.append(pocket)
            continue
        for name in ("date", "label"):
            if kind == "line" and not props.get(name):
                log.add(line, name, "property missing or empty", f"a value for {name}")
        day = _day(props.get("date"), line, log) if props.get("date") else None
        accuracy = _accuracy(props.get("accuracy_km"), line, log)
        sources = _sources(props.get("sources"), line, log)
        names = _waypoints(props.get("waypoints"), line, log)
        if kind == "line":
            if geometry is not None and geometry.geom_type != "LineString":
                log.add(line, "geometry", f"a {geometry.geom_type}", "a LineString")
                continue
            if geometry is not None and geometry.coords[0][0] > geometry.coords[-1][0]:
                log.add(line, "geometry", "runs east to west", "waypoints from west to east")
            if day in seen:
                log.add(
                    line,
                    "date",
                    f"a second line for {day}, first on line {seen[day]}",
                    "one line per date",
                )
            seen.setdefault(day, line)
            if day and accuracy and geometry is not None:
                keyframes.append(
                    Keyframe(
                        day,
                        props["label"],
                        sources,
                        accuracy,
                        props.get("note", ""),
                        geometry,
                        names,
                        line,
                    )
                )
        elif kind is not None:
            log.add(line, "kind", f"unknown kind {kind!r}", "line | pocket")
    if not keyframes and not log.problems:
        log.add(1, "features", "no front line in the file", "dated LineString keyframes")
    log.raise_if_any()
    return sorted(keyframes, key=lambda k: k.day), sorted(pockets, key=lambda p: p.first_day)
