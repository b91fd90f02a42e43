"""Single and multiple choice: numbered rows, ↑↓ to move, number keys to choose, space to toggle."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Static

from chinaai_learn.model import MultipleChoice, QuestionBase

from ..words import say
from .answer_input import AnswerInput
from .row_click import clicked_row


class ChoiceInput(AnswerInput, can_focus=True):
    """Radio rows for single choice, check rows for multiple choice; hinted choices are struck out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("space", "choose_cursor", show=False),
    ]

    def __init__(
        self, question: QuestionBase, order: tuple[int, ...], lang: str, *, id: str | None = None
    ) -> None:
        super().__init__(question, order, lang, id=id)
        self.multiple = isinstance(question, MultipleChoice)
        self.cursor = 0
        self.chosen: set[int] = set()
        self.removed: set[int] = set()

    def compose(self) -> ComposeResult:
        for _ in self.order:
            with Horizontal(classes="answer-row"):
                yield Static(classes="row-mark")
                yield Static(classes="row-label")

    def on_mount(self) -> None:
        self.relabel()

    def response(self) -> Any:
        if self.multiple:
            return set(self.chosen)
        return next(iter(self.chosen), None)

    def is_answered(self) -> bool:
        return bool(self.chosen)

    def choose(self, position: int) -> None:
        """Number key or space on row ``position``: select it (single) or toggle it (multiple)."""
        index = self.order[position]
        if index in self.removed:
            return
        self.cursor = position
        if not self.multiple:
            self.chosen = {index}
        elif index in self.chosen:
            self.chosen.discard(index)
        else:
            self.chosen.add(index)
        self.relabel(follow=True)

    def action_move(self, step: int) -> None:
        position = self.cursor
        while 0 <= position + step < len(self.order):
            position += step
            if self.order[position] not in self.removed:
                break
        else:
            return
        self.cursor = position
        if not self.multiple:
            self.chosen = {self.order[position]}
        self.relabel(follow=True)

    def action_choose_cursor(self) -> None:
        self.choose(self.cursor)

    def on_click(self, event: events.Click) -> None:
        position = clicked_row(event, list(self.query(".answer-row").results(Horizontal)))
        if position is not None:
            self.focus()
            self.choose(position)

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            position = int(event.character) - 1
            if 0 <= position < len(self.order):
                event.stop()
                self.choose(position)

    def remove_choice(self, index: int) -> None:
        self.removed.add(index)
        self.chosen.discard(index)
        if self.order[self.cursor] == index:
            self.action_move(1 if self.cursor + 1 < len(self.order) else -1)
        self.relabel(follow=True)

    def relabel(self, follow: bool = False) -> None:
        """Redraw the rows; ``follow`` scrolls the cursor row into view (after a key, not on start)."""
        rows = list(self.query(".answer-row").results(Horizontal))
        for position, (row, index) in enumerate(zip(rows, self.order, strict=False)):
            row.query_one(".row-mark", Static).update(self._mark(position, index))
            row.query_one(".row-label", Static).update(self._label(index))
            row.set_class(position == self.cursor, "-cursor")
        if rows and follow:
            rows[self.cursor].scroll_visible(animate=False)

    def _mark(self, position: int, index: int) -> Text:
        pointer = "❯" if position == self.cursor else " "
        if index in self.removed:
            box = "   "
        elif self.multiple:
            box = "[x]" if index in self.chosen else "[ ]"
        else:
            box = "(•)" if index in self.chosen else "( )"
        return Text.assemble(f"{pointer} {position + 1} ", (box, "bold"))

    def _label(self, index: int) -> Text:
        label = self.question.choices[index].text(self.lang)  # type: ignore[attr-defined]
        if index in self.removed:
            return Text.assemble((label, "strike"), f"  ({say(self.lang, 'removed')})")
        return Text(label)
