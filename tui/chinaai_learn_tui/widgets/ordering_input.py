"""Ordering: items as rows; ↑↓ select, Shift+↑↓ (or space to pick up, then ↑↓) move an item."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Static

from chinaai_learn.model import QuestionBase

from .answer_input import AnswerInput
from .row_click import clicked_row


class OrderingInput(AnswerInput, can_focus=True):
    """The learner's order of the items; the response lists bank indices from first to last."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "step(-1)", show=False),
        Binding("down", "step(1)", show=False),
        Binding("shift+up,ctrl+up", "move_item(-1)", show=False),
        Binding("shift+down,ctrl+down", "move_item(1)", show=False),
        Binding("space", "hold", show=False),
    ]

    def __init__(
        self, question: QuestionBase, order: tuple[int, ...], lang: str, *, id: str | None = None
    ) -> None:
        super().__init__(question, order, lang, id=id)
        self.current_order = list(order)
        self.cursor = 0
        self.holding = False

    def compose(self) -> ComposeResult:
        for _ in self.order:
            with Horizontal(classes="answer-row"):
                yield Static(classes="row-mark")
                yield Static(classes="row-label")

    def on_mount(self) -> None:
        self.relabel()

    def response(self) -> Any:
        return list(self.current_order)

    def is_answered(self) -> bool:
        return True  # the shown order is an answer; leaving it as it is may be a choice

    def action_step(self, step: int) -> None:
        if self.holding:
            self.action_move_item(step)
            return
        self.cursor = max(0, min(len(self.current_order) - 1, self.cursor + step))
        self.relabel(follow=True)

    def action_move_item(self, step: int) -> None:
        target = self.cursor + step
        if not 0 <= target < len(self.current_order):
            return
        items = self.current_order
        items[self.cursor], items[target] = items[target], items[self.cursor]
        self.cursor = target
        self.relabel(follow=True)

    def on_click(self, event: events.Click) -> None:
        """A click picks an item up; a click on another row puts it there (a second click on it lets go)."""
        position = clicked_row(event, list(self.query(".answer-row").results(Horizontal)))
        if position is None:
            return
        self.focus()
        if self.holding and position != self.cursor:
            item = self.current_order.pop(self.cursor)
            self.current_order.insert(position, item)
            self.cursor, self.holding = position, False
            self.relabel(follow=True)
        else:
            self.cursor = position
            self.action_hold()

    def action_hold(self) -> None:
        self.holding = not self.holding
        self.relabel(follow=True)

    def relabel(self, follow: bool = False) -> None:
        """Redraw the rows; ``follow`` scrolls the cursor row into view (after a key, not on start)."""
        rows = list(self.query(".answer-row").results(Horizontal))
        items = self.question.items  # type: ignore[attr-defined]
        for position, (row, index) in enumerate(zip(rows, self.current_order, strict=False)):
            at_cursor = position == self.cursor
            pointer = ("⇅" if self.holding else "❯") if at_cursor else " "
            row.query_one(".row-mark", Static).update(Text(f"{pointer} {position + 1}."))
            style = "bold" if at_cursor and self.holding else ""
            row.query_one(".row-label", Static).update(Text(items[index](self.lang), style=style))
            row.set_class(at_cursor, "-cursor")
        if rows and follow:
            rows[self.cursor].scroll_visible(animate=False)
