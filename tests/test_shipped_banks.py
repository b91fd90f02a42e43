"""The shipped banks meet the coverage the users asked for (see issues 3 and 4)."""

from __future__ import annotations

from collections import Counter

import pytest

from chinaai_learn.loading import load_bank
from chinaai_learn.model import QUESTION_TYPES

from .conftest import SHIPPED_BANK

BANK = load_bank(SHIPPED_BANK)

# The four topics the user named, each covered in depth.
CORE_MINIMUMS = {"deepseek": 25, "gods-eye": 25, "ai-plus": 20, "isa": 25}
REST = ("deepseek-cars", "ev-market", "batteries", "energy-ai", "ai-governance", "startups", "geopolitics")


@pytest.mark.parametrize(("topic", "minimum"), CORE_MINIMUMS.items())
def test_core_topics_are_covered_in_depth(topic: str, minimum: int) -> None:
    questions = BANK.select(topics=[topic])
    assert len(questions) >= minimum
    assert {q.difficulty for q in questions} == {1, 2, 3}
    assert set(Counter(q.type for q in questions)) == set(QUESTION_TYPES), (
        "every type appears in every core topic"
    )


def test_the_rest_of_the_corpus_is_covered() -> None:
    counts = {t: len(BANK.select(topics=[t])) for t in REST}
    assert all(n >= 10 for n in counts.values()), counts
    assert sum(counts.values()) >= 100
    assert {q.type for q in BANK.select(topics=REST)} == set(QUESTION_TYPES)


def test_every_document_is_cited() -> None:
    cited = {c.doc for q in BANK.questions for c in q.citations}
    assert cited == set(BANK.sources)


def test_the_named_facts_are_asked() -> None:
    """The user's named facts: Open Source Week releases, the three tiers, 70 %/90 %, ISA cities."""
    text = " ".join(c.quote for q in BANK.questions for c in q.citations)
    for needle in ("FlashMLA", "Eye of God A", "Eye of God B", "Eye of God C", "70 Prozent", "90 Prozent"):
        assert needle in text, needle


def test_quotes_are_short_passages_not_paragraphs() -> None:
    long_quotes = [(q.id, len(c.quote)) for q in BANK.questions for c in q.citations if len(c.quote) > 400]
    assert not long_quotes


def test_true_false_answers_are_balanced() -> None:
    answers = Counter(q.answer for q in BANK.questions if q.type == "true_false")  # type: ignore[attr-defined]
    assert min(answers.values()) >= 0.35 * sum(answers.values())
