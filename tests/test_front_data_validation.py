"""Bad input in the front's data files: one line per problem, all at once, nothing loaded.
Control facts, the towns gazetteer, pockets, the talks' neutral zones, the bibliography, and
citations of works."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from shapely.geometry import Point

from events.bibliography import cited, cited_in_full, load_bibliography, parse_citation
from events.dataset import ROOT, load_dataset
from geodata.control_facts import load_control_facts, load_towns
from geodata.frontlines import load_frontlines
from geodata.neutral_zones import load_neutral_zones
from geodata.problems import DataError

BAD = Path("tests/fixtures/bad_front")
WAR = (dt.date(1950, 6, 25), dt.date(1953, 7, 27))


def problems(load, path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(path)
    return str(caught.value).splitlines()


# Places the bad fixtures name, for the loaders that check a row's place.
KNOWN = {name: Point(127, 37) for name in ("seoul", "pusan", "taegu", "inchon", "kaesong")}
KNOWN["wonsan"] = Point(127.4, 39.15)
ZONE_PLACES = {name: Point(126.7, 37.9) for name in ("panmunjom", "kaesong", "munsan")}
MAP_DAYS = (dt.date(1945, 8, 10), dt.date(1954, 6, 15))

# Each bad file of the front's data, how it is read, and every line it must report, in
# order ("LINE: column: what is wrong (what is expected)").
EVERY_PROBLEM = {
    "control_facts.csv": (
        lambda p: load_control_facts(p, KNOWN, WAR),
        [
            "3: place: unknown place 'seoul_city' "
            "(an id from geodata/places.geojson or geodata/towns.csv)",
            "4: from: '1950-06-31' is not a day (YYYY-MM-DD)",
            "5: to: 1950-12-31 is before from 1951-01-01 (a day on or after from)",
            "6: from: 1949-06-01 is outside the war (1950-06-25 to 1953-07-27)",
            "7: held_by: 'KPA' (UN | communist)",
            "8: sources: empty (citations separated by ' | ')",
            "9: from: gives seoul to the UN side while line 2 gives it to the communist side "
            "(one holder a day)",
        ],
    ),
    "towns.csv": (
        load_towns,
        [
            '2: id: "Chech\'on" (lower-case letters, digits and _)',
            "4: id: 'chinju' appears twice (each town once)",
            "5: source: 'gazetteer' (geonames:<id>, or derived (say how in note))",
            "6: note: a derived point without a note (how the point was located)",
            "7: lon: 'east' is not a number (decimal degrees, e.g. 127.03)",
            "8: lon: (139.69, 35.69) outside the map's box (a place in Korea)",
        ],
    ),
    "neutral_zones.csv": (
        lambda p: load_neutral_zones(p, ZONE_PLACES, MAP_DAYS),
        [
            "3: id: 'Panmunjom area' (lower-case letters, digits and _)",
            "4: id: 'panmunjom_area' appears twice (each zone once)",
            "5: name_ko: empty (the zone's name as the map writes it)",
            "6: places: unknown place 'munsan_ni' "
            "(an id from geodata/places.geojson or geodata/towns.csv)",
            "7: shape: 'square' (circle | corridor)",
            "8: places: 2 places for a circle (its centre's id)",
            "9: places: 1 place for a corridor "
            "(the places its road joins, in order, separated by ' | ')",
            "10: radius_m: '5 miles' (a number of metres above 0, at most 20000)",
            "11: radius_m: '80467' (a number of metres above 0, at most 20000)",
            "12: accuracy_km: '' (a number of kilometres above 0, at most 20)",
            "13: from: '1951-07-32' is not a day (YYYY-MM-DD)",
            "14: to: 1951-07-15 is before from 1951-10-21 (a day on or after from)",
            "15: to: 1955-01-01 is outside the map's days (1945-08-10 to 1954-06-15)",
            "16: sources: empty (citations separated by ' | ')",
        ],
    ),
    "frontlines_pockets.geojson": (
        load_frontlines,
        [
            "3: name: property missing or empty (a value for name)",
            "4: to: 1950-09-15 is before from 1950-09-20 (a day on or after from)",
            "5: held_by: 'Marines' (UN | communist)",
            "6: geometry: a LineString (a Polygon)",
            "7: kind: unknown kind 'enclave' (line | pocket)",
        ],
    ),
    "bibliography.yaml": (
        load_bibliography,
        [
            "8: id: 'Appleman' (lower-case letters, digits and _, e.g. appleman_1961)",
            "14: type: unknown type 'monograph' (book | report | treaty | article-magazine "
            "| article-newspaper | article-journal | article | entry-encyclopedia | dataset "
            "| document | legislation | speech | graphic | manuscript | webpage)",
            "17: publisher: missing, needed for type book "
            "(the publisher, e.g. Office of the Chief of Military History)",
            "19: author: not a list of names "
            "([{family: ..., given: ...}] or [{literal: an institution}])",
            "21: issued: 'summer 1966' (YYYY, YYYY-MM or YYYY-MM-DD)",
            "22: URL: 'http://history.army.mil/books/korea/truce/fm.htm' "
            "(the https:// address of its official home)",
            "24: id: 'appleman_1961' given twice, first on line 1 (one id a work)",
            "29: title: the same work as line 1 (one entry a work)",
            "34: container-title: missing, needed for type article-magazine "
            "(the periodical or reference work it appears in)",
            "34: issued: missing, needed for type article-magazine "
            "(the year, or the day for a periodical (YYYY or YYYY-MM-DD))",
            "37: pages: unknown field (id, type, author, editor, title, title-short, "
            "container-title, collection-title, volume, issue, number, page, publisher, "
            "publisher-place, archive, issued, URL, note, language)",
        ],
    ),
}


@pytest.mark.parametrize("name", EVERY_PROBLEM)
def test_each_bad_file_reports_every_problem_at_once(name):
    load, expected = EVERY_PROBLEM[name]
    path = BAD / name
    assert problems(load, path) == [f"{path}:{problem}" for problem in expected]


def test_a_citation_of_an_unknown_work_is_reported_where_it_stands(tmp_path):
    geodata = tmp_path / "geodata"
    shutil.copytree(ROOT / "geodata", geodata, ignore=shutil.ignore_patterns("*.py", "__*"))
    facts = geodata / "control_facts.csv"
    lines = facts.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("appleman_1961", "appelman_1961", 1)
    facts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(geodata_dir=geodata)
    assert str(caught.value).splitlines() == [
        f"{facts}:2: sources: unknown work 'appelman_1961' "
        "(WORK_ID: LOCATOR with an id from events/bibliography.yaml)"
    ]


def test_citations_name_the_work_and_where_in_it(dataset):
    assert parse_citation("appleman_1961: ch. XXVIII").locator == "ch. XXVIII"
    assert parse_citation("geonames:1835848").work == "geonames"
    assert cited(dataset.works, "appleman_1961: ch. XXVIII") == (
        "Appleman 1961, ch. XXVIII",
        "https://history.army.mil/books/korea/20-2-1/toc.htm",
    )
    assert cited(dataset.works, "geonames:1835848")[1] == "https://www.geonames.org/1835848"
    assert cited(dataset.works, "time_1951_10_29: 'Siege of Kumsong'")[0].startswith(
        "Time, 29 October 1951"
    )
    full = cited_in_full(dataset.works, "hermes_1966: ch. XXI")
    assert "Truce Tent and Fighting Front" in full
    assert full.endswith(", ch. XXI. https://history.army.mil/books/korea/truce/fm.htm.")


def test_every_citation_behind_the_front_names_a_work(dataset):
    """Keyframes, pockets, control facts and towns cite works of the bibliography; no field
    speaks of how the research was done."""
    texts = [s for k in dataset.keyframes for s in k.sources]
    texts += [s for p in dataset.pockets for s in p.sources]
    texts += [s for f in dataset.control_facts for s in f.sources]
    for text in texts:
        citation = parse_citation(text)
        assert citation is not None and citation.work in dataset.works, text
    notes = [k.note for k in dataset.keyframes] + [p.note for p in dataset.pockets]
    notes += [f.note for f in dataset.control_facts] + texts
    # A waypoint's note says how its point was placed; it too must not speak of the research.
    front = json.loads((ROOT / "geodata" / "frontlines.geojson").read_text(encoding="utf-8"))
    notes += [
        w.get("note", "")
        for feature in front["features"]
        for w in feature["properties"].get("waypoints", [])
        if isinstance(w, dict)
    ]
    for words in (
        "stored copy", "index id", "not checked", "as mirrored", "recollection", "as cited in",
        "unverified", "were not found", "source found",
    ):  # fmt: skip
        assert not any(words in n.lower() for n in notes), words


def test_every_bad_front_fixture_is_covered():
    assert {p.name for p in BAD.iterdir()} == set(EVERY_PROBLEM)
