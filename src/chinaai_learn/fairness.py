"""Bank checks for answers given away by position: where unshuffled choices put the right one first.

Shuffled choices cannot give an answer away by position, but a question with
``shuffle: false`` is shown in bank order everywhere, and banks tend to be written with
the correct choice first. ``position_bias`` finds the topics where that adds up; ``verify``
prints it as a warning and the linter can use it as a rule. Pure functions, simple records.
"""

from __future__ import annotations

from dataclasses import dataclass

from .bank import Bank
from .model import MultipleChoice, SingleChoice

# A topic is biased when more than this share of its unshuffled choice questions have the right choice first ...
MAX_FIRST_SHARE = 0.5
# ... counted only once it has at least this many unshuffled choice questions (one alone shows no pattern).
MIN_UNSHUFFLED = 2


@dataclass(frozen=True)
class PositionBias:
    """A topic whose unshuffled choice questions mostly have the correct choice first."""

    topic_id: str
    question_ids: tuple[str, ...]  # the unshuffled questions whose first choice is correct
    unshuffled: int  # how many of the topic's choice questions have ``shuffle: false``
    share: float  # len(question_ids) / unshuffled

    def message(self) -> str:
        return (
            f"topic {self.topic_id!r}: {len(self.question_ids)} of its {self.unshuffled} choice questions with"
            f" 'shuffle: false' ({self.share:.0%}) have the correct choice first, so learners can answer by"
            f" position ({', '.join(self.question_ids)}): remove 'shuffle: false' or reorder the choices"
        )


def position_bias(bank: Bank) -> list[PositionBias]:
    """Topics (in bank order) where more than half of the unshuffled choice questions have the right choice first."""
    found = []
    for topic_bank in bank.topics:
        fixed = [
            q for q in topic_bank.questions if isinstance(q, (SingleChoice, MultipleChoice)) and not q.shuffle
        ]
        first = tuple(q.id for q in fixed if q.choices[0].correct)
        if len(fixed) >= MIN_UNSHUFFLED and len(first) > MAX_FIRST_SHARE * len(fixed):
            found.append(PositionBias(topic_bank.topic.id, first, len(fixed), len(first) / len(fixed)))
    return found
