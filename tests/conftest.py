"""Shared fixtures: the shipped data (loaded once) and the small real files in fixtures/."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from events.dataset import Dataset, load_dataset
from geodata.places import load_places

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
# The page's data files (dashboard/web/data_files.py) of this process, apart from a user's
# own and from another test process's: the export queue is shared through this folder, so
# two pytest-xdist workers on one folder would take each other's jobs.
os.environ["KOREA_MAP_CACHE"] = tempfile.mkdtemp(prefix="korea-map-files-")


@pytest.fixture(autouse=True)
def _at_project_root(monkeypatch):
    """Messages name files as given; tests give them relative to the project root."""
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="session")
def fixture_places():
    return load_places(FIXTURES / "places.geojson")


@pytest.fixture(scope="session")
def dash_app(dataset):
    """The dashboard over the shipped data, for requests through Flask's test client."""
    from dashboard.web.app import create_app

    return create_app(dataset)


@pytest.fixture
def client(dash_app):
    return dash_app.server.test_client()
