"""The trace shapes every figure is made of: lines, filled areas, text, and data text made
safe for Plotly's labels."""

from __future__ import annotations

import html

from dashboard.figure.geometry_coords import line_coords

EMPTY_TEMPLATE = {"data": {}, "layout": {}}  # keeps plotly.py from injecting its default


def plain(text: str) -> str:
    """Data text for Plotly, which reads a few HTML-like tags in labels: escape them all,
    so a title containing <b> or <a href=...> shows as typed and never as markup."""
    return html.escape(str(text), quote=False)


def in_language(en: str, ko: str, lang: str, stacked: bool = False) -> str:
    """A name in the reader's language; in "both" English then Korean, one over the other
    when `stacked` (a label in a small inset stays narrow)."""
    if lang == "ko":
        return plain(ko)
    if lang == "both":
        return f"{plain(en)}<br>{plain(ko)}" if stacked else plain(f"{en} {ko}")
    return plain(en)


def place_name(row, lang: str, stacked: bool = False) -> str:
    return in_language(row["name_en"], row["name_ko"], lang, stacked)


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
