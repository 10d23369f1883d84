"""Which Chromium the exports and the browser tests start."""

from __future__ import annotations

import shutil

from dashboard.export import chromium


def installed(*names: str):
    """shutil.which as on a machine where only `names` are installed (as /usr/bin/NAME)."""
    return lambda name: f"/usr/bin/{name}" if name in names else None


def test_the_headless_shell_is_chosen_when_it_is_installed(monkeypatch):
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setattr(chromium.os.path, "exists", lambda path: True)
    monkeypatch.setattr(shutil, "which", installed("chromium", "chromium-headless-shell"))
    assert chromium.chromium_executable() == "/usr/bin/chromium-headless-shell"
    monkeypatch.setattr(shutil, "which", installed("chromium"))
    assert chromium.chromium_executable() == "/usr/bin/chromium"
    monkeypatch.setattr(shutil, "which", installed())
    assert chromium.chromium_executable() is None


def test_browser_path_alone_is_used_when_set(monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "which", installed("chromium", "chromium-headless-shell"))
    own = tmp_path / "chrome"
    own.write_text("")
    monkeypatch.setenv("BROWSER_PATH", str(own))
    assert chromium.chromium_executable() == str(own)
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "missing"))
    assert chromium.chromium_executable() is None
