"""The command line: summaries, every error at once, exit codes, no tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest

import run
from tests.cli import run_cli

pytestmark = pytest.mark.processes


def run_as_a_process(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "run.py", *args], capture_output=True, text=True, timeout=120
    )


def test_check_as_a_process_loads_neither_dash_nor_plotly():
    # What a user runs: a process of its own. Checking the data needs no server.
    script = (
        "import sys, run; code = run.main(['check']); "
        "print(sorted(m for m in ('dash', 'flask', 'plotly', 'kaleido') if m in sys.modules)); "
        "sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"
    assert result.stderr == ""


def test_check_prints_a_summary_line_per_file():
    result = run_cli("check")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("geodata/basemap.geojson: 5 land areas")
    assert lines[1].startswith("geodata/mdl_1953.geojson: Military Demarcation Line")
    assert lines[2].startswith("geodata/places.geojson: ")
    assert lines[3].startswith("geodata/frontlines.geojson: ")
    assert lines[4].startswith("geodata/towns.csv: ")
    assert lines[5].startswith("geodata/control_facts.csv: ")
    assert lines[6] == "geodata/neutral_zones.csv: 5 neutral zones of the talks"
    assert lines[7].startswith("events/events.csv: ")
    assert "1945-08-" in lines[7] and "1954-06-15" in lines[7]
    assert result.stderr == ""


def test_check_merges_a_user_file():
    result = run_cli("check", "--events", "tests/fixtures/user_events.csv")
    assert result.returncode == 0, result.stderr
    assert "tests/fixtures/user_events.csv: 1 events, 1951-06-30 to 1951-06-30" in result.stdout


def test_check_reports_every_problem_and_exits_1_without_a_traceback():
    result = run_cli(
        "check",
        "--events",
        "tests/fixtures/bad/many_problems.csv",
        "--events",
        "tests/fixtures/bad/unknown_place.csv",
    )
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 8
    assert all(line.startswith("tests/fixtures/bad/") for line in lines)
    assert "Traceback" not in result.stderr


def test_a_missing_events_file_is_one_clear_line():
    result = run_cli("check", "--events", "no/such/file.csv")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "no/such/file.csv:1: (file): cannot be read: No such file or directory (a readable file)"
    )


@pytest.mark.parametrize("command", [[], ["serve"], ["check"]])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as done:
        run.main([*command, "--help"])
    assert done.value.code == 0
    assert "usage: run.py" in capsys.readouterr().out


def test_a_citation_of_an_unknown_work_is_one_line_each():
    result = run_cli("check", "--events", "tests/fixtures/bad_citations/unknown_works.csv")
    assert result.returncode == 1
    path = "tests/fixtures/bad_citations/unknown_works.csv"
    expected = "(WORK_ID: LOCATOR with an id from events/bibliography.yaml)"
    assert result.stderr.splitlines() == [
        f"{path}:2: sources: unknown work 'hermes_1996' {expected}",
        f"{path}:3: sources: unknown work 'Hermes, Truce Tent and Fighting Front, ch. II' "
        f"{expected}",
        # A note's prose may cite a work, "(work: locator)": it must exist too.
        f"{path}:4: note: unknown work 'frus_1951_v99' {expected}",
    ]
