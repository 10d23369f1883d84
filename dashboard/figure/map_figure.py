"""The map as a Plotly figure (a plain dict) for a state and options.

Pure: the same inputs give the same figure. The dashboard and the export both draw with
`build_figure`; the browser's per-day animation only swaps in traces built here.
"""

from __future__ import annotations

import math

from dashboard.figure import style
from dashboard.figure.front_traces import front_traces
from dashboard.figure.geometry_coords import DECIMALS, polygon_coords
from dashboard.figure.look import dress_layout, dress_traces
from dashboard.figure.place_traces import cities_traces, venue_places, venue_traces
from dashboard.figure.projection import SCREEN, geo_window
from dashboard.figure.talks_inset import locator_trace, talks_geo, talks_inset_traces, talks_shown
from dashboard.figure.traces import EMPTY_TEMPLATE, area_trace, decoration, line_trace, plain
from dashboard.figure.world_inset import abroad, inset_geo, inset_traces
from dashboard.model.map_options import MapOptions
from dashboard.model.state import EventMark, MapState
from dashboard.model.words import area_name
from events.dataset import Dataset

# The land areas of the base map, in drawing order: Korea last, over its neighbours.
LAND_NAMES = ("China", "Mongolia", "USSR", "Japan", "Korea")
NEIGHBOUR_SCREEN_DETAIL = 0.01  # degrees (about 1 km)
# Text that names the land areas; positions are only where the words sit on the map.
# CHINA stands on the Liaodong peninsula: clear of the legend, and of the tour picker
# over the top of the map when presenting. JAPAN stands inland on northern Kyushu, where
# on its west coast the coastline and the islands ran through the word.
AREA_LABELS = [("CHINA", 122.2, 41.1), ("USSR", 131.1, 43.15), ("JAPAN", 131.0, 33.3)]


def static_traces(data: Dataset, options: MapOptions) -> list[dict]:
    """Land and coast: the same on every day. (During the war the held areas, which have
    the same coast, are drawn instead of Korea's land: see `korea_land_index`.)"""
    traces = []
    for name in LAND_NAMES:
        if name not in data.basemap.index:
            continue
        korea = name == "Korea"
        # The neighbours are context: on screen their coasts can be coarser than Korea's.
        detail = options.detail if korea or not options.detail else NEIGHBOUR_SCREEN_DETAIL
        traces.append(
            area_trace(
                polygon_coords(data.basemap.loc[name, "geometry"], detail),
                name,
                "land",
                style.LAND_KOREA if korea else style.LAND_NEIGHBOURS,
                {"color": style.COAST, "width": 0.6},
                showlegend=False,
            )
        )
    traces.append(
        decoration(
            [x for _, x, _ in AREA_LABELS],
            [y for _, _, y in AREA_LABELS],
            "area names",
            "land",
            mode="text",
            text=[area_name(t, options.lang) for t, _, _ in AREA_LABELS],
            textfont={"size": 13, "color": style.MUTED},
        )
    )
    return traces


# The 38th parallel as the dividing line (to 25 June 1950), and as a reference after.
PARALLEL_LOOKS = {
    True: (
        "38th parallel: dividing line (1945–1950)",
        {"color": style.PARALLEL38, "width": 3, "dash": "dash"},
        "38th parallel: the US–Soviet line of August 1945, dividing Korea until 25 June 1950",
        1.0,
    ),
    False: (
        "38th parallel (reference line)",
        {"color": style.PARALLEL38, "width": 1.2, "dash": "dot"},
        "38th parallel: reference only; no longer the dividing line after 25 June 1950",
        0.6,
    ),
}


def _parallel_trace(data: Dataset, state: MapState) -> dict:
    name, line, hover, opacity = PARALLEL_LOOKS[state.parallel38_divides]
    faded = {"opacity": opacity} if opacity < 1 else {}
    return line_trace(data.parallel38, "parallel38", name, line, hover, **faded)


def _not_yet(trace: dict) -> dict:
    """A trace kept in place with nothing to draw: a map has the same traces every day."""
    return {**trace, "lon": [], "lat": [], "showlegend": False}


def _mdl_traces(data: Dataset, state: MapState, layers: frozenset[str]) -> list[dict]:
    """The MDL and the DMZ from 27 July 1953; before it, only when the reader asks for
    the future line ("future"), drawn faint and named as such."""
    in_force, future = state.mdl_in_force, "future" in layers and not state.mdl_in_force
    traces = []
    if "dmz" in layers:
        dmz = area_trace(
            polygon_coords(data.dmz),
            "Demilitarized Zone, 2 km each side" if in_force else "DMZ (future, from 27 July 1953)",
            "dmz",
            style.DMZ_FILL if in_force else "rgba(120, 120, 120, 0.12)",
            {"color": style.MDL if in_force else style.FUTURE, "width": 0.5},
            legendgroup="dmz",
        )
        traces.append(dmz if in_force or future else _not_yet(dmz))
    if "mdl" in layers:
        mdl = data.mdl.geometry.iloc[0]
        if in_force:
            traces.append(
                line_trace(
                    mdl,
                    "mdl",
                    "Military Demarcation Line (27 July 1953)",
                    {"color": style.MDL, "width": 3},
                    "Military Demarcation Line, Armistice Agreement of 27 July 1953",
                )
            )
        else:
            line = line_trace(
                mdl,
                "mdl",
                "1953 MDL (future line, not yet agreed)",
                {"color": style.FUTURE, "width": 2, "dash": "dash"},
                "The Military Demarcation Line as agreed on 27 July 1953 (future on this date)",
            )
            traces.append(line if future else _not_yet(line))
    return traces


def _spread(marks: list[EventMark], venues: frozenset[str]) -> list[tuple[float, float]]:
    """Where each event's marker goes: on its place, or, when the place has several events
    or a venue marker of its own, in a small ring round it so each can be clicked."""
    counts: dict[str, int] = {}
    for m in marks:
        counts[m.place] = counts.get(m.place, 0) + 1
    positions, seen = [], {}
    for m in marks:
        k = seen.get(m.place, 0)
        seen[m.place] = k + 1
        x, y = m.lon, m.lat
        if counts[m.place] > 1 or m.place in venues:
            angle = math.pi / 2 + 2 * math.pi * k / counts[m.place]  # the first one above
            x, y = x + 0.09 * math.cos(angle), y + 0.075 * math.sin(angle)
        positions.append((round(x, DECIMALS), round(y, DECIMALS)))
    return positions


def _event_traces(state: MapState, lang: str, venues: frozenset[str]) -> list[dict]:
    # A sitting of talks is drawn by its highlighted venue when the venues layer is on.
    home = [m for m in state.events if not m.abroad and not (venues and m.in_session)]
    traces = []
    for category, look in style.CATEGORY_STYLE.items():
        marks = [m for m in home if m.category == category]
        xy = _spread(marks, venues)
        traces.append(
            {
                "type": "scattergeo",
                "mode": "markers",
                "lon": [x for x, _ in xy],
                "lat": [y for _, y in xy],
                "marker": {
                    "size": 13,
                    "color": look["color"],
                    "symbol": look["symbol"],
                    "line": {"color": "white", "width": 1.5},
                },
                "name": f"Event: {look['label'].lower()}",
                "hovertext": [f"{plain(m.title)}<br>{m.written_when(lang)}" for m in marks],
                "hoverinfo": "text",
                "customdata": [["event", m.id] for m in marks],
                "meta": {"layer": "events"},
                "legendgroup": "events",
            }
        )
    return traces


def dynamic_traces(data: Dataset, state: MapState, options: MapOptions) -> list[dict]:
    """Everything that depends on the date. The main map has the same traces on every day
    for an option set; the insets (on geos of their own) draw what their day needs."""
    layers, lang = options.layers, options.lang
    traces = _mdl_traces(data, state, layers)
    if "parallel38" in layers:
        traces.append(_parallel_trace(data, state))
    if "cities" in layers:
        shown = frozenset(m.place for m in state.events) if "events" in layers else frozenset()
        # A city where talks sit is named by its venue marker (Seoul, 1946-47), not twice.
        sitting = frozenset(m.place for m in state.sessions) if "venues" in layers else frozenset()
        traces.extend(cities_traces(data, lang, shown, sitting))
    if "venues" in layers:
        traces.extend(venue_traces(data, state, lang))
    if "events" in layers:
        venues = venue_places(data) if "venues" in layers else frozenset()
        traces.extend(_event_traces(state, lang, venues))
    if "venues" in layers:
        traces.append(locator_trace(state, options))
    traces.extend(inset_traces(data, state, lang))
    traces.extend(talks_inset_traces(data, state, options))
    return traces


def insets_layout(state: MapState, options: MapOptions) -> dict:
    """The two insets' geos on a day: the world locator and the talks' area."""
    return {"geo2": inset_geo(abroad(state)), "geo3": talks_geo(talks_shown(state, options))}


def base_layout(options: MapOptions) -> dict:
    return {
        "template": EMPTY_TEMPLATE,
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "paper_bgcolor": style.SEA,
        "font": {"family": style.FONT_FAMILY, "color": style.INK, "size": 13},
        "showlegend": True,
        # Left of the map's box, over China and the Yellow Sea: the peninsula stays clear.
        "legend": {
            "x": 0.005,
            "xanchor": "left",
            "y": 0.99,
            "yanchor": "top",
            "bgcolor": "rgba(255,255,255,0.9)",
            "bordercolor": "#bbbbbb",
            "borderwidth": 1,
            "font": {"size": 11},
            "itemclick": False,
            "itemdoubleclick": False,
        },
        "geo": {
            "visible": False,
            "bgcolor": style.SEA,
            "domain": {"x": [0, 1], "y": [0, 1]},
            # The whole base map, zoomed to Korea (dashboard/figure/projection.py).
            **geo_window(SCREEN),
        },
        "geo2": inset_geo(False),
        "geo3": talks_geo(False),
        "uirevision": "korea-map",
        "dragmode": "pan",
        "hoverlabel": {"font": {"size": 13}},
    }


def korea_land_index(data: Dataset) -> int:
    """Where Korea's land stands among the static traces. While the war is on and the held
    areas are drawn, they cover all of Korea's land and draw its coast: Korea's own land
    trace is left out then, which spares the browser a third of the map's vertices."""
    return [n for n in LAND_NAMES if n in data.basemap.index].index("Korea")


def build_figure(data: Dataset, state: MapState, options: MapOptions) -> dict:
    """The map on a day with these options: the one builder of every map drawn."""
    dynamic = dynamic_traces(data, state, options)
    layout = {**base_layout(options), **insets_layout(state, options)}
    front = front_traces(data, state.day, options)
    static = static_traces(data, options)
    if any(t["meta"].get("side") and t["lon"] for t in front):
        del static[korea_land_index(data)]
    traces = static + front + dynamic
    return {"data": dress_traces(traces, options), "layout": dress_layout(layout, options)}
