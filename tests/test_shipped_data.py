"""Integrity of the shipped timeline and places: every fact placed and cited."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import geopandas as gpd
import pytest

from events.bibliography import parse_citation
from geodata.region import GEOGRAPHIC_CRS, METRIC_CRS
from tests.locators import chapters_and_documents


def km_between(a, b) -> float:
    pair = gpd.GeoSeries([a, b], crs=GEOGRAPHIC_CRS).to_crs(METRIC_CRS)
    return pair.iloc[0].distance(pair.iloc[1]) / 1000


def test_at_least_45_events_from_1945_to_1954(dataset):
    events = dataset.events
    assert len(events) >= 45
    assert events["first_day"].min() <= dt.date(1945, 8, 31)
    assert events["last_day"].max() >= dt.date(1954, 6, 1)


@pytest.mark.parametrize(
    ("start", "end", "place"),
    [
        ("1945-12-16", "1945-12-26", "moscow"),  # Moscow Conference
        ("1946-03-20", None, "seoul"),  # Joint Commission, first session
        ("1947-05-21", None, "seoul"),  # Joint Commission, second session
        ("1947-09-17", None, "new_york_flushing_meadows"),  # Marshall at the UN
        ("1947-09-18", None, "new_york_flushing_meadows"),  # Vyshinsky's reply
        ("1947-09-26", None, None),  # Soviet proposal to withdraw all troops
        ("1947-10-17", None, None),  # US draft resolution
        ("1947-10-29", None, None),  # Soviet draft resolutions
        ("1947-11-14", None, "new_york_flushing_meadows"),  # resolution 112 (II)
        ("1948-05-10", None, None),  # elections in the south
        ("1948-08-15", None, "seoul"),  # Republic of Korea
        ("1948-09-09", None, "pyongyang"),  # DPRK
        ("1950-06-25", None, None),  # the invasion
        ("1950-06-28", None, "seoul"),  # Seoul falls
        ("1950-09-15", None, "inchon"),  # Inchon
        ("1951-07-10", "1951-08-23", "kaesong"),  # talks at Kaesong
        ("1951-10-25", None, "panmunjom"),  # talks move to Panmunjom
        ("1951-11-27", None, "panmunjom"),  # provisional demarcation line
        ("1953-07-27", None, "panmunjom"),  # the Armistice signed
        ("1954-04-26", "1954-06-15", "geneva_palais_des_nations"),  # Geneva
    ],
)
def test_the_milestones_are_in_the_timeline(dataset, start, end, place):
    events = dataset.events
    found = events[events["start"].map(lambda d: d.text) == start]
    if end:
        found = found[found["end"].map(lambda d: d.text if d else None) == end]
    if place:
        found = found[found["place"] == place]
    assert not found.empty


def test_every_event_has_a_source_and_no_generic_seed_alone(dataset):
    for eid, event in dataset.events.iterrows():
        assert event["sources"], eid
        generic = [s for s in event["sources"] if re.search(r"seeds/00[234]", s)]
        assert not generic, eid


def test_every_event_place_resolves(dataset):
    assert set(dataset.events["place"]) <= set(dataset.places.index)


def test_required_places_exist_with_hangul_names(dataset):
    for pid, hangul in [
        ("kaesong", "개성"),
        ("panmunjom", "판문점"),
        ("seoul", "서울"),
        ("pyongyang", "평양"),
        ("munsan", "문산"),
        ("inchon", "인천"),
        ("pusan", "부산"),
        ("taegu", "대구"),
        ("wonsan", "원산"),
        ("hungnam", "흥남"),
        ("chosin_reservoir", "장진호"),
    ]:
        assert dataset.places.loc[pid, "name_ko"] == hangul
    for pid in ["moscow", "new_york_flushing_meadows", "geneva_palais_des_nations"]:
        assert dataset.places.loc[pid, "abroad"]


@pytest.mark.parametrize(
    ("a", "b", "km", "tolerance"),
    [
        # Panmunjom lies about 10 km east of Kaesong (Hermes, Truce Tent, ch. 5: "some
        # five miles east"; the armistice hall is ~10 km from the city centre).
        ("kaesong", "panmunjom", 10, 3),
        ("seoul", "pyongyang", 195, 10),
        ("seoul", "inchon", 32, 4),  # the old port of Inch'on, where the landings came
        ("seoul", "pusan", 325, 15),
        ("wonsan", "hungnam", 77, 10),
    ],
)
def test_places_lie_where_they_should(dataset, a, b, km, tolerance):
    places = dataset.places
    assert km_between(places.loc[a].geometry, places.loc[b].geometry) == pytest.approx(
        km, abs=tolerance
    )


def test_places_in_korea_are_on_its_land(dataset):
    home = dataset.places[~dataset.places["abroad"]]
    for pid, place in home.iterrows():
        assert km_between(place.geometry, dataset.land) < 1.0, pid


def test_every_place_cites_a_work_of_the_bibliography(dataset):
    for pid, place in dataset.places.iterrows():
        citation = parse_citation(place["source"])
        assert citation is not None and citation.work in dataset.works, pid
        if citation.work == "geonames":
            assert citation.locator.isdigit(), pid  # the GeoNames record


def test_sources_md_has_a_row_per_data_file():
    text = Path("geodata/SOURCES.md").read_text(encoding="utf-8")
    for name in [
        "basemap.geojson",
        "mdl_1953.geojson",
        "world_110m.geojson",
        "frontlines.geojson",
        "places.geojson",
        "events/events.csv",
    ]:
        assert name in text


# Hosts that are places to find a lead, never a source: wikis, mirrors, hobbyist and
# aggregator sites (the issue that set the source policy names most of them).
NOT_SOURCES = (
    "wikipedia.org", "wiki", "koreanwaronline", "korean-war.com", "yellowlegs", "histclo",
    "about.com", "themaparchive", "realclearhistory", "ibiblio", "docslib", "wn.com",
    "books.google", "worldjpn", "kbs.co.kr", "mickopedia", "thefullwiki",
)  # fmt: skip
RESEARCH_WORDS = (
    "stored copy", "stored copies", "index id", "as cited in", "not checked", "was readable",
    "search result", "as mirrored", "title not recorded", "recollection",
)  # fmt: skip


def test_no_work_lives_on_a_wiki_a_mirror_or_a_hobbyist_site(dataset):
    for work in dataset.works.values():
        url = work.csl.get("URL", "")
        assert not any(host in url for host in NOT_SOURCES), (work.id, url)


def test_citations_name_works_and_no_field_speaks_of_the_research(dataset):
    texts = [s for e in dataset.events["sources"] for s in e] + list(dataset.places["source"])
    for text in texts:
        assert "http" not in text, text  # the address belongs to the work, not the row
        assert "cites " not in text, text  # another work is cited on its own, not in a locator
    prose = texts + list(dataset.events["description"]) + list(dataset.events["note"])
    prose += list(dataset.places["note"].fillna(""))
    for work in dataset.works.values():
        prose += [str(v) for v in work.csl.values()]
    for words in RESEARCH_WORDS:
        assert not [p for p in prose if words in p.lower()], words


# A disagreement names the work that disagrees; "other accounts" cites nothing.
UNNAMED_WORKS = (
    "other accounts", "some accounts", "secondary accounts", "usual accounts", "accounts date",
    "chinese accounts", "some sources", "other sources", "some chronicles", "some works",
    "reference works give", "secondary chronologies", "and others", "contemporary reports",
    "press reports", "local histories", "confirm in", "before relying", "sources differ",
    "between sources", "historians give", "later summaries", "usually quoted",
)  # fmt: skip


def test_a_note_that_reports_a_disagreement_names_the_work(dataset):
    notes = list(dataset.events["note"]) + list(dataset.places["note"].fillna(""))
    notes += [stop.notes for tour in dataset.tours for stop in tour.stops]
    notes += [town.note for town in dataset.towns.values()]
    for rows in (dataset.keyframes, dataset.pockets, dataset.control_facts):
        notes += [row.note for row in rows]
    assert len(notes) > 300
    for words in UNNAMED_WORKS:
        assert not [n for n in notes if words in (n or "").lower()], words


def test_no_row_cites_a_chapter_or_document_of_a_work_twice(dataset):
    rows = [(f"event {e.Index}", e.sources) for e in dataset.events.itertuples()]
    rows += [(f"keyframe {k.day}", k.sources) for k in dataset.keyframes]
    rows += [(f"pocket {p.name}", p.sources) for p in dataset.pockets]
    rows += [(f"control {c.place} {c.first_day}", c.sources) for c in dataset.control_facts]
    for row, sources in rows:
        named = [
            (citation.work, *one)
            for citation in map(parse_citation, sources)
            for one in chapters_and_documents(citation.locator)
        ]
        assert len(named) == len(set(named)), row


def test_at_least_120_events_and_the_ones_a_lecture_on_the_armistice_needs(dataset):
    events = dataset.events
    assert len(events) >= 120
    for eid in (
        "stalin_accepts_38th_parallel", "soviet_security_council_boycott",
        "malik_returns_security_council", "stalin_approval_january_1950",
        "kim_il_sung_moscow_visit_1950", "cpv_cross_yalu", "unga_res377", "unga_res498",
        "kennan_malik_talks", "item4_subcommittee_opens", "pow_lists_exchanged",
        "voluntary_repatriation_proposed", "pow_screening_1952", "stalin_death",
        "zhou_enlai_pow_statement", "pow_terms_of_reference_signed", "rhee_robertson_talks",
        "kumsong_offensive", "kim_peng_countersign", "mac_first_meeting",
        "us_rok_mutual_defense_treaty", "korean_peoples_republic_proclaimed",
        "usamgik_established", "north_korean_provisional_peoples_committee",
        "yosu_sunchon_rebellion", "clashes_38th_parallel_1949",
    ):  # fmt: skip
        assert eid in events.index, eid


# Works a reader can only use with a place in them: a book by chapter or page, a treaty by
# article and paragraph, a scholarly article by page. (A press article is cited whole, by its
# paper and day; an archive document, a resolution or a dataset record by its number.)
NEED_A_LOCATOR = ("book", "treaty", "article-journal", "article")
VAGUE_LOCATORS = ("final chapter", "following chapters", "chapters after", "unverified")


def test_every_book_treaty_and_article_is_cited_with_a_locator(dataset):
    cited = [(f"event {eid}", s) for eid, e in dataset.events.iterrows() for s in e["sources"]]
    cited += [(f"place {pid}", p["source"]) for pid, p in dataset.places.iterrows()]
    cited += [
        (f"control fact {f.place} {f.first_day}", s)
        for f in dataset.control_facts
        for s in f.sources
    ]
    cited += [(f"keyframe {k.day}", s) for k in dataset.keyframes for s in k.sources]
    cited += [(f"pocket {p.name} {p.first_day}", s) for p in dataset.pockets for s in p.sources]
    cited += [(f"zone {z.id}", s) for z in dataset.neutral_zones for s in z.sources]
    missing, vague = [], []
    for where, text in cited:
        citation = parse_citation(text)
        assert citation is not None and citation.work in dataset.works, (where, text)
        if dataset.works[citation.work].csl["type"] in NEED_A_LOCATOR and not citation.locator:
            missing.append((where, text))
        if any(words in citation.locator.lower() for words in VAGUE_LOCATORS):
            vague.append((where, text))
    assert not missing, missing
    assert not vague, vague


def test_sources_md_counts_the_citations_as_they_are(dataset):
    from events.dataset import citations_by_kind

    assert citations_by_kind(dataset) in Path("geodata/SOURCES.md").read_text(encoding="utf-8")


def test_only_the_1945_conference_sits_at_the_spiridonovka_house(dataset):
    at_the_house = dataset.events[dataset.events["place"] == "moscow"]
    assert not at_the_house.empty
    assert all(d.year == 1945 and d.month == 12 for d in at_the_house["first_day"])
