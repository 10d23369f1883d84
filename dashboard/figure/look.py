"""How a figure is dressed for its audience: the legend in the reader's language and, on a
projector, larger type, thicker lines and stronger colours.

Applied to whatever the one figure builder made (dashboard/figure/map_figure.py), so the screen,
the projector and the export never draw different maps, only dress them differently.
"""

from __future__ import annotations

from typing import Any

from dashboard.figure import style
from dashboard.model.map_options import MapOptions
from dashboard.model.words import legend_name

LEGEND_TEXT = 16  # px: the legend when presenting
INSET_MIN_TEXT = 15  # px: the insets when presenting


def _grown(value: Any, scale: float, floor: float = 0) -> Any:
    if isinstance(value, list):
        return [_grown(v, scale, floor) for v in value]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(max(value * scale, floor), 1)
    return value


def _projected(node: Any, parent: str = "", text: float = style.PROJECTOR_MIN_TEXT) -> Any:
    """A copy with colours swapped for their projector twins, text at least `text` px,
    markers and lines grown."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "legend":
                # The legend is read up close by the lecturer, not from the back row: it
                # grows less than the map's labels, and leaves the map more room.
                out[key] = {**_projected(value, key), "font": {"size": LEGEND_TEXT}}
            elif key == "size" and parent in ("textfont", "font"):
                out[key] = _grown(value, style.PROJECTOR_SCALE, text)
            elif key == "size" and parent == "marker":
                out[key] = _grown(value, 1.4)
            elif key == "width" and parent == "line":
                out[key] = _grown(value, style.PROJECTOR_SCALE)
            else:
                out[key] = _projected(value, key, text)
        return out
    if isinstance(node, list):
        return [_projected(v, parent, text) for v in node]
    if isinstance(node, str):
        return style.PROJECTOR_COLOURS.get(node, node)
    return node


# A legend entry longer than this breaks onto a second line: a pocket's long name would
# otherwise widen the legend over the land (and, presenting, over Pyongyang).
LEGEND_LINE = 50


def _wrapped(name: str) -> str:
    if len(name) <= LEGEND_LINE or "<br>" in name:
        return name
    cut = name.rfind(" (", 0, LEGEND_LINE + 1)
    cut = cut if cut > 0 else name.rfind(" ", 0, LEGEND_LINE + 1)
    return name if cut <= 0 else name[:cut] + "<br>" + name[cut + 1 :]


def dress_trace(trace: dict, options: MapOptions) -> dict:
    if "name" in trace:
        trace = {**trace, "name": _wrapped(legend_name(trace["name"], options.lang))}
    if not options.present:
        return trace
    # The insets are close-ups the lecturer points to, in corners: their words grow less,
    # or they would cover what they name.
    return _projected(
        trace,
        text=INSET_MIN_TEXT if trace.get("geo") in ("geo2", "geo3") else style.PROJECTOR_MIN_TEXT,
    )


def dress_traces(traces: list[dict], options: MapOptions) -> list[dict]:
    return [dress_trace(t, options) for t in traces]


def dress_layout(layout: dict, options: MapOptions) -> dict:
    """The layout (or a part of it, such as the inset's geo) for these options."""
    return _projected(layout) if options.present else layout
