"""The works the map cites (events/bibliography.yaml) and the citations that point to them.

A work is one CSL item with a stable id. A citation in a data file is `WORK_ID` or
`WORK_ID: LOCATOR` ("appleman_1961: ch. XXVIII", "geonames:1835848"): the work, then where
in it. Citations and references are written out in the Chicago author-date style by
citeproc-py, but for two forms of the map's own (official series by symbol, press by day).
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from events.chicago_style import written
from events.yaml_file import line_of, parse_yaml
from geodata.problems import Problem, ProblemLog, read_utf8

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
CITATION = re.compile(r"^([a-z][a-z0-9_]*)(?::\s*(.+))?$")
FRUS_HOME = "https://history.state.gov/historicaldocuments/"
FRUS_DOCUMENT = re.compile(r"^docs?\. (\d+)\b")
DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
NUMBER_RANGE = re.compile(r"(\d)-(\d)")
# A title the data quotes with straight single quotes ("ch. XXVI 'The Counteroffensive'"):
# opened after a space, closed before a space or a stop. An apostrophe inside a word
# ("P'yongyang") or a quote in other text ("alert('x')") is left as typed.
QUOTED = re.compile(r"(?<!\S)'(.+?)'(?=$|[\s,;.)])")
# What each type of work must give, besides its title, for a reader to find it; "a|b"
# means either field will do (a telegram is found by its archive, a report by its issuer).
FOUND_BY = "publisher|archive|container-title"
NEEDS = {
    "book": ("publisher",),
    "report": (FOUND_BY,),
    "treaty": ("issued",),
    "article-magazine": ("container-title", "issued"),
    "article-newspaper": ("container-title", "issued"),
    "article-journal": ("container-title", "issued"),
    "article": ("issued",),
    "entry-encyclopedia": ("container-title",),
    "dataset": ("URL",),
    "document": (FOUND_BY,),
    "legislation": ("issued",),
    "speech": ("issued",),
    "graphic": (FOUND_BY,),
    "manuscript": (FOUND_BY,),
    "webpage": ("URL",),
}
# What a missing field should hold, in words a historian filling the file can act on.
EXPECTED = {
    "publisher": "the publisher, e.g. Office of the Chief of Military History",
    "issued": "the year, or the day for a periodical (YYYY or YYYY-MM-DD)",
    "container-title": "the periodical or reference work it appears in",
    "URL": "the https:// address of its official home",
    FOUND_BY: "its publisher, the archive that holds it, or the series it appears in",
}
FIELDS = (
    "id", "type", "author", "editor", "title", "title-short", "container-title",
    "collection-title", "volume", "issue", "number", "page", "publisher", "publisher-place",
    "archive", "issued", "URL", "note", "language",
)  # fmt: skip


@dataclass(frozen=True)
class Work:
    id: str
    csl: MappingProxyType  # the CSL-JSON item (read-only)
    line: int
    # Chicago's "1950a", "1950b": set where two works would otherwise be cited alike.
    year_suffix: str = ""


@dataclass(frozen=True)
class Citation:
    work: str
    locator: str


def parse_citation(text: str) -> Citation | None:
    """`appleman_1961: ch. XXVIII` -> Citation('appleman_1961', 'ch. XXVIII')."""
    match = CITATION.match(text.strip())
    return Citation(match.group(1), (match.group(2) or "").strip()) if match else None


def _issued(value: str) -> dict | None:
    match = DAY.match(value)
    if not match:
        return None
    return {"date-parts": [[int(p) for p in match.groups() if p]]}


def _plain(node: yaml.Node) -> Any:
    """A node as plain Python values (scalars as text)."""
    if isinstance(node, yaml.MappingNode):
        return {k.value: _plain(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(v) for v in node.value]
    return str(node.value).strip()


def _work(node: yaml.Node, log: ProblemLog) -> Work | None:
    line = line_of(node)
    if not isinstance(node, yaml.MappingNode):
        log.add(line, "(work)", "not a mapping", "id, type, title, ...")
        return None
    item = _plain(node)
    # A problem with a field is reported on the field's own line.
    at = {key.value: line_of(key) for key, _ in node.value if isinstance(key, yaml.ScalarNode)}
    before = len(log.problems)
    for name in item:
        if name not in FIELDS:
            log.add(at[name], name, "unknown field", ", ".join(FIELDS))
    wid, kind = item.get("id", ""), item.get("type", "")
    if not ID_PATTERN.match(wid):
        expected = "lower-case letters, digits and _, e.g. appleman_1961"
        log.add(at.get("id", line), "id", f"{wid!r}", expected)
    if kind not in NEEDS:
        log.add(at.get("type", line), "type", f"unknown type {kind!r}", " | ".join(NEEDS))
    if not item.get("title"):
        log.add(line, "title", "missing", "the work's title")
    for name in NEEDS.get(kind, ()):
        if not any(item.get(one) for one in name.split("|")):
            log.add(line, name, f"missing, needed for type {kind}", EXPECTED[name])
    for name in ("author", "editor"):
        people = item.get(name, [])
        if not isinstance(people, list) or not all(
            isinstance(p, dict) and (p.get("family") or p.get("literal")) for p in people
        ):
            expected = "[{family: ..., given: ...}] or [{literal: an institution}]"
            log.add(at[name], name, "not a list of names", expected)
    if "issued" in item and _issued(item["issued"]) is None:
        log.add(at["issued"], "issued", f"{item['issued']!r}", "YYYY, YYYY-MM or YYYY-MM-DD")
    if item.get("URL") and not item["URL"].startswith("https://"):
        log.add(at["URL"], "URL", f"{item['URL']!r}", EXPECTED["URL"])
    if len(log.problems) != before:
        return None
    csl = {k: v for k, v in item.items() if k != "note"}
    if "issued" in csl:
        csl["issued"] = _issued(csl["issued"])
    return Work(wid, MappingProxyType(csl), line)


def load_bibliography(path: Path) -> dict[str, Work]:
    """Works by id; raises DataError with every problem (unknown field or type, a field
    missing for the type, an id or a work given twice)."""
    log = ProblemLog(str(path))
    text = read_utf8(path, log, "a YAML list of works")
    root = parse_yaml(text, log) if text is not None else None
    works: dict[str, Work] = {}
    seen: dict[tuple, int] = {}
    if root is not None and not isinstance(root, yaml.SequenceNode):
        log.add(line_of(root), "(file)", "not a list", "a YAML list of works")
        root = None
    for node in root.value if root is not None else []:
        work = _work(node, log)
        if work is None:
            continue
        same = (work.csl["type"], work.csl["title"].casefold(), str(work.csl.get("volume", "")))
        if work.id in works:
            log.add(
                work.line,
                "id",
                f"{work.id!r} given twice, first on line {works[work.id].line}",
                "one id a work",
            )
        elif same in seen:
            log.add(work.line, "title", f"the same work as line {seen[same]}", "one entry a work")
        else:
            works[work.id] = work
            seen[same] = work.line
    log.raise_if_any()
    return _told_apart(works)


def _sort_title(title: str) -> str:
    # Chicago alphabetizes titles without a leading article.
    return re.sub(r"^(the|an?) ", "", title.casefold())


def _told_apart(works: dict[str, Work]) -> dict[str, Work]:
    """The works with a year suffix on each that shares its short citation with another
    (two telegrams of Shtykov's in 1950): letters in the order of their titles, as
    Chicago orders them, the same in the text and in the reference list."""
    alike: dict[str | tuple, list[Work]] = defaultdict(list)
    for work in works.values():
        alike[_cited_by_own_form(work) or _who_and_when(work)].append(work)
    told = dict(works)
    for same in alike.values():
        if len(same) > 1:
            in_order = sorted(same, key=lambda w: _sort_title(w.csl["title"]))
            for letter, work in zip(string.ascii_lowercase, in_order, strict=False):
                told[work.id] = replace(work, year_suffix=letter)
    return told


def check_citations(texts: list[tuple[str, int, str, str]], works: dict[str, Work]) -> list:
    """Problems for citations that name no known work: (file, line, column, citation)."""
    problems = []
    for file, line, column, text in texts:
        citation = parse_citation(text)
        if citation is None or citation.work not in works:
            name = citation.work if citation else text
            problems.append(
                Problem(
                    file,
                    line,
                    column,
                    f"unknown work {name!r}",
                    "WORK_ID: LOCATOR with an id from events/bibliography.yaml",
                )
            )
    return problems


def _cited_by_own_form(work: Work) -> str | None:
    """The two kinds of work the map cites in forms of its own (README, "Exporting maps for
    publication"), or None for a work cited by author and year."""
    issued = work.csl.get("issued")
    parts = issued["date-parts"][0] if issued else []
    if work.csl["type"].startswith("article-") and not work.csl.get("author") and len(parts) == 3:
        # An unsigned press article: the paper and the day.
        day = dt.date(*parts)
        return f"{work.csl['container-title']}, {day.day} {day:%B %Y}{work.year_suffix}"
    if re.search(r"\d", work.csl.get("title-short", "")):
        # A short title that carries its own number names the work alone, as historians
        # cite it: "FRUS 1951, vol. VII, pt. 1", "UNGA resolution 112 (II)".
        return work.csl["title-short"]
    return None


def _who_and_when(work: Work) -> tuple:
    """What an author-date citation is made of, to tell apart works that would read alike
    without rendering each: the names (or, for a work without, the title or periodical
    that stands in their place) and the year."""
    csl = work.csl
    names = tuple(p.get("family") or p.get("literal") for p in csl.get("author") or ())
    names = names or tuple(p.get("family") or p.get("literal") for p in csl.get("editor") or ())
    if csl["type"].startswith("article-") and not names:
        names = (csl["container-title"],)  # "Time 1947"
    elif not names or csl["type"] in ("treaty", "legislation"):
        names = (csl.get("title-short") or csl["title"],)  # a law by its name
    issued = csl.get("issued")
    return names, issued["date-parts"][0][0] if issued else None


def short_citation(work: Work, locator: str) -> str:
    """'Appleman 1961, ch. XXVIII': who and when, then where in the work. Who and when are
    written by citeproc-py in the Chicago author-date style (three authors, "n.d.", a
    treaty by its short title), but for the map's own forms of press and official series."""
    text = _cited_by_own_form(work) or written(_styled_item(work))[0]
    return f"{text}, {_printed(locator)}" if locator else text


def _printed(locator: str) -> str:
    """A locator as Chicago prints it: a range with an en dash ("pp. 489–491"), a chapter's
    or a map's title in double quotation marks ("ch. VII “Advance to the Punchbowl,” ch.
    IX")."""
    quoted = QUOTED.sub("“\\1”", NUMBER_RANGE.sub("\\1–\\2", locator))
    return re.sub(r"”([,.])", "\\1”", quoted)  # a comma goes inside the quotation mark


def csl_item(work: Work) -> dict:
    """The work as a plain CSL-JSON item (lists where the read-only record keeps tuples)."""
    return {k: (list(v) if isinstance(v, list | tuple) else v) for k, v in work.csl.items()}


def reference(work: Work) -> str:
    """The work as a reference list entry (Chicago author-date, by citeproc-py)."""
    return written(_styled_item(work))[1]


def in_reference_order(works: Iterable[Work]) -> list[Work]:
    """The works as a reference list orders them: word by word, the punctuation after a
    name not counting, so a body's own entries come before those of an office within it
    ("United States Department of State. 1969." before "..., Bureau of Intelligence")."""
    return sorted(works, key=lambda w: re.sub(r"[^\w\s]", "", reference(w)).casefold())


def _styled_item(work: Work) -> dict:
    item = csl_item(work)
    if work.year_suffix:
        item["year-suffix"] = work.year_suffix
    return item


def work_url(work: Work, locator: str) -> str | None:
    """Where a reader finds the work (a GeoNames place's own page for geonames:<id>)."""
    if work.id == "geonames" and locator.isdigit():
        return f"https://www.geonames.org/{locator}"
    url = work.csl.get("URL")
    document = FRUS_DOCUMENT.match(locator)
    if url and url.startswith(FRUS_HOME) and document:  # FRUS numbers its documents
        return f"{url}/d{document.group(1)}"
    return url


def cited(works: dict[str, Work], text: str) -> tuple[str, str | None]:
    """A data citation as the side panel shows it: ('Appleman 1961, ch. XXVIII', its URL)."""
    citation = parse_citation(text)
    work = works[citation.work]
    return short_citation(work, citation.locator), work_url(work, citation.locator)


# A work cited inside prose (a note): "(frus_1951_v07p1: doc. 300)".
IN_PROSE = re.compile(r"\(([a-z][a-z0-9_]*): ([^()]+?)\)")


def works_in_prose(text: str) -> list[str]:
    """The citations a note makes in its text, as data citations ("work: locator")."""
    return [f"{m.group(1)}: {m.group(2)}" for m in IN_PROSE.finditer(text)]


def prose_with_citations(works: dict[str, Work], text: str) -> str:
    """A note as a reader sees it: each "(work: locator)" written author-date."""

    def written(match: re.Match) -> str:
        if match.group(1) not in works:
            return match.group(0)
        return f"({short_citation(works[match.group(1)], match.group(2))})"

    return IN_PROSE.sub(written, text)


def cited_in_full(works: dict[str, Work], text: str) -> str:
    """A data citation written out in full (speaker notes): the work as its reference
    entry gives it, the locator, then the address, of the document itself where the work
    numbers its documents ("..., doc. 355. https://history.state.gov/.../d355.")."""
    citation = parse_citation(text)
    work = works[citation.work]
    entry, url = reference(work), work.csl.get("URL")
    if url and entry.endswith(f"{url}."):
        entry = entry.removesuffix(f"{url}.").rstrip()
    address = f" {work_url(work, citation.locator)}." if url else ""
    if not citation.locator:
        return f"{entry.rstrip('.')}.{address}"
    if entry.endswith(".”"):  # the comma goes inside the quotation mark, as the period did
        return f"{entry[:-2]},” {_printed(citation.locator)}.{address}"
    return f"{entry.rstrip('.')}, {_printed(citation.locator)}.{address}"
