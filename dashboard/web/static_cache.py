"""The page's scripts and styles compressed once, not once for every viewer.

A hundred students opening the link ask for the same 1.4 MB of Plotly and 1 MB of Dash;
compressing them afresh for each (what Flask-Compress does) costs the server more than
everything else in a page load. Their addresses carry a version (Dash's fingerprint in
the name, `?m=` for the assets), so a response, once made for one encoding, is right for
every later request of the same address: this WSGI middleware keeps it and tells the
browser to keep it too (`immutable`). The few unversioned files of Dash's packages are
kept as well (they change only with a new install, and so a new process), without the
promise to the browser. Anything else passes through untouched.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable

from dashboard.web.data_files import IMMUTABLE

# Dash's fingerprinted names: dash_renderer.v4_4_1m1796105412.min.js
DASH_FINGERPRINT = re.compile(r"^/_dash-component-suites/.+\.v[0-9_]+m[0-9]+\.")
ASSET_VERSION = re.compile(r"(^|&)m=[0-9.]+($|&)")
ENCODINGS = ("zstd", "br", "gzip")  # the server's preference, as Flask-Compress's
DROPPED = {"date", "cache-control", "content-length"}


def is_versioned(path: str, query: str) -> bool:
    """True for an address whose content can never change (a new file, a new address)."""
    if DASH_FINGERPRINT.match(path):
        return True
    return path.startswith("/assets/") and bool(ASSET_VERSION.search(query))


def is_fixed_for_process(path: str, query: str) -> bool:
    """True for what cannot change while this process runs: versioned addresses, and
    every file of Dash's installed packages (the chunks its scripts load later have no
    version in their names)."""
    return path.startswith("/_dash-component-suites/") or is_versioned(path, query)


def chosen_encoding(accept: str) -> str:
    """The encoding this server will answer with: the first of ENCODINGS the client
    takes (a `;q=0` refuses one), else 'identity'."""
    taken = set()
    for part in accept.lower().split(","):
        name, _, params = part.strip().partition(";")
        refused = params.replace(" ", "") in ("q=0", "q=0.0", "q=0.00", "q=0.000")
        if name and not refused:
            taken.add(name.strip())
    return next((e for e in ENCODINGS if e in taken or "*" in taken), "identity")


Kept = tuple[str, str, list[tuple[str, str]], bytes]  # query, status, headers, body


class CompressedOnce:
    """Keeps each versioned file's response, per encoding, for the life of the process.
    Bounded by the files there are: one entry per path and encoding, replaced when a
    new version of the path is asked for."""

    def __init__(self, app: Callable):
        self.app = app
        self._kept: dict[tuple[str, str], Kept] = {}
        self._lock = threading.Lock()

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        path, query = environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", "")
        if (
            environ.get("REQUEST_METHOD") != "GET"
            or "HTTP_RANGE" in environ
            or not is_fixed_for_process(path, query)
        ):
            return self.app(environ, start_response)
        encoding = chosen_encoding(environ.get("HTTP_ACCEPT_ENCODING", ""))
        key = (path, encoding)
        kept = self._kept.get(key)
        if kept is None or kept[0] != query:
            kept = self._make(environ, query, encoding)
            if not kept[1].startswith("200"):
                return self._send(kept, start_response)
            with self._lock:
                self._kept[key] = kept
        etag = next((v for k, v in kept[2] if k.lower() == "etag"), None)
        if etag and etag in environ.get("HTTP_IF_NONE_MATCH", ""):
            same = [(k, v) for k, v in kept[2] if k.lower() in ("etag", "cache-control", "vary")]
            start_response("304 Not Modified", same)
            return []
        return self._send(kept, start_response)

    def _make(self, environ: dict, query: str, encoding: str) -> Kept:
        # Asked for one encoding only, so that the kept answer is the one for this key;
        # and unconditionally, so that it is a whole 200 rather than a 304.
        asked = {k: v for k, v in environ.items() if k != "HTTP_IF_NONE_MATCH"}
        asked["HTTP_ACCEPT_ENCODING"] = encoding
        captured: dict = {}
        written: list[bytes] = []

        def start(status: str, headers: list, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return written.append

        chunks = self.app(asked, start)
        try:
            body = b"".join([*written, *chunks])
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        headers = [(k, v) for k, v in captured["headers"] if k.lower() not in DROPPED]
        if captured["status"].startswith("200") and is_versioned(environ["PATH_INFO"], query):
            headers.append(("Cache-Control", IMMUTABLE))
        else:
            headers += [(k, v) for k, v in captured["headers"] if k.lower() == "cache-control"]
        headers.append(("Content-Length", str(len(body))))
        return query, captured["status"], headers, body

    @staticmethod
    def _send(kept: Kept, start_response: Callable) -> list[bytes]:
        _, status, headers, body = kept
        start_response(status, list(headers))
        return [body]
