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

import pytest

from dashboard.figure import style
from tests.cielab import difference, lightness

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


LOOKS = {
    "screen": {
        "foreign land": style.LAND_NEIGHBOURS,
        "sea": style.SEA,
        "UN-held": style.HELD_UN,
        "Communist-held": style.HELD_COMMUNIST,
    },
}
LOOKS["projector"] = {k: style.PROJECTOR_COLOURS[v] for k, v in LOOKS["screen"].items()}


def lightness_gaps(fills: dict[str, str]) -> dict[tuple[str, str], float]:
    """How far apart in L* each pair of the map's four fills is: what is left of them when
    the map is printed in black and white."""
    return {
        (a, b): abs(lightness(ca) - lightness(cb))
        for (a, ca), (b, cb) in itertools.combinations(fills.items(), 2)
    }


def assert_apart_in_greyscale(fills: dict[str, str]) -> None:
    for pair, gap in lightness_gaps(fills).items():
        least = 15 if set(pair) == {"UN-held", "Communist-held"} else 8
        assert gap >= least, (pair, round(gap, 1), fills)


@pytest.mark.parametrize("look", LOOKS)
def test_the_four_fills_stay_apart_in_greyscale(look):
    assert_apart_in_greyscale(LOOKS[look])
