"""What is wrong with a JSON file the program wrote and a user (or a disk) damaged, in words.

For the files written for the user and read back (the Anki build state, the worksheet
manifest): the place of a byte that is not UTF-8, and one pydantic error on the file's
shape as its JSON path (``versions[0].label is missing``), never pydantic's own dump.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from .yaml_reader import locate

_SHOULD_BE = {
    "model_type": "a JSON object",
    "dict_type": "a JSON object",
    "list_type": "a list",
    "int_type": "a whole number",
    "float_type": "a number",
    "string_type": "text",
    "bool_type": "true or false",
}


def not_utf8_position(raw: bytes, exc: UnicodeDecodeError) -> tuple[int, int]:
    """Line and column (1-based) of the first byte that is not UTF-8."""
    before = raw[: exc.start]
    return before.count(b"\n") + 1, exc.start - (before.rfind(b"\n") + 1) + 1


def shape_problem(text: str, exc: ValidationError) -> tuple[int, int, str]:
    """Line, column and words for the first error of ``exc`` on the JSON ``text``, and how many more there are."""
    errors = exc.errors(include_url=False)
    loc = tuple(errors[0]["loc"])
    line, column = locate(text, loc)
    more = f"; {len(errors) - 1} more problem(s)" if len(errors) > 1 else ""
    return line, column, _words(errors[0]) + more


def _words(error: Any) -> str:
    loc = tuple(error["loc"])
    path = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in loc).lstrip(".")
    if error["type"] == "missing":
        return f"{path} is missing"
    if error["type"] == "extra_forbidden":
        return f"{path} is not a key this file has"
    should_be = _SHOULD_BE.get(error["type"])
    where = path or "the file"
    return f"{where} should be {should_be}" if should_be else f"{where}: {error['msg']}"
