"""Historical dates at the precision the sources give: a day, a month or only a year."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "year"]
FIRST_YEAR, LAST_YEAR = 1945, 1954
_FORM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# 1950-6-25: what a spreadsheet makes of a date typed without leading zeros.
_UNPADDED = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")


@dataclass(frozen=True)
class HistoricalDate:
    """A date known to a day, a month or a year; it covers first..last inclusive."""

    first: dt.date
    last: dt.date
    precision: Precision
    text: str

    def __str__(self) -> str:
        return format_date(self)


def parse_date(text: str) -> HistoricalDate:
    """Parse YYYY-MM-DD, YYYY-MM or YYYY. Raises ValueError with the reason."""
    match = _FORM.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a date{_padding_hint(text.strip())}")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return HistoricalDate(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", text)
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} has no month {month}")
    days_in_month = calendar.monthrange(year, month)[1]
    if day is None:
        first, last = dt.date(year, month, 1), dt.date(year, month, days_in_month)
        return HistoricalDate(first, last, "month", text)
    if not 1 <= day <= days_in_month:
        raise ValueError(f"{text!r}: {calendar.month_name[month]} {year} has no day {day}")
    return HistoricalDate(dt.date(year, month, day), dt.date(year, month, day), "day", text)


def _padding_hint(text: str) -> str:
    match = _UNPADDED.match(text)
    if not match:
        return ""
    year, *rest = match.groups()
    return ": write " + "-".join([year, *(f"{int(part):02d}" for part in rest if part)])


def format_date(date: HistoricalDate, lang: str = "en") -> str:
    """'27 July 1953', 'May 1947' or '1949' (in Korean '1953년 7월 27일', '1947년 5월',
    '1949년'; 'both' writes the two): never more precise than the source."""
    if lang == "both":
        return f"{format_date(date)} · {format_date(date, 'ko')}"
    first = date.first
    if lang == "ko":
        parts = {"year": 1, "month": 2, "day": 3}[date.precision]
        return " ".join([f"{first.year}년", f"{first.month}월", f"{first.day}일"][:parts])
    if date.precision == "year":
        return str(first.year)
    if date.precision == "month":
        return f"{calendar.month_name[first.month]} {first.year}"
    return format_day(first)


def format_day(day: dt.date) -> str:
    """A calendar day written out as a reader says it: '27 July 1953'."""
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def written_day(day: dt.date, lang: str = "en") -> str:
    """The day as the map writes it in its language: '27 July 1953', '1953년 7월 27일', or
    'both' (English, then Korean). The browser shows these, never writes a date itself."""
    return format_date(HistoricalDate(day, day, "day", day.isoformat()), lang)


def format_span(start: HistoricalDate, end: HistoricalDate | None, lang: str = "en") -> str:
    """'10 July – 23 August 1951', '10–23 July 1951', 'May–June 1947', '1948 – May 1949': the
    year (and month) the two ends share is written once, as an editor would set it. In
    Korean '1951년 7월 10일 – 8월 23일'; 'both' writes English, then Korean."""
    if lang == "both":
        return f"{format_span(start, end)} · {format_span(start, end, 'ko')}"
    if end is None or end.text == start.text:
        return format_date(start, lang)
    first, last = start.first, end.first
    alike = start.precision == end.precision != "year" and first.year == last.year
    if not alike:
        return f"{format_date(start, lang)} – {format_date(end, lang)}"
    if lang == "ko":
        shared = 1 if first.month != last.month else 2  # the year, or the year and month
        ending = format_date(end, lang).split(" ")[shared:]
        return f"{format_date(start, lang)} – {' '.join(ending)}"
    if start.precision == "month":
        return f"{calendar.month_name[first.month]}–{format_date(end)}"
    if first.month == last.month:
        return f"{first.day}–{format_date(end)}"
    return f"{first.day} {calendar.month_name[first.month]} – {format_date(end)}"


def written_span(start: HistoricalDate, end: HistoricalDate | None) -> dict[str, str]:
    """An event's dates in each language of the map, for the page to pick from."""
    return {lang: format_span(start, end, lang) for lang in ("en", "ko", "both")}
