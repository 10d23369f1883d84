"""The palette stays readable for the two common colour-vision deficiencies.

Each colour is passed through Machado, Oliveira & Fernandes (2009)'s simulation matrices
for protanopia and deuteranopia (severity 1.0, applied to linear RGB), and the pairs that
must be told apart are compared in CIELAB. A colour difference (ΔE*ab) of about 2.3 is just
noticeable; we ask for 15 between the sides (pale fills, so labels stay readable on
them), and for 10 between categories
(which also differ in marker shape, so colour is never the only cue).
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest

from dashboard import style

MACHADO_2009 = {
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "normal vision": np.eye(3),
}
SRGB_TO_XYZ = np.array(
    [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
)
WHITE = SRGB_TO_XYZ @ np.ones(3)


def _rgb(colour: str, over: str = "#ffffff") -> np.ndarray:
    """sRGB 0..1 of '#rrggbb' or 'rgba(r, g, b, a)' laid over a background."""
    if colour.startswith("#"):
        return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    r, g, b, a = (float(x) for x in re.findall(r"[\d.]+", colour))
    return a * np.array([r, g, b]) / 255 + (1 - a) * _rgb(over)


def _linear(rgb: np.ndarray) -> np.ndarray:
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    t = (SRGB_TO_XYZ @ np.clip(linear, 0, 1)) / WHITE
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen(colour: str, vision: str, over: str = "#ffffff") -> np.ndarray:
    return _lab(MACHADO_2009[vision] @ _linear(_rgb(colour, over)))


def difference(a: str, b: str, vision: str, over: str = "#ffffff") -> float:
    return float(np.linalg.norm(seen(a, vision, over) - seen(b, vision, over)))


VISIONS = ("protanopia", "deuteranopia", "normal vision")


@pytest.mark.parametrize("vision", VISIONS)
def test_event_categories_stay_apart(vision):
    colours = {k: v["color"] for k, v in style.CATEGORY_STYLE.items()}
    for (a, ca), (b, cb) in itertools.combinations(colours.items(), 2):
        assert difference(ca, cb, vision) >= 10, (vision, a, b)


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize(
    "land, un, communist",
    [
        (style.LAND_KOREA, style.HELD_UN, style.HELD_COMMUNIST),
        (
            style.PROJECTOR_COLOURS[style.LAND_KOREA],
            style.PROJECTOR_COLOURS[style.HELD_UN],
            style.PROJECTOR_COLOURS[style.HELD_COMMUNIST],
        ),
    ],
    ids=["screen", "projector"],
)
def test_the_two_sides_stay_apart_on_land(vision, land, un, communist):
    assert difference(un, communist, vision, over=land) >= 15


@pytest.mark.parametrize("vision", VISIONS)
def test_the_held_areas_do_not_read_as_sea_on_the_projector(vision):
    sea = style.PROJECTOR_COLOURS[style.SEA]
    land = style.PROJECTOR_COLOURS[style.LAND_KOREA]
    for held in (style.HELD_UN, style.HELD_COMMUNIST):
        fill = style.PROJECTOR_COLOURS[held]
        assert difference(fill, sea, vision, over=land) >= 10, (vision, held)


def test_the_simulation_is_the_published_one():
    # Pure red under deuteranopia comes out a dull olive: red and green merge.
    red, green = "#ff0000", "#00aa00"
    assert difference(red, green, "normal vision") > 80
    assert difference(red, green, "deuteranopia") < difference(red, green, "normal vision") / 2
