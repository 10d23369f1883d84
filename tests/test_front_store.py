"""The front's history kept on disk: read back exactly, named by what it is made of, and
never trusted when it cannot be read."""

from __future__ import annotations

import dataclasses
import io
import logging

import numpy as np
import pytest
import shapely
from shapely import affinity

from dashboard.model import front, front_store
from dashboard.model.front_store import DayShapes, store_key, store_path, write

# front_history itself, without its in-memory cache: each call computes or reads.
history = front.front_history.__wrapped__


def _same(a: front.FrontHistory, b: front.FrontHistory) -> None:
    assert len(a.days) == len(b.days)
    for x, y in zip(a.days, b.days, strict=True):
        assert (x.day, x.status, x.accuracy_km, x.sources, x.keyframe, x.between) == (
            y.day,
            y.status,
            y.accuracy_km,
            y.sources,
            y.keyframe,
            y.between,
        )
        assert (x.pockets, x.un_islands, x.cut) == (y.pockets, y.un_islands, y.cut)
        mine, theirs = x.main + x.mainland + x.held, y.main + y.mainland + y.held
        for one, other in [(x.line, y.line), *zip(mine, theirs, strict=True)]:
            assert shapely.to_wkb(one) == shapely.to_wkb(other), x.day


def _computing_fails(monkeypatch) -> None:
    def no(*args):
        raise AssertionError("computed, not read")

    monkeypatch.setattr(front, "_day_shapes", no)


def test_the_kept_history_is_read_back_exactly_on_every_day(dataset, tmp_path, monkeypatch):
    made = (tuple(dataset.keyframes), tuple(dataset.pockets), dataset.land)
    known = front.history_of(dataset)  # this process's own, made once
    shapes = [
        DayShapes(d.line, d.mainland, d.held if d.pockets else None, d.un_islands, d.cut)
        for d in known.days
    ]
    write(store_path(tmp_path, _key(*made)), shapes)
    _computing_fails(monkeypatch)
    read = history(*made, tmp_path)
    assert len(read.days) == 1129 and any(day.pockets for day in read.days)
    assert any(day.cut is None for day in read.days)  # the line crosses a bay
    _same(known, read)


def _key(keyframes, pockets, land) -> str:
    return store_key(keyframes, pockets, land, front.CODE)


def _foreign_archive() -> bytes:
    """A numpy archive with the store's names and none of its content."""
    out = io.BytesIO()
    names = ("wkb", "offsets", "has_held", "islands", "island_offsets")
    np.savez(out, **dict.fromkeys(names, np.arange(3)), cut=np.arange(8))
    return out.getvalue()


@pytest.fixture(scope="module")
def first_week(dataset):
    """The first three keyframes (25 June to 2 July 1950, the last day included) and no
    pocket: quick to compute."""
    return tuple(dataset.keyframes[:3]), (), dataset.land


def test_a_file_that_cannot_be_read_is_computed_again_and_replaced(
    first_week, tmp_path, monkeypatch
):
    computed = history(*first_week, tmp_path)
    kept = store_path(tmp_path, _key(*first_week))
    whole = kept.read_bytes()
    for broken in (whole[: len(whole) // 2], b"not a numpy archive", b"", _foreign_archive()):
        kept.write_bytes(broken)
        _same(computed, history(*first_week, tmp_path))
        assert kept.read_bytes() == whole
    # Read, once whole again.
    _computing_fails(monkeypatch)
    _same(computed, history(*first_week, tmp_path))


def test_a_folder_that_cannot_be_written_costs_only_the_computation(first_week, tmp_path, caplog):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    with caplog.at_level(logging.WARNING, logger="dashboard"):
        made = history(*first_week, not_a_folder)
    assert len(made.days) == 8  # 25 June to 2 July
    assert "the front's history is not kept on disk" in caplog.text
    assert list(tmp_path.iterdir()) == [not_a_folder]


def test_the_name_changes_with_what_the_front_is_made_of_and_only_that(dataset):
    keyframes, pockets, land = tuple(dataset.keyframes), tuple(dataset.pockets), dataset.land
    key = _key(keyframes, pockets, land)
    moved = dataclasses.replace(keyframes[5], line=affinity.translate(keyframes[5].line, 0.01))
    later = dataclasses.replace(pockets[0], last_day=pockets[0].last_day.replace(day=20))
    changed = [
        _key((*keyframes[:5], moved, *keyframes[6:]), pockets, land),
        _key(keyframes, (later, *pockets[1:]), land),
        _key(keyframes, pockets[1:], land),
        _key(keyframes, pockets, land.buffer(0.01)),
        _key(keyframes[1:], pockets, land),
    ]
    assert len({key, *changed}) == 6
    # What is said of a day is made afresh from the keyframes: it does not name the file.
    relabelled = dataclasses.replace(keyframes[5], label="another label", sources=("x",))
    assert _key((*keyframes[:5], relabelled, *keyframes[6:]), pockets, land) == key


def test_a_disk_that_fills_up_mid_write_leaves_no_half_file(first_week, tmp_path, monkeypatch):
    def full(file, **arrays):
        file.write(b"PK\x03\x04 half an archive")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(front_store.np, "savez_compressed", full)
    made = history(*first_week, tmp_path)
    assert len(made.days) == 8
    assert list(tmp_path.iterdir()) == []
