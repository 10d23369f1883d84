"""The view in the address bar:
?date=YYYY-MM-DD&layers=a,b&event=ID&lang=en|ko|both&present=1&tour=NAME&stop=N (&notes=1).

A tour's stop sets the date, layers and event; a date, layers or event also in the address
(written there as the viewer moves on from the stop) take precedence.

Reading never fails: a bad value falls back to its default and says so in a notice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from dashboard.model.map_options import DEFAULT_DAY, DEFAULT_LAYERS, LANGUAGES, MAP_LAYERS
from dashboard.model.state import TIMELINE_END, TIMELINE_START
from events.dates import format_day
from events.tours import Tour


@dataclass(frozen=True)
class View:
    day: dt.date = DEFAULT_DAY
    layers: tuple[str, ...] = tuple(sorted(DEFAULT_LAYERS, key=MAP_LAYERS.index))
    event: str | None = None
    lang: str = "en"
    notices: tuple[str, ...] = field(default=())
    present: bool = False
    tour: str | None = None
    stop: int | None = None  # 1 for a tour's first stop
    notes: bool = False  # the speaker-notes window


def _short(value: str) -> str:
    return value if len(value) <= 40 else value[:40] + "…"


def _flag(query: Mapping[str, str], name: str) -> bool:
    return query.get(name, "") in ("1", "true", "yes", "on")


def _tour_stop(
    query: Mapping[str, str], tours: Mapping[str, Tour], notices: list[str]
) -> tuple[str | None, int | None]:
    name = query.get("tour")
    if not name:
        return None, None
    if name not in tours:
        notices.append(f"No tour named “{_short(name)}”. Tours: {', '.join(tours)}.")
        return None, None
    count = len(tours[name].stops)
    asked = query.get("stop", "1")
    stop = int(asked) if asked.isdigit() else 0
    if not 1 <= stop <= count:
        notices.append(f"Stop “{_short(asked)}” not in this tour (1 to {count}): showing stop 1.")
        stop = 1
    return name, stop


def parse_view(
    query: Mapping[str, str],
    event_days: Mapping[str, dt.date],
    tours: Mapping[str, Tour] | None = None,
) -> View:
    """The view a link asks for; event_days maps each known event id to its first day."""
    notices: list[str] = []
    day, layers, event, lang = DEFAULT_DAY, View().layers, None, "en"
    tour, stop = _tour_stop(query, tours or {}, notices)
    if tour:
        at = (tours or {})[tour].stops[stop - 1]
        day, layers, event = at.day, tuple(n for n in MAP_LAYERS if n in at.layers), at.events[0]
    if query.get("event") and query["event"] != event:
        if query["event"] in event_days:
            event = query["event"]
            day = max(event_days[event], TIMELINE_START)
        else:
            notices.append(f"No event with id “{_short(query['event'])}”: none selected.")
    if "date" in query:
        try:
            asked = dt.date.fromisoformat(query["date"])
        except ValueError:
            notices.append(
                f"“{_short(query['date'])}” is not a date (YYYY-MM-DD): showing {format_day(day)}."
            )
        else:
            if TIMELINE_START <= asked <= TIMELINE_END:
                day = asked
            else:
                notices.append(
                    f"{asked.isoformat()} is outside {format_day(TIMELINE_START)} – "
                    f"{format_day(TIMELINE_END)}: showing {format_day(day)}."
                )
    if "layers" in query:
        asked_layers = [name.strip() for name in query["layers"].split(",") if name.strip()]
        unknown = [n for n in asked_layers if n not in MAP_LAYERS]
        if unknown:
            notices.append(
                "Unknown layer "
                + ", ".join(f"“{_short(n)}”" for n in unknown)
                + " ignored. Layers: "
                + ", ".join(MAP_LAYERS)
                + "."
            )
        layers = tuple(n for n in MAP_LAYERS if n in asked_layers)
    if "lang" in query:
        if query["lang"] in LANGUAGES:
            lang = query["lang"]
        else:
            notices.append(
                f"Language “{_short(query['lang'])}” unknown: showing English (en, ko or both)."
            )
    return View(
        day,
        layers,
        event,
        lang,
        tuple(notices),
        present=_flag(query, "present"),
        tour=tour,
        stop=stop,
        notes=_flag(query, "notes"),
    )
