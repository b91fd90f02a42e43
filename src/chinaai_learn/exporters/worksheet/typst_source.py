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
from ...render import QuoteParts, letter
from .key import key_answer
from .model import Part, SheetQuestion, Worksheet, WorksheetVersion
from .words import instruction, label

LABELS_OWNER = "the worksheet's own labels"
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
    digits = len(str(len(version.questions)))
    src.code += [
        f"#let number-width = {0.8 + 0.6 * digits:.1f}em",
        template(),
        f"#show: worksheet.with(title: {title}, "
        f'page-word: {word("page")}, of-word: {word("of")}, paper: "{_paper(ws)}", lang: "{lang}")',
    ]
    if "sheet" in parts:
        fields = "(" + "".join(f"{word(k)}, " for k in ("name", "class", "date")) + ")"
        footer = f"[#{title} · #{word('version')} {version.label}]"
        src.code += [f"#part-start({footer})", f"#sheet-head({title}, {version_label}, {fields})"]
        src.code += [_question(src, sq, lang) for sq in version.questions]
        src.code.append("#part-end()")
    if "key" in parts:
        if "sheet" in parts:
            src.code.append("#pagebreak()")
        heading = f"[#{word('key')}: #{title}]"
        footer = f"[#{word('key')} · #{title} · #{word('version')} {version.label}]"
        src.code += [f"#part-start({footer})", f"#sheet-head({heading}, {version_label}, ())"]
        src.code += [_key_entry(src, sq, lang) for sq in version.questions]
        src.code.append("#part-end()")
    return src


def _paper(ws: Worksheet) -> str:
    return "a4" if ws.options.paper == "a4" else "us-letter"


def _question(src: TypstSource, sq: SheetQuestion, lang: str) -> str:
    q = sq.question
    owner = f"question {q.id}"
    if isinstance(q, (SingleChoice, MultipleChoice)):
        body = f"#options{src.array([f'{letter(k)}) {q.choices[i].text(lang)}' for k, i in enumerate(sq.order)], owner)}"
    elif isinstance(q, TrueFalse):
        body = f"#options{src.array([label(lang, 'true'), label(lang, 'false')], LABELS_OWNER)}"
    elif isinstance(q, Cloze):
        pieces = "".join(
            f"#{src.s(p, owner)}" if isinstance(p, str) else f'#gap("{p + 1}")' for p in q.segments(lang)
        )
        body = f"#cloze[{pieces}]"
    elif isinstance(q, Numeric):
        unit = src.s(q.unit(lang), owner) if q.unit else '""'
        body = f"#numeric({src.s(label(lang, 'answer'), LABELS_OWNER)}, {unit})"
    elif isinstance(q, ShortAnswer):
        body = "#answer-lines(2)"
    elif isinstance(q, Ordering):
        body = f"#order-items{src.array([f'{letter(k)}) {q.items[i](lang)}' for k, i in enumerate(sq.order)], owner)}"
    elif isinstance(q, Matching):
        lefts = [f"{n + 1}. {p.left(lang)}" for n, p in enumerate(q.pairs)]
        rights = [f"{letter(k)}) {q.pairs[i].right(lang)}" for k, i in enumerate(sq.order)]
        body = f"#matching({src.array(lefts, owner)}, {src.array(rights, owner)})"
    else:
        raise TypeError(type(q).__name__)
    prompt = src.s(q.prompt(lang), owner)
    return f'#question("{sq.number}", {prompt}, {src.s(instruction(lang, sq.type), LABELS_OWNER)}, [{body}])'


def _translation(src: TypstSource, parts: QuoteParts, lang: str, owner: str) -> str:
    """A quote's marked translation, as one more element after its citation (English keys)."""
    return (
        f"translation({src.s(label(lang, 'translation'), LABELS_OWNER)}, "
        f"{src.s(label(lang, 'open_quote'), LABELS_OWNER)}, {src.s(parts.before, owner)}, "
        f"{src.s(parts.highlight, owner)}, {src.s(parts.after, owner)}, "
        f"{src.s(label(lang, 'close_quote'), LABELS_OWNER)}), "
    )


def _key_entry(src: TypstSource, sq: SheetQuestion, lang: str) -> str:
    owner = f"question {sq.id}"
    cites = "".join(
        f"citation({src.s(label(lang, 'source'), LABELS_OWNER)}, {src.s(c.reference, owner)}, "
        f"{src.s(label(lang, 'open_quote'), LABELS_OWNER)}, {src.s(c.before, owner)}, {src.s(c.highlight, owner)}, "
        f"{src.s(c.after, owner)}, {src.s(label(lang, 'close_quote'), LABELS_OWNER)}), "
        + (_translation(src, c.translation, lang, owner) if c.translation is not None else "")
        for c in sq.citations
    )
    return (
        f'#key-entry("{sq.number}", {src.s(key_answer(sq, lang), owner)}, '
        f"{src.s(label(lang, 'explanation'), LABELS_OWNER)}, {src.s(sq.question.explanation(lang), owner)}, ({cites}))"
    )
