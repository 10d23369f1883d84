"""What a printed map adds to the dashboard's figure: title, date, scale bar, north arrow,
credit line, and a page size that fits the map's box exactly.

Pure: takes the figure `build_figure` made (the one builder) and returns a new one.
"""

from __future__ import annotations

import copy
import math

from dashboard import style
from dashboard.traces import decoration
from geodata.region import KM_PER_DEGREE, LAT_MAX, LAT_MIN, LON_MAX, LON_MIN

CSS_DPI = 96  # Plotly lays out in CSS pixels: 96 to the inch
# Every print is laid out at one column width and scaled to the size asked for, so type,
# legend and map keep their proportions at any size (vector formats scale exactly).
REFERENCE_WIDTH_MM = 170.0
MARGIN = {"l": 12, "r": 12, "t": 64, "b": 150}  # legend rows and credit below
CREDIT = (
    "Korea 1945–1954 map. Land, coast and MDL: Natural Earth (public domain); 38th parallel"
    "<br>and DMZ computed from them. Events and places: every source is in the caption."
)
# The scale bar sits over the Korea Strait, clear of the world inset (bottom left).
SCALE_LAT, SCALE_LON, SCALE_KM = 33.15, 127.6, 100


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def map_aspect() -> float:
    """Width over height of the map box in the Mercator projection the map uses."""
    width = math.radians(LON_MAX - LON_MIN)
    return width / (_mercator_y(LAT_MAX) - _mercator_y(LAT_MIN))


def page_size(width_mm: float = REFERENCE_WIDTH_MM) -> tuple[int, int]:
    """(width, height) in CSS pixels for a figure width_mm wide whose map fills the page."""
    width = round(width_mm / 25.4 * CSS_DPI)
    plot_width = width - MARGIN["l"] - MARGIN["r"]
    return width, round(plot_width / map_aspect()) + MARGIN["t"] + MARGIN["b"]


def _scale_bar() -> list[dict]:
    """A 100 km bar true at its own latitude (Mercator stretches scale northwards)."""
    degrees = SCALE_KM / (KM_PER_DEGREE * math.cos(math.radians(SCALE_LAT)))
    ends = [SCALE_LON, SCALE_LON + degrees / 2, SCALE_LON + degrees]
    tick = 0.06
    lons, lats = [ends[0], ends[2]], [SCALE_LAT, SCALE_LAT]
    for lon in ends:
        lons += [None, lon, lon]
        lats += [None, SCALE_LAT - tick, SCALE_LAT + tick]
    return [
        decoration(lons, lats, "scale bar", "print", line={"color": style.INK, "width": 2}),
        decoration(
            [ends[0], ends[2]],
            [SCALE_LAT + 0.12] * 2,
            "scale labels",
            "print",
            mode="text",
            text=["0", f"{SCALE_KM} km"],
            textposition="top center",
            textfont={"size": 11, "color": style.INK},
        ),
        decoration(
            [ends[1]],
            [SCALE_LAT - 0.14],
            "scale note",
            "print",
            mode="text",
            text=[f"scale true at {SCALE_LAT:.0f}°N"],
            textposition="bottom center",
            textfont={"size": 9, "color": style.MUTED},
        ),
    ]


def _page_text(text: str, y: float, anchor: str, shift: int, size: int, colour: str) -> dict:
    """Text on the page, left-aligned above (y=1) or below (y=0) the map."""
    return {
        "text": text,
        "x": 0,
        "y": y,
        "xref": "paper",
        "yref": "paper",
        "xanchor": "left",
        "yanchor": anchor,
        "yshift": shift,
        "showarrow": False,
        "font": {"size": size, "color": colour},
    }


def for_print(figure: dict, title: str, date_text: str) -> dict:
    """The dashboard's figure dressed for a page: nothing on the map itself changes."""
    printed = copy.deepcopy(figure)
    width, height = page_size()
    layout = printed["layout"]
    layout.update(
        {
            "width": width,
            "height": height,
            "margin": dict(MARGIN),
            "paper_bgcolor": "white",
            "dragmode": False,
        }
    )
    # On paper the legend runs in rows under the map, so it hides no part of it.
    layout["legend"] = {
        **layout["legend"],
        "orientation": "h",
        "x": 0,
        "xanchor": "left",
        "y": 0,
        "yanchor": "top",
        "bgcolor": "white",
        "borderwidth": 0,
    }
    layout["annotations"] = [
        _page_text(f"<b>{title}</b>", 1, "bottom", 26, 17, style.INK),
        _page_text(date_text, 1, "bottom", 6, 13, style.MUTED),
        {**_page_text(CREDIT, 0, "top", -120, 9, style.MUTED), "align": "left"},
        # North arrow: Mercator keeps north straight up everywhere on the map.
        {
            "text": "<b>N</b>",
            "x": 0.965,
            "y": 0.86,
            "xref": "paper",
            "yref": "paper",
            "ax": 0,
            "ay": 34,
            "showarrow": True,
            "arrowhead": 2,
            "arrowsize": 1.4,
            "arrowwidth": 2,
            "arrowcolor": style.INK,
            "yanchor": "bottom",
            "font": {"size": 13, "color": style.INK},
        },
    ]
    printed["data"] = printed["data"] + _scale_bar()
    return printed
