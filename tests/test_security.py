"""Safe defaults: where the server binds, debug only when asked, security headers and the
Content-Security-Policy on every response, frames allowed only where configured, the body
limit for chunked bodies, and an export that writes only where it is told."""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import run
from dashboard.export.chromium import chromium_executable
from dashboard.model.front import history_of
from dashboard.model.front_store import default_directory
from dashboard.web import app as app_module
from dashboard.web.app import create_app
from dashboard.web.framing import FRAME_ANCESTORS_ENV, check_frame_ancestors
from dashboard.web.local_server import serving
from dashboard.web.security import MAX_BODY_BYTES, content_security_policy

pytestmark = pytest.mark.processes

ROOT = Path(__file__).resolve().parent.parent


def policy(response) -> dict[str, list[str]]:
    directives = response.headers["Content-Security-Policy"].split(";")
    return {d.split()[0]: d.split()[1:] for d in (x.strip() for x in directives) if d}


def every_kind_of_response(client) -> list:
    return [
        client.get("/"),
        client.get("/?date=1951-08-01&layers=mdl"),
        client.get("/_dash-layout"),
        client.get("/_dash-dependencies"),
        client.get("/assets/style.css"),
        client.get("/nope"),
        client.post("/_dash-update-component", data="{}", content_type="application/json"),
    ]


def test_every_response_carries_the_security_headers(client):
    for response in every_kind_of_response(client):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        # The layout request carries the page's query itself: no address leaves the page.
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
        csp = policy(response)
        assert csp["default-src"] == ["'self'"]
        assert csp["frame-ancestors"] == ["'self'"]


def test_the_policy_is_strict_where_dash_allows(client):
    csp = policy(client.get("/"))
    assert csp["script-src"][0] == "'self'"
    assert all(s.startswith("'sha256-") for s in csp["script-src"][1:])
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]  # plotly.js styles as it draws
    assert csp["img-src"] == ["'self'", "data:", "blob:"]
    assert csp["connect-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]


def test_every_inline_script_of_the_page_is_hashed_in_the_policy(client):
    """The browser runs an inline script only if its hash is listed: each one Dash writes
    (JSON data blocks are not run) must be, or the page would not start."""
    page = client.get("/")
    allowed = set(policy(page)["script-src"])
    html = re.sub(r"<!--.*?-->", "", page.text, flags=re.S)  # IE-only comments never run
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", html, re.S)
    run_by_browser = [body for attrs, body in inline if "application/json" not in attrs]
    assert run_by_browser, "Dash's start-up script not found"
    for body in run_by_browser:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, body[:80]


def test_debug_alone_allows_eval_for_dash_dev_tools():
    assert "'unsafe-eval'" in content_security_policy([], debug=True)
    assert "'unsafe-eval'" not in content_security_policy([], debug=False)


def test_the_page_sets_no_cookie_and_keeps_no_session(client):
    """Each viewer's state is in their page and its address; the server has none to mix."""
    for response in every_kind_of_response(client):
        assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize(
    ("given", "ancestors", "frame_options"),
    [
        ("https://courses.example.edu", ["https://courses.example.edu"], None),
        (
            "'self' https://*.example.edu:8443",
            ["'self'", "https://*.example.edu:8443"],
            None,
        ),
        ("'none'", ["'none'"], "DENY"),
    ],
)
def test_frame_ancestors_can_be_set_for_course_pages(dataset, given, ancestors, frame_options):
    response = create_app(dataset, frame_ancestors=given).server.test_client().get("/")
    assert policy(response)["frame-ancestors"] == ancestors
    # X-Frame-Options cannot name other sites: left out rather than contradict the policy.
    assert response.headers.get("X-Frame-Options") == frame_options


def test_frame_ancestors_from_the_environment(dataset, monkeypatch):
    monkeypatch.setenv(FRAME_ANCESTORS_ENV, "https://lms.example.org")
    response = create_app(dataset).server.test_client().get("/")
    assert policy(response)["frame-ancestors"] == ["https://lms.example.org"]
    assert "X-Frame-Options" not in response.headers


@pytest.mark.parametrize(
    "value",
    [
        "",
        "https://a.example; script-src *",
        "https://a.example\r\nSet-Cookie: x=1",
        "javascript:alert(1)",
        "'unsafe-inline'",
        "*",
        "https://a.example/path?x",
    ],
)
def test_bad_frame_ancestors_are_refused(value):
    with pytest.raises(ValueError, match=r"--frame-ancestors .*not a list of sources"):
        check_frame_ancestors(value)


def test_the_command_line_refuses_bad_frame_ancestors_in_one_line():
    result = subprocess.run(
        [sys.executable, "run.py", "--frame-ancestors", "x; script-src *"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("run.py: --frame-ancestors")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


class Served:
    """What `serve` was asked to do, in place of starting a server."""

    def __init__(self, monkeypatch):
        self.calls: list[dict] = []
        monkeypatch.setattr(app_module, "serve", self.record)

    def record(self, data, host, port, debug, frame_ancestors, threads=None):
        self.calls.append(dict(host=host, port=port, debug=debug, ancestors=frame_ancestors))
        return 0


@pytest.mark.parametrize("argv", [[], ["serve"]])
def test_by_default_it_binds_this_machine_only_without_debug(monkeypatch, argv):
    served = Served(monkeypatch)
    assert run.main(argv) == 0
    assert served.calls == [dict(host="127.0.0.1", port=8050, debug=False, ancestors="'self'")]


def test_host_debug_and_frame_ancestors_are_passed_on(monkeypatch):
    served = Served(monkeypatch)
    argv = ["serve", "--host", "0.0.0.0", "--port", "9000", "--debug"]
    assert run.main([*argv, "--frame-ancestors", "https://courses.example.edu"]) == 0
    assert served.calls == [
        dict(host="0.0.0.0", port=9000, debug=True, ancestors="https://courses.example.edu")
    ]


@pytest.mark.parametrize(
    ("host", "debug", "warned"),
    [
        ("127.0.0.1", True, False),
        ("localhost", True, False),
        ("0.0.0.0", True, True),
        ("192.168.1.5", True, True),
        ("0.0.0.0", False, False),
    ],
)
def test_debug_on_a_shared_network_is_warned_about(
    dataset, monkeypatch, capsys, host, debug, warned
):
    started = []
    monkeypatch.setattr(app_module.Dash, "run", lambda self, **kw: started.append(kw))
    # A real server forks its data builder; this one never serves, so it is told of it.
    builders = []
    monkeypatch.setattr(app_module, "start_builder", lambda files, likely: builders.append(likely))
    monkeypatch.setattr(
        app_module,
        "serve_with_waitress",
        lambda server, host, port, threads: started.append(
            dict(host=host, debug=False, waitress=threads)
        ),
    )
    assert app_module.serve(dataset, host=host, port=8123, debug=debug) == 0
    assert started[0]["host"] == host and started[0]["debug"] is debug
    if debug:  # Dash's development server, never calling out to the internet
        assert started[0]["dev_tools_disable_version_check"] is True
    else:  # a production server, with its data builder
        assert started[0]["waitress"] >= 4
        assert len(builders) == 1 and len(builders[0]) == 66
    err = capsys.readouterr().err
    assert ("warning: --debug on" in err) is warned


def test_a_chunked_body_over_the_limit_gets_413(dash_app):
    """No Content-Length to check up front: the limit still holds as the body streams in."""
    with serving(dash_app) as url:
        address = urlsplit(url)
        chunk = b"x" * 65536

        def body():
            yield b'{"output": "bundle.data", "pad": "'
            for _ in range(MAX_BODY_BYTES // len(chunk) + 2):
                yield chunk
            yield b'"}'

        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        try:
            connection.request(
                "POST",
                "/_dash-update-component",
                body=body(),
                headers={"Content-Type": "application/json"},
                encode_chunked=True,
            )
            assert connection.getresponse().status == 413
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server closed the connection before the whole body was sent
        finally:
            connection.close()
        # and it goes on serving
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        connection.request("GET", "/_dash-dependencies")
        assert json.loads(connection.getresponse().read())
        connection.close()


def test_a_small_chunked_body_is_read(dash_app):
    with serving(dash_app) as url:
        address = urlsplit(url)
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        body = json.dumps({"output": "nope.children"}).encode()
        connection.request(
            "POST",
            "/_dash-update-component",
            body=iter([body[:10], body[10:]]),
            headers={"Content-Type": "application/json"},
            encode_chunked=True,
        )
        response = connection.getresponse()
        assert response.status == 400  # read to the end and turned away as unknown
        assert response.read() == b"Bad request: not a callback this page makes.\n"
        connection.close()


def files_under(*folders) -> set[str]:
    return {str(p) for folder in folders for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def short_tmp():
    """A short folder path: Chromium's sockets under TMPDIR must fit in 108 bytes."""
    folder = Path(tempfile.mkdtemp(prefix="k7-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("fmt", ["html", "svg"])
def test_export_writes_only_where_it_was_told(short_tmp, dataset, fmt):
    """The map and its caption and sources beside it, nothing in the working folder or
    the temporary folder. (Chromium, used for svg, keeps its own profile under HOME, and
    the front's history is kept in the user's cache folder.) The html export finds
    nothing kept yet, as on a first run; the svg export finds the front kept by an
    earlier run, which it reads and leaves as it was."""
    if fmt == "svg" and chromium_executable() is None:
        pytest.skip("Debian's chromium is not installed")
    home, temp, cwd, out = (short_tmp / name for name in ("h", "t", "c", "o"))
    for folder in (home, temp, cwd, out):
        folder.mkdir()
    if fmt == "svg":
        history_of(dataset)  # kept in this test process's folder
        (stored,) = default_directory().glob("front-*.npz")
        (home / ".cache" / "korea-map").mkdir(parents=True)
        earlier = shutil.copy2(stored, home / ".cache" / "korea-map" / stored.name)
        before = Path(earlier).stat().st_mtime_ns, Path(earlier).read_bytes()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "TMPDIR": str(temp)}
    command = [sys.executable, str(ROOT / "run.py"), "export", "--date", "1951-07-10"]
    result = subprocess.run(
        [*command, "--format", fmt, "--out", str(out / f"map.{fmt}")],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
        env={**env, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    assert files_under(out) == {str(out / f"map.{x}") for x in (fmt, "txt", "json", "bib")}
    assert files_under(cwd, temp) == set()
    # The front's history, kept for the next run in the user's cache folder, and nothing
    # else of ours there (dashboard/model/front_store.py).
    kept = [f for f in files_under(home) if Path(f).parent == home / ".cache" / "korea-map"]
    assert len(kept) == 1 and re.fullmatch(r"front-[0-9a-f]{20}\.npz", Path(kept[0]).name)
    if fmt == "svg":
        assert kept == [str(earlier)]
        assert (Path(earlier).stat().st_mtime_ns, Path(earlier).read_bytes()) == before
    others = files_under(home) - set(kept)
    browser_profile = (str(home / ".config" / "chromium"), str(home / ".cache"))
    assert all(f.startswith(browser_profile) for f in others)
    if fmt == "html":
        assert others == set()
