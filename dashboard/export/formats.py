"""What an export can write, and the one error it raises. Light on purpose: the command
line knows its choices and its error without loading the renderer or the figures."""

from __future__ import annotations

IMAGE_FORMATS = ("png", "svg", "pdf")
GIS_FORMATS = ("geojson", "gpkg")  # the map's features, for a GIS (dashboard/export/gis.py)
FORMATS = (*IMAGE_FORMATS, "html", *GIS_FORMATS)


class ExportError(Exception):
    """One line that says what is wrong with an export request."""
