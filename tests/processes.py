"""Processes below a process, as /proc shows them (Linux): whose Chromium is whose."""

from __future__ import annotations

import os

from dashboard.export.queue import children


def descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        for child in children(todo.pop()):
            found.add(child)
            todo.append(child)
    return found


def is_chromium(pid: int) -> bool:
    """A running Chromium (a process that has ended has no executable left to read)."""
    try:
        return "chromium" in os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return False
