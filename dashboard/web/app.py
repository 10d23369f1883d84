"""The Dash application: create_app(data) for tests and servers, serve() for run.py.

`server` (for gunicorn: `gunicorn dashboard.web.app:server`) is built on first use from the
shipped data, so importing this module loads nothing.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import flask
from dash import Dash, html, set_props

from dashboard.model.front_store import default_directory
from dashboard.model.map_options import MapOptions, likely_views
from dashboard.web.callbacks import register_callbacks
from dashboard.web.data_builder import start_builder, views_to_prepare
from dashboard.web.data_files import DataFiles, serve_data_files
from dashboard.web.layout import build_layout, notes_layout
from dashboard.web.security import secure
from dashboard.web.static_cache import CompressedOnce
from dashboard.web.url_state import View, parse_view
from dashboard.web.wsgi import add_service_routes, serve_with_waitress, threads_for_this_machine
from events.dataset import Dataset

ASSETS = Path(__file__).resolve().parent / "assets"
# The tab icon inline: a link to a file would be fetched again at every address change.
FAVICON = (
    '<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27 '
    "viewBox=%270 0 16 16%27%3E%3Cpath d=%27M8 1l7 7-7 7-7-7z%27 fill=%27%23e69f00%27 "
    'stroke=%27%23222%27/%3E%3C/svg%3E">'
)
TITLE = "Korea 1945–1954 map"
FAILURE_NOTICE = (
    "Something went wrong on the server; the map shows what it showed before. Try again."
)
log = logging.getLogger("dashboard")


def _page_query() -> dict[str, str]:
    """The query of the page being loaded: Dash's request for the layout carries the
    page's own query (assets/address.js), so a link's view needs no Referer."""
    if not flask.has_request_context():  # Dash builds the layout once at start-up
        return {}
    return dict(flask.request.args)


def with_language(page: str) -> str:
    """The page's <html> says its language (the link's lang; English by default): screen
    readers and hyphenation depend on it. The page keeps it up to date (map.js relabel)."""
    lang = "ko" if _page_query().get("lang") == "ko" else "en"
    return page.replace("<html>", f'<html lang="{lang}">', 1)


def callback_failed(err: Exception) -> None:
    """A server callback raised: log it with its traceback, tell the reader in the page's
    notice, and leave every output as it was (the page keeps working)."""
    log.error("callback failed: %r", err, exc_info=err)
    set_props("notice", {"children": FAILURE_NOTICE, "hidden": False})


def create_app(
    data: Dataset,
    frame_ancestors: str | None = None,
    data_dir: Path | None = None,
    serving: bool = False,
) -> Dash:
    """The app over a loaded dataset. frame_ancestors: who may show the page in a frame
    (CSP sources, e.g. "https://courses.example.edu"; default 'self', or the
    KOREA_MAP_FRAME_ANCESTORS environment variable). data_dir: where the page's data
    files are kept ($KOREA_MAP_CACHE, or the user's cache folder). serving: for a
    server, start the process that builds the data files of the views viewers are
    likely to ask for, and any other on request (dashboard/web/data_builder.py)."""
    app = Dash(
        __name__,
        title=TITLE,
        assets_folder=str(ASSETS),
        compress=True,  # gzip/brotli: keeps the first load small
        serve_locally=True,  # every script from this server, never a CDN
        update_title=None,
        on_error=callback_failed,
    )
    app.index_string = app.index_string.replace("{%favicon%}", FAVICON)
    dash_index = app.interpolate_index
    app.interpolate_index = lambda **parts: with_language(dash_index(**parts))
    event_days = {eid: d for eid, d in data.events["first_day"].items()}

    files = DataFiles(data, data_dir)
    files.prepare([MapOptions()])  # the first viewer's; the builder makes the rest
    likely = views_to_prepare(likely_views()) if serving else []
    if serving:
        start_builder(files, likely)
    tours = {tour.name: tour for tour in data.tours}

    def layout():
        view = parse_view(_page_query(), event_days, tours)
        if view.notes:
            return notes_layout(data, view)
        return build_layout(data, view, files)

    app.layout = layout
    app.validation_layout = html.Div(
        [
            build_layout(data, View()),
            notes_layout(data, View(), shared=False),
        ]
    )
    # One export queue for the machine, whatever the app's data folder.
    register_callbacks(app, data, files, default_directory() / "exports")
    serve_data_files(app.server, files)
    secure(app, frame_ancestors)
    # What a load balancer, or a lecturer before class, may want to know: the events
    # served, and how many of the views viewers are likely to ask for are built.
    add_service_routes(
        app.server,
        lambda: {"events": len(data.events), "views_ready": f"{files.ready(likely)}/{len(likely)}"},
    )
    app.server.wsgi_app = CompressedOnce(app.server.wsgi_app)
    return app


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(
    data: Dataset,
    host: str = "127.0.0.1",
    port: int = 8050,
    debug: bool = False,
    frame_ancestors: str | None = None,
    threads: int | None = None,
) -> int:
    """Serve through waitress (a production WSGI server); --debug keeps Dash's own
    development server, with its reloader and dev tools."""
    app = create_app(data, frame_ancestors, serving=not debug)
    if not debug:
        serve_with_waitress(app.server, host, port, threads or threads_for_this_machine())
        return 0
    if host not in LOOPBACK:
        print(
            f"warning: --debug on {host} lets anyone who can reach it see tracebacks "
            "and run the debugger; use it on 127.0.0.1 only",
            file=sys.stderr,
        )
    app.run(host=host, port=port, debug=debug, dev_tools_disable_version_check=True)
    return 0


def __getattr__(name: str):
    if name == "server":
        from events.dataset import load_dataset

        return create_app(load_dataset(), serving=True).server
    raise AttributeError(name)
