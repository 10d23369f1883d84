"""What a map can be asked for: its layers and its language. Shared by the view, the links
and the export."""

from __future__ import annotations

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
FRONT_LAYERS = ("control", "uncertainty", "frontline")
LANGUAGES = ("en", "ko", "both")
SCREEN_DETAIL = 0.003  # degrees (about 300 m): coastline simplification on screen


@dataclass(frozen=True)
class MapOptions:
    layers: frozenset[str] = field(default_factory=lambda: DEFAULT_LAYERS)
    lang: str = "en"
    detail: float = SCREEN_DETAIL
    present: bool = False  # the projector's look (dashboard/look.py)
