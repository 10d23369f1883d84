"""Read a CSV file made in a spreadsheet, keeping the line each row starts on.

Limits, so that a hostile or mistaken file gets one clear answer fast:
- at most MAX_ROWS data rows: the row after them is reported and reading stops;
- at most MAX_CELL_CHARS characters in one cell (the longest shipped description has
  under 600; a long cell is a pasted document or a broken file);
- no cell may start like a spreadsheet formula (=, +, @, or - followed by anything but a
  space or a dash): opened in Excel or LibreOffice such a cell runs, e.g.
  =HYPERLINK(...) or =cmd|' /C calc'!A0. A dash in running text ("- see below") stays.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

from geodata.problems import MAX_FILE_BYTES, ProblemLog, read_utf8

MAX_ROWS = 20_000
MAX_CELL_CHARS = 20_000
FORMULA_START = re.compile(r"^(?:[=+@]|-[^\s-])")

# The csv module refuses fields over 128 KiB with a message about quoting; the file size
# limit already bounds every field, and the cell limit reports a long one by its column.
csv.field_size_limit(MAX_FILE_BYTES)


def read_rows(
    path: Path, log: ProblemLog, required: tuple[str, ...]
) -> list[tuple[int, dict[str, str]]]:
    """(line, row) for every well-formed data row; problems logged for the rest.

    A row with the wrong number of fields is reported and skipped: its values would land
    in the wrong columns. So is a row with a cell that is too long, looks like a formula
    or sits in a column without a name. Broken quoting stops the reading, since every
    later field boundary is then in doubt.
    """
    text = read_utf8(path, log, "a header line, then one row per event")
    if text is None:
        return []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    line, before = 1, len(log.problems)
    try:
        for record in reader:
            if header is None:
                header = [name.strip() for name in record]
                if not _header_ok(header, log, required):
                    return []  # without its columns no row can be checked
            elif any(field.strip() for field in record):
                if len(rows) == MAX_ROWS:
                    return _too_many_rows(line, log, before)
                row = _row(line, record, header, log)
                if row is not None:
                    rows.append((line, row))
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


def _too_many_rows(line: int, log: ProblemLog, before: int) -> list:
    """One line instead of a report on every row of a file too long to be an events list."""
    del log.problems[before:]
    log.add(
        line,
        "(file)",
        f"more than {MAX_ROWS:,} rows",
        f"at most {MAX_ROWS:,} events in one file; split it into several --events files",
    )
    return []


def _row(line: int, record: list[str], header: list[str], log: ProblemLog) -> dict | None:
    """The row as {column: stripped value}, or None with its problems logged."""
    if len(record) != len(header):
        log.add(
            line,
            "(row)",
            f"{len(record)} fields, the header has {len(header)}",
            "quote fields that contain commas",
        )
        return None
    before = len(log.problems)
    row = {}
    for number, (name, raw) in enumerate(zip(header, record, strict=True), start=1):
        value = raw.strip()
        if not name:
            if value:
                log.add(
                    line,
                    f"(column {number})",
                    f"{_excerpt(value)} is in a column with no name in the header",
                    "a name for the column in the header line, or an empty column",
                )
            continue
        _check_cell(line, name, value, log)
        row[name] = value
    return row if len(log.problems) == before else None


def _check_cell(line: int, column: str, value: str, log: ProblemLog) -> None:
    if len(value) > MAX_CELL_CHARS:
        log.add(
            line,
            column,
            f"{len(value):,} characters, too long",
            f"at most {MAX_CELL_CHARS:,} characters in one cell",
        )
    elif FORMULA_START.match(value):
        log.add(
            line,
            column,
            f"{_excerpt(value)} starts like a spreadsheet formula",
            f"plain text; spreadsheet formulas are not allowed, remove the leading {value[0]}",
        )


def _excerpt(value: str, limit: int = 40) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "…")


def _header_ok(header: list[str], log: ProblemLog, required: tuple[str, ...]) -> bool:
    before = len(log.problems)
    if len(header) == 1 and (separator := _other_separator(header[0])):
        log.add(
            1,
            "(file)",
            f"columns separated by {separator}, not commas",
            'commas: save as "CSV UTF-8 (Comma delimited)"',
        )
        return False
    for name in required:
        if name in header:
            continue
        other_case = [n for n in header if n.lower() == name]
        if other_case:
            log.add(1, other_case[0], "column name in capitals", f"lower case: {name}")
        else:
            log.add(1, name, "column missing", f"a header with {','.join(required)}")
    for name in sorted({n for n in header if n and header.count(n) > 1}):
        log.add(1, name, "column appears twice", "each column once")
    return len(log.problems) == before


def _other_separator(header_field: str) -> str | None:
    """How a one-column header is really separated (European Excel writes ';')."""
    for separator, name in ((";", "semicolons"), ("\t", "tabs")):
        if separator in header_field:
            return name
    return None


def day_cell(value: str, column: str, line: int, log: ProblemLog) -> dt.date | None:
    """A cell holding one day, YYYY-MM-DD; None (and a problem logged) otherwise."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        log.add(line, column, f"{value!r} is not a day", "YYYY-MM-DD")
        return None


def citations_cell(value: str) -> tuple[str, ...]:
    """The citations of a `sources` cell, 'WORK: LOCATOR | WORK: LOCATOR'."""
    return tuple(s.strip() for s in value.split(" | ") if s.strip())
