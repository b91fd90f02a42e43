"""A worksheet version as Typst source: the layout template plus calls with escaped string arguments.

Every text goes into the source as a Typst string literal (never as markup, so nothing in
a bank can be read as Typst syntax), and is recorded with the question it belongs to so
the glyph check can name the culprit before anything is compiled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.resources import files

from ...model import Cloze, Matching, MultipleChoice, Numeric, Ordering, ShortAnswer, SingleChoice, TrueFalse
from .key import key_answer
from .model import Part, SheetQuestion, Worksheet, WorksheetVersion
from .parts import (
    answer_width,
    citation_groups,
    footer,
    gap_width,
    grade_rows,
    grid_rows,
    header_fields,
    info_items,
    question_margin,
    score_box,
    scoring_rules,
)
from .points import format_points
from .words import instruction, label, sheet_prompt

LABELS_OWNER = "the worksheet's own labels"
RECIPE_OWNER = "the recipe (title, instructions, school, course, date, grades)"
_ESCAPES = {"\\": "\\\\", '"': '\\"'}
_WS = re.compile(r"\s+")


def typst_string(text: str) -> str:
    """A Typst string literal showing exactly ``text`` (whitespace runs folded to one space)."""
    return '"' + "".join(_ESCAPES.get(c, c) for c in _WS.sub(" ", text)) + '"'


def template() -> str:
    return files(__package__).joinpath("template.typ").read_text(encoding="utf-8")


@dataclass
class TypstSource:
    """Generated Typst code and every text in it, as (owner, text) for the glyph check."""

    code: list[str] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)

    def s(self, text: str, owner: str) -> str:
        """``text`` as a string literal, recorded as belonging to ``owner``."""
        self.texts.append((owner, text))
        return typst_string(text)

    def array(self, texts: list[str], owner: str) -> str:
        return "(" + "".join(f"{self.s(t, owner)}, " for t in texts) + ")"

    @property
    def text(self) -> str:
        return "\n".join(self.code) + "\n"


def worksheet_source(ws: Worksheet, version: WorksheetVersion, parts: tuple[Part, ...]) -> TypstSource:
    """The Typst source of ``parts`` ("sheet", "key") of one version."""
    src = TypstSource()
    lang = ws.lang
    title_owner = (
        "the title (--title)" if ws.options.title is not None else "the topic titles (used as the title)"
    )

    def word(key: str) -> str:
        return src.s(label(lang, key), LABELS_OWNER)

    title = src.s(ws.title, title_owner)
    version_label = f"[#{word('version')} {version.label}]"
    duplex = "true" if ws.options.duplex else "false"
    digits = len(str(len(version.questions)))
    src.code += [
        f"#let number-width = {0.8 + 0.6 * digits:.1f}em",
        template(),
        f"#show: worksheet.with(title: {title}, page-word: {word('page')}, of-word: {word('of')}, "
        f'blank-note: {word("blank_page")}, paper: "{_paper(ws)}", lang: "{lang}")',
    ]
    if "sheet" in parts:
        src.code += [f"#part-start({src.s(footer(ws, version, 'sheet'), title_owner)}, {duplex})"]
        src.code.append(_sheet_head(src, ws, title, version_label))
        src.code += [_question(src, ws, sq) for sq in version.questions]
        src.code.append("#part-end()")
    if "key" in parts:
        heading = f"[#{word('key')}: #{title}]"
        src.code += [f"#part-start({src.s(footer(ws, version, 'key'), title_owner)}, {duplex})"]
        src.code.append(f"#head-line({heading}, {version_label})")
        src.code.append(_key_grid(src, ws, version))
        src.code += ["#pagebreak()", f'#text(size: 12pt, weight: "bold", {word("key_details")})']
        src.code += [_key_entry(src, sq, lang) for sq in version.questions]
        src.code.append("#part-end()")
    return src


def _paper(ws: Worksheet) -> str:
    return "a4" if ws.options.paper == "a4" else "us-letter"


def _sheet_head(src: TypstSource, ws: Worksheet, title: str, version_label: str) -> str:
    lang = ws.lang
    fields = header_fields(ws)
    points, grade = score_box(ws)
    points_word, points_total = points.split(": ", 1)
    texts = (
        "("
        + "".join(
            f"({src.s(t.label, LABELS_OWNER)}, {src.s(t.reference, 'the texts box')}), " for t in ws.texts
        )
        + ")"
    )
    return (
        f"#sheet-head({title}, {version_label}, {src.array(info_items(ws), RECIPE_OWNER)}, "
        f"{src.array([f.label for f in fields], LABELS_OWNER)}, ({''.join(f'{f.width}, ' for f in fields)}), "
        f"{src.s(ws.options.instructions or '', RECIPE_OWNER)}, {src.s(label(lang, 'texts'), LABELS_OWNER)}, {texts}, "
        f"({src.s(points_word, LABELS_OWNER)}, {src.s(points_total, LABELS_OWNER)}), {src.s(grade or '', LABELS_OWNER)})"
    )


def _question(src: TypstSource, ws: Worksheet, sq: SheetQuestion) -> str:
    q, lang = sq.question, ws.lang
    owner = f"question {q.id}"
    if isinstance(q, (SingleChoice, MultipleChoice)):
        body = f"#options{src.array([f'{sq.labels[k]}) {q.choices[i].text(lang)}' for k, i in enumerate(sq.order)], owner)}"
    elif isinstance(q, TrueFalse):
        body = f"#options{src.array([label(lang, 'true'), label(lang, 'false')], LABELS_OWNER)}"
    elif isinstance(q, Cloze):
        pieces = "".join(
            f"#{src.s(p, owner)}" if isinstance(p, str) else f'#gap("{p + 1}", {gap_width(sq, p, lang)}em)'
            for p in q.segments(lang)
        )
        body = f"#cloze[{pieces}]"
    elif isinstance(q, Numeric):
        unit = src.s(q.unit(lang), owner) if q.unit else '""'
        body = f"#numeric({src.s(label(lang, 'answer'), LABELS_OWNER)}, {answer_width(sq, lang)}em, {unit})"
    elif isinstance(q, ShortAnswer):
        body = f"#short-line({answer_width(sq, lang)}em)"
    elif isinstance(q, Ordering):
        body = f"#order-items{src.array([q.items[i](lang) for i in sq.order], owner)}"
    elif isinstance(q, Matching):
        lefts = [f"{n + 1}. {p.left(lang)}" for n, p in enumerate(q.pairs)]
        rights = [f"{sq.labels[k]}) {q.pairs[i].right(lang)}" for k, i in enumerate(sq.order)]
        body = f"#matching({src.array(lefts, owner)}, {src.array(rights, owner)})"
    else:
        raise TypeError(type(q).__name__)
    prompt = src.s(sheet_prompt(q.prompt(lang), sq.type), owner)
    how = src.s(instruction(lang, sq.type, ws.options.address), LABELS_OWNER)
    margin = src.s(question_margin(sq, lang), LABELS_OWNER)
    return f'#question("{sq.number}", {margin}, {prompt}, {how}, [{body}])'


def _key_grid(src: TypstSource, ws: Worksheet, version: WorksheetVersion) -> str:
    lang = ws.lang
    rows = (
        "("
        + "".join(
            f'("{n}", {src.s(answer, f"question {sq.id}")}, "{points}"), '
            for sq, (n, answer, points) in zip(version.questions, grid_rows(version, lang), strict=True)
        )
        + ")"
    )
    headers = src.array([label(lang, "question"), label(lang, "answer"), label(lang, "points")], LABELS_OWNER)
    total = f"{label(lang, 'total')}: {format_points(ws.total_points, lang)} {label(lang, 'points')}"
    scale = (
        "("
        + "".join(f"({src.s(g, RECIPE_OWNER)}, {src.s(t, LABELS_OWNER)}), " for g, t in grade_rows(ws))
        + ")"
    )
    return (
        f"#key-grid({src.s(label(lang, 'key_grid'), LABELS_OWNER)}, {headers}, {rows}, {src.s(total, LABELS_OWNER)}, "
        f"{src.s(label(lang, 'scoring'), LABELS_OWNER)}, {src.array(scoring_rules(ws), LABELS_OWNER)}, "
        f"{src.s(label(lang, 'grade_scale'), LABELS_OWNER)}, {scale})"
    )


def _key_entry(src: TypstSource, sq: SheetQuestion, lang: str) -> str:
    owner = f"question {sq.id}"
    groups = []
    for reference, cites in citation_groups(sq):
        quotes = "".join(
            f"quote-part({src.s(c.before, owner)}, {src.s(c.highlight, owner)}, {src.s(c.after, owner)}), "
            + (
                f"translation-part({src.s(label(lang, 'translation'), LABELS_OWNER)}, "
                f"{src.s(c.translation.before, owner)}, {src.s(c.translation.highlight, owner)}, "
                f"{src.s(c.translation.after, owner)}), "
                if c.translation is not None
                else ""
            )
            for c in cites
        )
        groups.append(
            f"citation({src.s(label(lang, 'source'), LABELS_OWNER)}, {src.s(reference, owner)}, {quotes})"
        )
    return (
        f'#key-entry("{sq.number}", {src.s(key_answer(sq, lang), owner)}, '
        f"{src.s(label(lang, 'explanation'), LABELS_OWNER)}, {src.s(sq.question.explanation(lang), owner)}, "
        f"({''.join(g + ', ' for g in groups)}))"
    )
