"""One progress store per learner name: names that are the same learner share it, no name leaves the folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from chinaai_learn.classroom import (
    MAX_NAME_LENGTH,
    LearnerNameError,
    learner_key,
    learner_store_path,
    prepare_classroom_dir,
)
from chinaai_learn.errors import UserError


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Anna", "anna"),
        ("  ANNA ", "anna"),
        ("Anna Maria", "anna-maria"),
        ("anna_maria", "anna-maria"),
        ("Jörg", "jörg"),
        ("Jo\u0308rg", "jörg"),  # the same name typed with a combining umlaut
        ("Lea 2", "lea-2"),
        ("Zhāng Wěi", "zhāng-wěi"),
    ],
)
def test_a_name_becomes_a_plain_file_name(name: str, key: str) -> None:
    assert learner_key(name) == key


@pytest.mark.parametrize(("name", "start"), [("../../etc/passwd", "etc-passwd-"), (".hidden", "hidden-")])
def test_a_name_that_loses_characters_keeps_a_digest_of_them(name: str, start: str) -> None:
    key = learner_key(name)
    assert key.startswith(start)
    assert key.replace("-", "").isalnum()


def test_different_learners_get_different_stores_inside_the_folder(tmp_path: Path) -> None:
    names = ["Anna", "Ben", "../Anna", "ben/../../x", "C:\\temp\\lea"]
    paths = [learner_store_path(tmp_path, name) for name in names]
    assert all(path.parent == tmp_path and path.suffix == ".sqlite3" for path in paths)
    assert paths[0] == learner_store_path(tmp_path, "anna ")
    assert paths[0] != paths[1]


@pytest.mark.parametrize(
    ("name", "reason"),
    [("", "empty"), ("   ", "empty"), ("?!.", "empty"), ("x" * (MAX_NAME_LENGTH + 1), "too_long")],
)
def test_names_that_cannot_name_a_store_say_why(name: str, reason: str) -> None:
    with pytest.raises(LearnerNameError) as problem:
        learner_key(name)
    assert problem.value.reason == reason


def test_the_classroom_folder_is_created_with_its_parents(tmp_path: Path) -> None:
    folder = prepare_classroom_dir(tmp_path / "school" / "class 7b")
    assert folder.is_dir()
    assert list(folder.iterdir()) == []


def test_a_file_in_place_of_the_folder_is_kept_and_reported(tmp_path: Path) -> None:
    taken = tmp_path / "classroom"
    taken.write_text("notes", encoding="utf-8")
    with pytest.raises(UserError, match=r"not a folder.*--progress-dir"):
        prepare_classroom_dir(taken)
    with pytest.raises(UserError, match="cannot write there"):
        prepare_classroom_dir(taken / "inside")
    assert taken.read_text(encoding="utf-8") == "notes"


def test_names_that_fold_alike_get_distinct_store_files() -> None:
    keys = {name: learner_key(name) for name in ("İnan", "i nan", "O'Brien", "O Brien", "x/../y", "x y")}
    assert len(set(keys.values())) == len(keys), keys
    assert learner_key("I nan") == learner_key("i nan")  # only letter case differs: the same learner


@pytest.mark.parametrize("name", ["Con", "nul", "PRN", "aux", "com1", "LPT9"])
def test_windows_device_names_never_become_a_store_file_name(name: str) -> None:
    stem = learner_key(name)
    assert stem.split(".")[0] not in {"con", "nul", "prn", "aux", "com1", "lpt9"}
    assert stem.startswith(name.lower())  # still recognisable in the folder
