"""Load bank folders (YAML → model), reporting every problem of every file at once.

Each problem carries file, line, column, question id and a plain-language message.
Validation runs at full speed on plain data; positions are looked up only for errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import bank_format, model
from .bank import Bank, TopicBank
from .bank_folder import list_bank_files, read_bank_file
from .bank_location import BANK_ENV as BANK_ENV  # kept importable from here
from .bank_location import default_bank_dir as default_bank_dir
from .bank_location import default_decks_dir as default_decks_dir
from .bank_messages import explain
from .bank_references import FileReferences, ParsedFile, file_references, reference_problems, source_ids
from .collector import collector_paused
from .errors import BankError, Problem, display_path
from .yaml_reader import YamlProblem, character_problems, parse

SOURCES_FILE = "sources.yaml"
TAGS_FILE = "tags.yaml"
LINT_FILE = "lint.yaml"  # the linter's config (chinaai_learn.lint), not a topic

_TOPIC_FILE = TypeAdapter(bank_format.TopicFile)
_SOURCES_FILE = TypeAdapter(bank_format.SourcesFile)
_TAGS_FILE = TypeAdapter(bank_format.TagsFile)


def load_bank(directory: Path | str | None = None) -> Bank:
    """Load ``sources.yaml`` and every topic file of a bank folder, or raise BankError."""
    with collector_paused():  # many small acyclic objects: see chinaai_learn.collector
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
    try:
        listing = list_bank_files(root, shown)
    except OSError as exc:
        raise BankError([Problem(shown, 0, 0, f"cannot list the folder ({exc.strerror or exc})")]) from None
    by_name = {p.name.lower(): p for p in listing.files}
    problems: list[Problem] = []

    sources_path = by_name.get(SOURCES_FILE) or by_name.get("sources.yml")
    sources: dict[str, model.SourceRecord] = {}
    known_sources: set[str] | None = None
    if sources_path is None:
        problems.append(
            Problem(
                display_path(root / SOURCES_FILE),
                0,
                0,
                "missing bibliography: every bank folder needs a sources.yaml",
            )
        )
    else:
        parsed_sources = _parse_file(sources_path, problems)
        if parsed_sources is not None:
            known_sources = source_ids(parsed_sources.data)
            valid = _validate(parsed_sources, bank_format.SourcesFile, _SOURCES_FILE, problems)
            if valid is not None:
                sources = {s.id: as_record(s) for s in valid.sources}

    tag_labels: dict[str, model.Text] = {}
    tags_path = by_name.get(TAGS_FILE) or by_name.get("tags.yml")
    if tags_path is not None:
        parsed_tags = _parse_file(tags_path, problems)
        if parsed_tags is not None:
            vocabulary = _validate(parsed_tags, bank_format.TagsFile, _TAGS_FILE, problems)
            if vocabulary is not None:
                tag_labels = {tag: as_record(label) for tag, label in vocabulary.tags.items()}

    lint_path = by_name.get(LINT_FILE) or by_name.get("lint.yml")
    special = {sources_path, tags_path, lint_path}
    topic_paths = [p for p in listing.files if p not in special]
    if not topic_paths:
        problems.append(Problem(shown, 0, 0, "no topic files (*.yaml) in this folder"))

    topics: list[TopicBank] = []
    parsed_topics: list[FileReferences] = []  # not the parsed data: see FileReferences
    for path in topic_paths:
        parsed = _parse_file(path, problems)
        if parsed is None:
            continue
        parsed_topics.append(file_references(parsed))
        topic_file = _validate(parsed, bank_format.TopicFile, _TOPIC_FILE, problems)
        if topic_file is not None:
            questions = [as_record(q) for q in topic_file.questions]
            topics.append(TopicBank(as_record(topic_file.topic), questions, parsed.shown))

    problems.extend(reference_problems(parsed_topics, known_sources))
    if problems:
        raise BankError(problems, notes=listing.notes)
    topics.sort(key=lambda tb: (tb.topic.order, tb.topic.id))
    return Bank(topics=topics, sources=sources, tag_labels=tag_labels, notes=listing.notes)


def _parse_file(path: Path, problems: list[Problem]) -> ParsedFile | None:
    """The file's YAML as plain data, or None with its problems added (all bad characters at once)."""
    shown = display_path(path)
    try:
        text = read_bank_file(path)
        bad_characters = character_problems(text)
        if bad_characters:
            problems.extend(Problem(shown, p.line, p.column, p.message) for p in bad_characters)
            return None
        data = parse(text)
    except YamlProblem as p:
        problems.append(Problem(shown, p.line, p.column, p.message))
        return None
    except OSError as exc:
        problems.append(Problem(shown, 1, 1, f"cannot read the file: {exc.strerror or exc}"))
        return None
    if data is None:
        what = (
            "a 'sources:' list" if path.name.lower().startswith("sources.") else "a 'topic:' and 'questions:'"
        )
        problems.append(Problem(shown, 1, 1, f"the file is empty: write {what} (see docs/bank-format.md)"))
        return None
    return ParsedFile(shown, text, data)


def as_record(value: Any) -> Any:
    """A validated model as the plain record of the same name (lists and mappings of them likewise).

    Field for field, nothing re-checked; the fields the file left to their defaults stay
    known (``model_fields_set``), as they were on the model.
    """
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        values = {name: as_record(item) for name, item in value.__dict__.items()}
        unset = frozenset(fields).difference(value.model_fields_set)
        return model.RECORDS[type(value).__name__]._from_fields(values, unset)
    if isinstance(value, list):
        return [as_record(item) for item in value]
    if isinstance(value, dict):
        return {key: as_record(item) for key, item in value.items()}
    return value


def _validate(
    parsed: ParsedFile, root: type[BaseModel], adapter: TypeAdapter[Any], problems: list[Problem]
) -> Any:
    try:
        return adapter.validate_python(parsed.data)
    except ValidationError as exc:
        problems.extend(explain(exc, root, parsed.shown, parsed.text, parsed.data))
        return None
