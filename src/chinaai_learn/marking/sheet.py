"""Answer sheets as PDF: for each worksheet version, its choice and true/false questions as boxes.

Everything is drawn at the positions of ``layout`` (typst ``place`` in millimetres): the
corner markers and the QR code are drawn as black squares, so no image is embedded and the
geometry is exact. The sheet id in the QR code names the manifest (by fingerprint), the
version and the page, so a scan is always graded against the key it was printed for.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import segno
import typst

from ..errors import InternalError, UserError
from ..exporters.worksheet.fonts import check_glyphs, typst_fonts
from ..exporters.worksheet.typst_source import typst_string
from . import layout as L

FIXED_TIMESTAMP = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
CHOICE_TYPES = ("single_choice", "multiple_choice", "true_false")

WORDS = {
    "de": {
        "title": "Antwortbogen",
        "version": "Version",
        "page": "Seite",
        "name": "Name",
        "pupil": "Schülernummer",
        "how": "So kreuzt du an: ein Kreuz (X) oder ein Haken ins Kästchen. Korrektur: das falsche Kästchen ganz ausmalen.",
        "how_more": "Bei „alle zutreffenden“-Fragen kann mehr als ein Kästchen richtig sein. Nicht außerhalb der Kästchen schreiben.",
        "true": "W",
        "false": "F",
        "legend_tf": "W = wahr, F = falsch",
    },
    "en": {
        "title": "Answer sheet",
        "version": "Version",
        "page": "Page",
        "name": "Name",
        "pupil": "Pupil number",
        "how": "How to mark: a cross (X) or a tick in the box. To correct: fill the wrong box in completely.",
        "how_more": "In “select all” questions more than one box may be right. Do not write outside the boxes.",
        "true": "T",
        "false": "F",
        "legend_tf": "T = true, F = false",
    },
}


@dataclass(frozen=True)
class SheetPage:
    """One printed page: its version, page number and the questions on it."""

    version: str
    page: int
    questions: tuple[L.SheetQuestion, ...]


def sheet_pages(manifest: dict[str, Any]) -> Iterator[SheetPage]:
    """The pages of every version's answer sheet (choice and true/false questions only)."""
    for version in manifest["versions"]:
        questions = [
            L.SheetQuestion(
                q["number"],
                2 if q["type"] == "true_false" else len(q["shown_order"]),
                q["type"] == "true_false",
                tuple(q.get("labels") or ()),
            )
            for q in version["questions"]
            if q["type"] in CHOICE_TYPES
        ]
        for problem in (q for q in questions if q.options > L.MAX_CHOICES):
            raise UserError(
                f"question {problem.number} of version {version['label']} has {problem.options} choices;"
                f" an answer sheet holds at most {L.MAX_CHOICES}: leave it out of the worksheet"
            )
        for page, start in enumerate(range(0, len(questions), L.PER_PAGE), start=1):
            yield SheetPage(version["label"], page, tuple(questions[start : start + L.PER_PAGE]))


def _square(x: float, y: float, size: float, fill: str = "black") -> str:
    return f"#place(top + left, dx: {x:.3f}mm, dy: {y:.3f}mm, rect(width: {size:.3f}mm, height: {size:.3f}mm, fill: {fill}, stroke: none))"


def _box(x: float, y: float) -> str:
    return f"#place(top + left, dx: {x:.3f}mm, dy: {y:.3f}mm, rect(width: {L.BOX}mm, height: {L.BOX}mm, stroke: 0.35mm + black))"


def _text(
    x: float, y: float, text: str, size: float = 9, bold: bool = False, width: float | None = None
) -> str:
    weight = ', weight: "bold"' if bold else ""
    body = f"text(size: {size}pt{weight}, {typst_string(text)})"
    if width is not None:
        body = f"block(width: {width}mm, {body})"
    return f"#place(top + left, dx: {x:.3f}mm, dy: {y:.3f}mm, {body})"


def _marker(marker: int) -> list[str]:
    x0, y0 = L.marker_origins()[marker]
    cell = L.MARKER / 6
    parts = [_square(x0, y0, L.MARKER)]
    for r, row in enumerate(L.ARUCO_BITS[marker]):
        for c, bit in enumerate(row):
            if bit == "1":
                parts.append(_square(x0 + (c + 1) * cell, y0 + (r + 1) * cell, cell, "white"))
    return parts


def _qr(text: str) -> list[str]:
    code = segno.make(text, error="m", micro=False)
    size = code.symbol_size(border=0)[0]
    cell = L.QR_SIZE / size
    x0, y0 = L.QR_ORIGIN
    return [
        _square(x0 + c * cell, y0 + r * cell, cell + 0.01)
        for r, row in enumerate(code.matrix)
        for c, dark in enumerate(row)
        if dark
    ]


def page_source(
    page: SheetPage, manifest: dict[str, Any], fingerprint: str
) -> tuple[str, list[tuple[str, str]]]:
    """The typst source of one page, and its texts (for the glyph check)."""
    lang = "en" if manifest.get("lang") == "en" else "de"
    words = WORDS[lang]
    title = str(manifest.get("title") or "")
    heading = f"{words['title']} · {title} · {words['version']} {page.version} · {words['page']} {page.page}"
    parts: list[str] = []
    for marker in L.marker_origins():
        parts += _marker(marker)
    parts += _qr(L.sheet_id(fingerprint, page.version, page.page))
    texts = [("answer sheet", heading), ("answer sheet", words["how"]), ("answer sheet", words["how_more"])]
    parts.append(_text(30, 14, heading, 11, bold=True))
    parts.append(_text(30, 24, f"{words['name']}: ______________________________", 10))
    px, py = L.PUPIL_ORIGIN
    parts.append(_text(px - 6, py - 7, words["pupil"], 9, bold=True))
    for box in L.pupil_boxes():
        parts.append(_box(box.x, box.y))
        if box.question == 0:
            parts.append(_text(box.x - 5, box.y + 0.6, str(box.option), 8))
    parts.append(_text(62, 44, words["how"], 9, width=84))
    parts.append(_text(62, 60, words["how_more"], 9, width=84))
    if any(q.true_false for q in page.questions):
        parts.append(_text(62, 76, words["legend_tf"], 9, width=84))
    for slot, question in enumerate(page.questions):
        x, y = L.row_origin(slot)
        parts.append(_text(x, y + 0.6, f"{question.number}.", 10, bold=True))
    for box, question in _boxes_with_questions(page):
        parts.append(_box(box.x, box.y))
        label = (
            (words["true"] if box.option == 0 else words["false"])
            if question.true_false
            else question.label(box.option)
        )
        parts.append(_text(box.x - 3.4, box.y + 0.9, label, 8))
    return "\n".join(parts) + "\n", texts


def _boxes_with_questions(page: SheetPage) -> Iterator[tuple[L.Box, L.SheetQuestion]]:
    by_number = {q.number: q for q in page.questions}
    for box in L.question_boxes(list(page.questions)):
        yield box, by_number[box.question]


def answer_sheet_pdf(manifest_text: str) -> bytes:
    """Every version's answer sheet pages, in one PDF (one page per SheetPage)."""
    manifest = json.loads(manifest_text)
    fingerprint = L.manifest_fingerprint(manifest_text)
    pages = list(sheet_pages(manifest))
    if not pages:
        raise UserError("the worksheet has no choice or true/false question: there is nothing to tick")
    sources, texts = [], []
    for page in pages:
        source, page_texts = page_source(page, manifest, fingerprint)
        sources.append(source)
        texts += page_texts
    check_glyphs(texts)
    lang = "en" if manifest.get("lang") == "en" else "de"
    setup = (
        "#set page(width: 210mm, height: 297mm, margin: 0mm)\n"
        f'#set text(font: "Noto Sans", lang: "{lang}", fallback: false)\n'
    )
    document = setup + "\n#pagebreak()\n".join(sources)
    try:
        pdf = typst.compile(
            document.encode("utf-8"),
            format="pdf",
            font_paths=typst_fonts(),
            ignore_system_fonts=True,
            timestamp=FIXED_TIMESTAMP,
        )
    except typst.TypstError as exc:
        raise InternalError(f"typst could not compile the answer sheet: {exc.message}") from exc
    if not isinstance(pdf, bytes):
        raise InternalError("typst returned no PDF")
    return pdf
