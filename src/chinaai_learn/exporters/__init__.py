"""The exporters (Anki, worksheets, LMS formats) and the one registry the CLI and the TUI share.

``EXPORTERS`` maps a format name to an ``Exporter(function, description)``. The CLI and
the TUI list formats from it and call ``function`` with a loaded ``Bank`` first; the
keyword options after it are each exporter's own and are documented on the function.
To add a format, write ``exporters/<name>.py`` and add one line below.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from .anki import export_anki
from .lms import write_gift, write_moodle_xml, write_quizlet
from .worksheet import export_worksheet


class Exporter(NamedTuple):
    """One output format: the function that writes it and a one-line description for menus."""

    function: Callable[..., Any]
    description: str


EXPORTERS: dict[str, Exporter] = {
    "anki": Exporter(export_anki, "Anki decks (.apkg) built from the recipes in decks/"),
    "moodle-xml": Exporter(write_moodle_xml, "Moodle XML, every question type native, one category per topic"),
    "gift": Exporter(write_gift, "GIFT for Moodle; cloze with several gaps and ordering are converted (reported)"),
    "quizlet": Exporter(write_quizlet, "Quizlet flashcards: tab-separated term and definition"),
    "worksheet": Exporter(export_worksheet, "Printable worksheets (PDF, HTML, Markdown): versions A, B, … with answer keys"),
}
