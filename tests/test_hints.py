"""Hints: a wrong choice taken away where that leaves a real choice, else a pointer to the source."""

from __future__ import annotations

from pathlib import Path

import pytest

from chinaai_learn.hints import hint_for
from chinaai_learn.loading import load_bank

QUIZBANK = Path(__file__).parent / "data" / "quizbank"


@pytest.fixture(scope="module")
def bank():
    return load_bank(QUIZBANK)


def test_a_choice_hint_removes_a_wrong_choice_and_the_same_one_every_time(bank):
    question = bank.get("qb-tier-b-model")
    hint = hint_for(question, seed=3)
    assert hint.removed_choice is not None
    assert not question.choices[hint.removed_choice].correct
    assert hint_for(question, seed=3) == hint


def test_the_removed_choice_depends_on_the_seed(bank):
    question = bank.get("qb-tier-b-model")
    assert len({hint_for(question, seed=s).removed_choice for s in range(20)}) > 1


def test_no_choice_is_removed_when_that_would_leave_only_right_answers_and_one_wrong(bank):
    # qb-tier-a-equipment has two wrong choices: removing one still leaves a choice.
    assert hint_for(bank.get("qb-tier-a-equipment")).removed_choice is not None
    two_choices = bank.get("qb-tier-b-model").model_copy(
        update={"choices": bank.get("qb-tier-b-model").choices[:2]}
    )
    hint = hint_for(two_choices)
    assert hint.removed_choice is None
    assert hint.citation.section == "Drei Stufen des „Eye of God“"


@pytest.mark.parametrize(
    "question_id",
    [
        "qb-no-extra-price",
        "qb-tier-c-sensors",
        "qb-tier-b-tops",
        "qb-first-model",
        "qb-tiers-by-power",
        "qb-tier-logos",
    ],
)
def test_other_types_point_to_the_first_cited_passage(bank, question_id):
    question = bank.get(question_id)
    hint = hint_for(question)
    assert hint.removed_choice is None
    assert hint.citation == question.citations[0]
