"""The data files built in a process of their own: the web process asks and waits on disk
without building; the builder prepares likely views unasked; should it be gone, the web
process builds the file itself; and it ends with the server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from dashboard.model.map_options import DEFAULT_LAYERS, MapOptions, likely_views
from dashboard.web.data_builder import PREPARE_ENV, start_builder, views_to_prepare
from dashboard.web.data_files import DataFiles

pytestmark = [
    pytest.mark.processes,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="the builder is forked"),
]


@pytest.fixture
def files(dataset, tmp_path):
    made = DataFiles(dataset, tmp_path)
    yield made
    if made.builder is not None and made.builder.alive():
        os.kill(made.builder.pid, signal.SIGKILL)
        os.waitpid(made.builder.pid, 0)


def _never_here(*_):
    raise AssertionError("the web process built a file the builder should have")


def test_a_file_asked_for_is_built_by_the_builder_not_here(files, monkeypatch):
    builder = start_builder(files, likely=[])
    assert builder is not None and builder.pid != os.getpid() and builder.alive()
    monkeypatch.setattr(files, "_build", _never_here)
    options = MapOptions(layers=frozenset({"cities", "mdl"}), lang="ko")
    made = files.file("bundle", options)
    assert made.name.startswith("bundle.ko-screen-mdl+cities.")
    assert (files.directory / "bundle.ko-screen-mdl+cities.json.gz").exists()
    assert not any((files.directory / "asked").iterdir())  # the request was taken


def test_the_builder_prepares_likely_views_unasked(files):
    views = [MapOptions(layers=DEFAULT_LAYERS ^ {"events"}), MapOptions(lang="both")]
    start_builder(files, likely=views)
    deadline = time.monotonic() + 120
    while files.ready(views) < len(views) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert files.ready(views) == len(views)


def test_without_its_builder_the_web_process_builds_the_file_itself(files):
    builder = start_builder(files, likely=[])
    os.kill(builder.pid, signal.SIGKILL)
    os.waitpid(builder.pid, 0)
    assert not builder.alive()
    made = files.file("bundle", MapOptions(layers=frozenset({"venues"})))
    assert made.name.startswith("bundle.en-screen-venues.")


def test_the_likely_views_are_the_defaults_then_one_layer_switched():
    views = likely_views()
    assert views[0] == MapOptions()
    assert len(views) == len(set(views)) == 6 + 6 * 10
    assert all(len(v.layers ^ DEFAULT_LAYERS) <= 1 for v in views)


@pytest.mark.parametrize(
    ("chosen", "count"), [(None, 66), ("0", 0), ("6", 6), ("500", 66), ("x", 66)]
)
def test_korea_map_prepare_limits_the_views_made_unasked(monkeypatch, chosen, count):
    if chosen is None:
        monkeypatch.delenv(PREPARE_ENV, raising=False)
    else:
        monkeypatch.setenv(PREPARE_ENV, chosen)
    assert views_to_prepare(likely_views()) == likely_views()[:count]


def test_the_builder_ends_with_the_server(tmp_path):
    # A server process that starts its builder and ends at once: the builder follows.
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from dashboard.web.data_builder import PREPARE_ENV, start_builder, views_to_prepare
        from dashboard.web.data_files import DataFiles
        from dashboard.model.map_options import likely_views
        from events.dataset import load_dataset
        files = DataFiles(load_dataset(), Path({str(tmp_path)!r}))
        print(start_builder(files, likely_views()).pid, flush=True)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True
    )
    pid = int(done.stdout.split()[-1])
    deadline = time.monotonic() + 60  # it notices between two builds
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(pid)


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


def test_without_a_folder_to_share_there_is_no_builder_and_files_are_still_made(dataset, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    files = DataFiles(dataset, blocked)  # its folder would be inside a file
    assert start_builder(files, likely=[]) is None
    assert files.builder is None
    assert files.file("bundle", MapOptions(layers=frozenset({"cities"}))).name.startswith(
        "bundle.en-screen-cities."
    )
