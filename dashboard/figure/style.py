"""Colours, symbols and type sizes shared by the dashboard and the exported figures.

Category colours are from the Okabe–Ito palette (safe for deuteranopia and protanopia),
and each category also has its own marker shape so colour is never the only cue.
"""

from __future__ import annotations

# Hangul from Nanum Gothic, a TrueType font, before Noto Sans CJK (OpenType CFF, which a
# PDF can only carry as Type 3 glyphs, rejected by journals' preflight).
FONT_FAMILY = "'Noto Sans', 'DejaVu Sans', 'NanumGothic', 'Noto Sans CJK KR', Arial, sans-serif"

# Lightness (CIELAB L*) carries the map when it is printed in black and white: foreign
# land 96, sea 87, UN-held 76, Communist-held 59 (tested on rendered pixels).
SEA = "#c8dced"
LAND_KOREA = "#fbf8ef"
LAND_NEIGHBOURS = "#f6f4ef"
COAST = "#8c8576"
INK = "#222222"
MUTED = "#6b6b6b"

PARALLEL38 = "#5b3a8c"
MDL = "#b2182b"
DMZ_FILL = "rgba(178, 24, 43, 0.22)"
FUTURE = "rgba(120, 120, 120, 0.55)"

VENUE_IDLE = "#7a7a7a"
VENUE_ACTIVE = "#e69f00"

CATEGORY_STYLE: dict[str, dict[str, str]] = {
    "diplomacy": {"color": "#0072B2", "symbol": "circle", "label": "Diplomacy"},
    "negotiation": {"color": "#009E73", "symbol": "diamond", "label": "Negotiation"},
    "military": {"color": "#D55E00", "symbol": "square", "label": "Military"},
    "political": {"color": "#CC79A7", "symbol": "triangle-up", "label": "Political"},
}

LABEL_SIZE = 13
# A thin halo of the paper's white round a place's name: a line drawn through the name
# (the 38th parallel runs through Kaesong's and Panmunjom's) no longer strikes it out.
LABEL_HALO = "1px 1px 1px white, -1px -1px 1px white, 1px -1px 1px white, -1px 1px 1px white"
CITY_LABEL_SIZE = 12


def name_font(size: float) -> dict:
    """How a place's name is written on the map: in ink, with its halo."""
    return {"size": size, "color": INK, "shadow": LABEL_HALO}


def over(rgb: tuple[int, int, int], alpha: float, ground: str) -> str:
    """The opaque colour of `rgb` laid at `alpha` over `ground` (a #rrggbb colour).

    The held areas are opaque so that a pocket drawn over the other side's area shows in
    its own side's colour, not a mixture of the two."""
    base = [int(ground[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(alpha * c + (1 - alpha) * g) for c, g in zip(rgb, base, strict=True)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


# The two sides' held areas: Okabe–Ito blue and vermillion, the Communist side toned
# down with grey to a terracotta, so the sides differ in lightness as well as in hue and
# black text stays readable on both.
UN_BLUE, COMMUNIST_VERMILLION = (0, 114, 178), (213, 94, 0)
HELD_UN = over(UN_BLUE, 0.44, "#ffffff")
HELD_COMMUNIST = over(COMMUNIST_VERMILLION, 0.55, "#b0a8a0")
FRONT_BAND = "rgba(60, 60, 60, 0.16)"
FRONT_LINE = "#1a1a1a"

# The projector: a washed-out beamer loses pale fills and thin lines first. Each colour of
# the screen look has a stronger twin; type and lines grow (dashboard/figure/look.py).
PROJECTOR_COLOURS = {
    SEA: "#eef2f5",  # near white: the sides' colours must not read as sea
    LAND_KOREA: "#ffffff",
    LAND_NEIGHBOURS: "#d4d0c7",
    COAST: "#4d473c",
    MUTED: "#333333",
    HELD_UN: over(UN_BLUE, 0.5, "#ffffff"),
    HELD_COMMUNIST: over(COMMUNIST_VERMILLION, 0.5, "#968e86"),
    FRONT_BAND: "rgba(40, 40, 40, 0.25)",
    DMZ_FILL: "rgba(178, 24, 43, 0.4)",
    FUTURE: "rgba(80, 80, 80, 0.8)",
}
PROJECTOR_MIN_TEXT = 20  # px: labels readable from the back of a hall
PROJECTOR_SCALE = 1.6
