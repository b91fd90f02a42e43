"""How a question is laid out for a learner: display order of choices, items and pairs.

Choices keep bank order (teachers often order them deliberately, and the index is
what grading uses); ordering items and matching right sides are shuffled, with a
stable key, since bank order *is* their answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Matching, Ordering, QuestionBase
from .shuffle import shuffled_indices


@dataclass(frozen=True)
class Layout:
    """Display order: ``order[k]`` is the bank index shown at position k."""

    order: tuple[int, ...] = ()


def layout(question: QuestionBase, seed: object = 0, shuffle_choices: bool = False) -> Layout:
    """The order in which a question's parts are shown to a learner for ``seed``."""
    if isinstance(question, Ordering):
        return Layout(tuple(shuffled_indices(len(question.items), seed, question.id, avoid_identity=True)))
    if isinstance(question, Matching):
        return Layout(tuple(shuffled_indices(len(question.pairs), seed, question.id, avoid_identity=True)))
    choices = getattr(question, "choices", None)
    if choices is not None:
        n = len(choices)
        return Layout(tuple(shuffled_indices(n, seed, question.id)) if shuffle_choices else tuple(range(n)))
    return Layout()
