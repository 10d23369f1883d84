"""`run.py export`: one map, a series (per event or every N days), a GIF, or an HTML page.

Checks every option before anything is rendered, so a mistake costs no time and leaves
no file behind.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dashboard.export.formats import FORMATS, IMAGE_FORMATS, ExportError
from dashboard.model.map_options import DEFAULT_DAY
from events.dataset import Dataset

CLI_FORMATS = (*FORMATS, "gif")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", help="the day to map, YYYY-MM-DD")
    parser.add_argument(
        "--format",
        required=True,
        choices=CLI_FORMATS,
        help="png, svg, pdf, html (self-contained page), gif (animation), "
        "geojson or gpkg (the map's features for a GIS)",
    )
    parser.add_argument(
        "--out", type=Path, help="the file to write (a folder for --from/--to series)"
    )
    parser.add_argument("--layers", help="comma-separated layer ids (default: all)")
    parser.add_argument("--lang", default="en", help="en, ko or both (default en)")
    parser.add_argument(
        "--width-mm",
        type=float,
        default=170.0,
        help="figure width in millimetres (default 170, a journal page)",
    )
    parser.add_argument("--dpi", type=int, default=300, help="PNG resolution (default 300)")
    parser.add_argument(
        "--title",
        default=None,
        help='title printed above the map (--title "" for none, as journals set their own)',
    )
    parser.add_argument(
        "--hatch",
        default=None,
        help="un or communist: hatch that side's land, for a journal printed in one ink",
    )
    parser.add_argument(
        "--every-event", type=Path, metavar="DIR", help="write one map per event into DIR"
    )
    parser.add_argument("--from", dest="first", help="series or animation: first day")
    parser.add_argument("--to", dest="last", help="series or animation: last day")
    parser.add_argument("--step", default="1w", help="series step: Nd, Nw or Nm (default 1w)")


def run(data: Dataset, args: argparse.Namespace) -> list[Path]:
    """Do what the options ask; returns the files written. Raises ExportError."""
    # The renderer and the figures load only for an export, not for `run.py check`.
    from dashboard.export.snapshot import (
        Snapshot,
        check_options,
        event_days,
        export_animation,
        export_series,
        export_snapshot,
        parse_day,
        parse_hatch,
        parse_layers,
        series_days,
    )

    check_options(args.lang, args.width_mm, args.dpi)
    layers = parse_layers(args.layers)
    base = Snapshot(
        parse_day(args.date) if args.date else DEFAULT_DAY,
        layers,
        args.lang,
        args.width_mm,
        args.dpi,
        args.title,
        parse_hatch(args.hatch),
    )
    if args.every_event:
        return export_series(data, base, args.format, args.every_event, event_days(data))
    if args.first or args.last:
        if not (args.first and args.last and args.out):
            raise ExportError("--from, --to and --out go together")
        days = series_days(parse_day(args.first), parse_day(args.last), args.step)
        if args.format == "gif":
            return export_animation(data, base, args.out, days)
        if args.format not in IMAGE_FORMATS:
            raise ExportError(f"--format {args.format}: a series is written as png, svg or pdf")
        return export_series(data, base, args.format, args.out, [(day, "map") for day in days])
    if not args.date or not args.out:
        raise ExportError("--date and --out are needed (or --every-event DIR, or --from/--to)")
    if args.format == "gif":
        raise ExportError("--format gif needs --from, --to and --step")
    return export_snapshot(data, base, args.format, args.out)
