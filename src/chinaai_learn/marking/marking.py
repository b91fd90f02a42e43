"""Grading read answer sheets against the worksheet manifest, with the project's scoring rules.

A question whose boxes cannot be read for sure (two ticks on a single choice, a faint
mark) is *flagged*: it earns nothing until the teacher looks at it, and the sheet's
check image marks it in red. Nothing is guessed.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from ..bank import Bank
from ..errors import UserError, display_path
from ..grading import grade
from ..json_problems import not_utf8_position, shape_problem
from . import layout as L
from .scan import ReadPage, SheetUnreadable, annotate, load_pages, read_page, write_image
from .sheet import sheet_pages


class ManifestQuestion(BaseModel):
    """What marking reads of a question in the manifest; the keys it does not read may be anything."""

    model_config = ConfigDict(strict=True)

    number: int
    id: str
    type: str
    shown_order: list[int]
    labels: list[str] | None = None
    points: float = 1.0


class ManifestVersion(BaseModel):
    model_config = ConfigDict(strict=True)

    label: str
    questions: list[ManifestQuestion]


class WorksheetManifest(BaseModel):
    """The shape marking needs of a ``worksheet-manifest.json``, checked once when it is read."""

    model_config = ConfigDict(strict=True)

    versions: list[ManifestVersion]


def read_manifest(path: Path) -> tuple[str, dict[str, Any]]:
    """The text and data of a worksheet manifest; a UserError naming the file (and place) if it is not one.

    The data stays plain JSON (``sheet_pages`` and ``grade_page`` read it as the worksheet
    wrote it), but only after ``WorksheetManifest`` has checked every key they read, so a
    damaged or foreign file stops here with a message instead of a traceback further on.
    """
    shown = f"--manifest {display_path(path)}"
    advice = "give the worksheet-manifest.json that was written with the answer sheets, unedited"
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{shown}: cannot read the worksheet manifest: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = not_utf8_position(raw, exc)
        raise UserError(
            f"{shown}:{line}:{column}: not a worksheet manifest (not UTF-8 text): {advice}"
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(
            f"{shown}:{exc.lineno}:{exc.colno}: not a worksheet manifest (not valid JSON: {exc.msg}): {advice}"
        ) from None
    try:
        WorksheetManifest.model_validate(data)
    except ValidationError as exc:
        line, column, problem = shape_problem(text, exc)
        raise UserError(f"{shown}:{line}:{column}: not a worksheet manifest ({problem}): {advice}") from None
    return text, data


@dataclass
class QuestionMark:
    number: int
    question_id: str
    read: str  # the letters read, "" for no answer
    points: float
    max_points: float
    flag: str | None = None


@dataclass
class SheetResult:
    source: str
    version: str | None
    page: int | None
    pupil: str | None
    marks: list[QuestionMark] = field(default_factory=list)
    problem: str | None = None  # the page could not be graded at all
    check_image: Path | None = None

    @property
    def total(self) -> float:
        return sum(m.points for m in self.marks)

    @property
    def max_points(self) -> float:
        return sum(m.max_points for m in self.marks)

    @property
    def flagged(self) -> list[QuestionMark]:
        return [m for m in self.marks if m.flag]


def _letters(options: list[int], question: L.SheetQuestion, lang: str) -> str:
    if question.true_false:
        return ",".join(("W" if lang == "de" else "T") if o == 0 else "F" for o in options)
    return ",".join(question.label(o) for o in options)


def grade_page(read: ReadPage, manifest: dict[str, Any], fingerprint: str, bank: Bank) -> SheetResult:
    lang = "en" if manifest.get("lang") == "en" else "de"
    parsed = L.parse_sheet_id(read.sheet_id or "")
    result = SheetResult(
        read.source, parsed[1] if parsed else None, parsed[2] if parsed else None, read.pupil
    )
    if parsed is None:
        result.problem = "no sheet id could be read (the QR code at the top right): scan it sharper"
        return result
    if parsed[0] != fingerprint:
        result.problem = (
            "this sheet was printed for another worksheet manifest: use the manifest it came with"
        )
        return result
    pages = {(p.version, p.page): p for p in sheet_pages(manifest)}
    printed = pages.get((parsed[1], parsed[2]))
    version = next((v for v in manifest["versions"] if v["label"] == parsed[1]), None)
    if printed is None or version is None:
        result.problem = f"version {parsed[1]} page {parsed[2]} is not in the manifest"
        return result
    by_number = {q["number"]: q for q in version["questions"]}
    for sheet_q in printed.questions:
        entry = by_number[sheet_q.number]
        question = bank.get(entry["id"])
        max_points = float(entry.get("points", 1))
        states = {o: read.boxes.get((sheet_q.number, o), "empty") for o in range(sheet_q.options)}
        marked = [o for o, s in states.items() if s == "marked"]
        mark = QuestionMark(sheet_q.number, entry["id"], _letters(marked, sheet_q, lang), 0.0, max_points)
        if question is None:
            mark.flag = "the question is not in this bank any more: grade it by hand"
        elif any(s == "faint" for s in states.values()):
            mark.flag = "a faint mark: look at the sheet"
        elif len(marked) > 1 and entry["type"] != "multiple_choice":
            mark.flag = f"{len(marked)} boxes marked where one is asked"
        elif marked:
            shown = entry["shown_order"]
            response: Any
            if entry["type"] == "true_false":
                response = marked[0] == 0
            elif entry["type"] == "single_choice":
                response = shown[marked[0]]
            else:
                response = {shown[o] for o in marked}
            mark.points = round(grade(question, response, lang).score * max_points, 3)
        result.marks.append(mark)
    if read.pupil_problem:
        result.problem = read.pupil_problem + ": write the pupil number in by hand"
    return result


def check_image_name(scan: Path, page: int, taken: set[str]) -> str:
    """``<scan>-checked.png`` for a photo, ``<scan>-p<page>-checked.png`` for a page of a PDF.

    A PDF from the copier holds a whole class, and two scans may share a name (``a/scan.jpg``,
    ``b/scan.jpg``; ``scan.jpg``, ``scan.png``): a name already in ``taken`` gets ``-2``,
    ``-3`` …, so no page's image overwrites another's. Compared without case, as on the file
    systems of Windows and macOS. The name is added to ``taken``.
    """
    base = f"{scan.stem}-p{page}" if scan.suffix.lower() == ".pdf" else scan.stem
    name, n = f"{base}-checked.png", 1
    while name.casefold() in taken:
        n += 1
        name = f"{base}-{n}-checked.png"
    taken.add(name.casefold())
    return name


def mark_scans(scans: list[Path], manifest_path: Path, bank: Bank, out_dir: Path) -> list[SheetResult]:
    """Read, grade and draw every page of ``scans``; check images go to ``out_dir``."""
    manifest_text, manifest = read_manifest(manifest_path)
    fingerprint = L.manifest_fingerprint(manifest_text)
    printed = {(p.version, p.page): list(p.questions) for p in sheet_pages(manifest)}

    def questions_for(sheet_id: str | None) -> list[L.SheetQuestion]:
        parsed = L.parse_sheet_id(sheet_id or "")
        return printed.get((parsed[1], parsed[2]), []) if parsed and parsed[0] == fingerprint else []

    results = []
    taken: set[str] = set()
    out_dir.mkdir(parents=True, exist_ok=True)
    for scan in scans:
        for number, (name, image) in enumerate(load_pages(scan), start=1):
            try:
                read, questions = read_page(name, image, questions_for)
            except SheetUnreadable as unreadable:
                results.append(SheetResult(name, None, None, None, problem=str(unreadable)))
                continue
            result = grade_page(read, manifest, fingerprint, bank)
            flagged = {m.number for m in result.flagged}
            check = out_dir / check_image_name(scan, number, taken)
            write_image(check, annotate(read, questions, flagged))
            result.check_image = check
            results.append(result)
    return results


def results_csv(results: list[SheetResult], grade_of: Any = None) -> str:
    """One row per sheet: pupil, version, points per question, total, maximum, per cent, flags."""
    numbers = sorted({m.number for r in results for m in r.marks})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "pupil",
            "version",
            "page",
            "source",
            *[f"Q{n}" for n in numbers],
            "total",
            "max",
            "percent",
            "grade",
            "flags",
        ]
    )
    for r in results:
        points = {m.number: ("?" if m.flag else f"{m.points:g}") for m in r.marks}
        percent = f"{100 * r.total / r.max_points:.0f}" if r.max_points else ""
        flags = "; ".join([f"Q{m.number}: {m.flag}" for m in r.flagged] + ([r.problem] if r.problem else []))
        grade_text = (
            grade_of(r.total / r.max_points)
            if grade_of and r.max_points and not r.flagged and not r.problem
            else ""
        )
        writer.writerow(
            [r.pupil or "", r.version or "", r.page or "", r.source, *[points.get(n, "") for n in numbers],
             f"{r.total:g}", f"{r.max_points:g}", percent, grade_text, flags]
        )  # fmt: skip
    return out.getvalue()
