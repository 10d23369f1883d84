"""Shared fixtures: the shipped data (loaded once) and the small real files in fixtures/."""

from __future__ import annotations

import copy
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


def pytest_collection_modifyitems(items) -> None:
    """Tests that start Chromium or processes of their own first, the many short ones
    last: the workers (pytest-xdist) then end together, sharing out the short tests,
    rather than one waiting for the other's server test to finish."""
    starts = ("browser", "processes")
    items.sort(key=lambda item: not any(item.get_closest_marker(m) for m in starts))


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


@pytest.fixture(scope="session")
def bundle_of(dataset):
    """The page's bundle for a set of map options (the default ones unless given), built
    once a session: a build takes seconds, and several test files read the same bundles.
    Each call hands out its own copy."""
    from dashboard.figure.browser_bundle import map_bundle
    from dashboard.model.map_options import MapOptions

    built: dict = {}

    def bundle(options: MapOptions | None = None) -> dict:
        options = options or MapOptions()
        if options not in built:
            built[options] = map_bundle(dataset, options)
        return copy.deepcopy(built[options])

    return bundle


@pytest.fixture
def client(dash_app):
    return dash_app.server.test_client()
