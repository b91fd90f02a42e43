"""A worksheet version as PDF: Typst source, glyph check, then typst compiles it reproducibly."""

from __future__ import annotations

import datetime

import typst

from ...errors import InternalError
from .fonts import check_glyphs, typst_fonts
from .model import Part, Worksheet, WorksheetVersion
from .typst_source import worksheet_source

# The PDF's creation date: fixed, so the same seed and options give byte-identical files.
FIXED_TIMESTAMP = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)


def render_pdf(ws: Worksheet, version: WorksheetVersion, parts: tuple[Part, ...]) -> bytes:
    """The PDF of ``parts`` ("sheet", "key") of one version; MissingGlyphError before compiling if a glyph lacks."""
    source = worksheet_source(ws, version, parts)
    check_glyphs(source.texts)
    try:
        pdf = typst.compile(
            source.text.encode("utf-8"),
            format="pdf",
            font_paths=typst_fonts(),
            ignore_system_fonts=True,
            timestamp=FIXED_TIMESTAMP,
        )
    except typst.TypstError as exc:  # the source is generated, so this is our fault, not the user's
        raise InternalError(
            f"typst could not compile the worksheet: {exc.message}\n{exc.diagnostic}"
        ) from exc
    if not isinstance(pdf, bytes):
        raise InternalError("typst returned no PDF")
    return pdf
