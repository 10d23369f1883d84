"""Load geodata/places.geojson: the named points events happen at."""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd

from geodata.geojson_file import format_position, position_hint, read_features
from geodata.problems import ProblemLog
from geodata.region import GEOGRAPHIC_CRS, in_map_box

PLACE_KINDS = ("city", "venue", "battle", "other")
PLACE_PROPERTIES = ("id", "name_en", "name_ko", "kind", "source")
ID_PATTERN = re.compile(r"^[a-z0-9_]+$")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _off_earth_hint(point) -> str:
    """Only a swap explains a latitude over 90 that is a longitude in the map's box."""
    swapped = abs(point.x) <= 90 < abs(point.y)
    return ": latitude and longitude swapped?" if swapped else position_hint(point.x, point.y)


def load_places(path: Path) -> gpd.GeoDataFrame:
    """Places indexed by id. Raises DataError listing every problem in the file.

    A place with `"abroad": true` (Moscow, New York, Geneva...) lies outside the map's box
    and is drawn in the world locator inset; every other place must lie inside the box.
    """
    log = ProblemLog(str(path))
    rows, seen = [], {}
    for feature in read_features(path, log, PLACE_PROPERTIES, check_box=False):
        props, line, point = feature.properties, feature.line, feature.geometry
        place_id = str(props.get("id") or "")
        if place_id and not ID_PATTERN.match(place_id):
            log.add(
                line,
                "id",
                f"{place_id!r} has characters other than a-z, 0-9 and _",
                "a lowercase id such as kaesong",
            )
        if place_id in seen:
            log.add(
                line,
                "id",
                f"duplicate id {place_id!r}, first on line {seen[place_id]}",
                "each id once",
            )
        seen.setdefault(place_id, line)
        if props.get("kind") and props["kind"] not in PLACE_KINDS:
            log.add(line, "kind", f"unknown kind {props['kind']!r}", " | ".join(PLACE_KINDS))
        if props.get("name_ko") and not HANGUL.search(str(props["name_ko"])):
            log.add(line, "name_ko", f"{props['name_ko']!r} has no Hangul", "the name in Hangul")
        if props.get("name_en") and HANGUL.search(str(props["name_en"])):
            log.add(
                line,
                "name_en",
                f"{props['name_en']!r} is in Hangul",
                "the name in the Latin alphabet; Hangul goes in name_ko",
            )
        abroad = props.get("abroad") is True
        if point is not None:
            if point.geom_type != "Point":
                log.add(line, "geometry", f"a {point.geom_type}", "a Point")
                continue
            if not (-180 <= point.x <= 180 and -90 <= point.y <= 90):
                log.add(
                    line,
                    "geometry",
                    f"{format_position(point.x, point.y)} is not on Earth{_off_earth_hint(point)}",
                    "[longitude, latitude]",
                )
            elif not abroad and not in_map_box(point.x, point.y):
                log.add(
                    line,
                    "geometry",
                    f"{format_position(point.x, point.y)} outside the map's box"
                    f"{position_hint(point.x, point.y)}",
                    'longitude 119–132, latitude 32.5–43.5, or "abroad": true',
                )
        rows.append({**props, "abroad": abroad, "line": line, "geometry": point})
    log.raise_if_any()
    places = gpd.GeoDataFrame(rows, geometry="geometry", crs=GEOGRAPHIC_CRS)
    return places.set_index("id", drop=False)
