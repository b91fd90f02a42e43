"""FSRS scheduling with a fixed clock and fuzzing off: ratings from grades, due dates, retention."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chinaai_learn.errors import UserError
from chinaai_learn.progress import CardScheduler, ProgressStore, Rating, rating_for
from chinaai_learn.progress.scheduler import card_id_for

from .conftest import T0, answer


@pytest.mark.parametrize(
    ("correct", "hinted", "rating"),
    [
        (False, False, Rating.Again),
        (False, True, Rating.Again),
        (True, False, Rating.Good),
        (True, True, Rating.Hard),
    ],
)
def test_rating_follows_the_grade_and_the_hint(correct: bool, hinted: bool, rating: Rating) -> None:
    assert rating_for(correct, hinted) is rating


def test_a_new_card_comes_back_soon_after_a_mistake_and_later_when_right(store: ProgressStore) -> None:
    wrong = store.record(answer("alpha-1", T0, correct=False))
    right = store.record(answer("alpha-2", T0, correct=True))
    hinted = store.record(answer("alpha-3", T0, correct=True, hinted=True))
    assert (wrong.rating, right.rating, hinted.rating) == (Rating.Again, Rating.Good, Rating.Hard)
    # py-fsrs 6 default learning steps are 1 and 10 minutes.
    assert wrong.due - T0 == timedelta(minutes=1)
    assert right.due - T0 == timedelta(minutes=10)
    assert T0 < hinted.due <= right.due


def test_intervals_grow_with_each_correct_review_and_shrink_after_a_lapse(store: ProgressStore) -> None:
    at, intervals = T0, []
    for _ in range(5):
        due = store.record(answer("alpha-1", at)).due
        intervals.append(due - at)
        at = due
    assert intervals == sorted(intervals)
    assert intervals[-1] > timedelta(days=10)
    lapse = store.record(answer("alpha-1", at, correct=False))
    assert lapse.due - at < timedelta(days=1)


def test_the_same_history_gives_the_same_dates_without_fuzzing(tmp_path) -> None:
    dues = []
    for name in ("a", "b"):
        with ProgressStore.open(
            tmp_path / f"{name}.sqlite3", scheduler=CardScheduler(fuzzing=False)
        ) as store:
            at = T0
            for correct in (True, True, False, True, True):
                at = store.record(answer("alpha-1", at, correct)).due
            dues.append(at)
    assert dues[0] == dues[1]


def test_a_higher_desired_retention_schedules_sooner(tmp_path) -> None:
    def interval_after_three_goods(retention: float) -> timedelta:
        scheduler = CardScheduler(desired_retention=retention, fuzzing=False)
        with ProgressStore.open(tmp_path / f"{retention}.sqlite3", scheduler=scheduler) as store:
            at = T0
            for _ in range(3):
                previous, at = at, store.record(answer("alpha-1", at)).due
            return at - previous

    assert (
        interval_after_three_goods(0.95) < interval_after_three_goods(0.9) < interval_after_three_goods(0.8)
    )


@pytest.mark.parametrize("retention", [0.5, 1.0])
def test_an_impossible_retention_is_a_user_error(retention: float) -> None:
    with pytest.raises(UserError, match="desired retention"):
        CardScheduler(desired_retention=retention)


def test_card_ids_are_stable_and_distinct_per_question() -> None:
    assert card_id_for("alpha-1") == card_id_for("alpha-1") != card_id_for("alpha-2")
    assert 0 < card_id_for("alpha-1") < 2**53
