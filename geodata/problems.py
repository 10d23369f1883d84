"""Problems found in a data file, reported all at once as `FILE:LINE: column: what (expected)`.

Loaders collect every problem in a file before giving up, so that a historian fixing a
spreadsheet sees the whole list in one run instead of one error per attempt.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
    """Raised with every problem found; str() gives one line per problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


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


def read_utf8(path, log: ProblemLog, expected: str) -> str | None:
    """The file's text (a UTF-8 byte-order mark is dropped), or None with a problem logged."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        log.add(1, "(file)", f"cannot be read: {err.strerror}", "a readable file")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        log.add(
            line,
            "(file)",
            f"not UTF-8 text (byte 0x{raw[err.start]:02x})",
            "save the file as UTF-8",
        )
        return None
    if not text.strip():
        log.add(1, "(file)", "the file is empty", expected)
        return None
    return text
