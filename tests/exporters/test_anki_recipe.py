"""Deck recipes: a good one loads; each kind of mistake gets file:line and words to act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from chinaai_learn.errors import UserError
from chinaai_learn.exporters.anki import export_anki, recipe_problems, selected_questions
from chinaai_learn.exporters.anki_recipe import RecipeError, load_recipe, resolve_recipe
from chinaai_learn.loading import load_bank

from .anki_helpers import BANK, DATA, NOW, write_recipe

RECIPES = DATA / "recipes"


def test_good_recipe_loads_with_its_selection() -> None:
    loaded = load_recipe(RECIPES / "good.yaml")
    recipe = loaded.recipe
    assert (recipe.name, recipe.deck_id, recipe.lang, recipe.topics, recipe.tags) == (
        "Test & KI::Untergruppe",
        1500000010,
        "de",
        ["alpha"],
        ["cities"],
    )
    assert loaded.output_name == "good-deck.apkg"
    bank = load_bank(BANK)
    assert recipe_problems(bank, loaded) == []
    assert [q.id for q in selected_questions(bank, loaded)] == ["alpha-single"]


def test_topics_all_means_every_topic_and_output_defaults_to_recipe_name(tmp_path: Path) -> None:
    loaded = load_recipe(write_recipe(tmp_path, "my-deck"))
    assert loaded.recipe.topics is None
    assert loaded.output_name == "my-deck.apkg"


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("unknown-key", 4, ["unknown key 'topcis'", "did you mean 'topics'"]),
        ("bad-lang", 3, ["lang must be 'de' or 'en'", "'fr'"]),
        ("deck-id-text", 2, ["deck_id must be a whole number"]),
        ("missing-deck-id", 1, ["missing required key 'deck_id'"]),
        ("topics-word", 4, ["write 'all' or a list of topic ids", "'alle'"]),
        ("syntax-error", 3, ["YAML syntax error"]),  # the last line: the file ends inside the list
        ("empty-deck-part", 1, ["empty part between '::'"]),
        ("output-with-folder", 4, ["output must be a file name ending in .apkg, without folders"]),
    ],
)
def test_each_recipe_mistake_is_reported_with_its_line(name: str, line: int, words: list[str]) -> None:
    with pytest.raises(RecipeError) as caught:
        load_recipe(RECIPES / f"{name}.yaml")
    (problem,) = caught.value.problems
    assert problem.file.endswith(f"{name}.yaml"), str(problem)
    assert problem.line == line, str(problem)
    for word in words:
        assert word in problem.message


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("unknown-topic", 6, ["unknown topic 'betta'", "did you mean 'beta'", "the bank has: alpha, beta"]),
        ("unknown-tag", 4, ["no question has the tag 'citys'", "did you mean 'cities'"]),
    ],
)
def test_recipe_names_are_checked_against_the_bank(name: str, line: int, words: list[str]) -> None:
    with pytest.raises(RecipeError) as caught:
        export_anki(load_bank(BANK), [RECIPES / f"{name}.yaml"], Path("unused"), now=NOW)
    (problem,) = caught.value.problems
    assert problem.line == line, str(problem)
    for word in words:
        assert word in problem.message


def test_all_recipe_problems_are_reported_together_and_nothing_is_written(tmp_path: Path) -> None:
    good = write_recipe(tmp_path, "fine")
    same_id = write_recipe(tmp_path, "twin")
    with pytest.raises(RecipeError) as caught:
        export_anki(load_bank(BANK), [good, same_id, RECIPES / "bad-lang.yaml"], tmp_path / "out", now=NOW)
    report = caught.value.report()
    assert "twin.yaml:2:" in report
    assert "also used by fine.yaml" in report
    assert "bad-lang.yaml:3:" in report
    assert "2 problems found." in report
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "anki-state.json").exists()


def test_recipe_given_by_name_or_path_and_a_typo_gets_a_suggestion(tmp_path: Path) -> None:
    path = write_recipe(tmp_path, "china-ki-de")
    assert resolve_recipe("china-ki-de", tmp_path) == path
    assert resolve_recipe(str(path), Path("/nonexistent")) == path
    with pytest.raises(UserError, match=r"no deck recipe 'china-ki-dee' \(did you mean 'china-ki-de'\?\)"):
        resolve_recipe("china-ki-dee", tmp_path)
