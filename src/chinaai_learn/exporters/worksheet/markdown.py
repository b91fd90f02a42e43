"""A worksheet version as Markdown: the sheet to fill in and/or its answer key, every text escaped."""

from __future__ import annotations

import re

from ...model import Cloze, Matching, MultipleChoice, Numeric, Ordering, ShortAnswer, SingleChoice, TrueFalse
from ...render import letter
from .key import key_answer
from .model import Part, SheetQuestion, Worksheet, WorksheetVersion
from .words import instruction, label

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")
_LINE_WIDTH = 40  # underscores in a full answer line
_BLANK = 12  # every cloze gap and box is the same size, whatever the answer
_PAGE_BREAK = '<div style="break-before: page"></div>'


def md(text: str) -> str:
    """Text as literal Markdown: HTML characters as entities, punctuation backslash-escaped, one line."""
    text = re.sub(r"\s+", " ", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def _line(n: int) -> str:
    return r"\_" * n


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
    fields = " · ".join(
        f"{md(label(lang, key))}: {_line(width)}"
        for key, width in (("name", 24), ("class", 10), ("date", 12))
    )
    blocks = [f"# {md(ws.title)}", f"**{md(label(lang, 'version'))} {version.label}**", fields]
    for sq in version.questions:
        blocks += _question(sq, lang)
    return blocks


def _question(sq: SheetQuestion, lang: str) -> list[str]:
    q = sq.question
    blocks = [f"### {sq.number}\\. {md(q.prompt(lang))}", f"*{md(instruction(lang, sq.type))}*"]
    if isinstance(q, (SingleChoice, MultipleChoice)):
        blocks.append(
            "\n".join(f"- [ ] {letter(k)}\\) {md(q.choices[i].text(lang))}" for k, i in enumerate(sq.order))
        )
    elif isinstance(q, TrueFalse):
        blocks.append(f"- [ ] {md(label(lang, 'true'))}\n- [ ] {md(label(lang, 'false'))}")
    elif isinstance(q, Cloze):
        text = "".join(
            md(p) if isinstance(p, str) else f"({p + 1}) {_line(_BLANK)}" for p in q.segments(lang)
        )
        blocks.append(text)
    elif isinstance(q, Numeric):
        unit = f" {md(q.unit(lang))}" if q.unit else ""
        blocks.append(f"{md(label(lang, 'answer'))}: {_line(_BLANK + 8)}{unit}")
    elif isinstance(q, ShortAnswer):
        blocks += [_line(_LINE_WIDTH), _line(_LINE_WIDTH)]
    elif isinstance(q, Ordering):
        blocks.append(
            "\n".join(f"- {_line(4)} {letter(k)}\\) {md(q.items[i](lang))}" for k, i in enumerate(sq.order))
        )
    elif isinstance(q, Matching):
        rows = ["| | | |", "|---|---|---|"]
        for n, pair in enumerate(q.pairs):
            left = f"{n + 1}\\. {md(pair.left(lang))}"
            right = f"{letter(n)}\\) {md(q.pairs[sq.order[n]].right(lang))}"
            rows.append(f"| {left} | {_line(4)} | {right} |")
        blocks.append("\n".join(rows))
    return blocks


def _key(ws: Worksheet, version: WorksheetVersion) -> list[str]:
    lang = ws.lang
    blocks = [
        f"# {md(label(lang, 'key'))}: {md(ws.title)}",
        f"**{md(label(lang, 'version'))} {version.label}**",
    ]
    open_q, close_q = label(lang, "open_quote"), label(lang, "close_quote")
    for sq in version.questions:
        lines = [
            f"**{sq.number}\\.** {md(key_answer(sq, lang))}  ",
            f"{md(label(lang, 'explanation'))}: {md(sq.question.explanation(lang))}",
        ]
        blocks.append("\n".join(lines))
        for cite in sq.citations:
            marked = (
                md(cite.before) + (f"**{md(cite.highlight)}**" if cite.highlight else "") + md(cite.after)
            )
            block = f"{md(label(lang, 'source'))}: {md(cite.reference)}\n\n> {open_q}{marked}{close_q}"
            if cite.translation is not None:
                t = cite.translation
                marked = md(t.before) + (f"**{md(t.highlight)}**" if t.highlight else "") + md(t.after)
                block += f"\n>\n> *{md(label(lang, 'translation'))}:* {open_q}{marked}{close_q}"
            blocks.append(block)
    return blocks
