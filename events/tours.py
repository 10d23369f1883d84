"""Guided tours: an ordered list of stops a lecturer steps through with a clicker.

A tour is a YAML file in events/tours/ (its name is the file's name without .yaml):

    title: The armistice talks, Kaesong to Panmunjom
    layers: [frontline, control, venues, events]   # optional: every stop's default
    stops:
      - events: [kaesong_talks_open]                # the stop's facts, each cited
        date: 1951-07-10                            # optional: the first event's day
        layers: [venues, events]                    # optional
        view: {lon: 126.7, lat: 37.9, zoom: 2}      # optional: centre and zoom
        caption: Talks open at Kaesong              # shown on the map
        notes: |                                    # optional: the speaker's notes
          ...

Every stop names at least one event, so every caption rests on the sources of the events
it names. The file is read as YAML nodes, never turned into Python objects by the YAML
library, so a date stays the text it was written as and each value keeps its line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from events.dates import parse_date
from events.yaml_file import line_of, parse_yaml
from geodata.problems import DataError, Problem, ProblemLog, read_utf8
from geodata.region import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN

TOUR_FIELDS = ("title", "title_ko", "layers", "stops")
STOP_FIELDS = ("events", "date", "layers", "view", "caption", "caption_ko", "notes")
CAPTION_MAX = 160  # characters: a caption is read from the back of a hall
NOTES_MAX = 4000
TOUR_BYTES_MAX = 1_000_000  # a tour is a page of text; anything larger is not a tour
# Closer than 2.5x, Plotly fills the clipped held areas across the sea: a map that lies.
ZOOM_RANGE = (1.0, 2.5)
NAME_PATTERN = re.compile(r"^[a-z0-9_-]+$")


@dataclass(frozen=True)
class MapView:
    """Where the map looks at a stop: its centre and a zoom (1 shows the whole map box)."""

    lon: float
    lat: float
    zoom: float


@dataclass(frozen=True)
class Stop:
    day: dt.date
    events: tuple[str, ...]
    layers: tuple[str, ...]
    view: MapView | None
    caption: str
    caption_ko: str
    notes: str
    line: int


@dataclass(frozen=True)
class Tour:
    name: str
    title: str
    title_ko: str
    file: Path
    stops: tuple[Stop, ...]


def _text(node: yaml.Node | None, field: str, log: ProblemLog, expected: str) -> str | None:
    """A scalar's text, or None with a problem logged."""
    if node is None:
        return None
    if not isinstance(node, yaml.ScalarNode):
        log.add(line_of(node), field, "a list or a mapping where text belongs", expected)
        return None
    return str(node.value).strip()


def _mapping(node: yaml.Node, field: str, log: ProblemLog, allowed: tuple[str, ...]):
    """The mapping's values by key; unknown and repeated keys are problems."""
    if not isinstance(node, yaml.MappingNode):
        log.add(line_of(node), field, "not a mapping", f"fields {', '.join(allowed)}")
        return None
    values: dict[str, yaml.Node] = {}
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else "?"
        if name not in allowed:
            log.add(line_of(key), str(name), "unknown field", ", ".join(allowed))
        elif name in values:
            log.add(line_of(key), name, "given twice", "each field once")
        else:
            values[name] = value
    return values


def _names(
    node: yaml.Node, field: str, log: ProblemLog, known: Iterable[str], expected: str
) -> tuple[str, ...] | None:
    """A list of ids (a single id is a list of one), each one of `known`."""
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    names = []
    for item in items:
        name = _text(item, field, log, expected)
        if name is None:
            return None
        if name not in known:
            log.add(line_of(item), field, f"unknown {field[:-1]} {name!r}", expected)
            return None
        names.append(name)
    if not names:
        log.add(line_of(node), field, "empty list", expected)
        return None
    return tuple(names)


def _number(node: yaml.Node, field: str, log: ProblemLog, low: float, high: float):
    text = _text(node, field, log, f"a number from {low:g} to {high:g}")
    try:
        value = float(text) if text is not None else None
    except ValueError:
        value = None
    if value is None or not low <= value <= high:  # NaN fails this test too
        if text is not None:
            log.add(line_of(node), field, f"{text!r} is not a number from {low:g} to {high:g}")
        return None
    return value


def _view(node: yaml.Node, log: ProblemLog) -> MapView | None:
    fields = _mapping(node, "view", log, ("lon", "lat", "zoom"))
    if fields is None:
        return None
    missing = [k for k in ("lon", "lat", "zoom") if k not in fields]
    if missing:
        log.add(line_of(node), "view", f"{', '.join(missing)} missing", "lon, lat and zoom")
        return None
    lon = _number(fields["lon"], "view.lon", log, LON_MIN, LON_MAX)
    lat = _number(fields["lat"], "view.lat", log, LAT_MIN, LAT_MAX)
    zoom = _number(fields["zoom"], "view.zoom", log, *ZOOM_RANGE)
    return None if None in (lon, lat, zoom) else MapView(lon, lat, zoom)


def _day(node: yaml.Node, log: ProblemLog, first: dt.date, last: dt.date) -> dt.date | None:
    expected = f"a day YYYY-MM-DD from {first.isoformat()} to {last.isoformat()}"
    text = _text(node, "date", log, expected)
    if text is None:
        return None
    try:
        date = parse_date(text)
    except ValueError as err:
        log.add(line_of(node), "date", str(err), expected)
        return None
    if date.precision != "day" or not first <= date.first <= last:
        log.add(line_of(node), "date", f"{text!r} is not a day the map shows", expected)
        return None
    return date.first


def _prose(
    fields: Mapping[str, yaml.Node], field: str, log: ProblemLog, limit: int, needed_at: int = 0
) -> str:
    """A text field; needed_at is the line to report it missing on (0: optional)."""
    node = fields.get(field)
    if node is None:
        if needed_at:
            log.add(needed_at, field, "missing", "a line of text")
        return ""
    text = _text(node, field, log, "text")
    if text is None:
        return ""
    if needed_at and not text:
        log.add(line_of(node), field, "empty", "a line of text")
    if len(text) > limit:
        log.add(line_of(node), field, f"{len(text)} characters", f"at most {limit}")
    return text


class _Context:
    """What a stop is checked against: the events, the layers and the map's days."""

    def __init__(
        self,
        log: ProblemLog,
        event_days: Mapping[str, dt.date],
        layer_ids: tuple[str, ...],
        days: tuple[dt.date, dt.date],
    ):
        self.log, self.event_days, self.layer_ids, self.days = log, event_days, layer_ids, days

    def layers(self, node: yaml.Node) -> tuple[str, ...] | None:
        return _names(
            node, "layers", self.log, self.layer_ids, "layer ids: " + ", ".join(self.layer_ids)
        )

    def stop(self, node: yaml.Node, default_layers: tuple[str, ...]) -> Stop | None:
        log, before = self.log, len(self.log.problems)
        fields = _mapping(node, "stop", log, STOP_FIELDS)
        if fields is None:
            return None
        events = None
        if "events" not in fields:
            log.add(line_of(node), "events", "missing", "at least one event id: the stop's sources")
        else:
            events = _names(
                fields["events"], "events", log, self.event_days, "event ids from the events files"
            )
        day = None
        if "date" in fields:
            day = _day(fields["date"], log, *self.days)
        elif events:
            day = min(max(self.event_days[events[0]], self.days[0]), self.days[1])
        layers = self.layers(fields["layers"]) if "layers" in fields else default_layers
        view = _view(fields["view"], log) if "view" in fields else None
        caption = _prose(fields, "caption", log, CAPTION_MAX, needed_at=line_of(node))
        caption_ko = _prose(fields, "caption_ko", log, CAPTION_MAX)
        notes = _prose(fields, "notes", log, NOTES_MAX)
        if len(log.problems) > before or day is None or events is None or layers is None:
            return None
        return Stop(day, events, layers, view, caption, caption_ko, notes, line_of(node))


def load_tour(
    path: Path,
    event_days: Mapping[str, dt.date],
    layer_ids: tuple[str, ...],
    days: tuple[dt.date, dt.date],
    default_layers: tuple[str, ...],
) -> Tour:
    """One tour file, validated; raises DataError with every problem in it."""
    log = ProblemLog(str(path))
    if not NAME_PATTERN.match(path.stem):
        log.add(1, "(file)", f"name {path.stem!r}", "a file name of a-z, 0-9, _ or - and .yaml")
    if path.is_file() and path.stat().st_size > TOUR_BYTES_MAX:
        log.add(1, "(file)", f"{path.stat().st_size} bytes", f"at most {TOUR_BYTES_MAX}")
        log.raise_if_any()
    text = read_utf8(path, log, "a YAML mapping with title and stops")
    root = parse_yaml(text, log) if text is not None else None
    fields = _mapping(root, "(file)", log, TOUR_FIELDS) if root is not None else None
    if fields is None:
        log.raise_if_any()
    check = _Context(log, event_days, layer_ids, days)
    title = _prose(fields, "title", log, CAPTION_MAX, needed_at=1)
    title_ko = _prose(fields, "title_ko", log, CAPTION_MAX)
    if "layers" in fields:
        default_layers = check.layers(fields["layers"]) or default_layers
    stops = []
    stops_node = fields.get("stops")
    if not isinstance(stops_node, yaml.SequenceNode) or not stops_node.value:
        line = line_of(stops_node) if stops_node is not None else 1
        log.add(line, "stops", "missing or empty", "a list of stops")
    else:
        stops = [check.stop(node, default_layers) for node in stops_node.value]
    log.raise_if_any()
    return Tour(path.stem, title, title_ko, path, tuple(stops))


def load_tours(paths: Iterable[Path], **checks) -> tuple[Tour, ...]:
    """Every tour, in the order given; names unique. Raises DataError with all problems."""
    problems: list[Problem] = []
    tours: dict[str, Tour] = {}
    for path in paths:
        try:
            tour = load_tour(path, **checks)
        except DataError as err:
            problems.extend(err.problems)
            continue
        if tour.name in tours:
            first = tours[tour.name].file
            problems.append(
                Problem(
                    str(path),
                    1,
                    "(file)",
                    f"a tour named {tour.name!r} exists: {first}",
                    "tour file names unique",
                )
            )
            continue
        tours[tour.name] = tour
    if problems:
        raise DataError(problems)
    return tuple(tours.values())
