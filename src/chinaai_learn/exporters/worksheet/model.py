"""What a worksheet is, independent of its format: versions, numbered questions, points, key data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ...model import QuestionBase
from ...render import QuoteParts
from ...selection import SelectionCriteria

Paper = Literal["a4", "letter"]
Part = Literal["sheet", "key"]
Address = Literal["du", "Sie"]
PAPERS: tuple[Paper, ...] = ("a4", "letter")
ADDRESSES: tuple[Address, ...] = ("Sie", "du")


@dataclass(frozen=True)
class GradeStep:
    """One grade and the share of the total points (in per cent) from which it is given."""

    grade: str
    min_percent: float


@dataclass(frozen=True)
class WorksheetOptions:
    """How the teacher wants the sheet: what it says, how it is scored, how it is printed.

    ``points`` gives points per question type and ``question_points`` per question id (which
    wins); types not named keep their default (see points.py). ``sources`` names the
    documents the sheet refers pupils to: ``None`` all of them, ``()`` none.
    """

    lang: str = "de"
    versions: int = 1
    seed: int = 0
    paper: Paper = "a4"
    title: str | None = None  # None: "Arbeitsblatt: <topic titles>"
    instructions: str | None = None
    school: str | None = None
    course: str | None = None
    date: str | None = None  # printed as given; None: a line to write the date on
    time_allowed: int | None = None  # minutes
    points: dict[str, float] = field(default_factory=dict)
    question_points: dict[str, float] = field(default_factory=dict)
    grade_scale: tuple[GradeStep, ...] = ()
    address: Address = "Sie"
    duplex: bool = False
    sources: tuple[str, ...] | None = None


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
class SheetText:
    """A document the sheet refers to, with its short label ("Text 1") and full reference."""

    doc: str
    label: str
    reference: str


@dataclass(frozen=True)
class SheetQuestion:
    """A question as numbered and laid out in one version.

    ``order[k]`` is the bank index of the choice, ordering item or matching right side
    shown at position k; empty for types without parts to shuffle. ``labels[k]`` is the
    label printed at position k (letters that cannot be mistaken for the content; empty
    for ordering items, which carry only a box for the pupil's number).
    """

    number: int
    question: QuestionBase
    order: tuple[int, ...]
    citations: tuple[KeyCitation, ...]
    points: float = 1.0
    labels: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()  # labels of the sheet's texts this question refers to

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def type(self) -> str:
        return self.question.type  # type: ignore[attr-defined,no-any-return]


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
    texts: tuple[SheetText, ...] = ()

    @property
    def lang(self) -> str:
        return self.options.lang

    @property
    def total_points(self) -> float:
        return sum(sq.points for sq in self.versions[0].questions)

    @property
    def types(self) -> tuple[str, ...]:
        """The question types on the sheet, in the order they first appear in version A."""
        return tuple(dict.fromkeys(sq.type for sq in self.versions[0].questions))
