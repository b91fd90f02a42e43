"""Verification proves each answer against its quote and each quote against its source."""

from __future__ import annotations

from pathlib import Path

import pytest

from chinaai_learn.errors import UserError
from chinaai_learn.loading import load_bank
from chinaai_learn.verification import check_answer_in_quote, verify_bank

from .conftest import GOOD_BANK, SHIPPED_BANK

MINI = (GOOD_BANK / "mini.yaml").read_text(encoding="utf-8")


def test_every_shipped_question_verifies_against_the_sources(corpus_dir: Path) -> None:
    bank = load_bank(SHIPPED_BANK)
    report = verify_bank(bank, corpus_dir)
    assert report.ok, "\n".join(map(str, report.problems))
    assert report.questions == len(bank.questions)
    assert report.corpus_checked


def test_the_test_bank_verifies(corpus_dir: Path) -> None:
    assert verify_bank(load_bank(GOOD_BANK), corpus_dir).ok


def test_a_changed_quote_is_a_near_miss_showing_the_real_passage(make_bank, corpus_dir: Path) -> None:
    folder = make_bank(
        mini=MINI.replace("1,4 Billionen US-Dollar ausgestattet", "1,4 Billionen Dollar ausgestattet")
    )
    # the answer 1.4 is still in the (wrong) quote: only level 3 can notice
    report = verify_bank(load_bank(folder), corpus_dir)
    [problem] = report.problems
    assert problem.question_id == "mini-isa-volume"
    assert "not verbatim" in problem.message
    assert "1,4 Billionen US-Dollar" in problem.message
    assert problem.file.endswith("mini.yaml")
    assert problem.line > 1


def test_whitespace_differences_are_folded_but_nothing_else(make_bank, corpus_dir: Path) -> None:
    spaced = MINI.replace(
        'quote: "1,4 Billionen US-Dollar ausgestattet"',
        'quote: "1,4   Billionen\\u00a0US-Dollar ausgestattet"',
    )
    assert verify_bank(load_bank(make_bank(mini=spaced)), corpus_dir).ok
    dashed = MINI.replace("1–2 Laserradaren", "1-2 Laserradaren")
    assert not verify_bank(load_bank(make_bank(mini=dashed)), corpus_dir).ok


def test_a_section_heading_after_the_quote_is_reported(make_bank, corpus_dir: Path) -> None:
    moved = MINI.replace(
        '      doc: isa-newsletter-2020-09\n      quote: "1,4',
        '      doc: isa-newsletter-2020-09\n      section: Mönchengladbach und der Kreis Düren wollen Mitglieder der ISA werden\n      quote: "1,4',
    )
    [problem] = verify_bank(load_bank(make_bank(mini=moved)), corpus_dir).problems
    assert "before the quote" in problem.message


def test_numeric_values_must_occur_as_numbers_in_the_quote(make_bank) -> None:
    wrong = MINI.replace("value: 254\n", "value: 256\n")
    report = verify_bank(load_bank(make_bank(mini=wrong)))
    [problem] = report.problems
    assert "256 does not occur" in problem.message
    assert problem.question_id == "mini-tier-b-tops"


def test_grouped_german_numbers_compare_as_numbers(make_bank) -> None:
    bank = load_bank(make_bank(mini=MINI))
    question = bank.get("mini-isa-volume")
    assert check_answer_in_quote(question) == []  # 1.4 in "1,4 Billionen"


def test_an_answer_without_highlight_must_occur_in_the_quote(make_bank) -> None:
    wrong = MINI.replace("answers: [Hangzhou]", "answers: [Shenzhen]")
    [problem] = verify_bank(load_bank(make_bank(mini=wrong))).problems
    assert "'Shenzhen' does not occur in the quote" in problem.message


def test_a_missing_corpus_file_is_reported(make_bank, tmp_path_factory) -> None:
    corpus = tmp_path_factory.mktemp("corpus")
    bank = load_bank(make_bank(mini=MINI))
    cited = sorted({c.doc for q in bank.questions for c in q.citations})
    for doc in cited[:-1]:
        (corpus / f"{doc}.txt").write_text("", encoding="utf-8")
    report = verify_bank(bank, corpus)
    assert any(f"no corpus file {cited[-1]}.txt" in p.message for p in report.problems)


def test_a_corpus_folder_with_none_of_the_texts_is_one_error(make_bank, tmp_path_factory) -> None:
    empty = tmp_path_factory.mktemp("corpus")
    with pytest.raises(UserError, match=r"none of the \d+ cited texts is there"):
        verify_bank(load_bank(make_bank(mini=MINI)), empty)
