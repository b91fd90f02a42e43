"""The loader reports every mistake a teacher can make with file, line and plain words."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from chinaai_learn.errors import BankError
from chinaai_learn.loading import load_bank

from .conftest import DATA, GOOD_BANK

BAD_FILES = sorted((DATA / "bad").glob("*.yaml"))


def expectations(path: Path) -> tuple[int, list[str]]:
    """Each bad file states in its first line: '# expect: LINE: words | more words'."""
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    match = re.match(r"# expect: (\d+): (.*)", first)
    assert match, f"{path.name} lacks its '# expect:' line"
    return int(match.group(1)), [w.strip() for w in match.group(2).split("|")]


@pytest.mark.parametrize("bad_file", BAD_FILES, ids=lambda p: p.stem)
def test_each_bad_input_is_reported_with_its_line_and_words(bad_file: Path, tmp_path: Path) -> None:
    shutil.copy(GOOD_BANK / "sources.yaml", tmp_path)
    shutil.copy(bad_file, tmp_path / bad_file.name)
    line, words = expectations(bad_file)
    started = time.monotonic()
    with pytest.raises(BankError) as caught:
        load_bank(tmp_path)
    assert time.monotonic() - started < 30, "a hostile file must not hang the loader"
    matching = [p for p in caught.value.problems if all(w in p.message for w in words)]
    assert matching, f"no problem mentions {words}: {caught.value.report()}"
    assert matching[0].line == line, caught.value.report()
    assert matching[0].file.endswith(bad_file.name)


def test_all_problems_of_all_files_are_reported_at_once(tmp_path: Path) -> None:
    shutil.copy(GOOD_BANK / "sources.yaml", tmp_path)
    for name in ("unknown-key", "wrong-type", "no-correct-choice"):
        shutil.copy(DATA / "bad" / f"{name}.yaml", tmp_path / f"{name}.yaml")
    with pytest.raises(BankError) as caught:
        load_bank(tmp_path)
    files = {Path(p.file).name for p in caught.value.problems}
    assert files == {"unknown-key.yaml", "wrong-type.yaml", "no-correct-choice.yaml"}
    # The three files reuse one question id and one topic id: the cross-file checks report
    # that in the same round, although every file has another mistake too.
    duplicates = [p for p in caught.value.problems if "already used" in p.message]
    assert len(duplicates) == 4, caught.value.report()
    assert "7 problems found." in caught.value.report()


def test_problems_name_the_question_id(tmp_path: Path) -> None:
    shutil.copy(GOOD_BANK / "sources.yaml", tmp_path)
    shutil.copy(DATA / "bad" / "unknown-key.yaml", tmp_path)
    with pytest.raises(BankError) as caught:
        load_bank(tmp_path)
    assert caught.value.problems[0].question_id == "bad-q"
    assert "[bad-q]" in caught.value.report()


def test_duplicate_ids_across_files_name_both_places(make_bank) -> None:
    one = (GOOD_BANK / "mini.yaml").read_text(encoding="utf-8")
    two = one.replace("id: mini\n", "id: mini-copy\n")
    folder = make_bank(a=one, b=two)
    with pytest.raises(BankError) as caught:
        load_bank(folder)
    dupes = [p for p in caught.value.problems if "duplicate question id" in p.message]
    assert len(dupes) == 9
    first = dupes[0]
    assert first.file.endswith("b.yaml")
    assert "a.yaml:7" in first.message


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BankError, match="no such folder"):
        load_bank(tmp_path / "nowhere")


def test_a_folder_without_bibliography_is_reported(tmp_path: Path) -> None:
    shutil.copy(GOOD_BANK / "mini.yaml", tmp_path)
    with pytest.raises(BankError, match=r"needs a sources\.yaml"):
        load_bank(tmp_path)


def test_the_good_bank_loads_with_every_type(good_bank_dir: Path) -> None:
    bank = load_bank(good_bank_dir)
    assert [tb.topic.id for tb in bank.topics] == ["mini"]
    assert set(bank.type_counts()) == {
        "single_choice",
        "multiple_choice",
        "true_false",
        "cloze",
        "numeric",
        "short_answer",
        "ordering",
        "matching",
    }
    q = bank.get("mini-tiers-by-power")
    assert q is not None
    assert len(q.citations) == 3
    assert bank.topic_of(q).title("en") == "Mini bank"
