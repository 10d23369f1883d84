"""The view in the address bar: ?date=YYYY-MM-DD&layers=a,b&event=ID&lang=en|ko|both.

Reading never fails: a bad value falls back to its default and says so in a notice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from dashboard.map_options import DEFAULT_LAYERS, LANGUAGES, MAP_LAYERS
from dashboard.state import TIMELINE_END, TIMELINE_START
from events.dates import format_day

DEFAULT_DAY = dt.date(1953, 7, 27)


@dataclass(frozen=True)
class View:
    day: dt.date = DEFAULT_DAY
    layers: tuple[str, ...] = tuple(sorted(DEFAULT_LAYERS, key=MAP_LAYERS.index))
    event: str | None = None
    lang: str = "en"
    notices: tuple[str, ...] = field(default=())


def _short(value: str) -> str:
    return value if len(value) <= 40 else value[:40] + "…"


def parse_view(query: Mapping[str, str], event_days: Mapping[str, dt.date]) -> View:
    """The view a link asks for; event_days maps each known event id to its first day."""
    notices = []
    day, layers, event, lang = DEFAULT_DAY, View().layers, None, "en"
    if query.get("event"):
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
    return View(day, layers, event, lang, tuple(notices))


def view_query(day: dt.date, layers: Collection[str], event: str | None, lang: str) -> str:
    """The query string for a view (the browser writes the same while the slider moves)."""
    parts = [f"date={day.isoformat()}", "layers=" + ",".join(n for n in MAP_LAYERS if n in layers)]
    if event:
        parts.append(f"event={event}")
    if lang != "en":
        parts.append(f"lang={lang}")
    return "?" + "&".join(parts)
