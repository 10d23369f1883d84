"""What the browser needs to redraw the map for any day without asking the server.

The state only changes on certain days (an event starts or ends, talks open or close, the
armistice takes effect). For each stretch of constant state we build the date-dependent
traces once, with the same builder as every other map, and store each distinct trace once.
"""

from __future__ import annotations

import json

from dashboard.figure.front_payload import front_payload
from dashboard.figure.look import dress_layout, dress_traces
from dashboard.figure.map_figure import (
    build_figure,
    dynamic_traces,
    insets_layout,
    korea_land_index,
    static_traces,
)
from dashboard.figure.projection import SCREEN
from dashboard.figure.talks_inset import front_change_days
from dashboard.model.cache import kept
from dashboard.model.map_options import MapOptions
from dashboard.model.state import (
    TIMELINE_DAYS,
    TIMELINE_START,
    a_month_on,
    change_days,
    day_from_number,
    day_number,
    state_at,
)
from dashboard.model.summary import map_summary
from events.bibliography import (
    cited,
    cited_in_full,
    parse_citation,
    prose_with_citations,
    reference,
)
from events.dataset import Dataset
from events.dates import written_day


def _work_citation(data: Dataset, text: str) -> dict:
    """A citation as the panel shows it: author-date and locator, the work's address, and
    the full reference for a reader who hovers over it."""
    short, url = cited(data.works, text)
    return {
        "text": short,
        "url": url,
        "reference": reference(data.works[parse_citation(text).work]),
    }


@kept(maxsize=8)
def event_entries(data: Dataset) -> dict[str, dict]:
    """Events as the side panel and the timeline need them."""
    entries = {}
    for eid, e in data.events.iterrows():
        entries[eid] = {
            "id": eid,
            "title": e["title"],
            "when": e["when_written"],  # by language: the page shows its own
            "category": e["category"],
            "place": e["place_name_en"],
            "place_id": e["place"],
            "place_ko": e["place_name_ko"],
            "description": e["description"],
            "sources": [_work_citation(data, s) for s in e["sources"]],
            "note": prose_with_citations(data.works, e.get("note") or ""),
            "day": max(day_number(e["first_day"]), 0),
        }
    return entries


@kept(maxsize=8)
def tour_entries(data: Dataset) -> dict[str, dict]:
    """Every tour as the page and the notes window need it: stops with day numbers."""
    tours = {}
    for tour in data.tours:
        stops = []
        for stop in tour.stops:
            first = data.events.loc[stop.events[0]]
            stops.append(
                {
                    "day": day_number(stop.day),
                    "layers": list(stop.layers),
                    # A stop's zoom counts from the map as it opens (2: twice as close).
                    "view": stop.view
                    and {
                        "lon": stop.view.lon,
                        "lat": stop.view.lat,
                        "zoom": stop.view.zoom * SCREEN.zoom,
                    },
                    "caption": stop.caption,
                    "caption_ko": stop.caption_ko or stop.caption,
                    "notes": stop.notes,
                    "events": list(stop.events),
                    "source": cited(data.works, first["sources"][0])[0],
                    # The speaker's window lists the stop's works in full, as a reference
                    # list gives them, with where in each (Chicago author-date, citeproc).
                    "references": list(
                        dict.fromkeys(
                            cited_in_full(data.works, s)
                            for eid in stop.events
                            for s in data.events.loc[eid, "sources"]
                        )
                    ),
                }
            )
        tours[tour.name] = {
            "title": tour.title,
            "title_ko": tour.title_ko or tour.title,
            "stops": stops,
        }
    return tours


# How often the player steps, in the app and in the standalone HTML export alike.
PLAYER_TICK_MS = 250


def map_bundle(data: Dataset, options: MapOptions) -> dict:
    """The static figure, the distinct date-dependent traces, and which apply when."""
    # The state changes on these days, and the front in the talks' inset.
    days = sorted({*change_days(data), *front_change_days(data)})
    variants: list[dict] = []
    variant_index: dict[str, int] = {}
    insets: list[dict] = []  # the distinct layouts of the two insets
    inset_index: dict[str, int] = {}
    epochs = []
    before: list[tuple[dict, int]] = []  # the stretch before's traces and their variants
    for i, day in enumerate(days):
        state = state_at(data, day)
        refs = []
        for j, trace in enumerate(dynamic_traces(data, state, options)):
            # Most traces are the stretch before's: compared as they are, they need no key.
            if j < len(before) and before[j][0] == trace:
                refs.append(before[j][1])
                continue
            key = json.dumps(trace, sort_keys=True)
            if key not in variant_index:
                variant_index[key] = len(variants)
                variants.append(trace)
            refs.append(variant_index[key])
        before = [(variants[ref], ref) for ref in refs]
        inset = dress_layout(insets_layout(state, options), options)
        inset_key = json.dumps(inset, sort_keys=True)
        if inset_key not in inset_index:
            inset_index[inset_key] = len(insets)
            insets.append(inset)
        until = day_number(days[i + 1]) - 1 if i + 1 < len(days) else TIMELINE_DAYS
        epochs.append(
            {
                "from": day_number(day),
                "to": until,
                "traces": refs,
                "inset": inset_index[inset_key],
                "events": [m.id for m in state.events],
                "summary": map_summary(state, options.lang),
            }
        )
    base = build_figure(data, state_at(data, TIMELINE_START), options)
    timeline = [day_from_number(n) for n in range(TIMELINE_DAYS + 1)]
    return {
        "static": dress_traces(static_traces(data, options), options),
        "layout": base["layout"],
        "insets": insets,
        "variants": dress_traces(variants, options),
        "epochs": epochs,
        "lang": options.lang,
        "tick_ms": PLAYER_TICK_MS,
        # Every day of the timeline as Python writes it: in the bundle's language, as the
        # address gives it, and the day a month on (the player's "1 month" step).
        "written": [written_day(day, options.lang) for day in timeline],
        "iso": [day.isoformat() for day in timeline],
        "month_on": [day_number(a_month_on(day)) for day in timeline],
        "front": front_payload(
            data, options, lambda text: _work_citation(data, text), korea_land_index(data)
        ),
    }
