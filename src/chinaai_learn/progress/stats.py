"""Progress per topic for ``chinaai-learn stats``: seen/total, accuracy, due today and this week, streak.

Days are the learner's local days (the time zone of ``now``). A streak is the number of
consecutive days with at least one answer, ending today, or yesterday when today has
none yet (a streak is not broken until the day is over).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ..bank import Bank
from .queues import start_of_day
from .store import ProgressStore

TOTAL = "total"


@dataclass(frozen=True)
class TopicStats:
    """One topic's progress (or the total over all topics, with ``topic_id == "total"``)."""

    topic_id: str
    seen: int
    total: int
    answers: int
    correct: int
    due_today: int
    due_week: int
    streak_days: int
    score: float = 0.0  # points over all answers, partial credit counted (as the quiz counts them)

    @property
    def accuracy(self) -> float | None:
        """Points per answer, as the quiz's percentage (a partly right answer counts its share); None before any."""
        return self.score / self.answers if self.answers else None

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "accuracy": None if self.accuracy is None else round(self.accuracy, 4)}


@dataclass(frozen=True)
class ProgressStats:
    """Per-topic progress in bank order, the total, and history of questions no longer in the banks."""

    topics: tuple[TopicStats, ...]
    total: TopicStats
    next_due: datetime | None
    retired_questions: int  # answered questions whose id is no longer in any bank (history kept)


def streak(days: Iterable[date], today: date) -> int:
    """Consecutive days with answers ending today (or yesterday, while today has none)."""
    have = set(days)
    day = today if today in have else today - timedelta(days=1)
    count = 0
    while day in have:
        count += 1
        day -= timedelta(days=1)
    return count


def progress_stats(
    store: ProgressStore, bank: Bank, now: datetime, topics: Iterable[str] | None = None
) -> ProgressStats:
    """Compute every topic's progress at ``now`` (an aware datetime in the learner's time zone)."""
    wanted = set(topics) if topics else None
    cards = store.cards()
    tomorrow = start_of_day(now) + timedelta(days=1)
    week_end = start_of_day(now) + timedelta(days=7)
    tz = now.tzinfo

    answers: dict[str, int] = defaultdict(int)
    correct: dict[str, int] = defaultdict(int)
    score: dict[str, float] = defaultdict(float)
    days: dict[str, set[date]] = defaultdict(set)
    for review in store.reviews():
        question = bank.get(review.question_id)
        if question is None:
            continue
        topic_id = bank.topic_of(question).id
        answers[topic_id] += 1
        correct[topic_id] += review.correct
        score[topic_id] += review.score
        days[topic_id].add(review.answered_at.astimezone(tz).date())

    rows = []
    for tb in bank.topics:
        if wanted is not None and tb.topic.id not in wanted:
            continue
        mine = [cards[q.id] for q in tb.questions if q.id in cards]
        rows.append(
            TopicStats(
                topic_id=tb.topic.id,
                seen=len(mine),
                total=len(tb.questions),
                answers=answers[tb.topic.id],
                correct=correct[tb.topic.id],
                due_today=sum(1 for c in mine if c.due < tomorrow),
                due_week=sum(1 for c in mine if c.due < week_end),
                streak_days=streak(days[tb.topic.id], now.date()),
                score=score[tb.topic.id],
            )
        )
    shown = {r.topic_id for r in rows}
    total = TopicStats(
        topic_id=TOTAL,
        seen=sum(r.seen for r in rows),
        total=sum(r.total for r in rows),
        answers=sum(r.answers for r in rows),
        correct=sum(r.correct for r in rows),
        due_today=sum(r.due_today for r in rows),
        due_week=sum(r.due_week for r in rows),
        streak_days=streak(set().union(*(days[t] for t in shown)) if shown else set(), now.date()),
        score=sum(r.score for r in rows),
    )
    in_bank = {q.id for tb in bank.topics if tb.topic.id in shown for q in tb.questions}
    dues = [c.due for qid, c in cards.items() if qid in in_bank]
    retired = sum(1 for qid in cards if bank.get(qid) is None)
    return ProgressStats(tuple(rows), total, min(dues, default=None), retired)
