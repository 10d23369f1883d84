"""Load events.csv files, validate every row and join each event to its place."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd

from events.dates import (
    FIRST_YEAR,
    LAST_YEAR,
    HistoricalDate,
    format_span,
    parse_date,
    written_span,
)
from geodata.csv_file import read_rows
from geodata.problems import DataError, Problem, ProblemLog

EVENT_COLUMNS = ("id", "start", "end", "title", "place", "category", "description", "sources")
CATEGORIES = ("diplomacy", "negotiation", "military", "political")
SOURCE_SEPARATOR = " | "
ID_PATTERN = re.compile(r"^[A-Za-z0-9_.-]+$")
YES_VALUES = {"yes": True, "": False, "no": False}


WEB_ADDRESS = re.compile(r"https?://[^\s<>\"']+")


def citation_url(citation: str) -> str | None:
    """The first web address in a citation (trailing punctuation trimmed), if any."""
    match = WEB_ADDRESS.search(citation)
    return match.group(0).rstrip(".,;)") if match else None


def split_sources(text: str) -> list[str]:
    """Citations are separated by ' | ' (a pipe with a space each side)."""
    return [part.strip() for part in text.split("|")]


def _date(value: str, column: str, line: int, log: ProblemLog) -> HistoricalDate | None:
    try:
        date = parse_date(value)
    except ValueError as err:
        log.add(line, column, str(err), "YYYY-MM-DD, YYYY-MM or YYYY")
        return None
    if not FIRST_YEAR <= date.first.year <= LAST_YEAR:
        log.add(
            line, column, f"{value} is outside {FIRST_YEAR}–{LAST_YEAR}", "a date the map covers"
        )
        return None
    return date


def _event(line: int, row: dict[str, str], places: gpd.GeoDataFrame, log: ProblemLog):
    """One validated event as a dict, or None when the row has problems."""
    before = len(log.problems)
    if not row["id"]:
        log.add(line, "id", "empty", "a short unique id such as armistice_signed")
    elif not ID_PATTERN.match(row["id"]):
        log.add(line, "id", f"{row['id']!r} has spaces or punctuation", "letters, digits, _ . -")
    if not row["title"]:
        log.add(line, "title", "empty", "a short title")
    if row["category"] not in CATEGORIES:
        log.add(line, "category", f"unknown category {row['category']!r}", " | ".join(CATEGORIES))
    if row["place"] not in places.index:
        log.add(
            line, "place", f"unknown place {row['place']!r}", "an id from geodata/places.geojson"
        )
    citations = split_sources(row["sources"])
    if not row["sources"]:
        log.add(line, "sources", "missing", "at least one citation; several separated by ' | '")
    elif not all(citations):
        log.add(
            line, "sources", "an empty citation between separators", "citations separated by ' | '"
        )
    in_session = YES_VALUES.get(row.get("in_session", "").lower())
    if in_session is None:
        log.add(line, "in_session", f"{row['in_session']!r}", "yes, no or empty")
    start = _date(row["start"], "start", line, log) if row["start"] else None
    if not row["start"]:
        log.add(line, "start", "empty", "YYYY-MM-DD, YYYY-MM or YYYY")
    end = _date(row["end"], "end", line, log) if row["end"] else None
    if start and end and end.last < start.first:
        log.add(
            line,
            "end",
            f"{row['end']} is before start {row['start']}",
            "an end on or after the start",
        )
    if len(log.problems) > before:
        return None
    place = places.loc[row["place"]]
    return {
        **row,
        "start": start,
        "end": end,
        "first_day": start.first,
        "last_day": (end or start).last,
        "when": format_span(start, end),
        "when_written": written_span(start, end),  # in each language, for the page
        "sources": citations,
        "note": (row.get("note") or "").strip(),  # a disagreement between sources, shown apart
        "in_session": in_session,
        "place_name_en": place["name_en"],
        "place_name_ko": place["name_ko"],
        "abroad": bool(place["abroad"]),
        "line": line,
        "geometry": place.geometry,
    }


def load_events(paths: Iterable[Path], places: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """All events of all files, ordered by date; ids unique across files.

    Raises DataError with every problem of every file at once.
    """
    problems: list[Problem] = []
    events, first_seen = [], {}
    for path in paths:
        log = ProblemLog(str(path))
        for line, row in read_rows(path, log, EVENT_COLUMNS):
            if row["id"] in first_seen:
                log.add(
                    line,
                    "id",
                    f"duplicate id {row['id']!r}, first at {first_seen[row['id']]}",
                    "ids unique across all event files",
                )
                continue
            event = _event(line, row, places, log)
            if row["id"]:
                first_seen[row["id"]] = f"{path}:{line}"
            if event is not None:
                events.append({**event, "file": str(path)})
        problems.extend(log.problems)
    if problems:
        raise DataError(problems)
    table = gpd.GeoDataFrame(events, geometry="geometry", crs=places.crs)
    return table.sort_values(["first_day", "last_day", "id"]).set_index("id", drop=False)
