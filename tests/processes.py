"""Whose process is a Chromium, as /proc shows it (Linux). The processes below a process
are the export queue's `descendants` (dashboard/export/queue.py)."""

from __future__ import annotations

import os


def is_chromium(pid: int) -> bool:
    """A running Chromium (a process that has ended has no executable left to read)."""
    try:
        return "chromium" in os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return False
