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


class Exporter(NamedTuple):
    """One output format: the function that writes it and a one-line description for menus."""

    function: Callable[..., Any]
    description: str


EXPORTERS: dict[str, Exporter] = {
    "anki": Exporter(export_anki, "Anki decks (.apkg) built from the recipes in decks/"),
}
