"""The map fills the space it is given, at a laptop's size, on a large screen and in
presentation view; Korea stands tall in its frame; the legend stays off Korea's land."""

from __future__ import annotations

import pytest
import shapely

pytestmark = pytest.mark.browser

MEASURE = """(koreaPoints) => {
  const gd = document.querySelector('#map-base .js-plotly-plot');
  const geo = gd._fullLayout.geo._subplot;
  const box = gd.getBoundingClientRect();
  const frame = {left: box.left + geo.xaxis._offset, top: box.top + geo.yaxis._offset,
                 width: geo.xaxis._length, height: geo.yaxis._length};
  const area = document.querySelector('#map-base').getBoundingClientRect();
  const ys = koreaPoints.map(p => geo.projection(p)[1] + box.top);
  const xs = koreaPoints.map(p => geo.projection(p)[0] + box.left);
  const legend = document.querySelector('#map .legend');
  const l = legend ? legend.getBoundingClientRect() : null;
  return {frame, area: {width: area.width, height: area.height},
          korea: {top: Math.min(...ys), bottom: Math.max(...ys)},
          points: xs.map((x, i) => [x, ys[i]]),
          legend: l && {left: l.left, right: l.right, top: l.top, bottom: l.bottom}};
}"""


@pytest.fixture(scope="module")
def korea_points(dataset):
    """Korea's coast, every tenth vertex: enough to know where its land lies."""
    coast = shapely.get_coordinates(dataset.basemap.loc["Korea", "geometry"].boundary)
    return [[float(x), float(y)] for x, y in coast[::10]]


def measured(page, url: str, size: tuple[int, int], korea_points) -> dict:
    """The map's frame, its area, Korea's extent and the legend, as drawn at this size."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(url)
    page.wait_for_selector("#map-base .scattergeo", timeout=30_000)
    page.wait_for_timeout(300)
    return page.evaluate(MEASURE, korea_points)


@pytest.mark.parametrize("width, height", [(1366, 768), (1920, 1080)])
def test_the_map_fills_its_area_and_korea_stands_tall(page, app_url, korea_points, width, height):
    m = measured(page, app_url + "/?date=1951-08-01", (width, height), korea_points)
    frame, area = m["frame"], m["area"]
    assert frame["width"] * frame["height"] >= 0.85 * area["width"] * area["height"], m
    korea_height = m["korea"]["bottom"] - m["korea"]["top"]
    assert korea_height >= 0.75 * frame["height"], m
    # The legend lies over the neighbours or the sea, never over Korea's land.
    legend = m["legend"]
    inside = [
        (x, y)
        for x, y in m["points"]
        if legend["left"] <= x <= legend["right"] and legend["top"] <= y <= legend["bottom"]
    ]
    assert inside == [], inside[:3]


@pytest.mark.parametrize("width, height", [(1366, 768), (1920, 1080)])
def test_in_presentation_view_the_map_takes_most_of_the_screen(
    page, app_url, korea_points, width, height
):
    url = app_url + "/?tour=division_to_armistice&stop=1&present=1"
    m = measured(page, url, (width, height), korea_points)
    frame = m["frame"]
    assert frame["width"] * frame["height"] >= 0.60 * width * height, m
    assert m["korea"]["bottom"] - m["korea"]["top"] >= 0.75 * frame["height"], m
