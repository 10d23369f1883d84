"""Serving the app for real: waitress by default (`python run.py`), gunicorn for
deployments (`gunicorn -c python:dashboard.web.gunicorn_conf 'dashboard.web.app:server'`).

Also the two answers every deployment needs besides the page: `/healthz` for the load
balancer, and a plain 404 for any address the page never asks for (Dash would otherwise
answer every path with the whole page).
"""

from __future__ import annotations

import json
import os
import signal

import flask

# Dash answers every path with the page through this catch-all route: ours answer 404.
DASH_CATCH_ALL = "/<path:path>"


def threads_for_this_machine(cores: int | None = None) -> int:
    """Waitress threads: a page load is many small requests that mostly wait on the
    network, so a few threads a core; bounded so a small host is not swamped."""
    cores = cores or os.cpu_count() or 1
    return max(4, min(4 * cores, 32))


def add_service_routes(server: flask.Flask, describe) -> None:
    """/healthz (a few bytes of JSON) and a 404 for unknown paths. `describe()` gives what
    /healthz reports beyond its status (for example which dataset is served)."""

    @server.route("/healthz")
    def healthz() -> flask.Response:
        body = json.dumps({"status": "ok", **describe()})
        response = flask.Response(body, mimetype="application/json")
        response.headers["Cache-Control"] = "no-store"
        return response

    @server.before_request
    def only_our_paths():
        rule = flask.request.url_rule
        if rule is not None and rule.rule == DASH_CATCH_ALL:
            return flask.Response("Not found.\n", 404, mimetype="text/plain")
        return None


def _exit_on_sigterm(*_) -> None:
    raise SystemExit(0)


CONNECTIONS_ENV = "KOREA_MAP_CONNECTIONS"
# A browser opens up to six connections to a host and keeps them open: a lecture hall of
# a hundred is 600 connections, where waitress's own default (100) makes the rest wait.
DEFAULT_CONNECTIONS = 1000


def connection_limit() -> int:
    """Open connections served at once ($KOREA_MAP_CONNECTIONS, default 1000)."""
    chosen = os.environ.get(CONNECTIONS_ENV, "")
    return int(chosen) if chosen.isdigit() and int(chosen) > 0 else DEFAULT_CONNECTIONS


def serve_with_waitress(server: flask.Flask, host: str, port: int, threads: int) -> None:
    """Serve until interrupted; says how it serves first."""
    import waitress

    cores = os.cpu_count() or 1
    connections = connection_limit()
    print(
        f"Serving http://{host}:{port}/ with waitress: {threads} threads "
        f"({cores} core{'s' if cores != 1 else ''}), up to {connections} connections. "
        "Stop with Ctrl+C.",
        flush=True,
    )
    # A service manager stops a server with SIGTERM: end as after Ctrl+C, running the
    # exit handlers (which stop the export renderer's Chromium, whose pipes a lingering
    # export job might otherwise keep open).
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    waitress.serve(
        server,
        host=host,
        port=port,
        threads=threads,
        connection_limit=connections,
        asyncore_use_poll=True,  # select() stops at 1024 open files
        ident="korea-map",
    )
