"""A worksheet version as one HTML page with a print stylesheet; every text HTML-escaped."""

from __future__ import annotations

from html import escape

from ...model import Cloze, Matching, MultipleChoice, Numeric, Ordering, ShortAnswer, SingleChoice, TrueFalse
from ...render import QuoteParts, letter
from .key import key_answer
from .model import Part, SheetQuestion, Worksheet, WorksheetVersion
from .words import instruction, label

_CSS = """
@page { size: %(size)s; margin: 18mm 18mm 20mm;
  @bottom-left { content: "%(footer)s"; font: 9pt "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
  @bottom-right { content: "%(page)s " counter(page) " %(of)s " counter(pages); font: 9pt "Noto Sans", "DejaVu Sans", Arial, sans-serif; } }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.45;
  color: #000; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
.head { display: flex; justify-content: space-between; align-items: flex-start; gap: 1rem; }
h1 { font-size: 16pt; margin: 0 0 .6rem; }
.version { border: 1.5px solid #000; padding: .15rem .6rem; font-weight: bold; font-size: 13pt; white-space: nowrap; }
.fields { display: flex; gap: 1.2rem; margin: .4rem 0 1.2rem; }
.field { display: flex; flex: 1; gap: .3rem; }
.field.name { flex: 2.2; }
.line { flex: 1; border-bottom: 1px solid #000; min-height: 1.3em; }
.question, .entry { break-inside: avoid; page-break-inside: avoid; display: flex; gap: .5rem; margin: 0 0 1.1rem; }
.number { font-weight: bold; min-width: 1.6rem; }
.body { flex: 1; }
.prompt { margin: 0; }
.instruction { margin: .1rem 0 .35rem; font-size: 9.5pt; font-style: italic; color: #333; }
.options { list-style: none; margin: 0; padding: 0; }
.options li { margin: .15rem 0; }
.box { display: inline-block; width: .9em; height: .9em; border: 1px solid #000; vertical-align: -.1em; margin-right: .45em; }
.box.write { width: 1.8em; height: 1.4em; vertical-align: -.35em; }
.cloze { line-height: 2.3; margin: 0; }
.gap { display: inline-block; width: 3.2cm; border-bottom: 1px solid #000; font-size: 8pt; vertical-align: baseline; }
.write-line { border-bottom: 1px solid #000; height: 2.1em; }
.numeric { display: flex; align-items: flex-end; gap: .4rem; }
.numeric .write-line { width: 5cm; }
.matching { border-collapse: collapse; }
.matching td { padding: .2rem 1.2rem .2rem 0; vertical-align: middle; }
.key { break-before: page; page-break-before: always; }
.sheet + .key { margin-top: 3rem; }
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
    footer = f"{ws.title} · {label(lang, 'version')} {version.label}"
    css = _CSS % {
        "size": "A4" if ws.options.paper == "a4" else "letter",
        "footer": _css_string(footer),
        "page": _css_string(label(lang, "page")),
        "of": _css_string(label(lang, "of")),
    }
    title = footer if "sheet" in parts else f"{label(lang, 'key')}: {footer}"
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
    """Text inside a CSS string in a <style> element: no quote, backslash or '</' can break out."""
    return "".join(c if c.isalnum() or c in " .,:;·–-" else f"\\{ord(c):06x}" for c in text)


def _head(heading: str, version: WorksheetVersion, lang: str) -> str:
    return (
        f'<div class="head"><h1>{h(heading)}</h1>'
        f'<div class="version">{h(label(lang, "version"))} {version.label}</div></div>'
    )


def _sheet(ws: Worksheet, version: WorksheetVersion) -> str:
    lang = ws.lang
    fields = "".join(
        f'<div class="field {key}"><span>{h(label(lang, key))}:</span><span class="line"></span></div>'
        for key in ("name", "class", "date")
    )
    questions = "\n".join(_question(sq, lang) for sq in version.questions)
    return f'<section class="sheet">\n{_head(ws.title, version, lang)}\n<div class="fields">{fields}</div>\n{questions}\n</section>'


def _question(sq: SheetQuestion, lang: str) -> str:
    q = sq.question
    body = (
        f'<p class="prompt">{h(q.prompt(lang))}</p><p class="instruction">{h(instruction(lang, sq.type))}</p>'
    )
    if isinstance(q, (SingleChoice, MultipleChoice)):
        body += _options((f"{letter(k)}) {q.choices[i].text(lang)}" for k, i in enumerate(sq.order)), "box")
    elif isinstance(q, TrueFalse):
        body += _options((label(lang, "true"), label(lang, "false")), "box")
    elif isinstance(q, Cloze):
        text = "".join(
            h(p) if isinstance(p, str) else f'<span class="gap">({p + 1})</span>' for p in q.segments(lang)
        )
        body += f'<p class="cloze">{text}</p>'
    elif isinstance(q, Numeric):
        unit = f"<span>{h(q.unit(lang))}</span>" if q.unit else ""
        body += f'<div class="numeric"><span>{h(label(lang, "answer"))}:</span><div class="write-line"></div>{unit}</div>'
    elif isinstance(q, ShortAnswer):
        body += '<div class="write-line"></div><div class="write-line"></div>'
    elif isinstance(q, Ordering):
        body += _options((f"{letter(k)}) {q.items[i](lang)}" for k, i in enumerate(sq.order)), "box write")
    elif isinstance(q, Matching):
        rows = "".join(
            f'<tr><td>{n + 1}. {h(pair.left(lang))}</td><td><span class="box write"></span></td>'
            f"<td>{letter(n)}) {h(q.pairs[sq.order[n]].right(lang))}</td></tr>"
            for n, pair in enumerate(q.pairs)
        )
        body += f'<table class="matching">{rows}</table>'
    return (
        f'<div class="question"><span class="number">{sq.number}.</span><div class="body">{body}</div></div>'
    )


def _options(texts, box: str) -> str:
    items = "".join(f'<li><span class="{box}"></span>{h(t)}</li>' for t in texts)
    return f'<ul class="options">{items}</ul>'


def _translation(parts: QuoteParts | None, lang: str) -> str:
    """A quote's marked translation beneath the original (English keys), or nothing."""
    if parts is None:
        return ""
    marked = f"<mark>{h(parts.highlight)}</mark>" if parts.highlight else ""
    return (
        f'<div class="translation">{h(label(lang, "translation"))}:</div>'
        f"<blockquote>{label(lang, 'open_quote')}{h(parts.before)}{marked}{h(parts.after)}{label(lang, 'close_quote')}</blockquote>"
    )


def _key(ws: Worksheet, version: WorksheetVersion) -> str:
    lang = ws.lang
    open_q, close_q = label(lang, "open_quote"), label(lang, "close_quote")
    entries = []
    for sq in version.questions:
        cites = "".join(
            f'<div class="citation"><div>{h(label(lang, "source"))}: {h(c.reference)}</div>'
            f"<blockquote>{open_q}{h(c.before)}{f'<mark>{h(c.highlight)}</mark>' if c.highlight else ''}{h(c.after)}{close_q}</blockquote>"
            f"{_translation(c.translation, lang)}</div>"
            for c in sq.citations
        )
        entries.append(
            f'<div class="entry"><span class="number">{sq.number}.</span><div class="body">'
            f'<p class="answer">{h(key_answer(sq, lang))}</p>'
            f'<p class="explanation">{h(label(lang, "explanation"))}: {h(sq.question.explanation(lang))}</p>'
            f"{cites}</div></div>"
        )
    heading = f"{label(lang, 'key')}: {ws.title}"
    return f'<section class="key">\n{_head(heading, version, lang)}\n' + "\n".join(entries) + "\n</section>"
