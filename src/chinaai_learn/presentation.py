"""How a question is laid out for a learner: display order of choices, items and pairs.

Choices are shuffled, or a learner soon learns that the first one is right: banks are
written with the correct choice first. A question with ``shuffle: false`` keeps its
choices in bank order everywhere (number ranges, "all of the above"). Ordering items and
matching right sides are always shuffled, and never left in bank order, since bank order
*is* their answer. Grading always works on bank indices; ``order`` maps between the two.

Two kinds of order: a session's (``layout(question, seed)``: the quiz and the classroom,
stable for the session's seed and so on resume) and the fixed one (``FIXED_SEED``, from
the question id alone: ``show``/``check``, Anki, Quizlet, GIFT, Moodle), which stays the
same across runs and rebuilds.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Matching, MultipleChoice, Ordering, QuestionBase, SingleChoice
from .shuffle import shuffled_indices

# The seed of the fixed, per-question order that outputs without a session use.
FIXED_SEED = 0


@dataclass(frozen=True)
class Layout:
    """Display order: ``order[k]`` is the bank index shown at position k."""

    order: tuple[int, ...] = ()

    def position(self, index: int) -> int:
        """The display position of bank index ``index`` (the inverse of ``order``)."""
        return self.order.index(index)


def layout(question: QuestionBase, seed: object = FIXED_SEED, shuffle_choices: bool = True) -> Layout:
    """The order in which a question's parts are shown to a learner for ``seed``.

    ``shuffle_choices=False`` or the question's own ``shuffle: false`` keep choices in bank order.
    """
    if isinstance(question, Ordering):
        return Layout(tuple(shuffled_indices(len(question.items), seed, question.id, avoid_identity=True)))
    if isinstance(question, Matching):
        return Layout(tuple(shuffled_indices(len(question.pairs), seed, question.id, avoid_identity=True)))
    if isinstance(question, (SingleChoice, MultipleChoice)):
        n = len(question.choices)
        shuffled = shuffle_choices and question.shuffle
        return Layout(tuple(shuffled_indices(n, seed, question.id)) if shuffled else tuple(range(n)))
    return Layout()


def fixed_choice_order(question: QuestionBase) -> tuple[int, ...]:
    """The stable display order of a question's choices (bank indices), from its id alone.

    For outputs that live longer than a session (Anki notes, Quizlet cards, LMS files,
    ``show``/``check``): independent of any session seed, so an unchanged bank exports
    the same order every time. Bank order for ``shuffle: false``; empty without choices.
    """
    if not isinstance(question, (SingleChoice, MultipleChoice)):
        return ()
    return layout(question, FIXED_SEED).order
