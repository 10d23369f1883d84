"""Which pages may show the map in a frame (a course site, a learning platform): the
Content-Security-Policy's frame-ancestors, checked. No Dash: `run.py` checks the option
before anything is served."""

from __future__ import annotations

import os
import re

FRAME_ANCESTORS_ENV = "KOREA_MAP_FRAME_ANCESTORS"
DEFAULT_FRAME_ANCESTORS = "'self'"
# One CSP source each: a keyword, a scheme, or a scheme://host[:port] (host may start *.).
_SOURCE = re.compile(r"^('self'|'none'|https?:|https?://(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?)$")


def check_frame_ancestors(value: str) -> str:
    """The frame-ancestors sources, space-separated; raises ValueError for anything else
    (a ';' or a newline would smuggle other directives or headers in)."""
    sources = value.split()
    bad = [s for s in sources if not _SOURCE.match(s)]
    if not sources or bad:
        raise ValueError(
            f"--frame-ancestors {value!r}: not a list of sources "
            "(for example 'self' https://courses.example.edu)"
        )
    return " ".join(sources)


def chosen_frame_ancestors(value: str | None = None) -> str:
    """The value given, else the environment variable, else 'self'; checked."""
    return check_frame_ancestors(
        value or os.environ.get(FRAME_ANCESTORS_ENV) or DEFAULT_FRAME_ANCESTORS
    )
