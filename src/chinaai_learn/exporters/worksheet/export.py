"""Write worksheets: every version in every chosen format, the key with it or apart, and the manifest.

Everything is rendered in memory first (so a glyph problem stops the export before any
file is touched), then each file is written atomically.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from ...bank import Bank
from ...errors import UserError, display_path
from ...model import QuestionBase
from ...selection import SelectionCriteria
from ..atomic_write import write_atomically
from .build import build_worksheet
from .html import render_html
from .manifest import manifest_json
from .markdown import render_markdown
from .model import Part, Worksheet, WorksheetOptions, WorksheetVersion
from .typst_pdf import render_pdf

Renderer = Callable[[Worksheet, WorksheetVersion, tuple[Part, ...]], "bytes | str"]
RENDERERS: dict[str, Renderer] = {"pdf": render_pdf, "html": render_html, "md": render_markdown}
FORMATS: tuple[str, ...] = tuple(RENDERERS)
DEFAULT_NAME = "worksheet"
_NAME = re.compile(r"^[\w][\w.-]*$")


def worksheet_files(
    ws: Worksheet, formats: Sequence[str] = FORMATS, key_separate: bool = False, name: str = DEFAULT_NAME
) -> dict[str, bytes]:
    """File name → content for every version in every format, plus ``<name>-manifest.json``."""
    files: dict[str, bytes] = {}
    for fmt in formats:
        render = RENDERERS[fmt]
        for version in ws.versions:
            base = f"{name}-{version.label}"
            if key_separate:
                files[f"{base}.{fmt}"] = _bytes(render(ws, version, ("sheet",)))
                files[f"{base}-key.{fmt}"] = _bytes(render(ws, version, ("key",)))
            else:
                files[f"{base}.{fmt}"] = _bytes(render(ws, version, ("sheet", "key")))
    files[f"{name}-manifest.json"] = manifest_json(ws).encode("utf-8")
    return files


def _bytes(content: bytes | str) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def write_files(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write each file atomically into ``out_dir`` (created if missing); UserError if it cannot."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(
            f"-o {display_path(out_dir)}: this is a file, not a folder; name a folder for the worksheets"
        )
    written = []
    for filename, content in files.items():
        path = out_dir / filename
        try:
            write_atomically(path, content)
        except OSError as exc:
            raise UserError(
                f"cannot write {display_path(path)}: {exc.strerror or exc}; choose another folder with -o"
            ) from exc
        written.append(path)
    return written


def export_worksheet(
    bank: Bank,
    questions: Sequence[QuestionBase],
    out_dir: Path,
    *,
    options: WorksheetOptions | None = None,
    formats: Sequence[str] = FORMATS,
    key_separate: bool = False,
    name: str = DEFAULT_NAME,
    selection: SelectionCriteria | None = None,
) -> list[Path]:
    """Build the versions of ``questions`` and write all files into ``out_dir``; returns the paths written.

    ``selection`` (the criteria that picked the questions) is only recorded in the manifest.
    """
    if not _NAME.match(name):
        raise UserError(
            f"--name {name!r}: use letters, digits, '-', '_' or '.', no folders (put those in -o)"
        )
    unknown = [f for f in formats if f not in RENDERERS]
    if unknown:
        raise UserError(f"unknown worksheet format {unknown[0]!r}: choose from {', '.join(FORMATS)}")
    ws = build_worksheet(bank, questions, options or WorksheetOptions(), selection)
    files = worksheet_files(ws, list(dict.fromkeys(formats)), key_separate, name)
    return write_files(Path(out_dir), files)
