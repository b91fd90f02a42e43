"""Which characters bank text may hold: no control, bidi-override or non-characters, nothing invisible-only."""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab, line feed and carriage return; DEL and the C1 controls; the
# bidi embeddings/overrides/isolates that reorder what a reader sees; the non-characters
# U+FFFE/U+FFFF; lone surrogates (they cannot be written as UTF-8); and the invisible
# breaks that text pasted from PDFs and web pages carries inside words (soft hyphen,
# zero-width space, word joiner, a byte order mark within the text): in an answer they made
# the right answer impossible to type, and a reader cannot see them to delete them.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\u202a-\u202e\u2066-\u2069"
    "\ufeff\ufffe\uffff\ud800-\udfff]"
)
# Categories that draw nothing: controls, format characters, separators, combining marks.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me", "Cs", "Cn"})


def describe(char: str) -> str:
    """A character as a teacher can look it up: ``U+001B (ESCAPE)``."""
    name = unicodedata.name(char, "")
    if not name and ord(char) < 0x20:
        name = "control character"
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def forbidden_in(text: str) -> str | None:
    """The first character of ``text`` that bank text must not contain, or None."""
    match = FORBIDDEN.search(text)
    return match.group() if match else None


def is_invisible(text: str) -> bool:
    """True when ``text`` draws nothing on screen or paper (only spaces, zero-width or format characters)."""
    return all(unicodedata.category(ch) in _INVISIBLE_CATEGORIES for ch in text)


# The longest text a bank may hold. The shipped banks' longest is some 350 characters; a
# worksheet prints a question (and its key entry) on one page, and a text of many thousand
# characters ran off the page, over the footer, and was lost from the printout.
MAX_TEXT = 2000


def check_text(text: str) -> str:
    """``text`` unchanged, or ValueError in words when it holds what no output can show safely."""
    if len(text) > MAX_TEXT:
        raise ValueError(
            f"the text has {len(text)} characters, more than {MAX_TEXT}: a question and its answer "
            "must fit on one printed page; shorten it, or split it into several questions"
        )
    char = forbidden_in(text)
    if char is not None:
        raise ValueError(
            f"the text contains the invisible character {describe(char)}: delete it "
            "(it breaks exports and the terminal)"
        )
    if is_invisible(text):
        raise ValueError("the text shows nothing (only spaces or invisible characters): write the text")
    return text
