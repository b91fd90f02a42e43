"""A question as the fields of an Anki note: which note type, and what each field holds.

Fields hold content, templates hold markup: a choice question has one plain-text field
per choice (in its fixed, shuffled display order) and a field naming the correct letters;
an ordering question one per item (display order) with each item's place in the answer,
a matching question one per left and per right side, each right with its left's number;
a type-in question its accepted answers and its number and tolerance, which the card's
script grades with. Every text from the bank goes through ``text_html``: ``& < >`` are
escaped, and the few characters Anki itself would interpret inside a field
(``[sound:…]``, ``[[type:…]]``, ``{{c1::…}}``) are written as character references, so a
question containing ``<A>``, ``&`` or ``<script>`` shows exactly those characters and runs
nothing, while quotes and apostrophes stay themselves (so Anki's search finds them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..bank import Bank
from ..errors import UserError
from ..model import (
    Cloze,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    QuestionBase,
    ShortAnswer,
    SingleChoice,
    SourceRecord,
    TrueFalse,
)
from ..presentation import layout
from ..render import (
    WORDS,
    QuoteParts,
    correct_answer,
    letter,
    reference,
    split_quote,
    split_translation,
    translation_label,
)
from ..textnorm import format_number
from .anki_notetypes import BASIC, CHOICE, CLOZE, MAX_CHOICES, MAX_ITEMS, TYPE_IN, NoteTypeSpec

PHRASES = {
    "de": {
        "true_false": "Wahr oder falsch?",
        "single": "Eine Antwort ist richtig.",
        "multiple": "Alle zutreffenden Antworten wählen.",
        "number": "Antwort als Zahl",
        "unit": "Einheit",
    },
    "en": {
        "true_false": "True or false?",
        "single": "One answer is correct.",
        "multiple": "Select all that apply.",
        "number": "Answer with a number",
        "unit": "unit",
    },
}


_NEEDS_ESCAPING = re.compile(r"[&<>\[\]{}\n]").search


def text_html(text: str) -> str:
    """Plain text from the bank as inert HTML: escaped, Anki syntax neutralised, lines kept.

    The same as ``html.escape(text, quote=False)`` followed by character references for
    ``[ ] { }`` (which Anki would read as its own syntax) and ``<br>`` for line breaks,
    written as one chain of ``str.replace``, which is several times faster than ``escape``
    + ``translate`` and runs for every text of every note. ``&`` goes first, so no reference
    is escaped twice. Quotes need no escaping in element content. Most texts contain none of
    these characters: one scan finds that out, and such a text is returned as it is.
    """
    if _NEEDS_ESCAPING(text) is None:
        return text
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("[", "&#91;")
        .replace("]", "&#93;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
        .replace("\n", "<br>")
    )


# The phrases as field HTML, escaped once rather than once per note.
_PHRASES_HTML = {
    lang: {key: text_html(text) for key, text in words.items()} for lang, words in PHRASES.items()
}
_TRUE_FALSE_DETAILS = {
    lang: f'<div class="hint">{words["true_false"]}</div>' for lang, words in _PHRASES_HTML.items()
}
_VERDICT_HTML = {
    lang: {
        answer: text_html(WORDS[lang]["true" if answer else "false"].capitalize()) for answer in (True, False)
    }
    for lang in PHRASES
}


def _cloze_answer_html(text: str) -> str:
    # Inside {{c1::…}} a "::" would start a hint; a colon written as a reference cannot.
    return text_html(text).replace(":", "&#58;")


@dataclass(frozen=True)
class NoteContent:
    """A question as one Anki note: its note type and the HTML of each field."""

    spec: NoteTypeSpec
    fields: dict[str, str]

    def values(self) -> list[str]:
        """Field values in the note type's field order (missing fields are empty)."""
        return [self.fields.get(name, "") for name in self.spec.field_names]


def note_content(bank: Bank, question: QuestionBase, lang: str) -> NoteContent:
    """The note type and fields that show ``question`` in ``lang``."""
    common = {
        "Extra": text_html(question.explanation(lang)),
        "Source": source_html(bank, question, lang),
        "ID": text_html(question.id),
    }
    words = PHRASES[lang]
    prompt = text_html(question.prompt(lang))
    if isinstance(question, (SingleChoice, MultipleChoice)):
        return NoteContent(CHOICE, {"Prompt": prompt, **_choice_fields(question, lang), **common})
    if isinstance(question, Cloze):
        return NoteContent(CLOZE, {"Text": _cloze_html(question, lang), "Prompt": prompt, **common})
    if isinstance(question, Numeric):
        hint = words["number"] + (f" ({words['unit']}: {question.unit(lang)})" if question.unit else "")
        return NoteContent(
            TYPE_IN,
            {
                "Prompt": prompt,
                "Hint": text_html(hint),
                "Answer": text_html(typed_number(question.value, lang)),
                "Number": repr(float(question.value)).removesuffix(".0"),
                "Tolerance": repr(question.absolute_tolerance).removesuffix(".0"),
                "AnswerDetails": text_html(correct_answer(question, lang)),
                **common,
            },
        )
    if isinstance(question, ShortAnswer):
        first, *others = question.answers(lang)
        return NoteContent(
            TYPE_IN,
            {
                "Prompt": prompt,
                "Answer": text_html(first),
                "Accepted": text_html("; ".join(others)),
                **common,
            },
        )
    if isinstance(question, TrueFalse):
        return NoteContent(
            BASIC,
            {
                "Front": prompt,
                "Details": _TRUE_FALSE_DETAILS[lang],
                "Back": _VERDICT_HTML[lang][question.answer],
                **common,
            },
        )
    if isinstance(question, Ordering):
        return NoteContent(BASIC, {"Front": prompt, **_ordering_fields(question, lang), **common})
    if isinstance(question, Matching):
        return NoteContent(BASIC, {"Front": prompt, **_matching_fields(question, lang), **common})
    raise TypeError(f"no Anki note for question type {type(question).__name__}")


def typed_number(value: float, lang: str) -> str:
    """A number as a learner would type it: no thousands separators, the language's decimal mark."""
    return format_number(value, lang).replace("." if lang == "de" else ",", "")


def choice_order(question: SingleChoice | MultipleChoice) -> tuple[int, ...]:
    """The fixed display order of a note's choices: shuffled by the question id, stable across
    rebuilds (so an unchanged bank re-imports with no update), bank order if ``shuffle: false``."""
    return layout(question, "anki", shuffle_choices=question.shuffle).order


def _choice_fields(question: SingleChoice | MultipleChoice, lang: str) -> dict[str, str]:
    """Instruction, one plain-text field per choice in display order, the correct letters, the mode."""
    order = choice_order(question)
    if len(order) > MAX_CHOICES:
        raise UserError(
            f"question {question.id}: {len(order)} choices, but an Anki card holds at most {MAX_CHOICES}: "
            "split the question or drop choices"
        )
    single = isinstance(question, SingleChoice)
    fields = {"Instruction": _PHRASES_HTML[lang]["single" if single else "multiple"]}
    correct = []
    for position, index in enumerate(order):
        choice = question.choices[index]
        fields[f"Choice{position + 1}"] = text_html(choice.text(lang))
        if choice.correct:
            correct.append(position)
    fields["Correct"] = " ".join(letter(p) for p in correct)
    fields["Mode"] = "single" if single else "multiple"
    fields["Answer"] = text_html(
        "; ".join(f"{letter(p)}) {question.choices[order[p]].text(lang)}" for p in correct)
    )
    return fields


def _cloze_html(question: Cloze, lang: str) -> str:
    parts = []
    for segment in question.segments(lang):
        if isinstance(segment, int):
            answer = question.blanks[segment](lang)[0]
            parts.append(f"{{{{c{segment + 1}::{_cloze_answer_html(answer)}}}}}")
        else:
            parts.append(text_html(segment))
    return "".join(parts)


def _check_size(question: QuestionBase, count: int, what: str) -> None:
    if count > MAX_ITEMS:
        raise UserError(
            f"question {question.id}: {count} {what}, but an Anki card holds at most {MAX_ITEMS}: "
            f"split the question or drop {what}"
        )


def _ordering_fields(question: Ordering, lang: str) -> dict[str, str]:
    """One plain field per item in display order (never the answer order), and each one's place."""
    shown = layout(question).order  # shown[k] = bank index (= place in the answer) at display position k
    _check_size(question, len(shown), "items")
    fields = {}
    for k, index in enumerate(shown, start=1):
        fields[f"Item{k}"] = text_html(question.items[index](lang))
        fields[f"Place{k}"] = str(index + 1)
    return fields


def _matching_fields(question: Matching, lang: str) -> dict[str, str]:
    """The left sides in bank order; the right sides in display order, each with its left's number."""
    shown = layout(question).order  # shown[k] = the pair whose right side is shown at position k
    _check_size(question, len(shown), "pairs")
    fields = {f"Left{n}": text_html(pair.left(lang)) for n, pair in enumerate(question.pairs, start=1)}
    for k, index in enumerate(shown, start=1):
        fields[f"Right{k}"] = text_html(question.pairs[index].right(lang))
        fields[f"Pair{k}"] = str(index + 1)
    return fields


def source_html(bank: Bank, question: QuestionBase, lang: str) -> str:
    """Each citation: the rendered reference, then the quote with the answer span marked.

    In English, the quote's translation (where the bank gives one) follows, marked as such.
    """
    blocks = []
    for cite in question.citations:
        reference_html = _reference_html(bank.sources.get(cite.doc), cite.doc, cite.section, lang)
        translated = split_translation(cite, lang)
        translation = (
            f'<div class="translation-label">{text_html(translation_label(lang))}:</div>'
            f'<blockquote class="quote translation">{_marked_html(translated)}</blockquote>'
            if translated is not None
            else ""
        )
        blocks.append(
            f'<div class="citation"><div class="reference">{reference_html}</div>'
            f'<blockquote class="quote">{_marked_html(split_quote(cite))}</blockquote>{translation}</div>'
        )
    return "".join(blocks)


def _marked_html(parts: QuoteParts) -> str:
    quote = text_html(parts.before)
    if parts.highlight:
        quote += f'<mark class="highlight">{text_html(parts.highlight)}</mark>{text_html(parts.after)}'
    return quote


@lru_cache(maxsize=1024)
def _reference_html(record: SourceRecord | None, doc: str, section: str | None, lang: str) -> str:
    # render.citation_reference's text, cached: every question citing the same document
    # section shares it. Keyed on the (frozen) source record itself, so a record from
    # another bank is another entry.
    return text_html(reference(record, lang, section) if record else doc)
