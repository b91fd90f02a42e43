"""Escaping for GIFT: its special characters, ``->`` (matching), a leading ``%n%`` (a weight), one-line categories.

GIFT's special characters ``~ = # { } :`` and the backslash are escaped with a backslash,
line breaks are written as ``\\n``. Two more things GIFT reads into text cannot be
escaped with a backslash: Moodle turns any answer block holding ``->`` into a matching
question, and reads ``%50%`` at the start of an answer as its weight. In HTML texts they
are written as entities; a typed answer (plain text, compared as typed) gets an explicit
``%100%`` weight before a leading ``%``, and a spelling containing ``->`` cannot be
written at all (``typed_answer`` returns None; the exporter reports it).
"""

from __future__ import annotations

from ..model import fold_whitespace
from .feedback import html_text

_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "~": "\\~",
        "=": "\\=",
        "#": "\\#",
        "{": "\\{",
        "}": "\\}",
        ":": "\\:",
        "\n": "\\n",
        "\r": "",
    }
)
MATCH_ARROW = "->"


def gift_escape(text: str) -> str:
    """Text with GIFT's special characters escaped, safe anywhere in a question."""
    return text.translate(_ESCAPES)


def gift_html(text: str) -> str:
    """Plain text as escaped HTML (``%`` and ``>`` as entities, so no weight or arrow), then GIFT-escaped."""
    return gift_escape(html_text(text).replace("%", "&#37;"))


def typed_answer(text: str) -> str | None:
    """A plain-text accepted answer as GIFT writes it after ``=``, or None if GIFT cannot hold it."""
    if MATCH_ARROW in text:
        return None
    escaped = gift_escape(text)
    return "%100%" + escaped if text.startswith("%") else escaped


def gift_category(path: str) -> str:
    """A ``$CATEGORY:`` line's path, on one line whatever the topic title holds."""
    return gift_escape(fold_whitespace(path))
