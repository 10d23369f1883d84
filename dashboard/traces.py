"""The trace shapes every figure is made of: lines, filled areas, text, and data text made
safe for Plotly's labels."""

from __future__ import annotations

import html

from dashboard.geometry_coords import line_coords

EMPTY_TEMPLATE = {"data": {}, "layout": {}}  # keeps plotly.py from injecting its default


def plain(text: str) -> str:
    """Data text for Plotly, which reads a few HTML-like tags in labels: escape them all,
    so a title containing <b> or <a href=...> shows as typed and never as markup."""
    return html.escape(str(text), quote=False)


def place_name(row, lang: str) -> str:
    if lang == "ko":
        return plain(row["name_ko"])
    if lang == "both":
        return plain(f"{row['name_en']} {row['name_ko']}")
    return plain(row["name_en"])


def line_trace(geometry, layer: str, name: str, line: dict, hover: str, **extra) -> dict:
    lons, lats = line_coords(geometry)
    return {
        "type": "scattergeo",
        "mode": "lines",
        "lon": lons,
        "lat": lats,
        "name": name,
        "line": line,
        # Lines never take the hover (or the click) from the markers on and beside them;
        # what each line is stands in the legend.
        "hoverinfo": "skip",
        "text": hover,
        "meta": {"layer": layer},
        "legendgroup": layer,
        **extra,
    }


def area_trace(
    coords: tuple[list, list], name: str, layer: str, fill: str, line: dict, **extra
) -> dict:
    """A filled area (land, the DMZ): polygon rings drawn with fill='toself'."""
    lons, lats = coords
    return {
        "type": "scattergeo",
        "mode": "lines",
        "fill": "toself",
        "lon": lons,
        "lat": lats,
        "fillcolor": fill,
        "line": line,
        "hoverinfo": "skip",
        "name": name,
        "meta": {"layer": layer},
        **extra,
    }


def decoration(lons: list, lats: list, name: str, layer: str, **style) -> dict:
    """Lines or text that only dress the map (a frame, names, a scale bar): no hover,
    no legend entry. `style` gives mode and line or text settings."""
    return {
        "type": "scattergeo",
        "mode": "lines",
        "lon": lons,
        "lat": lats,
        "hoverinfo": "skip",
        "showlegend": False,
        "name": name,
        "meta": {"layer": layer},
        **style,
    }
