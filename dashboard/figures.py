"""Plotly figures as plain dicts: the map at a state, and the timeline strip.

Pure: the same inputs give the same figure. The dashboard and the export both draw with
`build_figure`; the browser's per-day animation only swaps in traces built here.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import math
from dataclasses import dataclass, field

import geopandas as gpd
import shapely
from shapely.geometry import box

from dashboard import style
from dashboard.front import front_on, held_areas, line_on_land, uncertainty_band
from dashboard.geometry_coords import line_coords, polygon_coords
from dashboard.state import (
    TIMELINE_END,
    TIMELINE_START,
    EventMark,
    MapState,
    day_number,
    event_marks,
)
from events.dataset import Dataset
from geodata.region import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN

# Layers the dashboard offers today, in the order of the layer picker.
MAP_LAYERS = (
    "parallel38",
    "mdl",
    "dmz",
    "frontline",
    "control",
    "uncertainty",
    "cities",
    "venues",
    "events",
)
DEFAULT_LAYERS = frozenset(MAP_LAYERS) - {"uncertainty"}
FRONT_LAYERS = ("control", "uncertainty", "frontline")
LANGUAGES = ("en", "ko", "both")
SCREEN_DETAIL = 0.003  # degrees (about 300 m): coastline simplification on screen
KOREA_ANCHOR = (126.98, 37.57)  # the inset's "Korea" mark: Seoul
# Text that names the land areas; positions are only where the words sit on the map.
AREA_LABELS = [("CHINA", 122.6, 41.9), ("USSR", 131.1, 43.15), ("JAPAN", 131.0, 33.05)]
EMPTY_TEMPLATE = {"data": {}, "layout": {}}  # keeps plotly.py from injecting its default


@dataclass(frozen=True)
class MapOptions:
    layers: frozenset[str] = field(default_factory=lambda: DEFAULT_LAYERS)
    lang: str = "en"
    detail: float = SCREEN_DETAIL


def plain(text: str) -> str:
    """Data text for Plotly, which reads a few HTML-like tags in labels: escape them all,
    so a title containing <b> or <a href=...> shows as typed and never as markup."""
    return html.escape(str(text), quote=False)


def place_name(row, lang: str) -> str:
    if lang == "ko":
        return plain(row["name_ko"])
    if lang == "both":
        return plain(f"{row['name_en']} {row['name_ko']}")
    return plain(row["name_en"])


def _line_trace(geometry, layer: str, name: str, line: dict, hover: str, **extra) -> dict:
    lons, lats = line_coords(geometry)
    return {
        "type": "scattergeo",
        "mode": "lines",
        "lon": lons,
        "lat": lats,
        "name": name,
        "line": line,
        # Lines never take the hover (or the click) from the markers on and beside them;
        # what each line is stands in the legend.
        "hoverinfo": "skip",
        "text": hover,
        "meta": {"layer": layer},
        "legendgroup": layer,
        **extra,
    }


def _area_trace(
    coords: tuple[list, list], name: str, layer: str, fill: str, line: dict, **extra
) -> dict:
    """A filled area (land, the DMZ): polygon rings drawn with fill='toself'."""
    lons, lats = coords
    return {
        "type": "scattergeo",
        "mode": "lines",
        "fill": "toself",
        "lon": lons,
        "lat": lats,
        "fillcolor": fill,
        "line": line,
        "hoverinfo": "skip",
        "name": name,
        "meta": {"layer": layer},
        **extra,
    }


def static_traces(data: Dataset, options: MapOptions) -> list[dict]:
    """Land and coast: the same on every day."""
    traces = []
    for name in ("China", "USSR", "Japan", "Korea"):
        if name not in data.basemap.index:
            continue
        fill = style.LAND_KOREA if name == "Korea" else style.LAND_NEIGHBOURS
        traces.append(
            _area_trace(
                polygon_coords(data.basemap.loc[name, "geometry"], options.detail),
                name,
                "land",
                fill,
                {"color": style.COAST, "width": 0.6},
                showlegend=False,
            )
        )
    # A thin frame round the map box, so the land's straight edges read as the map's edge.
    frame_lon, frame_lat = line_coords(box(LON_MIN, LAT_MIN, LON_MAX, LAT_MAX).exterior)
    traces.append(
        {
            "type": "scattergeo",
            "mode": "lines",
            "lon": frame_lon,
            "lat": frame_lat,
            "line": {"color": style.MUTED, "width": 1},
            "hoverinfo": "skip",
            "showlegend": False,
            "name": "frame",
            "meta": {"layer": "land"},
        }
    )
    traces.append(
        {
            "type": "scattergeo",
            "mode": "text",
            "lon": [x for _, x, _ in AREA_LABELS],
            "lat": [y for _, _, y in AREA_LABELS],
            "text": [t for t, _, _ in AREA_LABELS],
            "textfont": {"size": 13, "color": style.MUTED},
            "hoverinfo": "skip",
            "showlegend": False,
            "name": "area names",
            "meta": {"layer": "land"},
        }
    )
    return traces


def _parallel_trace(data: Dataset, state: MapState) -> dict:
    if state.parallel38_divides:
        return _line_trace(
            data.parallel38,
            "parallel38",
            "38th parallel: dividing line (1945–1950)",
            {"color": style.PARALLEL38, "width": 3, "dash": "dash"},
            "38th parallel: the US–Soviet line of August 1945, dividing Korea until 25 June 1950",
        )
    return _line_trace(
        data.parallel38,
        "parallel38",
        "38th parallel (reference line)",
        {"color": style.PARALLEL38, "width": 1.2, "dash": "dot"},
        "38th parallel: reference only; no longer the dividing line after 25 June 1950",
        opacity=0.6,
    )


def _mdl_traces(data: Dataset, state: MapState, layers: frozenset[str]) -> list[dict]:
    traces = []
    if "dmz" in layers:
        in_force = state.mdl_in_force
        traces.append(
            _area_trace(
                polygon_coords(data.dmz),
                "Demilitarized Zone, 2 km each side"
                if in_force
                else "DMZ (future, from 27 July 1953)",
                "dmz",
                style.DMZ_FILL if in_force else "rgba(120, 120, 120, 0.12)",
                {"color": style.MDL if in_force else style.FUTURE, "width": 0.5},
                legendgroup="dmz",
            )
        )
    if "mdl" in layers:
        mdl = data.mdl.geometry.iloc[0]
        if state.mdl_in_force:
            traces.append(
                _line_trace(
                    mdl,
                    "mdl",
                    "Military Demarcation Line (27 July 1953)",
                    {"color": style.MDL, "width": 3},
                    "Military Demarcation Line, Armistice Agreement of 27 July 1953",
                )
            )
        else:
            traces.append(
                _line_trace(
                    mdl,
                    "mdl",
                    "1953 MDL (future line, not yet agreed)",
                    {"color": style.FUTURE, "width": 2, "dash": "dash"},
                    "The Military Demarcation Line as agreed on 27 July 1953 (future on this date)",
                )
            )
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
def _cities_trace(data: Dataset, lang: str) -> dict:
    cities = data.places[(data.places["kind"] == "city") & ~data.places["abroad"]]
    labelled = list(cities["label"] == "always")
    labels = [
        place_name(r, lang) if lab else ""
        for (_, r), lab in zip(cities.iterrows(), labelled, strict=True)
    ]
    # Places named only on hover are drawn smaller and grey, so no dot looks unnamed.
    return _places_trace(
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
    in_session = "회담 중" if lang == "ko" else "talks in session"
    active_labels = [f"<b>{place_name(r, lang)}</b>: {in_session}" for _, r in active.iterrows()]
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


@functools.lru_cache(maxsize=4)
def _world_coords(data: Dataset) -> tuple[list, list]:
    # Not densified: a thumbnail of the world needs no true parallels, and stays small.
    return line_coords(data.world, densify=False)


def _inset_traces(data: Dataset, state: MapState, lang: str) -> list[dict]:
    """The world locator: talks and events away from Korea, each with a line to Korea."""
    away = [m for m in (*state.sessions, *state.events) if m.abroad]
    places = list(dict.fromkeys(m.place for m in away))
    active = bool(places)
    land = _area_trace(
        _world_coords(data) if active else ([], []),
        "world",
        "inset",
        style.LAND_NEIGHBOURS,
        {"color": style.COAST, "width": 0.4},
        geo="geo2",
        showlegend=False,
    )
    ray_lon, ray_lat, mark_lon, mark_lat, labels, hovers = [], [], [], [], [], []
    for pid in places:
        place = data.places.loc[pid]
        ray_lon += [place.geometry.x, KOREA_ANCHOR[0], None]
        ray_lat += [place.geometry.y, KOREA_ANCHOR[1], None]
        mark_lon.append(place.geometry.x)
        mark_lat.append(place.geometry.y)
        labels.append(place_name(place, lang).split(" (")[0])  # "Flushing Meadows"
        hovers.append("<br>".join(dict.fromkeys(plain(m.title) for m in away if m.place == pid)))
    rays = {
        "type": "scattergeo",
        "geo": "geo2",
        "mode": "lines",
        "lon": ray_lon,
        "lat": ray_lat,
        "line": {"color": style.VENUE_ACTIVE, "width": 1.5, "dash": "dot"},
        "hoverinfo": "skip",
        "showlegend": False,
        "name": "toward Korea",
        "meta": {"layer": "inset"},
    }
    korea = "한국" if lang == "ko" else "Korea"
    marks = {
        "type": "scattergeo",
        "geo": "geo2",
        "mode": "markers+text",
        "lon": [*mark_lon, KOREA_ANCHOR[0]] if active else [],
        "lat": [*mark_lat, KOREA_ANCHOR[1]] if active else [],
        "text": [*labels, korea] if active else [],
        "textposition": "top center",
        "textfont": {"size": 11, "color": style.INK},
        "hovertext": [*hovers, korea] if active else [],
        "hoverinfo": "text",
        "marker": {
            "size": [10] * len(mark_lon) + [8],
            "color": style.VENUE_ACTIVE,
            "symbol": ["diamond"] * len(mark_lon) + ["square"],
            "line": {"color": style.INK, "width": 1},
        },
        "showlegend": False,
        "name": "away from Korea",
        "meta": {"layer": "inset"},
    }
    return [land, rays, marks]


def dynamic_traces(data: Dataset, state: MapState, options: MapOptions) -> list[dict]:
    """Everything that depends on the date; always the same number of traces for an option set."""
    layers, lang = options.layers, options.lang
    traces = _mdl_traces(data, state, layers)
    if "parallel38" in layers:
        traces.append(_parallel_trace(data, state))
    if "cities" in layers:
        traces.append(_cities_trace(data, lang))
    if "venues" in layers:
        traces.extend(_venue_traces(data, state, lang))
    if "events" in layers:
        venues = _venue_places(data) if "venues" in layers else frozenset()
        traces.extend(_event_traces(state, lang, venues))
    traces.extend(_inset_traces(data, state, lang))
    return traces


def inset_geo(active: bool) -> dict:
    """The locator's frame: shown only while something happens away from Korea."""
    return {
        "visible": False,
        "domain": {"x": [0.005, 0.30], "y": [0.01, 0.25]},
        "projection": {"type": "natural earth"},
        "bgcolor": style.SEA if active else "rgba(0,0,0,0)",
        "lataxis": {"range": [-58, 80]},
    }


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
            "projection": {"type": "mercator"},
            # The whole map box: land is drawn to its edges, so no coast ends in mid-air.
            "lonaxis": {"range": [LON_MIN, LON_MAX]},
            "lataxis": {"range": [LAT_MIN, LAT_MAX]},
        },
        "geo2": inset_geo(False),
        "uirevision": "korea-map",
        "dragmode": "pan",
        "hoverlabel": {"font": {"size": 13}},
    }


def front_templates(options: MapOptions) -> list[dict]:
    """The front's traces without coordinates, in drawing order: held areas, UN pockets,
    the uncertainty band, the line. Python fills them for a day (export, tests); the
    browser fills the same templates while it animates."""
    layers, traces = options.layers, []
    if "control" in layers:
        for side, name, colour in (
            ("un", "Held by the UN Command and ROK", style.HELD_UN),
            ("communist", "Held by the DPRK and Chinese People's Volunteers", style.HELD_COMMUNIST),
            ("pocket", "UN-held pocket", style.HELD_UN_POCKET),
        ):
            traces.append(
                _area_trace(
                    ([], []),
                    name,
                    "control",
                    colour,
                    {"color": "rgba(0,0,0,0)", "width": 0},
                    legendgroup="control",
                    showlegend=side != "pocket",
                    meta={"layer": "control", "side": side},
                )
            )
    if "uncertainty" in layers:
        traces.append(
            _area_trace(
                ([], []),
                "Front line ± its stated accuracy",
                "uncertainty",
                style.FRONT_BAND,
                {"color": "rgba(0,0,0,0)", "width": 0},
                legendgroup="uncertainty",
            )
        )
    if "frontline" in layers:
        traces.append(
            {
                "type": "scattergeo",
                "mode": "lines",
                "lon": [],
                "lat": [],
                "name": "Front line",
                "line": {"color": style.FRONT_LINE, "width": 2.5},
                "hoverinfo": "text",
                "text": "",
                "meta": {"layer": "frontline"},
                "legendgroup": "frontline",
            }
        )
    return traces


def front_traces(data: Dataset, day: dt.date, options: MapOptions) -> list[dict]:
    """The front's traces on a day (empty outside the war): exact, with shapely."""
    templates = front_templates(options)
    found = front_on(list(data.keyframes), list(data.enclaves), day)
    if found is None:
        return templates
    un, communist = held_areas(data.land, found) if "control" in options.layers else (None, None)
    shapes = {
        "un": un,
        "communist": communist,
        "pocket": shapely.union_all(
            [p.area.intersection(data.land) for p in found.enclaves if p.held_by == "UN"]
        )
        if found.enclaves
        else None,
    }
    for trace in templates:
        layer = trace["meta"]["layer"]
        if layer == "control":
            geometry = shapes[trace["meta"]["side"]]
        elif layer == "uncertainty":
            geometry = uncertainty_band(found, data.land)
        else:
            geometry = line_on_land(found, data.land)
            trace["text"] = f"Front line, {found.status} (± {found.accuracy_km:g} km)"
        if geometry is not None and not geometry.is_empty:
            trace["lon"], trace["lat"] = polygon_coords(geometry, options.detail / 2)
    return templates


def build_figure(data: Dataset, state: MapState, options: MapOptions) -> dict:
    """The map on a day with these options: the one builder of every map drawn."""
    dynamic = dynamic_traces(data, state, options)
    layout = base_layout(options)
    layout["geo2"] = inset_geo(bool(dynamic[-1]["lon"]))
    front = front_traces(data, state.day, options)
    return {"data": static_traces(data, options) + front + dynamic, "layout": layout}


def timeline_figure(data: Dataset) -> dict:
    """The strip under the map: each event a mark on the time axis, by category."""
    traces = []
    rows = list(style.CATEGORY_STYLE)
    for row, (category, look) in enumerate(style.CATEGORY_STYLE.items()):
        events = data.events[data.events["category"] == category]
        span_x, span_y = [], []
        for _, e in events[events["first_day"] != events["last_day"]].iterrows():
            span_x += [e["first_day"].isoformat(), e["last_day"].isoformat(), None]
            span_y += [row, row, None]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": span_x,
                "y": span_y,
                "line": {"color": look["color"], "width": 5},
                "opacity": 0.45,
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [d.isoformat() for d in events["first_day"]],
                "y": [row] * len(events),
                "marker": {
                    "size": 10,
                    "color": look["color"],
                    "symbol": look["symbol"],
                    "line": {"color": "white", "width": 1},
                },
                "customdata": [
                    [eid, day_number(max(d, TIMELINE_START))]
                    for eid, d in zip(events.index, events["first_day"], strict=True)
                ],
                "hovertext": [f"{e['when']}: {plain(e['title'])}" for _, e in events.iterrows()],
                "hoverinfo": "text",
                "name": look["label"],
                "showlegend": False,
            }
        )
    return {
        "data": traces,
        "layout": {
            "template": EMPTY_TEMPLATE,
            # Side margins match the slider's, so a mark sits under its day on the slider.
            "height": 104,
            "margin": {"l": 84, "r": 14, "t": 4, "b": 22},
            "paper_bgcolor": "white",
            "plot_bgcolor": "#fafafa",
            "font": {"family": style.FONT_FAMILY, "size": 12, "color": style.INK},
            "xaxis": {
                "type": "date",
                "range": [TIMELINE_START.isoformat(), TIMELINE_END.isoformat()],
                "fixedrange": True,
                "showgrid": True,
                "gridcolor": "#e6e6e6",
                "dtick": "M12",
                "tickformat": "%Y",
            },
            "yaxis": {
                "tickvals": list(range(len(rows))),
                "fixedrange": True,
                "ticktext": [style.CATEGORY_STYLE[c]["label"] for c in rows],
                "tickfont": {"size": 11, "color": style.MUTED},
                "range": [-0.6, len(rows) - 0.4],
            },
            "hovermode": "closest",
            "dragmode": False,
        },
    }
