"""What a worksheet is, independent of its format: versions, numbered questions, key data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ...model import QuestionBase
from ...render import QuoteParts
from ...selection import SelectionCriteria

Paper = Literal["a4", "letter"]
Part = Literal["sheet", "key"]
PAPERS: tuple[Paper, ...] = ("a4", "letter")


@dataclass(frozen=True)
class WorksheetOptions:
    """How the teacher wants the sheet: language, number of versions, seed, paper, title."""

    lang: str = "de"
    versions: int = 1
    seed: int = 0
    paper: Paper = "a4"
    title: str | None = None  # None: "Arbeitsblatt: <topic titles>"


@dataclass(frozen=True)
class KeyCitation:
    """A cited passage, ready to print: reference and quote split around the answer span.

    ``translation`` is the quote's marked translation in an English key, where the bank has one.
    """

    reference: str
    before: str
    highlight: str
    after: str
    translation: QuoteParts | None = None


@dataclass(frozen=True)
class SheetQuestion:
    """A question as numbered and laid out in one version.

    ``order[k]`` is the bank index of the choice, ordering item or matching right side
    shown at position k (letter A, B, ...); empty for types without parts to shuffle.
    """

    number: int
    question: QuestionBase
    order: tuple[int, ...]
    citations: tuple[KeyCitation, ...]

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def type(self) -> str:
        return self.question.type  # type: ignore[attr-defined]


@dataclass(frozen=True)
class WorksheetVersion:
    """One version (A, B, ...): the same questions in its own order, choices shuffled."""

    label: str
    questions: tuple[SheetQuestion, ...]


@dataclass(frozen=True)
class Worksheet:
    """Everything every output format needs; built once, rendered many times."""

    title: str
    options: WorksheetOptions
    versions: tuple[WorksheetVersion, ...]
    question_ids: tuple[str, ...]  # in selection (bank) order
    selection: SelectionCriteria | None = None

    @property
    def lang(self) -> str:
        return self.options.lang
