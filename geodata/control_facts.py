"""Who held a place from when to when: geodata/control_facts.csv, and the towns it names
that are not among the map's places (geodata/towns.csv).

A control fact is a row `place,from,to,held_by,sources,note`: `place` is an id in
geodata/places.geojson or geodata/towns.csv, `from` and `to` the first and last day
(inclusive) on which the holder is certain (days of fighting in the town are left out),
`held_by` is `UN` or `communist`. The map is tested against every row on every day of it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path

from shapely.geometry import Point

from geodata.csv_file import citations_cell, day_cell, read_rows
from geodata.frontlines import SIDES
from geodata.problems import ProblemLog
from geodata.region import in_map_box

TOWN_COLUMNS = ("id", "name", "lon", "lat", "source", "note")
FACT_COLUMNS = ("place", "from", "to", "held_by", "sources", "note")
ID_PATTERN = re.compile(r"^[a-z0-9_]+$")
GAZETTEER = re.compile(r"^(geonames:\d+|derived)$")


@dataclass(frozen=True)
class Town:
    """A town whose holder the map states: a point from the gazetteer, cited by row."""

    id: str
    name: str
    point: Point
    source: str  # "geonames:<id>", or "derived" with the note saying how
    note: str
    line: int  # where the row stands in its file


@dataclass(frozen=True)
class ControlFact:
    line: int  # where the row stands in its file, for a message a historian can act on
    place: str
    point: Point
    first_day: dt.date
    last_day: dt.date
    held_by: str
    sources: tuple[str, ...]
    note: str


def _number(value: str, column: str, line: int, log: ProblemLog) -> float | None:
    try:
        number = float(value)
    except ValueError:
        log.add(line, column, f"{value!r} is not a number", "decimal degrees, e.g. 127.03")
        return None
    if not math.isfinite(number):
        log.add(line, column, f"{value!r} is not a finite number", "decimal degrees")
        return None
    return number


def load_towns(path: Path) -> dict[str, Town]:
    """Towns by id; raises DataError with every problem."""
    log = ProblemLog(str(path))
    towns: dict[str, Town] = {}
    for line, row in read_rows(path, log, TOWN_COLUMNS):
        if not ID_PATTERN.match(row["id"]):
            log.add(line, "id", f"{row['id']!r}", "lower-case letters, digits and _")
            continue
        if row["id"] in towns:
            log.add(line, "id", f"{row['id']!r} appears twice", "each town once")
            continue
        if not row["name"]:
            log.add(line, "name", "empty", "the name the histories use, e.g. Ch'unch'on")
        if not GAZETTEER.match(row["source"]):
            expected = "geonames:<id>, or derived (say how in note)"
            log.add(line, "source", f"{row['source']!r}", expected)
        if row["source"] == "derived" and not row["note"]:
            log.add(line, "note", "a derived point without a note", "how the point was located")
        lon = _number(row["lon"], "lon", line, log)
        lat = _number(row["lat"], "lat", line, log)
        if lon is None or lat is None:
            continue
        if not in_map_box(lon, lat):
            log.add(line, "lon", f"({lon:g}, {lat:g}) outside the map's box", "a place in Korea")
            continue
        towns[row["id"]] = Town(
            row["id"], row["name"], Point(lon, lat), row["source"], row["note"], line
        )
    log.raise_if_any()
    return towns


def load_control_facts(
    path: Path, points: dict[str, Point], war: tuple[dt.date, dt.date]
) -> list[ControlFact]:
    """Every row, checked: a known place, a day range inside the war, a side, sources; and no
    two rows giving one place to both sides on the same day."""
    log = ProblemLog(str(path))
    facts: list[ControlFact] = []
    for line, row in read_rows(path, log, FACT_COLUMNS):
        point = points.get(row["place"])
        if point is None:
            log.add(
                line,
                "place",
                f"unknown place {row['place']!r}",
                "an id from geodata/places.geojson or geodata/towns.csv",
            )
        first = day_cell(row["from"], "from", line, log)
        last = day_cell(row["to"], "to", line, log)
        if first and last and last < first:
            log.add(line, "to", f"{last} is before from {first}", "a day on or after from")
        for column, day in (("from", first), ("to", last)):
            if day and not war[0] <= day <= war[1]:
                log.add(line, column, f"{day} is outside the war", f"{war[0]} to {war[1]}")
        if row["held_by"] not in SIDES:
            log.add(line, "held_by", f"{row['held_by']!r}", " | ".join(SIDES))
        sources = citations_cell(row["sources"])
        if not sources:
            log.add(line, "sources", "empty", "citations separated by ' | '")
        if point is None or not (first and last) or row["held_by"] not in SIDES or not sources:
            continue
        facts.append(
            ControlFact(
                line, row["place"], point, first, last, row["held_by"], sources, row["note"]
            )
        )
    for fact in facts:
        for other in facts:
            if (
                other.line < fact.line
                and other.place == fact.place
                and other.held_by != fact.held_by
                and other.first_day <= fact.last_day
                and fact.first_day <= other.last_day
            ):
                log.add(
                    fact.line,
                    "from",
                    f"gives {fact.place} to the {fact.held_by} side while line {other.line} "
                    f"gives it to the {other.held_by} side",
                    "one holder a day",
                )
    log.raise_if_any()
    return facts
