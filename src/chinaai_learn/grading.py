"""Grade a learner's response to any question type: one pure function every front end uses.

Responses are plain data: a choice index (single choice), a set of indices (multiple
choice), a bool (true/false), one string per gap (cloze), a string (numeric, short
answer), item indices in the learner's order (ordering), and for each left item the
index of the chosen right item (matching). Choice, item and pair indices always refer
to bank order; shuffling is a presentation concern.

The scoring rules (stated to learners by ``scoring_rules``) are chosen so that guessing
does not pay: multiple choice gives +1/k for each of its k correct choices ticked and
−1/(n−k) for each wrong one, floored at 0, so ticking everything scores 0; single
choice, true/false, numbers and short answers are all or nothing; ordering earns
1/(n−1) for each item directly followed by its right successor; matching and cloze
earn a share per pair or gap. An empty answer is "no answer": 0 points, its own outcome.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Literal

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
from .textnorm import format_number, normalize_answer, one_edit_apart, parse_number

Outcome = Literal["correct", "partly", "incorrect", "no_answer"]
# Typed answers at least this long (in letters, without digits) forgive one typo.
TYPO_MIN_LETTERS = 6


@dataclass(frozen=True)
class Grade:
    """The verdict: fully correct or not, the share of credit, and per-part results.

    ``answered`` is False for an empty answer ("no answer", never partly right);
    ``spellings`` lists the correct spelling of every answer accepted despite a typo.
    """

    correct: bool
    score: float
    parts: tuple[bool, ...] = field(default_factory=tuple)
    note: str | None = None
    answered: bool = True
    spellings: tuple[str, ...] = ()

    @property
    def partial(self) -> bool:
        return not self.correct and self.score > 0

    @property
    def outcome(self) -> Outcome:
        if not self.answered:
            return "no_answer"
        return "correct" if self.correct else "partly" if self.partial else "incorrect"


NO_ANSWER = Grade(False, 0.0, answered=False)


def _from_parts(parts: Sequence[bool], spellings: Sequence[str] = ()) -> Grade:
    parts = tuple(parts)
    return Grade(all(parts), sum(parts) / len(parts) if parts else 0.0, parts, spellings=tuple(spellings))


def forgives_typo(accepted: str) -> bool:
    """Long words and names forgive a typo; numbers and codes (anything with a digit) never."""
    return sum(ch.isalpha() for ch in accepted) >= TYPO_MIN_LETTERS and not any(
        ch.isdigit() for ch in accepted
    )


def match_typed(typed: str, accepted: Collection[str]) -> tuple[bool, str | None]:
    """Whether ``typed`` is one of ``accepted``, and the accepted spelling if it took a typo to match."""
    t = normalize_answer(typed)
    if not t:
        return False, None
    if any(t == normalize_answer(a) for a in accepted):
        return True, None
    if any(ch.isdigit() for ch in t):
        return False, None
    for answer in accepted:
        a = normalize_answer(answer)
        if forgives_typo(a) and one_edit_apart(t, a):
            return True, answer
    return False, None


def _blank(response: Any) -> bool:
    return response is None or (isinstance(response, str) and not response.strip())


def grade(question: QuestionBase, response: Any, lang: str = "de") -> Grade:
    """Grade ``response`` to ``question`` for a session in language ``lang`` ("de"/"en")."""
    if _blank(response) or (isinstance(response, (set, frozenset, list, tuple)) and not response):
        return NO_ANSWER
    if isinstance(question, SingleChoice):
        ok = response in question.correct_indices
        return Grade(ok, float(ok), (ok,))
    if isinstance(question, MultipleChoice):
        return _grade_multiple(question, set(response))
    if isinstance(question, TrueFalse):
        ok = response is question.answer
        return Grade(ok, float(ok), (ok,))
    if isinstance(question, Cloze):
        return _grade_cloze(question, list(response), lang)
    if isinstance(question, Numeric):
        return _grade_numeric(question, str(response), lang)
    if isinstance(question, ShortAnswer):
        ok, spelling = match_typed(str(response), question.answers(lang))
        return Grade(ok, float(ok), (ok,), spellings=(spelling,) if spelling else ())
    if isinstance(question, Ordering):
        return _grade_ordering(len(question.items), list(response))
    if isinstance(question, Matching):
        chosen = list(response)
        if all(c is None for c in chosen):
            return NO_ANSWER
        return _from_parts([i < len(chosen) and chosen[i] == i for i in range(len(question.pairs))])
    raise TypeError(f"cannot grade question type {type(question).__name__}")


def _grade_multiple(question: MultipleChoice, chosen: set[int]) -> Grade:
    """+1/k per correct choice ticked, −1/(n−k) per wrong choice ticked, at least 0."""
    right = set(question.correct_indices)
    wrong_count = len(question.choices) - len(right)
    hits, misses = len(chosen & right), len(chosen - right)
    score = hits / len(right) - (misses / wrong_count if wrong_count else 0.0)
    parts = tuple((i in chosen) == c.correct for i, c in enumerate(question.choices))
    return Grade(chosen == right, max(0.0, score), parts)


def _grade_cloze(question: Cloze, typed: list[Any], lang: str) -> Grade:
    typed += [""] * (len(question.blanks) - len(typed))
    if all(_blank(t) for t in typed):
        return NO_ANSWER
    results = [match_typed(str(t or ""), b(lang)) for t, b in zip(typed, question.blanks, strict=False)]
    return _from_parts([ok for ok, _ in results], [s for _, s in results if s])


def _grade_ordering(n: int, order: list[int]) -> Grade:
    """1/(n−1) for each item that is directly followed by the item that follows it in the right order."""
    follows = dict(pairwise(order))
    parts = tuple(follows.get(i) == i + 1 for i in range(n - 1))
    return Grade(order == list(range(n)), sum(parts) / len(parts), parts)


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
        return Grade(False, 0.0, note=note, answered=False)
    ok = question.accepts(number)
    return Grade(ok, float(ok), (ok,))
