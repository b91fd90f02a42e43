"""Cloze: the text with its gaps inline; typing fills the active gap, Tab/↑↓ change gaps."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType

from chinaai_learn.model import Cloze, QuestionBase

from .answer_input import AnswerInput


class ClozeInput(AnswerInput, can_focus=True):
    """Edits one gap at a time, in place: the active gap is reversed and underlined, with a caret."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab,down", "gap(1)", show=False),
        Binding("shift+tab,up", "gap(-1)", show=False),
        Binding("backspace", "delete_left", show=False),
        Binding("ctrl+u", "clear_gap", show=False),
    ]

    def __init__(
        self, question: QuestionBase, order: tuple[int, ...], lang: str, *, id: str | None = None
    ) -> None:
        super().__init__(question, order, lang, id=id)
        assert isinstance(question, Cloze)
        self.cloze = question
        self.values = [""] * len(question.blanks)
        self.active = 0

    def response(self) -> Any:
        return list(self.values)

    def is_answered(self) -> bool:
        return any(v.strip() for v in self.values)

    def submit(self) -> None:
        """Enter moves to the next gap; on the last gap it submits."""
        if self.active < len(self.values) - 1:
            self.action_gap(1)
        else:
            super().submit()

    def action_gap(self, step: int) -> None:
        self.active = (self.active + step) % len(self.values)
        self.refresh()

    def action_delete_left(self) -> None:
        self.values[self.active] = self.values[self.active][:-1]
        self.refresh()

    def action_clear_gap(self) -> None:
        self.values[self.active] = ""
        self.refresh()

    def type_text(self, text: str) -> None:
        self.values[self.active] += text
        self.refresh()

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            self.type_text(event.character)

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        self.type_text(" ".join(event.text.split()))

    def relabel(self) -> None:
        self.refresh(layout=True)

    def render(self) -> Text:
        text = Text()
        for part in self.cloze.segments(self.lang):
            if isinstance(part, str):
                text.append(part)
                continue
            value = self.values[part]
            if part == self.active:
                caret = "▏" if self.has_focus else ""
                text.append(f"[{part + 1}: {value}{caret}]", style="reverse underline bold")
            else:
                text.append(f"[{part + 1}: {value or '____'}]", style="underline")
        return text

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
