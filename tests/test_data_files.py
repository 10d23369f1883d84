"""The page's data as files a browser keeps: named by content, built once, shared on disk,
served gzipped with year-long immutable caching, and the layout only names them."""

from __future__ import annotations

import gzip
import itertools
import json

import pytest

from dashboard.model.map_options import LANGUAGES, MAP_LAYERS, MapOptions
from dashboard.web import data_files
from dashboard.web.data_files import DataFiles, options_slug, slug_options
from dashboard.web.local_server import store_data


def test_every_set_of_layers_language_and_look_has_a_name_that_gives_it_back():
    for n in range(len(MAP_LAYERS) + 1):
        for layers in itertools.combinations(MAP_LAYERS, n):
            for lang, present in itertools.product(LANGUAGES, (False, True)):
                options = MapOptions(layers=frozenset(layers), lang=lang, present=present)
                assert slug_options(options_slug(options)) == options


@pytest.mark.parametrize(
    "slug", ["", "en", "en-screen", "xx-screen-mdl", "en-print-mdl", "en-screen-mdl+nope"]
)
def test_a_slug_that_names_no_options_is_refused(slug):
    assert slug_options(slug) is None


def _url_in(layout: bytes, store: str) -> str:
    return store_data(json.loads(layout), store)


def test_the_layout_names_the_files_and_stays_small(client):
    layout = client.get("/_dash-layout?date=1951-08-01&lang=ko").data
    assert len(gzip.compress(layout)) <= 60_000
    bundle = _url_in(layout, "bundle-url")
    assert bundle.startswith("/data/bundle.ko-screen-") and bundle.endswith(".json")
    assert _url_in(layout, "events-url").startswith("/data/events.")
    assert _url_in(layout, "tours-url").startswith("/data/tours.")
    assert b'"epochs"' not in layout  # the bundle itself is not in the layout


def test_a_file_is_served_gzipped_immutable_with_its_etag(client):
    url = _url_in(client.get("/_dash-layout").data, "bundle-url")
    response = client.get(url, headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    etag = response.headers["ETag"]
    assert etag.strip('"') in url  # the name carries the content's hash
    bundle = json.loads(gzip.decompress(response.data))
    assert {"static", "variants", "epochs", "front"} <= set(bundle)
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert json.loads(plain.data) == bundle


@pytest.mark.parametrize(
    "name",
    [
        "bundle.en-screen-mdl.000000000000.json",  # a hash of other content
        "bundle.en-screen-nope.0123456789ab.json",
        "events.en.0123456789ab.json",
        "secrets.0123456789ab.json",
        "events.json",
    ],
)
def test_a_name_that_is_not_a_file_of_this_dataset_is_a_404(client, name):
    assert client.get(f"/data/{name}").status_code == 404


def test_files_are_built_once_and_shared_through_the_disk(dataset, tmp_path, monkeypatch):
    first = DataFiles(dataset, tmp_path)
    options = MapOptions(layers=frozenset({"mdl", "cities"}), lang="both")
    made = first.file("bundle", options)

    def never(*args):
        raise AssertionError("built again")

    monkeypatch.setattr(data_files, "map_bundle", never)
    second = DataFiles(dataset, tmp_path)  # another worker on the same machine
    assert second.file("bundle", options) == made
    assert second.by_name(made.name) == made
    assert not list(second.directory.glob("*.tmp*"))  # nothing half-written left behind


def test_a_folder_that_cannot_be_written_leaves_the_files_in_memory(dataset, tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    files = DataFiles(dataset, blocked)
    assert files.file("tours").name.startswith("tours.")
