"""Matching: left items as rows; a letter (or ←→) assigns a right item to the selected row."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Static

from chinaai_learn.model import QuestionBase
from chinaai_learn.render import letter

from ..words import say
from .answer_input import AnswerInput
from .row_click import clicked_row


class MatchingInput(AnswerInput, can_focus=True):
    """For each left item (bank order) the bank index of the chosen right item, or None.

    Each right item can be used once: giving it to a row takes it from the row that had it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "step(-1)", show=False),
        Binding("down", "step(1)", show=False),
        Binding("left", "cycle(-1)", show=False),
        Binding("right", "cycle(1)", show=False),
        Binding("delete,backspace", "clear", show=False),
    ]

    def __init__(
        self, question: QuestionBase, order: tuple[int, ...], lang: str, *, id: str | None = None
    ) -> None:
        super().__init__(question, order, lang, id=id)
        self.pairs = question.pairs  # type: ignore[attr-defined]
        self.assigned: list[int | None] = [None] * len(self.pairs)
        self.cursor = 0

    def compose(self) -> ComposeResult:
        for _ in self.pairs:
            with Horizontal(classes="answer-row"):
                yield Static(classes="row-mark")
                yield Static(classes="row-label")
        yield Static(id="matching-options")

    def on_mount(self) -> None:
        self.relabel()

    def response(self) -> Any:
        return list(self.assigned)

    def is_answered(self) -> bool:
        return any(a is not None for a in self.assigned)

    def assign(self, position: int) -> None:
        """Give the right item shown at ``position`` (A = 0) to the selected row, then go to the next row."""
        index = self.order[position]
        for row, chosen in enumerate(self.assigned):
            if chosen == index:
                self.assigned[row] = None
        self.assigned[self.cursor] = index
        if self.cursor < len(self.pairs) - 1:
            self.cursor += 1
        self.relabel(follow=True)

    def action_step(self, step: int) -> None:
        self.cursor = max(0, min(len(self.pairs) - 1, self.cursor + step))
        self.relabel(follow=True)

    def action_cycle(self, step: int) -> None:
        chosen = self.assigned[self.cursor]
        position = self.order.index(chosen) if chosen is not None else (-1 if step > 0 else 0)
        position = (position + step) % len(self.order)
        index = self.order[position]
        for row, other in enumerate(self.assigned):
            if other == index:
                self.assigned[row] = None
        self.assigned[self.cursor] = index
        self.relabel(follow=True)

    def action_clear(self) -> None:
        self.assigned[self.cursor] = None
        self.relabel(follow=True)

    def on_click(self, event: events.Click) -> None:
        """A click on a row selects it; a second click on the selected row gives it the next option."""
        row = clicked_row(event, list(self.query(".answer-row").results(Horizontal)))
        if row is None:
            return
        self.focus()
        if row == self.cursor:
            self.action_cycle(1)
        else:
            self.cursor = row
            self.relabel(follow=True)

    def on_key(self, event: events.Key) -> None:
        key = (event.character or "").lower()
        if len(key) == 1 and "a" <= key <= "z":
            position = ord(key) - ord("a")
            if position < len(self.order):
                event.stop()
                self.assign(position)

    def relabel(self, follow: bool = False) -> None:
        """Redraw the rows; ``follow`` scrolls the cursor row into view (after a key, not on start)."""
        rows = list(self.query(".answer-row").results(Horizontal))
        for row_index, (row, pair) in enumerate(zip(rows, self.pairs, strict=False)):
            at_cursor = row_index == self.cursor
            row.query_one(".row-mark", Static).update(Text(f"{'❯' if at_cursor else ' '} {row_index + 1}."))
            chosen = self.assigned[row_index]
            if chosen is None:
                right = Text("?", style="bold")
            else:
                position = self.order.index(chosen)
                right = Text.assemble(
                    (f"{letter(position)})", "bold"), " ", self.pairs[chosen].right(self.lang)
                )
            row.query_one(".row-label", Static).update(Text.assemble(pair.left(self.lang), "  →  ", right))
            row.set_class(at_cursor, "-cursor")
        options = Text()
        options.append(f"{say(self.lang, 'options')}: ", style="bold")
        for position, index in enumerate(self.order):
            used = index in self.assigned
            options.append(f"{letter(position)}) ", style="bold")
            options.append(self.pairs[index].right(self.lang) + (" ✓" if used else ""))
            if position < len(self.order) - 1:
                options.append("   ")
        self.query_one("#matching-options", Static).update(options)
        if rows and follow:
            rows[self.cursor].scroll_visible(animate=False)
