"""Exports through Debian's Chromium (kaleido): vector SVG/PDF, PNG size and dpi, captions,
clean failures, the self-contained HTML page."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from PIL import Image

from dashboard.export.chromium import chromium_executable
from dashboard.export.queue import BLANK, descendants
from dashboard.export.snapshot import (
    ExportError,
    Renderer,
    Snapshot,
    export_snapshot,
    figure_for,
    parse_day,
    parse_hatch,
    parse_layers,
    pixel_width,
    series_days,
)
from tests.cli import Ran, run_cli
from tests.processes import is_chromium

needs_chromium = pytest.mark.skipif(
    chromium_executable() is None, reason="Debian's chromium is not installed"
)

pytestmark = pytest.mark.processes


@pytest.fixture(scope="module")
def renderer():
    if chromium_executable() is None:
        pytest.skip("Debian's chromium is not installed")
    chosen = os.environ.get("BROWSER_PATH")
    with Renderer() as warm:
        # The browser is handed to kaleido, not left in the environment for all to see.
        assert os.environ.get("BROWSER_PATH") == chosen
        yield warm


def _browsers_below(pid: int) -> set[int]:
    return {child for child in descendants(pid) if is_chromium(child)}


@pytest.mark.skipif(not Path("/proc/self/exe").exists(), reason="Linux: /proc")
def test_a_renderer_opened_inside_another_leaves_it_its_browser(renderer):
    """One export made while a batch runs: after it, the batch goes on in the same
    Chromium, the one we chose, not one kaleido would start for each figure."""
    renderer.render(BLANK, "png", 72, 10)
    ours = _browsers_below(os.getpid())
    assert ours
    with Renderer() as inner:
        inner.render(BLANK, "png", 72, 10)
    renderer.render(BLANK, "png", 72, 10)
    assert _browsers_below(os.getpid()) == ours


@pytest.fixture(scope="module")
def exported(dataset, renderer, tmp_path_factory):
    """The signing day as SVG, PDF and PNG (one warm browser)."""
    folder = tmp_path_factory.mktemp("export")
    snap = Snapshot(dt.date(1953, 7, 27), width_mm=170, dpi=300)
    for fmt in ("svg", "pdf", "png"):
        export_snapshot(dataset, snap, fmt, folder / f"armistice.{fmt}", renderer)
    return folder


def test_svg_is_vector_with_text_as_text(exported):
    svg = (exported / "armistice.svg").read_text(encoding="utf-8")
    assert "<image" not in svg
    assert ">Panmunjom<" in svg.replace("\u00a0", "")
    assert "Korea, 1945–1954" in svg and "100 km" in svg


def xobjects(resources):
    for ref in resources.get("/XObject", {}).values():
        xobject = ref.get_object()
        yield xobject
        if "/Resources" in xobject:
            yield from xobjects(xobject["/Resources"])


def test_pdf_is_vector_with_text_and_embedded_fonts(exported):
    from pypdf import PdfReader

    (page,) = PdfReader(exported / "armistice.pdf").pages
    text = page.extract_text()
    assert "Military Demarcation Line (27 July 1953)" in text
    # Each name once: a halo drawn as a text shadow would write it twice.
    assert text.count("Pusan") == text.count("Taegu") == text.count("Wonsan") == 1, text
    assert all(x.get("/Subtype") != "/Image" for x in xobjects(page["/Resources"]))
    for ref in page["/Resources"]["/Font"].values():
        font = ref.get_object()
        (descendant,) = font["/DescendantFonts"]
        descriptor = descendant.get_object()["/FontDescriptor"].get_object()
        assert any(key.startswith("/FontFile") for key in descriptor)


def pdf_font_kinds(path: Path) -> dict[str, str]:
    """Every font of the PDF, on its pages and in their forms: name -> subtype."""
    from pypdf import PdfReader

    kinds = {}
    for page in PdfReader(path).pages:
        for resources in [
            page["/Resources"],
            *(x["/Resources"] for x in xobjects(page["/Resources"]) if "/Resources" in x),
        ]:
            for ref in resources.get("/Font", {}).values():
                font = ref.get_object()
                kinds[str(font.get("/BaseFont", "[none]"))] = str(font["/Subtype"])
    return kinds


def test_a_pdf_in_both_languages_has_no_type_3_font(dataset, renderer, tmp_path):
    """Journals' preflight rejects Type 3 fonts: Hangul comes from Nanum Gothic (TrueType),
    embedded as a CID font like the Latin text."""
    snap = Snapshot(dt.date(1953, 7, 27), lang="both")
    export_snapshot(dataset, snap, "pdf", tmp_path / "both.pdf", renderer)
    kinds = pdf_font_kinds(tmp_path / "both.pdf")
    assert "/Type3" not in kinds.values(), kinds
    assert any("NanumGothic" in name for name in kinds), kinds


def test_png_has_its_dpi_and_exact_width(exported):
    image = Image.open(exported / "armistice.png")
    assert image.size[0] == pixel_width(170, 300) == round(170 / 25.4 * 300)
    assert tuple(round(v) for v in image.info["dpi"]) == (300, 300)


def test_the_caption_and_its_works_lie_beside_the_map(exported, dataset):
    import json

    from pybtex.database import parse_string

    caption = (exported / "armistice.txt").read_text(encoding="utf-8")
    assert "Korea on 27 July 1953." in caption
    assert "(FRUS 1952–1954, vol. XV, pt. 2, doc. 723" in caption
    items = json.loads((exported / "armistice.json").read_text(encoding="utf-8"))
    assert "armistice_agreement_1953" in {item["id"] for item in items}
    bib = parse_string((exported / "armistice.bib").read_text(encoding="utf-8"), "bibtex")
    assert set(bib.entries) == {item["id"] for item in items}


def test_vector_exports_have_the_width_asked_for(dataset, renderer, tmp_path):
    import re

    snap = Snapshot(dt.date(1950, 9, 15), width_mm=85)
    export_snapshot(dataset, snap, "svg", tmp_path / "narrow.svg", renderer)
    svg = (tmp_path / "narrow.svg").read_text(encoding="utf-8")
    width = float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1))
    assert width == pytest.approx(85 / 25.4 * 96, abs=1)


def test_hangul_labels_render_in_the_export(dataset, renderer, tmp_path):
    snap = Snapshot(dt.date(1952, 6, 1), lang="ko", width_mm=120, dpi=100)
    export_snapshot(dataset, snap, "svg", tmp_path / "ko.svg", renderer)
    assert "판문점" in (tmp_path / "ko.svg").read_text(encoding="utf-8")


def test_a_png_matches_its_baseline(dataset, renderer, tmp_path):
    """Visual regression: the same map within a small tolerance of the committed image."""
    snap = Snapshot(dt.date(1951, 8, 1), width_mm=100, dpi=96)
    export_snapshot(dataset, snap, "png", tmp_path / "now.png", renderer)
    baseline = Path("tests/fixtures/baseline/1951-08-01_100mm_96dpi.png")
    now = np.asarray(Image.open(tmp_path / "now.png").convert("L"), dtype=int)
    then = np.asarray(Image.open(baseline).convert("L"), dtype=int)
    assert now.shape == then.shape
    assert (np.abs(now - then) > 40).mean() < 0.01


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: parse_day("1953-02-30"), "--date 1953-02-30: not a date (YYYY-MM-DD)"),
        (
            lambda: parse_day("1960-01-01"),
            "--date 1960-01-01: outside the map's time span (1945-08-10 to 1954-06-15)",
        ),
        (lambda: parse_layers("mdl,rivers"), "--layers: unknown layer rivers"),
        (lambda: parse_hatch("reds"), "--hatch reds: not a side (un or communist)"),
        (
            lambda: series_days(dt.date(1951, 1, 1), dt.date(1951, 2, 1), "fortnight"),
            "--step fortnight: not a step (for example 1d, 1w or 1m)",
        ),
    ],
)
def test_bad_requests_say_what_is_wrong(call, message):
    with pytest.raises(ExportError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call()


def test_series_steps_by_days_weeks_and_months():
    first, last = dt.date(1950, 6, 25), dt.date(1950, 9, 28)
    assert len(series_days(first, last, "1w")) == 14
    assert series_days(first, last, "1m") == [dt.date(1950, m, 25) for m in (6, 7, 8, 9)]


def run_export(*args: str) -> Ran:
    return run_cli("export", *args)


def test_an_unwritable_path_is_one_line_and_leaves_nothing(tmp_path):
    result = run_export(
        "--date", "1951-07-10", "--format", "png", "--out", str(tmp_path / "missing" / "fig.png")
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"run.py export: {tmp_path / 'missing'}: no such folder, or it cannot be written to"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_missing_chromium_is_one_line(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "BROWSER_PATH": "/nonexistent/chromium", "HOME": "/tmp"}
    result = subprocess.run(
        [
            sys.executable,
            "run.py",
            "export",
            "--date",
            "1951-07-10",
            "--format",
            "png",
            "--out",
            str(tmp_path / "fig.png"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == (
        "run.py export: no Chromium found: install Debian's chromium "
        "(apt-get install chromium) or set BROWSER_PATH"
    )
    assert list(tmp_path.iterdir()) == []


@needs_chromium
def test_the_command_line_writes_the_map_its_caption_and_sources(tmp_path):
    result = run_export(
        "--date",
        "1951-07-10",
        "--format",
        "svg",
        "--out",
        str(tmp_path / "f.svg"),
        "--layers",
        "mdl,venues,events",
        "--title",
        "Talks open at Kaesong",
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.bib", "f.json", "f.svg", "f.txt"]
    assert "Talks open at Kaesong" in (tmp_path / "f.svg").read_text(encoding="utf-8")


@needs_chromium
def test_a_series_and_a_gif_from_the_command_line(tmp_path):
    frames = tmp_path / "frames"
    frames.mkdir()
    common = [
        "--from",
        "1950-06-25",
        "--to",
        "1950-07-09",
        "--step",
        "1w",
        "--width-mm",
        "40",
        "--dpi",
        "50",
    ]
    result = run_export(*common, "--format", "png", "--out", str(frames))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in frames.glob("*.png")) == [
        "1950-06-25_map.png",
        "1950-07-02_map.png",
        "1950-07-09_map.png",
    ]
    result = run_export(*common, "--format", "gif", "--out", str(tmp_path / "war.gif"))
    assert result.returncode == 0, result.stderr
    gif = Image.open(tmp_path / "war.gif")
    assert gif.n_frames == 3


def test_the_printed_fills_stay_apart_in_greyscale(dataset, renderer, tmp_path):
    from tests.cielab import rendered_fill
    from tests.test_dashboard_colours import LOOKS, assert_apart_in_greyscale

    snap = Snapshot(dt.date(1951, 8, 1), frozenset({"control", "frontline"}), dpi=96)
    export_snapshot(dataset, snap, "png", tmp_path / "map.png", renderer)
    printed = Image.open(tmp_path / "map.png")
    fills = {name: rendered_fill(printed, colour) for name, colour in LOOKS["screen"].items()}
    assert_apart_in_greyscale(fills)


def test_the_printed_map_fills_its_frame_to_the_edges(dataset, renderer, tmp_path):
    """No strip of paper inside the frame: the print window (dashboard/figure/projection.py)
    has the frame's proportions, and the land reaches every edge."""
    snap = Snapshot(dt.date(1951, 8, 1), frozenset({"control"}), dpi=96)
    export_snapshot(dataset, snap, "png", tmp_path / "map.png", renderer)
    page = np.asarray(Image.open(tmp_path / "map.png").convert("RGB"))
    layout = figure_for(dataset, snap)["layout"]
    width, height, m = layout["width"], layout["height"], layout["margin"]
    assert page.shape[:2] == (height, width)
    inside = page[m["t"] + 2 : height - m["b"] - 2, m["l"] + 2 : width - m["r"] - 2]
    paper = (inside >= 250).all(axis=2)
    assert paper.mean() < 0.002, paper.mean()


def test_no_title_when_asked_and_a_page_as_tall_as_its_content(tmp_path):
    """--title "" prints none (the date stays); fewer layers, fewer legend rows, a
    shorter page; the legend is a grid of two equal columns."""
    full, bare = tmp_path / "full.svg", tmp_path / "bare.svg"
    common = ["--date", "1951-08-01", "--format", "svg"]
    assert run_export(*common, "--out", str(full)).returncode == 0
    bare_run = run_export(*common, "--title", "", "--layers", "control", "--out", str(bare))
    assert bare_run.returncode == 0
    full_svg, bare_svg = full.read_text(encoding="utf-8"), bare.read_text(encoding="utf-8")
    assert "Korea, 1945–1954" in full_svg and "Korea, 1945–1954" not in bare_svg
    assert "1 August 1951" in bare_svg

    def height(svg: str) -> float:
        return float(svg.split('height="', 1)[1].split('"', 1)[0])

    assert height(bare_svg) < height(full_svg) - 60


def test_a_hatched_side_is_hatched_on_its_own_land_only(dataset):
    from dashboard.model.front import history_of

    snap = Snapshot(dt.date(1951, 8, 1), hatch=parse_hatch("communist"))
    (hatching,) = [t for t in figure_for(dataset, snap)["data"] if t["name"].startswith("Hatched")]
    points = shapely.points(
        [(x, y) for x, y in zip(hatching["lon"], hatching["lat"], strict=True) if x is not None]
    )
    communist = history_of(dataset).on(snap.day).held[1]
    assert len(points) > 200
    assert all(communist.buffer(2e-4).contains(points))  # coordinates written to 1e-4°
    assert not [
        t for t in figure_for(dataset, Snapshot(snap.day))["data"] if "Hatched" in t["name"]
    ]


@pytest.mark.parametrize(
    ("lang", "written"),
    [("en", "1 August 1951"), ("ko", "1951년 8월 1일"), ("both", "1 August 1951 · 1951년 8월 1일")],
)
def test_the_printed_date_is_in_the_maps_language(dataset, lang, written):
    snap = Snapshot(dt.date(1951, 8, 1), frozenset({"cities"}), lang=lang)
    texts = [a.get("text") for a in figure_for(dataset, snap)["layout"]["annotations"]]
    assert written in texts


@pytest.mark.parametrize(
    ("lang", "title", "note", "credit"),
    [
        ("en", "Korea, 1945–1954", "scale at 38°N", "Natural Earth (public domain)"),
        ("ko", "한국, 1945–1954", "북위 38°(지도 중심)", "Natural Earth(퍼블릭 도메인)"),
        ("both", "Korea, 1945–1954", "scale at 38°N", "Natural Earth (public domain)"),
    ],
)
def test_the_words_round_the_printed_map_are_in_its_language(dataset, lang, title, note, credit):
    figure = figure_for(dataset, Snapshot(dt.date(1951, 8, 1), lang=lang))
    texts = " ".join(a.get("text", "") for a in figure["layout"]["annotations"])
    texts += " ".join(str(t.get("text")) for t in figure["data"] if t.get("mode") == "text")
    assert title in texts and note in texts and credit in texts
    # The caption beside it is written in English, whatever the map's language.
    assert Snapshot(dt.date(1951, 8, 1), lang=lang).heading("en").startswith("Korea, 1945")


def test_a_title_asked_for_is_printed_as_asked_in_any_language(dataset):
    snap = Snapshot(dt.date(1951, 8, 1), lang="ko", title="Figure 3")
    texts = [a.get("text", "") for a in figure_for(dataset, snap)["layout"]["annotations"]]
    assert "<b>Figure 3</b>" in texts and not any("한국, 1945" in t for t in texts)
