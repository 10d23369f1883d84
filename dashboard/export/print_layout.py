"""What a printed map adds to the dashboard's figure: title, date, scale bar, north arrow,
credit line, and a page size that fits the map's box exactly.

Pure: takes the figure `build_figure` made (the one builder) and returns a new one.
"""

from __future__ import annotations

import math

from dashboard.figure import style, talks_inset, world_inset
from dashboard.figure.projection import CENTRE, PRINT, geo_window, north_turn, scale_factor
from dashboard.figure.traces import decoration
from dashboard.model.cache import copied
from dashboard.model.words import PRINTED, word
from geodata.region import KM_PER_DEGREE

CSS_DPI = 96  # Plotly lays out in CSS pixels: 96 to the inch
# Every print is laid out at one column width and scaled to the size asked for, so type,
# legend and map keep their proportions at any size (vector formats scale exactly).
REFERENCE_WIDTH_MM = 170.0
SIDE_MARGIN = 12
TITLE_SPACE, DATE_SPACE = 64, 36  # above the map: title and date, or the date alone
LEGEND_ROW = 20  # px a row of the legend takes (two columns)
LEGEND_SYMBOL = 46  # px Plotly gives an entry besides its text (symbol, gaps: 45 measured)
LEGEND_TEXT = 10  # px, the legend's names
LEGEND_GAP, CREDIT_SPACE = 12, 34  # above the legend; the credit's two lines below it
# The north arrow and, under it, the scale bar: over the open Sea of Japan, below
# Chongjin, clear of the coasts, the towns' names and the insets (left).
NORTH_LON, NORTH_LAT = 131.0, 40.2
SCALE_LAT, SCALE_KM = 39.35, 100  # the bar is centred on the arrow's meridian


def map_aspect() -> float:
    """Width over height of the printed map's frame (dashboard/figure/projection.py)."""
    return PRINT.aspect


def legend_rows(figure: dict) -> int:
    """Rows of the printed legend: its entries two to a row."""
    entries = sum(1 for t in figure["data"] if t.get("showlegend", True) is not False)
    return math.ceil(entries / 2)


def margins(figure: dict, titled: bool) -> dict[str, int]:
    """Room round the map for what the page holds: the title (if any) and the date above,
    the legend's rows and the credit below. The page is as tall as its content."""
    below = LEGEND_GAP + legend_rows(figure) * LEGEND_ROW + CREDIT_SPACE
    top = TITLE_SPACE if titled else DATE_SPACE
    return {"l": SIDE_MARGIN, "r": SIDE_MARGIN, "t": top, "b": below}


def page_size(margin: dict[str, int], width_mm: float = REFERENCE_WIDTH_MM) -> tuple[int, int]:
    """(width, height) in CSS pixels for a figure width_mm wide whose map fills its frame."""
    width = round(width_mm / 25.4 * CSS_DPI)
    plot_width = width - margin["l"] - margin["r"]
    return width, round(plot_width / map_aspect()) + margin["t"] + margin["b"]


def print_word(key: str, lang: str, **values: object) -> str:
    """A word of the printed map in its language, its lines broken as Plotly breaks them."""
    return word(key, lang, PRINTED).format(**values).replace("\n", "<br>")


def _scale_bar(lang: str) -> list[dict]:
    """A bar as long on the map as 100 km at the map's centre (38°N): drawn along its own
    parallel, where the conic's scale differs from the centre's by a fraction of a percent."""
    ground_km = SCALE_KM * scale_factor(CENTRE[1]) / scale_factor(SCALE_LAT)
    degrees = ground_km / (KM_PER_DEGREE * math.cos(math.radians(SCALE_LAT)))
    ends = [NORTH_LON - degrees / 2, NORTH_LON, NORTH_LON + degrees / 2]
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
            text=[print_word("scale_note", lang, lat=f"{CENTRE[1]:.0f}")],
            textposition="bottom center",
            textfont={"size": 9, "color": style.MUTED},
        ),
    ]


def _north_arrow() -> list[dict]:
    """North where the arrow stands: the conic's meridians lean a few degrees off the
    vertical away from the centre, so the arrow is turned to the meridian there."""
    return [
        decoration(
            [NORTH_LON],
            [NORTH_LAT],
            "north arrow",
            "print",
            mode="markers+text",
            text=["<b>N</b>"],
            textposition="top center",
            textfont={"size": 13, "color": style.INK},
            marker={
                "symbol": "arrow-up",
                "size": 16,
                "angle": round(north_turn(NORTH_LON, NORTH_LAT), 1),
                "color": style.INK,
                "line": {"width": 0},
            },
        )
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


def for_print(figure: dict, title: str, date_text: str, lang: str) -> dict:
    """The dashboard's figure dressed for a page, with its words in `lang`: nothing on the
    map itself changes."""
    printed = copied(figure)
    # No halo round the names in print: Chromium writes a text shadow into a PDF as a
    # second copy of the text, which a reader's search and copy would meet twice.
    for trace in printed["data"]:
        (trace.get("textfont") or {}).pop("shadow", None)
    margin = margins(printed, bool(title.strip()))
    width, height = page_size(margin)
    layout = printed["layout"]
    layout.update(
        {
            "width": width,
            "height": height,
            "margin": margin,
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
        # A grid: two columns of equal width, whatever each entry's length. At 10 px
        # (7.5 pt on a 170 mm column) the longest name ("Held by the DPRK and Chinese
        # People's Volunteers") fits its column; at 11 px Plotly cut it off.
        "font": {**layout["legend"].get("font", {}), "size": LEGEND_TEXT},
        "entrywidth": (width - margin["l"] - margin["r"]) // 2 - LEGEND_SYMBOL,
        "entrywidthmode": "pixels",
        "tracegroupgap": 0,
    }
    credit_at = -(margin["b"] - CREDIT_SPACE + 4)
    layout["annotations"] = [
        *([_page_text(f"<b>{title}</b>", 1, "bottom", 26, 17, style.INK)] if title.strip() else []),
        _page_text(date_text, 1, "bottom", 6, 13, style.MUTED),
        {
            **_page_text(print_word("credit", lang), 0, "top", credit_at, 9, style.MUTED),
            "align": "left",
        },
    ]
    layout["geo"] = {**layout["geo"], **geo_window(PRINT)}
    layout["geo2"] = {**layout["geo2"], "domain": world_inset.PRINT_DOMAIN}
    layout["geo3"] = {**layout["geo3"], "domain": talks_inset.PRINT_DOMAIN}
    # The map's frame: a line round the plot area, which the map fills exactly.
    layout["shapes"] = [
        {
            "type": "rect",
            "xref": "paper",
            "yref": "paper",
            "x0": 0,
            "x1": 1,
            "y0": 0,
            "y1": 1,
            "line": {"color": style.MUTED, "width": 1},
        }
    ]
    printed["data"] = printed["data"] + _scale_bar(lang) + _north_arrow()
    return printed
