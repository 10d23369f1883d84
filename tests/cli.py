"""`run.py` in the test's own process: its exit code and what it printed, without paying
a fresh interpreter's imports for every call. A few tests still run it as a process of
its own (tests/test_cli.py), as a user does."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass

import run


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str) -> Ran:
    """run.main(args), with what it printed; argparse's own errors exit as they would."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = run.main(list(args))
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
    return Ran(code, out.getvalue(), err.getvalue())
