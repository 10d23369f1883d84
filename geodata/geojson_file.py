"""Read a GeoJSON FeatureCollection and remember the line each feature starts on."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape

from geodata.problems import ProblemLog, read_utf8
from geodata.region import MAP_BOX, Box, in_map_box


@dataclass(frozen=True)
class LocatedFeature:
    line: int
    properties: dict[str, Any]
    geometry: shapely.Geometry | None


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _skip_blanks(text: str, index: int) -> int:
    while text[index] in " \t\r\n":
        index += 1
    return index


def _member_starts(text: str, decoder: json.JSONDecoder) -> dict[str, int]:
    """Where each member's value of the top-level object begins (the last wins, as in json).

    Walking the members rather than searching for '"features"' keeps line numbers right
    when that word also appears inside another member or the key is given twice.
    """
    starts, index = {}, _skip_blanks(text, 0) + 1  # past the opening brace
    while True:
        index = _skip_blanks(text, index)
        if text[index] == "}":
            return starts
        key, index = decoder.raw_decode(text, index)
        index = _skip_blanks(text, _skip_blanks(text, index) + 1)  # past the colon
        starts[key] = index
        _, index = decoder.raw_decode(text, index)
        index = _skip_blanks(text, index)
        if text[index] == ",":
            index += 1


def _element_lines(text: str, start: int, decoder: json.JSONDecoder) -> list[int]:
    """The line each element of the JSON array at `start` begins on."""
    lines, index = [], _skip_blanks(text, start + 1)
    while text[index] != "]":
        lines.append(_line_of(text, index))
        _, index = decoder.raw_decode(text, index)
        index = _skip_blanks(text, index)
        if text[index] == ",":
            index = _skip_blanks(text, index + 1)
    return lines


def _decode(text: str, log: ProblemLog) -> tuple[bool, Any]:
    """(True, the document), or (False, None) with the problem logged."""
    try:
        return True, json.loads(text)
    except json.JSONDecodeError as err:
        cut_short = err.pos >= len(text.rstrip())
        reason = "the file ends in the middle, cut short?" if cut_short else err.msg
        log.add(err.lineno, "(file)", f"not valid JSON: {reason}", "a GeoJSON FeatureCollection")
    except RecursionError:
        log.add(1, "(file)", "not valid JSON: nested too deeply", "a GeoJSON FeatureCollection")
    return False, None


def _crs_name(crs: Any) -> str:
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    return name if isinstance(name, str) else json.dumps(crs)


def _features_with_lines(text: str, log: ProblemLog) -> list[tuple[int, Any]]:
    """Decode the features array element by element so each keeps its line number."""
    decoded, document = _decode(text, log)
    if not decoded:
        return []
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        found = (
            f"a JSON list of {len(document)} items, not" if isinstance(document, list) else "not"
        )
        log.add(1, "type", f"{found} a FeatureCollection", '"type": "FeatureCollection"')
        return []
    crs = document.get("crs")
    if crs is not None and not any(ok in json.dumps(crs) for ok in ("CRS84", "4326")):
        log.add(
            1,
            "crs",
            f"coordinates in {_crs_name(crs)}",
            "longitude/latitude on WGS 84, EPSG:4326; reproject the file",
        )
        return []
    features = document.get("features")
    if not isinstance(features, list):
        log.add(1, "features", "missing or not a list", "a list of Features")
        return []
    decoder = json.JSONDecoder()
    lines = _element_lines(text, _member_starts(text, decoder)["features"], decoder)
    return list(zip(lines, features, strict=True))


def format_position(x: float, y: float) -> str:
    """(lon, lat) as written in messages; metres in whole numbers rather than 1.39e+07."""

    def number(value: float) -> str:
        return f"{value:.0f}" if abs(value) >= 1e5 else f"{value:g}"

    return f"({number(x)}, {number(y)})"


def position_hint(x: float, y: float) -> str:
    """Why a coordinate may be off the map: swapped, or in metres rather than degrees."""
    if in_map_box(y, x):
        return ": latitude and longitude swapped?"
    if abs(x) > 360 or abs(y) > 360:
        return ": metres, not degrees? the file may be in a projected coordinate system"
    return ""


def _crossing(line: shapely.Geometry) -> tuple[float, float]:
    """A point where a line that is not simple meets itself."""
    coords = shapely.get_coordinates(line)
    segments = shapely.linestrings(np.stack([coords[:-1], coords[1:]], axis=1))
    left, right = shapely.STRtree(segments).query(segments, predicate="intersects")
    apart = right > left + 1  # neighbouring segments always share a vertex
    if apart.any():
        i, j = left[apart][0], right[apart][0]
        point = shapely.intersection(segments[i], segments[j])
    else:  # a segment doubling back over its neighbour
        point = shapely.get_point(line, 1)
    x, y = shapely.get_coordinates(point)[0]
    return float(x), float(y)


def _geometry(line: int, raw: Any, log: ProblemLog) -> shapely.Geometry | None:
    if not isinstance(raw, dict) or "type" not in raw:
        log.add(line, "geometry", "missing", "a GeoJSON geometry")
        return None
    try:
        geometry = shape(raw)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError) as err:
        log.add(line, "geometry", f"cannot be read: {err}", "a GeoJSON geometry")
        return None
    coords = shapely.get_coordinates(geometry)
    if geometry.is_empty or len(coords) == 0:
        log.add(line, "geometry", "empty", "at least one coordinate")
        return None
    if not all(math.isfinite(v) for v in coords.flat):
        log.add(line, "geometry", "a coordinate is NaN or infinite", "finite numbers")
        return None
    if not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        log.add(line, "geometry", f"invalid geometry: {reason}", "a simple, valid shape")
    elif geometry.geom_type == "LineString" and not geometry.is_simple:
        x, y = _crossing(geometry)
        log.add(line, "geometry", f"the line crosses itself at ({x:g}, {y:g})", "a simple line")
    return geometry


def read_features(
    path: Path,
    log: ProblemLog,
    required: tuple[str, ...],
    *,
    check_box: bool = True,
    box: Box = MAP_BOX,
) -> list[LocatedFeature]:
    """Every feature of the file, with problems logged for missing properties and bad shapes."""
    text = read_utf8(path, log, "a GeoJSON FeatureCollection")
    if text is None:
        return []
    located = []
    for line, feature in _features_with_lines(text, log):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            log.add(line, "type", "not a Feature", '"type": "Feature"')
            continue
        properties = feature.get("properties")
        if not isinstance(properties, dict):
            properties = {}
        for name in required:
            value = properties.get(name)
            if value is None or (isinstance(value, str) and not value.strip()):
                log.add(line, name, "property missing or empty", f"a value for {name}")
        geometry = _geometry(line, feature.get("geometry"), log)
        if geometry is not None and check_box:
            coords = shapely.get_coordinates(geometry)
            outside = [(x, y) for x, y in coords if not in_map_box(x, y, box)]
            if outside:
                x, y = outside[0]
                (west, east), (south, north) = box
                log.add(
                    line,
                    "geometry",
                    f"coordinate {format_position(x, y)} outside the map's box"
                    f"{position_hint(x, y)}",
                    f"longitude {west:g}–{east:g}, latitude {south:g}–{north:g}; [lon, lat] order",
                )
        located.append(LocatedFeature(line, properties, geometry))
    return located
