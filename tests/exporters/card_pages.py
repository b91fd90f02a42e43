"""The cards as Anki's clients show them, for the browser tests.

The front and the back come from a real Anki collection (``card.question()`` and
``card.answer()``); the ``[[type:Answer]]`` placeholder becomes the input box on the front
and, on the back, the comparison Anki's own code makes of the typed and the expected answer
(``Collection.compare_answer``), the way Anki's clients fill it in.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from anki.collection import Collection

from .anki_helpers import build, import_package, notes_by_question, write_recipe

CARD_IDS = ("alpha-single", "alpha-multi", "alpha-number", "alpha-short")
PHONE = {"width": 390, "height": 844}
TYPE_ANSWER = "[[type:Answer]]"


@dataclass(frozen=True)
class Card:
    question: str
    answer: str
    expected: str  # what Anki compares a typed answer with: the note's Answer field


class RenderedCards:
    """The rendered sides of the test deck's cards, and Anki's comparison of typed answers."""

    def __init__(self, col: Collection, cards: dict[str, Card]) -> None:
        self._col = col
        self._cards = cards

    def __getitem__(self, question_id: str) -> Card:
        return self._cards[question_id]

    def back(self, question_id: str, typed: str) -> str:
        """The back as a client shows it after ``typed`` was typed on the front."""
        card = self._cards[question_id]
        return card.answer.replace(TYPE_ANSWER, self._col.compare_answer(card.expected, typed))


@contextmanager
def rendered_cards(folder: Path) -> Iterator[RenderedCards]:
    deck = build(write_recipe(folder), folder / "out", state=folder / "state.json").path
    col = Collection(str(folder / "c.anki2"))
    try:
        import_package(col, deck)
        notes = notes_by_question(col)
        cards = {}
        for qid in CARD_IDS:
            card = notes[qid].cards()[0]
            note = notes[qid]
            expected = ""  # an anki Note has `in` but no `get`
            if "Answer" in note:
                expected = note["Answer"]
            cards[qid] = Card(card.question(), card.answer(), expected)
        yield RenderedCards(col, cards)
    finally:
        col.close()


def front(html_text: str) -> str:
    """The front with the input box a client puts in place of ``[[type:Answer]]``."""
    return html_text.replace(TYPE_ANSWER, '<input type="text" id="typeans">')


def card_document(body: str, night: str = "") -> str:
    """A card side as a whole page: Anki's clients put it in ``#qa`` of a ``.card`` body."""
    return (
        '<!doctype html><html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'</head><body class="card {night}"><div id="qa">{body}</div></body></html>'
    )
