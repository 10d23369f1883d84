"""The map's frame: the box it covers and the coordinate systems it computes in."""

from __future__ import annotations

# The Korean peninsula with the neighbouring coasts of China, the USSR and Japan: what
# the map shows at first, and the printed map's frame.
LON_MIN, LON_MAX = 119.0, 132.0
LAT_MIN, LAT_MAX = 32.5, 43.5
# The land the base map holds: wider, so that a wide screen filled with the map, or a
# reader who zooms out, finds land to the frame's edges rather than coasts cut short.
BASEMAP_LON = (102.0, 149.0)
BASEMAP_LAT = (26.5, 45.5)
Box = tuple[tuple[float, float], tuple[float, float]]  # (longitudes, latitudes)
MAP_BOX: Box = ((LON_MIN, LON_MAX), (LAT_MIN, LAT_MAX))
BASEMAP_BOX: Box = (BASEMAP_LON, BASEMAP_LAT)

# Longitude/latitude on WGS 84: what every file in geodata/ is written in.
GEOGRAPHIC_CRS = "EPSG:4326"
# Korea 2000 / Unified CS: metres, low distortion over the whole peninsula. Distances,
# widths and buffers (the DMZ) are computed here, never in degrees.
METRIC_CRS = "EPSG:5179"
# Kilometres in a degree of latitude (and of longitude at the equator): for rough
# conversions only (a scale bar, how far out an island lies); distances proper use METRIC_CRS.
KM_PER_DEGREE = 111.32


def in_map_box(lon: float, lat: float, box: Box = MAP_BOX) -> bool:
    """True when a point lies inside the map's box (or another box)."""
    (west, east), (south, north) = box
    return west <= lon <= east and south <= lat <= north
