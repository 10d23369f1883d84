"""The map's fills as Chromium paints them on screen and on the projector: the sea, the
foreign land and the two sides' areas stay apart when the screen is printed in greys."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.cielab import rendered_fill
from tests.test_dashboard_colours import LOOKS, assert_apart_in_greyscale

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("look, query", [("screen", ""), ("projector", "&present=1")])
def test_the_painted_fills_stay_apart_in_greyscale(open_view, look, query):
    page = open_view(f"?date=1951-08-01&layers=control,frontline{query}")
    page.wait_for_timeout(500)  # the held areas drawn over the base map
    shot = Image.open(io.BytesIO(page.locator("#map-base").screenshot()))
    painted = {name: rendered_fill(shot, colour) for name, colour in LOOKS[look].items()}
    assert_apart_in_greyscale(painted)
