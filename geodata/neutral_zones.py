"""The neutral zones the two delegations agreed round the armistice talks, 1951-1953:
geodata/neutral_zones.csv.

A row is either a circle round one place (`shape` circle, `places` its id, `radius_m`
the radius) or a road corridor (`shape` corridor, `places` the ids the road joins, in
order, separated by ' | ', `radius_m` the width on each side of the road). `from` and
`to` are the first and last day the zone held. The agreements give radii and widths, not
maps we can trace: a circle is drawn on the place's point, and a corridor follows
straight lines between its places, so `accuracy_km` says how far the drawn edge may lie
from the agreed one and `note` why.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import LineString, Point

from geodata.csv_file import citations_cell, day_cell, read_rows
from geodata.problems import ProblemLog
from geodata.region import GEOGRAPHIC_CRS, METRIC_CRS

COLUMNS = (
    "id",
    "name_en",
    "name_ko",
    "shape",
    "places",
    "radius_m",
    "from",
    "to",
    "accuracy_km",
    "sources",
    "note",
)
SHAPES = ("circle", "corridor")
ID_PATTERN = re.compile(r"^[a-z0-9_]+$")
# A zone round a conference site is at most a few miles; a larger number is a typing
# slip (metres for feet, or an extra digit).
MAX_RADIUS_M = 20_000


@dataclass(frozen=True)
class NeutralZone:
    id: str
    name_en: str
    name_ko: str
    shape: str  # circle or corridor
    places: tuple[str, ...]
    radius_m: float  # a circle's radius, or a corridor's width each side of its road
    first_day: dt.date
    last_day: dt.date
    accuracy_km: float
    sources: tuple[str, ...]
    note: str
    area: shapely.Geometry  # longitude/latitude
    line: int  # where the row stands in its file

    def holds_on(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day


def zone_area(shape: str, points: list[Point], radius_m: float) -> shapely.Geometry:
    """The zone on the ground, computed in metres (METRIC_CRS) and returned in degrees."""
    geometry = points[0] if shape == "circle" else LineString(points)
    metric = gpd.GeoSeries([geometry], crs=GEOGRAPHIC_CRS).to_crs(METRIC_CRS)
    # quad_segs 32: a circle of 128 sides, smooth at any scale the inset draws.
    area = metric.buffer(radius_m, quad_segs=32)
    return area.to_crs(GEOGRAPHIC_CRS).iloc[0]


def _positive(value: str, column: str, line: int, log: ProblemLog, unit: str, limit: float):
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not (math.isfinite(number) and 0 < number <= limit):
        log.add(line, column, f"{value!r}", f"a number of {unit} above 0, at most {limit:g}")
        return None
    return number


def load_neutral_zones(
    path: Path, points: dict[str, Point], days: tuple[dt.date, dt.date]
) -> tuple[NeutralZone, ...]:
    """Every row, checked; raises DataError with every problem."""
    log = ProblemLog(str(path))
    zones: dict[str, NeutralZone] = {}
    for line, row in read_rows(path, log, COLUMNS):
        ok = True
        if not ID_PATTERN.match(row["id"]):
            log.add(line, "id", f"{row['id']!r}", "lower-case letters, digits and _")
            ok = False
        elif row["id"] in zones:
            log.add(line, "id", f"{row['id']!r} appears twice", "each zone once")
            ok = False
        for column in ("name_en", "name_ko"):
            if not row[column]:
                log.add(line, column, "empty", "the zone's name as the map writes it")
                ok = False
        places = citations_cell(row["places"])
        unknown = [p for p in places if p not in points]
        if unknown:
            known = "an id from geodata/places.geojson or geodata/towns.csv"
            log.add(line, "places", f"unknown place {unknown[0]!r}", known)
            ok = False
        if row["shape"] not in SHAPES:
            log.add(line, "shape", f"{row['shape']!r}", " | ".join(SHAPES))
            ok = False
        elif row["shape"] == "circle" and len(places) != 1:
            log.add(line, "places", f"{len(places)} places for a circle", "its centre's id")
            ok = False
        elif row["shape"] == "corridor" and len(places) < 2:
            expected = "the places its road joins, in order, separated by ' | '"
            log.add(line, "places", f"{len(places)} place for a corridor", expected)
            ok = False
        radius = _positive(row["radius_m"], "radius_m", line, log, "metres", MAX_RADIUS_M)
        accuracy = _positive(
            row["accuracy_km"], "accuracy_km", line, log, "kilometres", MAX_RADIUS_M / 1000
        )
        first = day_cell(row["from"], "from", line, log)
        last = day_cell(row["to"], "to", line, log)
        for column, day in (("from", first), ("to", last)):
            if day and not days[0] <= day <= days[1]:
                log.add(line, column, f"{day} is outside the map's days", f"{days[0]} to {days[1]}")
                ok = False
        if first and last and last < first:
            log.add(line, "to", f"{last} is before from {first}", "a day on or after from")
            ok = False
        sources = citations_cell(row["sources"])
        if not sources:
            log.add(line, "sources", "empty", "citations separated by ' | '")
        if not (ok and sources and radius and accuracy and first and last):
            continue
        zones[row["id"]] = NeutralZone(
            id=row["id"],
            name_en=row["name_en"],
            name_ko=row["name_ko"],
            shape=row["shape"],
            places=places,
            radius_m=radius,
            first_day=first,
            last_day=last,
            accuracy_km=accuracy,
            sources=sources,
            note=row["note"],
            area=zone_area(row["shape"], [points[p] for p in places], radius),
            line=line,
        )
    log.raise_if_any()
    return tuple(zones.values())
