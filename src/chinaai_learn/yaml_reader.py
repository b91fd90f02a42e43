"""Safe, fast YAML reading for hand-written bank files, with positions for error messages.

The happy path is plain ``CSafeLoader`` speed: positions are only recovered (by composing
the file again) when there is an error to report. Two things the plain loader would let
through are rejected on the way: duplicate keys (silently overwritten otherwise) and
aliases (an "alias bomb" of nested references must not hang validation).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .characters import FORBIDDEN, describe
from .collector import collector_paused
from .yaml_messages import plain_syntax_message

try:  # the C parser when present, the pure-Python one otherwise
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


@dataclass(frozen=True)
class YamlProblem(Exception):
    """A problem found while reading YAML, with its 1-based position."""

    line: int
    column: int
    message: str


class _BankLoader(_BaseLoader):
    """CSafeLoader that refuses duplicate keys (anchors are refused before it runs)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) != len(node.value):  # cheap test first; find the culprit only if needed
            seen: set[Any] = set()
            for key_node, _ in node.value:
                if key_node.value in seen:
                    mark = key_node.start_mark
                    raise YamlProblem(
                        mark.line + 1,
                        mark.column + 1,
                        f"the key {key_node.value!r} appears twice in the same mapping: keep one",
                    )
                seen.add(key_node.value)
        return mapping

    def construct_bank_map(self, node: yaml.Node) -> Iterator[dict[Any, Any]]:
        """Mappings as SafeLoader builds them, through ``construct_mapping`` above (duplicate keys refused)."""
        yield from self.construct_yaml_map(node)

    def construct_date_as_text(self, node: yaml.Node) -> str:
        """Dates stay text (``2025-03-01``): the model checks them, and names an impossible one."""
        return str(node.value)


_BankLoader.add_constructor("tag:yaml.org,2002:map", _BankLoader.construct_bank_map)
_BankLoader.add_constructor("tag:yaml.org,2002:timestamp", _BankLoader.construct_date_as_text)


# Every anchor (&name) and alias (*name) matches this; only text that does is scanned
# event by event, so ordinary banks load at plain CSafeLoader speed.
_ANCHOR_LIKE = re.compile(r"[&*][^\s,\[\]{}]")


def read_text(path: Path) -> str:
    """Read a file as UTF-8, turning decoding errors into a positioned problem."""
    return decode_utf8(path.read_bytes())


def decode_utf8(data: bytes) -> str:
    """Bytes as UTF-8 text (a leading byte-order mark dropped), or a positioned problem."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblem(line, column, "the file is not UTF-8 text: save it with UTF-8 encoding") from None


MAX_CHARACTER_PROBLEMS = 20


def character_problems(text: str) -> list[YamlProblem]:
    """Every character of the file that bank text must not hold, each with its line and column."""
    problems: list[YamlProblem] = []
    for match in FORBIDDEN.finditer(text):
        if len(problems) == MAX_CHARACTER_PROBLEMS:
            break
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        problems.append(
            YamlProblem(
                line,
                column,
                f"the invisible character {describe(match.group())} is not allowed in a bank file: delete it",
            )
        )
    return problems


def parse(text: str) -> Any:
    """Parse YAML text into plain Python data (dicts, lists, scalars)."""
    found = character_problems(text)
    if found:
        raise found[0]
    if _ANCHOR_LIKE.search(text):
        _reject_anchors(text)
    loader = _BankLoader(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        line, column = _inside(text, line, column)
        raise YamlProblem(line, column, plain_syntax_message(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(
            1, 1, f"the file cannot be read as YAML ({exc}): check quotes, colons and indentation"
        ) from None
    finally:
        loader.dispose()


def _inside(text: str, line: int, column: int) -> tuple[int, int]:
    """A position PyYAML puts after the last line (at the end of the file) moved onto that line."""
    lines = text.splitlines() or [""]
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, column


def _reject_anchors(text: str) -> None:
    """Reject anchors and aliases from the event stream, before anything is built."""
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                raise YamlProblem(
                    (mark.line + 1) if mark else 1,
                    (mark.column + 1) if mark else 1,
                    "anchors and aliases (&name / *name) are not allowed in bank files or recipes: "
                    "write the value out in full",
                )
    except yaml.YAMLError:
        return  # a syntax error: parse() reports it with its position


@functools.lru_cache(maxsize=8)
def _composed(text: str) -> yaml.Node | None:
    """The file's node tree, composed once however many positions are asked of it.

    Composing builds a node and a mark per scalar and no cycles; with the collector running
    beside a loaded bank, its full scans made verifying 10k questions 25x slower than 1k.
    """
    try:
        with collector_paused():
            return yaml.compose(text, Loader=_BaseLoader)
    except yaml.YAMLError:
        return None


def locate(text: str, path: Sequence[str | int]) -> tuple[int, int]:
    """The 1-based line and column of the node at ``path`` (keys and indices).

    Walks as far as the path exists; a missing key points at the mapping that lacks it.
    Path elements that do not address anything (e.g. a union tag pydantic inserted)
    are skipped.
    """
    node = _composed(text)
    if node is None:
        return (1, 1)
    mark = node.start_mark
    for step in path:
        child = None
        key_mark = None
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            for key_node, value_node in node.value:
                if key_node.value == step:
                    child, key_mark = value_node, key_node.start_mark
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            child = node.value[step]
        if child is None:
            continue
        node = child
        mark = key_mark if key_mark is not None else child.start_mark
    return (mark.line + 1, mark.column + 1)


def read_yaml_file(path: Path, what: str) -> tuple[str, Any]:
    """The text and data of a small YAML file (a recipe); a YamlProblem says what is wrong and where.

    ``what`` names the file in the message for an unreadable file ("the recipe").
    """
    try:
        text = read_text(path)
    except OSError as exc:
        raise YamlProblem(1, 1, f"cannot read {what}: {exc.strerror or exc}") from None
    return text, parse(text)
