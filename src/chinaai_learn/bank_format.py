"""The bank format as pydantic models: bilingual text, citations, the eight question types.

The loader validates every bank file against these models and keeps the result as the
plain records of ``model`` (same names, same fields), which is what the rest of the
program uses: the quiz's start from the cache then needs no pydantic. No I/O lives here.
The invariants a hand-written bank must keep (one correct choice, highlight inside quote,
slug ids, ...) are validated by the models themselves, so every front end and exporter
can rely on them.
"""

from __future__ import annotations

import calendar
import math
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from .characters import check_text
from .model import LANGS, SLUG_PATTERN, Lang, fold_whitespace

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
# Every text of a bank: not empty, and free of characters that no output can show safely.
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(check_text)]


class StrictModel(BaseModel):
    """Base of every bank model: unknown keys are an error, values are not coerced.

    Teachers write these files by hand; a typo such as ``explantion`` must be reported,
    not silently ignored, and ``difficulty: "2"`` is a mistake worth pointing out.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class Text(StrictModel):
    """Text in German and English; a plain string in YAML means the same in both."""

    de: NonEmpty
    en: NonEmpty

    @model_validator(mode="before")
    @classmethod
    def _plain_string(cls, value: object) -> object:
        if isinstance(value, str):
            return {"de": value, "en": value}
        return value

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.de


class Answers(StrictModel):
    """Accepted answers per language; a plain list in YAML is accepted in both."""

    de: Annotated[list[NonEmpty], Field(min_length=1)]
    en: Annotated[list[NonEmpty], Field(min_length=1)]

    @model_validator(mode="before")
    @classmethod
    def _plain_list(cls, value: object) -> object:
        if isinstance(value, list):
            return {"de": value, "en": value}
        return value

    def __call__(self, lang: str) -> list[str]:
        return self.en if lang == "en" else self.de


class Translation(StrictModel):
    """A translation of a quote, marked as such: shown beneath the original, never verified verbatim."""

    en: NonEmpty


class Citation(StrictModel):
    """A verbatim passage of a source document that proves an answer."""

    doc: Slug
    section: NonEmpty | None = None
    quote: NonEmpty
    highlight: NonEmpty | None = None
    translation: Translation | None = None

    @model_validator(mode="after")
    def _highlight_in_quote(self) -> Citation:
        if self.highlight is not None and fold_whitespace(self.highlight) not in fold_whitespace(self.quote):
            raise ValueError(f"the highlight {self.highlight!r} does not occur in the quote")
        return self


class Choice(StrictModel):
    """One option of a choice question."""

    text: Text
    correct: bool = False


class Pair(StrictModel):
    """One left → right pair of a matching question."""

    left: Text
    right: Text


class LintWaiver(StrictModel):
    """Lint rules a question deliberately breaks, with the reason (visible to every reviewer)."""

    ignore: Annotated[list[NonEmpty], Field(min_length=1)]
    why: NonEmpty


class QuestionBase(StrictModel):
    """What every question has, whatever its type."""

    id: Slug
    difficulty: Annotated[int, Field(ge=1, le=3)]
    tags: list[Slug] = []
    prompt: Text
    explanation: Text
    source: Annotated[list[Citation], Field(min_length=1)]
    lint: LintWaiver | None = None

    @field_validator("source", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, dict) else value

    @property
    def citations(self) -> list[Citation]:
        """The citation(s) that prove the answer (one or several passages)."""
        return self.source


class _ChoiceQuestion(QuestionBase):
    choices: Annotated[list[Choice], Field(min_length=2)]
    # False keeps bank order everywhere (choices with a natural order, "all of the above").
    shuffle: bool = True

    @property
    def correct_indices(self) -> list[int]:
        return [i for i, c in enumerate(self.choices) if c.correct]


class SingleChoice(_ChoiceQuestion):
    """Pick the one correct choice."""

    type: Literal["single_choice"]

    @model_validator(mode="after")
    def _exactly_one_correct(self) -> SingleChoice:
        n = len(self.correct_indices)
        if n != 1:
            raise ValueError(
                f"a single_choice question needs exactly one choice with 'correct: true', found {n}"
            )
        return self


class MultipleChoice(_ChoiceQuestion):
    """Select all choices that apply; graded as a set, partial credit shown."""

    type: Literal["multiple_choice"]

    @model_validator(mode="after")
    def _at_least_one_correct(self) -> MultipleChoice:
        if not self.correct_indices:
            raise ValueError("a multiple_choice question needs at least one choice with 'correct: true'")
        return self


class TrueFalse(QuestionBase):
    """The prompt is a statement; the learner says whether it is true."""

    type: Literal["true_false"]
    answer: bool


_GAP = re.compile(r"\{(\d+)\}")


class Cloze(QuestionBase):
    """A text with numbered gaps ``{1}``, ``{2}``, ... and accepted answers per gap."""

    type: Literal["cloze"]
    text: Text
    blanks: Annotated[list[Answers], Field(min_length=1)]

    @model_validator(mode="after")
    def _gaps_match_blanks(self) -> Cloze:
        expected = list(range(1, len(self.blanks) + 1))
        for lang in LANGS:
            found = [int(n) for n in _GAP.findall(self.text(lang))]
            if sorted(found) != expected:
                raise ValueError(
                    f"the {lang} cloze text has gaps {found or 'none'} but there are "
                    f"{len(self.blanks)} blanks: write each of {{1}}..{{{len(self.blanks)}}} exactly once"
                )
        return self

    def segments(self, lang: str) -> list[str | int]:
        """The text split into literal strings and gap indices (0-based)."""
        parts: list[str | int] = []
        for i, piece in enumerate(_GAP.split(self.text(lang))):
            if i % 2:
                parts.append(int(piece) - 1)
            elif piece:
                parts.append(piece)
        return parts


_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")


class Numeric(QuestionBase):
    """A number within a tolerance (absolute, or relative as ``"5%"``)."""

    type: Literal["numeric"]
    value: Annotated[float, Field(allow_inf_nan=False)]
    tolerance: float | str = 0
    unit: Text | None = None

    @field_validator("tolerance", mode="before")
    @classmethod
    def _valid_tolerance(cls, value: object) -> object:
        if isinstance(value, bool):
            raise ValueError('the tolerance must be a number such as 0.5 or a percentage such as "5%"')
        if isinstance(value, (int, float)):
            if not math.isfinite(value):
                raise ValueError(
                    'the tolerance must be a finite number such as 0.5, or a percentage such as "5%"'
                )
            if value < 0:
                raise ValueError("the tolerance must not be negative")
            return float(value)
        if isinstance(value, str) and _PERCENT.match(value):
            return value.strip()
        raise ValueError('the tolerance must be a number such as 0.5 or a percentage such as "5%"')

    @property
    def absolute_tolerance(self) -> float:
        if isinstance(self.tolerance, str):
            match = _PERCENT.match(self.tolerance)
            assert match is not None  # guaranteed by the field pattern
            return abs(self.value) * float(match.group(1)) / 100
        return float(self.tolerance)

    def accepts(self, number: float) -> bool:
        return abs(number - self.value) <= self.absolute_tolerance + 1e-9


class ShortAnswer(QuestionBase):
    """A word or two typed in; the first accepted answer is the one shown."""

    type: Literal["short_answer"]
    answers: Answers


# For editors' schema; the validator below gives the reason in its message.
_THREE_OR_MORE = Field(json_schema_extra={"minItems": 3})


def _at_least_three(parts: list[Any], what: str, name: str) -> list[Any]:
    """Three parts or more: the order shown is never the answer, so two would always show its reverse."""
    if len(parts) < 3:
        raise ValueError(
            f"{what} needs at least 3 {name}, not {len(parts)}: it is never shown in its answer's order, "
            f"so with 2 every output would show the answer reversed; add {name}, or ask it as another type"
        )
    return parts


class Ordering(QuestionBase):
    """Items to put in order; the bank lists them in the correct order."""

    type: Literal["ordering"]
    items: Annotated[list[Text], _THREE_OR_MORE]

    @field_validator("items")
    @classmethod
    def _enough_items(cls, items: list[Text]) -> list[Text]:
        return _at_least_three(items, "an ordering question", "items")


class Matching(QuestionBase):
    """Left items each matched to one right item."""

    type: Literal["matching"]
    pairs: Annotated[list[Pair], _THREE_OR_MORE]

    @field_validator("pairs")
    @classmethod
    def _distinct_sides(cls, pairs: list[Pair]) -> list[Pair]:
        _at_least_three(pairs, "a matching question", "pairs")
        for side in ("left", "right"):
            for lang in LANGS:
                seen = [fold_whitespace(getattr(p, side)(lang)).casefold() for p in pairs]
                if len(set(seen)) != len(seen):
                    raise ValueError(
                        f"the {side} sides of a matching question must all differ, in {lang} too: "
                        "learners could not tell them apart"
                    )
        return pairs


Question = Annotated[
    SingleChoice | MultipleChoice | TrueFalse | Cloze | Numeric | ShortAnswer | Ordering | Matching,
    Field(discriminator="type"),
]
QUESTION_TYPES: dict[str, type[QuestionBase]] = {
    "single_choice": SingleChoice,
    "multiple_choice": MultipleChoice,
    "true_false": TrueFalse,
    "cloze": Cloze,
    "numeric": Numeric,
    "short_answer": ShortAnswer,
    "ordering": Ordering,
    "matching": Matching,
}


class Topic(StrictModel):
    """A topic: one bank file."""

    id: Slug
    title: Text
    description: Text | None = None
    order: Annotated[int, Field(ge=0)] = 1000  # position in topic lists; ties sort by id


class TopicFile(StrictModel):
    """The content of one ``questions/<topic>.yaml``."""

    topic: Topic
    questions: Annotated[list[Question], Field(min_length=1)]


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DATE_HELP = "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2025, 2020-09 or 2025-03-01"


def _valid_date(value: object) -> object:
    """A year (``2025``, as YAML reads it: a number) or an ISO date string that exists in the calendar."""
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date: {_DATE_HELP}")
    match = _DATE.match(value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a date: {_DATE_HELP}")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{value!r} is not a date: there is no month {month}; {_DATE_HELP}")
    if month is not None and day is not None:
        assert year is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(
                f"{value!r} is not a date: {calendar.month_name[month]} {year} has days 1 to {last}"
            )
    return value.strip()


def _valid_names(value: str) -> str:
    """Names separated by commas (``Friedhelm Ost, Ernst Schwanhold``), none of them empty."""
    if any(not name.strip() for name in value.split(",")):
        raise ValueError(
            f"{value!r} has an empty name between commas: separate the names with commas, "
            "e.g. 'Friedhelm Ost, Ernst Schwanhold', and leave no comma at the end"
        )
    return value


Names = Annotated[NonEmpty, AfterValidator(_valid_names)]
IsoDate = Annotated[str, BeforeValidator(_valid_date)]


class SourceRecord(StrictModel):
    """One document of the bibliography (``questions/sources.yaml``)."""

    id: Slug
    title: NonEmpty
    subtitle: NonEmpty | None = None
    author: Names | None = None
    publisher: NonEmpty | None = None
    date: IsoDate
    language: Lang
    note: Text | None = None


class TagsFile(StrictModel):
    """The content of an optional ``tags.yaml``: the bank's tag vocabulary, tag → label."""

    tags: Annotated[dict[Slug, Text], Field(min_length=1)]


class SourcesFile(StrictModel):
    """The content of ``questions/sources.yaml``."""

    sources: Annotated[list[SourceRecord], Field(min_length=1)]
