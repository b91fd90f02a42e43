"""The exporters (Anki, worksheets, LMS formats) and the one registry the CLI and the TUI share.

``EXPORTERS`` maps a format name to an ``Exporter(module, name, description)``. The CLI
and the TUI list formats from it and call ``function`` with a loaded ``Bank`` first; the
keyword options after it are each exporter's own and are documented on the function.
To add a format, write ``exporters/<name>.py`` and add one line below.

An exporter's module is imported when its ``function`` is first asked for: every CLI
command builds its parser from this registry, and listing formats should not load
genanki, typst and every other format's code.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, NamedTuple


class Exporter(NamedTuple):
    """One output format: where its function lives and a one-line description for menus."""

    module: str  # relative to this package
    name: str
    description: str

    @property
    def function(self) -> Callable[..., Any]:
        """The function that writes this format (its module is imported on first use)."""
        function: Callable[..., Any] = getattr(importlib.import_module(self.module, __name__), self.name)
        return function


EXPORTERS: dict[str, Exporter] = {
    "anki": Exporter(".anki", "export_anki", "Anki decks (.apkg) built from the recipes in decks/"),
    "moodle-xml": Exporter(
        ".lms", "write_moodle_xml", "Moodle XML, every question type native, one category per topic"
    ),
    "gift": Exporter(
        ".lms", "write_gift", "GIFT for Moodle; cloze with several gaps and ordering are converted (reported)"
    ),
    "quizlet": Exporter(".lms", "write_quizlet", "Quizlet flashcards: tab-separated term and definition"),
    "worksheet": Exporter(
        ".worksheet",
        "export_worksheet",
        "Printable worksheets (PDF, HTML, Markdown): versions A, B, … with answer keys",
    ),
}

# The registry names of the LMS formats: what ``chinaai-learn export FORMAT`` accepts.
LMS_FORMATS: tuple[str, ...] = ("moodle-xml", "gift", "quizlet")
