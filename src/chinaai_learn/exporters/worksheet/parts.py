"""The texts every format lays out the same way: header lines, question margins, key grid, rules.

Renderers (typst_source, html, markdown) only decide how these look; what they say is
decided here once, so the three formats cannot drift apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...model import Cloze, Numeric, ShortAnswer
from ...textnorm import format_number
from .key import grid_answer
from .model import KeyCitation, SheetQuestion, Worksheet, WorksheetVersion
from .points import format_points, grade_thresholds, points_label
from .words import label, scoring_rule


@dataclass(frozen=True)
class Field:
    """A field at the top of the sheet: its label and, if the recipe fills it in, its value."""

    key: str
    label: str
    value: str | None
    width: float  # share of the line


def header_fields(ws: Worksheet) -> list[Field]:
    """Name, class (unless the course is printed), pupil number and date (printed if the recipe gives it)."""
    lang, opts = ws.lang, ws.options
    fields = [Field("name", label(lang, "name"), None, 2.6)]
    if not opts.course:
        fields.append(Field("class", label(lang, "class"), None, 1.0))
    fields.append(Field("pupil_number", label(lang, "pupil_number"), None, 0.7))
    if not opts.date:
        fields.append(Field("date", label(lang, "date"), None, 1.2))
    return fields


def info_items(ws: Worksheet) -> list[str]:
    """School, course, date and time allowed, as the recipe gives them ("Bearbeitungszeit: 20 Minuten")."""
    lang, opts = ws.lang, ws.options
    items = [opts.school or "", f"{label(lang, 'course')}: {opts.course}" if opts.course else ""]
    if opts.date:
        items.append(f"{label(lang, 'date')}: {opts.date}")
    if opts.time_allowed:
        items.append(f"{label(lang, 'time_allowed')}: {opts.time_allowed} {label(lang, 'minutes')}")
    return [i for i in items if i]


def score_box(ws: Worksheet) -> tuple[str, str | None]:
    """("Punkte: ___ / 24", "Note") — the second only when the recipe has a grade scale."""
    lang = ws.lang
    points = f"{label(lang, 'points')}: / {format_points(ws.total_points, lang)}"
    return points, (label(lang, "grade") if ws.options.grade_scale else None)


def question_margin(sq: SheetQuestion, lang: str) -> str:
    """What stands beside a question: the text it refers to and its points ("Text 2 · 2 P.")."""
    return " · ".join([*sq.texts, points_label(sq.points, lang)])


def footer(ws: Worksheet, version: WorksheetVersion, part: str) -> str:
    lang = ws.lang
    text = f"{ws.title} · {label(lang, 'version')} {version.label}"
    return f"{label(lang, 'key')} · {text}" if part == "key" else text


def grid_rows(version: WorksheetVersion, lang: str) -> list[tuple[str, str, str]]:
    """(number, answer, points) per question: the key's first page, for marking at a glance."""
    return [
        (str(sq.number), grid_answer(sq, lang), format_points(sq.points, lang)) for sq in version.questions
    ]


def scoring_rules(ws: Worksheet) -> list[str]:
    """One sentence per question type on the sheet, saying how it is marked."""
    return [scoring_rule(ws.lang, t) for t in ws.types]


def grade_rows(ws: Worksheet) -> list[tuple[str, str]]:
    """(grade, "ab 22 P. (92 %)") per step of the recipe's grade scale, best first."""
    lang = ws.lang
    rows = []
    for grade, points, percent in grade_thresholds(ws.options.grade_scale, ws.total_points):
        share = f"{format_points(percent, lang)} %"
        rows.append((grade, f"{label(lang, 'from_points')} {points_label(points, lang)} ({share})"))
    return rows


def citation_groups(sq: SheetQuestion) -> list[tuple[str, list[KeyCitation]]]:
    """The question's citations, consecutive ones from the same place under one source line."""
    groups: list[tuple[str, list[KeyCitation]]] = []
    for cite in sq.citations:
        if groups and groups[-1][0] == cite.reference:
            groups[-1][1].append(cite)
        else:
            groups.append((cite.reference, [cite]))
    return groups


def _width_em(longest: int) -> float:
    """Room for ``longest`` characters of handwriting, in 2 em steps so the length is only a rough hint."""
    return float(max(6, min(30, 2 * math.ceil((0.62 * longest + 2) / 2))))


def gap_width(sq: SheetQuestion, blank: int, lang: str) -> float:
    """The width (em) of a cloze gap: enough for its longest accepted answer."""
    q = sq.question
    assert isinstance(q, Cloze)
    return _width_em(max(len(a) for a in q.blanks[blank](lang)))


def answer_width(sq: SheetQuestion, lang: str) -> float:
    """The width (em) of the line for a number or a short answer."""
    q = sq.question
    if isinstance(q, Numeric):
        return _width_em(len(format_number(q.value, lang)) + 2)
    if isinstance(q, ShortAnswer):
        return max(14.0, _width_em(max(len(a) for a in q.answers(lang))))
    raise TypeError(type(q).__name__)
