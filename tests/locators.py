"""The chapters and documents a citation's locator names, for tests that each is named once."""

from __future__ import annotations

import re

# "ch. XXVII", "chs. XXVII, XXVIII", "docs. 445, 516" (a title after a chapter is not a number).
NUMBERED = re.compile(r"\b(ch|doc)s?\. (\w+(?:, (?:[IVXLC]+|\d+)\b)*)")


def chapters_and_documents(locator: str) -> list[tuple[str, str]]:
    """[('ch', 'XXVII'), ('ch', 'XXVIII')] for "ch. XXVII 'Title', ch. XXVIII"."""
    return [
        (kind, number)
        for kind, numbers in NUMBERED.findall(locator)
        for number in numbers.split(", ")
    ]
