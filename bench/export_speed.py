"""Export speed: one map at a time (a cold browser each) against a series in one warm
browser. Prints seconds per figure; asserts nothing.

    python bench/export_speed.py [--count 10] [--format png]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.export.snapshot import (
    Renderer,
    Snapshot,
    export_series,
    export_snapshot,
    series_days,
)
from events.dataset import load_dataset


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--format", default="png", choices=["png", "svg", "pdf"])
    args = parser.parse_args()
    data = load_dataset()
    days = series_days(dt.date(1950, 6, 25), dt.date(1953, 7, 27), "1m")[: args.count]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cold = []
        for day in days[:3]:
            start = time.perf_counter()
            export_snapshot(data, Snapshot(day), args.format, folder / f"{day}.{args.format}")
            cold.append(time.perf_counter() - start)
        start = time.perf_counter()
        export_series(
            data, Snapshot(days[0]), args.format, folder, [(day, "series") for day in days]
        )
        warm = (time.perf_counter() - start) / len(days)
        with Renderer():  # the browser's start alone, for reference
            pass
    print(
        f"{args.format}: one at a time (cold browser each): "
        f"{statistics.median(cold):.2f} s a figure (median of {len(cold)})"
    )
    print(
        f"{args.format}: series of {len(days)} in one warm browser: {warm:.2f} s a figure "
        f"(start-up included), {statistics.median(cold) / warm:.1f}x faster"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
