"""Problems found in a data file, reported all at once as `FILE:LINE: column: what (expected)`.

Loaders collect every problem in a file before giving up, so that a historian fixing a
spreadsheet sees the whole list in one run instead of one error per attempt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

# Larger files are refused before they are read: a hostile or mistaken file must not
# hold the command line (or the server starting up) for minutes.
MAX_FILE_BYTES = 50_000_000
# Beyond this many problems in one file the rest are counted, not listed: a historian
# fixes the first screenful (often one mistake repeated) and checks again.
MAX_PROBLEMS_SHOWN = 50


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong at one place in one file."""

    file: str
    line: int
    column: str
    message: str
    expected: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {self.column}: {self.message}"
        return f"{text} ({self.expected})" if self.expected else text


class DataError(Exception):
    """Raised with every problem found; str() gives one line per problem.

    `problems` keeps them all; the text lists at most MAX_PROBLEMS_SHOWN a file and
    ends that file with one line counting the rest.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        lines = []
        for _, group in groupby(self.problems, key=lambda p: p.file):
            in_file = list(group)
            lines += [str(p) for p in in_file[:MAX_PROBLEMS_SHOWN]]
            if len(in_file) > MAX_PROBLEMS_SHOWN:
                lines.append(_omitted(in_file[MAX_PROBLEMS_SHOWN:]))
        super().__init__("\n".join(lines))


def _omitted(rest: list[Problem]) -> str:
    first = rest[0]
    more = Problem(
        first.file,
        first.line,
        "(file)",
        f"{len(rest):,} more problems from this line on, not shown",
        "fix the ones above and check again",
    )
    return str(more)


@dataclass
class ProblemLog:
    """Collects problems for one file; `raise_if_any` ends loading when something was wrong."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def add(self, line: int, column: str, message: str, expected: str = "") -> None:
        self.problems.append(Problem(self.file, line, column, message, expected))

    def raise_if_any(self) -> None:
        if self.problems:
            raise DataError(self.problems)


def read_utf8(path: Path, log: ProblemLog, expected: str) -> str | None:
    """The file's text (a UTF-8 byte-order mark is dropped), or None with a problem logged.

    Files saved in another encoding are named when they can be recognised (UTF-16,
    Windows-1252, an Excel workbook), since the fix is to save them again as UTF-8.
    """
    raw = _read_bytes(path, log)
    if raw is None:
        return None
    if raw.startswith(b"PK\x03\x04"):
        log.add(
            1,
            "(file)",
            "a zip archive such as an Excel .xlsx workbook, not text",
            "save the file as UTF-8 text",
        )
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        log.add(
            1,
            "(file)",
            'UTF-16 text, as Excel\'s "Unicode Text" saves it',
            'save the file as UTF-8; in Excel, as "CSV UTF-8"',
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        _not_utf8(raw, err.start, log)
        return None
    if not text.strip():
        log.add(1, "(file)", "the file is empty", expected)
        return None
    return text


def _read_bytes(path: Path, log: ProblemLog) -> bytes | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            log.add(
                1,
                "(file)",
                f"{size / 1e6:,.1f} MB, too large to check",
                f"at most {MAX_FILE_BYTES / 1e6:,.0f} MB",
            )
            return None
        return path.read_bytes()
    except OSError as err:
        log.add(1, "(file)", f"cannot be read: {err.strerror}", "a readable file")
        return None


def _not_utf8(raw: bytes, start: int, log: ProblemLog) -> None:
    line = raw[:start].count(b"\n") + 1
    byte = raw[start]
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        log.add(line, "(file)", f"not UTF-8 text (byte 0x{byte:02x})", "save the file as UTF-8")
        return
    # Every byte means something in Windows-1252: most likely Excel's plain "CSV".
    char = bytes([byte]).decode("cp1252")
    log.add(
        line,
        "(file)",
        f"not UTF-8 text: byte 0x{byte:02x} looks like {char!r} in Windows-1252, "
        'the encoding of Excel\'s plain "CSV"',
        'save the file as UTF-8; in Excel, as "CSV UTF-8"',
    )
