"""The line layers: the base map's land, the 38th parallel, the 1953 MDL and the DMZ.

The land and the MDL are read from files; the 38th parallel and the DMZ are computed
from them with shapely, so that they can never drift from the land they are drawn on.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import LineString

from geodata.geojson_file import read_features
from geodata.problems import ProblemLog
from geodata.region import BASEMAP_BOX, GEOGRAPHIC_CRS, LON_MAX, LON_MIN, METRIC_CRS

# Armistice Agreement, Article I, paragraph 1: each side withdraws two kilometres
# from the Military Demarcation Line.
DMZ_HALF_WIDTH_M = 2_000


def _frame(features, columns: list[str]) -> gpd.GeoDataFrame:
    rows = [
        {**{c: f.properties.get(c) for c in columns}, "line": f.line, "geometry": f.geometry}
        for f in features
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=GEOGRAPHIC_CRS)


def load_basemap(path: Path) -> gpd.GeoDataFrame:
    """Land areas (Korea and its neighbours) indexed by name."""
    log = ProblemLog(str(path))
    features = read_features(path, log, ("name", "source"), box=BASEMAP_BOX)
    for f in features:
        if f.geometry is not None and f.geometry.geom_type not in ("Polygon", "MultiPolygon"):
            log.add(f.line, "geometry", f"a {f.geometry.geom_type}", "a Polygon or MultiPolygon")
    if not log.problems and "Korea" not in {f.properties.get("name") for f in features}:
        log.add(1, "name", "no land area named Korea", 'a feature with "name": "Korea"')
    log.raise_if_any()
    return _frame(features, ["name", "source"]).set_index("name", drop=False)


def load_world(path: Path) -> shapely.Geometry:
    """The world's land, coarse: only for the locator inset (so no map-box check)."""
    log = ProblemLog(str(path))
    features = read_features(path, log, ("name", "source"), check_box=False)
    if not features and not log.problems:
        log.add(1, "features", "no land in the file", "one Feature with the world's land")
    log.raise_if_any()
    return shapely.union_all([f.geometry for f in features])


def load_mdl(path: Path) -> gpd.GeoDataFrame:
    """The Military Demarcation Line of 27 July 1953 as one feature."""
    log = ProblemLog(str(path))
    columns = ["id", "name", "valid_from", "accuracy_km", "source"]
    features = read_features(path, log, tuple(columns))
    for f in features:
        if f.geometry is not None and f.geometry.geom_type != "LineString":
            log.add(f.line, "geometry", f"a {f.geometry.geom_type}", "one LineString")
    if not features and not log.problems:
        log.add(1, "features", "no line in the file", "one Feature with the MDL")
    log.raise_if_any()
    return _frame(features, [*columns, "accuracy_note"])


def korea_land(basemap: gpd.GeoDataFrame) -> shapely.Geometry:
    return basemap.loc["Korea", "geometry"]


def parallel_38(land: shapely.Geometry) -> shapely.Geometry:
    """The 38th parallel where it crosses the peninsula's land (islands included)."""
    line = LineString([(LON_MIN, 38.0), (LON_MAX, 38.0)])
    return shapely.line_merge(line.intersection(land))


def demilitarized_zone(mdl: shapely.Geometry, land: shapely.Geometry) -> shapely.Geometry:
    """2 km each side of the MDL, buffered in metres and clipped to land.

    Flat caps: the zone ends where the line ends (the Han estuary in the west, the
    coast in the east) rather than bulging round its ends.
    """
    metric = gpd.GeoSeries([mdl], crs=GEOGRAPHIC_CRS).to_crs(METRIC_CRS)
    zone = metric.buffer(DMZ_HALF_WIDTH_M, cap_style="flat", join_style="round")
    zone_geographic = zone.to_crs(GEOGRAPHIC_CRS).iloc[0]
    return zone_geographic.intersection(land)
