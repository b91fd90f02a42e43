"""No bank edit damages a learner's notes: every case imported into real Anki, with reviewed cards.

Each test imports the first build, reviews every card, edits the bank, rebuilds and imports
again, with Anki's default options and with "Merge note types". Every note the edit does not
concern must keep its fields, tags and reviews; the note it concerns is updated in place (same
note, same reviews) or retired (tagged ``chinaai::retired``, with a notice) beside a new note.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from anki.collection import Collection

from chinaai_learn.loading import load_bank

from .anki_helpers import NOW, build, copy_bank, import_package, write_recipe

RETIRED = "chinaai::retired"


@dataclass(frozen=True)
class Snapshot:
    """Per note id: question id, note type, fields, tags; per card id: reps and review-log rows."""

    notes: dict[int, tuple[str, str, tuple[str, ...], tuple[str, ...]]]
    reviews: dict[int, tuple[int, int, int]]  # card id -> (note id, reps, revlog rows)

    @classmethod
    def of(cls, col: Collection) -> Snapshot:
        notes = {}
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            notes[nid] = (note["ID"], note.note_type()["name"], tuple(note.fields), tuple(sorted(note.tags)))
        reviews = {
            cid: (
                col.get_card(cid).nid,
                col.get_card(cid).reps,
                col.db.scalar("select count() from revlog where cid = ?", cid),
            )
            for cid in col.find_cards("")
        }
        return cls(notes, reviews)


def _review_everything(col: Collection) -> None:
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        card.start_timer()
        col.sched.answerCard(card, 3)


def _edit(bank: Path, file: str, *replacements: tuple[str, str]) -> None:
    path = bank / file
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def tf_becomes_single_choice(bank: Path) -> set[str]:
    _edit(
        bank,
        "alpha.yaml",
        ("id: alpha-tf\n    type: true_false", "id: alpha-tf\n    type: single_choice"),
        (
            "    answer: true\n",
            "    choices:\n      - {text: drei, correct: true}\n      - text: zwei\n",
        ),
    )
    return {"alpha-tf"}


def single_becomes_multiple_choice(bank: Path) -> set[str]:
    _edit(
        bank,
        "alpha.yaml",
        ("id: alpha-single\n    type: single_choice", "id: alpha-single\n    type: multiple_choice"),
    )
    return {"alpha-single"}


def ids_of_different_kinds_swapped(bank: Path) -> set[str]:
    _edit(
        bank,
        "alpha.yaml",
        ("id: alpha-single", "id: swap-tmp"),
        ("id: alpha-tf", "id: alpha-single"),
        ("id: swap-tmp", "id: alpha-tf"),
    )
    return {"alpha-single", "alpha-tf"}


def ids_of_the_same_kind_swapped(bank: Path) -> set[str]:
    _edit(
        bank,
        "alpha.yaml",
        ("id: alpha-single", "id: swap-tmp"),
        ("id: alpha-multi", "id: alpha-single"),
        ("id: swap-tmp", "id: alpha-multi"),
    )
    return {"alpha-single", "alpha-multi"}


def questions_reordered(bank: Path) -> set[str]:
    path = bank / "alpha.yaml"
    head, *questions = path.read_text(encoding="utf-8").split("\n  - id: ")
    path.write_text("\n  - id: ".join([head, *reversed(questions)]).rstrip("\n") + "\n", encoding="utf-8")
    return set()


def question_removed(bank: Path) -> set[str]:
    path = bank / "alpha.yaml"
    head, *questions = path.read_text(encoding="utf-8").split("\n  - id: ")
    kept = [q for q in questions if not q.startswith("alpha-order\n")]
    path.write_text("\n  - id: ".join([head, *kept]).rstrip("\n") + "\n", encoding="utf-8")
    return {"alpha-order"}


def id_renamed(bank: Path) -> set[str]:
    _edit(bank, "alpha.yaml", ("id: alpha-short", "id: alpha-model-name"))
    return {"alpha-short", "alpha-model-name"}


EDITS: list[Callable[[Path], set[str]]] = [
    tf_becomes_single_choice,
    single_becomes_multiple_choice,
    ids_of_different_kinds_swapped,
    ids_of_the_same_kind_swapped,
    questions_reordered,
    question_removed,
    id_renamed,
]


@pytest.mark.parametrize("merge", [False, True], ids=["default-options", "merge-note-types"])
@pytest.mark.parametrize("edit", EDITS, ids=[e.__name__ for e in EDITS])
def test_no_bank_edit_touches_another_note_or_loses_a_review(
    tmp_path: Path, edit: Callable[[Path], set[str]], merge: bool
) -> None:
    bank, recipe, state = copy_bank(tmp_path), write_recipe(tmp_path), tmp_path / "state.json"
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        import_package(col, build(recipe, tmp_path / "v1", bank=bank, state=state).path)
        _review_everything(col)
        before = Snapshot.of(col)
        assert all(reps == 1 for _, reps, _ in before.reviews.values())

        concerned = edit(bank)
        rebuilt = build(recipe, tmp_path / "v2", bank=bank, state=state, now=NOW + 3600)
        import_package(col, rebuilt.path, merge_notetypes=merge)
        after = Snapshot.of(col)

        # Not one review lost, on any card, and every card still belongs to its note.
        for cid, (nid, reps, rows) in before.reviews.items():
            assert after.reviews[cid] == (nid, reps, rows), cid
        # Every note the edit does not concern is exactly as it was.
        for nid, (qid, notetype, fields, tags) in before.notes.items():
            if qid not in concerned:
                assert after.notes[nid] == (qid, notetype, fields, tags), qid
        # A concerned note is updated in place with its kind, or retired: never emptied.
        for nid, (qid, notetype, _fields, _tags) in before.notes.items():
            if qid in concerned:
                _, now_type, now_fields, now_tags = after.notes[nid]
                assert now_type == notetype, qid  # a note never changes note type
                assert now_fields[0], qid
                if RETIRED in now_tags:
                    assert any(f.startswith("Ausgemustert:") for f in now_fields)
        # Every question of the bank has one live (not retired) note.
        live = [qid for qid, _, _, tags in after.notes.values() if RETIRED not in tags]
        assert sorted(live) == sorted(set(live))
        assert set(live) == {q.id for q in load_bank(bank).questions}
    finally:
        col.close()


def test_a_retired_note_ships_once_tagged_with_its_content_and_is_reported(tmp_path: Path) -> None:
    bank, recipe, state = copy_bank(tmp_path), write_recipe(tmp_path), tmp_path / "state.json"
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        import_package(col, build(recipe, tmp_path / "v1", bank=bank, state=state).path)
        question_removed(bank)
        rebuilt = build(recipe, tmp_path / "v2", bank=bank, state=state, now=NOW + 3600)
        assert rebuilt.retired == ["alpha-order"]
        assert "retired 1 note(s)" in rebuilt.summary()
        assert f"tag:{RETIRED}" in rebuilt.summary()
        counts = import_package(col, rebuilt.path)
        assert (counts.new, counts.updated) == (0, 1)
        (nid,) = col.find_notes(f"tag:{RETIRED}")
        note = col.get_note(nid)
        assert note["ID"] == "alpha-order"
        assert note["Front"] == "Ordnen Sie die Stufen nach Leistung, aufsteigend."  # content kept
        assert note["Notice"].startswith("Ausgemustert:")
        assert "Ausgemustert:" in note.cards()[0].question()

        again = build(recipe, tmp_path / "v3", bank=bank, state=state, now=NOW + 7200)
        assert again.retired == []
        assert import_package(col, again.path).updated == 0  # shipped again, unchanged

        fresh = Collection(str(tmp_path / "fresh.anki2"))
        try:
            import_package(fresh, again.path)
            (card_id,) = fresh.find_cards(f"tag:{RETIRED}")
            card = fresh.get_card(card_id)
            assert fresh.decks.name(card.did) == "Test & KI::Ausgemustert"  # apart, for a newcomer
        finally:
            fresh.close()
    finally:
        col.close()


@pytest.mark.parametrize("merge", [False, True], ids=["default-options", "merge-note-types"])
def test_anki_leaves_an_existing_retired_card_in_its_deck_and_the_search_finds_it(
    tmp_path: Path, merge: bool
) -> None:
    # Anki does not move the cards of a note it already has to another deck on import: the
    # retired card stays where the learner has it (as the README and the deck description
    # say); the "Retired" subdeck only holds retired cards of a fresh import.
    bank, recipe, state = copy_bank(tmp_path), write_recipe(tmp_path), tmp_path / "state.json"
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        import_package(col, build(recipe, tmp_path / "v1", bank=bank, state=state).path)
        _review_everything(col)
        before = Snapshot.of(col)
        question_removed(bank)
        import_package(
            col,
            build(recipe, tmp_path / "v2", bank=bank, state=state, now=NOW + 3600).path,
            merge_notetypes=merge,
        )

        (card_id,) = col.find_cards(f"tag:{RETIRED}")
        card = col.get_card(card_id)
        assert col.get_note(card.nid)["ID"] == "alpha-order"
        assert col.get_note(card.nid)["Notice"].startswith("Ausgemustert:")
        assert col.decks.name(card.did) == "Test & KI::Alpha-Thema"  # not moved
        assert before.reviews[card_id] == Snapshot.of(col).reviews[card_id]
        retired_deck = col.decks.id_for_name("Test & KI::Ausgemustert")
        assert retired_deck is not None
        assert col.decks.card_count(retired_deck, include_subdecks=True) == 0
        description = col.decks.get(col.decks.id_for_name("Test & KI"))["desc"]
        assert "verschiebt Anki nicht" in description
        assert f"tag:{RETIRED}" in description
    finally:
        col.close()
