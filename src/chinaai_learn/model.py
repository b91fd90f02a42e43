"""A loaded bank's records: bilingual text, citations, the eight question types, topics, sources.

These are plain, immutable Python objects, so that a start from the validated-bank cache
needs no pydantic at all (importing it costs more than the rest of the quiz's start-up).
What a bank file may contain, and every invariant a hand-written bank must keep, is
decided by the pydantic models of ``bank_format``: the loader validates each file there
and turns the result into these records, field for field; the cache rebuilds them from
that validated form. A record is never validated here, so build one only from a validated
bank (tests build a few by hand). ``tests/test_model.py`` keeps both sides the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Literal

LANGS: tuple[str, ...] = ("de", "en")
Lang = Literal["de", "en"]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def fold_whitespace(text: str) -> str:
    """Collapse every run of whitespace (including U+00A0) to one space, none at either end.

    ``str.split()`` splits at exactly the characters ``\\s`` matches (U+00A0 among them) and
    drops the ends: the same as substituting ``\\s+`` and stripping, several times faster.
    """
    return " ".join(text.split())


class FrozenRecordError(ValueError):
    """A record was changed after it was built (records are immutable, like the models they mirror)."""


def _rebuild(cls: type[Record], values: dict[str, Any], unset: frozenset[str]) -> Record:
    record: Record = cls._from_fields(values, unset)
    return record


_NO_DEFAULT = object()
_SHARED_UNSET: dict[frozenset[str], frozenset[str]] = {}


def shared_unset(names: frozenset[str]) -> frozenset[str]:
    """The one frozenset kept for these names: a record's fields left to their defaults.

    A bank has a few dozen distinct such sets and hundreds of thousands of records; a
    frozenset of their own took 216 bytes each, a sixth of a loaded bank's memory.
    """
    return _SHARED_UNSET.setdefault(names, names)


class _NewList:
    """The default of a list field: each record built without it gets a new empty list."""

    def __repr__(self) -> str:
        return "[]"


EMPTY_LIST: Any = _NewList()


class Record:
    """Base of every record: fields in declaration order, immutable, compared and hashed by value.

    It behaves like the frozen pydantic model of the same name for everything the program
    does with one: attribute access, ``==``, ``hash``, ``repr``, ``model_copy(update=...)``
    and ``model_fields_set`` (the fields the bank file gave, not left to their defaults).
    """

    __slots__ = ("__dict__", "_unset")
    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}
    _unset: frozenset[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields: dict[str, None] = {}
        defaults: dict[str, Any] = {}
        for klass in reversed(cls.__mro__):
            for name, annotation in vars(klass).get("__annotations__", {}).items():
                if name.startswith("_") or str(annotation).startswith("ClassVar"):
                    continue
                fields[name] = None
                value = vars(klass).get(name, _NO_DEFAULT)
                if value is not _NO_DEFAULT:
                    defaults[name] = value
        cls._fields = tuple(fields)
        cls._defaults = defaults

    def __init__(self, **values: Any) -> None:
        unknown = [name for name in values if name not in self._fields]
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {unknown[0]!r}")
        data: dict[str, Any] = {}
        for name in self._fields:
            if name in values:
                data[name] = values[name]
            elif name in self._defaults:
                default = self._defaults[name]
                data[name] = [] if default is EMPTY_LIST else default
            else:
                raise TypeError(f"{type(self).__name__} needs the field {name!r}")
        object.__setattr__(self, "__dict__", data)
        object.__setattr__(
            self, "_unset", shared_unset(frozenset(n for n in self._fields if n not in values))
        )

    @classmethod
    def _from_fields(cls, values: dict[str, Any], unset: frozenset[str] = frozenset()) -> Any:
        """A record from every field's value in field order (the loader and the cache build them so)."""
        instance = object.__new__(cls)
        object.__setattr__(instance, "__dict__", values)
        object.__setattr__(instance, "_unset", shared_unset(unset))
        return instance

    def _values(self) -> dict[str, Any]:
        """Every field's value in field order (a question read from the cache fills its own first)."""
        return self.__dict__

    @property
    def model_fields_set(self) -> set[str]:
        return {name for name in self._fields if name not in self._unset}

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Any:
        """A copy with some fields replaced (not validated, as pydantic's ``model_copy`` does not)."""
        values = {**self._values(), **(update or {})}
        return self._from_fields(values, self._unset.difference(update or ()))

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenRecordError(f"{type(self).__name__} is frozen: its field {name!r} cannot be changed")

    def __delattr__(self, name: str) -> None:
        raise FrozenRecordError(f"{type(self).__name__} is frozen: its field {name!r} cannot be deleted")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return type(other) is type(self) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), *self._values().values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self._values().items())})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self._values(), self._unset))


# Fills in the fields a question left pending: given the question and what was stored for them.
PendingFill = Callable[["QuestionBase", Any], None]


class Text(Record):
    """Text in German and English; a plain string in YAML means the same in both."""

    de: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.de


class Answers(Record):
    """Accepted answers per language; a plain list in YAML is accepted in both."""

    de: list[str]
    en: list[str]

    def __call__(self, lang: str) -> list[str]:
        return self.en if lang == "en" else self.de


class Translation(Record):
    """A translation of a quote, marked as such: shown beneath the original, never verified verbatim."""

    en: str


class Citation(Record):
    """A verbatim passage of a source document that proves an answer."""

    doc: str
    section: str | None = None
    quote: str
    highlight: str | None = None
    translation: Translation | None = None


class Choice(Record):
    """One option of a choice question."""

    text: Text
    correct: bool = False


class Pair(Record):
    """One left → right pair of a matching question."""

    left: Text
    right: Text


class LintWaiver(Record):
    """Lint rules a question deliberately breaks, with the reason (visible to every reviewer)."""

    ignore: list[str]
    why: str


class QuestionBase(Record):
    """What every question has, whatever its type.

    A question read from the bank cache may hold only its plain fields (id, type,
    difficulty, tags...) at first, its texts, choices and citations being *pending*: kept
    as stored and built the first time any of them is read (``_pending`` holds how, and
    what). A quiz start reads those of the few questions it shows, not of the whole bank.
    Nothing outside sees the difference: every field reads the same, and ``==``, ``hash``,
    ``repr``, copies and pickles fill the pending fields first.
    """

    __slots__ = ("_pending",)
    _pending: tuple[PendingFill, Any] | None

    id: str
    difficulty: int
    tags: list[str] = EMPTY_LIST
    prompt: Text
    explanation: Text
    source: list[Citation]
    lint: LintWaiver | None = None

    @property
    def citations(self) -> list[Citation]:
        """The citation(s) that prove the answer (one or several passages)."""
        return self.source

    if not TYPE_CHECKING:  # hidden from the type checker, which keeps checking attribute names

        def __getattr__(self, name: str) -> Any:
            # Only reached when the normal lookup fails: for a pending field, fill and read again.
            if name in self._fields and name not in self.__dict__:
                self._fill()
                return self.__dict__[name]
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _values(self) -> dict[str, Any]:
        if len(self.__dict__) != len(self._fields):
            self._fill()
        return self.__dict__

    def _fill(self) -> None:
        fill, stored = object.__getattribute__(self, "_pending")
        fill(self, stored)
        object.__setattr__(self, "_pending", None)


class _ChoiceQuestion(QuestionBase):
    choices: list[Choice]
    # False keeps bank order everywhere (choices with a natural order, "all of the above").
    shuffle: bool = True

    @property
    def correct_indices(self) -> list[int]:
        return [i for i, c in enumerate(self.choices) if c.correct]


class SingleChoice(_ChoiceQuestion):
    """Pick the one correct choice."""

    type: Literal["single_choice"] = "single_choice"


class MultipleChoice(_ChoiceQuestion):
    """Select all choices that apply; graded as a set, partial credit shown."""

    type: Literal["multiple_choice"] = "multiple_choice"


class TrueFalse(QuestionBase):
    """The prompt is a statement; the learner says whether it is true."""

    type: Literal["true_false"] = "true_false"
    answer: bool


_GAP = re.compile(r"\{(\d+)\}")


class Cloze(QuestionBase):
    """A text with numbered gaps ``{1}``, ``{2}``, ... and accepted answers per gap."""

    type: Literal["cloze"] = "cloze"
    text: Text
    blanks: list[Answers]

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

    type: Literal["numeric"] = "numeric"
    value: float
    tolerance: float | str = 0
    unit: Text | None = None

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

    type: Literal["short_answer"] = "short_answer"
    answers: Answers


class Ordering(QuestionBase):
    """Items to put in order; the bank lists them in the correct order."""

    type: Literal["ordering"] = "ordering"
    items: list[Text]


class Matching(QuestionBase):
    """Left items each matched to one right item."""

    type: Literal["matching"] = "matching"
    pairs: list[Pair]


Question = SingleChoice | MultipleChoice | TrueFalse | Cloze | Numeric | ShortAnswer | Ordering | Matching
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


class Topic(Record):
    """A topic: one bank file."""

    id: str
    title: Text
    description: Text | None = None
    order: int = 1000  # position in topic lists; ties sort by id


class SourceRecord(Record):
    """One document of the bibliography (``questions/sources.yaml``)."""

    id: str
    title: str
    subtitle: str | None = None
    author: str | None = None
    publisher: str | None = None
    date: str
    language: Lang
    note: Text | None = None


_PARTS: tuple[type[Record], ...] = (Text, Answers, Translation, Citation, Choice, Pair, LintWaiver)
# Every record by name: the loader turns each bank_format model into the record of its name.
RECORDS: dict[str, type[Record]] = {
    cls.__name__: cls for cls in (*_PARTS, Topic, SourceRecord, *QUESTION_TYPES.values())
}
