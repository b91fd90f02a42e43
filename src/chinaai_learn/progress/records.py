"""The plain records the store reads and writes: an answer, its stored result, an unfinished session."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from fsrs import Rating, State

from .lease import Lease


@dataclass(frozen=True)
class Answer:
    """One graded answer as the store keeps it (language-independent: the card is the question id)."""

    question_id: str
    topic_id: str
    correct: bool
    score: float
    answered_at: datetime
    hinted: bool = False
    lang: str | None = None
    duration_ms: int | None = None
    rating: Rating | None = None  # None: from the grade (wrong → Again, right → Good, hinted → Hard)
    response: str | None = None  # JSON of what the learner answered (bank indices, text, numbers)


@dataclass(frozen=True)
class RecordedAnswer:
    """What the store did with an answer: its review id, the rating used, and when the card is due again.

    ``in_session`` is False when the session had been taken over by another instance: the
    answer was kept (and scheduled) but no longer counts for that session.
    """

    review_id: int
    question_id: str
    rating: Rating
    due: datetime
    in_session: bool = True


@dataclass(frozen=True)
class UnfinishedSession:
    """A quiz that was started and not finished: its questions in order, how far it got, who runs it."""

    id: str
    question_ids: tuple[str, ...]
    position: int
    settings: Mapping[str, Any] = field(default_factory=dict)
    started_at: datetime | None = None
    updated_at: datetime | None = None
    lease: Lease | None = None  # None: no instance holds it (released on quit, or from an older release)
    # Running time spent so far (pauses and dead processes not counted), as last saved; None from older releases.
    time_used: timedelta | None = None

    @property
    def remaining(self) -> int:
        return max(len(self.question_ids) - self.position, 0)


@dataclass(frozen=True)
class CardInfo:
    """A question's scheduling state and history summary."""

    question_id: str
    topic_id: str
    due: datetime
    first_review: datetime
    last_review: datetime | None
    last_correct: bool
    reviews: int
    state: State = State.Review  # FSRS: Learning and Relearning take short steps, Review days

    @property
    def learning(self) -> bool:
        """In FSRS's (re)learning steps: a new or forgotten question, asked again within minutes."""
        return self.state in (State.Learning, State.Relearning)


@dataclass(frozen=True)
class Review:
    """One stored answer with the rating FSRS was given (``graded_rating`` is what the grade earned)."""

    id: int
    question_id: str
    card_id: int
    topic_id: str
    answered_at: datetime
    correct: bool
    score: float
    hinted: bool
    lang: str | None
    rating: Rating
    graded_rating: Rating
    duration_ms: int | None
    session_id: str | None
    position: int | None
    response: str | None = None  # JSON of what the learner answered; None in answers of older releases


@dataclass(frozen=True)
class Flag:
    """A question the learner marked as wrong or unclear, with what they wrote (maybe nothing)."""

    id: int
    question_id: str
    flagged_at: datetime
    lang: str | None
    comment: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "question_id": self.question_id,
            "flagged_at": self.flagged_at.isoformat(),
            "lang": self.lang,
            "comment": self.comment,
        }


@dataclass(frozen=True)
class Burial:
    """A question put away for today: when it comes back, and whether it left the running session."""

    question_id: str
    until: datetime
    in_session: bool
