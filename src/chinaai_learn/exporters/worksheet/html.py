"""A worksheet version as one HTML page with a print stylesheet; every text HTML-escaped.

Printed from a browser, the sheet and the key each carry their own footer (named pages)
and count their own pages: the key's first page sets the page counter back to 1. When
both parts share a file, the footer says "Seite 3" without a total, as browsers only
know the total of the whole file.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from ...model import Cloze, Matching, MultipleChoice, Numeric, Ordering, ShortAnswer, SingleChoice, TrueFalse
from .key import key_answer
from .model import KeyCitation, Part, SheetQuestion, Worksheet, WorksheetVersion
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

_FONT = '9pt "Noto Sans", "DejaVu Sans", Arial, sans-serif'
_MARGIN_BOXES = (
    '@bottom-left { content: "%(footer)s"; font: ' + _FONT + "; }\n"
    "  @bottom-right { content: %(numbering)s; font: " + _FONT + "; }"
)
_CSS = """
@page { size: %(size)s; margin: 18mm 18mm 20mm;
  %(sheet_boxes)s }
@page key { %(key_boxes)s }
@page keystart { counter-set: page 1;
  %(key_boxes)s }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.45;
  color: #000; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
.head { display: flex; justify-content: space-between; align-items: flex-start; gap: 1rem; }
h1 { font-size: 16pt; margin: 0 0 .3rem; }
h2 { font-size: 12.5pt; margin: .6rem 0 .4rem; }
.version { border: 1.5px solid #000; padding: .15rem .6rem; font-weight: bold; font-size: 13pt; white-space: nowrap; }
.info { font-size: 10pt; margin: 0 0 .6rem; }
.fields { display: flex; gap: 1.2rem; margin: .4rem 0 .8rem; }
.field { display: flex; gap: .3rem; }
.line { flex: 1; border-bottom: 1px solid #000; min-height: 1.3em; }
.top { display: flex; justify-content: space-between; gap: 1rem; align-items: flex-start; margin-bottom: .6rem; }
.instructions { margin: 0; font-size: 10.5pt; }
.score { border: 1px solid #000; padding: .3rem .6rem; white-space: nowrap; }
.score .line { display: inline-block; width: 2.6em; vertical-align: bottom; }
.texts { border: 1px solid #777; border-radius: 3px; padding: .35rem .6rem; font-size: 9.5pt; margin-bottom: 1rem; }
.texts p { margin: 0; }
.question, .entry { break-inside: avoid; page-break-inside: avoid; display: flex; gap: .5rem; margin: 0 0 1.1rem; }
.number { font-weight: bold; min-width: 1.6rem; }
.body { flex: 1; }
.margin { font-size: 8.5pt; color: #444; white-space: nowrap; }
.prompt { margin: 0; }
.instruction { margin: .1rem 0 .35rem; font-size: 9.5pt; font-style: italic; color: #333; }
.options { list-style: none; margin: 0; padding: 0; }
.options li { margin: .15rem 0; }
.box { display: inline-block; width: .9em; height: .9em; border: 1px solid #000; vertical-align: -.1em; margin-right: .45em; }
.box.write { width: 1.8em; height: 1.4em; vertical-align: -.35em; }
.cloze { line-height: 2.3; margin: 0; }
.gap { display: inline-block; border-bottom: 1px solid #000; font-size: 8pt; vertical-align: baseline; }
.write-line { border-bottom: 1px solid #000; height: 2.1em; max-width: 100%%; }
.numeric { display: flex; align-items: flex-end; gap: .4rem; }
.matching { border-collapse: collapse; }
.matching td { padding: .2rem 1.2rem .2rem 0; vertical-align: middle; }
.key { page: key; break-before: %(key_break)s; }
%(key_first)s
.details { break-before: page; }
.sheet + .key { margin-top: 3rem; }
.grid { border-collapse: collapse; width: 100%%; font-size: 9pt; line-height: 1.25; }
.grid th, .grid td { border: 1px solid #888; padding: .05rem .35rem; text-align: left; }
.key-foot { display: flex; gap: 1.5rem; align-items: flex-start; }
.grid td.n, .grid td.p, .grid th.n, .grid th.p { text-align: right; width: 4.5em; }
.total { text-align: right; font-weight: bold; margin: .3rem 0; }
.rules { font-size: 8.5pt; line-height: 1.3; margin: .2rem 0; padding-left: 1.1rem; }
.scale { border-collapse: collapse; font-size: 9.5pt; margin-top: .5rem; }
.scale td, .scale th { border: 1px solid #888; padding: .1rem .4rem; }
.answer { margin: 0; font-weight: bold; }
.explanation { margin: .15rem 0; }
.citation { margin: .2rem 0 0; font-size: 9.5pt; }
.citation blockquote { margin: .1rem 0 0 1rem; font-style: italic; }
.citation mark { background: #ffe58a; font-weight: bold; font-style: normal; text-decoration: underline; }
@media print { body { margin: 0; max-width: none; padding: 0; } .sheet + .key { margin-top: 0; } }
"""


def h(text: str) -> str:
    return escape(text, quote=True)


def render_html(ws: Worksheet, version: WorksheetVersion, parts: tuple[Part, ...]) -> str:
    """A complete HTML document with ``parts`` ("sheet", "key") of one version."""
    lang = ws.lang
    page = f'"{_css_string(label(lang, "page"))} " counter(page)'
    numbering = page if len(parts) > 1 else f'{page} " {_css_string(label(lang, "of"))} " counter(pages)'

    def boxes(part: str) -> str:
        return _MARGIN_BOXES % {"footer": _css_string(footer(ws, version, part)), "numbering": numbering}

    css = _CSS % {
        "size": "A4" if ws.options.paper == "a4" else "letter",
        "sheet_boxes": boxes("sheet" if "sheet" in parts else "key"),
        "key_boxes": boxes("key"),
        "key_break": "right" if ws.options.duplex else "page",
        # After the sheet, the key's first page starts the count again; alone, it starts at 1 anyway
        # (and a grid longer than a page would otherwise restart it twice).
        "key_first": ".key-first { page: keystart; }" if "sheet" in parts else "",
    }
    title = footer(ws, version, "sheet" if "sheet" in parts else "key")
    sections = []
    if "sheet" in parts:
        sections.append(_sheet(ws, version))
    if "key" in parts:
        sections.append(_key(ws, version))
    return (
        f'<!DOCTYPE html>\n<html lang="{h(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{h(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        + "\n".join(sections)
        + "\n</body>\n</html>\n"
    )


def _css_string(text: str) -> str:
    """Text inside a CSS string in a <style> element: no quote, backslash or '</' can break out.

    Every escape ends with a space, which CSS consumes as the escape's end, so a real space
    after an escaped character stays visible.
    """
    return "".join(c if c.isalnum() or c in " .,:;·–-" else f"\\{ord(c):06x} " for c in text)


def _head(heading: str, version: WorksheetVersion, lang: str) -> str:
    return (
        f'<div class="head"><h1>{h(heading)}</h1>'
        f'<div class="version">{h(label(lang, "version"))} {version.label}</div></div>'
    )


def _sheet(ws: Worksheet, version: WorksheetVersion) -> str:
    lang = ws.lang
    info = " · ".join(h(i) for i in info_items(ws))
    fields = "".join(
        f'<div class="field {f.key}" style="flex: {f.width}"><span>{h(f.label)}:</span><span class="line"></span></div>'
        for f in header_fields(ws)
    )
    points, grade = score_box(ws)
    points_word, total = points.split(": ", 1)
    score = f'<div>{h(points_word)}: <span class="line"></span> {h(total)}</div>'
    if grade:
        score += f'<div>{h(grade)}: <span class="line"></span></div>'
    instructions = (
        f'<p class="instructions">{h(ws.options.instructions)}</p>'
        if ws.options.instructions
        else "<div></div>"
    )
    texts = ""
    if ws.texts:
        lines = "".join(f"<p><strong>{h(t.label)}:</strong> {h(t.reference)}</p>" for t in ws.texts)
        texts = f'<div class="texts"><p><strong>{h(label(lang, "texts"))}</strong></p>{lines}</div>'
    questions = "\n".join(_question(ws, sq) for sq in version.questions)
    return (
        f'<section class="sheet">\n{_head(ws.title, version, lang)}\n'
        + (f'<p class="info">{info}</p>\n' if info else "")
        + f'<div class="fields">{fields}</div>\n<div class="top">{instructions}<div class="score">{score}</div></div>\n'
        f"{texts}\n{questions}\n</section>"
    )


def _question(ws: Worksheet, sq: SheetQuestion) -> str:
    q, lang = sq.question, ws.lang
    body = (
        f'<p class="prompt">{h(sheet_prompt(q.prompt(lang), sq.type))}</p>'
        f'<p class="instruction">{h(instruction(lang, sq.type, ws.options.address))}</p>'
    )
    if isinstance(q, (SingleChoice, MultipleChoice)):
        body += _options(
            (f"{sq.labels[k]}) {q.choices[i].text(lang)}" for k, i in enumerate(sq.order)), "box"
        )
    elif isinstance(q, TrueFalse):
        body += _options((label(lang, "true"), label(lang, "false")), "box")
    elif isinstance(q, Cloze):
        text = "".join(
            h(p)
            if isinstance(p, str)
            else f'<span class="gap" style="width: {gap_width(sq, p, lang)}em">({p + 1})</span>'
            for p in q.segments(lang)
        )
        body += f'<p class="cloze">{text}</p>'
    elif isinstance(q, Numeric):
        unit = f"<span>{h(q.unit(lang))}</span>" if q.unit else ""
        body += (
            f'<div class="numeric"><span>{h(label(lang, "answer"))}:</span>'
            f'<div class="write-line" style="width: {answer_width(sq, lang)}em"></div>{unit}</div>'
        )
    elif isinstance(q, ShortAnswer):
        body += f'<div class="write-line" style="width: {answer_width(sq, lang)}em"></div>'
    elif isinstance(q, Ordering):
        body += _options((q.items[i](lang) for i in sq.order), "box write")
    elif isinstance(q, Matching):
        rows = "".join(
            f'<tr><td>{n + 1}. {h(pair.left(lang))}</td><td><span class="box write"></span></td>'
            f"<td>{sq.labels[n]}) {h(q.pairs[sq.order[n]].right(lang))}</td></tr>"
            for n, pair in enumerate(q.pairs)
        )
        body += f'<table class="matching">{rows}</table>'
    return (
        f'<div class="question"><span class="number">{sq.number}.</span><div class="body">{body}</div>'
        f'<span class="margin">{h(question_margin(sq, lang))}</span></div>'
    )


def _options(texts: Iterable[str], box: str) -> str:
    items = "".join(f'<li><span class="{box}"></span>{h(t)}</li>' for t in texts)
    return f'<ul class="options">{items}</ul>'


def _grid(ws: Worksheet, version: WorksheetVersion) -> str:
    lang = ws.lang
    head = (
        f'<tr><th class="n">{h(label(lang, "question"))}</th><th>{h(label(lang, "answer"))}</th>'
        f'<th class="p">{h(label(lang, "points"))}</th></tr>'
    )
    rows = "".join(
        f'<tr><td class="n">{n}</td><td>{h(answer)}</td><td class="p">{p}</td></tr>'
        for n, answer, p in grid_rows(version, lang)
    )
    total = f"{label(lang, 'total')}: {format_points(ws.total_points, lang)} {label(lang, 'points')}"
    rules = "".join(f"<li>{h(r)}</li>" for r in scoring_rules(ws))
    scale = ""
    if ws.options.grade_scale:
        cells = "".join(f"<tr><td>{h(g)}</td><td>{h(t)}</td></tr>" for g, t in grade_rows(ws))
        scale = f'<table class="scale"><tr><th colspan="2">{h(label(lang, "grade_scale"))}</th></tr>{cells}</table>'
    return (
        f'<h2>{h(label(lang, "key_grid"))}</h2><table class="grid">{head}{rows}</table>'
        f'<p class="total">{h(total)}</p><div class="key-foot"><div><h2>{h(label(lang, "scoring"))}</h2>'
        f'<ul class="rules">{rules}</ul></div>{scale}</div>'
    )


def _translation(c: KeyCitation, lang: str) -> str:
    """The quote's marked translation beneath it (English keys), or nothing."""
    t = c.translation
    if t is None:
        return ""
    marked = f"<mark>{h(t.highlight)}</mark>" if t.highlight else ""
    return (
        f'<div class="translation">{h(label(lang, "translation"))}:</div>'
        f'<blockquote class="translation">{h(t.before)}{marked}{h(t.after)}</blockquote>'
    )


def _key(ws: Worksheet, version: WorksheetVersion) -> str:
    lang = ws.lang
    entries = []
    for sq in version.questions:
        cites = "".join(
            f'<div class="citation"><div>{h(label(lang, "source"))}: {h(reference)}</div>'
            + "".join(
                f"<blockquote>{h(c.before)}{f'<mark>{h(c.highlight)}</mark>' if c.highlight else ''}{h(c.after)}</blockquote>"
                + _translation(c, lang)
                for c in group
            )
            + "</div>"
            for reference, group in citation_groups(sq)
        )
        entries.append(
            f'<div class="entry"><span class="number">{sq.number}.</span><div class="body">'
            f'<p class="answer">{h(key_answer(sq, lang))}</p>'
            f'<p class="explanation">{h(label(lang, "explanation"))}: {h(sq.question.explanation(lang))}</p>'
            f"{cites}</div></div>"
        )
    heading = f"{label(lang, 'key')}: {ws.title}"
    return (
        f'<section class="key">\n<div class="key-first">{_head(heading, version, lang)}\n{_grid(ws, version)}</div>\n'
        f'<div class="details"><h2>{h(label(lang, "key_details"))}</h2>\n'
        + "\n".join(entries)
        + "\n</div></section>"
    )
