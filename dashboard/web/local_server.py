"""Run the app on a free local port: for the browser tests, the benchmark and the
screenshot scripts (Chromium itself: dashboard/export/chromium.py)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from dash import Dash
from werkzeug.serving import make_server


@contextmanager
def serving(app: Dash) -> Iterator[str]:
    """Serve the app on 127.0.0.1 in a background thread; yields its base URL."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def export_request(deps: list[dict], fmt: str, day: int, layers: list[str], lang: str) -> dict:
    """The body the page sends when a viewer presses an export button, for the tests and
    the load benchmark that replay it (`deps`: the app's /_dash-dependencies)."""
    import json
    import time

    export = next(d for d in deps if "download" in d["output"])
    formats = ("png", "svg", "pdf", "html", "txt")
    buttons = [
        {
            "id": {"format": f, "type": "export"},
            "property": "n_clicks",
            "value": 1 if f == fmt else None,
        }
        for f in formats
    ]
    now = int(time.time() * 1000)
    pressed = [
        {**b, "property": "n_clicks_timestamp", "value": now if b["value"] else None}
        for b in buttons
    ]
    trigger = json.dumps({"format": fmt, "type": "export"}, separators=(",", ":"))
    return {
        "output": export["output"],
        "outputs": [
            {"id": "download", "property": "data"},
            {"id": "export-notice", "property": "children"},
        ],
        "inputs": [buttons],
        "state": [
            pressed,
            {"id": "day", "property": "value", "value": day},
            {"id": "layers", "property": "value", "value": layers},
            {"id": "lang", "property": "value", "value": lang},
        ],
        "changedPropIds": [f"{trigger}.n_clicks"],
    }


def store_data(layout, store_id: str):
    """The data of a dcc.Store in a layout as JSON (a dict from /_dash-layout), or None."""
    if isinstance(layout, dict):
        if layout.get("props", {}).get("id") == store_id:
            return layout["props"].get("data")
        layout = list(layout.values())
    if isinstance(layout, list):
        for node in layout:
            found = store_data(node, store_id)
            if found is not None:
                return found
    return None
