"""Export maps to files: PNG, SVG, PDF through Debian's Chromium (kaleido), and a
self-contained HTML page. Every map gets a caption (.txt) and the works it cites (.json,
CSL-JSON; .bib, BibTeX).

Files appear whole or not at all: everything is rendered in memory first, then each file
is written beside its target and renamed into place.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import struct
import threading
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.export.captions import caption_files, caption_text
from dashboard.export.chromium import chromium_executable
from dashboard.export.formats import FORMATS, GIS_FORMATS, IMAGE_FORMATS, ExportError
from dashboard.export.print_layout import REFERENCE_WIDTH_MM, for_print
from dashboard.figure.hatching import SIDES, hatch_trace
from dashboard.figure.map_figure import build_figure
from dashboard.model.map_options import DEFAULT_LAYERS, LANGUAGES, MAP_LAYERS, MapOptions
from dashboard.model.state import TIMELINE_END, TIMELINE_START, state_at
from dashboard.model.words import PRINTED, word
from events.dataset import Dataset
from events.dates import written_day


@dataclass(frozen=True)
class Snapshot:
    day: dt.date
    layers: frozenset[str] = field(default_factory=lambda: DEFAULT_LAYERS)
    lang: str = "en"
    width_mm: float = 170.0
    dpi: int = 300
    title: str | None = None  # None: the map's own, in its language ("" prints none)
    hatch: str | None = None  # "UN" or "communist": that side's land hatched in print

    def heading(self, lang: str | None = None) -> str:
        """The title over the map: as given, else the map's own in `lang` (by default the
        map's language; the caption, written in English, asks for English)."""
        if self.title is not None:
            return self.title
        return word("title", lang or self.lang, PRINTED)

    @property
    def options(self) -> MapOptions:
        return MapOptions(layers=self.layers, lang=self.lang, detail=0.0)


def parse_day(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ExportError(f"--date {text}: not a date (YYYY-MM-DD)") from None
    if not TIMELINE_START <= day <= TIMELINE_END:
        raise ExportError(
            f"--date {text}: outside the map's time span "
            f"({TIMELINE_START.isoformat()} to {TIMELINE_END.isoformat()})"
        )
    return day


def parse_layers(text: str | None) -> frozenset[str]:
    if text is None:
        return DEFAULT_LAYERS
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in MAP_LAYERS]
    if unknown:
        raise ExportError(
            f"--layers: unknown layer {', '.join(unknown)} (one or more of {','.join(MAP_LAYERS)})"
        )
    return frozenset(names)


def parse_hatch(text: str | None) -> str | None:
    """--hatch un|communist: the side whose land is hatched."""
    if text is None:
        return None
    sides = {side.lower(): side for side in SIDES}
    if text.lower() not in sides:
        raise ExportError(f"--hatch {text}: not a side (un or communist)")
    return sides[text.lower()]


def check_options(lang: str, width_mm: float, dpi: int) -> None:
    if lang not in LANGUAGES:
        raise ExportError(f"--lang {lang}: unknown language (en, ko or both)")
    if not 20 <= width_mm <= 1000:
        raise ExportError(f"--width-mm {width_mm:g}: out of range (20 to 1000)")
    if not 50 <= dpi <= 1200:
        raise ExportError(f"--dpi {dpi}: out of range (50 to 1200)")


def check_writable(folder: Path) -> None:
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise ExportError(f"{folder}: no such folder, or it cannot be written to")


def figure_for(data: Dataset, snap: Snapshot) -> dict:
    """The dashboard's map for that day and those layers, dressed for print."""
    state = state_at(data, snap.day)
    figure = build_figure(data, state, snap.options)
    hatching = hatch_trace(data, snap.day, snap.hatch) if snap.hatch else None
    if hatching and "control" in snap.layers:
        # Over the held areas and their pockets, under every line, mark and label.
        last_area = max(
            i for i, t in enumerate(figure["data"]) if t["meta"].get("layer") == "control"
        )
        figure["data"].insert(last_area + 1, hatching)
    return for_print(figure, snap.heading(), written_day(snap.day, snap.lang), snap.lang)


class Renderer:
    """Renders figures with one Chromium kept running for the whole batch. timeout: the
    longest one figure may take before kaleido gives it up (seconds).

    kaleido runs one browser per process. Renderers opened inside one another (a single
    export made while a batch runs) share it, and the last one closed stops it: were the
    inner one to stop it, kaleido would go on with a browser of its own choosing, started
    and stopped again for every figure."""

    _open = 0  # Renderers open in this process
    _lock = threading.Lock()

    def __init__(self, timeout: float = 90):
        self.timeout = timeout

    def __enter__(self) -> Renderer:
        browser = chromium_executable()
        if browser is None:
            raise ExportError(
                "no Chromium found: install Debian's chromium "
                "(apt-get install chromium) or set BROWSER_PATH"
            )
        import kaleido

        self._kaleido = kaleido
        with Renderer._lock:
            if Renderer._open == 0:
                # mathjax=False: otherwise the export page asks a CDN for MathJax. The
                # browser is handed to kaleido, not set in the process's environment.
                kaleido.start_sync_server(
                    mathjax=False, timeout=self.timeout, path=browser, silence_warnings=True
                )
            Renderer._open += 1
        return self

    def __exit__(self, *exc) -> None:
        with Renderer._lock:
            Renderer._open -= 1
            if Renderer._open == 0:
                self._kaleido.stop_sync_server(silence_warnings=True)

    def render(self, figure: dict, fmt: str, dpi: int, width_mm: float) -> bytes:
        width, height = figure["layout"]["width"], figure["layout"]["height"]
        # PNG: exactly width_mm / 25.4 * dpi pixels wide (+0.1: Chromium floors the scaled
        # width, and 2008 / 643 * 643 is 2007.99...). SVG and PDF: width_mm on paper.
        if fmt == "png":
            scale = (pixel_width(width_mm, dpi) + 0.1) / width
        else:
            scale = width_mm / REFERENCE_WIDTH_MM
        try:
            image = self._kaleido.calc_fig_sync(
                figure, opts={"format": fmt, "width": width, "height": height, "scale": scale}
            )
        except Exception as err:  # kaleido wraps browser failures in many types
            raise ExportError(f"rendering the {fmt.upper()} failed: {err}") from err
        return with_dpi(image, dpi) if fmt == "png" else image


def with_dpi(png: bytes, dpi: int) -> bytes:
    """Record the resolution in the PNG, which Chromium leaves out: a pHYs chunk (pixels
    per metre) inserted after the header, without decoding the image."""
    per_metre = round(dpi / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", per_metre, per_metre, 1)
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body))
    header_end = 8 + 4 + 4 + 13 + 4  # signature, IHDR length, type, data, CRC
    without = _drop_chunk(png, b"pHYs")
    return without[:header_end] + chunk + without[header_end:]


def _drop_chunk(png: bytes, kind: bytes) -> bytes:
    out, at = bytearray(png[:8]), 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        end = at + 12 + length
        if png[at + 4 : at + 8] != kind:
            out += png[at:end]
        at = end
    return bytes(out)


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write each file beside its target, then rename: no half-written file is ever seen."""
    temporary = {}
    try:
        for path, content in files.items():
            partial = path.with_name(f".{path.name}.partial")
            partial.write_bytes(content)
            temporary[path] = partial
        for path, partial in temporary.items():
            os.replace(partial, path)
    finally:
        for partial in temporary.values():
            partial.unlink(missing_ok=True)


def caption_only(data: Dataset, snap: Snapshot) -> bytes:
    text = caption_text(data, state_at(data, snap.day), snap.options, snap.heading("en"))
    return text.encode("utf-8")


def companion_files(data: Dataset, snap: Snapshot, out: Path) -> dict[Path, bytes]:
    """The caption (.txt) and the works it cites as CSL-JSON (.json) and BibTeX (.bib)."""
    files = caption_files(data, state_at(data, snap.day), snap.options, snap.heading("en"))
    return {out.with_suffix(suffix): text.encode("utf-8") for suffix, text in files.items()}


def snapshot_bytes(
    data: Dataset, snap: Snapshot, fmt: str, renderer: Renderer | None = None
) -> bytes:
    """The file's content, made in memory (the dashboard's download sends it as it is)."""
    if fmt == "html":
        from dashboard.export.standalone import standalone_html

        return standalone_html(data, snap).encode("utf-8")
    if fmt in GIS_FORMATS:
        from dashboard.export.gis import gis_bytes

        return gis_bytes(data, snap.day, snap.layers, fmt)
    if renderer is not None:
        return renderer.render(figure_for(data, snap), fmt, snap.dpi, snap.width_mm)
    with Renderer() as own:
        return own.render(figure_for(data, snap), fmt, snap.dpi, snap.width_mm)


def export_snapshot(
    data: Dataset, snap: Snapshot, fmt: str, out: Path, renderer: Renderer | None = None
) -> list[Path]:
    """One map (and its caption and sources) written to `out`; returns the files written."""
    if fmt not in FORMATS:
        raise ExportError(f"--format {fmt}: unknown format ({' | '.join(FORMATS)})")
    check_writable(out.parent)
    files = {out: snapshot_bytes(data, snap, fmt, renderer), **companion_files(data, snap, out)}
    write_atomically(files)
    return list(files)


STEP = re.compile(r"^(\d+)([dwm])$")


def series_days(first: dt.date, last: dt.date, step: str) -> list[dt.date]:
    """Days from first to last (both included) every N days (d), weeks (w) or months (m)."""
    match = STEP.match(step)
    if not match:
        raise ExportError(f"--step {step}: not a step (for example 1d, 1w or 1m)")
    if last < first:
        raise ExportError(f"--to {last.isoformat()} is before --from {first.isoformat()}")
    count, unit = int(match.group(1)), match.group(2)
    days, n = [], 0
    while True:
        if unit == "m":
            month = first.month - 1 + count * n
            year, month = first.year + month // 12, month % 12 + 1
            day = dt.date(year, month, min(first.day, 28))
        else:
            day = first + dt.timedelta(days=count * n * (7 if unit == "w" else 1))
        if day > last:
            return days
        days.append(day)
        n += 1


def event_days(data: Dataset) -> list[tuple[dt.date, str]]:
    """Each event's first day on the timeline, with the event's id: one map per event."""
    return [(max(d, TIMELINE_START), eid) for eid, d in data.events["first_day"].items()]


def export_series(
    data: Dataset,
    base: Snapshot,
    fmt: str,
    folder: Path,
    days: Iterable[tuple[dt.date, str]],
    progress: Callable[[Path], None] = lambda p: None,
) -> list[Path]:
    """A map per (day, name) into folder, with one Chromium for the whole batch."""
    if fmt not in IMAGE_FORMATS:
        raise ExportError(f"--format {fmt}: a series is written as png, svg or pdf")
    check_writable(folder)
    written = []
    with Renderer() as renderer:
        for day, name in days:
            snap = Snapshot(day, base.layers, base.lang, base.width_mm, base.dpi, base.title)
            out = folder / f"{day.isoformat()}_{name}.{fmt}"
            written += export_snapshot(data, snap, fmt, out, renderer)
            progress(out)
    return written


def export_animation(
    data: Dataset, base: Snapshot, out: Path, days: list[dt.date], seconds_per_frame: float = 0.5
) -> list[Path]:
    """An animated GIF of the days given (frames rendered as PNG in one browser)."""
    from PIL import Image

    check_writable(out.parent)
    frames = []
    with Renderer() as renderer:
        for day in days:
            snap = Snapshot(day, base.layers, base.lang, base.width_mm, base.dpi, base.title)
            png = renderer.render(figure_for(data, snap), "png", snap.dpi, snap.width_mm)
            frames.append(Image.open(io.BytesIO(png)).convert("RGB"))
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=int(seconds_per_frame * 1000),
        loop=0,
        optimize=True,
    )
    write_atomically({out: buffer.getvalue()})
    return [out]


def pixel_width(width_mm: float, dpi: int) -> int:
    """The PNG's width in pixels: width_mm / 25.4 * dpi."""
    return round(width_mm / 25.4 * dpi)
