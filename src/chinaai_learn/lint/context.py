"""What every rule family receives (the bank, the thresholds) and what it returns (hits)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..bank import Bank, TopicBank
from .config import LintSettings


@dataclass(frozen=True)
class Hit:
    """A rule's finding before it is placed: the engine adds file and line of the first question."""

    code: str
    question_ids: tuple[str, ...]
    message: str
    file: str | None = None  # only for findings outside any question (a tags.yaml entry)
    line: int | None = None


@dataclass
class LintContext:
    """The bank under review and the rules' thresholds."""

    bank: Bank
    settings: LintSettings
    _topic_of: dict[str, TopicBank] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._topic_of = {q.id: tb for tb in self.bank.topics for q in tb.questions}

    def file_of(self, question_id: str) -> str:
        return self._topic_of[question_id].file


Family = Callable[[LintContext], Iterator[Hit]]


def quoted(text: str, limit: int = 60) -> str:
    """A text for a message: in quotes, shortened with an ellipsis."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"
