"""Grade a learner's response to any question type: one pure function every front end uses.

Responses are plain data: a choice index (single choice), a set of indices (multiple
choice), a bool (true/false), one string per gap (cloze), a string (numeric, short
answer), item indices in the learner's order (ordering), and for each left item the
index of the chosen right item (matching). Choice, item and pair indices always refer
to bank order; shuffling is a presentation concern.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from .model import (
    Cloze,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    QuestionBase,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from .textnorm import format_number, normalize_answer, parse_number


@dataclass(frozen=True)
class Grade:
    """The verdict: fully correct or not, the share of credit, and per-part results."""

    correct: bool
    score: float
    parts: tuple[bool, ...] = field(default_factory=tuple)
    note: str | None = None

    @property
    def partial(self) -> bool:
        return not self.correct and self.score > 0


def _from_parts(parts: Sequence[bool]) -> Grade:
    parts = tuple(parts)
    return Grade(all(parts), sum(parts) / len(parts) if parts else 0.0, parts)


def _matches(typed: str, accepted: Collection[str]) -> bool:
    t = normalize_answer(typed)
    return bool(t) and any(t == normalize_answer(a) for a in accepted)


def grade(question: QuestionBase, response: Any, lang: str = "de") -> Grade:
    """Grade ``response`` to ``question`` for a session in language ``lang`` ("de"/"en")."""
    if isinstance(question, SingleChoice):
        ok = response in question.correct_indices
        return Grade(ok, float(ok), (ok,))
    if isinstance(question, MultipleChoice):
        chosen = set(response or ())
        parts = [(i in chosen) == c.correct for i, c in enumerate(question.choices)]
        return _from_parts(parts)
    if isinstance(question, TrueFalse):
        ok = response is question.answer
        return Grade(ok, float(ok), (ok,))
    if isinstance(question, Cloze):
        typed = list(response or ())
        typed += [""] * (len(question.blanks) - len(typed))
        return _from_parts([_matches(t, b(lang)) for t, b in zip(typed, question.blanks, strict=False)])
    if isinstance(question, Numeric):
        return _grade_numeric(question, str(response or ""), lang)
    if isinstance(question, ShortAnswer):
        ok = _matches(str(response or ""), question.answers(lang))
        return Grade(ok, float(ok), (ok,))
    if isinstance(question, Ordering):
        order = list(response or ())
        return _from_parts([i < len(order) and order[i] == i for i in range(len(question.items))])
    if isinstance(question, Matching):
        chosen = list(response or ())
        return _from_parts([i < len(chosen) and chosen[i] == i for i in range(len(question.pairs))])
    raise TypeError(f"cannot grade question type {type(question).__name__}")


def _grade_numeric(question: Numeric, typed: str, lang: str) -> Grade:
    number = parse_number(typed, lang)
    other = parse_number(typed, "en" if lang == "de" else "de")
    if number is None and other is not None:
        note = (
            f"„{typed}“ ist im Deutschen keine Zahl: Dezimalkomma und Tausenderpunkt verwenden, z. B. {format_number(other, 'de')}"
            if lang == "de"
            else f'"{typed}" is not an English number: use a decimal point and thousands commas, e.g. {format_number(other, "en")}'
        )
        return Grade(False, 0.0, (False,), note)
    if number is None:
        example = "1,4 oder 296.446" if lang == "de" else "1.4 or 296,446"
        note = (
            f"„{typed}“ ist keine Zahl (Beispiel: {example})"
            if lang == "de"
            else f'"{typed}" is not a number (for example {example})'
        )
        return Grade(False, 0.0, (False,), note)
    ok = question.accepts(number)
    return Grade(ok, float(ok), (ok,))
