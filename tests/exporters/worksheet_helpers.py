"""Helpers for the worksheet tests: a small bank of every type, built worksheets, PDF text per page."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from pypdf import PdfReader

from chinaai_learn.bank import Bank
from chinaai_learn.exporters.worksheet.build import build_worksheet
from chinaai_learn.exporters.worksheet.model import Worksheet, WorksheetOptions
from chinaai_learn.loading import load_bank
from chinaai_learn.selection import SelectionCriteria, select_questions

TESTS = Path(__file__).resolve().parents[1]
MIXED = TESTS / "data" / "worksheet" / "mixed.yaml"
SOURCES = TESTS / "data" / "good" / "sources.yaml"


def bank_folder(folder: Path, **topics: str) -> Path:
    """A bank folder with the test bibliography and the given topic files (default: the mixed bank)."""
    shutil.copy(SOURCES, folder / "sources.yaml")
    if not topics:
        shutil.copy(MIXED, folder / "mixed.yaml")
    for name, text in topics.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def mixed_bank(folder: Path) -> Bank:
    return load_bank(bank_folder(folder))


def worksheet(bank: Bank, **options: object) -> Worksheet:
    criteria = SelectionCriteria(seed=int(options.get("seed", 0)))  # type: ignore[call-overload]
    return build_worksheet(bank, select_questions(bank, criteria), WorksheetOptions(**options), criteria)  # type: ignore[arg-type]


def flat(text: str) -> str:
    """Whitespace folded to single spaces, as line breaks fall differently in every layout."""
    return re.sub(r"\s+", " ", text).strip()


def pdf_pages(pdf: bytes | Path) -> list[str]:
    """The text of each page, whitespace folded."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def positions(text: str, needles: list[str]) -> list[int]:
    """Where each needle first occurs in text (-1 if absent)."""
    return [text.find(flat(n)) for n in needles]


def many_questions_topic(topic: str, n: int) -> str:
    """A topic of n single-choice questions with long choices, enough to fill several pages."""
    lines = [f"topic: {{id: {topic}, title: Viele Fragen}}", "questions:"]
    for i in range(n):
        lines += [
            f"  - id: {topic}-{i}",
            "    type: single_choice",
            "    difficulty: 1",
            f"    prompt: Frage Nummer {i} beginnt hier",
            "    choices:",
            f"      - {{text: Erste Antwort zu Frage {i}, correct: true}}",
            f"      - {{text: Zweite Antwort zu Frage {i}}}",
            f"      - {{text: Dritte Antwort zu Frage {i}}}",
            f"      - {{text: Vierte Antwort zu Frage {i}}}",
            "    explanation: Weil es so im Text steht.",
            "    source: {doc: kiefer-2025-03-epochenumbruch, quote: Hangzhou}",
        ]
    return "\n".join(lines) + "\n"
