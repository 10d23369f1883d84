"""The caption beside every exported map, as a journal prints one: a short paragraph saying
what the map shows on that date, with author-date citations, then the references that
support it; where the base map and the places come from in one data line. The same works
go out as CSL-JSON (for Zotero and other reference managers) and as BibTeX.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.figure.talks_inset import talks_shown
from dashboard.model.front import history_of
from dashboard.model.map_options import MapOptions
from dashboard.model.state import ONE_DAY_HALO, MapState
from events.bibliography import (
    Work,
    in_reference_order,
    parse_citation,
    reference,
    short_citation,
)
from events.dataset import Dataset
from events.dates import format_day
from events.reference_files import bibtex, csl_items
from geodata.catalogue import INVASION, LAYERS

DATA_LINE = (
    "Data: land and coast from Natural Earth 1:10m (public domain); place positions from "
    "GeoNames and the works named in geodata/places.geojson."
)


@dataclass(frozen=True)
class Caption:
    paragraph: str  # what the map shows, with in-text citations
    works: tuple[Work, ...]  # the works cited, in reference-list order

    @property
    def text(self) -> str:
        """The caption as plain text: paragraph, data line, references."""
        references = "\n".join(reference(w) for w in self.works)
        return f"{self.paragraph}\n\n{DATA_LINE}\n\nReferences\n\n{references}\n"


class _Citing:
    """Turns data citations into '(Hermes 1966, ch. II; FRUS 1951, vol. VII, pt. 1, docs.
    445, 516)' and remembers each work cited once. A caption gives where in a work, not
    what a document is (the side panel and the data say that)."""

    def __init__(self, works: dict[str, Work]):
        self.works = works
        self.used: dict[str, Work] = {}

    def __call__(self, citations) -> str:
        places: dict[str, list[str]] = {}  # work id -> its locators, in order
        for text in citations:
            citation = parse_citation(text)
            self.used[citation.work] = self.works[citation.work]
            locator = re.sub(r"\s*\([^)]*\)", "", citation.locator).strip(" ,;")
            found = places.setdefault(citation.work, [])
            if locator and locator not in found:
                found.append(locator)
        parts = [
            short_citation(self.works[wid], _joined(locators)) for wid, locators in places.items()
        ]
        return f"({'; '.join(parts)})" if parts else ""


# Where one locator ends and the next begins inside a joined locator: before a chapter or
# a document ("ch. VIII and ch. IX 'Marine Air Support'"), or a map after a comma.
PART = re.compile(r",? and (?=(?:ch|doc)s?\. )|, (?=(?:ch|doc)s?\. |Maps? )")
# A part that lists chapters or documents ("chs. XXVII, XXVIII"), or names one with more
# after it (its title, its pages: "ch. XXI 'The Last Offensive'", "doc. 59, pp. 125–126").
LISTED = re.compile(r"(ch|doc)s?\. (\w+(?:, \w+)*)")
NAMED = re.compile(r"(ch|doc)\. (\w+)((?:,? ).+)")


def _joined(locators: list[str]) -> str:
    """One work's locators in one citation, each chapter or document named once: 'doc. 445',
    'doc. 516' -> 'docs. 445, 516'; 'ch. XXVII', 'chs. XXVII, XXVIII' -> 'chs. XXVII,
    XXVIII'; 'ch. XXI' beside "ch. XXI 'The Last Offensive'" is the titled one."""
    slots: list[str | tuple] = []  # in the order first met: a kind of part, or a part as is
    named: dict[str, dict[str, str | None]] = {}  # kind -> number -> what follows it
    for part in (p for loc in locators for p in PART.split(loc)):
        listed, one = LISTED.fullmatch(part), NAMED.fullmatch(part)
        found = listed or one
        if not found:
            if part not in slots:
                slots.append(part)
            continue
        kind = found.group(1)
        if kind not in named:
            named[kind] = {}
            slots.append((kind,))
        if listed:
            for number in listed.group(2).split(", "):
                named[kind].setdefault(number, None)
        elif named[kind].get(one.group(2)) is None:
            named[kind][one.group(2)] = one.group(3)
    written = []
    for slot in slots:
        if isinstance(slot, str):
            written.append(slot)
            continue
        numbers = named[slot[0]]
        if any(numbers.values()):  # a title or pages: each written out
            written += [f"{slot[0]}. {n}{rest or ''}" for n, rest in numbers.items()]
        else:
            plural = "s" if len(numbers) > 1 else ""
            written.append(f"{slot[0]}{plural}. {', '.join(numbers)}")
    return ", ".join(written)


def _sentences(data: Dataset, state: MapState, options: MapOptions, cite: _Citing):
    layers = options.layers
    front = history_of(data).on(state.day)
    if front is not None and layers & {"frontline", "control", "uncertainty"}:
        what = []
        if "control" in layers:
            what.append("the areas held by the UN Command and by the Communist side")
        if "frontline" in layers:
            what.append("the front line")
        if "uncertainty" in layers:
            what.append("a band for the line's uncertainty")
        pockets = "".join(
            f"; {p.name}, held by the {'UN Command' if p.held_by == 'UN' else 'Communist side'}"
            f" apart from the line {cite(p.sources)}"
            for p in front.pockets
        )
        # A keyframe's label reads as a quotation in a sentence: "the front line at a dated
        # position, “Dawn 25 June 1950: ...”", not "the front line, keyframe: Dawn ...".
        status = (
            f" at a dated position, “{front.keyframe.label}”"
            if front.keyframe is not None
            else f", {front.status}"
        )
        yield (
            f"It shows {', '.join(what[:-1]) + ' and ' if len(what) > 1 else ''}"
            f"{what[-1]}{status}, accurate to about {front.accuracy_km:g} km "
            f"{cite(front.sources)}{pockets}."
        )
    if "parallel38" in layers:
        role = (
            " is the line dividing the two zones"
            if state.parallel38_divides
            else f", which ceased to divide Korea on {format_day(INVASION)}, is drawn for reference"
        )
        yield f"The 38th parallel{role} {cite(LAYERS['parallel38'].cites)}."
    shown = state.mdl_in_force or "future" in layers
    if "mdl" in layers and shown:
        status = "in force" if state.mdl_in_force else "drawn faint, as it was agreed only later"
        yield (
            f"The Military Demarcation Line of 27 July 1953 is {status}, generalised to about "
            f"1.2 km {cite(LAYERS['mdl'].cites)}."
        )
    if "dmz" in layers and shown:
        yield (f"The Demilitarized Zone extends 2 km each side of it {cite(LAYERS['dmz'].cites)}.")
    sessions = state.sessions if "venues" in layers else ()
    if sessions:
        for m in sessions:
            place = data.places.loc[m.place]
            yield (
                f"Talks were in session at {place['name_en']}, {m.when} "
                f"{cite(data.events.loc[m.id, 'sources'])}."
            )
    if talks_shown(state, options):
        yield _talks_inset_sentence(state, cite)
    # An event already told as the talks in session is not told twice.
    told = {m.id for m in sessions}
    events = [m for m in state.events if m.id not in told] if "events" in layers else []
    if events:
        shown = [f"{m.title}, {m.when} {cite(data.events.loc[m.id, 'sources'])}" for m in events]
        # A one-day event is marked for some days either side of its day (state.py), so the
        # caption says so rather than calling an event of three days later "in force".
        halo = ONE_DAY_HALO.days
        yield (
            f"Events marked on the map (an event of a single day is marked from {halo} days "
            f"before it to {halo} days after): " + "; ".join(shown) + "."
        )


def _talks_inset_sentence(state: MapState, cite: _Citing) -> str:
    """What the talks' inset shows (dashboard/figure/talks_inset.py)."""
    then = " and the Demilitarized Zone" if state.mdl_in_force else ""
    opening = f"An inset shows the Kaesong–Panmunjom–Munsan area at a larger scale{then}"
    if not state.zones:
        return opening + "."
    accuracy = max(z.accuracy_km for z in state.zones)
    zones = "; ".join(f"{z.name_en} {cite(z.sources)}" for z in state.zones)
    return (
        f"{opening}, with the neutral zones the delegations had agreed, drawn within about "
        f"{accuracy:g} km as the agreements give their sizes, not their centres: {zones}."
    )


def caption(data: Dataset, state: MapState, options: MapOptions, title: str) -> Caption:
    """The caption of a map of `state` drawn with `options`."""
    cite = _Citing(data.works)
    sentences = [f"{title}." if title else "", f"Korea on {format_day(state.day)}."]
    sentences += list(_sentences(data, state, options, cite))
    works = in_reference_order(cite.used.values())
    return Caption(" ".join(s for s in sentences if s), tuple(works))


def caption_text(data: Dataset, state: MapState, options: MapOptions, title: str) -> str:
    """The caption as plain text (the .txt beside an exported map)."""
    return caption(data, state, options, title).text


def caption_files(data: Dataset, state: MapState, options: MapOptions, title: str) -> dict:
    """The caption and its works as files: {'.txt': ..., '.json': CSL-JSON, '.bib': BibTeX}."""
    import json

    made = caption(data, state, options, title)
    return {
        ".txt": made.text,
        ".json": json.dumps(csl_items(made.works), ensure_ascii=False, indent=2) + "\n",
        ".bib": bibtex(made.works),
    }
