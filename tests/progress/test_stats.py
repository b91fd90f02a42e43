"""Progress per topic: seen/total, accuracy, due today and this week, streaks in local days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from chinaai_learn.bank import Bank
from chinaai_learn.loading import load_bank
from chinaai_learn.progress import (
    Answer,
    CardScheduler,
    ProgressRecorder,
    ProgressStore,
    Rating,
    progress_stats,
)
from chinaai_learn.progress.clock import local_day
from chinaai_learn.progress.stats import calendar_weeks, shade, streak, streak_of
from chinaai_learn.session import QuizSession, QuizSettings, accuracy_percent

from ..test_session import QUIZBANK, RIGHT, WRONG, FakeClock
from .conftest import T0, answer

DAY = timedelta(days=1)


def history(store: ProgressStore) -> None:
    """T0 is Saturday 1 March 2025, 09:00 (+01:00)."""
    store.record(answer("alpha-1", T0 - 2 * DAY + timedelta(hours=1), correct=False))  # Thu; due Thu 10:01
    store.record(answer("alpha-2", T0 - DAY))  # Fri 09:00; due 09:10
    store.record(answer("alpha-2", T0 - DAY + timedelta(minutes=10)))  # due two days later: Sun 09:10
    easy = Answer("alpha-3", "alpha", True, 1.0, T0 - DAY, rating=Rating.Easy)
    assert store.record(easy).due == T0 + 7 * DAY  # Sat 8 March 09:00: just beyond "this week"
    store.record(answer("beta-1", T0 - timedelta(hours=1)))  # today; due today 08:10
    store.record(answer("gone-1", T0 - DAY, correct=False))  # a question no bank has any more


def test_stats_per_topic(store: ProgressStore, bank: Bank) -> None:
    history(store)
    stats = progress_stats(store, bank, T0)
    alpha, beta = stats.topics
    assert (alpha.topic_id, alpha.seen, alpha.total, alpha.answers, alpha.correct) == ("alpha", 3, 5, 4, 3)
    assert alpha.accuracy == 0.75
    assert (alpha.due_today, alpha.due_week) == (1, 2)
    assert alpha.streak_days == 2  # Thursday and Friday; today is not over yet
    assert (beta.seen, beta.total, beta.accuracy, beta.due_today, beta.due_week, beta.streak_days) == (
        1,
        3,
        1.0,
        1,
        1,
        1,
    )
    total = stats.total
    assert (total.seen, total.total, total.answers, total.correct, total.due_today, total.due_week) == (
        4,
        8,
        5,
        4,
        2,
        3,
    )
    assert total.streak_days == 3
    assert stats.next_due == T0 - 2 * DAY + timedelta(hours=1, minutes=1)
    assert stats.retired_questions == 1


def test_stats_for_chosen_topics_only(store: ProgressStore, bank: Bank) -> None:
    history(store)
    stats = progress_stats(store, bank, T0, topics=["beta"])
    assert [t.topic_id for t in stats.topics] == ["beta"]
    assert (stats.total.seen, stats.total.total, stats.total.streak_days) == (1, 3, 1)


def test_no_answers_yet_means_no_accuracy_rather_than_zero(store: ProgressStore, bank: Bank) -> None:
    stats = progress_stats(store, bank, T0)
    assert all(t.accuracy is None and t.seen == 0 for t in stats.topics)
    assert stats.next_due is None
    assert stats.total.to_json()["accuracy"] is None


def test_days_are_the_learners_local_days(store: ProgressStore, bank: Bank) -> None:
    # 23:30 UTC on Friday is already Saturday 00:30 at UTC+1.
    store.record(answer("alpha-1", datetime(2025, 2, 28, 23, 30, tzinfo=UTC)))
    assert progress_stats(store, bank, T0).topics[0].streak_days == 1
    in_utc = progress_stats(store, bank, T0.astimezone(UTC))
    assert in_utc.topics[0].streak_days == 1  # Friday in UTC: yesterday, so the streak is still alive


def test_a_missed_day_breaks_the_streak() -> None:
    today = date(2025, 3, 1)
    assert streak([today, today - DAY, today - 2 * DAY], today) == 3
    assert streak([today, today - 2 * DAY], today) == 1
    assert streak([today - DAY, today - 2 * DAY], today) == 2
    assert streak([today - 2 * DAY], today) == 0
    assert streak([], today) == 0
    assert streak_of([today - DAY, today - 2 * DAY, today - 4 * DAY], today).first == today - 2 * DAY


def test_the_calendar_has_a_column_per_week_ending_with_todays() -> None:
    today = date(2025, 3, 1)  # a Saturday
    weeks = calendar_weeks(today, 12)
    assert len(weeks) == 12
    assert all(len(week) == 7 for week in weeks)
    assert weeks[0][0] == date(2024, 12, 9)  # a Monday, eleven weeks before this week's
    assert weeks[-1] == [date(2025, 2, 24) + n * DAY for n in range(6)] + [None]  # Sunday is to come
    assert [shade(n) for n in (0, 1, 4, 5, 9, 10, 19, 20, 500)] == [0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_a_days_answers_fall_on_the_learners_day_in_summer_time_too() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    winter = datetime(2025, 12, 1, 9, tzinfo=berlin)
    # 22:30 UTC on 15 July is 00:30 on the 16th in Berlin's summer time (23:30 on the 15th at UTC+1).
    assert local_day(datetime(2025, 7, 15, 22, 30, tzinfo=UTC), winter) == date(2025, 7, 16)
    fixed = datetime(2025, 12, 1, 9, tzinfo=timezone(timedelta(hours=5)))  # not the system's offset
    assert local_day(datetime(2025, 11, 30, 20, 0, tzinfo=UTC), fixed) == date(2025, 12, 1)


def test_the_stats_and_the_quizs_results_agree_on_accuracy(tmp_path: Path) -> None:
    bank = load_bank(QUIZBANK)
    clock = FakeClock()
    with ProgressStore.open(tmp_path / "p.sqlite3", scheduler=CardScheduler(fuzzing=False)) as store:
        session = QuizSession.start(
            bank, QuizSettings(seed=1), recorder=ProgressRecorder(store, clock=clock), clock=clock
        )
        for n, question in enumerate(session.questions):
            session.submit((WRONG if n % 2 else RIGHT)[question.id])
        results = session.results()
        stats = progress_stats(store, bank, clock.now)
    assert 0 < results.score < results.asked  # partly right answers among them
    assert stats.total.percent == results.percent
    assert stats.total.answers == results.asked
    by_topic = {row.topic_id: row for row in stats.topics}
    assert all(by_topic[row.topic_id].percent == row.percent for row in results.per_topic)
    assert accuracy_percent(results.score, results.asked) == results.percent
    assert accuracy_percent(0.0, 0) is None
