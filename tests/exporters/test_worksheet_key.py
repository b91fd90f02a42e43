"""The answer key speaks in the letters and boxes of its version, and the manifest can rebuild it."""

from __future__ import annotations

import json

from chinaai_learn.exporters.worksheet.key import key_answer, key_data
from chinaai_learn.exporters.worksheet.manifest import manifest_json
from chinaai_learn.render import letter

from .worksheet_helpers import mixed_bank, worksheet


def sheet_question(ws, version: int, qid: str):
    return next(sq for sq in ws.versions[version].questions if sq.id == qid)


def test_choice_keys_name_the_letter_shown_in_that_version(tmp_path) -> None:
    ws = worksheet(mixed_bank(tmp_path), versions=3, seed=2)
    for v in range(3):
        sq = sheet_question(ws, v, "mixed-single")
        shown_at = sq.order.index(0)  # Hangzhou is choice 0 in the bank
        assert key_answer(sq, "de") == f"{letter(shown_at)}) Hangzhou"
        assert key_data(sq, "de") == {"letters": [letter(shown_at)]}


def test_numeric_key_has_the_unit_and_the_tolerance(tmp_path) -> None:
    ws = worksheet(mixed_bank(tmp_path))
    assert key_answer(sheet_question(ws, 0, "mixed-numeric"), "de") == "254 TOPS"
    assert key_data(sheet_question(ws, 0, "mixed-numeric"), "de") == {
        "value": 254.0,
        "tolerance": 0.0,
        "unit": "TOPS",
    }


def test_ordering_and_matching_keys_fill_the_boxes(tmp_path) -> None:
    ws = worksheet(mixed_bank(tmp_path), seed=4)
    ordering = sheet_question(ws, 0, "mixed-ordering")
    boxes = key_data(ordering, "de")["boxes"]
    assert boxes == [bank_index + 1 for bank_index in ordering.order], "the number in each box, top to bottom"
    assert key_answer(ordering, "de").endswith("(Reihenfolge: Stufe A, Stufe B, Stufe C)")
    assert ordering.labels == (), "ordering items carry a box for a number, no letter"
    matching = sheet_question(ws, 0, "mixed-matching")
    # the left sides are "Stufe A", "Stufe B", …: capital letters would clash, so a, b, c
    assert matching.labels == ("a", "b", "c")
    gold_label = matching.labels[matching.order.index(0)]
    assert key_data(matching, "de")["boxes"]["1"] == gold_label
    assert f"1 = {gold_label} (Stufe A: golden)" in key_answer(matching, "de")


def test_cloze_and_short_answer_keys_list_every_accepted_answer(tmp_path) -> None:
    ws = worksheet(mixed_bank(tmp_path), lang="en")
    assert key_answer(sheet_question(ws, 0, "mixed-cloze"), "en") == "(1) 3 / three; (2) 508"
    assert key_answer(sheet_question(ws, 0, "mixed-short"), "en") == "Wang Chuanfu / Chuanfu Wang"
    assert key_answer(sheet_question(ws, 0, "mixed-true-false"), "en") == "true"


def test_the_manifest_records_each_versions_order_and_answers(tmp_path) -> None:
    ws = worksheet(mixed_bank(tmp_path), versions=2, seed=7)
    data = json.loads(manifest_json(ws))
    assert data["seed"] == 7
    assert data["lang"] == "de"
    assert data["selection"]["seed"] == 7
    assert [v["label"] for v in data["versions"]] == ["A", "B"]
    for version, recorded in zip(ws.versions, data["versions"], strict=True):
        assert recorded["order"] == [sq.id for sq in version.questions]
        for sq, q in zip(version.questions, recorded["questions"], strict=True):
            assert (q["number"], q["id"], q["shown_order"]) == (sq.number, sq.id, list(sq.order))
            assert q["answer_text"] == key_answer(sq, "de")


def test_a_key_can_be_rebuilt_from_the_manifest_and_the_bank_alone(tmp_path) -> None:
    bank = mixed_bank(tmp_path)
    data = json.loads(manifest_json(worksheet(bank, versions=2, seed=7)))
    for version in data["versions"]:
        for q in version["questions"]:
            question = bank.get(q["id"])
            if q["type"] in ("single_choice", "multiple_choice"):
                correct = [letter(k) for k, i in enumerate(q["shown_order"]) if question.choices[i].correct]
                assert q["answer"]["letters"] == correct


def test_the_manifest_is_the_same_text_for_the_same_seed(tmp_path) -> None:
    bank = mixed_bank(tmp_path)
    assert manifest_json(worksheet(bank, versions=2, seed=7)) == manifest_json(
        worksheet(bank, versions=2, seed=7)
    )
