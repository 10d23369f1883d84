"""The works a map cites, as files for a reference manager: CSL-JSON (Zotero and the
like) and BibTeX (LaTeX), with the ids of events/bibliography.yaml as keys, so the same
work has the same id in every export."""

from __future__ import annotations

import datetime as dt

from events.bibliography import csl_item


def csl_items(works) -> list[dict]:
    """The works as CSL-JSON items, ids as in events/bibliography.yaml: the same work has
    the same id in every export, so a reference manager merges them."""
    return [csl_item(w) for w in works]


# CSL types as BibTeX entry types, and the field that names where a work appeared.
BIBTEX_TYPES = {
    "book": "book",
    "report": "techreport",
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "entry-encyclopedia": "incollection",
}
BIBTEX_FIELDS = {
    "title": "title",
    "collection-title": "series",
    "volume": "volume",
    "issue": "number",
    "number": "number",
    "page": "pages",
    "publisher": "publisher",
    "publisher-place": "address",
    "archive": "howpublished",
    "URL": "url",
}


def _bibtex_person(name: dict):
    from pybtex.database import Person

    if name.get("literal"):  # an institution: braced, so BibTeX never splits it
        return Person(last="{" + name["literal"] + "}")
    return Person(first=name.get("given", ""), last=name["family"])


def bibtex(works) -> str:
    """The works as a BibTeX file (pybtex), keys as in events/bibliography.yaml."""
    from pybtex.database import BibliographyData, Entry

    entries = {}
    for w in works:
        csl = w.csl
        kind = BIBTEX_TYPES.get(csl["type"], "misc")
        fields = {BIBTEX_FIELDS[k]: str(v) for k, v in csl.items() if k in BIBTEX_FIELDS}
        container = csl.get("container-title")
        if container:
            fields["journal" if kind == "article" else "booktitle"] = container
        if kind == "techreport":
            fields.setdefault("institution", fields.pop("publisher", container or ""))
        issued = csl.get("issued")
        if issued:
            parts = issued["date-parts"][0]
            fields["year"] = str(parts[0])
            if len(parts) > 1:
                fields["month"] = dt.date(2000, parts[1], 1).strftime("%b").lower()
        persons = {
            role: [_bibtex_person(p) for p in csl[role]]
            for role in ("author", "editor")
            if csl.get(role)
        }
        entries[w.id] = Entry(kind, fields=fields, persons=persons)
    return BibliographyData(entries).to_string("bibtex")
