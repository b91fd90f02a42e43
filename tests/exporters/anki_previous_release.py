"""The Basic note type and the ordering/matching fields as the previous release shipped them.

Test data for the note type upgrade: before fields held content, an ordering or matching
note kept its lists as finished HTML in ``Details`` and ``Back``. ``previous_note_content``
builds a note exactly that way (the same fields, templates and field contents; the card
frame, style sheet and script shared with the other note types are today's), so a test
can import the previous build into real Anki, review it, and then import the current
build over it.
"""

from __future__ import annotations

from chinaai_learn.exporters import anki_fields, anki_notetypes
from chinaai_learn.exporters.anki_fields import NoteContent, text_html
from chinaai_learn.exporters.anki_notetypes import _BACK_FOOTER, _CLOSE, _NOTICE, _OPEN, NoteTypeSpec
from chinaai_learn.model import Matching, Ordering
from chinaai_learn.presentation import layout
from chinaai_learn.render import letter

PREVIOUS_BASIC = NoteTypeSpec(
    kind="basic",
    ids=anki_notetypes.BASIC.ids,
    title="Basic",
    fields=anki_notetypes.BASIC.fields[:7],
    template_id=anki_notetypes.BASIC.template_id,
    template_name="Card",
    front=(_OPEN % ("front", "basic"))
    + _NOTICE
    + """<div class="prompt">{{Front}}</div>
{{#Details}}<div class="details">{{Details}}</div>{{/Details}}"""
    + _CLOSE,
    back=(_OPEN % ("back", "basic"))
    + _NOTICE
    + """<div class="prompt">{{Front}}</div>
{{#Details}}<div class="details">{{Details}}</div>{{/Details}}
<hr id="answer">
<section class="answer"><div class="label">$answer</div>{{Back}}</section>"""
    + _BACK_FOOTER
    + _CLOSE,
)
assert [f.name for f in PREVIOUS_BASIC.fields] == [
    "Front",
    "Details",
    "Back",
    "Extra",
    "Source",
    "ID",
    "Notice",
]

_PHRASES = {
    "de": ("In die richtige Reihenfolge bringen:", "Einander zuordnen:"),
    "en": ("Put in the right order:", "Match each item:"),
}


def _ordering(question: Ordering, lang: str) -> dict[str, str]:
    shown = layout(question).order
    position_of = {index: k for k, index in enumerate(shown)}
    front = "".join(
        f'<li><span class="letter">{letter(k)})</span>{text_html(question.items[i](lang))}</li>'
        for k, i in enumerate(shown)
    )
    back = "".join(
        f'<li>{n + 1}. <span class="letter">{letter(position_of[n])})</span>{text_html(item(lang))}</li>'
        for n, item in enumerate(question.items)
    )
    details = f'<div class="hint">{_PHRASES[lang][0]}</div><ol class="items">{front}</ol>'
    return {"Details": details, "Back": f'<ol class="order">{back}</ol>'}


def _matching(question: Matching, lang: str) -> dict[str, str]:
    shown = layout(question).order
    position_of = {index: k for k, index in enumerate(shown)}
    lefts = "".join(f"<li>{n + 1}. {text_html(p.left(lang))}</li>" for n, p in enumerate(question.pairs))
    rights = "".join(
        f'<li><span class="letter">{letter(k)})</span>{text_html(question.pairs[i].right(lang))}</li>'
        for k, i in enumerate(shown)
    )
    pairs = "".join(
        f'<li>{n + 1}. {text_html(p.left(lang))} → <span class="letter">{letter(position_of[n])})</span>'
        f"{text_html(p.right(lang))}</li>"
        for n, p in enumerate(question.pairs)
    )
    details = f'<div class="hint">{_PHRASES[lang][1]}</div><ol class="lefts">{lefts}</ol><ol class="rights">{rights}</ol>'
    return {"Details": details, "Back": f'<ul class="pairs">{pairs}</ul>'}


def previous_note_content(bank, question, lang: str) -> NoteContent:
    """``note_content`` as the previous release had it: Basic notes on the previous Basic note type."""
    current = anki_fields.note_content(bank, question, lang)
    if current.spec.kind != "basic":
        return current
    common = {
        name: current.fields[name] for name in ("Front", "Extra", "Source", "ID") if name in current.fields
    }
    if isinstance(question, Ordering):
        return NoteContent(PREVIOUS_BASIC, {**common, **_ordering(question, lang)})
    if isinstance(question, Matching):
        return NoteContent(PREVIOUS_BASIC, {**common, **_matching(question, lang)})
    return NoteContent(PREVIOUS_BASIC, current.fields)
