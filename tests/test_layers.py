"""The folders show the architecture, and the imports keep to it: what is true on a day
(model) knows no figure, figures know no Dash, exports know no web page."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard"
# What each folder may not import, at any depth of its modules.
FORBIDDEN = {
    "model": ("dash", "flask", "plotly", "dashboard.figure", "dashboard.web", "dashboard.export"),
    "figure": ("dash", "flask", "dashboard.web", "dashboard.export"),
    "export": ("dashboard.web",),
}


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_each_folder_imports_only_the_layers_beneath_it(folder):
    modules = sorted((DASHBOARD / folder).glob("*.py"))
    assert len(modules) >= 4
    crossings = [
        f"{path.relative_to(DASHBOARD)} imports {name}"
        for path in modules
        for name in sorted(imported(path))
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[folder])
    ]
    assert crossings == []


def test_no_module_is_left_at_the_top_of_the_dashboard():
    assert [p.name for p in DASHBOARD.glob("*.py")] == ["__init__.py"]
