"""Read a GeoJSON FeatureCollection and remember the line each feature starts on."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape

from geodata.problems import ProblemLog, read_utf8
from geodata.region import in_map_box


@dataclass(frozen=True)
class LocatedFeature:
    line: int
    properties: dict[str, Any]
    geometry: shapely.Geometry | None


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _features_with_lines(text: str, log: ProblemLog) -> list[tuple[int, Any]]:
    """Decode the features array element by element so each keeps its line number."""
    decoder = json.JSONDecoder()
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        log.add(err.lineno, "(file)", f"not valid JSON: {err.msg}", "a GeoJSON FeatureCollection")
        return []
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        log.add(1, "type", "not a FeatureCollection", '"type": "FeatureCollection"')
        return []
    crs = document.get("crs")
    if crs is not None and "CRS84" not in json.dumps(crs) and "4326" not in json.dumps(crs):
        log.add(1, "crs", f"coordinates in {json.dumps(crs)}", "longitude/latitude on WGS 84")
        return []
    features = document.get("features")
    if not isinstance(features, list):
        log.add(1, "features", "missing or not a list", "a list of Features")
        return []
    # Walk the raw text of the array to find where each feature begins.
    start = text.index("[", text.index('"features"'))
    located, index = [], start + 1
    for feature in features:
        while text[index] in " \t\r\n,":
            index += 1
        _, end = decoder.raw_decode(text, index)
        located.append((_line_of(text, index), feature))
        index = end
    return located


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
    return geometry


def read_features(
    path: Path,
    log: ProblemLog,
    required: tuple[str, ...],
    *,
    check_box: bool = True,
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
            outside = [(x, y) for x, y in shapely.get_coordinates(geometry) if not in_map_box(x, y)]
            if outside:
                x, y = outside[0]
                log.add(
                    line,
                    "geometry",
                    f"coordinate ({x:g}, {y:g}) outside the map's box",
                    "longitude 119–132, latitude 32.5–43.5; [lon, lat] order",
                )
        located.append(LocatedFeature(line, properties, geometry))
    return located
