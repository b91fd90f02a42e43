"""The plain records of ``model`` mirror the pydantic models of ``bank_format`` field for field."""

from __future__ import annotations

import pickle

import pytest
from pydantic import BaseModel

from chinaai_learn import bank_format, model
from chinaai_learn.loading import load_bank

from .conftest import SHIPPED_BANK


def _pydantic_models() -> dict[str, type[BaseModel]]:
    return {
        name: cls
        for name, cls in vars(bank_format).items()
        if isinstance(cls, type)
        and issubclass(cls, bank_format.StrictModel)
        and cls is not bank_format.StrictModel
    }


@pytest.mark.parametrize("name", sorted(model.RECORDS))
def test_each_record_has_the_fields_and_defaults_of_its_model(name: str) -> None:
    record, checked = model.RECORDS[name], _pydantic_models()[name]
    assert record._fields == tuple(checked.model_fields)
    for field, info in checked.model_fields.items():
        if info.is_required() and field != "type":
            assert field not in record._defaults, f"{name}.{field} has a default only in the record"
        elif field != "type":
            default = record._defaults[field]
            assert ([] if default is model.EMPTY_LIST else default) == info.get_default(
                call_default_factory=True
            )


def test_every_model_a_bank_holds_has_its_record() -> None:
    files = {"TopicFile", "SourcesFile", "TagsFile", "QuestionBase", "_ChoiceQuestion"}
    assert set(_pydantic_models()) - files == set(model.RECORDS)
    assert set(model.QUESTION_TYPES) == set(bank_format.QUESTION_TYPES)


def test_loaded_questions_are_records_that_behave_like_frozen_models() -> None:
    question = load_bank(SHIPPED_BANK).questions[0]
    assert isinstance(question, model.QuestionBase)
    assert question == question.model_copy()
    assert hash(question.prompt) == hash(question.prompt.model_copy())
    changed = question.model_copy(update={"difficulty": 3 if question.difficulty != 3 else 1})
    assert changed != question
    assert changed.id == question.id
    with pytest.raises(ValueError, match="frozen"):
        question.prompt.de = "x"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(question)) == question
    assert repr(question.prompt).startswith("Text(de=")


def test_folding_whitespace_turns_every_run_of_it_into_one_space() -> None:
    # Every character Python counts as whitespace, the no-break space among them; folded
    # like the regex substitution it replaced, so quotes keep matching their sources.
    import re
    import sys

    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    text = f"{spaces}Stadt{spaces[:3]}mit\u00a0\u00a0Einwohnern {spaces}"
    assert model.fold_whitespace(text) == "Stadt mit Einwohnern"
    assert model.fold_whitespace(text) == re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
    assert model.fold_whitespace("  ") == ""
