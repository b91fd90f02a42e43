"""The PDF, read back with pypdf: header, version A's questions in order, the key after the sheet."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from chinaai_learn.exporters.worksheet import export_worksheet
from chinaai_learn.exporters.worksheet.key import key_answer
from chinaai_learn.exporters.worksheet.model import WorksheetOptions
from chinaai_learn.exporters.worksheet.typst_pdf import render_pdf
from chinaai_learn.loading import load_bank

from .worksheet_helpers import (
    bank_folder,
    flat,
    many_questions_topic,
    mixed_bank,
    pdf_pages,
    positions,
    worksheet,
)

pytestmark = pytest.mark.slow

BOTH = ("sheet", "key")


def split_at_key(pages: list[str], heading: str = "Lösungsschlüssel") -> tuple[list[str], list[str]]:
    first_key = next(i for i, page in enumerate(pages) if page.startswith(heading))
    return pages[:first_key], pages[first_key:]


@pytest.fixture
def bank(tmp_path):
    return mixed_bank(tmp_path)


def test_the_sheet_has_the_header_and_version_as_questions_in_the_manifests_order(bank, tmp_path) -> None:
    out = tmp_path / "out"
    export_worksheet(bank, bank.questions, out, options=WorksheetOptions(versions=2, seed=7), formats=["pdf"])
    manifest = json.loads((out / "worksheet-manifest.json").read_text(encoding="utf-8"))
    order_a = manifest["versions"][0]["order"]
    sheet, key = split_at_key(pdf_pages(out / "worksheet-A.pdf"))
    text = " ".join(sheet)
    for header in ("Arbeitsblatt: Gemischte „Fragen“ & <Tests>", "Version A", "Name:", "Klasse:", "Datum:"):
        assert header in text
    found = positions(text, [f"{n}. {bank.get(qid).prompt('de')}" for n, qid in enumerate(order_a, 1)])
    assert -1 not in found, f"a question of version A is missing from the sheet: {found}"
    assert found == sorted(found), "the sheet's questions are not in the manifest's order"
    assert key, "no answer key pages"
    assert "Erklärung" not in text, "key content on a sheet page"
    assert "Quelle" not in text, "key content on a sheet page"
    key_text = " ".join(key)
    answers = [f"{q['number']}. {q['answer_text']}" for q in manifest["versions"][0]["questions"]]
    found = positions(key_text, answers)
    assert -1 not in found, key_text
    assert found == sorted(found), key_text


def test_version_b_has_the_same_questions_in_another_order(bank) -> None:
    ws = worksheet(bank, versions=2, seed=7)
    prompts = {q.id: flat(q.prompt("de")) for q in bank.questions}
    orders = []
    for version in ws.versions:
        sheet, _ = split_at_key(pdf_pages(render_pdf(ws, version, BOTH)))
        text = " ".join(sheet)
        found = {qid: text.find(p) for qid, p in prompts.items()}
        assert -1 not in found.values(), f"version {version.label} lacks a question"
        orders.append(sorted(found, key=found.get))
    assert orders[0] != orders[1]
    assert orders == [[sq.id for sq in v.questions] for v in ws.versions]


def test_the_same_seed_gives_byte_identical_files_and_another_seed_does_not(bank, tmp_path) -> None:
    def run(folder: str, seed: int) -> dict[str, bytes]:
        written = export_worksheet(
            bank, bank.questions, tmp_path / folder, options=WorksheetOptions(versions=2, seed=seed)
        )
        return {p.name: p.read_bytes() for p in written}

    first, again, other = run("one", 7), run("two", 7), run("three", 8)
    assert sorted(first) == sorted(again)
    assert len(first) == 7
    for name in first:
        assert first[name] == again[name], f"{name} differs between two runs with the same seed"
    assert first["worksheet-A.pdf"] != other["worksheet-A.pdf"]


def test_bank_text_that_looks_like_typst_is_printed_as_it_is(bank) -> None:
    ws = worksheet(bank)
    pdf = render_pdf(ws, ws.versions[0], BOTH)
    text = " ".join(pdf_pages(pdf))
    assert "#set page(width: 1cm) $x^2$ *fett* _kursiv_ @ref // kein Kommentar \\ Ende" in text
    assert "<script>alert('x')</script>" in text
    assert PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width == pytest.approx(595.3, abs=0.5)


def test_letter_paper_and_english(bank) -> None:
    ws = worksheet(bank, lang="en", paper="letter")
    pdf = render_pdf(ws, ws.versions[0], BOTH)
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((612, 792))
    sheet, key = split_at_key(pdf_pages(pdf), "Answer key")
    for words in (
        "Worksheet: Mixed",
        "Name:",
        "Class:",
        "Date:",
        "Tick the one correct answer.",
        "Page 1 of",
    ):
        assert words in " ".join(sheet)
    assert "Explanation: " in " ".join(key)


def test_the_key_can_go_to_its_own_file(bank) -> None:
    ws = worksheet(bank)
    version = ws.versions[0]
    sheet = " ".join(pdf_pages(render_pdf(ws, version, ("sheet",))))
    key = " ".join(pdf_pages(render_pdf(ws, version, ("key",))))
    assert "Lösungsschlüssel" not in sheet
    assert "Erklärung" not in sheet
    assert key.startswith("Lösungsschlüssel")
    assert "Name:" not in key
    numeric = next(sq for sq in version.questions if sq.id == "mixed-numeric")
    assert f"{numeric.number}. 254 TOPS Erklärung: Ein OrinX-Chip." in key
    assert "1 OrinX-Chip, einer Rechenleistung von 254TOPS und städtischer NOA-Fähigkeit." in key


def test_long_sheets_number_pages_per_part_and_never_split_a_question(tmp_path) -> None:
    bank = load_bank(bank_folder(tmp_path, many=many_questions_topic("many", 30)))
    ws = worksheet(bank, seed=3)
    sheet, key = split_at_key(pdf_pages(render_pdf(ws, ws.versions[0], BOTH)))
    assert len(sheet) >= 3
    assert len(key) >= 2
    for n, page in enumerate(sheet, 1):
        assert page.endswith(f"Seite {n} von {len(sheet)}"), page[-80:]
    for n, page in enumerate(key, 1):
        assert page.endswith(f"Seite {n} von {len(key)}"), page[-80:]
    for i in range(30):
        on = [p for p, page in enumerate(sheet) if f"Frage Nummer {i} beginnt" in page]
        assert len(on) == 1
        page = sheet[on[0]]
        for word in ("Erste", "Zweite", "Dritte", "Vierte"):
            assert f"{word} Antwort zu Frage {i}" in page, f"question {i} is split across a page break"
    for sq in ws.versions[0].questions:
        holding = [page for page in key if flat(f"{sq.number}. {key_answer(sq, 'de')}") in page]
        assert len(holding) == 1
        assert "Weil es so im Text steht." in holding[0].split(f"{sq.number}. ", 1)[1]
