"""Anki deck recipes (``decks/*.yaml``): what goes into one ``.apkg``, read with file:line errors.

A recipe names the deck, fixes its id forever, picks the language and the topics (and
optionally tags) to include::

    name: China & KI             # top deck; each topic becomes "China & KI::<topic title>"
    deck_id: 1317536062          # never change it: Anki and the build state hang on it
    lang: de
    topics: all                  # or a list of topic ids
    tags: []                     # optional: only questions with at least one of these tags
    output: china-ki-de.apkg     # optional file name (default: the recipe's name + .apkg)
    description: …               # optional text shown on the deck's overview screen
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from ..bank_format import NonEmpty, Slug
from ..errors import BankError, Problem, UserError, did_you_mean, display_path
from ..model import Lang
from ..yaml_reader import YamlProblem, locate, read_yaml_file

RECIPE_SUFFIXES = (".yaml", ".yml")


class RecipeError(BankError):
    """Problems in one or more deck recipes, each with file, line and column."""


class AnkiRecipe(BaseModel):
    """One deck to build. Strict: unknown keys and loosely typed values are mistakes."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    name: NonEmpty
    deck_id: Annotated[int, Field(gt=1, lt=2**63)]
    lang: Lang
    topics: list[Slug] | None = None  # None: all topics
    tags: list[Slug] = []
    output: Annotated[str, StringConstraints(pattern=r"^[^/\\]+\.apkg$")] | None = None
    description: NonEmpty | None = None

    @field_validator("topics", mode="before")
    @classmethod
    def _all_or_list(cls, value: object) -> object:
        if value == "all":
            return None
        if isinstance(value, str):
            raise ValueError(f"write 'all' or a list of topic ids such as [deepseek, isa], not {value!r}")
        return value

    @field_validator("name")
    @classmethod
    def _deck_path(cls, value: str) -> str:
        if any(not part.strip() for part in value.split("::")):
            raise ValueError(f"{value!r} has an empty part between '::' separators")
        return value


@dataclass(frozen=True)
class LoadedRecipe:
    """A recipe with where it came from, so later checks can point at its lines."""

    recipe: AnkiRecipe
    path: Path
    text: str

    @property
    def output_name(self) -> str:
        return self.recipe.output or f"{self.path.stem}.apkg"

    def problem(self, loc: tuple[str | int, ...], message: str) -> Problem:
        line, column = locate(self.text, loc)
        return Problem(display_path(self.path), line, column, message)


def find_recipes(folder: Path) -> list[Path]:
    """The recipe files of a folder, in name order."""
    return sorted(p for p in folder.iterdir() if p.suffix in RECIPE_SUFFIXES and p.is_file())


def resolve_recipe(name_or_path: str, folder: Path) -> Path:
    """A recipe given on the command line: a file path, or a recipe name in ``folder``."""
    path = Path(name_or_path)
    if path.is_file():
        return path
    for suffix in RECIPE_SUFFIXES:
        candidate = folder / f"{name_or_path}{suffix}"
        if candidate.is_file():
            return candidate
    known = [p.stem for p in find_recipes(folder)] if folder.is_dir() else []
    hint = did_you_mean(name_or_path, known)
    listing = f"; recipes in {display_path(folder)}: {', '.join(known)}" if known else ""
    raise UserError(f"no deck recipe {name_or_path!r}{hint}: give a recipe file or a name{listing}")


def load_recipe(path: Path) -> LoadedRecipe:
    """Read and check one recipe file, or raise RecipeError listing every problem in it."""
    shown = display_path(path)
    try:
        text, data = read_yaml_file(path, "the recipe")
    except YamlProblem as p:
        raise RecipeError([Problem(shown, p.line, p.column, p.message)]) from None
    if not isinstance(data, dict):
        raise RecipeError(
            [Problem(shown, 1, 1, "a recipe is a mapping: name, deck_id, lang, topics (see decks/README.md)")]
        )
    try:
        recipe = AnkiRecipe.model_validate(data)
    except ValidationError as exc:
        raise RecipeError([_problem(err, shown, text) for err in exc.errors(include_url=False)]) from None
    return LoadedRecipe(recipe, path, text)


def _problem(err: Any, file: str, text: str) -> Problem:
    loc = tuple(err["loc"])
    line, column = locate(text, loc)
    return Problem(file, line, column, _message(err, loc))


def _message(err: Any, loc: tuple[Any, ...]) -> str:
    kind, key, got = err["type"], (loc[0] if loc else ""), err.get("input")
    if kind == "missing":
        return f"missing required key '{key}'"
    if kind == "extra_forbidden":
        hint = did_you_mean(str(loc[-1]), AnkiRecipe.model_fields)
        return f"unknown key '{loc[-1]}'{hint}; a recipe has: {', '.join(AnkiRecipe.model_fields)}"
    if key == "deck_id":
        return f"deck_id must be a whole number above 1 that never changes (e.g. 1317536062), not {got!r}"
    if key == "lang":
        return f"lang must be 'de' or 'en', not {got!r}"
    if key == "output":
        return f"output must be a file name ending in .apkg, without folders, not {got!r}"
    if kind == "string_pattern_mismatch":
        return f"{got!r} is not a valid id: use lowercase letters, digits and hyphens"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind in ("list_type", "string_type", "string_too_short"):
        where = ".".join(str(p) for p in loc)
        return f"'{where}' must be {'a list' if kind == 'list_type' else 'non-empty text'}, not {got!r}"
    return f"'{'.'.join(str(p) for p in loc)}': {err['msg']}"
