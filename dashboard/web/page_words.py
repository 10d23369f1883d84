"""Every label of the page in every language: the pickers' options and the words the page
keeps for all three languages, so that switching needs no request (map.js relabel)."""

from __future__ import annotations

import json

from dashboard.figure.timeline_strip import row_names
from dashboard.model.cache import kept
from dashboard.model.map_options import LANGUAGES, MAP_LAYERS
from dashboard.model.words import layer_title, word, words
from events.dataset import Dataset
from geodata.catalogue import LAYERS

SPEEDS = ("day", "week", "month")
# What the language switch rewrites: (component id, property, the word shown). The browser
# gets them by output name ("component.property", as Dash names its outputs), with the words.
RELABELLED = (
    ("title", "children", "title"),
    ("heading-layers", "children", "layers"),
    ("heading-export", "children", "export"),
    ("heading-events", "children", "events"),
    ("prev-event", "children", "prev_event"),
    ("next-event", "children", "next_event"),
    ("play", "children", "play"),  # or "pause", while playing
    ("speed", "options", "_speed_options"),
    ("loop", "options", "_loop_options"),
    ("layers", "options", "_layer_options"),
    ("tour-picker", "options", "_tour_options"),
    ("tour-label", "children", "tour"),
    ("prev-stop", "children", "prev_stop"),
    ("next-stop", "children", "next_stop"),
    ("notes-open", "children", "notes"),
    ("present-toggle", "children", "present"),  # or "leave_present", when presenting
    ({"type": "export", "format": "txt"}, "children", "caption"),
)
# Also written by other callbacks (the player, the presentation toggle).
SHARED_OUTPUTS = ("play", "present-toggle")
NO_TOUR = "none"


def output_name(component: str | dict, prop: str) -> str:
    """An output as the browser names it (map.js byName): a dict id as JSON, keys sorted."""
    name = (
        component
        if isinstance(component, str)
        else json.dumps(component, sort_keys=True, separators=(",", ":"))
    )
    return f"{name}.{prop}"


def speed_options(lang: str) -> list[dict]:
    return [{"label": word(v, lang), "value": v} for v in SPEEDS]


def loop_options(lang: str) -> list[dict]:
    return [{"label": word("loop", lang), "value": "loop"}]


def layer_options(lang: str) -> list[dict]:
    return [
        {
            "label": layer_title(name, LAYERS[name].title if name in LAYERS else "", lang),
            "value": name,
        }
        for name in MAP_LAYERS
    ]


def tour_options(data: Dataset, lang: str) -> list[dict]:
    return [{"label": word("no_tour", lang), "value": NO_TOUR}] + [
        {"label": (t.title_ko or t.title) if lang == "ko" else t.title, "value": t.name}
        for t in data.tours
    ]


@kept(maxsize=8)
def page_words(data: Dataset) -> dict[str, dict]:
    """Every label of the page in every language, so switching needs no request."""
    return {
        lang: {
            **words(lang),
            "_speed_options": speed_options(lang),
            "_loop_options": loop_options(lang),
            "_layer_options": layer_options(lang),
            "_tour_options": tour_options(data, lang),
            "_timeline_rows": row_names(lang),
            "_relabelled": {
                output_name(component, prop): shown for component, prop, shown in RELABELLED
            },
        }
        for lang in LANGUAGES
    }
