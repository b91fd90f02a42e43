"""Keys handled in the order they were typed, also when several arrive at once.

Textual hands a typed character to the focused widget, but runs a widget's key binding
(Backspace, Tab, the arrows) only once the key has bubbled back up to the app: when keys
arrive together (a fast typist, a paste, a slow link, a busy classroom server), the
characters after a bound key are handled before it. "abcx", Backspace, "d" then came
out as "abcxd", and in a cloze the text typed after Tab went into the gap before
(Textual issue 6605). Here a widget runs its own binding for a key as soon as the key
reaches it, in line with the characters; the app then does not run it again.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Input


async def run_own_binding(widget: Widget, event: events.Key) -> bool:
    """Run ``widget``'s own (non-priority) binding for this key now; True if one ran.

    The binding is looked up and its action checked (``check_action``) as the app would,
    with the widget as the action's namespace. A key that ran a binding is stopped there.
    """
    for binding in widget._bindings.key_to_bindings.get(event.key, ()):
        if binding.priority:
            continue  # the app ran those before the key reached the widget
        if await widget.app.run_action(binding.action, widget):
            event.stop()
            event.prevent_default()
            return True
    return False


class OrderedInput(Input):
    """A text field whose editing keys (Backspace, arrows, Home, ...) keep their place among the characters."""

    async def _on_key(self, event: events.Key) -> None:
        # Runs before Input's own handler, which then sees only the keys left to it.
        await run_own_binding(self, event)
