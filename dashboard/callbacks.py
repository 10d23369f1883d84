"""Callbacks: one on the server (a new layer set or language), the rest in the browser.

Moving the slider, playing, stepping between events and selecting an event all run as
clientside functions (assets/map.js) over data already in the page: no request per step.
"""

from __future__ import annotations

from collections.abc import Callable

from dash import ClientsideFunction, Dash, Input, Output, State

from dashboard.figures import LANGUAGES, MAP_LAYERS, MapOptions


def _client(name: str) -> ClientsideFunction:
    return ClientsideFunction(namespace="korea", function_name=name)


def register_callbacks(app: Dash, bundle_for: Callable[[MapOptions], dict]) -> None:
    @app.callback(
        Output("bundle", "data"),
        Input("layers", "value"),
        Input("lang", "value"),
        prevent_initial_call=True,
    )
    def new_layers_or_language(layers: list[str] | None, lang: str | None) -> dict:
        # Values come from the page, so they are checked, never trusted.
        chosen = frozenset(n for n in (layers or []) if n in MAP_LAYERS)
        return bundle_for(MapOptions(layers=chosen, lang=lang if lang in LANGUAGES else "en"))

    app.clientside_callback(
        _client("render"),
        Output("map", "figure"),
        Output("events-panel", "children"),
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
