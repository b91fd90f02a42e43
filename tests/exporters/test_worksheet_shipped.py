"""Every shipped question prints: it renders in all three formats and the PDF font has all its characters."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from chinaai_learn.exporters.worksheet.build import build_worksheet
from chinaai_learn.exporters.worksheet.export import worksheet_files
from chinaai_learn.exporters.worksheet.model import WorksheetOptions
from chinaai_learn.loading import load_bank

from ..conftest import SHIPPED_BANK

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_shipped_question_goes_on_a_worksheet(lang) -> None:
    bank = load_bank(SHIPPED_BANK)
    ws = build_worksheet(bank, bank.questions, WorksheetOptions(lang=lang, title="Alle Fragen"))
    files = worksheet_files(ws)
    assert sorted(files) == [
        "worksheet-A.html",
        "worksheet-A.md",
        "worksheet-A.pdf",
        "worksheet-manifest.json",
    ]
    last_page = PdfReader(io.BytesIO(files["worksheet-A.pdf"])).pages[-1].extract_text()
    assert f"{len(bank.questions)}. " in last_page, "the key does not reach the last question"
