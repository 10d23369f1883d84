"""The strip under the map: every event a mark on the time axis, coloured by category."""

from __future__ import annotations

from dashboard.figure import style
from dashboard.figure.traces import EMPTY_TEMPLATE, plain
from dashboard.model.cache import kept
from dashboard.model.state import TIMELINE_END, TIMELINE_START, day_number
from dashboard.model.words import category_name
from events.dataset import Dataset

# The strip's plot area inside its graph, in px. The slider above spans the same x so that
# a mark sits under its day, and the day's cursor runs over the plot area: the page's CSS
# and the cursor read these through CSS variables (strip_css_variables), never a copy.
HEIGHT = 104
MARGIN = {"l": 84, "r": 14, "t": 4, "b": 22}


def strip_css_variables() -> dict[str, str]:
    """The strip's height and margins as CSS variables, set on the column that holds it."""
    sides = {"l": "left", "r": "right", "t": "top", "b": "bottom"}
    return {
        "--strip-height": f"{HEIGHT}px",
        **{f"--strip-{sides[k]}": f"{v}px" for k, v in MARGIN.items()},
    }


def row_names(lang: str) -> list[str]:
    """The strip's rows, top to bottom, in the reader's language."""
    return [category_name(c, look["label"], lang) for c, look in style.CATEGORY_STYLE.items()]


@kept(maxsize=8)
def timeline_figure(data: Dataset, lang: str = "en") -> dict:
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
                "hovertext": [
                    f"{e['when_written'][lang]}: {plain(e['title'])}" for _, e in events.iterrows()
                ],
                "hoverinfo": "text",
                "name": look["label"],
                "showlegend": False,
            }
        )
    return {
        "data": traces,
        "layout": {
            "template": EMPTY_TEMPLATE,
            "height": HEIGHT,
            "margin": MARGIN,
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
                "ticktext": row_names(lang),
                "tickfont": {"size": 11, "color": style.MUTED},
                "range": [-0.6, len(rows) - 0.4],
            },
            "hovermode": "closest",
            "dragmode": False,
        },
    }
