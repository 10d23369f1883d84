"""Every label of the page in every language: the pickers' options and the words the page
keeps for all three languages, so that switching needs no request (map.js relabel)."""

from __future__ import annotations

import functools

from dashboard.map_options import LANGUAGES, MAP_LAYERS
from dashboard.timeline_strip import row_names
from dashboard.words import layer_title, word, words
from events.dataset import Dataset
from geodata.catalogue import LAYERS

SPEEDS = ("day", "week", "month")
NO_TOUR = "none"


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


@functools.lru_cache(maxsize=8)
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
        }
        for lang in LANGUAGES
    }
