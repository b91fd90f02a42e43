"""What a teacher checks before handing a sheet out, read back from the PDF with pypdf.

Points and total, the texts box and each question's text, the header a recipe fills in,
labels that cannot clash, the instruction once, gaps for long answers, blank pages for
double-sided printing, and a key that opens with an answer grid and the scoring rules.
"""

from __future__ import annotations

import re

import pytest

from chinaai_learn.exporters.worksheet.build import build_worksheet
from chinaai_learn.exporters.worksheet.key import grid_answer
from chinaai_learn.exporters.worksheet.model import GradeStep, WorksheetOptions
from chinaai_learn.exporters.worksheet.parts import gap_width
from chinaai_learn.exporters.worksheet.typst_pdf import render_pdf
from chinaai_learn.loading import load_bank

from .worksheet_helpers import MIXED, TESTS, bank_folder, flat, many_questions_topic, pdf_pages, worksheet

pytestmark = pytest.mark.slow

TEACHER = (TESTS / "data" / "worksheet" / "teacher.yaml").read_text(encoding="utf-8")
BLANK = "Diese Seite bleibt absichtlich frei."
FULL = {
    "title": "Test 9b",
    "instructions": "Lies jede Aufgabe genau.",
    "school": "Gesamtschule am Park",
    "course": "Sozialkunde 9b",
    "date": "12. Mai 2025",
    "time_allowed": 20,
    "address": "du",
    "points": {"multiple_choice": 3.0},
    "question_points": {"mixed-short": 4.0},
    "grade_scale": (GradeStep("1", 90), GradeStep("2", 75), GradeStep("6", 0)),
    "duplex": True,
}


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bank")
    return load_bank(bank_folder(folder, mixed=MIXED.read_text(encoding="utf-8"), teacher=TEACHER))


@pytest.fixture(scope="module")
def full(bank):
    ws = worksheet(bank, versions=2, seed=3, **FULL)
    pages = pdf_pages(render_pdf(ws, ws.versions[0], ("sheet", "key")))
    return ws, pages


def worksheet_of(bank, count: int):
    return build_worksheet(bank, bank.questions[:count], WorksheetOptions(duplex=True))


def sheet_and_key(pages: list[str]) -> tuple[list[str], list[str]]:
    first = next(i for i, p in enumerate(pages) if p.startswith("Lösungsschlüssel"))
    return pages[:first], pages[first:]


def test_the_header_carries_what_the_recipe_says_and_a_pupil_number(full) -> None:
    _ws, pages = full
    first = pages[0]
    for words in (
        "Test 9b",
        "Version A",
        "Gesamtschule am Park",
        "Kurs: Sozialkunde 9b",
        "Datum: 12. Mai 2025",
        "Bearbeitungszeit: 20 Minuten",
        "Lies jede Aufgabe genau.",
        "Name:",
        "Nr.:",
        "Note:",
    ):
        assert words in first, words
    assert "Klasse:" not in first, "the course is printed, so no class field to fill in"


def test_every_question_shows_its_points_and_the_sheet_its_total(full) -> None:
    ws, pages = full
    sheet, _ = sheet_and_key(pages)
    text = " ".join(sheet)
    points = {sq.id: sq.points for sq in ws.versions[0].questions}
    assert points["teacher-select-all"] == 3, "points per type from the recipe"
    assert points["mixed-short"] == 4, "points per question win over the type"
    assert points["mixed-cloze"] == 2, "a cloze is worth one point per gap by default"
    total = sum(points.values())
    assert ws.total_points == total
    assert f"Punkte: / {total:g}" in sheet[0]
    assert len(re.findall(r"\d P\.", text)) == len(points), "one points label per question"


def test_the_texts_box_lists_the_sources_and_each_question_names_its_text(full) -> None:
    ws, pages = full
    assert [t.doc for t in ws.texts] == ["kiefer-2025-03-epochenumbruch", "ai-plus-offensive-2025"]
    assert "Texte Text 1: Kiefer, „Epochenumbruch erfordert Stabilitätspartnerschaften“" in pages[0]
    assert "Text 2: China: KI-Offensive für neue Weltordnung, 2025" in pages[0]
    multiple = next(sq for sq in ws.versions[0].questions if sq.id == "mixed-multiple")
    assert multiple.texts == ("Text 2",)
    assert "Text 2 · 3 P." in " ".join(pages)


def test_a_sheet_can_name_no_sources(bank) -> None:
    ws = worksheet(bank, sources=())
    text = " ".join(pdf_pages(render_pdf(ws, ws.versions[0], ("sheet",))))
    assert "Texte" not in text
    assert "Text 1" not in text


def test_the_instruction_appears_once_and_in_the_chosen_address(full) -> None:
    _ws, pages = full
    text = " ".join(sheet_and_key(pages)[0])
    assert "Welche Firmen nennt der Text? Kreuze alle zutreffenden Antworten an." in text
    assert "Wählen Sie alle zutreffenden" not in text
    assert "Kreuze die eine richtige Antwort an." in text
    assert "Kreuzen Sie" not in text


def test_labels_never_clash_with_letters_in_the_content(full) -> None:
    ws, pages = full
    text = " ".join(sheet_and_key(pages)[0])
    matching = next(sq for sq in ws.versions[0].questions if sq.id == "mixed-matching")
    assert matching.labels == ("a", "b", "c"), "the left sides are Stufe A/B/C"
    assert re.search(r"1\. Stufe A a\) \w+", text)
    ordering = next(sq for sq in ws.versions[0].questions if sq.id == "mixed-ordering")
    items = [ordering.question.items[i]("de") for i in ordering.order]
    assert " ".join(items) in text, "ordering items carry only a box, no letter"
    assert not re.search(r"[A-C]\) Stufe [A-C]", text)


def test_gaps_have_room_for_the_longest_accepted_answer(full) -> None:
    ws, _ = full
    by_id = {sq.id: sq for sq in ws.versions[0].questions}
    long_gap = gap_width(by_id["teacher-long-gap"], 0, "de")
    short_gap = gap_width(by_id["mixed-cloze"], 1, "de")
    assert long_gap >= 0.55 * len("Millimeterwellenradare"), "room for 22 letters of handwriting"
    assert short_gap < long_gap


def test_duplex_puts_the_key_on_a_right_hand_page_after_a_marked_blank_page(full) -> None:
    _, pages = full
    sheet, _key = sheet_and_key(pages)
    assert len(sheet) % 2 == 0, "the key starts on an odd (right-hand) page"
    blanks = [p for p in sheet if p == BLANK]
    content = [p for p in sheet if p != BLANK]
    assert len(blanks) == len(content) % 2, "a blank page exactly when the sheet has an odd number of pages"
    for n, page in enumerate(content, 1):
        assert page.endswith(f"Seite {n} von {len(content)}"), page[-60:]


def test_an_odd_sheet_gets_one_marked_blank_page_before_its_key(tmp_path) -> None:
    bank = load_bank(bank_folder(tmp_path, many=many_questions_topic("many", 20)))
    for count in range(8, 21, 3):
        ws = worksheet_of(bank, count)
        pages = pdf_pages(render_pdf(ws, ws.versions[0], ("sheet", "key")))
        sheet, _ = sheet_and_key(pages)
        content = [p for p in sheet if p != BLANK]
        assert len(sheet) % 2 == 0
        if len(content) % 2:
            assert sheet[-1] == BLANK, "the blank page carries its note and no footer"
            return
    pytest.fail("no question count gave a sheet with an odd number of pages")


def test_the_key_opens_with_a_one_page_grid_and_the_scoring_rules(full) -> None:
    ws, pages = full
    _, key = sheet_and_key(pages)
    first = key[0]
    assert "Lösungen auf einen Blick Aufgabe Antwort Punkte" in first
    for sq in ws.versions[0].questions:
        assert flat(f"{sq.number} {grid_answer(sq, 'de')} {sq.points:g}") in first, sq.id
    assert "jedes falsche Kreuz kostet 1/(n−k) der Punkte; weniger als 0 gibt es nicht" in first
    assert "Notenschlüssel 1 ab " in first
    assert "Lösungen mit Belegen" not in first, "the cited answers follow on the next page"
    assert "Lösungen mit Belegen" in key[1]
    assert key[0].endswith(f"Seite 1 von {len(key)}")
    assert "Lösungsschlüssel · Test 9b · Version A" in key[0]


def test_the_key_reads_cleanly(full) -> None:
    ws, pages = full
    key = " ".join(sheet_and_key(pages)[1])
    assert ".;" not in key
    assert "„„" not in key
    assert "““" not in key
    select_all = next(sq for sq in ws.versions[0].questions if sq.id == "teacher-select-all")
    entry = key.split(f" {select_all.number}. ", 1)[1].split(f" {select_all.number + 1}. ", 1)[0]
    assert entry.count("Quelle:") == 1, "two passages of one section share one source line"
    assert "Zeekr" in entry
    assert "Leapmotor" in entry
