"""The validated-bank cache: a second load reads no YAML, and a changed bank or a damaged cache is never trusted."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chinaai_learn import loading
from chinaai_learn.bank import Bank
from chinaai_learn.bank_cache import load_bank_cached
from chinaai_learn.errors import BankError
from chinaai_learn.loading import load_bank

from .conftest import GOOD_BANK, SHIPPED_BANK


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "bank"
    shutil.copytree(GOOD_BANK, folder)
    return folder


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("bank-*.data"))


def no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, loading from the files fails the test."""

    def refuse(*args: object) -> Bank:
        raise AssertionError("the bank was parsed again")

    monkeypatch.setattr(loading, "load_bank", refuse)


def assert_same(a: Bank, b: Bank) -> None:
    assert a.questions == b.questions
    assert [type(q) for q in a.questions] == [type(q) for q in b.questions]
    assert [q.model_fields_set for q in a.questions] == [q.model_fields_set for q in b.questions]
    assert [(t.topic, t.file) for t in a.topics] == [(t.topic, t.file) for t in b.topics]
    assert a.sources == b.sources
    assert a.tag_labels == b.tag_labels


def test_the_second_load_reads_no_yaml_and_gives_the_same_bank(
    monkeypatch: pytest.MonkeyPatch, isolated_bank_cache: Path
) -> None:
    fresh = load_bank(SHIPPED_BANK)
    load_bank_cached(SHIPPED_BANK)
    assert len(entries(isolated_bank_cache)) == 1
    no_yaml(monkeypatch)
    cached = load_bank_cached(SHIPPED_BANK)
    assert_same(cached, fresh)
    question = cached.questions[0]
    assert question.prompt("en") == fresh.questions[0].prompt("en")
    with pytest.raises(ValueError, match="frozen"):
        question.id = "changed"  # type: ignore[misc]


def test_a_changed_bank_file_is_loaded_again(bank_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_bank_cached(bank_dir)
    mini = bank_dir / "mini.yaml"
    old = first.questions[0].prompt("de")
    text = mini.read_text(encoding="utf-8")
    assert old in text
    mini.write_text(text.replace(old, old[::-1], 1), encoding="utf-8")  # same size, other bytes
    again = load_bank_cached(bank_dir)
    assert again.questions[0].prompt("de") == old[::-1]


def test_a_new_or_removed_file_is_noticed(bank_dir: Path) -> None:
    load_bank_cached(bank_dir)
    second = (bank_dir / "mini.yaml").read_text(encoding="utf-8").replace("id: ", "id: two-", 1)
    (bank_dir / "two.yaml").write_text(second.replace("\n  - id: ", "\n  - id: two-"), encoding="utf-8")
    assert len(load_bank_cached(bank_dir).topics) == 2
    (bank_dir / "two.yaml").unlink()
    assert len(load_bank_cached(bank_dir).topics) == 1


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b"", id="empty"),
        pytest.param(lambda b: b"\x00\xff garbage \n{", id="garbage"),
        pytest.param(lambda b: b[:-40] + bytes([b[-40] ^ 1]) + b[-39:], id="one-byte-changed"),
        pytest.param(lambda b: b.split(b"\n", 1)[0] + b"\n[]", id="wrong-shape"),
    ],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(damage, bank_dir: Path, isolated_bank_cache: Path) -> None:
    fresh = load_bank(bank_dir)
    load_bank_cached(bank_dir)
    (entry,) = entries(isolated_bank_cache)
    entry.write_bytes(damage(entry.read_bytes()))
    assert_same(load_bank_cached(bank_dir), fresh)
    assert_same(load_bank_cached(bank_dir), fresh)  # and the rebuilt entry is good again


def test_a_well_formed_cache_of_the_wrong_shape_is_rebuilt(bank_dir: Path, isolated_bank_cache: Path) -> None:
    """Even with a matching checksum, an entry that does not fit the records is not used."""
    import hashlib
    import json
    import marshal

    load_bank_cached(bank_dir)
    (entry,) = entries(isolated_bank_cache)
    header, body = entry.read_bytes().split(b"\n", 1)
    topics, sources, labels = marshal.loads(body)
    file, topic, questions = topics[0]
    name, unset, plain, rest = questions[0]
    questions[0] = (name, unset, {**plain, "no_such_field": 1}, rest)
    body = marshal.dumps(([(file, topic, questions), *topics[1:]], sources, labels))
    key = json.loads(header)["key"]
    entry.write_bytes(
        json.dumps({"key": key, "sha256": hashlib.sha256(body).hexdigest()}).encode() + b"\n" + body
    )
    assert_same(load_bank_cached(bank_dir), load_bank(bank_dir))


def test_a_bank_with_problems_is_reported_every_time_and_never_cached(
    make_bank, isolated_bank_cache: Path
) -> None:
    folder = make_bank(broken="topic:\n  id: Broken\n")
    for _ in range(2):
        with pytest.raises(BankError):
            load_bank_cached(folder)
    assert entries(isolated_bank_cache) == []


def test_the_cache_can_be_switched_off(
    bank_dir: Path, monkeypatch: pytest.MonkeyPatch, isolated_bank_cache: Path
) -> None:
    monkeypatch.setenv("CHINAAI_LEARN_CACHE", "off")
    load_bank_cached(bank_dir)
    assert entries(isolated_bank_cache) == []


def test_an_unwritable_cache_folder_does_not_stop_the_load(
    bank_dir: Path, monkeypatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CHINAAI_LEARN_CACHE", str(blocker / "cache"))
    assert_same(load_bank_cached(bank_dir), load_bank(bank_dir))


def test_the_command_line_survives_a_damaged_cache(bank_dir: Path, isolated_bank_cache: Path) -> None:
    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "chinaai_learn", "--bank", str(bank_dir), "list"],
            capture_output=True,
            text=True,
            check=False,
        )

    first = run()
    assert first.returncode == 0, first.stderr
    for entry in entries(isolated_bank_cache):
        entry.write_bytes(b"{not json")
    second = run()
    assert second.returncode == 0
    assert "Traceback" not in second.stderr
    assert second.stdout == first.stdout


def fresh_and_cached(monkeypatch: pytest.MonkeyPatch) -> tuple[Bank, Bank]:
    fresh = load_bank(SHIPPED_BANK)
    load_bank_cached(SHIPPED_BANK)
    no_yaml(monkeypatch)
    return fresh, load_bank_cached(SHIPPED_BANK)


@pytest.mark.usefixtures("isolated_bank_cache")
def test_each_field_of_a_cached_question_reads_as_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Texts, choices and citations are built on first use, field by field the same as loaded."""
    fresh, cached = fresh_and_cached(monkeypatch)
    for loaded, read in zip(fresh.questions, cached.questions, strict=True):
        for name in type(loaded)._fields:
            assert getattr(read, name) == getattr(loaded, name), (loaded.id, name)
        assert read.citations == loaded.citations
        assert not hasattr(read, "no_such_field")


@pytest.mark.usefixtures("isolated_bank_cache")
def test_a_cached_question_compares_prints_and_copies_as_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    import copy
    import pickle

    fresh, cached = fresh_and_cached(monkeypatch)
    # Each check on questions not yet read: none of them may see a half-built question.
    assert [repr(q) for q in cached.questions] == [repr(q) for q in fresh.questions]
    fresh, cached = fresh_and_cached(monkeypatch)
    assert [pickle.loads(pickle.dumps(q)) for q in cached.questions] == fresh.questions
    fresh, cached = fresh_and_cached(monkeypatch)
    assert [copy.deepcopy(q) for q in cached.questions] == fresh.questions
    fresh, cached = fresh_and_cached(monkeypatch)
    copies = [q.model_copy(update={"difficulty": 3}) for q in cached.questions]
    assert copies == [q.model_copy(update={"difficulty": 3}) for q in fresh.questions]
    fresh, cached = fresh_and_cached(monkeypatch)
    assert [read == loaded for loaded, read in zip(fresh.questions, cached.questions, strict=True)] == [
        True
    ] * len(fresh.questions)
