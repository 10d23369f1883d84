"""Ruff's lint and format rules (configured in pyproject.toml) hold for the whole tree."""

import subprocess
import sys

import pytest

pytestmark = pytest.mark.processes


def test_ruff_lint_passes():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_ruff_format_is_applied():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
