"""The Anki build state: mods change with content and only with content; bad files are explained."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chinaai_learn.errors import UserError
from chinaai_learn.exporters.anki import note_guid
from chinaai_learn.exporters.anki_notetypes import FieldSpec, NoteTypeSpec
from chinaai_learn.exporters.anki_state import (
    AnkiBuildState,
    NoteTags,
    Stamp,
    _same_bytes,
    content_hash,
    note_entry,
)

from .anki_helpers import DECK_ID, NOW, build, copy_bank, write_recipe


def _note_mods(state: Path) -> dict[str, int]:
    notes = json.loads(state.read_text(encoding="utf-8"))["decks"][str(DECK_ID)]["notes"]
    return {stamp["question"]: stamp["mod"] for stamp in notes.values()}


def test_state_records_each_note_by_guid_and_only_a_changed_note_gets_a_new_mod(tmp_path: Path) -> None:
    bank, recipe, state = copy_bank(tmp_path), write_recipe(tmp_path), tmp_path / "state.json"
    build(recipe, tmp_path / "out", bank=bank, state=state)
    data = json.loads(state.read_text(encoding="utf-8"))
    assert note_guid(DECK_ID, "de", "alpha-tf", "basic") in data["decks"][str(DECK_ID)]["notes"]
    assert set(_note_mods(state).values()) == {NOW}

    tf = bank / "alpha.yaml"
    tf.write_text(tf.read_text(encoding="utf-8").replace("answer: true", "answer: false"), encoding="utf-8")
    result = build(recipe, tmp_path / "out", bank=bank, state=state, now=NOW + 100)
    mods = _note_mods(state)
    assert result.changed == ["alpha-tf"]
    assert mods.pop("alpha-tf") == NOW + 100
    assert set(mods.values()) == {NOW}


def test_a_clock_running_behind_still_gives_a_later_mod(tmp_path: Path) -> None:
    bank, recipe, state = copy_bank(tmp_path), write_recipe(tmp_path), tmp_path / "state.json"
    build(recipe, tmp_path / "out", bank=bank, state=state)
    alpha = bank / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace("Wo sitzt DeepSeek?", "Wo sitzt es?"), encoding="utf-8"
    )
    build(recipe, tmp_path / "out", bank=bank, state=state, now=NOW - 10_000)
    assert _note_mods(state)["alpha-single"] == NOW + 1


def test_questions_that_leave_the_deck_stay_in_the_state_as_retired_with_their_content(
    tmp_path: Path,
) -> None:
    recipe, state = write_recipe(tmp_path), tmp_path / "state.json"
    build(recipe, tmp_path / "out", state=state)
    write_recipe(tmp_path, topics=["beta"])
    result = build(recipe, tmp_path / "out", state=state, now=NOW + 10)
    notes = json.loads(state.read_text(encoding="utf-8"))["decks"][str(DECK_ID)]["notes"].values()
    retired = sorted(n["question"] for n in notes if n.get("retired"))
    assert (
        retired == sorted(result.retired) == [q for q in sorted(_note_mods(state)) if q.startswith("alpha")]
    )
    assert all(n["fields"]["ID"] == n["question"] for n in notes)
    assert all("chinaai::retired" in n["tags"] for n in notes if n.get("retired"))
    again = build(recipe, tmp_path / "out", state=state, now=NOW + 20)
    assert (again.retired, again.changed, again.retired_notes) == (
        [],
        [],
        8,
    )  # retired once, shipped unchanged


def test_state_file_is_sorted_one_note_per_line(tmp_path: Path) -> None:
    recipe, state = write_recipe(tmp_path), tmp_path / "state.json"
    build(recipe, tmp_path / "out", state=state)
    lines = state.read_text(encoding="utf-8").splitlines()
    note_lines = [line for line in lines if '"question":' in line]
    assert len(note_lines) == 10
    questions = [
        json.loads("{" + line.strip().rstrip(",") + "}").popitem()[1]["question"] for line in note_lines
    ]
    assert questions == sorted(questions)


def test_a_broken_state_file_is_explained_with_its_position(tmp_path: Path) -> None:
    state = tmp_path / "anki-state.json"
    state.write_text('{\n  "version": 1,\n  "decks": {\n<<<<<<< HEAD\n', encoding="utf-8")
    with pytest.raises(
        UserError, match=r"anki-state.json:4:1: the Anki build state is not valid JSON.*restore it with git"
    ):
        AnkiBuildState.load(state)
    state.write_text('{"version": 3}', encoding="utf-8")
    with pytest.raises(UserError, match="unexpected shape"):
        AnkiBuildState.load(state)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b'{"version": 2,\n "decks": {"1": {"name": "x", "notes": {"g": {"hash": 5, "mod": 1}}}}}',
            r"anki-state.json:2:\d+: the Anki build state has an unexpected shape \(decks.1.notes.g.hash should be text\)",
        ),
        (b'{"version": 2,\n "colour": 1}', r"anki-state.json:2:2: .*\(colour is not a key this file has\)"),
        (
            b'{"version": 2, "about": "caf\xe9"}',
            r"anki-state.json:1:29: the Anki build state is not UTF-8 text",
        ),
    ],
    ids=["wrong type", "unknown key", "not UTF-8"],
)
def test_a_damaged_state_file_is_explained_in_words_with_its_place(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    state = tmp_path / "anki-state.json"
    state.write_bytes(content)
    with pytest.raises(UserError, match=expected) as caught:
        AnkiBuildState.load(state)
    assert "pydantic" not in str(caught.value)
    assert "\n" not in str(caught.value)  # one line, not pydantic's dump


def test_a_state_file_that_cannot_be_written_is_explained(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(UserError, match=r"cannot write the Anki build state.*pass --state FILE"):
        build(write_recipe(tmp_path), tmp_path / "out", state=blocker / "anki-state.json")
    assert not (tmp_path / "out").exists()


@given(
    st.text(max_size=12),
    st.text(min_size=1, max_size=20),
    st.integers(min_value=0, max_value=2**40),
    st.none() | st.text(max_size=12),
    st.none() | st.text(max_size=12),
)
def test_each_state_line_is_the_json_of_its_stamp(
    key: str, digest: str, mod: int, question: str | None, name: str | None
) -> None:
    labels = {k: v for k, v in (("question", question), ("name", name)) if v is not None}
    expected = f"{json.dumps(key, ensure_ascii=False)}: {json.dumps({'hash': digest, 'mod': mod, **labels}, ensure_ascii=False)}"
    assert Stamp(digest, mod, question, name).line(key) == expected
    assert json.loads("{" + expected + "}") == {key: {"hash": digest, "mod": mod, **labels}}


_names = st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=8, unique=True)


def _spec(names: list[str], added: list[bool]) -> NoteTypeSpec:
    fields = tuple(
        FieldSpec(n, name, is_added) for n, (name, is_added) in enumerate(zip(names, added, strict=True))
    )
    return NoteTypeSpec("kind", {"de": 1}, "Kind", fields, 1, "Card", "{{" + names[0] + "}}", "")


@given(
    st.integers(min_value=0, max_value=2**62),
    _names.flatmap(
        lambda names: st.tuples(
            st.just(names),
            st.lists(st.text(max_size=20), min_size=len(names), max_size=len(names)),
            st.lists(st.booleans(), min_size=len(names), max_size=len(names)),
        )
    ),
    st.lists(st.text(max_size=10), max_size=5),
    st.text(max_size=12),
    st.integers(min_value=0, max_value=2**40),
)
def test_a_note_hashes_and_writes_as_the_json_of_its_parts(
    model_id: int, fields: tuple[list[str], list[str], list[bool]], tags: list[str], kind: str, mod: int
) -> None:
    # The build hashes and writes each note from its texts encoded one by one; the file and
    # the hashes must stay those of the JSON encoder (the committed state would change otherwise).
    # Fields added by an upgrade may come last (a Basic note) or anywhere (the encoder's way).
    names, values, added = fields
    spec = _spec(names, added)
    entry = note_entry(spec, dict(zip(names, values, strict=True)), model_id, NoteTags.of(tags))
    assert entry.values == values
    assert entry.digest == content_hash([model_id, spec.hashed_content(values), tags])
    stored = {name: value for name, value in zip(names, values, strict=True) if value}
    assert entry.stored == stored
    record = {"hash": entry.digest, "mod": mod, "question": "q", "kind": kind, "fields": stored, "tags": tags}
    expected = f'"g": {json.dumps(record, ensure_ascii=False)}'
    assert Stamp(entry.digest, mod, "q", None, kind, False, stored, tuple(tags)).line("g") == expected
    encoded = Stamp(entry.digest, mod, "q", None, kind, False, stored, tuple(tags), entry.encoded)
    assert encoded.line("g") == expected


def test_an_unchanged_state_file_is_read_and_written_back_byte_for_byte(tmp_path: Path) -> None:
    recipe, state = write_recipe(tmp_path), tmp_path / "state.json"
    build(recipe, tmp_path / "out", state=state)
    original = state.read_text(encoding="utf-8")
    loaded = AnkiBuildState.load(state)
    assert loaded.text() == original
    assert not loaded.changed
    assert loaded.save() is False


def _pieces(data: bytes, cuts: list[int]) -> list[bytes]:
    ends = sorted({cut % (len(data) + 1) for cut in cuts})
    return [data[start:end] for start, end in zip([0, *ends], [*ends, len(data)], strict=True)]


@given(
    st.binary(max_size=40), st.binary(max_size=40), st.lists(st.integers(0, 50)), st.lists(st.integers(0, 50))
)
def test_a_state_in_pieces_is_the_same_exactly_when_its_bytes_are(
    first: bytes, second: bytes, first_cuts: list[int], second_cuts: list[int]
) -> None:
    # The state is compared with the file as read piece by piece, never joined: the pieces
    # fall anywhere, and the answer must be that of comparing the whole bytes.
    for other in (second, first):
        assert _same_bytes(_pieces(first, first_cuts), _pieces(other, second_cuts)) == (first == other)
