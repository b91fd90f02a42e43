"""Checks across files, run on the parsed YAML so that one broken entry hides nothing else.

Duplicate topic and question ids and citations of unknown documents are found even in
files that have other mistakes, so a teacher sees every problem in one round, and a bad
record in ``sources.yaml`` does not make every citation of it "unknown".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import Problem, did_you_mean
from .yaml_reader import locate


@dataclass(frozen=True)
class ParsedFile:
    """One bank file as parsed YAML, with its text for positions."""

    shown: str
    text: str
    data: Any


def source_ids(data: Any) -> set[str] | None:
    """The ids ``sources.yaml`` declares (valid records or not); None when it has no usable list."""
    records = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(records, list):
        return None
    return {r["id"] for r in records if isinstance(r, dict) and isinstance(r.get("id"), str)}


def _questions(data: Any) -> list[tuple[int, dict[str, Any]]]:
    questions = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(questions, list):
        return []
    return [(i, q) for i, q in enumerate(questions) if isinstance(q, dict)]


def _citations(question: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    source = question.get("source")
    if isinstance(source, dict):
        entries: list[tuple[tuple[Any, ...], Any]] = [((), source)]
    elif isinstance(source, list):
        entries = [((i,), c) for i, c in enumerate(source)]
    else:
        return []
    return [
        (("source", *where, "doc"), c["doc"])
        for where, c in entries
        if isinstance(c, dict) and isinstance(c.get("doc"), str)
    ]


def _printable_id(value: Any) -> str | None:
    return value if isinstance(value, str) and value.isprintable() and value else None


@dataclass(frozen=True)
class FileReferences:
    """What the checks across files need of one topic file, taken as soon as it is parsed.

    The loader keeps this rather than the file's parsed YAML until every file is read: at
    100k questions, holding all of that data to the end was most of the load's peak memory.
    """

    shown: str
    text: str
    topic_id: str | None
    # Each question: its index in the file, its printable id (or None), and its citations'
    # (path to the doc, doc id).
    questions: list[tuple[int, str | None, list[tuple[tuple[Any, ...], str]]]]


def file_references(f: ParsedFile) -> FileReferences:
    topic = f.data.get("topic") if isinstance(f.data, dict) else None
    return FileReferences(
        f.shown,
        f.text,
        _printable_id(topic.get("id")) if isinstance(topic, dict) else None,
        [(index, _printable_id(q.get("id")), _citations(q)) for index, q in _questions(f.data)],
    )


def reference_problems(files: list[FileReferences], known_sources: set[str] | None) -> list[Problem]:
    """Duplicate topic/question ids across all files, and citations of documents not in sources.yaml."""
    problems: list[Problem] = []
    topic_seen: dict[str, str] = {}
    first_seen: dict[str, tuple[FileReferences, int]] = {}
    for f in files:
        topic_id = f.topic_id
        if topic_id is not None:
            if topic_id in topic_seen:
                line, col = locate(f.text, ("topic", "id"))
                problems.append(
                    Problem(
                        f.shown, line, col, f"topic id {topic_id!r} is already used by {topic_seen[topic_id]}"
                    )
                )
            topic_seen.setdefault(topic_id, f.shown)
        for index, qid, citations in f.questions:
            if qid is not None:
                if qid in first_seen:
                    other, other_index = first_seen[qid]
                    other_line = locate(other.text, ("questions", other_index, "id"))[0]
                    line, col = locate(f.text, ("questions", index, "id"))
                    problems.append(
                        Problem(
                            f.shown,
                            line,
                            col,
                            f"duplicate question id: already used at {other.shown}:{other_line}; "
                            "ids must be unique across all banks: give this question a new id",
                            qid,
                        )
                    )
                else:
                    first_seen[qid] = (f, index)
            if known_sources is None:
                continue
            for path, doc in citations:
                if doc not in known_sources:
                    line, col = locate(f.text, ("questions", index, *path))
                    problems.append(
                        Problem(
                            f.shown,
                            line,
                            col,
                            f"unknown source document {doc!r}{did_you_mean(doc, known_sources)}: "
                            "add it to sources.yaml or fix the id",
                            qid,
                        )
                    )
    return problems
