"""What an export wrote and what it could not express: per-type counts, downgrades, omissions.

Every exporter fills one ``ExportReport`` while it writes, so nothing is ever dropped
silently: a question that is written in a weaker form is *downgraded* (with the reason),
one that is not written at all is *omitted* (with the reason).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from ..model import QUESTION_TYPES

NoteKind = Literal["downgraded", "omitted"]


@dataclass(frozen=True)
class ExportNote:
    """One question the format could not take as it is, and why.

    A reason reads "<what, for this question>: <why, the same for every such question>",
    so that the short report can group notes by the part after the last ": ".
    """

    question_id: str
    kind: NoteKind
    reason: str


@dataclass
class ExportReport:
    """The account of one export, filled in by the exporter as it writes."""

    format_name: str
    written: Counter[str] = field(default_factory=Counter)
    notes: list[ExportNote] = field(default_factory=list)
    # Ways the format grades differently from the quiz, once per export (not per question).
    caveats: list[str] = field(default_factory=list)

    def wrote(self, question_type: str) -> None:
        self.written[question_type] += 1

    def downgrade(self, question_id: str, reason: str) -> None:
        self.notes.append(ExportNote(question_id, "downgraded", reason))

    def omit(self, question_id: str, reason: str) -> None:
        self.notes.append(ExportNote(question_id, "omitted", reason))

    def caveat(self, text: str) -> None:
        """Note once that the format grades some questions differently from the quiz."""
        if text not in self.caveats:
            self.caveats.append(text)

    @property
    def total_written(self) -> int:
        return sum(self.written.values())

    @property
    def downgraded_ids(self) -> list[str]:
        return list(dict.fromkeys(n.question_id for n in self.notes if n.kind == "downgraded"))

    @property
    def omitted_ids(self) -> list[str]:
        return list(dict.fromkeys(n.question_id for n in self.notes if n.kind == "omitted"))

    def summary(self, destination: str | None = None) -> str:
        """One line: how many questions were written, converted and left out."""
        n = self.total_written
        where = f" to {destination}" if destination else ""
        return (
            f"{self.format_name}: {n} question{'s' if n != 1 else ''} written{where}"
            f" ({len(self.downgraded_ids)} converted, {len(self.omitted_ids)} left out)"
        )

    def text(self, destination: str | None = None, *, details: bool = True) -> str:
        """The report as the CLI prints it: the summary, counts per type, then the downgrades and omissions.

        With ``details`` every note is one line; without, notes are grouped by their reason
        (the text after the last ": "), each group with its count and first few question ids.
        """
        lines = [self.summary(destination)]
        for qtype in QUESTION_TYPES:
            if self.written[qtype]:
                lines.append(f"  {qtype:<16} {self.written[qtype]:>4}")
        for kind, title in (("downgraded", "Converted"), ("omitted", "Left out")):
            notes = [note for note in self.notes if note.kind == kind]
            lines.append(f"{title}: {len(notes) or 'none'}")
            if details:
                lines += [f"  {note.question_id}: {note.reason}" for note in notes]
            else:
                lines += _grouped(notes)
        if self.caveats:
            lines.append("Graded differently from the quiz:")
            lines += [f"  {text}" for text in self.caveats]
        return "\n".join(lines)


_SHOWN_IDS = 4


def _grouped(notes: list[ExportNote]) -> list[str]:
    groups: dict[str, list[str]] = {}
    for note in notes:
        groups.setdefault(note.reason.rsplit(": ", 1)[-1], []).append(note.question_id)
    lines = []
    for reason, ids in sorted(groups.items(), key=lambda item: -len(item[1])):
        shown = ", ".join(ids[:_SHOWN_IDS])
        more = f" and {len(ids) - _SHOWN_IDS} more" if len(ids) > _SHOWN_IDS else ""
        lines.append(f"  {len(ids):>3} × {reason}: {shown}{more}")
    if lines:
        lines.append("  (--details lists every question with its reason)")
    return lines


@dataclass(frozen=True)
class ExportResult:
    """What an exporter returns: the file content and the report that goes with it."""

    content: str
    report: ExportReport
