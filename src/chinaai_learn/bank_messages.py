"""Pydantic's validation errors said in a teacher's words, each placed at its line and column."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from . import bank_format
from .errors import Problem, did_you_mean
from .yaml_reader import locate

_LANG_NAMES = {"de": "German (de)", "en": "English (en)"}
_TYPE_WORDS = {
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
}
# Where a key belongs, for "this key is indented under the wrong parent".
_OWNER_WORDS = {
    "Citation": "a citation (under 'source:')",
    "Choice": "a choice (under 'choices:')",
    "Pair": "a matching pair (under 'pairs:')",
    "Topic": "the topic (under 'topic:')",
    "SourceRecord": "a source record in sources.yaml",
    "LintWaiver": "a lint waiver (under 'lint:')",
    "Translation": "a translation (under 'translation:')",
    "Text": "a bilingual text (de:/en:)",
    "Answers": "a list of accepted answers (de:/en:)",
}
# Model-level checks point at the key they are about, not at the start of the question.
_VALUE_ERROR_KEYS = {"highlight": ("highlight",), "correct: true": ("choices",)}


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


def _models_at(root: type[BaseModel], loc: tuple[Any, ...]) -> list[type[BaseModel]]:
    """The model(s) a mapping at ``loc`` is validated against (a question's type picks its class)."""
    current: list[type[BaseModel]] = [root]
    for step in loc:
        if isinstance(step, int):
            continue
        picked = bank_format.QUESTION_TYPES.get(step)
        if picked is not None and any(issubclass(picked, m) for m in current):
            current = [picked]
            continue
        found = [
            m
            for cls in current
            if step in cls.model_fields
            for m in _models_in(cls.model_fields[step].annotation)
        ]
        if found:
            current = found
    return current


@lru_cache(maxsize=1)
def _owners() -> dict[str, list[str]]:
    owners: dict[str, list[str]] = {}
    for cls in vars(bank_format).values():
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            words = _OWNER_WORDS.get(
                cls.__name__, "a question" if issubclass(cls, bank_format.QuestionBase) else ""
            )
            for key in cls.model_fields:
                if words and words not in owners.setdefault(key, []):
                    owners[key].append(words)
    return owners


def _unknown_key(key: str, root: type[BaseModel], loc: tuple[Any, ...]) -> str:
    allowed = sorted({k for m in _models_at(root, loc[:-1]) for k in m.model_fields} - {key})
    suggestion = did_you_mean(key, allowed)
    if suggestion:
        return f"unknown key {key!r}{suggestion}"
    owners = _owners().get(key)
    if owners:
        return (
            f"the key {key!r} does not belong here; it is a key of {' or '.join(owners)}: "
            "check the indentation of this line"
        )
    elsewhere = did_you_mean(key, _owners())
    if elsewhere:
        return (
            f"unknown key {key!r}{elsewhere}: only {', '.join(allowed)} are allowed here, "
            "so check the indentation of this line too"
        )
    return f"unknown key {key!r}: the keys allowed here are {', '.join(allowed)}"


def explain(
    exc: ValidationError, root: type[BaseModel], file: str, text: str, data: Any, base: tuple[Any, ...] = ()
) -> list[Problem]:
    """One Problem per validation error; ``base`` is where the validated value sits in the file."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = base + tuple(err["loc"])
        if err["type"] == "value_error":
            loc += _VALUE_ERROR_KEYS.get(next((k for k in _VALUE_ERROR_KEYS if k in err["msg"]), ""), ())
        line, column = locate(text, loc)
        problems.append(Problem(file, line, column, _message(err, loc, root, base), question_id(data, loc)))
    return problems


def question_id(data: Any, loc: tuple[Any, ...]) -> str | None:
    """The id of the question ``loc`` points into, if it has a usable one."""
    if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int) and isinstance(data, dict):
        questions = data.get("questions")
        if isinstance(questions, list) and loc[1] < len(questions) and isinstance(questions[loc[1]], dict):
            qid = questions[loc[1]].get("id")
            return qid if isinstance(qid, str) and qid.isprintable() else None
    return None


def _message(err: Any, loc: tuple[Any, ...], root: type[BaseModel], base: tuple[Any, ...]) -> str:
    kind = err["type"]
    last = loc[-1] if loc else ""
    shown = loc[2:] if len(loc) > 2 and loc[0] == "questions" else loc  # the question id is shown anyway
    where = (
        ".".join(str(p) for p in shown if not (isinstance(p, str) and p in bank_format.QUESTION_TYPES))
        or "the file"
    )
    got = err.get("input")
    if kind == "missing":
        if last in _LANG_NAMES:
            return f"missing {_LANG_NAMES[last]} text in '{where.rsplit('.', 1)[0]}': give both de and en, or one plain string"
        return f"missing required key '{last}'"
    if kind == "extra_forbidden":
        message = _unknown_key(str(last), root, loc[len(base) :])
        if got is None:  # `{de: Mini, Bank, en: …}`: the comma made "Bank" a key of its own
            message += "; if this is part of a text, a comma inside {…} split it: put the text in quotes"
        return message
    if kind == "invalid_key":
        return (
            f"a key that is not text ({_describe(last)}): a comma or colon inside {{…}} splits a text; "
            "put texts that contain commas or colons in quotes"
        )
    if kind == "string_too_short":
        if last in _LANG_NAMES:
            return f"empty {_LANG_NAMES[last]} text in '{where}': write the translation"
        return f"'{where}' is empty"
    if kind == "string_pattern_mismatch":
        if last in ("id", "doc") or "tags" in loc:
            return f"{got!r} is not a valid id: use lowercase letters, digits and hyphens (e.g. 'deepseek-r1-date')"
        return f"'{where}' has the wrong form: {err['msg']}"
    if kind == "union_tag_invalid":
        tag = str(err["ctx"]["tag"])
        return f"unknown question type {tag!r}{did_you_mean(tag, bank_format.QUESTION_TYPES)}; use one of: {', '.join(bank_format.QUESTION_TYPES)}"
    if kind == "union_tag_not_found":
        return f"missing required key 'type' (one of: {', '.join(bank_format.QUESTION_TYPES)})"
    if kind in ("greater_than_equal", "less_than_equal") and last == "difficulty":
        return f"difficulty must be 1, 2 or 3, not {got!r}"
    if kind == "too_short":
        n = err["ctx"]["min_length"]
        return f"'{where}' needs at least {n} entr{'y' if n == 1 else 'ies'}"
    if kind == "literal_error":
        return f"'{where}' must be one of {err['ctx']['expected']}, not {_describe(got)}"
    if kind == "finite_number":
        return f"'{where}' must be a finite number, not {_describe(got)}: write the number itself"
    if kind in _TYPE_WORDS:
        return f"'{where}' must be {_TYPE_WORDS[kind]}, not {_describe(got)}"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    return f"'{where}': {err['msg']}"


_SHOWN = 60  # characters of a wrong text quoted in a message


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):  # cut short: a wrong file (a log, /etc/passwd) is one long text
        return f"the text {value[:_SHOWN] + '…' if len(value) > _SHOWN else value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing (an empty value)"
    return repr(value)
