"""A keyboard list of options marked [x]/[ ] (or (•)/( ) for one-of), never by colour alone."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from .row_click import clicked_row


class ToggleList(VerticalScroll, can_focus=True, can_focus_children=False):
    """↑↓ move, space or Enter switches the row under the cursor; ``single`` keeps exactly one on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("space,enter", "flip", show=False),
    ]

    class Changed(Message):
        """The set of switched-on rows changed."""

        def __init__(self, toggle_list: ToggleList) -> None:
            super().__init__()
            self.toggle_list = toggle_list

        @property
        def control(self) -> ToggleList:
            return self.toggle_list

    def __init__(
        self, options: Sequence[tuple[str, Any, bool]], *, single: bool = False, id: str | None = None
    ) -> None:
        """``options`` are (label, value, on) triples."""
        super().__init__(id=id)
        self.labels = [label for label, _, _ in options]
        self.values = [value for _, value, _ in options]
        self.on = [bool(on) for _, _, on in options]
        self.single = single
        self.cursor = next((i for i, on in enumerate(self.on) if on), 0) if single else 0

    @property
    def selected(self) -> list[Any]:
        return [value for value, on in zip(self.values, self.on, strict=False) if on]

    def compose(self) -> ComposeResult:
        for _ in self.values:
            yield Static(classes="toggle-row")

    def on_mount(self) -> None:
        self._draw()

    def watch_has_focus(self, _has_focus: bool) -> None:
        self._draw()

    def set_labels(self, labels: Sequence[str]) -> None:
        self.labels = list(labels)
        self._draw()

    def set_all(self, on: bool) -> None:
        if not self.single:
            self.on = [on] * len(self.values)
            self._changed()

    def select_value(self, value: Any) -> None:
        """Switch on the row with ``value`` (and, if ``single``, off every other)."""
        index = self.values.index(value)
        if self.single:
            self.on = [i == index for i in range(len(self.values))]
            self.cursor = index
        else:
            self.on[index] = True
        self._changed()

    def on_click(self, event: events.Click) -> None:
        index = clicked_row(event, list(self.query(".toggle-row").results(Static)))
        if index is not None:
            self.focus()
            self.cursor = index
            self.action_flip()

    def action_move(self, step: int) -> None:
        self.cursor = max(0, min(len(self.values) - 1, self.cursor + step))
        self._draw()

    def action_flip(self) -> None:
        if self.single:
            if self.on[self.cursor]:
                return
            self.on = [i == self.cursor for i in range(len(self.values))]
        else:
            self.on[self.cursor] = not self.on[self.cursor]
        self._changed()

    def _changed(self) -> None:
        self._draw()
        self.post_message(self.Changed(self))

    def _draw(self) -> None:
        rows = list(self.query(".toggle-row").results(Static))
        for index, row in enumerate(rows):
            at_cursor = index == self.cursor and self.has_focus
            mark = ("(•)" if self.on[index] else "( )") if self.single else "[x]" if self.on[index] else "[ ]"
            row.update(Text.assemble("❯ " if at_cursor else "  ", (mark, "bold"), " ", self.labels[index]))
            row.set_class(at_cursor, "-cursor")
        if rows and self.has_focus:
            rows[self.cursor].scroll_visible(animate=False)
