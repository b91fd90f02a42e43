"""Text helpers the lint rules share: folded words, stems, the answers and visible text of a question."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import (
    LANGS,
    Cloze,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    QuestionBase,
    ShortAnswer,
    SingleChoice,
)
from ..textnorm import normalize_for_search

_WORD = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+", re.UNICODE)


# Words too common to say anything about a question (both languages, folded forms).
def word_set(text: str) -> frozenset[str]:
    """The words of a whitespace-separated list (word lists read best as running text)."""
    return frozenset(text.split())


STOPWORDS = word_set(
    """
    der die das den dem des ein eine einen einem einer eines und oder aber nicht kein keine
    ist sind war waren wird werden wurde wurden hat haben hatte sein seine ihr ihre ihren es
    er sie wir im in an am auf aus bei mit nach von vor zu zum zur fuer ueber unter um als
    wie was wer welche welcher welches welchen wann wo warum laut artikel newsletter text
    bericht beitrag dass auch noch nur so sich bis durch gegen ohne mehr sehr diese dieser
    dieses diesem diesen jener alle allen
    the a an and or but not no is are was were be been being has have had its it their they
    we you he she in on at of to for from by with as into about over under than which what
    who when where why how according article newsletter report this that these those all
    also only more most very does did do can could will would
    """
)


def fold(text: str) -> str:
    """Lower case, umlauts spelled out, dashes and quotes unified (the grading's search form)."""
    return normalize_for_search(text)


def words(text: str) -> list[str]:
    """The folded words and numbers of a text, in order."""
    return _WORD.findall(fold(text))


def stem(word: str) -> str:
    """A crude stem that joins German and English inflections: 'kosten'/'kosten', 'costs'/'cost'."""
    for suffix in ("ungen", "ung", "en", "er", "es", "em", "e", "s", "n"):
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> set[str]:
    """Stems of the words of ``text`` that carry meaning (no stop words, no short words)."""
    return {stem(w) for w in words(text) if len(w) >= 4 and w not in STOPWORDS and not w[0].isdigit()}


def contains_phrase(haystack: str, needle: str) -> bool:
    """Whether the folded ``needle`` occurs in the folded ``haystack`` as whole words."""
    n = fold(needle).strip(" .,;:!?\"'()")
    if not n:
        return False
    return re.search(rf"(?<!\w){re.escape(n)}(?!\w)", fold(haystack)) is not None


def is_number(text: str) -> bool:
    return re.fullmatch(r"[-+]?\d+(?:[.,]\d+)*", text.strip()) is not None


def format_number(value: float, lang: str) -> str:
    """A number as a source in ``lang`` would print it (no grouping: '296446', '1,4')."""
    if value == int(value):
        return str(int(value))
    text = repr(value)
    return text.replace(".", ",") if lang == "de" else text


def answers(question: QuestionBase, lang: str) -> list[str]:
    """The texts a learner must produce or pick for ``question`` in ``lang`` (empty if none)."""
    if isinstance(question, (SingleChoice, MultipleChoice)):
        return [c.text(lang) for c in question.choices if c.correct]
    if isinstance(question, ShortAnswer):
        return list(question.answers(lang))
    if isinstance(question, Cloze):
        return [a for blank in question.blanks for a in blank(lang)]
    if isinstance(question, Numeric):
        return [format_number(question.value, lang)]
    return []


def shown_texts(
    question: QuestionBase, lang: str, *, correct_choices_only: bool = False
) -> Iterator[tuple[str, str]]:
    """(part, text) for what a learner sees of a question: prompt, choices, cloze text, items, pairs."""
    yield "prompt", question.prompt(lang)
    if isinstance(question, (SingleChoice, MultipleChoice)):
        for choice in question.choices:
            if choice.correct or not correct_choices_only:
                yield "correct choices" if correct_choices_only else "choices", choice.text(lang)
    if isinstance(question, Cloze):
        yield "cloze text", question.text(lang)
    if isinstance(question, Ordering):
        for item in question.items:
            yield "items", item(lang)
    if isinstance(question, Matching):
        for pair in question.pairs:
            yield "pairs", pair.left(lang)
            yield "pairs", pair.right(lang)


__all__ = [
    "LANGS",
    "STOPWORDS",
    "answers",
    "contains_phrase",
    "content_stems",
    "fold",
    "shown_texts",
    "words",
]
