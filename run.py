"""Korea 1945–1954 map: the command line.

python run.py [--host H] [--port P] [--threads N] [--events FILE ...] [--tour FILE ...]
              [--debug]                                  serve the dashboard (waitress)
              [--frame-ancestors SOURCES]                          (pages that may frame it)
python run.py check [--events FILE ...] [--tour FILE ...]           validate all data
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.export import command as export_command
from dashboard.export.formats import ExportError
from dashboard.web.framing import FRAME_ANCESTORS_ENV, chosen_frame_ancestors
from events.dataset import load_dataset, summary_lines
from geodata.problems import DataError


def _add_serve_options(parser: argparse.ArgumentParser, default=None) -> None:
    """Serving options, on the top level and on `serve` (where SUPPRESS keeps the top's)."""
    parser.add_argument(
        "--host",
        default=default or "127.0.0.1",
        help="address to bind (default 127.0.0.1: this machine only)",
    )
    parser.add_argument("--port", type=int, default=default or 8050, help="port (default 8050)")
    parser.add_argument(
        "--threads",
        type=int,
        default=default or None,
        help="waitress threads (default: 4 a core, at least 4, at most 32)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=default or False,
        help="Dash debug mode (reloader, dev tools); never on a shared network",
    )
    parser.add_argument(
        "--frame-ancestors",
        default=default or None,
        metavar="SOURCES",
        help="pages allowed to show the map in a frame, e.g. "
        "\"'self' https://courses.example.edu\" "
        f"(default 'self', or ${FRAME_ANCESTORS_ENV})",
    )


# The user's own files, merged with the shipped ones (each option repeatable).
USER_FILES = {
    "--events": "an extra events CSV merged with events/events.csv (repeatable)",
    "--tour": "an extra tour (YAML, like events/tours/*.yaml); when serving, the address "
    "that opens the first one is printed (repeatable)",
}


def _add_events_option(parser: argparse.ArgumentParser, default=None) -> None:
    for option, help_text in USER_FILES.items():
        parser.add_argument(
            option,
            type=Path,
            action="append",
            default=default or [],
            metavar="FILE",
            help=help_text,
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="run.py",
        description="Korea 1945–1954: the division and the armistice on a map. "
        "Without a command, serves the dashboard.",
    )
    _add_serve_options(parser)
    _add_events_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    serve = commands.add_parser("serve", help="serve the dashboard (the default)")
    _add_serve_options(serve, default=argparse.SUPPRESS)
    _add_events_option(serve, default=argparse.SUPPRESS)
    check = commands.add_parser(
        "check", help="validate geodata and events; one summary line per file, or every error"
    )
    _add_events_option(check, default=argparse.SUPPRESS)
    export = commands.add_parser(
        "export", help="write the map at a date as PNG, SVG, PDF, HTML (or a series, a GIF)"
    )
    export_command.add_arguments(export)
    _add_events_option(export, default=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        data = load_dataset(args.events, extra_tours=args.tour)
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    if args.command == "check":
        print("\n".join(summary_lines(data)))
        return 0
    if args.command == "export":
        try:
            written = export_command.run(data, args)
        except ExportError as err:
            print(f"run.py export: {err}", file=sys.stderr)
            return 1
        print("\n".join(str(path) for path in written))
        return 0
    try:
        ancestors = chosen_frame_ancestors(args.frame_ancestors)
    except ValueError as err:
        print(f"run.py: {err}", file=sys.stderr)
        return 1
    from dashboard.web.app import serve  # only the server needs Dash

    if args.tour:  # the lecturer's own tour: say where it opens
        print(
            f"Tour: http://{args.host}:{args.port}/?tour={Path(args.tour[0]).stem}&stop=1&present=1"
        )
    return serve(data, args.host, args.port, args.debug, ancestors, args.threads)


if __name__ == "__main__":
    sys.exit(main())
