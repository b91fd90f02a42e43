"""The PDF font (Noto Sans, from its Python package) and the check that it has every character.

Typst is given this font and nothing else (no system or built-in fonts), so the font files
read here are exactly the files the PDF is set in, and a character they lack is reported
with its question instead of printing as an empty box.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import typst

from ...errors import InternalError, UserError

FONT_FAMILY = "Noto Sans"
FONT_PACKAGE = "fontpkg_noto_sans"


def font_dir() -> Path:
    """The folder holding the Noto Sans files of the installed font package."""
    return Path(str(files(FONT_PACKAGE).joinpath("files")))


@lru_cache(maxsize=1)
def typst_fonts() -> typst.Fonts:
    """The only fonts typst may use for worksheets."""
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(font_dir())])


@lru_cache(maxsize=1)
def covered_codepoints() -> frozenset[int]:
    """Code points every style (regular, italic, ...) of the PDF font has a glyph for."""
    paths = sorted({f.path for f in typst_fonts().fonts() if f.family == FONT_FAMILY and f.path})
    if not paths:
        raise InternalError(
            f"the PDF font {FONT_FAMILY} was not found in {font_dir()}: reinstall chinaai-learn"
        )
    from fontTools.ttLib import TTFont  # only when a PDF is made: it takes a while to import

    covered: set[int] | None = None
    for path in paths:
        with TTFont(path, lazy=True) as font:
            cmap = set(font.getBestCmap())
        covered = cmap if covered is None else covered & cmap
    return frozenset(covered or ())


def _needs_glyph(char: str) -> bool:
    """Control and format characters (newline, soft hyphen, zero-width joiner, ...) print nothing."""
    return unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp")


class MissingGlyphError(UserError):
    """Characters the PDF font cannot show, per question (or title, or label)."""

    def __init__(self, missing: dict[str, list[str]]):
        self.missing = missing
        super().__init__(self.report())

    def report(self) -> str:
        lines = [
            f"cannot write the PDF: the font {FONT_FAMILY} has no glyph for these characters, so they would print as empty boxes:"
        ]
        for owner, chars in self.missing.items():
            shown = ", ".join(
                f"{c!r} (U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')})" for c in chars
            )
            lines.append(f"  {owner}: {shown}")
        lines.append(
            "Replace these characters in the bank (or the --title), or leave out the PDF: --format html --format md."
        )
        return "\n".join(lines)


def check_glyphs(texts: Iterable[tuple[str, str]]) -> None:
    """Raise MissingGlyphError naming every (owner, character) the PDF font lacks."""
    covered = covered_codepoints()
    missing: dict[str, dict[str, None]] = {}
    for owner, text in texts:
        for char in text:
            if ord(char) not in covered and _needs_glyph(char):
                missing.setdefault(owner, {})[char] = None
    if missing:
        raise MissingGlyphError({owner: list(chars) for owner, chars in missing.items()})
