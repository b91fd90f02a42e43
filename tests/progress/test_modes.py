"""Quiz settings in a scheduling mode pick due reviews or mistakes, with the usual filters and count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from chinaai_learn.bank import Bank
from chinaai_learn.progress import ProgressStore
from chinaai_learn.progress.modes import scheduled_questions

from .conftest import T0, answer


@dataclass(frozen=True)
class Settings:
    """The fields of the session's QuizSettings that a scheduling mode reads."""

    mode: str
    topics: tuple[str, ...] = ()
    difficulties: tuple[int, ...] = ()
    types: tuple[str, ...] = ()
    count: int | None = None


def ids(questions) -> list[str]:
    return [q.id for q in questions]


@pytest.fixture
def answered(store: ProgressStore) -> ProgressStore:
    store.record(answer("alpha-1", T0 - timedelta(days=3), correct=False))
    store.record(answer("beta-2", T0 - timedelta(days=4), correct=False))
    store.record(answer("alpha-2", T0 - timedelta(days=2)))
    return store


def test_due_mode_asks_reviews_then_new_questions_up_to_count(answered: ProgressStore, bank: Bank) -> None:
    got = ids(scheduled_questions(answered, bank, Settings("due", count=4), T0, new_per_day=10))
    assert got == ["beta-2", "alpha-1", "alpha-2", "alpha-3"]  # alpha-2 is due again after two days


def test_mistakes_mode_respects_the_topic_filter(answered: ProgressStore, bank: Bank) -> None:
    assert ids(scheduled_questions(answered, bank, Settings("mistakes", topics=("alpha",)), T0)) == [
        "alpha-1"
    ]
    assert ids(scheduled_questions(answered, bank, Settings("mistakes"), T0)) == ["alpha-1", "beta-2"]


def test_filters_apply_before_the_daily_new_limit(answered: ProgressStore, bank: Bank) -> None:
    got = scheduled_questions(answered, bank, Settings("due", topics=("beta",)), T0, new_per_day=1)
    assert ids(got) == ["beta-2", "beta-1"]


def test_nothing_missed_gives_an_empty_quiz(store: ProgressStore, bank: Bank) -> None:
    assert scheduled_questions(store, bank, Settings("mistakes"), T0) == []
