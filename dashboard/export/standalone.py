"""A single HTML file that plays the map with no server and no network: plotly.js, the
map's data and the player are all inside it. For halls where the app cannot run."""

from __future__ import annotations

import html
import json
from pathlib import Path

from dashboard.figure.browser_bundle import event_entries, map_bundle
from dashboard.model.state import TIMELINE_DAYS, day_number

HERE = Path(__file__).resolve().parent
ASSETS = HERE.parent / "web" / "assets"  # the page's own plotly.js and map_core.js
PLOTLY = next((ASSETS / "vendor").glob("plotly-geo-*.min.js"))
CORE = ASSETS / "map_core.js"
PLAYER = HERE / "standalone.js"


def _json_script(element_id: str, value) -> str:
    # "<\/" keeps any "</script>" inside the data from closing the element early.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def _inline(path: Path) -> str:
    return (
        "<script>"
        + path.read_text(encoding="utf-8").replace("</script", "<\\/script")
        + ("</script>")
    )


def standalone_html(data, snap) -> str:
    """The page for a snapshot's layers and language, opening at its date."""
    bundle = map_bundle(data, snap.options)
    title = html.escape(snap.heading())
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                f'<html lang="{"ko" if snap.lang == "ko" else "en"}"><head><meta charset="utf-8">',
                f"<title>{title}</title>",
                "<style>body{margin:0;font-family:'Noto Sans','DejaVu Sans',Arial,sans-serif;}"
                "header{padding:6px 12px;display:flex;gap:12px;align-items:center;}"
                "#map{height:78vh;}#day{flex:1;}#date{font-size:22px;font-weight:600;min-width:12em;}"
                "#events-list{margin:4px 12px;font-size:14px;}</style></head><body>",
                f"<header><strong>{title}</strong>",
                '<button id="play" type="button">▶ Play</button>',
                f'<input id="day" type="range" min="0" max="{TIMELINE_DAYS}" step="1"'
                f' value="{day_number(snap.day)}"'
                ' aria-label="Date">',
                '<span id="date" aria-live="polite"></span></header>',
                '<div id="map"></div><ul id="events-list"></ul>',
                _json_script("bundle", bundle),
                _json_script("events", event_entries(data)),
                _inline(PLOTLY),
                _inline(CORE),
                _inline(PLAYER),
                "</body></html>",
            ]
        )
        + "\n"
    )
