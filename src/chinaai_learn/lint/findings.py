"""What a lint rule reports: one finding about one or more questions, with what to do."""

from __future__ import annotations

from dataclasses import dataclass, field

_SHOWN_IDS = 6  # the text form names this many questions; JSON names all


@dataclass(frozen=True, order=True)
class LintWarning:
    """One finding: where (file:line of the question's id), which questions, which rule, what to do."""

    file: str
    line: int  # 1-based line of the first question's ``id``; 0 for a whole file or topic
    code: str
    name: str
    message: str
    question_ids: tuple[str, ...] = ()
    waived: bool = field(default=False, compare=False)
    why: str | None = field(default=None, compare=False)  # the waiver's reason, when waived

    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        shown = ", ".join(self.question_ids[:_SHOWN_IDS])
        if len(self.question_ids) > _SHOWN_IDS:
            shown += f", … {len(self.question_ids) - _SHOWN_IDS} more"
        ids = f" [{shown}]" if self.question_ids else ""
        return f"{self.location()}: {self.code} {self.name}{ids} {self.message}"

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "code": self.code,
            "rule": self.name,
            "questions": list(self.question_ids),
            "message": self.message,
            "waived": self.waived,
            **({"why": self.why} if self.why else {}),
        }
