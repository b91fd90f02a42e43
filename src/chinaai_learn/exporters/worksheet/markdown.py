"""A worksheet version as Markdown: the sheet to fill in and/or its answer key, every text escaped."""

from __future__ import annotations

import re

from ...model import Cloze, Matching, MultipleChoice, Numeric, Ordering, ShortAnswer, SingleChoice, TrueFalse
from .key import key_answer
from .model import Part, SheetQuestion, Worksheet, WorksheetVersion
from .parts import (
    answer_width,
    citation_groups,
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

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")
_PAGE_BREAK = '<div style="break-before: page"></div>'


def md(text: str) -> str:
    """Text as literal Markdown: HTML characters as entities, punctuation backslash-escaped, one line."""
    text = re.sub(r"\s+", " ", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def _line(n: int) -> str:
    return r"\_" * n


def _em_line(width_em: float) -> str:
    """A line of underscores about as long as ``width_em`` (an underscore is about half an em)."""
    return _line(round(width_em * 1.6))


def render_markdown(ws: Worksheet, version: WorksheetVersion, parts: tuple[Part, ...]) -> str:
    """The Markdown of ``parts`` ("sheet", "key") of one version."""
    blocks: list[str] = []
    if "sheet" in parts:
        blocks += _sheet(ws, version)
    if "key" in parts:
        if blocks:
            blocks.append(_PAGE_BREAK)
        blocks += _key(ws, version)
    return "\n\n".join(blocks) + "\n"


def _sheet(ws: Worksheet, version: WorksheetVersion) -> list[str]:
    lang = ws.lang
    fields = " · ".join(f"{md(f.label)}: {_line(round(10 * f.width))}" for f in header_fields(ws))
    blocks = [f"# {md(ws.title)}", f"**{md(label(lang, 'version'))} {version.label}**"]
    info = info_items(ws)
    if info:
        blocks.append(" · ".join(md(i) for i in info))
    blocks.append(fields)
    points, grade = score_box(ws)
    word, total = points.split(": ", 1)
    score = f"{md(word)}: {_line(6)} {md(total)}" + (f" · {md(grade)}: {_line(6)}" if grade else "")
    blocks.append(score)
    if ws.options.instructions:
        blocks.append(md(ws.options.instructions))
    if ws.texts:
        blocks.append(
            f"**{md(label(lang, 'texts'))}**\n\n"
            + "\n".join(f"- **{md(t.label)}:** {md(t.reference)}" for t in ws.texts)
        )
    for sq in version.questions:
        blocks += _question(ws, sq)
    return blocks


def _question(ws: Worksheet, sq: SheetQuestion) -> list[str]:
    q, lang = sq.question, ws.lang
    blocks = [
        f"### {sq.number}\\. {md(sheet_prompt(q.prompt(lang), sq.type))} *({md(question_margin(sq, lang))})*",
        f"*{md(instruction(lang, sq.type, ws.options.address))}*",
    ]
    if isinstance(q, (SingleChoice, MultipleChoice)):
        blocks.append(
            "\n".join(
                f"- [ ] {sq.labels[k]}\\) {md(q.choices[i].text(lang))}" for k, i in enumerate(sq.order)
            )
        )
    elif isinstance(q, TrueFalse):
        blocks.append(f"- [ ] {md(label(lang, 'true'))}\n- [ ] {md(label(lang, 'false'))}")
    elif isinstance(q, Cloze):
        text = "".join(
            md(p) if isinstance(p, str) else f"({p + 1}) {_em_line(gap_width(sq, p, lang))}"
            for p in q.segments(lang)
        )
        blocks.append(text)
    elif isinstance(q, Numeric):
        unit = f" {md(q.unit(lang))}" if q.unit else ""
        blocks.append(f"{md(label(lang, 'answer'))}: {_em_line(answer_width(sq, lang))}{unit}")
    elif isinstance(q, ShortAnswer):
        blocks.append(_em_line(answer_width(sq, lang)))
    elif isinstance(q, Ordering):
        blocks.append("\n".join(f"- {_line(4)} {md(q.items[i](lang))}" for i in sq.order))
    elif isinstance(q, Matching):
        rows = ["| | | |", "|---|---|---|"]
        for n, pair in enumerate(q.pairs):
            left = f"{n + 1}\\. {md(pair.left(lang))}"
            right = f"{sq.labels[n]}\\) {md(q.pairs[sq.order[n]].right(lang))}"
            rows.append(f"| {left} | {_line(4)} | {right} |")
        blocks.append("\n".join(rows))
    return blocks


def _key(ws: Worksheet, version: WorksheetVersion) -> list[str]:
    lang = ws.lang
    blocks = [
        f"# {md(label(lang, 'key'))}: {md(ws.title)}",
        f"**{md(label(lang, 'version'))} {version.label}**",
        f"## {md(label(lang, 'key_grid'))}",
    ]
    rows = [f"| {md(label(lang, 'question'))} | {md(label(lang, 'answer'))} | {md(label(lang, 'points'))} |"]
    rows.append("|---:|---|---:|")
    rows += [f"| {n} | {md(a)} | {md(p)} |" for n, a, p in grid_rows(version, lang)]
    blocks.append("\n".join(rows))
    blocks.append(
        f"**{md(label(lang, 'total'))}: {md(format_points(ws.total_points, lang))} {md(label(lang, 'points'))}**"
    )
    blocks.append(
        f"**{md(label(lang, 'scoring'))}**\n\n" + "\n".join(f"- {md(r)}" for r in scoring_rules(ws))
    )
    if ws.options.grade_scale:
        scale = [f"| {md(label(lang, 'grade_scale'))} | |", "|---|---|"]
        scale += [f"| {md(g)} | {md(t)} |" for g, t in grade_rows(ws)]
        blocks.append("\n".join(scale))
    blocks += [_PAGE_BREAK, f"## {md(label(lang, 'key_details'))}"]
    for sq in version.questions:
        lines = [
            f"**{sq.number}\\.** {md(key_answer(sq, lang))}  ",
            f"{md(label(lang, 'explanation'))}: {md(sq.question.explanation(lang))}",
        ]
        blocks.append("\n".join(lines))
        for reference, group in citation_groups(sq):
            quotes = "\n>\n".join(
                "> "
                + md(c.before)
                + (f"**{md(c.highlight)}**" if c.highlight else "")
                + md(c.after)
                + (
                    f"\n>\n> *{md(label(lang, 'translation'))}:* "
                    + md(c.translation.before)
                    + (f"**{md(c.translation.highlight)}**" if c.translation.highlight else "")
                    + md(c.translation.after)
                    if c.translation is not None
                    else ""
                )
                for c in group
            )
            blocks.append(f"{md(label(lang, 'source'))}: {md(reference)}\n\n{quotes}")
    return blocks
