"""Reading YAML: libyaml's parser (used where PyYAML has it) and PyYAML's own give the same
nodes on the same lines, and the same problems, for every YAML file shipped or kept as a
fixture, good and bad."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from events import yaml_file
from geodata.problems import ProblemLog, read_utf8

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p for p in ROOT.glob("**/*.yaml") if ".git" not in p.parts)


def _read(path: Path, loader, monkeypatch) -> tuple[object, list]:
    monkeypatch.setattr(yaml_file, "LOADER", loader)
    log = ProblemLog(str(path))
    text = read_utf8(path, log, "a YAML file")
    node = yaml_file.parse_yaml(text, log) if text is not None else None
    return _tree(node), log.problems


def _tree(node) -> object:
    """The node's tag, value and line, all the way down."""
    if node is None:
        return None
    if isinstance(node, yaml.MappingNode):
        value = [(_tree(k), _tree(v)) for k, v in node.value]
    elif isinstance(node, yaml.SequenceNode):
        value = [_tree(item) for item in node.value]
    else:
        value = node.value
    return node.tag, value, yaml_file.line_of(node)


def test_libyaml_is_there_to_be_used():
    assert yaml_file.LOADER is yaml.CSafeLoader  # PyYAML's wheels carry it


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_both_parsers_read_each_file_alike(path, monkeypatch):
    assert len(FILES) > 15  # the shipped bibliography and tours, the fixtures
    with_libyaml = _read(path, yaml.CSafeLoader, monkeypatch)
    pure = _read(path, yaml.SafeLoader, monkeypatch)
    assert with_libyaml == pure
