"""Human-readable text for answers, responses and citations, in German or English.

Every output (CLI, quiz, Anki, worksheets, LMS) shows answers and references the same
way, so they are written once here. Output is plain text; each exporter escapes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .bank import Bank
from .model import (
    Citation,
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
    fold_whitespace,
)
from .presentation import fixed_choice_order
from .textnorm import format_number, parse_number

# A numeric answer without a unit and with a whole value in this range is a year: never grouped.
YEAR_RANGE = (1900, 2100)

_MONTHS = {
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
WORDS = {
    "de": {"true": "wahr", "false": "falsch", "section": "Abschnitt", "and": "und"},
    "en": {"true": "true", "false": "false", "section": "section", "and": "and"},
}


def letter(index: int) -> str:
    """A, B, C, ... for choice labels."""
    return chr(ord("A") + index)


def number(index: int) -> str:
    """1, 2, 3, ... for choice labels where number keys choose (the terminal quiz)."""
    return str(index + 1)


def format_date(date: str, lang: str) -> str:
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[lang][int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = int(parts[2])
    return f"{day}. {month} {parts[0]}" if lang == "de" else f"{day} {month} {parts[0]}"


def _authors(record: SourceRecord, lang: str) -> str | None:
    if not record.author:
        return None
    surnames = [name.strip().split()[-1] for name in record.author.split(",")]
    return f" {WORDS[lang]['and']} ".join(surnames)


_INNER = {
    "de": str.maketrans({"„": "‚", "“": "‘", "”": "‘", "»": "›", "«": "‹"}),
    "en": str.maketrans({"„": "‘", "“": "‘", "”": "’", "»": "‘", "«": "’"}),
}
# Straight double quotes alternate: opening, closing (de ‚…‘, en ‘…’).
_INNER_STRAIGHT = {"de": ("‚", "‘"), "en": ("‘", "’")}


# Pairs of double quotes in either language's style: „…“ (German) and “…” (English). The
# mark “ closes a German pair but opens an English one, so pairs are matched first.
_DOUBLE_PAIRS = re.compile(r"„([^„“”]*)[“”]|“([^„“”]*)”")


def quoted(text: str, lang: str) -> str:
    """Text in the language's quotation marks, its own quotes turned into inner ones."""
    opening, closing = _INNER_STRAIGHT[lang]
    text = _DOUBLE_PAIRS.sub(lambda m: f"{opening}{m.group(1) or m.group(2) or ''}{closing}", text)
    pieces = text.translate(_INNER[lang]).split('"')
    inner = "".join(p + (opening if i % 2 == 0 else closing) for i, p in enumerate(pieces[:-1])) + pieces[-1]
    return f"„{inner}“" if lang == "de" else f"“{inner}”"


def reference(record: SourceRecord, lang: str, section: str | None = None) -> str:
    """'Kiefer, „Titel“, Asia Media Service, 1. März 2025, Abschnitt „…“' and its English twin."""
    parts = [_authors(record, lang) or record.title]
    if record.author:
        parts.append(quoted(record.title, lang))
    if record.publisher:
        parts.append(record.publisher)
    parts.append(format_date(record.date, lang))
    if section:
        parts.append(f"{WORDS[lang]['section']} {quoted(section, lang)}")
    return ", ".join(parts)


@dataclass(frozen=True)
class QuoteParts:
    """A quote split around its highlighted span, for renderers that mark it."""

    before: str
    highlight: str
    after: str


def split_quote(cite: Citation) -> QuoteParts:
    quote = fold_whitespace(cite.quote)
    if not cite.highlight:
        return QuoteParts(quote, "", "")
    span = fold_whitespace(cite.highlight)
    at = quote.find(span)
    return QuoteParts(quote[:at], span, quote[at + len(span) :])


TRANSLATION_LABEL = {"en": "Translation"}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_ARTICLE = re.compile(r"(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer) ", re.IGNORECASE)


def translation_label(lang: str) -> str:
    """The word that marks a translation beneath its original ("Translation")."""
    return TRANSLATION_LABEL[lang]


def split_translation(cite: Citation, lang: str) -> QuoteParts | None:
    """The quote's translation for an output in ``lang``, split around the highlight, or None.

    None in German (the original is the proof) and where the citation has no translation.
    The highlight is looked for in the translation as text (case ignored, a leading German
    article dropped, so that names kept in the translation are found), then, if it holds
    a number, as that number written the English way ("296.446" finds "296,446"); where it
    cannot be found, the translation is shown without one.
    """
    if cite.translation is None or lang not in TRANSLATION_LABEL:
        return None
    text = fold_whitespace(cite.translation.en)
    if not cite.highlight:
        return QuoteParts(text, "", "")
    span = fold_whitespace(cite.highlight)
    found = re.search(re.escape(span), text, re.IGNORECASE)
    if found is None and _ARTICLE.match(
        span
    ):  # "die Forschungsgruppe Jülich" → "the Forschungsgruppe Jülich"
        found = re.search(re.escape(_ARTICLE.sub("", span, count=1)), text, re.IGNORECASE)
    if found is None:
        found = _same_number(span, text)
    if found is None:
        return QuoteParts(text, "", "")
    return QuoteParts(text[: found.start()], found.group(), text[found.end() :])


def _same_number(span: str, text: str) -> re.Match[str] | None:
    wanted = {parse_number(token, "de") for token in _NUMBER.findall(span)} - {None}
    for token in _NUMBER.finditer(text):
        if parse_number(token.group(), "en") in wanted:
            return token
    return None


def citation_reference(bank: Bank, cite: Citation, lang: str) -> str:
    record = bank.sources.get(cite.doc)
    return reference(record, lang, cite.section) if record else cite.doc


def _shown_choices(
    question: SingleChoice | MultipleChoice,
    indices: Sequence[int],
    lang: str,
    label: Callable[[int], str],
    order: Sequence[int] | None,
) -> str:
    """The choices ``indices`` (bank indices) in display order, each with its label ("B) Hangzhou")."""
    shown = list(fixed_choice_order(question) if order is None else order)
    positions = sorted(shown.index(i) for i in indices)
    return "; ".join(f"{label(p)}) {question.choices[shown[p]].text(lang)}" for p in positions)


def correct_answer(
    question: QuestionBase,
    lang: str,
    label: Callable[[int], str] = letter,
    order: Sequence[int] | None = None,
) -> str:
    """The correct answer as one line of text; choices carry the labels the learner saw.

    ``order`` is the display order of the choices (bank indices, as in ``presentation.Layout``);
    without it, the fixed order that ``show``, Anki and the LMS exports use.
    """
    if isinstance(question, (SingleChoice, MultipleChoice)):
        return _shown_choices(question, question.correct_indices, lang, label, order)
    if isinstance(question, TrueFalse):
        return WORDS[lang]["true" if question.answer else "false"]
    if isinstance(question, Cloze):
        return "; ".join(f"({i + 1}) {b(lang)[0]}" for i, b in enumerate(question.blanks))
    if isinstance(question, Numeric):
        return numeric_answer(question, lang)
    if isinstance(question, ShortAnswer):
        return question.answers(lang)[0]
    if isinstance(question, Ordering):
        return " → ".join(item(lang) for item in question.items)
    if isinstance(question, Matching):
        return "; ".join(f"{p.left(lang)} → {p.right(lang)}" for p in question.pairs)
    raise TypeError(type(question).__name__)


def is_year(question: Numeric) -> bool:
    """Whether the answer is a year: a whole number from 1900 to 2100 without a unit."""
    low, high = YEAR_RANGE
    return question.unit is None and float(question.value).is_integer() and low <= question.value <= high


def number_text(question: Numeric, value: float, lang: str) -> str:
    """A value typed or expected for ``question``, written as people write it (years ungrouped)."""
    return format_number(value, lang, grouping=not is_year(question))


def numeric_answer(question: Numeric, lang: str) -> str:
    text = number_text(question, question.value, lang)
    if question.unit:
        text += f" {question.unit(lang)}"
    tol = question.tolerance
    if isinstance(tol, str):
        text += f" (± {tol.replace('.', ',') if lang == 'de' else tol})"
    elif tol:
        text += f" (± {format_number(tol, lang)})"
    return text


def response_text(
    question: QuestionBase,
    response: Any,
    lang: str,
    label: Callable[[int], str] = letter,
    order: Sequence[int] | None = None,
) -> str:
    """What the learner answered, as one line of text (choice labels as in ``correct_answer``)."""
    empty = "—"
    if isinstance(question, SingleChoice):
        if response is None:
            return empty
        return _shown_choices(question, [response], lang, label, order)
    if isinstance(question, MultipleChoice):
        return _shown_choices(question, list(response or ()), lang, label, order) or empty
    if isinstance(question, TrueFalse):
        return empty if response is None else WORDS[lang]["true" if response else "false"]
    if isinstance(question, Cloze):
        return "; ".join(f"({i + 1}) {t or empty}" for i, t in enumerate(response or ())) or empty
    if isinstance(question, (Numeric, ShortAnswer)):
        return str(response) if response else empty
    if isinstance(question, Ordering):
        return " → ".join(question.items[i](lang) for i in (response or ())) or empty
    if isinstance(question, Matching):
        return (
            "; ".join(
                f"{question.pairs[i].left(lang)} → {question.pairs[j].right(lang) if j is not None else empty}"
                for i, j in enumerate(response or ())
            )
            or empty
        )
    raise TypeError(type(question).__name__)
