"""Worksheet recipes: hand-written YAML checked with file:line messages, a schema for editors."""

from __future__ import annotations

import json

import pytest

from chinaai_learn.errors import UserError
from chinaai_learn.exporters.worksheet.recipe import (
    WorksheetRecipeError,
    default_recipe_dir,
    find_worksheet_recipes,
    load_worksheet_recipe,
    resolve_worksheet_recipe,
    worksheet_recipe_json_schema,
)

from .worksheet_helpers import TESTS

RECIPES = TESTS / "data" / "worksheet" / "recipes"


def test_a_good_recipe_reads_every_setting() -> None:
    recipe = load_worksheet_recipe(RECIPES / "good.yaml").recipe
    assert recipe.title == "Test 9b"
    assert recipe.date == "12.5.2025", "an unquoted YAML date is printed as a German date"
    assert recipe.address == "du"
    assert recipe.points == {"multiple_choice": 3.0}
    assert recipe.question_points == {"mixed-short": 4.0}
    assert [(s.grade, s.min_percent) for s in recipe.grade_scale] == [("1", 90), ("2", 75), ("6", 0)]
    assert recipe.duplex is True


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("unknown-key", 4, "unknown key 'time_alowed' (did you mean 'time_allowed'?)"),
        ("bad-address", 2, "address must be 'Sie' or 'du'"),
        ("unknown-type", 2, "'essay' is not a question type"),
        ("bad-percent", 3, "grade_scale.0.min_percent"),
        ("topics-word", 2, "topics must be 'all' or a list of topic ids"),
        ("syntax-error", 1, "list is not closed"),
        ("points-text", 3, "points.single_choice': points must be a number"),
    ],
)
def test_a_bad_recipe_names_file_line_and_what_to_do(name, line, words) -> None:
    with pytest.raises(WorksheetRecipeError) as caught:
        load_worksheet_recipe(RECIPES / f"{name}.yaml")
    report = caught.value.report()
    assert f"{name}.yaml:{line}:" in report, report
    assert words in report, report


def test_an_unknown_recipe_name_lists_the_shipped_ones() -> None:
    with pytest.raises(
        UserError, match=r"no worksheet recipe 'gods-eye-quizz' \(did you mean 'gods-eye-quiz'\?\)"
    ):
        resolve_worksheet_recipe("gods-eye-quizz")


def test_the_shipped_recipes_are_valid() -> None:
    names = [p.stem for p in find_worksheet_recipes(default_recipe_dir())]
    assert names == ["china-ai-test", "gods-eye-quiz"]
    for path in find_worksheet_recipes(default_recipe_dir()):
        load_worksheet_recipe(path)


def test_the_schema_describes_every_key_for_editors() -> None:
    schema = worksheet_recipe_json_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    for key in ("title", "time_allowed", "points", "grade_scale", "address", "duplex", "sources"):
        assert key in schema["properties"]
    assert schema["additionalProperties"] is False
    json.dumps(schema)
