"""The page's data as files the browser keeps: the map's bundle for each set of layers and
language, the events and the tours, each under a name that carries a hash of its content.

A file is built once per dataset and options, gzipped once, kept in memory and on disk
(where every worker process on the machine finds it), and served with
`Cache-Control: immutable`: a browser that has it never asks again, and a new dataset or
a new version of the code gives new names. Any worker can rebuild any file from its name
alone, so workers share nothing but, at most, the disk.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import dash
import plotly
from plotly.io.json import to_json_plotly

from dashboard.figure.browser_bundle import event_entries, map_bundle, tour_entries
from dashboard.model.front_store import default_directory
from dashboard.model.map_options import LANGUAGES, MAP_LAYERS, MapOptions
from events.dataset import BIBLIOGRAPHY, GEODATA_DIR, Dataset

log = logging.getLogger("dashboard")
IMMUTABLE = "public, max-age=31536000, immutable"
CODE = Path(__file__).resolve().parents[2]
# bundle.en-screen-parallel38+cities.0123456789ab.json, events.0123456789ab.json
NAME = re.compile(r"^(bundle|events|tours)(?:\.([a-z0-9+-]+))?\.([0-9a-f]{12})\.json$")


@dataclass(frozen=True)
class DataFile:
    """One data file as the page fetches it: its versioned name, its gzipped bytes, and
    the digest that names it (also its ETag)."""

    name: str
    gzipped: bytes
    etag: str


def fingerprint(data: Dataset) -> str:
    """What the files are made from: every data file and every line of the code that
    turns them into the page's data, and the versions of Dash and Plotly."""
    digest = hashlib.sha256(f"dash {dash.__version__} plotly {plotly.__version__}".encode())
    sources = sorted(GEODATA_DIR.glob("*.geojson")) + sorted(GEODATA_DIR.glob("*.csv"))
    sources += [BIBLIOGRAPHY, *data.event_files, *(Path(t.file) for t in data.tours)]
    for package in ("dashboard", "events", "geodata"):
        sources += sorted((CODE / package).rglob("*.py"))
    for path in sources:
        # The name within the project, so that a module moved to another folder counts.
        where = Path(path).resolve()
        digest.update(
            str(where.relative_to(CODE) if where.is_relative_to(CODE) else where.name).encode()
        )
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]


def options_slug(options: MapOptions) -> str:
    """'en-screen-parallel38+cities': the options a bundle is built for, in its name."""
    layers = "+".join(layer for layer in MAP_LAYERS if layer in options.layers) or "none"
    return f"{options.lang}-{'present' if options.present else 'screen'}-{layers}"


def slug_options(slug: str) -> MapOptions | None:
    """The options named by a slug, or None when it names none."""
    parts = slug.split("-", 2)
    if len(parts) != 3 or parts[0] not in LANGUAGES or parts[1] not in ("present", "screen"):
        return None
    layers = () if parts[2] == "none" else tuple(parts[2].split("+"))
    if not set(layers) <= set(MAP_LAYERS):
        return None
    return MapOptions(layers=frozenset(layers), lang=parts[0], present=parts[1] == "present")


class DataFiles:
    """The data files of one dataset; thread-safe (a waitress or gunicorn worker serves
    many requests at once)."""

    def __init__(self, data: Dataset, directory: Path | None = None):
        self.data = data
        self.directory = (directory or default_directory()) / fingerprint(data)
        self._files: dict[str, DataFile] = {}  # by kind and slug
        self._building: dict[str, threading.Lock] = {}  # by key: the lock of its build
        self._lock = threading.Lock()  # guards _building
        self.builder = None  # a DataBuilder, when a process of its own builds the files

    def url(self, kind: str, options: MapOptions | None = None) -> str:
        return "/data/" + self.file(kind, options).name

    @staticmethod
    def key(kind: str, options: MapOptions | None = None) -> str:
        """'bundle.en-screen-mdl+cities', 'events': a file's name before its hash."""
        return f"{kind}.{options_slug(options)}" if kind == "bundle" else kind

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.json.gz"

    def file(self, kind: str, options: MapOptions | None = None) -> DataFile:
        key = self.key(kind, options)
        found = self._files.get(key)
        if found is not None:
            return found
        with self._lock:
            building = self._building.setdefault(key, threading.Lock())
        # One build per file, however many viewers ask at once; a build (about a second
        # for a new set of layers) holds up only those who wait for that file.
        with building:
            found = self._files.get(key) or self.read(key)
            if found is None and self.builder is not None:
                found = self.builder.wait_for(self, key)
            if found is None:
                found = self._write(key, self._build(kind, options))
            self._files[key] = found
        return found

    def ready(self, views: list[MapOptions]) -> int:
        """How many of these views' bundles are built (here, or on disk by the builder)."""
        keys = [self.key("bundle", v) for v in views]
        return sum(key in self._files or self._path(key).exists() for key in keys)

    def prepare(self, views: list[MapOptions]) -> None:
        """Have the files of these views ready (built, or read from disk) before the
        first viewer asks."""
        for kind in ("events", "tours"):
            self.file(kind)
        for options in views:
            self.file("bundle", options)

    def by_name(self, name: str) -> DataFile | None:
        """The file a URL names, or None (an unknown name, or another dataset's file)."""
        match = NAME.match(name)
        if not match:
            return None
        kind, slug, _ = match.groups()
        options = None
        if kind == "bundle":
            options = slug_options(slug or "")
            if options is None:
                return None
        elif slug is not None:
            return None
        found = self.file(kind, options)
        return found if found.name == name else None

    def _build(self, kind: str, options: MapOptions | None) -> bytes:
        if kind == "bundle":
            content = map_bundle(self.data, options)
        elif kind == "events":
            content = event_entries(self.data)
        else:
            content = tour_entries(self.data)
        return to_json_plotly(content).encode("utf-8")

    def _named(self, key: str, raw: bytes, gzipped: bytes) -> DataFile:
        digest = hashlib.sha256(raw).hexdigest()[:12]
        return DataFile(f"{key}.{digest}.json", gzipped, digest)

    def read(self, key: str) -> DataFile | None:
        """The file of this key as kept on disk, or None."""
        try:
            gzipped = self._path(key).read_bytes()
        except OSError:
            return None
        return self._named(key, gzip.decompress(gzipped), gzipped)

    def _write(self, key: str, raw: bytes) -> DataFile:
        # mtime=0: the same content always gzips to the same bytes.
        made = self._named(key, raw, gzip.compress(raw, compresslevel=9, mtime=0))
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            # Written whole under a temporary name, then renamed: a worker reading at the
            # same moment finds the old file or the new one, never half of one.
            with tempfile.NamedTemporaryFile(dir=self.directory, delete=False) as out:
                out.write(made.gzipped)
            os.replace(out.name, self._path(key))
        except OSError as err:
            log.warning("data files kept in memory only (%s): %s", self.directory, err)
        return made


def serve_data_files(server, files: DataFiles) -> None:
    """GET /data/NAME: the file, gzipped as stored (or plain for the rare client that
    does not take gzip), cached for a year, revalidated by its ETag."""
    import flask

    @server.route("/data/<name>")
    def data_file(name: str) -> flask.Response:
        found = files.by_name(name)
        if found is None:
            return flask.Response("Not found.\n", 404, mimetype="text/plain")
        etag = f'"{found.etag}"'
        headers = {"Cache-Control": IMMUTABLE, "ETag": etag, "Vary": "Accept-Encoding"}
        if etag in flask.request.headers.get("If-None-Match", ""):
            return flask.Response(status=304, headers=headers)
        if "gzip" in flask.request.headers.get("Accept-Encoding", ""):
            body, headers["Content-Encoding"] = found.gzipped, "gzip"
        else:
            body = gzip.decompress(found.gzipped)
        return flask.Response(body, mimetype="application/json", headers=headers)
