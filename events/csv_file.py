"""Read a CSV file made in a spreadsheet, keeping the line each row starts on."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from geodata.problems import ProblemLog, read_utf8


def read_rows(
    path: Path, log: ProblemLog, required: tuple[str, ...]
) -> list[tuple[int, dict[str, str]]]:
    """(line, row) for every well-formed data row; problems logged for the rest.

    A row with the wrong number of fields is reported and skipped: its values would land
    in the wrong columns. Broken quoting stops the reading, since every later field
    boundary is then in doubt.
    """
    text = read_utf8(path, log, "a header line, then one row per event")
    if text is None:
        return []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    line = 1
    try:
        for record in reader:
            if header is None:
                header = [name.strip() for name in record]
                if not _header_ok(header, log, required):
                    return []  # without its columns no row can be checked
            elif any(field.strip() for field in record):
                if len(record) != len(header):
                    log.add(
                        line,
                        "(row)",
                        f"{len(record)} fields, the header has {len(header)}",
                        "quote fields that contain commas",
                    )
                else:
                    rows.append((line, {k: v.strip() for k, v in zip(header, record, strict=True)}))
            line = reader.line_num + 1
    except csv.Error as err:
        log.add(
            line,
            "(row)",
            f"bad quoting: {err}",
            'a field in double quotes, with quotes inside it doubled ("")',
        )
    if header is not None and not rows and not log.problems:
        log.add(1, "(file)", "no data rows after the header", "at least one row")
    return rows


def _header_ok(header: list[str], log: ProblemLog, required: tuple[str, ...]) -> bool:
    before = len(log.problems)
    for name in required:
        if name not in header:
            log.add(1, name, "column missing", f"a header with {','.join(required)}")
    for name in sorted({n for n in header if header.count(n) > 1}):
        log.add(1, name, "column appears twice", "each column once")
    return len(log.problems) == before
