"""What a map can be asked for: its layers and its language. Shared by the view, the links
and the export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from geodata.catalogue import DEFAULT_LAYER_IDS

# Layers the dashboard offers today, in the order of the layer picker.
MAP_LAYERS = (
    "parallel38",
    "mdl",
    "dmz",
    "future",  # the MDL and DMZ drawn before 27 July 1953, as the future line
    "frontline",
    "control",
    "uncertainty",
    "cities",
    "venues",
    "events",
)
DEFAULT_LAYERS = frozenset(DEFAULT_LAYER_IDS)
# The day a map shows when none is asked for (a bare link, an export without --date).
DEFAULT_DAY = dt.date(1953, 7, 27)
LANGUAGES = ("en", "ko", "both")
SCREEN_DETAIL = 0.003  # degrees (about 300 m): coastline simplification on screen


@dataclass(frozen=True)
class MapOptions:
    layers: frozenset[str] = field(default_factory=lambda: DEFAULT_LAYERS)
    lang: str = "en"
    detail: float = SCREEN_DETAIL
    present: bool = False  # the projector's look (dashboard/figure/look.py)


def default_views() -> list[MapOptions]:
    """The view a link without layers opens, in every language, on a screen and on a
    projector: what nearly every viewer of a shared link asks for first."""
    return [
        MapOptions(lang=lang, present=present) for lang in LANGUAGES for present in (False, True)
    ]


def likely_views() -> list[MapOptions]:
    """What viewers of a shared link ask for: the default view in each language and
    look, then one layer switched on or off from it, the commonest (English, on a
    screen) first."""
    return default_views() + [
        MapOptions(layers=view.layers ^ {layer}, lang=view.lang, present=view.present)
        for view in default_views()
        for layer in MAP_LAYERS
    ]
