"""The quiz modes' questions: due reviews (most overdue first, then new ones), my mistakes, due counts."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from chinaai_learn.bank import Bank
from chinaai_learn.loading import load_bank
from chinaai_learn.progress import ProgressStore, due_by_topic, due_queue, mistakes, next_due

from .conftest import T0, answer, write_bank


def ids(questions) -> list[str]:
    return [q.id for q in questions]


def test_due_reviews_come_most_overdue_first_then_new_questions(store: ProgressStore, bank: Bank) -> None:
    store.record(answer("alpha-2", T0 - timedelta(days=3), correct=False))  # due 3 days ago + 1 min
    store.record(answer("beta-1", T0 - timedelta(days=5), correct=False))  # due 5 days ago + 1 min
    store.record(answer("alpha-3", T0 - timedelta(minutes=5)))  # due in 5 minutes: not yet; new today
    queue = due_queue(store, bank, T0, new_per_day=3)
    assert ids(queue.reviews) == ["beta-1", "alpha-2"]
    assert ids(queue.new) == ["alpha-1", "alpha-4"]  # bank order, cut to the 3 a day minus alpha-3
    assert ids(queue.questions) == ["beta-1", "alpha-2", "alpha-1", "alpha-4"]


def test_new_questions_answered_today_use_up_the_daily_limit(store: ProgressStore, bank: Bank) -> None:
    store.record(answer("alpha-1", T0.replace(hour=0, minute=5)))  # first seen today
    store.record(answer("alpha-2", T0 - timedelta(days=1)))  # first seen yesterday: does not count
    assert ids(due_queue(store, bank, T0, new_per_day=3).new) == ["alpha-3", "alpha-4"]
    assert due_queue(store, bank, T0 + timedelta(days=1), new_per_day=3).new != ()


def test_due_reviews_can_be_limited_to_topics(store: ProgressStore, bank: Bank) -> None:
    store.record(answer("alpha-1", T0 - timedelta(days=2), correct=False))
    store.record(answer("beta-1", T0 - timedelta(days=2), correct=False))
    queue = due_queue(store, bank, T0, topics=["beta"])
    assert ids(queue.reviews) == ["beta-1"]
    assert ids(queue.new) == ["beta-2", "beta-3"]


def test_my_mistakes_are_the_questions_last_answered_wrong(store: ProgressStore, bank: Bank) -> None:
    store.record(answer("alpha-1", T0 - timedelta(hours=3), correct=False))
    store.record(answer("alpha-2", T0 - timedelta(hours=2), correct=False))
    store.record(answer("alpha-2", T0 - timedelta(hours=1)))  # corrected since
    store.record(answer("beta-1", T0, correct=False))
    assert ids(mistakes(store, bank)) == ["beta-1", "alpha-1"]  # the most recent mistake first
    assert ids(mistakes(store, bank, topics=["alpha"])) == ["alpha-1"]


def test_the_start_screen_counts_due_and_new_per_topic(store: ProgressStore, bank: Bank) -> None:
    store.record(answer("alpha-1", T0 - timedelta(days=2), correct=False))
    store.record(answer("alpha-2", T0 - timedelta(days=2), correct=False))
    store.record(answer("beta-1", T0 - timedelta(minutes=1)))  # due in 9 minutes
    counts = {c.topic_id: (c.due, c.new) for c in due_by_topic(store, bank, T0, new_per_day=20)}
    assert counts == {"alpha": (2, 3), "beta": (0, 2)}
    # beta-1 was new today, so a limit of 2 leaves 1 new question (shown for each topic)
    assert {c.topic_id: c.new for c in due_by_topic(store, bank, T0, new_per_day=2)} == {
        "alpha": 1,
        "beta": 1,
    }


def test_a_question_that_left_the_banks_keeps_its_history_and_is_not_scheduled(
    store: ProgressStore, bank: Bank, tmp_path: Path
) -> None:
    store.record(answer("alpha-5", T0 - timedelta(days=2), correct=False))
    smaller = load_bank(write_bank(tmp_path / "smaller", alpha=4, beta=3))  # alpha-5 was removed
    assert "alpha-5" not in ids(due_queue(store, smaller, T0).questions)
    assert "alpha-5" not in ids(mistakes(store, smaller))
    assert {c.topic_id: c.due for c in due_by_topic(store, smaller, T0)} == {"alpha": 0, "beta": 0}
    assert next_due(store, smaller) is None
    assert len(store.reviews("alpha-5")) == 1  # history kept
    assert ids(due_queue(store, bank, T0).reviews) == ["alpha-5"]  # and used again if the question returns


def test_next_due_is_the_earliest_due_date_of_the_given_questions(store: ProgressStore, bank: Bank) -> None:
    soon = store.record(answer("alpha-1", T0, correct=False)).due
    later = store.record(answer("beta-1", T0)).due
    assert next_due(store, bank) == soon
    assert next_due(store, bank, question_ids=["beta-1", "beta-2"]) == later
    assert next_due(store, bank, topics=["beta"]) == later
