"""The page's data files built in a process of their own, so that building never slows
down serving.

A new set of layers needs a new bundle: about a second of Python. Built inside a web
process, that second holds the process's interpreter lock, and every page load the
process is serving waits behind it (measured: with 100 viewers toggling layers on a
newly started server, page loads of 5 to 8 s). The builder is a child forked when the
server starts, with the dataset already loaded and the default views already built. It
takes requests as empty files in a folder, writes each built file where every web
process reads it (DataFiles' folder on disk), and, when nobody is asking, builds the
views viewers are likely to ask for next: one layer switched on or off from the
default, in each language and look. A web process that needs a file the builder has not
made asks for it and waits for it on disk, without holding its interpreter; should the
builder be gone, it builds the file itself, as it would without one.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from dashboard.model.map_options import MapOptions
from dashboard.web.data_files import DataFile, DataFiles, slug_options

log = logging.getLogger("dashboard")
POLL = 0.02  # seconds between looks at the folder, on both sides
PREPARE_ENV = "KOREA_MAP_PREPARE"
WAIT = 60.0  # the longest a web process waits for one file before building it itself


class DataBuilder:
    """The handle a web process keeps on the builder: where to ask, and its process id."""

    def __init__(self, folder: Path, pid: int):
        self.folder, self.pid = folder, pid

    def alive(self) -> bool:
        try:
            os.kill(self.pid, 0)
        except OSError:
            return False
        return True

    def wait_for(self, files: DataFiles, key: str) -> DataFile | None:
        """Ask for the file named by `key` and wait until it is on disk; None when the
        builder is gone or does not answer in time."""
        asked = self.folder / key
        try:
            asked.touch()
        except OSError:  # the folder is gone or read-only: build it here
            return None
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            found = files.read(key)
            if found is not None:
                return found
            if not asked.exists():  # taken and done: built just now, or it failed
                return files.read(key)
            if not self.alive():
                break
            time.sleep(POLL)
        asked.unlink(missing_ok=True)
        return None


def views_to_prepare(likely: list[MapOptions]) -> list[MapOptions]:
    """The likely views the builder makes unasked: all of them, or the first N when
    $KOREA_MAP_PREPARE is a number (0: none, on a machine whose processors are wanted for
    other work; a view nobody prepared is built when first asked for)."""
    chosen = os.environ.get(PREPARE_ENV, "")
    return likely[: int(chosen)] if chosen.isdigit() else likely


def start_builder(files: DataFiles, likely: list[MapOptions]) -> DataBuilder | None:
    """Fork the builder (call it from the process's only thread, before serving) and
    have `files` ask it; None where processes cannot be forked."""
    if not hasattr(os, "fork"):
        return None
    folder = files.directory / "asked"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:  # no folder to share: each web process builds for itself
        log.warning("no data builder (%s): %s", folder, err)
        return None
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the builder
        code = 0
        try:
            _build_until_orphaned(files, folder, likely, parent)
        except BaseException:  # Ctrl+C, or a failure: either way the builder ends here
            code = 1
        finally:
            os._exit(code)  # never the web process's own exit handlers
    builder = DataBuilder(folder, pid)
    files.builder = builder
    return builder


def _build_until_orphaned(
    files: DataFiles, folder: Path, likely: list[MapOptions], parent: int
) -> None:
    pending = list(likely)
    while os.getppid() == parent:  # the server ended: so does the builder
        asked = sorted(folder.iterdir(), key=_age)
        if asked:
            key = asked[0].name
            _build(files, key)
            asked[0].unlink(missing_ok=True)
        elif pending:
            files.file("bundle", pending.pop(0))
        else:
            time.sleep(POLL)


def _build(files: DataFiles, key: str) -> None:
    kind, _, slug = key.partition(".")
    options = slug_options(slug) if kind == "bundle" else None
    if kind not in ("bundle", "events", "tours") or (kind == "bundle" and options is None):
        return  # not a file this app makes
    try:
        files.file(kind, options)
    except Exception as err:  # the asker times out and builds it, reporting the error
        log.error("the data builder could not build %s: %r", key, err)


def _age(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
