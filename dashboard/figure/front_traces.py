"""The front's traces: the areas each side held, the pockets, the uncertainty band and the
line, drawn from the geometry dashboard/model/front.py computed. The print figure fills them here
for one day; the browser fills the same templates from the same geometry (front_payload)."""

from __future__ import annotations

import datetime as dt

from dashboard.figure import style
from dashboard.figure.geometry_coords import line_coords
from dashboard.figure.traces import area_trace
from dashboard.model.front import history_of, uncertainty_band
from dashboard.model.map_options import MapOptions
from events.dataset import Dataset
from geodata.frontlines import Pocket

SIDE_FILL = {"UN": style.HELD_UN, "communist": style.HELD_COMMUNIST}
# Who held each side's area, as the legend names them; the names change with the war.
UN_COMMAND = "Held by the UN Command and ROK"
ROK = "Held by the Republic of Korea"
CPV = "Held by the DPRK and Chinese People's Volunteers"
KPA = "Held by the DPRK (Korean People's Army)"
NO_LINE = {"color": "rgba(0,0,0,0)", "width": 0}


def _first_day(data: Dataset, event: str) -> dt.date | None:
    return data.events.loc[event, "first_day"] if event in data.events.index else None


def side_name_changes(data: Dataset) -> list[tuple[dt.date, dict[str, str]]]:
    """The days from which each side's area is named anew, with the names: the UN Command
    from Security Council resolution 84 (event unsc_res84), the Chinese People's Volunteers
    from their crossing of the Yalu (event cpv_cross_yalu). The dates are the dataset's
    cited events; a dataset without them names both sides as they stood from late 1950."""
    first = history_of(data).first_day
    un_command, cpv = _first_day(data, "unsc_res84"), _first_day(data, "cpv_cross_yalu")
    days = sorted({first, *(d for d in (un_command, cpv) if d and d > first)})
    return [
        (
            day,
            {
                "UN": UN_COMMAND if un_command is None or day >= un_command else ROK,
                "communist": CPV if cpv is None or day >= cpv else KPA,
            },
        )
        for day in days
    ]


def side_names(data: Dataset, day: dt.date) -> dict[str, str]:
    """The two sides' names in the legend on `day`."""
    changes = side_name_changes(data)
    return next((names for since, names in reversed(changes) if day >= since), changes[0][1])


def held_templates(options: MapOptions, names: dict[str, str]) -> list[dict]:
    """The two held areas without coordinates (drawn under the pockets), named as on the
    day (side_names). They draw Korea's coast, in place of its land (see
    figures.korea_land_index)."""
    if "control" not in options.layers:
        return []
    return [
        area_trace(
            ([], []),
            names[side],
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
    inland = area.boundary.difference(coast.shore)
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
    held = held_templates(options, side_names(data, day))
    band, line = band_template(options), line_template(options)
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
