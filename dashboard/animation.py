"""What the browser needs to redraw the map for any day without asking the server.

The state only changes on certain days (an event starts or ends, talks open or close, the
armistice takes effect). For each stretch of constant state we build the date-dependent
traces once, with the same builder as every other map, and store each distinct trace once.
"""

from __future__ import annotations

import json
import re

from dashboard.figures import MapOptions, build_figure, dynamic_traces, inset_geo, static_traces
from dashboard.state import TIMELINE_DAYS, TIMELINE_START, change_days, day_number, state_at
from events.dataset import Dataset

URL = re.compile(r"https?://[^\s<>\"']+")


def _citation(text: str) -> dict:
    """A citation with its first web address split out, so the page can link only that."""
    match = URL.search(text)
    return {"text": text, "url": match.group(0).rstrip(".,;)") if match else None}


def event_entries(data: Dataset) -> dict[str, dict]:
    """Events as the side panel and the timeline need them."""
    entries = {}
    for eid, e in data.events.iterrows():
        entries[eid] = {
            "id": eid,
            "title": e["title"],
            "when": e["when"],
            "category": e["category"],
            "place": e["place_name_en"],
            "place_ko": e["place_name_ko"],
            "description": e["description"],
            "sources": [_citation(s) for s in e["sources"]],
            "day": max(day_number(e["first_day"]), 0),
        }
    return entries


def map_bundle(data: Dataset, options: MapOptions) -> dict:
    """The static figure, the distinct date-dependent traces, and which apply when."""
    days = change_days(data)
    variants: list[dict] = []
    variant_index: dict[str, int] = {}
    epochs = []
    for i, day in enumerate(days):
        state = state_at(data, day)
        refs = []
        for trace in dynamic_traces(data, state, options):
            key = json.dumps(trace, sort_keys=True)
            if key not in variant_index:
                variant_index[key] = len(variants)
                variants.append(trace)
            refs.append(variant_index[key])
        until = day_number(days[i + 1]) - 1 if i + 1 < len(days) else TIMELINE_DAYS
        epochs.append(
            {
                "from": day_number(day),
                "to": until,
                "traces": refs,
                "inset": bool(refs and variants[refs[-1]]["lon"]),
                "events": [m.id for m in state.events],
            }
        )
    base = build_figure(data, state_at(data, TIMELINE_START), options)
    return {
        "static": static_traces(data, options),
        "layout": base["layout"],
        "inset_on": inset_geo(True),
        "inset_off": inset_geo(False),
        "variants": variants,
        "epochs": epochs,
        "start": TIMELINE_START.isoformat(),
        "lang": options.lang,
    }
