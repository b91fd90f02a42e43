"""Load bank folders (YAML → model), reporting every problem of every file at once.

Each problem carries file, line, column, question id and a plain-language message.
Validation runs at full speed on plain data; positions are looked up only for errors.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import model
from .bank import Bank, TopicBank
from .errors import BankError, Problem, did_you_mean, display_path
from .yaml_reader import YamlProblem, locate, parse, read_text

SOURCES_FILE = "sources.yaml"
TAGS_FILE = "tags.yaml"
LINT_FILE = "lint.yaml"  # the linter's config (chinaai_learn.lint), not a topic
BANK_ENV = "CHINAAI_LEARN_BANK"

_TOPIC_FILE = TypeAdapter(model.TopicFile)
_SOURCES_FILE = TypeAdapter(model.SourcesFile)
_TAGS_FILE = TypeAdapter(model.TagsFile)


def default_bank_dir() -> Path:
    """The banks to use when none is named: $CHINAAI_LEARN_BANK, the checkout, or the installed copy."""
    env = os.environ.get(BANK_ENV)
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    checkout = here.parents[1] / "questions"
    if checkout.is_dir() and (here.parents[1] / "pyproject.toml").is_file():
        return checkout
    return here / "_data" / "questions"


def default_decks_dir() -> Path:
    """The Anki deck recipes: beside the banks in the checkout, or the installed copy."""
    here = Path(__file__).resolve().parent
    checkout = here.parents[1] / "decks"
    if checkout.is_dir() and (here.parents[1] / "pyproject.toml").is_file():
        return checkout
    return here / "_data" / "decks"


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects.

    Loading creates hundreds of thousands of objects and no reference cycles; with the
    collector running, its repeated full scans make load time grow faster than the bank.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_bank(directory: Path | str | None = None) -> Bank:
    """Load ``sources.yaml`` and every topic file of a bank folder, or raise BankError."""
    with _collector_paused():
        return _load_bank(directory)


def _load_bank(directory: Path | str | None) -> Bank:
    root = Path(directory) if directory is not None else default_bank_dir()
    shown = display_path(root)
    if not root.exists():
        raise BankError([Problem(shown, 0, 0, "no such folder: pass an existing bank folder with --bank")])
    if not root.is_dir():
        raise BankError(
            [Problem(shown, 0, 0, "not a folder: --bank expects the folder that holds the .yaml files")]
        )

    problems: list[Problem] = []
    sources_path = root / SOURCES_FILE
    sources: dict[str, model.SourceRecord] = {}
    if not sources_path.is_file():
        problems.append(
            Problem(
                display_path(sources_path),
                0,
                0,
                "missing bibliography: every bank folder needs a sources.yaml",
            )
        )
    else:
        parsed = _load_file(sources_path, _SOURCES_FILE, problems)
        if parsed is not None:
            sources = {s.id: s for s in parsed.sources}

    tag_labels: dict[str, model.Text] = {}
    tags_path = root / TAGS_FILE
    if tags_path.is_file():
        vocabulary = _load_file(tags_path, _TAGS_FILE, problems)
        if vocabulary is not None:
            tag_labels = dict(vocabulary.tags)

    topic_paths = sorted(
        p
        for p in root.glob("*.y*ml")
        if p.name not in (SOURCES_FILE, TAGS_FILE, LINT_FILE) and p.suffix in (".yaml", ".yml")
    )
    if not topic_paths:
        problems.append(Problem(shown, 0, 0, "no topic files (*.yaml) in this folder"))

    topics: list[TopicBank] = []
    texts: dict[str, str] = {}
    for path in topic_paths:
        parsed = _load_file(path, _TOPIC_FILE, problems, texts)
        if parsed is not None:
            topics.append(TopicBank(parsed.topic, list(parsed.questions), display_path(path)))

    topics.sort(key=lambda tb: (tb.topic.order, tb.topic.id))
    problems.extend(_cross_file_problems(topics, sources, texts, sources_loaded=sources_path.is_file()))
    if problems:
        raise BankError(problems)
    return Bank(topics=topics, sources=sources, tag_labels=tag_labels)


def _load_file(
    path: Path, adapter: TypeAdapter[Any], problems: list[Problem], texts: dict[str, str] | None = None
) -> Any:
    shown = display_path(path)
    try:
        text = read_text(path)
        if texts is not None:
            texts[shown] = text
        data = parse(text)
    except YamlProblem as p:
        problems.append(Problem(shown, p.line, p.column, p.message))
        return None
    except OSError as exc:
        problems.append(Problem(shown, 1, 1, f"cannot read the file: {exc.strerror or exc}"))
        return None
    if data is None:
        problems.append(
            Problem(
                shown, 1, 1, "the file is empty: write a 'topic:' and 'questions:' (see docs/bank-format.md)"
            )
        )
        return None
    try:
        return adapter.validate_python(data)
    except ValidationError as exc:
        problems.extend(_explain(exc, shown, text, data))
        return None


def _question_id(data: Any, loc: tuple[Any, ...]) -> str | None:
    if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int) and isinstance(data, dict):
        questions = data.get("questions")
        if isinstance(questions, list) and loc[1] < len(questions) and isinstance(questions[loc[1]], dict):
            qid = questions[loc[1]].get("id")
            return str(qid) if qid is not None else None
    return None


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


@lru_cache(maxsize=1)
def _known_keys() -> tuple[str, ...]:
    keys: set[str] = set()
    for cls in vars(model).values():
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            keys.update(cls.model_fields)
    return tuple(sorted(keys))


# Model-level checks point at the key they are about, not at the start of the question.
_VALUE_ERROR_KEYS = {"highlight": ("highlight",), "correct: true": ("choices",)}


def _explain(exc: ValidationError, file: str, text: str, data: Any) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        if err["type"] == "value_error":
            loc += _VALUE_ERROR_KEYS.get(next((k for k in _VALUE_ERROR_KEYS if k in err["msg"]), ""), ())
        line, column = locate(text, loc)
        problems.append(Problem(file, line, column, _message(err, loc), _question_id(data, loc)))
    return problems


def _message(err: Any, loc: tuple[Any, ...]) -> str:
    kind = err["type"]
    last = loc[-1] if loc else ""
    shown = loc[2:] if len(loc) > 2 and loc[0] == "questions" else loc  # the question id is shown anyway
    where = (
        ".".join(str(p) for p in shown if not (isinstance(p, str) and p in model.QUESTION_TYPES))
        or "the file"
    )
    got = err.get("input")
    if kind == "missing":
        if last in _LANG_NAMES:
            return f"missing {_LANG_NAMES[last]} text in '{where.rsplit('.', 1)[0]}': give both de and en, or one plain string"
        return f"missing required key '{last}'"
    if kind == "extra_forbidden":
        return f"unknown key '{last}'{did_you_mean(str(last), _known_keys())}"
    if kind == "string_too_short":
        if last in _LANG_NAMES:
            return f"empty {_LANG_NAMES[last]} text in '{where}': write the translation"
        return f"'{where}' is empty"
    if kind == "string_pattern_mismatch":
        if last in ("id", "doc") or "tags" in loc:
            return f"{got!r} is not a valid id: use lowercase letters, digits and hyphens (e.g. 'deepseek-r1-date')"
        if last == "date":
            return f"{got!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD in quotes"
        return f"'{where}' has the wrong form: {err['msg']}"
    if kind == "union_tag_invalid":
        return f"unknown question type {err['ctx']['tag']!r}{did_you_mean(str(err['ctx']['tag']), model.QUESTION_TYPES)}; use one of: {', '.join(model.QUESTION_TYPES)}"
    if kind == "union_tag_not_found":
        return f"missing required key 'type' (one of: {', '.join(model.QUESTION_TYPES)})"
    if kind in ("greater_than_equal", "less_than_equal") and last == "difficulty":
        return f"difficulty must be 1, 2 or 3, not {got!r}"
    if kind == "too_short":
        return f"'{where}' needs at least {err['ctx']['min_length']} entr{'y' if err['ctx']['min_length'] == 1 else 'ies'}"
    if kind == "literal_error":
        return f"'{where}' must be one of {err['ctx']['expected']}, not {got!r}"
    if kind in _TYPE_WORDS:
        return f"'{where}' must be {_TYPE_WORDS[kind]}, not {_describe(got)}"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    return f"'{where}': {err['msg']}"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def _cross_file_problems(
    topics: list[TopicBank],
    sources: dict[str, model.SourceRecord],
    texts: dict[str, str],
    *,
    sources_loaded: bool,
) -> list[Problem]:
    problems: list[Problem] = []
    first_seen: dict[str, tuple[str, int]] = {}
    topic_seen: dict[str, str] = {}
    for tb in topics:
        text = texts.get(tb.file, "")
        if tb.topic.id in topic_seen:
            line, col = locate(text, ("topic", "id"))
            problems.append(
                Problem(
                    tb.file,
                    line,
                    col,
                    f"topic id {tb.topic.id!r} is already used by {topic_seen[tb.topic.id]}",
                )
            )
        topic_seen.setdefault(tb.topic.id, tb.file)
        for index, q in enumerate(tb.questions):
            if q.id in first_seen:
                other_file, other_index = first_seen[q.id]
                other_line = locate(texts.get(other_file, ""), ("questions", other_index, "id"))[0]
                line, col = locate(text, ("questions", index, "id"))
                problems.append(
                    Problem(
                        tb.file,
                        line,
                        col,
                        f"duplicate question id: already used at {other_file}:{other_line}; ids must be unique across all banks",
                        q.id,
                    )
                )
            else:
                first_seen[q.id] = (tb.file, index)
            if not sources_loaded:
                continue
            for ci, cite in enumerate(q.citations):
                if cite.doc not in sources:
                    line, col = locate(text, ("questions", index, "source", ci, "doc"))
                    problems.append(
                        Problem(
                            tb.file,
                            line,
                            col,
                            f"unknown source document {cite.doc!r}{did_you_mean(cite.doc, sources)}: add it to sources.yaml or fix the id",
                            q.id,
                        )
                    )
    return problems
