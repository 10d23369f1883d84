"""Read a YAML file a historian wrote, keeping the line each value stands on."""

from __future__ import annotations

import yaml

from geodata.problems import ProblemLog


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


# libyaml's parser where PyYAML was built with it (it reads our files ten times faster),
# else PyYAML's own: the same events, nodes and marks.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, log: ProblemLog) -> yaml.Node | None:
    """The document's node tree. Anchors and aliases are refused: our files never need
    them, and they let a small file expand into a huge one."""
    try:
        for event in yaml.parse(text, Loader=LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                log.add(event.start_mark.line + 1, "(file)", "YAML anchor or alias", "plain YAML")
                return None
        return yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as err:
        # Where the broken thing began (an unclosed quote) is more use than where it ended.
        mark = err.context_mark or err.problem_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(part for part in (err.problem, err.context) if part)
        log.add(line, "(file)", f"not valid YAML: {what}", "a YAML mapping")
        return None
