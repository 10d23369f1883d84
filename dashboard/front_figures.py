"""The front's traces: the areas each side held, the pockets, the uncertainty band and the
line, drawn from the geometry dashboard/front.py computed. The print figure fills them here
for one day; the browser fills the same templates from the same geometry (front_payload)."""

from __future__ import annotations

import datetime as dt

from dashboard import style
from dashboard.front import history_of, uncertainty_band
from dashboard.geometry_coords import line_coords
from dashboard.map_options import MapOptions
from dashboard.traces import area_trace
from events.dataset import Dataset
from geodata.frontlines import Pocket

SIDE_FILL = {"UN": style.HELD_UN, "communist": style.HELD_COMMUNIST}
SIDE_NAME = {
    "UN": "Held by the UN Command and ROK",
    "communist": "Held by the DPRK and Chinese People's Volunteers",
}
NO_LINE = {"color": "rgba(0,0,0,0)", "width": 0}


def held_templates(options: MapOptions) -> list[dict]:
    """The two held areas without coordinates (drawn under the pockets). They draw Korea's
    coast, in place of its land (see figures.korea_land_index)."""
    if "control" not in options.layers:
        return []
    return [
        area_trace(
            ([], []),
            SIDE_NAME[side],
            "control",
            SIDE_FILL[side],
            {"color": style.COAST, "width": 0.6},
            legendgroup="control",
            meta={"layer": "control", "side": side},
        )
        for side in ("UN", "communist")
    ]


def pocket_trace(pocket: Pocket, data: Dataset) -> dict:
    """A pocket in its side's fill, with its coast, named in the legend."""
    area = pocket.area.intersection(history_of(data).coast.land)
    return area_trace(
        line_coords(area, densify=False),
        pocket.name,
        "control",
        SIDE_FILL[pocket.held_by],
        {"color": style.COAST, "width": 0.6},
        legendgroup=f"pocket {pocket.name}",
        meta={"layer": "control", "side": pocket.held_by, "pocket": pocket.name},
    )


def pocket_front_trace(pocket: Pocket, data: Dataset) -> dict:
    """The front line round a pocket: its edge on land, not along the sea."""
    coast = history_of(data).coast
    area = pocket.area.intersection(coast.land)
    # Within about 1 km of the coast the pocket's edge is the coast itself.
    inland = area.boundary.difference(coast.land.boundary.buffer(0.01))
    trace = line_template(MapOptions(layers=frozenset({"frontline"})))[0]
    lon, lat = line_coords(inland, densify=False)
    trace.update(
        lon=lon,
        lat=lat,
        showlegend=False,
        hoverinfo="skip",
        meta={"layer": "frontline", "pocket": pocket.name},
    )
    return trace


def band_template(options: MapOptions) -> list[dict]:
    if "uncertainty" not in options.layers:
        return []
    return [
        area_trace(
            ([], []),
            "Front line ± its stated accuracy",
            "uncertainty",
            style.FRONT_BAND,
            NO_LINE,
            legendgroup="uncertainty",
        )
    ]


def line_template(options: MapOptions) -> list[dict]:
    if "frontline" not in options.layers:
        return []
    return [
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
    ]


def line_text(status: str, accuracy_km: float) -> str:
    """What hovering the line says."""
    return f"Front line, {status} (± {accuracy_km:g} km)"


def front_traces(data: Dataset, day: dt.date, options: MapOptions) -> list[dict]:
    """The front's traces on a day, in drawing order: held areas, pockets, band, line.
    Empty templates outside the war."""
    held, band, line = held_templates(options), band_template(options), line_template(options)
    front = history_of(data).on(day)
    if front is None:
        return held + band + line
    # Not densified: the browser draws these vertices as they are (front_payload.py).
    for trace, area in zip(held, front.main if held else (), strict=True):
        trace["lon"], trace["lat"] = line_coords(area, densify=False)
    pockets = [pocket_trace(p, data) for p in front.pockets] if "control" in options.layers else []
    for trace in band:
        band_area = uncertainty_band(front, history_of(data).coast)
        trace["lon"], trace["lat"] = line_coords(band_area, densify=False)
    for trace in line:
        trace["lon"], trace["lat"] = line_coords(front.line, densify=False)
        trace["text"] = line_text(front.status, front.accuracy_km)
    if line:
        line += [pocket_front_trace(p, data) for p in front.pockets]
    return held + pockets + band + line
