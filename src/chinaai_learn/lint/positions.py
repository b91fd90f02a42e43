"""Where each question starts: the line of its ``id`` in its bank file, read once per file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from ..yaml_reader import YamlProblem, read_text

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@lru_cache(maxsize=64)
def id_lines(file: str, mtime_ns: int = 0) -> dict[str, int]:
    """Question id → 1-based line of its ``id:`` key in ``file`` (empty if unreadable)."""
    del mtime_ns  # part of the cache key only: an edited file is read again
    try:
        node = yaml.compose(read_text(Path(file)), Loader=_Loader)
    except (OSError, YamlProblem, yaml.YAMLError):
        return {}
    lines: dict[str, int] = {}
    if not isinstance(node, yaml.MappingNode):
        return lines
    for key, value in node.value:
        if key.value != "questions" or not isinstance(value, yaml.SequenceNode):
            continue
        for item in value.value:
            if not isinstance(item, yaml.MappingNode):
                continue
            for k, v in item.value:
                if k.value == "id" and isinstance(v, yaml.ScalarNode):
                    lines.setdefault(str(v.value), k.start_mark.line + 1)
    return lines


def key_line(file: str, key: str) -> int:
    """The line of ``key:`` under the top-level ``tags:`` mapping of a tags file (0 if absent)."""
    try:
        node = yaml.compose(read_text(Path(file)), Loader=_Loader)
    except (OSError, YamlProblem, yaml.YAMLError):
        return 0
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == "tags" and isinstance(v, yaml.MappingNode):
                for tag_key, _ in v.value:
                    if tag_key.value == key:
                        return int(tag_key.start_mark.line) + 1
    return 0


def question_line(file: str, question_id: str) -> int:
    path = Path(file)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return 0
    return id_lines(file, mtime).get(question_id, 0)
