"""The works and how they are written out: the short citation in the text, and the
reference list entry in the Chicago author-date style (citeproc-py, with the style's rules
that citeproc-py leaves out)."""

from __future__ import annotations

from pathlib import Path

from events.bibliography import (
    cited,
    cited_in_full,
    in_reference_order,
    load_bibliography,
    reference,
)
from events.reference_files import csl_items


def test_works_cited_alike_are_told_apart_by_a_year_suffix_in_title_order():
    works = load_bibliography(Path("tests/fixtures/alike_works.yaml"))
    suffixes = {wid: w.year_suffix for wid, w in works.items()}
    assert suffixes == {
        "appleman_1961": "",
        # "Telegram Shtykov ... on a Luncheon" sorts before "Telegram, Shtykov ..."
        "wilson_shtykov_1950_01_19": "a",
        "wilson_112046": "b",
        "time_1951_10_29_resumption": "a",  # "Resumption" before "Siege of Kumsong"
        "time_1951_10_29": "b",
        "encykorea_e0006713": "a",  # 군정장관 before 초산군
        "encykorea_e0057010": "b",
    }
    assert cited(works, "wilson_112046: doc. 1")[0] == "Shtykov 1950b, doc. 1"
    assert cited(works, "time_1951_10_29")[0] == "Time, 29 October 1951b"
    # Chicago's comma before "n.d." (citeproc-py alone would drop the "n.d.").
    assert cited(works, "encykorea_e0057010")[0] == "Academy of Korean Studies, n.d.-b"
    # The reference list carries the same letter, so the text leads to one entry.
    assert cited_in_full(works, "wilson_112046").startswith("Shtykov, Terentii F. 1950b.")
    aks = cited_in_full(works, "encykorea_e0057010")
    assert aks.startswith("Academy of Korean Studies. n.d.-b.")
    assert cited_in_full(works, "appleman_1961").startswith("Appleman, Roy E. 1961. South")


def test_the_style_writes_who_and_when_in_the_text(dataset):
    """The author-date part of a citation is the style's (citeproc-py), not the map's own:
    the 18th edition of Chicago names the first of three or more authors and "et al.",
    joins two with "and", sets a comma before "n.d.", and cites a treaty or a law by its
    short title."""
    works = dataset.works
    assert cited(works, "usmc_vol4: ch. VII")[0] == "Montross et al. 1962, ch. VII"
    assert cited(works, "usmc_vol1")[0] == "Montross and Canzona 1954"
    assert cited(works, "geonames")[0] == "GeoNames, n.d."
    # Two undated pages of one ministry ("Breakthrough ..." is -a), lettered once.
    assert cited(works, "mpva_hungnam_xmas")[0] == (
        "Ministry of Patriots and Veterans Affairs, Republic of Korea, n.d.-b"
    )
    assert cited(works, "armistice_agreement_1953: art. I")[0] == (
        "Korean Armistice Agreement 1953, art. I"
    )
    # The map's own forms: an official series by its symbol, unsigned press by paper and day.
    assert cited(works, "frus_1951_v07p1: doc. 300")[0] == "FRUS 1951, vol. VII, pt. 1, doc. 300"
    assert cited(works, "time_1951_06_18")[0] == "Time, 18 June 1951"


def test_no_two_shipped_works_are_cited_alike(dataset):
    labels = [cited(dataset.works, wid)[0] for wid in dataset.works]
    assert len(set(labels)) == len(labels) == len(dataset.works)


def test_a_periodical_named_in_the_authors_place_is_not_named_again(dataset):
    works = dataset.works
    assert reference(works["time_1951_10_29"]) == "Time. 1951b. “Siege of Kumsong.” October 29."
    assert reference(works["hindustan_times_1951_08_24"]) == (
        "Hindustan Times (New Delhi). 1951. “Korean Truce Talks Suspended.” August 24."
    )


def test_a_period_or_comma_stands_inside_the_closing_quotation_mark(dataset):
    works = dataset.works
    assert reference(works["boose_1995"]).startswith(
        "Boose, Donald W., Jr. 1995. “Portentous Sideshow: The Korean Occupation Decision.” "
        "Parameters"
    )
    # A title's own question mark or ellipsis ends it; no period is added.
    assert reference(works["time_1951_06_18"]) == "Time. 1951. “Another Inchon?” June 18."
    assert reference(works["time_1953_04_20"]) == "Time. 1953. “‘I Agree ...’” April 20."
    assert not any("”." in reference(w) or "”," in reference(w) for w in works.values())


def test_volumes_are_printed_in_arabic_numerals_with_their_part(dataset):
    works = dataset.works
    assert "Korea and China. Vol. 7, pt. 1. Foreign Relations of the United States, 1951." in (
        reference(works["frus_1951_v07p1"])
    )
    assert "The East-Central Front. Vol. 4. U.S. Marine Operations" in reference(works["usmc_vol4"])
    assert "Indochina. Vol. 13, pt. 2." in reference(works["frus_1952_54_v13p2"])
    # A reference manager is given the volume as the book numbers it.
    exported = {item["id"]: item for item in csl_items(works.values())}
    assert exported["frus_1951_v07p1"]["volume"] == "VII, part 1"
    assert "part-number" not in exported["frus_1951_v07p1"]


def test_a_citation_by_author_leads_to_the_entry_that_begins_with_that_name(dataset):
    # The reference list is in alphabetical order of its entries' first words: a reader
    # looks up "Montross, Kuokka and Hicks 1962" under M. Works cited by a short title of
    # their own ("FRUS 1951, vol. VII, pt. 1", "Korean Armistice Agreement") are named so
    # on purpose (README, "Exporting maps for publication"); their entries name the series.
    by_author = [w for w in dataset.works.values() if not w.csl.get("title-short")]
    assert len(by_author) > 80
    for work in by_author:
        first_word = cited(dataset.works, work.id)[0].split()[0].rstrip(",")
        assert reference(work).startswith(first_word), work.id
    constitution = dataset.works["constitution_rok_1948"]
    assert cited(dataset.works, "constitution_rok_1948: preamble")[0] == (
        "Constitution of the Republic of Korea 1948, preamble"
    )
    assert reference(constitution).startswith("Constitution of the Republic of Korea")


def test_works_that_read_differently_take_no_letter(tmp_path):
    # Unsigned works are cited by their title (or their periodical), laws by their short
    # title: only those that would read alike are lettered.
    path = tmp_path / "works.yaml"
    path.write_text(
        "- {id: one, type: report, title: First Report, publisher: P, issued: '1950'}\n"
        "- {id: two, type: report, title: Second Report, publisher: P, issued: '1950'}\n"
        "- {id: law, type: legislation, title: A Law, title-short: Law, issued: '1950',"
        " author: [{literal: Assembly}]}\n"
        "- {id: act, type: legislation, title: An Act, title-short: Act, issued: '1950',"
        " author: [{literal: Assembly}]}\n"
        "- {id: sun, type: article-newspaper, title: A, container-title: Sun, issued: '1950'}\n"
        "- {id: sun2, type: article-newspaper, title: B, container-title: Sun, issued: '1950'}\n",
        encoding="utf-8",
    )
    works = load_bibliography(path)
    assert {wid: w.year_suffix for wid, w in works.items()} == {
        "one": "", "two": "", "law": "", "act": "", "sun": "a", "sun2": "b",
    }  # fmt: skip
    assert cited(works, "one")[0] == "First Report 1950"
    assert cited(works, "act: sec. 2")[0] == "Act 1950, sec. 2"
    assert cited(works, "sun2")[0] == "Sun 1950b"


def test_the_reference_list_is_in_chicagos_word_by_word_order(dataset):
    works = dataset.works
    ordered = in_reference_order(
        works[w] for w in ("ibs_22_1963", "frus_1945_v06", "usmc_vol1", "montross_1951_11")
    )
    assert [w.id for w in ordered] == [
        "montross_1951_11",  # "Montross, Lynn. 1951." before "Montross, Lynn, and ..."
        "usmc_vol1",
        "frus_1945_v06",  # the Department's own entry before its Bureau's
        "ibs_22_1963",
    ]


def test_ranges_in_a_locator_take_an_en_dash(dataset):
    assert cited(dataset.works, "hermes_1966: pp. 489-491")[0] == "Hermes 1966, pp. 489–491"
    assert cited_in_full(dataset.works, "frus_1951_v07p1: doc. 120, pp. 150-151").endswith(
        "doc. 120, pp. 150–151. https://history.state.gov/historicaldocuments/frus1951v07p1/d120."
    )


def test_a_chapters_title_in_a_locator_is_printed_in_double_quotation_marks(dataset):
    works = dataset.works
    assert cited(works, "mossman_1990: ch. XXVI 'The Counteroffensive'")[0] == (
        "Mossman 1990, ch. XXVI “The Counteroffensive”"
    )
    assert cited(works, "usmc_vol4: ch. VII 'Advance to the Punchbowl', ch. IX")[0] == (
        "Montross et al. 1962, ch. VII “Advance to the Punchbowl,” ch. IX"
    )
    # An apostrophe inside a name neither opens nor closes the title.
    assert cited(works, "appleman_1961: ch. XXXI 'The Capture of P'yongyang'")[0] == (
        "Appleman 1961, ch. XXXI “The Capture of P'yongyang”"
    )


def test_a_citation_in_full_puts_the_locator_before_the_address_of_the_document(dataset):
    # Speaker notes: the locator belongs to the work, not to its address ("…/frus1951v07p1,
    # doc. 355" read as part of the link), and a FRUS document has an address of its own.
    full = cited_in_full(dataset.works, "frus_1951_v07p1: doc. 355")
    assert full.endswith(
        "Government Printing Office, doc. 355. "
        "https://history.state.gov/historicaldocuments/frus1951v07p1/d355."
    )
    # After a title that ends the entry, the comma goes inside the quotation mark.
    assert cited_in_full(dataset.works, "geonames:1835848") == (
        "GeoNames. n.d. “GeoNames Geographical Database,” 1835848. "
        "https://www.geonames.org/1835848."
    )
    assert cited_in_full(dataset.works, "usmc_vol1: ch. I").endswith("Marine Corps, ch. I.")
