"""The front's traces: the areas each side held, the UN-held pockets, the uncertainty
band and the line. Python fills them for a day (exports, tests); the browser fills the same
templates while it animates (assets/map_core.js)."""

from __future__ import annotations

import datetime as dt

import shapely

from dashboard import style
from dashboard.front import front_on, held_areas, line_on_land, uncertainty_band
from dashboard.geometry_coords import polygon_coords
from dashboard.map_options import MapOptions
from dashboard.traces import area_trace
from events.dataset import Dataset


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
                area_trace(
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
            area_trace(
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
