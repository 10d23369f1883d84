"""The caption beside every exported map: what it shows on that date, and every source
behind what is visible, numbered; plus the same sources as CSL-JSON for a reference manager.
"""

from __future__ import annotations

import re

from dashboard.front import history_of
from dashboard.map_options import MapOptions
from dashboard.state import MapState
from events.bibliography import cited_in_full
from events.dataset import Dataset
from events.dates import format_day
from events.timeline import citation_url
from geodata.catalogue import LAYERS, NATURAL_EARTH


class SourceList:
    """Citations in first-use order, each numbered once."""

    def __init__(self):
        self.items: list[str] = []

    def cite(self, citation: str) -> int:
        if citation not in self.items:
            self.items.append(citation)
        return self.items.index(citation) + 1

    def refs(self, citations) -> str:
        return "[" + ", ".join(str(self.cite(c)) for c in citations) + "]"


def _layer_lines(data: Dataset, state: MapState, options: MapOptions, sources: SourceList):
    layers = options.layers
    if "mdl" in layers:
        status = (
            "in force"
            if state.mdl_in_force
            else "drawn faint: the future line, agreed only on 27 July 1953"
        )
        yield (
            f"Military Demarcation Line of 27 July 1953, {status} "
            f"{sources.refs([LAYERS['mdl'].source])}; accuracy: {LAYERS['mdl'].accuracy}."
        )
    if "dmz" in layers:
        yield (
            f"Demilitarized Zone, 2 km each side of the MDL {sources.refs([LAYERS['dmz'].source])}."
        )
    if "parallel38" in layers:
        role = (
            "the dividing line"
            if state.parallel38_divides
            else "a reference line (no longer the dividing line after 25 June 1950)"
        )
        yield f"The 38th parallel, {role} {sources.refs([LAYERS['parallel38'].source])}."
    front = history_of(data).on(state.day)
    if front is not None and layers & {"frontline", "control", "uncertainty"}:
        shown = [
            name
            for layer, name in (
                ("frontline", "the front line"),
                ("control", "the areas each side held"),
                ("uncertainty", "the line's uncertainty band"),
            )
            if layer in layers
        ]

        def refs(citations):
            return sources.refs([cited_in_full(data.works, c) for c in citations])

        pockets = "".join(
            f"; {p.name}, held by the {'UN Command' if p.held_by == 'UN' else 'Communist side'}"
            f" apart from the line {refs(p.sources)}"
            for p in front.pockets
        )
        yield (
            f"Front: {', '.join(shown)}, {front.status}, accurate to about "
            f"{front.accuracy_km:g} km {refs(front.sources)}{pockets}."
        )
    places = data.places
    if "cities" in layers:
        cities = places[(places["kind"] == "city") & ~places["abroad"]]
        named = [
            f"{r['name_en']} {sources.refs([r['source']])}"
            for _, r in cities.iterrows()
            if r["label"] == "always"
        ]
        yield "Cities: " + "; ".join(named) + "."
    if "venues" in layers:
        for m in state.sessions:
            place = places.loc[m.place]
            yield (
                f"Talks in session at {place['name_en']}: {m.title}, {m.when} "
                f"{sources.refs(data.events.loc[m.id, 'sources'])}; place "
                f"{sources.refs([place['source']])}."
            )


def caption_text(data: Dataset, state: MapState, options: MapOptions, title: str) -> str:
    """Plain text: a paragraph of what is drawn, then the numbered sources."""
    sources = SourceList()
    lines = [f"{title}. Korea on {format_day(state.day)}.", ""]
    lines += list(_layer_lines(data, state, options, sources))
    if "events" in options.layers and state.events:
        lines.append("")
        lines.append("Events in force on this date:")
        for m in state.events:
            event = data.events.loc[m.id]
            lines.append(
                f"- {m.when}, {event['place_name_en']}: {m.title} {sources.refs(event['sources'])}"
            )
    lines.append("")
    lines.append(f"Land and coast: {sources.refs([NATURAL_EARTH])}.")
    lines += ["", "Sources", ""]
    lines += [f"[{n}] {citation}" for n, citation in enumerate(sources.items, start=1)]
    return "\n".join(lines) + "\n"


def cited_sources(caption: str) -> list[str]:
    """The numbered sources of a caption, in order."""
    part = caption.split("\nSources\n\n", 1)[1]
    return [re.sub(r"^\[\d+\] ", "", line) for line in part.splitlines() if line]


def csl_json(caption: str) -> list[dict]:
    """The caption's sources as CSL-JSON items (title = the full citation; URL when given)."""
    items = []
    for n, citation in enumerate(cited_sources(caption), start=1):
        item = {"id": f"source-{n}", "type": "document", "title": citation}
        url = citation_url(citation)
        if url:
            item["URL"] = url
        items.append(item)
    return items
