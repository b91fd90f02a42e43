"""Terminal-safe output: control and bidi characters in anything printed are shown as escapes, never obeyed."""

from __future__ import annotations

import os
import re
import sys
from typing import Any, TextIO

# Everything a terminal could act on or reorder: C0 controls but tab and line feed, DEL,
# C1 controls (CSI included) and the bidi embeddings, overrides and isolates.
# Bold on and off (what `show` uses to mark the proving span on a terminal) and green on and
# off (the shades of the review calendar in `stats`) are harmless and pass as they are; every
# other escape sequence is shown, not obeyed.
_UNSAFE = re.compile("\x1b\\[(?:1|22|32|39)m|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
BOLD, NOT_BOLD = "\x1b[1m", "\x1b[22m"
GREEN, DEFAULT_COLOUR = "\x1b[32m", "\x1b[39m"
_PASSING = (BOLD, NOT_BOLD, GREEN, DEFAULT_COLOUR)


def styling_allowed() -> bool:
    """Bold and colour on a terminal that shows them; plain text into pipes, files, under NO_COLOR and TERM=dumb."""
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _shown(match: re.Match[str]) -> str:
    text = match.group()
    return text if text in _PASSING else text.encode("unicode_escape").decode("ascii")


def terminal_safe(text: str) -> str:
    """``text`` with every unsafe character written as a visible escape such as ``\\x1b``."""
    return _UNSAFE.sub(_shown, text)


class TerminalSafeStream:
    """A text stream that writes through ``terminal_safe``; everything else is the wrapped stream's."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_safe(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
