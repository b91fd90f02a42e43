"""Spaced repetition with py-fsrs: one card per question id, a rating from the grade, the next due date.

Wrong → Again, right → Good, right after a hint → Hard (the learner may override the
rating afterwards). The card id is derived from the question id, so review logs exported
for the FSRS optimizer name the same card in every store.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from fsrs import Card, Rating, ReviewLog, Scheduler, State

from ..errors import UserError
from .clock import to_utc

DEFAULT_RETENTION = 0.9
RATINGS: dict[int, Rating] = {r.value: r for r in Rating}  # 1 Again, 2 Hard, 3 Good, 4 Easy


def rating_for(correct: bool, hinted: bool) -> Rating:
    """The rating a graded answer earns unless the learner overrides it."""
    if not correct:
        return Rating.Again
    return Rating.Hard if hinted else Rating.Good


def card_id_for(question_id: str) -> int:
    """A stable positive 53-bit id for a question's card (safe in JSON and SQLite)."""
    return int.from_bytes(hashlib.sha256(question_id.encode("utf-8")).digest()[:8], "big") >> 11


@dataclass(frozen=True)
class CardScheduler:
    """The FSRS scheduler with the learner's desired retention; fuzzing off makes it deterministic."""

    desired_retention: float = DEFAULT_RETENTION
    fuzzing: bool = True

    def __post_init__(self) -> None:
        if not 0.7 <= self.desired_retention <= 0.99:
            raise UserError(
                f"desired retention must be from 0.70 to 0.99 (the share of answers you want to recall), not {self.desired_retention}"
            )

    @cached_property
    def _fsrs(self) -> Scheduler:
        return Scheduler(desired_retention=self.desired_retention, enable_fuzzing=self.fuzzing)

    def new_card(self, question_id: str, at: datetime) -> Card:
        return Card(card_id=card_id_for(question_id), state=State.Learning, due=to_utc(at))

    def review(
        self, card: Card, rating: Rating, at: datetime, duration_ms: int | None = None
    ) -> tuple[Card, ReviewLog]:
        """The card after this review, and the log FSRS keeps of it."""
        return self._fsrs.review_card(card, rating, review_datetime=to_utc(at), review_duration=duration_ms)
