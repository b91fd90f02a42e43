"""Versions hold the same questions, each in its own order with shuffled choices, reproducibly."""

from __future__ import annotations

import pytest

from chinaai_learn.errors import UserError
from chinaai_learn.exporters.worksheet.build import build_worksheet
from chinaai_learn.exporters.worksheet.model import WorksheetOptions
from chinaai_learn.loading import load_bank

from .worksheet_helpers import bank_folder, many_questions_topic, mixed_bank, worksheet


def order(version) -> list[str]:
    return [sq.id for sq in version.questions]


def test_versions_have_the_same_questions_in_different_orders(tmp_path) -> None:
    ws = worksheet(mixed_bank(tmp_path), versions=3, seed=7)
    a, b, c = (order(v) for v in ws.versions)
    assert [v.label for v in ws.versions] == ["A", "B", "C"]
    assert sorted(a) == sorted(b) == sorted(c) == sorted(ws.question_ids)
    assert len({tuple(a), tuple(b), tuple(c)}) == 3
    assert all(len(set(o)) == len(o) for o in (a, b, c)), "no question twice on a sheet"
    assert [sq.number for sq in ws.versions[1].questions] == list(range(1, 9))


def test_the_same_seed_builds_the_same_sheet_and_another_seed_another(tmp_path) -> None:
    bank = mixed_bank(tmp_path)
    first, again, other = (worksheet(bank, versions=2, seed=s) for s in (7, 7, 8))
    assert first == again
    assert [order(v) for v in first.versions] != [order(v) for v in other.versions]


def test_choices_items_and_right_sides_are_shuffled_per_version(tmp_path) -> None:
    ws = worksheet(mixed_bank(tmp_path), versions=4, seed=1)
    for qid in ("mixed-single", "mixed-ordering", "mixed-matching"):
        shown = [next(sq.order for sq in v.questions if sq.id == qid) for v in ws.versions]
        n = len(shown[0])
        assert all(sorted(o) == list(range(n)) for o in shown)
        assert len(set(shown)) > 1, f"{qid}: every version shows the same order"
    for v in ws.versions:
        ordering = next(sq for sq in v.questions if sq.id == "mixed-ordering")
        assert ordering.order != (0, 1, 2), "items shown in bank order would give the answer away"


def test_two_versions_of_two_questions_still_differ(make_bank) -> None:
    bank = load_bank(make_bank(two=many_questions_topic("two", 2)))
    ws = build_worksheet(bank, bank.questions, WorksheetOptions(versions=2, seed=3))
    assert order(ws.versions[0]) != order(ws.versions[1])


def test_the_title_defaults_to_the_topic_and_can_be_given(tmp_path) -> None:
    bank = mixed_bank(tmp_path)
    assert worksheet(bank).title == "Arbeitsblatt: Gemischte „Fragen“ & <Tests>"
    assert worksheet(bank, lang="en").title == 'Worksheet: Mixed "questions" & <tests>'
    assert worksheet(bank, title="Test 3b").title == "Test 3b"


def test_the_key_citations_are_ready_to_print(tmp_path) -> None:
    ws = worksheet(mixed_bank(tmp_path))
    numeric = next(sq for sq in ws.versions[0].questions if sq.id == "mixed-numeric")
    (cite,) = numeric.citations
    assert cite.highlight == "254TOPS"
    assert cite.before.endswith("Rechenleistung von ")
    assert cite.after.startswith(" und")
    assert cite.reference.startswith("Kiefer, „Epochenumbruch")
    assert "Abschnitt „Drei Stufen" in cite.reference


@pytest.mark.parametrize("versions", [0, 27])
def test_impossible_version_counts_are_refused(tmp_path, versions) -> None:
    bank = mixed_bank(tmp_path)
    with pytest.raises(UserError, match="1 to 26 versions"):
        build_worksheet(bank, bank.questions, WorksheetOptions(versions=versions))


def test_a_question_twice_is_refused(tmp_path) -> None:
    bank = mixed_bank(tmp_path)
    with pytest.raises(UserError, match="only once"):
        build_worksheet(bank, bank.questions[:2] * 2, WorksheetOptions())


def test_many_versions_of_one_topic_folder(tmp_path) -> None:
    bank = load_bank(bank_folder(tmp_path, many=many_questions_topic("many", 5)))
    ws = build_worksheet(bank, bank.questions, WorksheetOptions(versions=26, seed=0))
    assert ws.versions[-1].label == "Z"
    assert len({tuple(order(v)) for v in ws.versions}) == 26
