"""Callbacks: one on the server (a new layer set or language), the rest in the browser.

Moving the slider, playing, stepping between events and selecting an event all run as
clientside functions (assets/map.js) over data already in the page: no request per step.
"""

from __future__ import annotations

from collections.abc import Callable

from dash import ALL, ClientsideFunction, Dash, Input, Output, State, ctx, dcc, no_update

from dashboard.export import ExportError, Snapshot, caption_only, snapshot_bytes
from dashboard.map_options import LANGUAGES, MAP_LAYERS, MapOptions
from dashboard.state import TIMELINE_DAYS, day_from_number
from events.dataset import Dataset

MEDIA = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "html": "text/html",
    "txt": "text/plain",
}


def _client(name: str) -> ClientsideFunction:
    return ClientsideFunction(namespace="korea", function_name=name)


def _checked(layers, lang) -> MapOptions:
    """Values come from the page, so they are checked, never trusted."""
    chosen = frozenset(n for n in (layers or []) if isinstance(n, str) and n in MAP_LAYERS)
    return MapOptions(layers=chosen, lang=lang if lang in LANGUAGES else "en")


def register_callbacks(app: Dash, data: Dataset, bundle_for: Callable[[MapOptions], dict]) -> None:
    @app.callback(
        Output("bundle", "data"),
        Input("layers", "value"),
        Input("lang", "value"),
        prevent_initial_call=True,
    )
    def new_layers_or_language(layers: list[str] | None, lang: str | None) -> dict:
        return bundle_for(_checked(layers, lang))

    @app.callback(
        Output("download", "data"),
        Output("export-notice", "children"),
        Input({"type": "export", "format": ALL}, "n_clicks"),
        State("day", "value"),
        State("layers", "value"),
        State("lang", "value"),
        prevent_initial_call=True,
    )
    def download(clicks, day, layers, lang):
        # Built in memory from the view's values; no path ever comes from the page.
        fmt = ctx.triggered_id["format"] if ctx.triggered_id else None
        if fmt not in MEDIA or not any(clicks or []):
            return no_update, no_update
        number = day if isinstance(day, int) and 0 <= day <= TIMELINE_DAYS else 0
        options = _checked(layers, lang)
        snap = Snapshot(day_from_number(number), options.layers, options.lang)
        name = f"korea-{snap.day.isoformat()}.{fmt}"
        try:
            body = caption_only(data, snap) if fmt == "txt" else snapshot_bytes(data, snap, fmt)
        except ExportError as err:
            return no_update, f"Export failed: {err}"
        return dcc.send_bytes(body, name, type=MEDIA[fmt]), f"Downloaded {name}."

    app.clientside_callback(
        _client("render"),
        Output("map", "figure"),
        Output("events-panel", "children"),
        Output("front-note", "children"),
        Input("day", "value"),
        Input("bundle", "data"),
        Input("selected-event", "data"),
        State("events-data", "data"),
    )
    app.clientside_callback(
        _client("moment"),
        Output("date-label", "children"),
        Output("timeline-cursor", "style"),
        Input("day", "value"),
        Input("bundle", "data"),
        Input("selected-event", "data"),
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
        Output("day", "value", allow_duplicate=True),
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
        prevent_initial_call=True,
    )
