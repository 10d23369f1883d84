"""The page: map, time controls, timeline strip, layer picker and the events panel."""

from __future__ import annotations

from collections.abc import Callable

from dash import dcc, html

from dashboard.animation import event_entries, map_bundle
from dashboard.map_options import MAP_LAYERS, MapOptions
from dashboard.state import TIMELINE_DAYS, TIMELINE_END, TIMELINE_START, day_number
from dashboard.timeline_strip import timeline_figure
from dashboard.url_state import View
from events.dataset import Dataset
from geodata.catalogue import LAYERS

SPEEDS = [("day", "1 day"), ("week", "1 week"), ("month", "1 month")]
GRAPH_CONFIG = {
    "displaylogo": False,
    "scrollZoom": True,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"],
}


def _year_marks() -> dict[int, str]:
    return {
        day_number(TIMELINE_START.replace(year=y, month=1, day=1)) if y > 1945 else 0: str(y)
        for y in range(TIMELINE_START.year, TIMELINE_END.year + 1)
    }


def _time_controls(view: View) -> html.Div:
    return html.Div(
        className="time-controls",
        children=[
            html.Div(
                className="buttons",
                children=[
                    html.Button(
                        "◀ Event",
                        id="prev-event",
                        title="Previous event (Left arrow)",
                        **{"aria-label": "Jump to the previous event"},
                    ),
                    html.Button(
                        "▶ Play",
                        id="play",
                        title="Play / pause (Space)",
                        **{"aria-label": "Play or pause"},
                    ),
                    html.Button(
                        "Event ▶",
                        id="next-event",
                        title="Next event (Right arrow)",
                        **{"aria-label": "Jump to the next event"},
                    ),
                    dcc.RadioItems(
                        id="speed",
                        options=[{"label": lab, "value": v} for v, lab in SPEEDS],
                        value="week",
                        inline=True,
                        className="speed",
                    ),
                    dcc.Checklist(
                        id="loop",
                        options=[{"label": "loop", "value": "loop"}],
                        value=[],
                        inline=True,
                    ),
                    html.Div(id="date-label", className="date-label", **{"aria-live": "polite"}),
                ],
            ),
            html.Div(
                dcc.Slider(
                    id="day",
                    min=0,
                    max=TIMELINE_DAYS,
                    step=1,
                    value=day_number(view.day),
                    marks=_year_marks(),
                    updatemode="drag",
                    allow_direct_input=False,
                    tooltip={
                        "always_visible": False,
                        "placement": "top",
                        "transform": "writtenDay",
                    },
                ),
                className="slider",
            ),
        ],
    )


def _side_panel(view: View) -> html.Aside:
    layer_options = [{"label": LAYERS[name].title, "value": name} for name in MAP_LAYERS]
    return html.Aside(
        className="side",
        children=[
            html.H2("Layers"),
            dcc.Checklist(
                id="layers", options=layer_options, value=list(view.layers), className="layers"
            ),
            html.H2("Export this view"),
            html.Div(
                className="export",
                children=[
                    html.Button(
                        fmt.upper(),
                        id={"type": "export", "format": fmt},
                        className=f"export-{fmt}",
                        title=f"Download the map as {fmt.upper()} (as printed)",
                    )
                    for fmt in ("png", "svg", "pdf", "html")
                ]
                + [
                    html.Button(
                        "Caption",
                        id={"type": "export", "format": "txt"},
                        className="export-caption",
                        title="Download the caption with every source",
                    )
                ],
            ),
            dcc.Loading(dcc.Download(id="download"), type="dot"),
            html.Div(id="export-notice", className="export-notice", role="status"),
            html.Div(id="front-note", className="front-note"),
            html.H2("Events at this date"),
            html.Div(id="events-panel", className="events", role="list"),
        ],
    )


def build_layout(
    data: Dataset,
    view: View,
    bundle_for: Callable[[MapOptions], dict] | None = None,
    *,
    with_data: bool = True,
) -> html.Div:
    """The page for a view. with_data=False gives the same components without their data,
    which is all Dash needs to check callbacks against (and keeps the index page small)."""
    options = MapOptions(layers=frozenset(view.layers), lang=view.lang)
    bundle = (bundle_for or (lambda o: map_bundle(data, o)))(options) if with_data else None
    return html.Div(
        className="page",
        children=[
            html.Header(
                className="top",
                children=[
                    html.H1("Korea 1945–1954: division, war and armistice"),
                    dcc.RadioItems(
                        id="lang",
                        value=view.lang,
                        inline=True,
                        className="lang",
                        options=[
                            {"label": "English", "value": "en"},
                            {"label": "한국어", "value": "ko"},
                            {"label": "Both", "value": "both"},
                        ],
                    ),
                ],
            ),
            html.Div(
                id="notice",
                className="notice",
                role="status",
                children=[html.P(n) for n in view.notices],
                hidden=not view.notices,
            ),
            html.Main(
                className="body",
                children=[
                    html.Section(
                        className="map-column",
                        children=[
                            dcc.Graph(
                                id="map",
                                config=GRAPH_CONFIG,
                                className="map",
                                figure={"data": [], "layout": {}},
                            ),
                            _time_controls(view),
                            html.Div(
                                className="timeline-box",
                                children=[
                                    dcc.Graph(
                                        id="timeline",
                                        config={"displayModeBar": False},
                                        figure=timeline_figure(data) if with_data else {},
                                        className="timeline",
                                    ),
                                    # The day on the strip: moved by CSS, no redraw per step.
                                    html.Div(id="timeline-cursor", className="timeline-cursor"),
                                ],
                            ),
                        ],
                    ),
                    _side_panel(view),
                ],
            ),
            dcc.Store(id="bundle", data=bundle),
            dcc.Store(id="events-data", data=event_entries(data) if with_data else None),
            dcc.Store(id="selected-event", data=view.event),
            dcc.Interval(id="player", interval=250, disabled=True),
        ],
    )
