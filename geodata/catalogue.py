"""The map's layers: what each shows, when it holds, and where its facts come from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DIVISION = dt.date(1945, 8, 10)  # the night of 10-11 August 1945: the line is chosen
INVASION = dt.date(1950, 6, 25)
ARMISTICE = dt.date(1953, 7, 27)
# The days the map covers: from the choice of the line to the end of the Geneva
# Conference's Korean phase (15 June 1954).
MAP_FIRST_DAY = DIVISION
MAP_LAST_DAY = dt.date(1954, 6, 15)


@dataclass(frozen=True)
class Layer:
    id: str
    title: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    source: str  # where the layer's facts come from, in words
    accuracy: str
    cites: tuple[str, ...] = ()  # the works behind a fixed line (WORK_ID: LOCATOR)

    def holds_on(self, day: dt.date) -> bool:
        """True while the layer is what it claims to be (not merely a reference line)."""
        after_start = self.valid_from is None or day >= self.valid_from
        before_end = self.valid_to is None or day <= self.valid_to
        return after_start and before_end


NATURAL_EARTH = "Natural Earth 1:10m Admin 0 (public domain), via world-atlas@2.0.2"
ARMISTICE_TEXT = (
    "Agreement between the Commander-in-Chief, United Nations Command, and the Supreme "
    "Commander of the Korean People's Army and the Commander of the Chinese People's "
    "Volunteers, concerning a military armistice in Korea, 27 July 1953"
)

LAYERS: dict[str, Layer] = {
    layer.id: layer
    for layer in [
        Layer(
            "parallel38",
            "38th parallel",
            DIVISION,
            INVASION - dt.timedelta(days=1),
            "US State-War-Navy Coordinating Committee, General Order No. 1 (August 1945); "
            "the line computed at 38°N on " + NATURAL_EARTH,
            "exact by construction; coastline generalised to about 1 km",
            ("frus_1945_v06: doc. 437", "lee_2006: ch. 2"),
        ),
        Layer(
            "mdl",
            "Military Demarcation Line (1953)",
            ARMISTICE,
            None,
            ARMISTICE_TEXT + ", Article I; line from " + NATURAL_EARTH,
            "generalised: about 1.2 km from the MDL on average, a few km where it cuts a bend; "
            "204 km long where the MDL measures about 239 km",
            ("armistice_agreement_1953: art. I, paras. 1-2", "ibs_22_1963: p. 2"),
        ),
        Layer(
            "dmz",
            "Demilitarized Zone (1953)",
            ARMISTICE,
            None,
            ARMISTICE_TEXT + ", Article I, paragraph 1 (2 km each side of the MDL)",
            "as the MDL; buffer computed in EPSG:5179 metres",
            ("armistice_agreement_1953: art. I, para. 1",),
        ),
        Layer(
            "frontline",
            "Front line",
            INVASION,
            ARMISTICE,
            "dated keyframes in geodata/frontlines.geojson, each with its sources",
            "per keyframe (accuracy_km)",
        ),
        Layer(
            "control",
            "Areas held by each side",
            INVASION,
            ARMISTICE,
            "derived from the front line",
            "as the front line",
        ),
        Layer(
            "uncertainty",
            "Uncertainty of the front line",
            INVASION,
            ARMISTICE,
            "accuracy_km of each keyframe",
            "as stated per keyframe",
        ),
        Layer(
            "cities",
            "Cities",
            None,
            None,
            "geodata/places.geojson (source per place)",
            "within 1 km of the cited gazetteer",
        ),
        Layer(
            "venues",
            "Negotiation venues",
            None,
            None,
            "geodata/places.geojson; sessions from events/events.csv",
            "sessions dated as precisely as the sources allow",
        ),
        Layer(
            "events",
            "Events at this date",
            None,
            None,
            "events/events.csv (per event)",
            "per event",
        ),
    ]
}

# Layers on when a view or a tour stop names none: all but the uncertainty band, which
# doubles the ink on the front and is for those who ask for it.
DEFAULT_LAYER_IDS = tuple(name for name in LAYERS if name != "uncertainty")
