"""The source card: each cited reference and its quote, the answer span in bold and underlined.

In English the quote's translation, where the bank gives one, follows the German original.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from chinaai_learn.bank import Bank
from chinaai_learn.model import QuestionBase
from chinaai_learn.render import (
    QuoteParts,
    citation_reference,
    split_quote,
    split_translation,
    translation_label,
)

from ..words import say

HIGHLIGHT = "bold underline"


def quote_text(bank: Bank, question: QuestionBase, lang: str) -> Text:
    """References and quotes of every citation of ``question``, as one text."""
    text = Text()
    for number, cite in enumerate(question.citations):
        if number:
            text.append("\n\n")
        text.append(citation_reference(bank, cite, lang), style="italic")
        text.append("\n")
        _append_quote(text, split_quote(cite))
        translated = split_translation(cite, lang)
        if translated is not None:
            text.append(f"\n{translation_label(lang)}: ", style="italic")
            _append_quote(text, translated)
    return text


def _append_quote(text: Text, parts: QuoteParts) -> None:
    # Text.append never reads markup, so "[bold]" in a bank shows as those characters.
    text.append("»" + parts.before)
    text.append(parts.highlight, style=HIGHLIGHT)
    text.append(parts.after + "«")


class SourceCard(Widget):
    """A bordered card titled 'Quelle'/'Source' that proves the answer with the verbatim passage."""

    lang: reactive[str] = reactive("de")

    def __init__(self, bank: Bank, question: QuestionBase, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="source-card")
        self.bank = bank
        self.question = question
        self.set_reactive(SourceCard.lang, lang)

    def on_mount(self) -> None:
        self.watch_lang()

    def watch_lang(self) -> None:
        several = len(self.question.citations) > 1
        self.border_title = say(self.lang, "sources" if several else "source")

    def render(self) -> Text:
        return quote_text(self.bank, self.question, self.lang)
