"""Safer serving: security headers with a Content-Security-Policy, a limit on request
bodies, and short plain answers (never a traceback) to requests Dash cannot understand."""

from __future__ import annotations

import logging

import flask
from dash import Dash
from dash.exceptions import DependencyException, InvalidCallbackReturnValue
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from dashboard.web.framing import DEFAULT_FRAME_ANCESTORS, chosen_frame_ancestors

log = logging.getLogger("dashboard")

# The page's own callbacks post under 1 KB (layers, language, a day, button clicks; the
# largest measured, the export's, 0.8 KB). 1 MiB leaves room for callbacks yet to come and
# still turns away bodies meant to make the server parse and hold megabytes of JSON.
MAX_BODY_BYTES = 1024 * 1024

UPDATE_ROUTE = "_dash-update-component"


def content_security_policy(
    script_hashes: list[str], frame_ancestors: str = DEFAULT_FRAME_ANCESTORS, debug: bool = False
) -> str:
    scripts = ["'self'", *script_hashes]
    if debug:  # Dash's dev-tools bundle evaluates code; never served without --debug
        scripts.append("'unsafe-eval'")
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(scripts),
        # plotly.js writes <style> rules and style="" attributes as it draws (hover
        # labels, the modebar, legend and geo clip paths): without 'unsafe-inline' the
        # map loses its styling. Styles cannot run script, so this is the one exception.
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",  # the inline favicon; plotly's image snapshots
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": frame_ancestors,
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def _frame_options(frame_ancestors: str) -> str | None:
    """X-Frame-Options for browsers without CSP frame-ancestors; none for custom ancestors,
    which it cannot express (it would forbid what the policy allows)."""
    return {"'self'": "SAMEORIGIN", "'none'": "DENY"}.get(frame_ancestors)


def _plain(text: str, status: int) -> flask.Response:
    return flask.Response(text + "\n", status=status, mimetype="text/plain")


def secure(app: Dash, frame_ancestors: str | None = None) -> None:
    """Headers on every response, the body limit, and plain error answers.

    Call after every callback is registered: the policy lists the hashes of Dash's inline
    scripts (the renderer's start-up line and any inline clientside callback).
    """
    ancestors = chosen_frame_ancestors(frame_ancestors)
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES  # chunked bodies too (werkzeug)
    hashes = list(app.csp_hashes())
    frame_options = _frame_options(ancestors)

    @server.before_request
    def limit_streamed_bodies() -> None:
        # A body sent in chunks has no Content-Length to check: werkzeug stops reading
        # at the limit but hands on what it read, so count it here (Dash reads the
        # same cached bytes afterwards).
        request = flask.request
        chunked = "chunked" in request.headers.get("Transfer-Encoding", "")
        if chunked and len(request.get_data(cache=True)) >= MAX_BODY_BYTES:
            raise RequestEntityTooLarge()

    @server.after_request
    def security_headers(response: flask.Response) -> flask.Response:
        headers = response.headers
        headers.setdefault("X-Content-Type-Options", "nosniff")
        # The page's address goes to no one, not even to this server: the layout request
        # carries the view in its own query (assets/address.js).
        headers.setdefault("Referrer-Policy", "no-referrer")
        policy = content_security_policy(hashes, ancestors, debug=server.debug)
        headers.setdefault("Content-Security-Policy", policy)
        if frame_options:
            headers.setdefault("X-Frame-Options", frame_options)
        return response

    # Dash answers a malformed callback request (not JSON, missing keys, an output or
    # inputs it does not know) with a 500. Those are the client's mistakes: a 400, logged.
    # Errors inside our callbacks never get here: the app's on_error handler takes them.
    # In --debug, Dash's own handler (registered later) shows tracebacks instead.
    @server.errorhandler(Exception)
    def plain_errors(err: Exception):
        if isinstance(err, HTTPException):
            return err
        path = flask.request.path
        if isinstance(err, DependencyException):  # a script path Dash does not serve
            log.warning("not served: %s", path)
            return _plain("Not found.", 404)
        if path.endswith(UPDATE_ROUTE) and not isinstance(err, InvalidCallbackReturnValue):
            log.warning("bad callback request to %s: %r", path, err, exc_info=err)
            return _plain("Bad request: not a callback this page makes.", 400)
        log.error("error serving %s", path, exc_info=err)
        return _plain("Internal server error.", 500)
