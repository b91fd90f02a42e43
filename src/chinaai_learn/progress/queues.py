"""Which questions a quiz mode asks: due reviews (most overdue first, then new ones), my mistakes.

Everything is computed against a loaded bank: a question id that has left the banks keeps
its history in the store but is never scheduled, counted as due, or offered again. A question
the learner buried for today is left out of both modes and of every count until midnight.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, time

from ..bank import Bank
from ..model import QuestionBase
from .clock import now as clock_now
from .records import CardInfo
from .store import ProgressStore

DEFAULT_NEW_PER_DAY = 20


@dataclass(frozen=True)
class DueQueue:
    """Due reviews (most overdue first) followed by new questions within today's new-card allowance."""

    reviews: tuple[QuestionBase, ...]
    new: tuple[QuestionBase, ...]
    learning: frozenset[str] = frozenset()  # ids of the reviews still in their learning steps

    @property
    def questions(self) -> list[QuestionBase]:
        return [*self.reviews, *self.new]

    def __len__(self) -> int:
        return len(self.reviews) + len(self.new)


@dataclass(frozen=True)
class StudyCounts:
    """What the due-reviews mode would ask now, by kind (Anki's new / learning / to review).

    ``new``: never answered, within today's new-card allowance; ``learning``: due cards in
    FSRS's learning or relearning steps; ``review``: due cards in the review state. Together
    they are the due-reviews mode's questions (before its count); buried ones are left out.
    """

    new: int
    learning: int
    review: int


@dataclass(frozen=True)
class TopicDue:
    """For the start screen: reviews due now, and new questions available today, in one topic."""

    topic_id: str
    due: int
    new: int


def start_of_day(moment: datetime) -> datetime:
    """Midnight at the start of ``moment``'s day, in ``moment``'s time zone."""
    return datetime.combine(moment.date(), time(0), tzinfo=moment.tzinfo)


def _in_topics(
    bank: Bank,
    topics: Iterable[str] | None,
    difficulties: Iterable[int] | None = None,
    types: Iterable[str] | None = None,
) -> list[QuestionBase]:
    return bank.select(topics or None, difficulties or None, types or None)


def new_cards_today(cards: Mapping[str, CardInfo], now: datetime) -> int:
    """How many of ``cards`` were answered for the first time today (they use up the daily allowance)."""
    midnight = start_of_day(now)
    return sum(1 for card in cards.values() if card.first_review >= midnight)


def due_queue(
    store: ProgressStore,
    bank: Bank,
    now: datetime,
    *,
    topics: Iterable[str] | None = None,
    difficulties: Iterable[int] | None = None,
    types: Iterable[str] | None = None,
    new_per_day: int = DEFAULT_NEW_PER_DAY,
) -> DueQueue:
    """The 'due reviews' mode: questions whose FSRS due date has passed, then new ones up to the daily limit."""
    cards = store.cards()
    pool = _not_buried(store, now, _in_topics(bank, topics, difficulties, types))
    due = sorted((q for q in pool if q.id in cards and cards[q.id].due <= now), key=lambda q: cards[q.id].due)
    allowance = max(new_per_day - new_cards_today(cards, now), 0)
    new = [q for q in pool if q.id not in cards][:allowance]
    return DueQueue(tuple(due), tuple(new), frozenset(q.id for q in due if cards[q.id].learning))


def study_counts(
    store: ProgressStore,
    bank: Bank,
    now: datetime,
    *,
    topics: Iterable[str] | None = None,
    difficulties: Iterable[int] | None = None,
    types: Iterable[str] | None = None,
    new_per_day: int = DEFAULT_NEW_PER_DAY,
) -> StudyCounts:
    """New, learning and review questions left now in these filters (see StudyCounts)."""
    queue = due_queue(
        store, bank, now, topics=topics, difficulties=difficulties, types=types, new_per_day=new_per_day
    )
    learning = sum(1 for q in queue.reviews if q.id in queue.learning)
    return StudyCounts(len(queue.new), learning, len(queue.reviews) - learning)


def _not_buried(store: ProgressStore, now: datetime | None, pool: list[QuestionBase]) -> list[QuestionBase]:
    buried = store.buried(now or clock_now())
    return [q for q in pool if q.id not in buried] if buried else pool


def mistakes(
    store: ProgressStore,
    bank: Bank,
    *,
    topics: Iterable[str] | None = None,
    difficulties: Iterable[int] | None = None,
    types: Iterable[str] | None = None,
    now: datetime | None = None,
) -> list[QuestionBase]:
    """The 'my mistakes' mode: questions whose last answer was not fully correct, the most recent first.

    ``now`` (default: the clock) decides which questions are still buried.
    """
    cards = store.cards()
    wrong = [
        q
        for q in _not_buried(store, now, _in_topics(bank, topics, difficulties, types))
        if q.id in cards and not cards[q.id].last_correct
    ]
    return sorted(wrong, key=lambda q: cards[q.id].last_review or cards[q.id].first_review, reverse=True)


def due_by_topic(
    store: ProgressStore, bank: Bank, now: datetime, *, new_per_day: int = DEFAULT_NEW_PER_DAY
) -> list[TopicDue]:
    """Per topic in bank order: reviews due now and new questions (each topic capped by today's allowance)."""
    cards = store.cards()
    buried = store.buried(now)
    allowance = max(new_per_day - new_cards_today(cards, now), 0)
    counts = []
    for tb in bank.topics:
        shown = [q for q in tb.questions if q.id not in buried]
        due = sum(1 for q in shown if q.id in cards and cards[q.id].due <= now)
        unseen = sum(1 for q in shown if q.id not in cards)
        counts.append(TopicDue(tb.topic.id, due, min(unseen, allowance)))
    return counts


def next_due(
    store: ProgressStore,
    bank: Bank,
    *,
    topics: Iterable[str] | None = None,
    question_ids: Iterable[str] | None = None,
    now: datetime | None = None,
) -> datetime | None:
    """The earliest due date among answered questions still in the bank (optionally only these), or None.

    A question buried at ``now`` (default: the clock) is due no earlier than when it comes back.
    """
    cards = store.cards()
    buried = store.buried(now or clock_now())
    wanted = set(question_ids) if question_ids is not None else None
    dues = [
        max(cards[q.id].due, buried[q.id]) if q.id in buried else cards[q.id].due
        for q in _in_topics(bank, topics)
        if q.id in cards and (wanted is None or q.id in wanted)
    ]
    return min(dues, default=None)
