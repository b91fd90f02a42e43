"""Both shipped recipes build as a teacher runs them, and every page holds whole questions.

The HTML is printed to PDF in headless Chromium (`chromium` on the PATH) to check the
footers and page numbers a browser prints; without Chromium those tests skip, saying so.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT
from .worksheet_helpers import flat, pdf_pages

pytestmark = pytest.mark.slow

BLANK = "Diese Seite bleibt absichtlich frei."
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = {}
    for recipe in ("gods-eye-quiz", "china-ai-test"):
        folder = tmp_path_factory.mktemp(recipe)
        result = subprocess.run(
            [sys.executable, "-m", "chinaai_learn", "worksheet", recipe, "-o", str(folder)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        out[recipe] = folder
    return out


def versions(folder: Path, recipe: str) -> list[dict]:
    return json.loads((folder / f"{recipe}-manifest.json").read_text(encoding="utf-8"))["versions"]


def assert_whole_questions(pages: list[str], version: dict, bank_prompt) -> None:
    """Each question's number, prompt and last line of answers sit on one page."""
    starts = [flat(f"{q['number']}. {bank_prompt(q['id'])[:40]}") for q in version["questions"]]
    for n, q in enumerate(version["questions"]):
        holding = [p for p in pages if starts[n] in p]
        assert len(holding) == 1, f"question {q['number']} ({q['id']}) found on {len(holding)} pages"
        page = holding[0]
        rest = page.split(starts[n], 1)[1]
        if n + 1 < len(starts) and starts[n + 1] in rest:
            rest = rest.split(starts[n + 1], 1)[0]
        assert f"{q['points']:g} P." in page
        for needle in q["last_line"]:
            assert flat(needle) in rest, f"question {q['number']} ({q['id']}) is split across a page break"


@pytest.fixture(scope="module")
def bank():
    from chinaai_learn.loading import load_bank

    return load_bank(None)


def last_lines(bank, q: dict) -> list[str]:
    """Text that ends a question on the sheet: its last choice or item, else its instruction."""
    question = bank.get(q["id"])
    if q["type"] in ("single_choice", "multiple_choice"):
        return [question.choices[q["shown_order"][-1]].text("de")]
    if q["type"] == "ordering":
        return [question.items[q["shown_order"][-1]]("de")]
    if q["type"] == "matching":
        return [question.pairs[q["shown_order"][-1]].right("de")]
    if q["type"] == "true_false":
        return ["wahr falsch"]
    return []


@pytest.mark.parametrize("recipe", ["gods-eye-quiz", "china-ai-test"])
def test_every_version_prints_whole_questions_and_a_key_on_a_right_hand_page(built, bank, recipe) -> None:
    folder = built[recipe]
    from chinaai_learn.exporters.worksheet.words import sheet_prompt

    def prompt(qid: str) -> str:
        q = bank.get(qid)
        return sheet_prompt(q.prompt("de"), q.type)

    for version in versions(folder, recipe):
        for q in version["questions"]:
            q["last_line"] = last_lines(bank, q)
        label = version["label"]
        sheet_file = folder / f"{recipe}-{label}.pdf"
        key_file = folder / f"{recipe}-{label}-key.pdf"
        pages = pdf_pages(sheet_file)
        if key_file.exists():
            sheet, key = pages, pdf_pages(key_file)
        else:
            first = next(i for i, p in enumerate(pages) if p.startswith("Lösungsschlüssel"))
            sheet, key = pages[:first], pages[first:]
            assert first % 2 == 0, "double-sided: the key starts on a right-hand (odd) page"
        assert_whole_questions(sheet, version, prompt)
        assert sheet[0].count("Punkte:") == 1
        content = [p for p in sheet if p != BLANK]
        for n, page in enumerate(content, 1):
            assert page.endswith(f"Seite {n} von {len(content)}")
        assert key[0].startswith("Lösungsschlüssel")
        assert "Lösungen auf einen Blick" in key[0]
        assert "Notenschlüssel" in key[0]
        for q in version["questions"]:
            assert f" {q['number']} " in key[0]


def print_html(html: Path, pdf: Path) -> list[str]:
    assert CHROMIUM is not None
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", html.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )  # fmt: skip
    return pdf_pages(pdf)


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium (chromium) is not installed")
def test_printed_from_chromium_sheet_and_key_have_their_own_footer_and_numbering(built, tmp_path) -> None:
    pages = print_html(built["gods-eye-quiz"] / "gods-eye-quiz-A.html", tmp_path / "printed.pdf")
    sheet_footer = "Kurztest: BYDs „Auge Gottes“ · Version A"
    key_footer = f"Lösungsschlüssel · {sheet_footer}"
    keys = [i for i, p in enumerate(pages) if key_footer in p]
    assert keys, "no page carries the key's footer"
    first_key = keys[0]
    assert keys == list(range(first_key, len(pages))), "every page after the sheet is a key page"
    for n, page in enumerate(pages[:first_key], 1):
        assert sheet_footer in page
        assert f"Seite {n}" in page
        assert "Lösungsschlüssel" not in page
    for n, page in enumerate(pages[first_key:], 1):
        assert re.search(rf"Seite {n}(?!\d)", page), f"key page {n} is numbered from 1: {page[:80]}"
    assert "Gottes“·" not in " ".join(pages), "the space after an escaped quotation mark survives"


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium (chromium) is not installed")
def test_printed_from_chromium_a_separate_key_counts_its_total(built, tmp_path) -> None:
    pages = print_html(built["china-ai-test"] / "china-ai-test-B-key.html", tmp_path / "key.pdf")
    for n, page in enumerate(pages, 1):
        assert f"Seite {n} von {len(pages)}" in page
        assert "Lösungsschlüssel · Klassenarbeit: China und künstliche Intelligenz · Version B" in page
