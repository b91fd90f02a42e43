"""Worksheet recipes (``decks/worksheets/*.yaml``): a test as a file, read with file:line errors.

A recipe holds everything the ``worksheet`` command's options can say, so a teacher can
keep "the 20-minute quiz of 7b" next to the decks and rebuild it any time; options given
on the command line override the recipe. See docs/worksheets.md for every key.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ...bank_format import NonEmpty, Slug
from ...errors import BankError, Problem, UserError, did_you_mean, display_path
from ...loading import default_decks_dir
from ...model import QUESTION_TYPES, Lang
from ...yaml_reader import YamlProblem, locate, read_yaml_file

RECIPE_SUFFIXES = (".yaml", ".yml")
RECIPE_FOLDER = "worksheets"
Points = Annotated[float, Field(ge=0, le=1000)]


def default_recipe_dir() -> Path:
    """``decks/worksheets`` of the checkout (or of the installed package's data)."""
    return default_decks_dir() / RECIPE_FOLDER


class WorksheetRecipeError(BankError):
    """Problems in a worksheet recipe, each with file, line and column."""


class GradeStepEntry(BaseModel):
    """One step of the grade scale: the grade and the share of the points it needs."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    grade: NonEmpty
    min_percent: Annotated[float, Field(ge=0, le=100)]

    @field_validator("grade", mode="before")
    @classmethod
    def _number_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("min_percent", mode="before")
    @classmethod
    def _int_as_float(cls, value: object) -> object:
        return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


class WorksheetRecipe(BaseModel):
    """One worksheet or test. Strict: unknown keys and loosely typed values are mistakes."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    # what the sheet says
    title: NonEmpty | None = None
    instructions: NonEmpty | None = None
    school: NonEmpty | None = None
    course: NonEmpty | None = None
    date: NonEmpty | None = None
    time_allowed: Annotated[int, Field(ge=1, le=600)] | None = None
    lang: Lang = "de"
    address: Literal["Sie", "du"] = "Sie"
    sources: Literal["all", "none"] | list[Slug] = "all"
    # which questions
    topics: list[Slug] | Literal["all"] = "all"
    difficulty: list[Annotated[int, Field(ge=1, le=3)]] | None = None
    types: list[str] | None = None
    count: Annotated[int, Field(ge=1)] | None = None
    per_topic: Annotated[int, Field(ge=1)] | None = None
    seed: int = 0
    versions: Annotated[int, Field(ge=1, le=26)] = 1
    # scoring
    points: dict[str, Points] = {}
    question_points: dict[Slug, Points] = {}
    grade_scale: list[GradeStepEntry] = []
    # printing
    paper: Literal["a4", "letter"] = "a4"
    duplex: bool = False
    formats: list[Literal["pdf", "html", "md"]] | None = None
    key_separate: bool = False
    name: Annotated[str, Field(pattern=r"^[\w][\w.-]*$")] | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _date_as_text(cls, value: object) -> object:
        # The bank reader hands YAML dates over as written ("2025-05-12"): print them as dates.
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                value = datetime.date.fromisoformat(value.strip())
            except ValueError:
                return value
        if isinstance(value, datetime.date):
            return f"{value.day}.{value.month}.{value.year}"
        return value

    @field_validator("points", "question_points", mode="before")
    @classmethod
    def _int_points(cls, value: object) -> object:
        if isinstance(value, dict):
            return {
                k: float(v) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in value.items()
            }
        return value

    @field_validator("points")
    @classmethod
    def _known_types(cls, value: dict[str, float]) -> dict[str, float]:
        for qtype in value:
            if qtype not in QUESTION_TYPES:
                raise ValueError(
                    f"points: {qtype!r} is not a question type{did_you_mean(qtype, QUESTION_TYPES)}; "
                    f"types are: {', '.join(QUESTION_TYPES)}"
                )
        return value

    @field_validator("types")
    @classmethod
    def _known_type_list(cls, value: list[str] | None) -> list[str] | None:
        for qtype in value or ():
            if qtype not in QUESTION_TYPES:
                raise ValueError(
                    f"{qtype!r} is not a question type{did_you_mean(qtype, QUESTION_TYPES)}; "
                    f"types are: {', '.join(QUESTION_TYPES)}"
                )
        return value


@dataclass(frozen=True)
class LoadedWorksheetRecipe:
    """A recipe with the file it came from (its stem names the output files by default)."""

    recipe: WorksheetRecipe
    path: Path


def find_worksheet_recipes(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in RECIPE_SUFFIXES and p.is_file())


def resolve_worksheet_recipe(name_or_path: str, folder: Path | None = None) -> Path:
    """A recipe named on the command line: a file path, or a recipe name in ``decks/worksheets``."""
    folder = folder or default_recipe_dir()
    path = Path(name_or_path)
    if path.is_file():
        return path
    for suffix in RECIPE_SUFFIXES:
        candidate = folder / f"{name_or_path}{suffix}"
        if candidate.is_file():
            return candidate
    known = [p.stem for p in find_worksheet_recipes(folder)]
    listing = f"; recipes in {display_path(folder)}: {', '.join(known)}" if known else ""
    raise UserError(
        f"no worksheet recipe {name_or_path!r}{did_you_mean(name_or_path, known)}: "
        f"give a recipe file or a name{listing}"
    )


def load_worksheet_recipe(path: Path) -> LoadedWorksheetRecipe:
    """Read and check one recipe file, or raise WorksheetRecipeError listing every problem in it."""
    shown = display_path(path)
    try:
        text, data = read_yaml_file(path, "the recipe")
    except YamlProblem as p:
        raise WorksheetRecipeError([Problem(shown, p.line, p.column, p.message)]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise WorksheetRecipeError(
            [Problem(shown, 1, 1, "a worksheet recipe is a mapping of keys such as title, topics, count")]
        )
    try:
        recipe = WorksheetRecipe.model_validate(data)
    except ValidationError as exc:
        raise WorksheetRecipeError(
            [_problem(err, shown, text) for err in exc.errors(include_url=False)]
        ) from None
    return LoadedWorksheetRecipe(recipe, path)


def _problem(err: Any, file: str, text: str) -> Problem:
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith(("literal[", "list["))))
    line, column = locate(text, loc)
    return Problem(file, line, column, _message(err, loc))


_HINTS = {
    "lang": "lang must be 'de' or 'en'",
    "address": "address must be 'Sie' or 'du' (how the German instructions speak to the pupil)",
    "paper": "paper must be 'a4' or 'letter'",
    "sources": "sources must be 'all', 'none' or a list of document ids from sources.yaml",
    "topics": "topics must be 'all' or a list of topic ids such as [gods-eye, deepseek]",
    "formats": "formats must be a list of pdf, html and md",
    "duplex": "duplex must be true or false",
    "key_separate": "key_separate must be true or false",
    "time_allowed": "time_allowed is the time in whole minutes, e.g. 20",
    "versions": "versions must be a whole number from 1 to 26",
    "name": "name must be a file name start of letters, digits, '-', '_' or '.', without folders",
    "difficulty": "difficulty must be a list of 1 (easy), 2 (medium) and 3 (hard)",
    "grade_scale": "grade_scale is a list of entries such as {grade: '1', min_percent: 92}",
}


def _message(err: Any, loc: tuple[Any, ...]) -> str:
    kind, key, got = err["type"], (loc[0] if loc else ""), err.get("input")
    where = ".".join(str(p) for p in loc)
    if kind == "missing":
        return f"'{where}': missing required key '{loc[-1]}'"
    if kind == "extra_forbidden":
        fields = GradeStepEntry.model_fields if key == "grade_scale" else WorksheetRecipe.model_fields
        hint = did_you_mean(str(loc[-1]), fields)
        return f"unknown key '{loc[-1]}'{hint}; allowed here: {', '.join(fields)}"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if key in ("points", "question_points") and len(loc) > 1:
        return f"'{where}': points must be a number from 0 to 1000, not {got!r}"
    if key == "question_points" and kind == "string_pattern_mismatch":
        return f"'{where}': {got!r} is not a question id (lowercase letters, digits and hyphens)"
    if key == "grade_scale" and loc[-1] == "min_percent":
        return f"'{where}' is the share of the points a grade needs, from 0 to 100 (per cent), not {got!r}"
    if key in _HINTS:
        return f"{_HINTS[key]}, not {got!r}"
    if kind == "string_pattern_mismatch":
        return f"'{where}': {got!r} is not a valid id: use lowercase letters, digits and hyphens"
    if kind in ("string_type", "string_too_short"):
        return f"'{where}' must be non-empty text, not {got!r}"
    if kind in ("int_type", "int_parsing", "greater_than_equal", "less_than_equal"):
        return f"'{where}' must be a whole number ({err['msg'].lower()}), not {got!r}"
    return f"'{where}': {err['msg']}"


def worksheet_recipe_json_schema() -> dict[str, Any]:
    """The JSON Schema of a worksheet recipe, for editors (yaml-language-server)."""
    schema = WorksheetRecipe.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "chinaai-learn worksheet recipe"
    schema["description"] = "One decks/worksheets/<name>.yaml worksheet recipe (see docs/worksheets.md)."
    return schema
