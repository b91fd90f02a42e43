"""The LMS formats (Moodle XML, GIFT, Quizlet) behind the registry's calling convention.

Each entry takes the loaded bank, the questions to export (see ``selection``) and the
output file, renders the format, writes the file atomically (or returns the text when
no file is given) and returns the ``ExportResult`` with its report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..bank import Bank
from ..model import QuestionBase
from .atomic_write import write_atomically
from .gift import export_gift
from .moodle import export_moodle_xml
from .quizlet import export_quizlet
from .report import ExportResult

Renderer = Callable[..., ExportResult]


def _to_file(render: Renderer) -> Callable[..., ExportResult]:
    def export(
        bank: Bank,
        questions: Sequence[QuestionBase],
        output: Path | None = None,
        *,
        lang: str = "de",
        **options: object,
    ) -> ExportResult:
        result = render(bank, questions, lang, **options)
        if output is not None:
            write_atomically(output, result.content.encode("utf-8"))
        return result

    export.__doc__ = f"{render.__doc__} Written atomically to ``output`` when given."
    return export


write_moodle_xml = _to_file(export_moodle_xml)
write_gift = _to_file(export_gift)
write_quizlet = _to_file(export_quizlet)
