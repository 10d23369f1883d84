"""Everything the map draws, loaded and validated in one call: layers, places, events."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import shapely

from events.bibliography import (
    Work,
    check_citations,
    load_bibliography,
    parse_citation,
    works_in_prose,
)
from events.timeline import load_events
from events.tours import Tour, load_tours
from geodata.catalogue import (
    ARMISTICE,
    DEFAULT_LAYER_IDS,
    INVASION,
    LAYERS,
    MAP_FIRST_DAY,
    MAP_LAST_DAY,
)
from geodata.control_facts import ControlFact, Town, load_control_facts, load_towns
from geodata.frontlines import Keyframe, Pocket, load_frontlines
from geodata.layers import (
    demilitarized_zone,
    korea_land,
    load_basemap,
    load_mdl,
    load_world,
    parallel_38,
)
from geodata.neutral_zones import NeutralZone, load_neutral_zones
from geodata.places import load_places
from geodata.problems import DataError
from geodata.region import GEOGRAPHIC_CRS, METRIC_CRS


def _near(path: Path) -> Path:
    """The path relative to the working directory when it lies below it (shorter messages)."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


ROOT = Path(__file__).resolve().parent.parent
GEODATA_DIR = _near(ROOT / "geodata")
SHIPPED_EVENTS = _near(ROOT / "events" / "events.csv")
BIBLIOGRAPHY = _near(ROOT / "events" / "bibliography.yaml")
TOURS_DIR = _near(ROOT / "events" / "tours")


def shipped_tours(tours_dir: Path = TOURS_DIR) -> list[Path]:
    return sorted(tours_dir.glob("*.yaml"))


# eq=False: a Dataset hashes by identity, so figure builders can cache per dataset.
@dataclass(frozen=True, eq=False)
class Dataset:
    basemap: gpd.GeoDataFrame
    land: shapely.Geometry
    parallel38: shapely.Geometry
    mdl: gpd.GeoDataFrame
    dmz: shapely.Geometry
    places: gpd.GeoDataFrame
    events: gpd.GeoDataFrame
    world: shapely.Geometry
    keyframes: tuple[Keyframe, ...]
    pockets: tuple[Pocket, ...]
    towns: dict[str, Town]
    control_facts: tuple[ControlFact, ...]
    works: dict[str, Work]
    event_files: tuple[Path, ...]
    tours: tuple[Tour, ...] = ()
    neutral_zones: tuple[NeutralZone, ...] = ()


def load_dataset(
    extra_events: Sequence[Path] = (),
    geodata_dir: Path = GEODATA_DIR,
    events_file: Path = SHIPPED_EVENTS,
    extra_tours: Sequence[Path] = (),
    tours_dir: Path = TOURS_DIR,
) -> Dataset:
    """Load and validate every file; raises DataError with all problems of all files."""
    problems = []

    def attempt(loader, *args):
        try:
            return loader(*args)
        except DataError as err:
            problems.extend(err.problems)
            return None

    basemap = attempt(load_basemap, geodata_dir / "basemap.geojson")
    mdl = attempt(load_mdl, geodata_dir / "mdl_1953.geojson")
    places = attempt(load_places, geodata_dir / "places.geojson")
    world = attempt(load_world, geodata_dir / "world_110m.geojson")
    front = attempt(load_frontlines, geodata_dir / "frontlines.geojson")
    towns = attempt(load_towns, geodata_dir / "towns.csv")
    facts = zones = None
    if places is not None and towns is not None:
        points = {**{t.id: t.point for t in towns.values()}, **dict(places.geometry.items())}
        facts = attempt(
            load_control_facts, geodata_dir / "control_facts.csv", points, (INVASION, ARMISTICE)
        )
        zones = attempt(
            load_neutral_zones,
            geodata_dir / "neutral_zones.csv",
            points,
            (MAP_FIRST_DAY, MAP_LAST_DAY),
        )
    event_files = (events_file, *extra_events)
    events = attempt(load_events, event_files, places) if places is not None else None
    works = attempt(load_bibliography, BIBLIOGRAPHY)
    if works is not None and front is not None and towns is not None and facts is not None:
        problems.extend(check_citations(_front_citations(geodata_dir, front, towns, facts), works))
    if works is not None and zones is not None:
        problems.extend(check_citations(_zone_citations(geodata_dir, zones), works))
    if works is not None and events is not None:
        problems.extend(
            check_citations(
                _place_and_event_citations(geodata_dir, places, events) + _note_citations(events),
                works,
            )
        )
    tours = None
    if events is not None:
        tours = attempt(
            lambda paths: load_tours(
                paths,
                event_days=dict(events["first_day"].items()),
                layer_ids=tuple(LAYERS),
                days=(MAP_FIRST_DAY, MAP_LAST_DAY),
                default_layers=DEFAULT_LAYER_IDS,
            ),
            [*shipped_tours(tours_dir), *extra_tours],
        )
    if problems:
        raise DataError(problems)
    land = korea_land(basemap)
    return Dataset(
        basemap=basemap,
        land=land,
        parallel38=parallel_38(land),
        mdl=mdl,
        dmz=demilitarized_zone(mdl.geometry.iloc[0], land),
        places=places,
        events=events,
        world=world,
        keyframes=tuple(front[0]),
        pockets=tuple(front[1]),
        towns=towns,
        control_facts=tuple(facts),
        works=works,
        event_files=tuple(event_files),
        tours=tours,
        neutral_zones=zones,
    )


def _front_citations(geodata_dir: Path, front, towns, facts) -> list[tuple[str, int, str, str]]:
    """Every citation behind the front: (file, line, column, citation)."""
    lines = str(geodata_dir / "frontlines.geojson")
    cited = [(lines, k.file_line, "sources", s) for k in front[0] for s in k.sources]
    cited += [(lines, p.file_line, "sources", s) for p in front[1] for s in p.sources]
    facts_file = str(geodata_dir / "control_facts.csv")
    cited += [(facts_file, f.line, "sources", s) for f in facts for s in f.sources]
    towns_file = str(geodata_dir / "towns.csv")
    for town in towns.values():
        if town.source != "derived":
            cited.append((towns_file, town.line, "source", town.source))
    return cited


def _zone_citations(geodata_dir: Path, zones) -> list[tuple[str, int, str, str]]:
    """Every citation of the talks' neutral zones: (file, line, column, citation)."""
    zones_file = str(geodata_dir / "neutral_zones.csv")
    return [(zones_file, z.line, "sources", s) for z in zones for s in z.sources]


def _place_and_event_citations(
    geodata_dir: Path, places, events
) -> list[tuple[str, int, str, str]]:
    """Every citation of a place or an event: (file, line, column, citation)."""
    places_file = str(geodata_dir / "places.geojson")
    cited = [(places_file, int(p.line), "source", p.source) for p in places.itertuples()]
    cited += [(e.file, int(e.line), "sources", s) for e in events.itertuples() for s in e.sources]
    return cited


def _note_citations(events) -> list[tuple[str, int, str, str]]:
    """The works a note cites in its prose, "(work: locator)": they must exist too."""
    return [
        (e.file, int(e.line), "note", c)
        for e in events.itertuples()
        for c in works_in_prose(getattr(e, "note", "") or "")
    ]


def _length_km(geometry: shapely.Geometry) -> float:
    series = gpd.GeoSeries([geometry], crs=GEOGRAPHIC_CRS).to_crs(METRIC_CRS)
    return float(series.length.iloc[0]) / 1000


def summary_lines(data: Dataset, geodata_dir: Path = GEODATA_DIR) -> list[str]:
    """One line per file: what it holds, for `run.py check`."""
    lines = [
        f"{geodata_dir / 'basemap.geojson'}: {len(data.basemap)} land areas "
        f"({', '.join(data.basemap.index)})",
        f"{geodata_dir / 'mdl_1953.geojson'}: Military Demarcation Line, "
        f"{_length_km(data.mdl.geometry.iloc[0]):.0f} km; DMZ 2 km each side",
        f"{geodata_dir / 'places.geojson'}: {len(data.places)} places "
        f"({int(data.places['abroad'].sum())} abroad)",
        f"{geodata_dir / 'frontlines.geojson'}: {len(data.keyframes)} front-line keyframes, "
        f"{data.keyframes[0].day.isoformat()} to {data.keyframes[-1].day.isoformat()}, "
        f"{len(data.pockets)} pockets",
        f"{geodata_dir / 'towns.csv'}: {len(data.towns)} towns",
        f"{geodata_dir / 'control_facts.csv'}: {len(data.control_facts)} control facts for "
        f"{len({f.place for f in data.control_facts})} places",
        f"{geodata_dir / 'neutral_zones.csv'}: {len(data.neutral_zones)} neutral zones of the "
        "talks",
    ]
    for path in data.event_files:
        rows = data.events[data.events["file"] == str(path)]
        if rows.empty:
            lines.append(f"{path}: 0 events")
            continue
        first, last = rows["first_day"].min(), rows["last_day"].max()
        lines.append(f"{path}: {len(rows)} events, {first.isoformat()} to {last.isoformat()}")
    for tour in data.tours:
        lines.append(f"{tour.file}: tour '{tour.name}', {len(tour.stops)} stops: {tour.title}")
    lines.append(f"{BIBLIOGRAPHY}: {len(data.works)} works; {citations_by_kind(data)}")
    return lines


# Kinds of work, for the count of citations in `run.py check` and geodata/SOURCES.md.
OFFICIAL_HISTORIES = (
    "appleman_1961", "mossman_1990", "hermes_1966", "schnabel_1972", "sawyer_1962",
)  # fmt: skip


def _kind(work: Work) -> str:
    wid, kind = work.id, work.csl["type"]
    if wid in OFFICIAL_HISTORIES or wid.startswith("usmc_") or wid == "husafik":
        return "US Army and Marine Corps official histories"
    if wid.startswith("frus_"):
        return "FRUS"
    if wid == "geonames":
        return "GeoNames"
    if wid.startswith("un_"):
        return "UN resolutions and records"
    if wid.startswith("wilson_"):
        return "Wilson Center Digital Archive"
    if kind in ("treaty", "legislation"):
        return "treaties and laws"
    if kind in ("article-newspaper", "article-magazine"):
        return "press"
    if kind in ("book", "article-journal", "report", "entry-encyclopedia"):
        return "other books, reports, articles and reference works"
    return "other official documents, speeches and pages"


def citations_by_kind(data: Dataset, geodata_dir: Path = GEODATA_DIR) -> str:
    """'817 citations: 456 US Army and Marine Corps official histories, 161 FRUS, ...'."""
    front = (data.keyframes, data.pockets)
    cited = _front_citations(geodata_dir, front, data.towns, data.control_facts)
    cited += _place_and_event_citations(geodata_dir, data.places, data.events)
    cited += _zone_citations(geodata_dir, data.neutral_zones)
    counts = Counter(_kind(data.works[parse_citation(c[3]).work]) for c in cited)
    ranked = ", ".join(f"{n} {kind}" for kind, n in counts.most_common())
    return f"{sum(counts.values())} citations: {ranked}"
