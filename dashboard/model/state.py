"""What is true on a given day: which lines hold, which talks sit, which events are shown.

Pure functions over the loaded Dataset; no Dash, no Plotly.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass

from events.dataset import Dataset
from geodata.catalogue import ARMISTICE, INVASION, LAYERS, MAP_FIRST_DAY, MAP_LAST_DAY
from geodata.neutral_zones import NeutralZone

TIMELINE_START = MAP_FIRST_DAY
TIMELINE_END = MAP_LAST_DAY
TIMELINE_DAYS = (TIMELINE_END - TIMELINE_START).days
# A one-day event stays on the map for a few days either side, so that a slider
# moving a week at a time still shows it.
ONE_DAY_HALO = dt.timedelta(days=3)


def day_number(day: dt.date) -> int:
    """Days since the timeline's first day (the slider's value)."""
    return (day - TIMELINE_START).days


def day_from_number(number: int) -> dt.date:
    return TIMELINE_START + dt.timedelta(days=int(number))


def a_month_on(day: dt.date) -> dt.date:
    """The same day of the next month, or that month's last day when it is shorter
    (31 January to 28 February): the player's step at "1 month"."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class EventMark:
    """An event as the map needs it."""

    id: str
    title: str
    when: str
    category: str
    place: str
    lon: float
    lat: float
    abroad: bool
    in_session: bool
    first_day: dt.date
    last_day: dt.date
    shown_from: dt.date
    shown_to: dt.date
    place_en: str = ""
    place_ko: str = ""
    # The dates as events/dates.py wrote them in each language: (language, text) pairs.
    when_written: tuple[tuple[str, str], ...] = ()

    def written_when(self, lang: str) -> str:
        """The event's dates in the map's language ('en', 'ko' or 'both')."""
        return dict(self.when_written).get(lang, self.when)


@functools.lru_cache(maxsize=8)
def event_marks(data: Dataset) -> tuple[EventMark, ...]:
    """Every event with the days it is on the map (a day-precise one-day event: ± halo)."""
    marks = []
    for eid, e in data.events.iterrows():
        one_day = e["end"] is None and e["start"].precision == "day"
        halo = ONE_DAY_HALO if one_day else dt.timedelta(0)
        marks.append(
            EventMark(
                id=eid,
                title=e["title"],
                when=e["when"],
                when_written=tuple(e["when_written"].items()),
                category=e["category"],
                place=e["place"],
                lon=e.geometry.x,
                lat=e.geometry.y,
                abroad=bool(e["abroad"]),
                in_session=bool(e["in_session"]),
                first_day=e["first_day"],
                last_day=e["last_day"],
                shown_from=e["first_day"] - halo,
                shown_to=e["last_day"] + halo,
                place_en=e["place_name_en"],
                place_ko=e["place_name_ko"],
            )
        )
    return tuple(marks)


@dataclass(frozen=True)
class MapState:
    day: dt.date
    parallel38_divides: bool  # the 38th parallel is the dividing line (not just a reference)
    mdl_in_force: bool  # the 1953 MDL and DMZ exist (before: only the future line)
    events: tuple[EventMark, ...]  # in progress, or one-day events within ONE_DAY_HALO
    sessions: tuple[EventMark, ...]  # negotiation sittings in session at their place
    zones: tuple[NeutralZone, ...] = ()  # the talks' neutral zones that hold
    talks_area: bool = False  # the armistice talks have opened: their area has an inset


@functools.lru_cache(maxsize=8)
def talks_open(data: Dataset) -> dt.date | None:
    """The first day the armistice talks sat: the earliest sitting at a place that has
    a neutral zone (Kaesong, 10 July 1951)."""
    zone_places = {p for z in data.neutral_zones for p in z.places}
    days = [m.first_day for m in event_marks(data) if m.in_session and m.place in zone_places]
    return min(days, default=None)


def state_at(data: Dataset, day: dt.date) -> MapState:
    marks = event_marks(data)
    return MapState(
        day=day,
        parallel38_divides=LAYERS["parallel38"].holds_on(day),
        mdl_in_force=day >= ARMISTICE,
        events=tuple(m for m in marks if m.shown_from <= day <= m.shown_to),
        # Talks sit or they don't: no halo for sittings.
        sessions=tuple(m for m in marks if m.in_session and m.first_day <= day <= m.last_day),
        zones=tuple(z for z in data.neutral_zones if z.holds_on(day)),
        talks_area=talks_open(data) is not None and day >= talks_open(data),
    )


def change_days(data: Dataset) -> list[dt.date]:
    """Every day on which the state changes; the state is constant from one to the next."""
    days = {TIMELINE_START, INVASION, ARMISTICE}
    one_day = dt.timedelta(days=1)
    for m in event_marks(data):
        days.update((m.shown_from, m.shown_to + one_day))
        if m.in_session:
            days.update((m.first_day, m.last_day + one_day))
    for zone in data.neutral_zones:
        days.update((zone.first_day, zone.last_day + one_day))
    return sorted(d for d in days if TIMELINE_START <= d <= TIMELINE_END)
