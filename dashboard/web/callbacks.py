"""Callbacks: one on the server (a new layer set or language), the rest in the browser.

Moving the slider, playing, stepping between events and selecting an event all run as
clientside functions (assets/map.js) over data already in the page: no request per step.
"""

from __future__ import annotations

from pathlib import Path

from dash import ALL, ClientsideFunction, Dash, Input, Output, State, ctx, dcc, no_update

from dashboard.export.queue import ensure_render_worker, export_setup
from dashboard.export.snapshot import (
    ExportError,
    Snapshot,
    caption_only,
    figure_for,
    snapshot_bytes,
)
from dashboard.model.map_options import LANGUAGES, MAP_LAYERS, MapOptions
from dashboard.model.state import TIMELINE_DAYS, day_from_number
from dashboard.web.data_files import DataFiles
from dashboard.web.page_words import RELABELLED, SHARED_OUTPUTS
from events.dataset import Dataset

MEDIA = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "html": "text/html",
    "txt": "text/plain",
}
NEEDS_A_BROWSER = ("png", "svg", "pdf")  # rendered by Chromium, so they queue


def _client(name: str) -> ClientsideFunction:
    return ClientsideFunction(namespace="korea", function_name=name)


def _checked(layers, lang, present=False) -> MapOptions:
    """Values come from the page, so they are checked, never trusted."""
    names = layers if isinstance(layers, list) else []
    chosen = frozenset(n for n in names if isinstance(n, str) and n in MAP_LAYERS)
    return MapOptions(
        layers=chosen, lang=lang if lang in LANGUAGES else "en", present=present is True
    )


def register_callbacks(app: Dash, data: Dataset, files: DataFiles, export_directory: Path) -> None:
    @app.callback(
        Output("bundle-url", "data"),
        Input("layers", "value"),
        Input("lang", "value"),
        Input("present", "data"),
        prevent_initial_call=True,
    )
    def new_layers_or_language(layers: list[str] | None, lang: str | None, present) -> str:
        # Only the name of the file: the browser fetches it, or already has it.
        return files.url("bundle", _checked(layers, lang, present))

    for name in ("bundle", "events", "tours"):
        app.clientside_callback(
            _client("fetchData"),
            Output(name if name == "bundle" else f"{name}-data", "data"),
            Input(f"{name}-url", "data"),
        )

    setup = export_setup(export_directory)
    if setup.exports.queue is not None:
        # The render worker starts in the process that serves: after gunicorn has forked
        # its workers, at their first request (a process's Chromium is its own).
        queue = setup.exports.queue

        @app.server.before_request
        def render_here_if_a_slot_is_free() -> None:
            ensure_render_worker(queue)

    @app.callback(
        Output("download", "data"),
        Output("export-notice", "children"),
        Input({"type": "export", "format": ALL}, "n_clicks"),
        # When each button was pressed: Dash keys a background job by its arguments, and
        # two viewers asking for the same map must not share one job.
        State({"type": "export", "format": ALL}, "n_clicks_timestamp"),
        State("day", "value"),
        State("layers", "value"),
        State("lang", "value"),
        background=True,
        manager=setup.manager,
        progress=Output("export-progress", "children"),
        running=[(Output("export-progress", "hidden"), False, True)],
        prevent_initial_call=True,
    )
    def download(set_progress, clicks, pressed, day, layers, lang):
        # A background callback: on one machine it waits its turn in the export queue,
        # with Celery it runs in a worker. Built from the view's values; no path ever
        # comes from the page.
        trigger = ctx.triggered_id
        fmt = trigger.get("format") if isinstance(trigger, dict) else None
        if fmt not in MEDIA or not isinstance(clicks, list) or not any(clicks):
            return no_update, no_update
        number = day if type(day) is int and 0 <= day <= TIMELINE_DAYS else 0  # not bool
        options = _checked(layers, lang)
        snap = Snapshot(day_from_number(number), options.layers, options.lang)
        name = f"korea-{snap.day.isoformat()}.{fmt}"
        try:
            if fmt in NEEDS_A_BROWSER:
                request = {"figure": figure_for(data, snap), "fmt": fmt}
                done = setup.exports.run(
                    {**request, "dpi": snap.dpi, "width_mm": snap.width_mm}, set_progress
                )
                if "error" in done:
                    return no_update, f"Export failed: {done['error']}"
                body = done["body"]
            elif fmt == "txt":
                body = caption_only(data, snap)
            else:
                body = snapshot_bytes(data, snap, fmt)
        except ExportError as err:
            return no_update, f"Export failed: {err}"
        return dcc.send_bytes(body, name, type=MEDIA[fmt]), f"Downloaded {name}."

    app.clientside_callback(
        _client("render"),
        Output("map", "figure"),
        Output("map-base", "figure"),
        Output("map-inset", "figure"),
        Output("events-panel", "children"),
        Output("front-note", "children"),
        Output("map-summary", "children"),
        Input("day", "value"),
        Input("bundle", "data"),
        Input("events-data", "data"),
        Input("selected-event", "data"),
        Input("stop-view", "data"),
        State("layers", "value"),
    )
    app.clientside_callback(
        _client("togglePlay"),
        Output("player", "disabled"),
        Output("play", "children"),
        Input("play", "n_clicks"),
        State("player", "disabled"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        _client("tick"),
        # The day itself is drawn by the page and told to Dash after the paint (map.js).
        Output("player", "disabled", allow_duplicate=True),
        Output("play", "children", allow_duplicate=True),
        Input("player", "n_intervals"),
        State("day", "value"),
        State("speed", "value"),
        State("loop", "value"),
        State("bundle", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        _client("stepEvent"),
        Output("day", "value", allow_duplicate=True),
        # Stepping to an event selects it, so the panel shows it at once.
        Output("selected-event", "data", allow_duplicate=True),
        Input("prev-event", "n_clicks"),
        Input("next-event", "n_clicks"),
        State("day", "value"),
        State("events-data", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        _client("pick"),
        Output("selected-event", "data"),
        Output("day", "value", allow_duplicate=True),
        Input("map", "clickData"),
        Input("timeline", "clickData"),
        State("events-data", "data"),
        State("day", "value"),
        State("bundle", "data"),
        prevent_initial_call=True,
    )
    _register_lecture_callbacks(app)


def _register_lecture_callbacks(app: Dash) -> None:
    """Languages, the presentation view, tours and the notes window: all in the browser."""
    app.clientside_callback(
        _client("relabel"),
        [
            Output(component, prop, allow_duplicate=component in SHARED_OUTPUTS)
            for component, prop, _ in RELABELLED
        ],
        Input("lang", "value"),
        State("words", "data"),
        State("player", "disabled"),
        prevent_initial_call="initial_duplicate",
    )
    app.clientside_callback(
        _client("togglePresent"),
        Output("present", "data"),
        Input("present-toggle", "n_clicks"),
        State("present", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        _client("present"),
        Output("page", "className"),
        Output("present-toggle", "children"),
        Output("present-toggle", "aria-pressed"),
        Input("present", "data"),
    )
    app.clientside_callback(
        _client("pickTour"),
        Output("tour", "data"),
        Output("stop", "data"),
        Input("tour-picker", "value"),
        State("tours-data", "data"),
        State("tour", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        _client("stepStop"),
        Output("stop", "data", allow_duplicate=True),
        Input("prev-stop", "n_clicks"),
        Input("next-stop", "n_clicks"),
        State("stop", "data"),
        State("tour", "data"),
        State("tours-data", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        _client("showStop"),
        Output("stop-caption", "children"),
        Output("stop-caption", "hidden"),
        Output("stop-label", "children"),
        Output("tour-bar", "hidden"),
        Output("stop-view", "data"),
        Output("layers", "value", allow_duplicate=True),
        Output("selected-event", "data", allow_duplicate=True),
        Input("stop", "data"),
        Input("tour", "data"),
        Input("lang", "value"),
        Input("tours-data", "data"),
        State("layers", "value"),
        prevent_initial_call="initial_duplicate",
    )
    app.clientside_callback(
        _client("notes"),
        Output("notes-body", "children"),
        Input("notes-at", "data"),
        State("tours-data", "data"),
        State("words", "data"),
        State("notes-lang", "data"),
    )
