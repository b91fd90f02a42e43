"""Question selection picks exactly what the filters and counts ask for, reproducibly, never twice."""

from __future__ import annotations

import argparse

import pytest

from chinaai_learn.errors import UserError
from chinaai_learn.loading import load_bank
from chinaai_learn.selection import (
    SelectionCriteria,
    add_selection_options,
    criteria_from_args,
    select_questions,
)

TYPES = ("true_false", "short_answer")


def topic_yaml(topic: str, n: int) -> str:
    """A topic with n questions: difficulty cycles 1,2,3; type alternates true_false/short_answer."""
    lines = [f"topic: {{id: {topic}, title: {topic}}}", "questions:"]
    for i in range(n):
        kind = TYPES[i % 2]
        answer = "answer: true" if kind == "true_false" else "answers: [Hangzhou]"
        lines += [
            f"  - id: {topic}-{i}",
            f"    type: {kind}",
            f"    difficulty: {i % 3 + 1}",
            f"    prompt: Frage {i}",
            f"    {answer}",
            "    explanation: Weil.",
            "    source: {doc: kiefer-2025-03-epochenumbruch, quote: Hangzhou}",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def bank(make_bank):
    return load_bank(make_bank(alpha=topic_yaml("alpha", 9), beta=topic_yaml("beta", 6)))


def ids(questions) -> list[str]:
    return [q.id for q in questions]


def test_no_criteria_selects_every_question_in_bank_order(bank) -> None:
    assert ids(select_questions(bank, SelectionCriteria())) == ids(bank.questions)


def test_filters_select_exactly_the_matching_questions(bank) -> None:
    picked = select_questions(
        bank, SelectionCriteria(topics=("beta",), difficulties=(1, 3), types=("true_false",))
    )
    # beta: i=0 (tf, d1), 2 (tf, d3), 4 (tf, d2) -> 0 and 2
    assert ids(picked) == ["beta-0", "beta-2"]


def test_count_draws_that_many_distinct_questions_from_the_matches(bank) -> None:
    picked = select_questions(bank, SelectionCriteria(types=("short_answer",), count=5, seed=3))
    assert len(picked) == 5
    assert len(set(ids(picked))) == 5
    assert all(q.type == "short_answer" for q in picked)
    assert ids(picked) == [q.id for q in bank.questions if q.id in set(ids(picked))], "bank order is kept"


def test_the_same_seed_draws_the_same_questions_and_another_seed_others(bank) -> None:
    draws = {seed: ids(select_questions(bank, SelectionCriteria(count=6, seed=seed))) for seed in range(6)}
    assert draws[2] == ids(select_questions(bank, SelectionCriteria(count=6, seed=2)))
    assert len({tuple(d) for d in draws.values()}) > 1


def test_per_topic_draws_that_many_from_each_topic(bank) -> None:
    picked = select_questions(bank, SelectionCriteria(per_topic=4, seed=1))
    assert [q.id.split("-")[0] for q in picked] == ["alpha"] * 4 + ["beta"] * 4


def test_per_topic_then_count_caps_the_total(bank) -> None:
    picked = select_questions(bank, SelectionCriteria(per_topic=3, count=4, seed=5))
    assert len(picked) == 4
    assert len(set(ids(picked))) == 4
    allowed = set(ids(select_questions(bank, SelectionCriteria(per_topic=3, seed=5))))
    assert set(ids(picked)) <= allowed


def test_a_count_equal_to_the_matches_takes_them_all(bank) -> None:
    picked = select_questions(bank, SelectionCriteria(topics=("beta",), count=6))
    assert ids(picked) == [f"beta-{i}" for i in range(6)]


@pytest.mark.parametrize(
    ("criteria", "words"),
    [
        (SelectionCriteria(topics=("alpah",)), ["--topic alpah", "did you mean 'alpha'"]),
        (
            SelectionCriteria(types=("single-choice",)),
            ["--type single-choice", "did you mean 'single_choice'"],
        ),
        (SelectionCriteria(count=16), ["--count 16", "only 15 questions"]),
        (SelectionCriteria(per_topic=7), ["--per-topic 7", "beta 6"]),
        (SelectionCriteria(types=("cloze",)), ["no question matches", "type cloze"]),
        (SelectionCriteria(count=0), ["--count 0", "at least 1"]),
    ],
)
def test_impossible_requests_are_explained(bank, criteria, words) -> None:
    with pytest.raises(UserError) as caught:
        select_questions(bank, criteria)
    for w in words:
        assert w in str(caught.value)


def test_command_line_options_become_criteria() -> None:
    parser = argparse.ArgumentParser()
    add_selection_options(parser)
    args = parser.parse_args(
        [
            "--topic",
            "a",
            "--topic",
            "b",
            "--topic",
            "a",
            "--difficulty",
            "2",
            "--type",
            "cloze",
            "--count",
            "7",
            "--per-topic",
            "3",
            "--seed",
            "9",
            "--lang",
            "en",
        ]
    )
    assert criteria_from_args(args) == SelectionCriteria(
        topics=("a", "b"), difficulties=(2,), types=("cloze",), count=7, per_topic=3, seed=9
    )
    assert args.lang == "en"
    defaults = criteria_from_args(parser.parse_args([]))
    assert defaults == SelectionCriteria()


@pytest.mark.parametrize(
    "bad", [["--count", "0"], ["--count", "zehn"], ["--difficulty", "4"], ["--seed", "x"]]
)
def test_bad_option_values_are_refused_by_the_parser(bad, capsys) -> None:
    parser = argparse.ArgumentParser()
    add_selection_options(parser)
    with pytest.raises(SystemExit) as caught:
        parser.parse_args(bad)
    assert caught.value.code == 2
    assert bad[0] in capsys.readouterr().err
