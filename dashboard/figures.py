"""The map as a Plotly figure (a plain dict) for a state and options.

Pure: the same inputs give the same figure. The dashboard and the export both draw with
`build_figure`; the browser's per-day animation only swaps in traces built here.
"""

from __future__ import annotations

import functools
import math

import geopandas as gpd

from dashboard import style
from dashboard.front_figures import front_traces
from dashboard.geometry_coords import polygon_coords
from dashboard.look import dress_layout, dress_traces
from dashboard.map_options import MapOptions
from dashboard.projection import SCREEN, geo_window
from dashboard.state import EventMark, MapState, event_marks
from dashboard.talks_inset import locator_trace, talks_geo, talks_inset_traces, talks_shown
from dashboard.traces import EMPTY_TEMPLATE, area_trace, decoration, line_trace, place_name, plain
from dashboard.words import area_name
from dashboard.world_inset import abroad, inset_geo, inset_traces
from events.dataset import Dataset

# The land areas of the base map, in drawing order: Korea last, over its neighbours.
LAND_NAMES = ("China", "Mongolia", "USSR", "Japan", "Korea")
NEIGHBOUR_SCREEN_DETAIL = 0.01  # degrees (about 1 km)
# Text that names the land areas; positions are only where the words sit on the map.
# CHINA stands on the Liaodong peninsula: clear of the legend, and of the tour picker
# over the top of the map when presenting.
AREA_LABELS = [("CHINA", 122.2, 41.1), ("USSR", 131.1, 43.15), ("JAPAN", 129.9, 33.3)]


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


def _parallel_trace(data: Dataset, state: MapState) -> dict:
    if state.parallel38_divides:
        return line_trace(
            data.parallel38,
            "parallel38",
            "38th parallel: dividing line (1945–1950)",
            {"color": style.PARALLEL38, "width": 3, "dash": "dash"},
            "38th parallel: the US–Soviet line of August 1945, dividing Korea until 25 June 1950",
        )
    return line_trace(
        data.parallel38,
        "parallel38",
        "38th parallel (reference line)",
        {"color": style.PARALLEL38, "width": 1.2, "dash": "dot"},
        "38th parallel: reference only; no longer the dividing line after 25 June 1950",
        opacity=0.6,
    )


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


def _padded(labels: list[str], positions: list[str]) -> list[str]:
    """Two no-break spaces on the point's side keep a label clear of an event marker there."""
    gap = "\u00a0\u00a0"
    return [
        f"{gap}{text}" if "right" in where else f"{text}{gap}" if "left" in where else text
        for text, where in zip(labels, positions, strict=True)
    ]


def _places_trace(
    places: gpd.GeoDataFrame,
    lang: str,
    layer: str,
    name: str,
    marker: dict,
    labels: list[str],
    **extra,
) -> dict:
    return {
        "type": "scattergeo",
        "mode": "markers+text",
        "lon": [round(p.x, 5) for p in places.geometry],
        "lat": [round(p.y, 5) for p in places.geometry],
        "text": _padded(labels, list(places["label_position"])),
        "textposition": list(places["label_position"]) if len(places) else "middle right",
        "hovertext": [place_name(r, "both") for _, r in places.iterrows()],
        "hoverinfo": "text",
        "marker": marker,
        "name": name,
        "customdata": [["place", pid] for pid in places.index],
        "meta": {"layer": layer},
        "legendgroup": layer,
        **extra,
    }


@functools.lru_cache(maxsize=16)
def _cities_trace(
    data: Dataset,
    lang: str,
    named: frozenset[str] = frozenset(),
    sitting: frozenset[str] = frozenset(),
) -> list[dict]:
    """The cities, and the names called out beside them (CALLOUTS): the main ones always
    named, the others while an event there is shown (a caption that speaks of Ongjin has
    Ongjin named on its map), unless they lie in the crowd of an always-named place (Munsan
    beside Panmunjom: its marker and hover name it, and a label there would print over its
    neighbours' when presenting)."""
    cities = data.places[(data.places["kind"] == "city") & ~data.places["abroad"]]
    labelled = [
        lab == "always" or (pid in named and pid not in _crowded(data))
        for pid, lab in cities["label"].items()
    ]
    labels = [
        place_name(r, lang) if lab and pid not in sitting and pid not in CALLOUTS else ""
        for (pid, r), lab in zip(cities.iterrows(), labelled, strict=True)
    ]
    called = [
        pid for pid, lab in zip(cities.index, labelled, strict=True) if lab and pid in CALLOUTS
    ]
    # Places named only on hover are drawn smaller and grey, so no dot looks unnamed.
    return [
        _places_trace(
            cities,
            lang,
            "cities",
            "Cities",
            {
                "size": [6 if lab else 4 for lab in labelled],
                "color": [style.INK if lab else style.MUTED for lab in labelled],
            },
            labels,
            textfont={"size": style.CITY_LABEL_SIZE, "color": style.INK},
        ),
        *_callouts(data, lang, called),
    ]


# Names set apart from their points, with a leader line, where the Kaesong-Inchon corner
# has no room beside the point: (degrees east, degrees north) from the point to the name.
CALLOUTS = {"ongjin": (-0.9, 0.5)}


def _callouts(data: Dataset, lang: str, called: list[str]) -> list[dict]:
    """The called-out names and their leader lines (empty traces when none is named)."""
    lon, lat, text, sides, line_lon, line_lat = [], [], [], [], [], []
    for pid in called:
        point = data.places.loc[pid].geometry
        dx, dy = CALLOUTS[pid]
        lon.append(point.x + dx)
        lat.append(point.y + dy)
        text.append(place_name(data.places.loc[pid], lang))
        sides.append("middle left" if dx < 0 else "middle right")
        # The line stops short of the dot, so the dot stays clear.
        line_lon += [point.x + 0.12 * dx, point.x + dx, None]
        line_lat += [point.y + 0.12 * dy, point.y + dy, None]
    return [
        decoration(
            line_lon, line_lat, "leader lines", "cities", line={"color": style.MUTED, "width": 0.8}
        ),
        decoration(
            lon,
            lat,
            "called-out names",
            "cities",
            mode="text",
            text=text,
            textposition=sides or "middle left",
            textfont={"size": style.CITY_LABEL_SIZE, "color": style.INK},
        ),
    ]


CROWD_DEGREES = 0.2  # about 20 km: nearer than this to a named place, a town stays a dot


@functools.lru_cache(maxsize=8)
def _crowded(data: Dataset) -> frozenset[str]:
    """Places within CROWD_DEGREES of a place that is always named."""
    home = data.places[~data.places["abroad"]]
    named = home[home["label"] == "always"].geometry
    return frozenset(
        pid
        for pid, point in home.geometry.items()
        if any(0 < point.distance(other) < CROWD_DEGREES for other in named)
    )


@functools.lru_cache(maxsize=8)
def _home_places(data: Dataset) -> gpd.GeoDataFrame:
    return data.places[~data.places["abroad"]]


@functools.lru_cache(maxsize=8)
def _venue_places(data: Dataset) -> frozenset[str]:
    """Places that get a venue marker: venues, and wherever talks sat (Seoul, 1946-47)."""
    sitting = {m.place for m in event_marks(data) if m.in_session}
    return frozenset(sitting | set(data.places.index[data.places["kind"] == "venue"]))


def _venue_traces(data: Dataset, state: MapState, lang: str) -> list[dict]:
    home = _home_places(data)
    sittings = {m.place: m.id for m in state.sessions if m.place in home.index}
    return _venue_traces_for(data, tuple(sittings.items()), lang)


@functools.lru_cache(maxsize=64)
def _venue_traces_for(
    data: Dataset, sittings: tuple[tuple[str, str], ...], lang: str
) -> list[dict]:
    """Idle venues and venues in session (place, sitting event); few combinations: cached."""
    home = _home_places(data)
    active_ids = [place for place, _ in sittings]
    venue_ids = [p for p in home.index if home.loc[p, "kind"] == "venue"]
    idle = home.loc[[p for p in venue_ids if p not in active_ids]]
    active = home.loc[list(active_ids)]
    idle_labels = [place_name(r, lang) for _, r in idle.iterrows()]
    # The name alone, in bold: the large amber diamond says "talks in session" (the legend
    # explains it), which keeps the label short in the crowded Kaesong–Seoul corner.
    # In "both", a venue in session named to its right (Panmunjom) has English over Korean:
    # its bold name is the widest label of the crowded corner, and would reach the talks'
    # inset when presenting. (Kaesong's, to its left, runs out over the sea.)
    active_labels = [
        f"<b>{place_name(r, lang, stacked='right' in r['label_position'])}</b>"
        for _, r in active.iterrows()
    ]
    return [
        _places_trace(
            idle,
            lang,
            "venues",
            "Negotiation venue",
            {
                "size": 9,
                "color": "white",
                "symbol": "diamond",
                "line": {"color": style.VENUE_IDLE, "width": 2},
            },
            idle_labels,
            textfont={"size": style.LABEL_SIZE, "color": style.INK},
        ),
        {
            **_places_trace(
                active,
                lang,
                "venues",
                "Talks in session",
                {
                    "size": 20,
                    "color": style.VENUE_ACTIVE,
                    "symbol": "diamond",
                    "line": {"color": style.INK, "width": 1.5},
                },
                active_labels,
                textfont={"size": style.LABEL_SIZE + 1, "color": style.INK},
            ),
            # Clicking a venue in session selects the sitting it stands for.
            "customdata": [["event", event_id] for _, event_id in sittings],
        },
    ]


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
        positions.append((round(x, 4), round(y, 4)))
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
                "hovertext": [f"{plain(m.title)}<br>{m.when}" for m in marks],
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
        traces.extend(_cities_trace(data, lang, shown, sitting))
    if "venues" in layers:
        traces.extend(_venue_traces(data, state, lang))
    if "events" in layers:
        venues = _venue_places(data) if "venues" in layers else frozenset()
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
            # The whole base map, zoomed to Korea (dashboard/projection.py).
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
