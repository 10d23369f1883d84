"""Hostile and broken input files: huge, mis-encoded or formula-laden files get clear
FILE:LINE messages, exit 1 from `run.py check`, no traceback, within 10 seconds; valid
files with a byte-order mark or Windows line ends load as if they had neither.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from events.timeline import load_events
from geodata.csv_file import MAX_ROWS
from geodata.places import load_places
from geodata.problems import MAX_PROBLEMS_SHOWN, DataError
from tests.cli import Ran, run_cli
from tests.test_events_validation import EXPECTED as EVENTS_EXPECTED

FIXTURES = Path("tests/fixtures")
BAD = FIXTURES / "bad"
HEADER = "id,start,end,title,place,category,description,sources\n"
SOURCE = "Hermes, Truce Tent and Fighting Front, US Army CMH, 1966, ch. 2"
SECONDS = 10


def events_row(number: int, category: str = "negotiation", description: str = "Plenary.") -> str:
    return (
        f"talks_{number},1951-07-10,,Talks open at Kaesong,kaesong,{category},"
        f'{description},"{SOURCE}"\n'
    )


def write_events(path: Path, rows: int, **row) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        out.writelines(events_row(n, **row) for n in range(rows))
    return path


@pytest.fixture(scope="session")
def huge_files(tmp_path_factory) -> dict[str, Path]:
    """Made on the fly rather than committed: 100 000 rows, a 10 MB cell, one error a row."""
    folder = tmp_path_factory.mktemp("huge")
    return {
        "rows_100k.csv": write_events(folder / "rows_100k.csv", 100_000),
        "description_10mb.csv": write_events(
            folder / "description_10mb.csv", 1, description="x" * 10_000_000
        ),
        "error_every_row.csv": write_events(
            folder / "error_every_row.csv", MAX_ROWS, category="truce"
        ),
    }


HUGE_EXPECTED = {
    "rows_100k.csv": [
        "20002: (file): more than 20,000 rows "
        "(at most 20,000 events in one file; split it into several --events files)"
    ],
    "description_10mb.csv": [
        "2: description: 10,000,000 characters, too long (at most 20,000 characters in one cell)"
    ],
    "error_every_row.csv": [
        *(
            f"{line}: category: unknown category 'truce' "
            "(diplomacy | negotiation | military | political)"
            for line in range(2, 2 + MAX_PROBLEMS_SHOWN)
        ),
        f"{2 + MAX_PROBLEMS_SHOWN}: (file): 19,950 more problems from this line on, not shown "
        "(fix the ones above and check again)",
    ],
}


@pytest.mark.parametrize("name", sorted(HUGE_EXPECTED))
def test_huge_files_get_a_short_exact_report_fast(name, huge_files, fixture_places):
    path = huge_files[name]
    started = time.monotonic()
    with pytest.raises(DataError) as caught:
        load_events([path], fixture_places)
    assert time.monotonic() - started < SECONDS
    assert str(caught.value).splitlines() == [f"{path}:{m}" for m in HUGE_EXPECTED[name]]


def test_a_file_over_the_size_limit_is_not_read(tmp_path, fixture_places):
    path = tmp_path / "huge.csv"
    with path.open("wb") as out:
        out.truncate(60_000_000)  # sparse: nothing is written, and nothing should be read
    with pytest.raises(DataError) as caught:
        load_events([path], fixture_places)
    assert str(caught.value) == f"{path}:1: (file): 60.0 MB, too large to check (at most 50 MB)"


@pytest.mark.parametrize("name", ["events_valid_bom.csv", "events_valid_crlf.csv"])
def test_valid_events_with_a_bom_or_crlf_load_like_the_plain_file(name, fixture_places):
    plain = load_events([FIXTURES / "events_valid.csv"], fixture_places)
    variant = load_events([FIXTURES / name], fixture_places)
    assert list(variant["id"]) == list(plain["id"])
    assert list(variant["line"]) == list(plain["line"])
    assert list(variant["description"]) == list(plain["description"])


def test_valid_places_with_a_bom_and_crlf_load_like_the_plain_file():
    plain = load_places(FIXTURES / "places.geojson")
    variant = load_places(FIXTURES / "places_bom_crlf.geojson")
    assert list(variant["line"]) == list(plain["line"])
    assert list(variant["name_ko"]) == list(plain["name_ko"])


def run_check(*events: Path) -> tuple[Ran, float]:
    arguments = [a for path in events for a in ("--events", str(path))]
    started = time.monotonic()
    result = run_cli("check", *arguments)
    return result, time.monotonic() - started


CLI_SUBSET = [
    "bom_unknown_category.csv",
    "crlf_problems.csv",
    "windows_1252.csv",
    "utf16_excel.csv",
    "xlsx_renamed.csv",
    "formula_injection.csv",
    "semicolon_separated.csv",
    "long_description.csv",
    "february_30.csv",
]


@pytest.mark.parametrize("name", CLI_SUBSET)
def test_check_reports_a_broken_file_in_its_lines_and_exits_1(name):
    path = BAD / name
    result, seconds = run_check(path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [f"{path}:{m}" for m in EVENTS_EXPECTED[name]]
    assert seconds < SECONDS


@pytest.mark.parametrize("name", sorted(HUGE_EXPECTED))
def test_check_reports_a_huge_file_briefly_and_exits_1(name, huge_files):
    path = huge_files[name]
    result, seconds = run_check(path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [f"{path}:{m}" for m in HUGE_EXPECTED[name]]
    assert seconds < SECONDS
