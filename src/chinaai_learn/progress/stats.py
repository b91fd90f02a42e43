"""Progress for ``chinaai-learn stats``: per topic seen/total, accuracy, due today and this week; the daily
streak and the answers per day (the review calendar).

Days are the learner's local days (``clock.local_day``: the time zone of ``now``). A streak is
the number of consecutive days with at least one answer, ending today, or yesterday when today
has none yet (a streak is not broken until the day is over). Accuracy is the quiz's
(``session.accuracy``): points earned over answers given, partial credit counted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ..bank import Bank
from ..session import accuracy, accuracy_percent
from .clock import local_day
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
        """Points per answer, as the quiz counts them (a partly right answer counts its share); None before any."""
        return accuracy(self.score, self.answers)

    @property
    def percent(self) -> int | None:
        """``accuracy`` as the whole percentage the quiz's results show; None before any answer."""
        return accuracy_percent(self.score, self.answers)

    def to_json(self) -> dict[str, Any]:
        share = self.accuracy
        return {
            **asdict(self),
            "accuracy": None if share is None else round(share, 4),
            "percent": self.percent,
        }


@dataclass(frozen=True)
class Streak:
    """Consecutive local days with at least one answer, ending ``last`` (today or yesterday)."""

    days: int
    first: date | None  # None when there is no streak
    last: date | None

    def to_json(self) -> dict[str, Any]:
        return {
            "days": self.days,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
        }


@dataclass(frozen=True)
class ProgressStats:
    """Per-topic progress in bank order, the total, the daily streak and the answers per local day."""

    topics: tuple[TopicStats, ...]
    total: TopicStats
    next_due: datetime | None
    retired_questions: int  # answered questions whose id is no longer in any bank (history kept)
    today: date
    streak: Streak
    # Answers per local day, oldest first, days without answers left out. Without a topic
    # filter it counts every stored answer, those to questions no longer in a bank too.
    days: tuple[tuple[date, int], ...] = ()

    def answers_on(self, day: date) -> int:
        return dict(self.days).get(day, 0)


def streak_of(days: Iterable[date], today: date) -> Streak:
    """The streak in ``days`` (days with answers) ending today, or yesterday while today has none."""
    have = set(days)
    last = today if today in have else today - timedelta(days=1)
    day, count = last, 0
    while day in have:
        count += 1
        day -= timedelta(days=1)
    return Streak(count, day + timedelta(days=1), last) if count else Streak(0, None, None)


def streak(days: Iterable[date], today: date) -> int:
    """Consecutive days with answers ending today (or yesterday, while today has none)."""
    return streak_of(days, today).days


def calendar_weeks(today: date, weeks: int) -> list[list[date | None]]:
    """The review calendar: ``weeks`` columns of seven days (Monday first), the last one today's week.

    Days after today are None (not over yet, nothing to show).
    """
    monday = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    columns = []
    for week in range(weeks):
        days = [monday + timedelta(weeks=week, days=d) for d in range(7)]
        columns.append([d if d <= today else None for d in days])
    return columns


# The calendar's shades: a day with at least LEVELS[k - 1] answers has shade k (0: no answer).
LEVELS = (1, 5, 10, 20)


def shade(answers: int) -> int:
    """0 for a day without answers, else 1..len(LEVELS) by the thresholds in LEVELS."""
    return sum(1 for low in LEVELS if answers >= low)


def progress_stats(
    store: ProgressStore, bank: Bank, now: datetime, topics: Iterable[str] | None = None
) -> ProgressStats:
    """Compute every topic's progress at ``now`` (an aware datetime in the learner's time zone)."""
    wanted = set(topics) if topics else None
    cards = store.cards()
    tomorrow = start_of_day(now) + timedelta(days=1)
    week_end = start_of_day(now) + timedelta(days=7)
    today = now.date()

    answers: dict[str, int] = defaultdict(int)
    correct: dict[str, int] = defaultdict(int)
    score: dict[str, float] = defaultdict(float)
    days: dict[str, set[date]] = defaultdict(set)
    per_day: dict[date, int] = defaultdict(int)
    for review in store.reviews():
        question = bank.get(review.question_id)
        day = local_day(review.answered_at, now)
        if question is None:  # no longer in a bank: still a day the learner studied
            if wanted is None or review.topic_id in wanted:
                per_day[day] += 1
            continue
        topic_id = bank.topic_of(question).id
        if wanted is not None and topic_id not in wanted:
            continue
        answers[topic_id] += 1
        correct[topic_id] += review.correct
        score[topic_id] += review.score
        days[topic_id].add(day)
        per_day[day] += 1

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
                streak_days=streak(days[tb.topic.id], today),
                score=score[tb.topic.id],
            )
        )
    shown = {r.topic_id for r in rows}
    overall = streak_of(per_day, today)
    total = TopicStats(
        topic_id=TOTAL,
        seen=sum(r.seen for r in rows),
        total=sum(r.total for r in rows),
        answers=sum(r.answers for r in rows),
        correct=sum(r.correct for r in rows),
        due_today=sum(r.due_today for r in rows),
        due_week=sum(r.due_week for r in rows),
        streak_days=overall.days,
        score=sum(r.score for r in rows),
    )
    in_bank = {q.id for tb in bank.topics if tb.topic.id in shown for q in tb.questions}
    dues = [c.due for qid, c in cards.items() if qid in in_bank]
    retired = sum(1 for qid in cards if bank.get(qid) is None)
    return ProgressStats(
        tuple(rows), total, min(dues, default=None), retired, today, overall, tuple(sorted(per_day.items()))
    )
