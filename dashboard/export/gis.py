"""The map at a date as GIS features: GeoJSON or a GeoPackage a GIS opens as it is.

Every feature has `layer` (frontline, control, uncertainty, parallel38, mdl, dmz, cities,
venues, events) and `date`. Held areas are `layer: control` with `side: UN | communist`
(pockets of either side are inside them, named in `pockets`); the front carries
`accuracy_km`, `status` (a keyframe, or interpolated between which days) and its sources.
Coordinates are longitude/latitude on WGS 84 (EPSG:4326).
"""

from __future__ import annotations

import datetime as dt
import io
import json

import geopandas as gpd
from shapely.geometry import Point

from dashboard.model.front import history_of, uncertainty_band
from dashboard.model.state import MapState, state_at
from events.bibliography import cited
from events.dataset import Dataset
from geodata.region import GEOGRAPHIC_CRS

COLUMNS = ("layer", "date", "name", "side", "status", "accuracy_km", "sources", "note")


def _front_features(data: Dataset, day: dt.date, layers: frozenset[str]) -> list[dict]:
    history = history_of(data)
    front = history.on(day)
    if front is None:
        return []

    def sources(citations) -> str:
        return " | ".join(cited(data.works, c)[0] for c in citations)

    features = []
    if "control" in layers:
        names = {"UN": "Held by the UN Command and ROK", "communist": "Held by the DPRK and CPV"}
        for side, area in zip(("UN", "communist"), front.held, strict=True):
            pockets = [p for p in front.pockets if p.held_by == side]
            cited_too = front.sources + tuple(s for p in pockets for s in p.sources)
            features.append(
                {
                    "layer": "control",
                    "side": side,
                    "name": names[side],
                    "status": front.status,
                    "accuracy_km": front.accuracy_km,
                    "sources": sources(cited_too),
                    "pockets": "; ".join(p.name for p in pockets),
                    "geometry": area,
                }
            )
    if "uncertainty" in layers:
        features.append(
            {
                "layer": "uncertainty",
                "name": f"Front line ± {front.accuracy_km:g} km",
                "status": front.status,
                "accuracy_km": front.accuracy_km,
                "sources": sources(front.sources),
                "geometry": uncertainty_band(front, history.coast),
            }
        )
    if "frontline" in layers:
        features.append(
            {
                "layer": "frontline",
                "name": "Front line",
                "status": front.status,
                "accuracy_km": front.accuracy_km,
                "sources": sources(front.sources),
                "note": front.keyframe.note if front.keyframe else "",
                "geometry": front.line,
            }
        )
    return features


def _line_features(data: Dataset, state: MapState, layers: frozenset[str]) -> list[dict]:
    features = []
    if "parallel38" in layers:
        role = "the dividing line" if state.parallel38_divides else "a reference line"
        features.append(
            {"layer": "parallel38", "name": f"38th parallel: {role}", "geometry": data.parallel38}
        )
    future = "" if state.mdl_in_force else " (future: agreed 27 July 1953)"
    if not (state.mdl_in_force or "future" in layers):
        layers = layers - {"mdl", "dmz"}  # as on the map: not before its time unless asked
    if "mdl" in layers:
        features.append(
            {
                "layer": "mdl",
                "name": "Military Demarcation Line" + future,
                "accuracy_km": 1.2,
                "sources": "Korean Armistice Agreement 1953, art. I",
                "geometry": data.mdl.geometry.iloc[0],
            }
        )
    if "dmz" in layers:
        features.append(
            {
                "layer": "dmz",
                "name": "Demilitarized Zone, 2 km each side of the MDL" + future,
                "sources": "Korean Armistice Agreement 1953, art. I, para. 1",
                "geometry": data.dmz,
            }
        )
    return features


def _point_features(data: Dataset, state: MapState, layers: frozenset[str]) -> list[dict]:
    features = []
    places = data.places[~data.places["abroad"]]
    if "cities" in layers:
        for pid, row in places[places["kind"] == "city"].iterrows():
            features.append(
                {
                    "layer": "cities",
                    "name": f"{row['name_en']} {row['name_ko']}",
                    "sources": row["source"],
                    "place": pid,
                    "geometry": row.geometry,
                }
            )
    if "venues" in layers:
        sitting = {m.place: m.title for m in state.sessions}
        for pid, row in places[places["kind"] == "venue"].iterrows():
            features.append(
                {
                    "layer": "venues",
                    "name": f"{row['name_en']} {row['name_ko']}",
                    "status": f"talks in session: {sitting[pid]}" if pid in sitting else "",
                    "sources": row["source"],
                    "place": pid,
                    "geometry": row.geometry,
                }
            )
    if "events" in layers:
        for m in state.events:
            if m.abroad:
                continue
            features.append(
                {
                    "layer": "events",
                    "name": m.title,
                    "status": m.when,
                    "sources": " | ".join(data.events.loc[m.id, "sources"]),
                    "place": m.place,
                    "event": m.id,
                    "category": m.category,
                    "geometry": Point(m.lon, m.lat),
                }
            )
    return features


def map_features(data: Dataset, day: dt.date, layers: frozenset[str]) -> gpd.GeoDataFrame:
    """Every feature the map draws on that day with those layers."""
    state = state_at(data, day)
    rows = (
        _front_features(data, day, layers)
        + _line_features(data, state, layers)
        + _point_features(data, state, layers)
    )
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=GEOGRAPHIC_CRS)
    for column in (*COLUMNS, "pockets", "place", "event", "category"):
        if column not in frame:
            frame[column] = ""
    frame["date"] = day.isoformat()
    text = [c for c in frame.columns if c not in ("geometry", "accuracy_km")]
    frame[text] = frame[text].fillna("").astype(str)
    frame["accuracy_km"] = frame["accuracy_km"].replace("", None).astype(float)
    return frame


def gis_bytes(data: Dataset, day: dt.date, layers: frozenset[str], fmt: str) -> bytes:
    """The features as a GeoJSON FeatureCollection or a GeoPackage, in memory."""
    frame = map_features(data, day, layers)
    if fmt == "geojson":
        collection = json.loads(frame.to_json(drop_id=True))
        return (json.dumps(collection, ensure_ascii=False) + "\n").encode("utf-8")
    buffer = io.BytesIO()
    frame.to_file(buffer, driver="GPKG", layer=f"korea_{day.isoformat()}", engine="pyogrio")
    return buffer.getvalue()
