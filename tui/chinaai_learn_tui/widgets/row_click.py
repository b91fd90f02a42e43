"""Which row of an answer widget a mouse click or a tap landed on (every answer takes the mouse too)."""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.widget import Widget


def clicked_row(event: events.Click, rows: Sequence[Widget]) -> int | None:
    """The index in ``rows`` of the row under the click (or one of its children), else None."""
    widget: Widget | None = event.widget
    while widget is not None:
        if widget in rows:
            return list(rows).index(widget)
        parent = widget.parent
        widget = parent if isinstance(parent, Widget) else None
    return None
