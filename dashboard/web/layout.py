"""The page: map, time controls, timeline strip, layer picker and the events panel."""

from __future__ import annotations

from dash import dcc, html

from dashboard.figure.browser_bundle import PLAYER_TICK_MS, tour_entries
from dashboard.figure.timeline_strip import strip_css_variables, timeline_figure
from dashboard.model.map_options import MapOptions
from dashboard.model.state import TIMELINE_DAYS, TIMELINE_END, TIMELINE_START, day_number
from dashboard.model.words import word
from dashboard.web.data_files import DataFiles
from dashboard.web.page_words import (
    NO_TOUR,
    layer_options,
    loop_options,
    page_words,
    speed_options,
    tour_options,
)
from dashboard.web.url_state import View
from events.dataset import Dataset

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


def _group(label: str, control) -> html.Div:
    """A labelled group round a Dash control (which takes no ARIA attributes itself)."""
    return html.Div(control, role="group", className="group", **{"aria-label": label})


def _button(key: str, element_id: str, lang: str, title: str, **extra) -> html.Button:
    return html.Button(word(key, lang), id=element_id, title=title, **extra)


def _tour_bar(view: View) -> html.Div:
    """Stop by stop through a tour: shown while one is open."""
    lang = view.lang
    return html.Div(
        id="tour-bar",
        className="tour-bar",
        hidden=view.tour is None,
        children=[
            _button(
                "prev_stop",
                "prev-stop",
                lang,
                "Previous stop (PageUp)",
                **{"aria-label": "Previous stop of the tour"},
            ),
            html.Span(id="stop-label", className="stop-label", **{"aria-live": "polite"}),
            _button(
                "next_stop",
                "next-stop",
                lang,
                "Next stop (PageDown)",
                **{"aria-label": "Next stop of the tour"},
            ),
        ],
    )


def _time_controls(view: View) -> html.Div:
    lang = view.lang
    return html.Div(
        className="time-controls",
        children=[
            html.Div(
                className="buttons",
                children=[
                    _tour_bar(view),
                    _button(
                        "prev_event",
                        "prev-event",
                        lang,
                        "Previous event (Left arrow)",
                        **{"aria-label": "Jump to the previous event"},
                    ),
                    _button(
                        "play",
                        "play",
                        lang,
                        "Play / pause (Space)",
                        **{"aria-label": "Play or pause"},
                    ),
                    _button(
                        "next_event",
                        "next-event",
                        lang,
                        "Next event (Right arrow)",
                        **{"aria-label": "Jump to the next event"},
                    ),
                    _group(
                        "Playing speed",
                        dcc.RadioItems(
                            id="speed",
                            options=speed_options(lang),
                            value="week",
                            inline=True,
                            className="speed",
                        ),
                    ),
                    _group(
                        "Loop",
                        dcc.Checklist(id="loop", options=loop_options(lang), value=[], inline=True),
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
                **{"aria-label": "Date on the map"},
            ),
        ],
    )


def _side_panel(view: View) -> html.Aside:
    lang = view.lang
    return html.Aside(
        className="side",
        **{"aria-label": "Layers, export and events"},
        children=[
            html.H2(word("layers", lang), id="heading-layers"),
            html.Div(
                dcc.Checklist(
                    id="layers",
                    options=layer_options(lang),
                    value=list(view.layers),
                    className="layers",
                ),
                role="group",
                **{"aria-labelledby": "heading-layers"},
            ),
            html.H2(word("export", lang), id="heading-export"),
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
                        word("caption", lang),
                        id={"type": "export", "format": "txt"},
                        className="export-caption",
                        title="Download the caption with every source",
                    )
                ],
            ),
            dcc.Loading(dcc.Download(id="download"), type="dot"),
            html.Div(id="export-notice", className="export-notice", role="status"),
            html.Div(id="export-progress", className="export-notice", role="status", hidden=True),
            html.H2(word("events", lang), id="heading-events"),
            html.Div(
                id="events-panel",
                className="events",
                role="list",
                **{"aria-labelledby": "heading-events"},
            ),
            # After the events: the front's note, its sources folded (map.js frontNote).
            html.Div(id="front-note", className="front-note"),
        ],
    )


def _header(data: Dataset, view: View) -> html.Header:
    lang = view.lang
    return html.Header(
        className="top",
        children=[
            html.H1(word("title", lang), id="title"),
            html.Div(
                className="top-controls",
                children=[
                    html.Label(word("tour", lang), htmlFor="tour-picker", id="tour-label"),
                    dcc.Dropdown(
                        id="tour-picker",
                        options=tour_options(data, lang),
                        value=view.tour or NO_TOUR,
                        clearable=False,
                        searchable=False,
                        className="tour-picker",
                    ),
                    html.Button(
                        word("notes", lang),
                        id="notes-open",
                        title="Open the speaker notes in a second window",
                    ),
                    html.Button(
                        word("leave_present" if view.present else "present", lang),
                        id="present-toggle",
                        title="Presentation view for a projector (P)",
                        **{"aria-pressed": "true" if view.present else "false"},
                    ),
                    _group(
                        "Language of the map and the interface",
                        dcc.RadioItems(
                            id="lang",
                            value=view.lang,
                            inline=True,
                            className="lang",
                            options=[
                                {"label": "English", "value": "en"},
                                {"label": "한국어", "value": "ko"},
                                {"label": "Both · 모두", "value": "both"},
                            ],
                        ),
                    ),
                ],
            ),
        ],
    )


# A graph the viewer never handles: the land under the map, the insets over it.
STILL = {"staticPlot": True, "responsive": True}


def _map_graph(graph_id: str, config: dict, class_name: str) -> dcc.Graph:
    """One of the map's stacked graphs, empty until the page draws into it."""
    return dcc.Graph(
        id=graph_id, config=config, className=class_name, figure={"data": [], "layout": {}}
    )


def build_layout(data: Dataset, view: View, files: DataFiles | None = None) -> html.Div:
    """The page for a view. The map's data are files of their own that the page fetches
    and the browser keeps (dashboard/web/data_files.py): the layout only names them. Without
    `files`, the same components without their data, which is all Dash needs to check
    callbacks against."""
    options = MapOptions(layers=frozenset(view.layers), lang=view.lang, present=view.present)
    with_data = files is not None
    strip = timeline_figure(data, view.lang) if with_data else {}
    return html.Div(
        id="page",
        className="page present" if view.present else "page",
        children=[
            _header(data, view),
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
                        style=strip_css_variables(),
                        **{"aria-label": "Map"},
                        children=[
                            html.Div(
                                className="map-box",
                                children=[
                                    # The land, which never changes, in a graph of its own
                                    # under the map: a day's step redraws only what moves.
                                    _map_graph("map-base", STILL, "map map-base"),
                                    _map_graph("map", GRAPH_CONFIG, "map"),
                                    # The world inset over the map, in a graph of its own:
                                    # a jump across the years redraws it, not the land.
                                    _map_graph("map-inset", STILL, "map map-inset"),
                                    html.Div(
                                        id="stop-caption",
                                        className="stop-caption",
                                        role="status",
                                        hidden=True,
                                    ),
                                    html.Div(
                                        id="map-summary",
                                        className="visually-hidden",
                                        role="region",
                                        **{"aria-label": word("summary", view.lang)},
                                    ),
                                ],
                            ),
                            _time_controls(view),
                            html.Div(
                                className="timeline-box",
                                children=[
                                    dcc.Graph(
                                        id="timeline",
                                        config={"displayModeBar": False},
                                        figure=strip,
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
            dcc.Store(id="bundle-url", data=files.url("bundle", options) if files else None),
            dcc.Store(id="events-url", data=files.url("events") if files else None),
            dcc.Store(id="tours-url", data=files.url("tours") if files else None),
            dcc.Store(id="bundle"),
            dcc.Store(id="events-data"),
            dcc.Store(id="tours-data"),
            dcc.Store(id="words", data=page_words(data) if with_data else None),
            dcc.Store(id="selected-event", data=view.event),
            dcc.Store(id="present", data=view.present),
            dcc.Store(id="tour", data=view.tour),
            dcc.Store(id="stop", data=view.stop),
            dcc.Store(id="stop-view", data=None),
            dcc.Interval(id="player", interval=PLAYER_TICK_MS, disabled=True),
        ],
    )


def notes_layout(data: Dataset, view: View, *, shared: bool = True) -> html.Div:
    """The speaker's window (?notes=1): follows the map window's tour, stop by stop, and
    can step it. The two windows talk in the browser; the server keeps no state."""
    return html.Div(
        id="notes-page",
        className="notes-page",
        children=[
            html.Header(
                className="notes-top",
                children=[
                    html.H1(word("notes", view.lang)),
                    html.Button(word("prev_stop", view.lang), id="notes-prev"),
                    html.Button(word("next_stop", view.lang), id="notes-next"),
                    html.Span(id="notes-clock", className="notes-clock"),
                ],
            ),
            html.Div(
                id="notes-body",
                className="notes-body",
                **{"aria-live": "polite"},
                children=html.P(word("notes_waiting", view.lang)),
            ),
            # shared=False leaves out what the map page has too (for Dash's validation).
            *(
                [
                    dcc.Store(id="tours-data", data=tour_entries(data)),
                    dcc.Store(id="words", data=page_words(data)),
                ]
                if shared
                else []
            ),
            dcc.Store(id="notes-lang", data=view.lang),
            dcc.Store(id="notes-at", data={"tour": view.tour, "stop": view.stop}),
        ],
    )
