"""Quizlet flashcards: tab-separated lines read back as Quizlet reads them (tab, then line break)."""

from __future__ import annotations

import pytest

from chinaai_learn.bank import Bank
from chinaai_learn.exporters.quizlet import export_quizlet
from chinaai_learn.loading import load_bank
from chinaai_learn.model import (
    Cloze,
    Matching,
    MultipleChoice,
    Ordering,
    SingleChoice,
    fold_whitespace,
)
from chinaai_learn.render import correct_answer

from ..conftest import SHIPPED_BANK
from .lms_bank import load_lms_bank

LANGS = ("de", "en")


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    return load_lms_bank(tmp_path_factory.mktemp("lms"))


def cards(content: str) -> list[tuple[str, str]]:
    """Quizlet's import: cards split at line breaks, term and definition at the tab."""
    assert content.endswith("\n")
    rows = [line.split("\t") for line in content[:-1].split("\n")]
    assert all(len(row) == 2 for row in rows), "exactly one tab per card"
    return [(term, definition) for term, definition in rows]


@pytest.mark.parametrize("lang", LANGS)
def test_one_card_per_question_with_prompt_answer_and_explanation(bank: Bank, lang: str) -> None:
    back = cards(export_quizlet(bank, bank.questions, lang).content)
    assert len(back) == len(bank.questions)
    for q, (term, definition) in zip(bank.questions, back, strict=True):
        assert term.startswith(fold_whitespace(q.prompt(lang)))
        assert (
            definition
            == f"{fold_whitespace(correct_answer(q, lang))} — {fold_whitespace(q.explanation(lang))}"
        )


@pytest.mark.parametrize("lang", LANGS)
def test_the_term_shows_what_the_learner_needs_to_answer(bank: Bank, lang: str) -> None:
    back = dict(
        zip(
            (q.id for q in bank.questions),
            cards(export_quizlet(bank, bank.questions, lang).content),
            strict=True,
        )
    )
    for q in bank.questions:
        term = back[q.id][0]
        if isinstance(q, (SingleChoice, MultipleChoice)):
            parts = [fold_whitespace(c.text(lang)) for c in q.choices]
        elif isinstance(q, Ordering):
            parts = [fold_whitespace(item(lang)) for item in q.items]
        elif isinstance(q, Matching):
            parts = [fold_whitespace(p.left(lang)) for p in q.pairs] + [
                fold_whitespace(p.right(lang)) for p in q.pairs
            ]
        elif isinstance(q, Cloze):
            parts = [fold_whitespace(p) for p in q.segments(lang) if isinstance(p, str)]
            assert term.count("____") == len(q.blanks)
        else:
            parts = []
        for part in parts:
            assert part in term, (q.id, part)


def test_tabs_and_line_breaks_in_texts_become_spaces(bank: Bank) -> None:
    back = dict(
        zip(
            (q.id for q in bank.questions),
            cards(export_quizlet(bank, bank.questions, "de").content),
            strict=True,
        )
    )
    assert back["special-short"] == (
        "Zeile eins Zeile zwei: Welcher Pfad?",
        "C:\\KI~{1}#2=3 — Ein Pfad mit Tab.",
    )


def test_report_lists_exactly_the_cards_that_lose_accepted_spellings(bank: Bank) -> None:
    report = export_quizlet(bank, bank.questions, "de").report
    assert sorted(report.downgraded_ids) == ["mini-tier-a-cloze", "special-cloze-one", "special-short"]
    assert report.omitted_ids == []
    assert report.total_written == len(bank.questions)
    assert "Müller" in report.text()


def test_every_shipped_question_becomes_one_card() -> None:
    shipped = load_bank(SHIPPED_BANK)
    for lang in LANGS:
        result = export_quizlet(shipped, shipped.questions, lang)
        assert len(cards(result.content)) == len(shipped.questions)
        assert result.report.total_written == len(shipped.questions)
