"""The note type upgrade in real Anki: the previous release's deck, reviewed, then this one.

The previous release kept an ordering or matching note's lists as finished HTML in the
Basic note's ``Details`` and ``Back``; this one gives them one plain field per item and per
pair side (fields added to the same note type, with fixed ids) and builds the lists in the
templates. The learner imports the previous build (``anki_previous_release``), reviews
every card, then imports the new build with Anki's default options or with "Merge note
types", as the deck description tells them. No other note's fields, tags or reviews may
change, and the ordering and matching notes end up with the new content, in place.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from anki.collection import Collection

from chinaai_learn.exporters import anki
from chinaai_learn.exporters.anki import export_anki
from chinaai_learn.exporters.anki_notetypes import BASIC
from chinaai_learn.loading import default_decks_dir, load_bank
from chinaai_learn.model import Matching, Ordering

from ..conftest import SHIPPED_BANK
from .anki_helpers import NOW, build, import_package, notes_by_question, rendered, write_recipe
from .anki_previous_release import PREVIOUS_BASIC, previous_note_content
from .test_anki_identity import Snapshot, _review_everything

UPGRADED = {"alpha-order", "alpha-match"}


def _previous_build(tmp_path: Path, recipe: Path, state: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    with monkeypatch.context() as patch:
        patch.setattr(anki, "note_content", previous_note_content)
        return build(recipe, tmp_path / "previous", state=state).path


def _filled(col: Collection) -> dict[int, dict[str, str]]:
    """Per note id, the fields that have text, by name (a merge adds empty fields to every note)."""
    notes = {}
    for nid in col.find_notes(""):
        notes[nid] = {name: value for name, value in col.get_note(nid).items() if value}
    return notes


def _assert_untouched(before: tuple[Snapshot, dict[int, dict[str, str]]], col: Collection) -> None:
    snapshot, filled = before
    after, now_filled = Snapshot.of(col), _filled(col)
    for cid, review in snapshot.reviews.items():
        assert after.reviews[cid] == review, cid  # every card: same note, same reviews
    for nid, (qid, notetype, _fields, tags) in snapshot.notes.items():
        if qid not in UPGRADED:
            assert (after.notes[nid][1], after.notes[nid][3]) == (notetype, tags), qid
            assert now_filled[nid] == filled[nid], qid
    assert set(after.notes) == set(snapshot.notes)  # no note added, none lost


def _assert_previous_content(col: Collection) -> None:
    notes = notes_by_question(col)
    assert notes["alpha-order"]["Details"].startswith('<div class="hint">')
    question, answer = rendered(col, "alpha-order")
    assert question.count("Stufe A") == 1  # shown once: the old list, not an empty new one beside it
    assert '<ol class="order"><li>1. ' in answer
    _, answer = rendered(col, "alpha-match")
    assert '<ul class="pairs"><li>1. Stufe A → ' in answer


def _assert_new_content(col: Collection) -> None:
    notes = notes_by_question(col)
    order, match = notes["alpha-order"], notes["alpha-match"]
    assert (order["Details"], order["Back"], match["Details"], match["Back"]) == ("", "", "", "")
    assert sorted(order[f"Item{n}"] for n in (1, 2, 3)) == ["Stufe A", "Stufe B", "Stufe C"]
    assert [order[f"Item{n}"] for n in (1, 2, 3)] != ["Stufe C", "Stufe B", "Stufe A"]
    assert {order[f"Place{n}"] for n in (1, 2, 3)} == {"1", "2", "3"}
    assert [match[f"Left{n}"] for n in (1, 2, 3)] == ["Stufe A", "Stufe B", "Stufe C"]
    pairs = {match[f"Pair{n}"]: match[f"Right{n}"] for n in (1, 2, 3)}
    assert pairs == {"1": "DiPilot 600", "2": "DiPilot 300", "3": "DiPilot 100"}
    question, answer = rendered(col, "alpha-order")
    assert question.count("Stufe A") == 1
    assert '<ol class="items">' in question
    assert '<ol class="order"><li data-place=' in answer
    _, answer = rendered(col, "alpha-match")
    assert '<div class="pair-left" data-row="1">1. Stufe A</div>' in answer


@pytest.mark.parametrize("merge", [False, True], ids=["default-options", "merge-note-types"])
def test_the_previous_release_upgrades_in_place_without_touching_other_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, merge: bool
) -> None:
    recipe, state = write_recipe(tmp_path), tmp_path / "state.json"
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        previous = _previous_build(tmp_path, recipe, state, monkeypatch)
        assert import_package(col, previous).new == 10
        assert len(col.models.get(BASIC.ids["de"])["flds"]) == len(PREVIOUS_BASIC.fields)
        _review_everything(col)
        before = (Snapshot.of(col), _filled(col))
        notetypes = sorted(name for name in (m.name for m in col.models.all_names_and_ids()))

        upgraded = build(recipe, tmp_path / "upgraded", state=state, now=NOW + 3600)
        assert sorted(upgraded.changed) == sorted(UPGRADED)  # true/false notes stay as they were

        counts = import_package(col, upgraded.path, merge_notetypes=merge)
        _assert_untouched(before, col)
        _assert_previous_content(col)  # neither option brings the new content yet
        names = sorted(m.name for m in col.models.all_names_and_ids())
        if merge:
            # The note type grows the new fields, in place; Anki marks the merged notes as
            # modified now, so their new content waits for "Update notes: Always".
            assert (counts.new, counts.updated, counts.conflicting) == (0, 0, 0)
            assert names == notetypes
            assert [f["name"] for f in col.models.get(BASIC.ids["de"])["flds"]] == list(BASIC.field_names)
        else:
            # Without merging, Anki refuses to update notes of a note type whose fields
            # changed: the three Basic notes conflict and stay as they were, and Anki adds
            # an unused copy of the new note type ("… (de)+").
            assert (counts.new, counts.updated, counts.conflicting) == (0, 0, 3)
            (copy,) = set(names) - set(notetypes)
            assert copy == "chinaai-learn Basic (de)+"
            assert col.models.use_count(col.models.by_name(copy)) == 0
            assert len(col.models.get(BASIC.ids["de"])["flds"]) == len(PREVIOUS_BASIC.fields)
            # The advice in the deck description: tick "Merge note types".
            import_package(col, upgraded.path, merge_notetypes=True)
            _assert_untouched(before, col)

        # ... then import once more with "Update notes: Always".
        counts = import_package(col, upgraded.path, merge_notetypes=True, always_update=True)
        assert counts.new == 0
        _assert_untouched(before, col)
        _assert_new_content(col)
        # And an unchanged rebuild re-imports with nothing new and nothing updated.
        again = build(recipe, tmp_path / "again", state=state, now=NOW + 7200)
        assert again.changed == []
        counts = import_package(col, again.path)
        assert (counts.new, counts.updated) == (0, 0)
        _assert_untouched(before, col)
    finally:
        col.close()


@pytest.mark.parametrize("merge", [False, True], ids=["default-options", "merge-note-types"])
def test_the_shipped_german_deck_upgrades_only_its_ordering_and_matching_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, merge: bool
) -> None:
    recipe, state = default_decks_dir() / "china-ki-de.yaml", tmp_path / "state.json"
    bank = load_bank(SHIPPED_BANK)
    lists = {q.id for q in bank.questions if isinstance(q, (Ordering, Matching))}
    with monkeypatch.context() as patch:
        patch.setattr(anki, "note_content", previous_note_content)
        (previous,) = export_anki(bank, [recipe], tmp_path / "previous", state_path=state, now=NOW)
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        assert import_package(col, previous.path).new == len(bank.questions)
        _review_everything(col)
        snapshot, filled = Snapshot.of(col), _filled(col)

        (upgraded,) = export_anki(bank, [recipe], tmp_path / "upgraded", state_path=state, now=NOW + 3600)
        assert set(upgraded.changed) == lists
        import_package(col, upgraded.path, merge_notetypes=merge)
        import_package(col, upgraded.path, merge_notetypes=True)
        import_package(col, upgraded.path, merge_notetypes=True, always_update=True)

        after, now_filled = Snapshot.of(col), _filled(col)
        assert after.reviews == snapshot.reviews  # every card: same note, same reviews
        assert set(after.notes) == set(snapshot.notes)
        for nid, (qid, notetype, _fields, tags) in snapshot.notes.items():
            assert (after.notes[nid][1], after.notes[nid][3]) == (notetype, tags), qid
            if qid not in lists:
                assert now_filled[nid] == filled[nid], qid
            else:
                assert "Details" not in now_filled[nid], qid
                assert ("Item1" in now_filled[nid]) != ("Left1" in now_filled[nid]), qid
    finally:
        col.close()
