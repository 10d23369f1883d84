"""The caption an author prints under an exported map, and the works it cites as CSL-JSON
and BibTeX, read back with the libraries a reference manager and LaTeX would use."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re

import pytest

from dashboard.export.captions import DATA_LINE, caption, caption_files
from dashboard.model.front import history_of
from dashboard.model.map_options import MapOptions
from dashboard.model.state import state_at
from events.bibliography import parse_citation, reference, short_citation
from tests.locators import chapters_and_documents

TALKS = dt.date(1951, 8, 1)


@pytest.fixture(scope="module")
def talks(dataset):
    return caption(dataset, state_at(dataset, TALKS), MapOptions(), "The talks at Kaesong")


def _cited_works(dataset, citations) -> set[str]:
    return {parse_citation(c).work for c in citations}


def test_the_caption_is_one_paragraph_then_the_data_line_then_references(talks):
    paragraph, data_line, heading, references = talks.text.strip().split("\n\n")
    assert paragraph.startswith("The talks at Kaesong. Korea on 1 August 1951. It shows ")
    assert "\n" not in paragraph
    assert data_line == DATA_LINE
    assert heading == "References"
    assert len(references.splitlines()) == len(talks.works)
    assert len(talks.text) < 4000  # a caption, not an appendix
    # As an editor would set it: days written out alike, no parenthesis straight after another.
    assert "interpolated between 16 July 1951 and 31 August 1951" in paragraph
    assert not re.search(
        r"\b\d{1,2} (Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}", paragraph
    )
    assert ") (" not in paragraph
    assert "The 38th parallel, which ceased to divide Korea on 25 June 1950, is drawn" in paragraph


def test_a_dated_position_of_the_front_is_quoted_by_its_label(dataset):
    day = dt.date(1950, 6, 25)
    text = caption(dataset, state_at(dataset, day), MapOptions(), "T").text
    label = history_of(dataset).on(day).keyframe.label
    assert f"and the front line at a dated position, “{label}”, accurate to about" in text
    assert "keyframe:" not in text
    # Seoul fell on 28 June: marked on the map of 25 June, but not said to be in force.
    assert "Events marked on the map (an event of a single day is marked from 3 days" in text
    assert "Seoul falls to North Korean forces, 28 June 1950" in text
    assert "in force:" not in text


def test_every_work_behind_what_is_drawn_is_cited_once(dataset, talks):
    state = state_at(dataset, TALKS)
    front = history_of(dataset).on(TALKS)
    behind = _cited_works(dataset, front.sources)
    for m in state.sessions:
        behind |= _cited_works(dataset, dataset.events.loc[m.id, "sources"])
    cited = {w.id for w in talks.works}
    assert behind <= cited
    # each work once in the references, however many locators cite it
    assert len(cited) == len(talks.works)
    for work_id in behind:
        work = dataset.works[work_id]
        assert reference(work) in talks.text
        assert short_citation(work, "").split(",")[0] in talks.paragraph


def test_places_sources_stay_out_of_the_references(dataset, talks):
    kaesong = parse_citation(dataset.places.loc["kaesong", "source"]).work
    events_works = set().union(*(_cited_works(dataset, s) for s in dataset.events["sources"]))
    if kaesong not in events_works:
        assert kaesong not in {w.id for w in talks.works}
    assert "geonames" not in {w.id for w in talks.works}


def test_references_are_chicago_author_date_with_full_given_names(talks):
    hermes = next(reference(w) for w in talks.works if w.id == "hermes_1966")
    assert hermes.startswith("Hermes, Walter G. 1966. Truce Tent and Fighting Front.")
    assert "Edition." not in talks.text  # citeproc-py's stray label for periodicals


def test_csl_json_reads_back_with_citeproc_and_keeps_stable_ids(dataset):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    from events.chicago_style import _style

    options = MapOptions()
    one = json.loads(caption_files(dataset, state_at(dataset, TALKS), options, "")[".json"])
    other_day = state_at(dataset, dt.date(1953, 7, 27))
    two = json.loads(caption_files(dataset, other_day, options, "")[".json"])
    shared = {i["id"] for i in one} & {i["id"] for i in two}
    assert "hermes_1966" in shared  # the same work, the same id, in two figures' files
    assert all(not re.match(r"source-\d+$", i["id"]) for i in one + two)
    bibliography = CitationStylesBibliography(_style(), CiteProcJSON(one), formatter.plain)
    for item in one:
        bibliography.register(Citation([CitationItem(item["id"])]))
    entries = [str(e) for e in bibliography.bibliography()]
    assert len(entries) == len(one)
    hermes = next(i for i in one if i["id"] == "hermes_1966")
    assert hermes["type"] == "book"
    assert hermes["author"] == [{"family": "Hermes", "given": "Walter G."}]
    assert hermes["issued"] == {"date-parts": [[1966]]}


def test_bibtex_reads_back_with_pybtex(dataset):
    from pybtex.database import parse_string

    files = caption_files(dataset, state_at(dataset, TALKS), MapOptions(), "")
    items = json.loads(files[".json"])
    bib = parse_string(files[".bib"], "bibtex")
    assert set(bib.entries) == {i["id"] for i in items}
    hermes = bib.entries["hermes_1966"]
    assert hermes.type == "book"
    assert str(hermes.persons["author"][0]) == "Hermes, Walter G."
    assert hermes.fields["year"] == "1966"
    frus = bib.entries["frus_1951_v07p1"]
    assert str(frus.persons["author"][0]) == "{United States Department of State}"


def test_a_work_cited_for_several_documents_is_named_once_with_its_numbers(talks):
    # the talks at Kaesong rest on three telegrams of the same FRUS volume
    assert "(FRUS 1951, vol. VII, pt. 1, docs. 445, 516, 543)" in talks.paragraph
    assert "HNC-098" not in talks.paragraph  # what a document is stays in the data


def test_chapters_cited_by_both_ends_of_an_interpolation_are_named_once(dataset):
    # 20 September 1950 lies between keyframes citing Appleman ch. XXVII and chs. XXVII,
    # XXVIII: the caption had "ch. XXVII, chs. XXVII, XXVIII".
    text = caption(dataset, state_at(dataset, dt.date(1950, 9, 20)), MapOptions(), "").text
    assert "(Appleman 1961, chs. XXVII, XXVIII)" in text
    assert "XXVII, chs." not in text
    # A chapter named with its title and without it is named once, with its title.
    text = caption(dataset, state_at(dataset, dt.date(1953, 1, 20)), MapOptions(), "").text
    assert "Hermes 1966, ch. XVII, ch. XXI “The Last Offensive”" in text
    assert "Offensive”, ch. XXI" not in text


def test_no_chapter_or_document_is_named_twice_in_one_citation_on_any_day(dataset):
    # The days between two keyframes all cite the same works: a day in each stretch, and
    # each keyframe's own day, stand for every day of the war.
    days = sorted(k.day for k in dataset.keyframes)
    days += [a + (b - a) / 2 for a, b in itertools.pairwise(days)]
    for day in days:
        paragraph = caption(dataset, state_at(dataset, day), MapOptions(), "").text.split("\n")[0]
        for citation in re.findall(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)", paragraph):
            for one_work in citation.split("; "):
                named = chapters_and_documents(one_work)
                assert len(named) == len(set(named)), (day, one_work)


def test_the_1953_line_is_left_out_of_earlier_captions_unless_drawn_as_the_future(dataset, talks):
    assert "Demarcation" not in talks.paragraph and "Demilitarized" not in talks.paragraph
    future = MapOptions(layers=MapOptions().layers | {"future"})
    asked = caption(dataset, state_at(dataset, TALKS), future, "The talks at Kaesong")
    assert "The Military Demarcation Line of 27 July 1953 is drawn faint" in asked.paragraph
    signed = caption(dataset, state_at(dataset, dt.date(1953, 7, 27)), MapOptions(), "Signed")
    assert "The Military Demarcation Line of 27 July 1953 is in force" in signed.paragraph
