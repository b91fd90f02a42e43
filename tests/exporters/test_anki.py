"""The Anki export as a learner meets it: built decks imported into a real Anki collection.

Every test builds from the small bank in tests/data/anki/bank with a fixed clock and
imports with Anki's own importer (``Collection.import_anki_package``, the one the import
dialog uses), then asserts what Anki shows.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
import zipfile
from pathlib import Path

import genanki
import pytest
from anki.collection import Collection
from hypothesis import given
from hypothesis import strategies as st

from chinaai_learn.errors import UserError
from chinaai_learn.exporters import anki, anki_fields, anki_notetypes
from chinaai_learn.exporters.anki import note_guid, subdeck_id
from chinaai_learn.exporters.anki_notetypes import BASIC, CHOICE, NOTE_TYPES, TYPE_IN, FieldSpec
from chinaai_learn.loading import load_bank
from chinaai_learn.render import letter

from .anki_helpers import (
    DECK_ID,
    NOW,
    build,
    copy_bank,
    import_package,
    notes_by_question,
    rendered,
    write_recipe,
)

BANK_ORDER = [
    "alpha-single",
    "alpha-multi",
    "alpha-tf",
    "alpha-cloze",
    "alpha-number",
    "alpha-short",
    "alpha-order",
    "alpha-match",
    "beta-escape",
    "beta-cloze-escape",
]


@pytest.fixture
def col(tmp_path: Path):
    """A fresh, empty Anki collection."""
    folder = tmp_path / "collection"
    folder.mkdir()
    collection = Collection(str(folder / "collection.anki2"))
    yield collection
    collection.close()


@pytest.fixture
def deck_de(tmp_path: Path) -> Path:
    """The German deck of every topic, built once into tmp_path/out."""
    recipe = write_recipe(tmp_path)
    return build(recipe, tmp_path / "out", state=tmp_path / "state.json").path


# --- counts -----------------------------------------------------------------------------


def test_all_topics_recipe_gives_one_note_per_question_and_one_card_per_cloze_gap(col, deck_de: Path) -> None:
    counts = import_package(col, deck_de)
    assert counts.new == 10
    assert counts.updated == counts.duplicate == counts.conflicting == 0
    assert col.note_count() == 10
    assert col.card_count() == 8 + 2 + 1  # eight one-card notes, a cloze with two gaps, one with one
    names = {d.name for d in col.decks.all_names_and_ids()}
    assert names == {"Default", "Test & KI", "Test & KI::Alpha-Thema", "Test & KI::Beta-Thema"}


def test_recipe_with_topics_and_tags_selects_only_those(col, tmp_path: Path) -> None:
    recipe = write_recipe(
        tmp_path,
        "markup-en",
        name="Markup",
        deck_id=1_500_000_002,
        lang="en",
        topics=["beta"],
        tags=["markup"],
    )
    result = build(recipe, tmp_path / "out", state=tmp_path / "state.json")
    assert (result.notes, result.cards, result.subdecks) == (2, 2, 1)
    import_package(col, result.path)
    assert (col.note_count(), col.card_count()) == (2, 2)
    assert {d.name for d in col.decks.all_names_and_ids()} == {"Default", "Markup", "Markup::Beta topic"}


def test_cards_sit_in_their_topic_subdeck_in_bank_order(col, deck_de: Path) -> None:
    import_package(col, deck_de)
    due_order = [col.get_card(cid).note()["ID"] for cid in col.find_cards("", order="c.due asc, c.ord asc")]
    assert list(dict.fromkeys(due_order)) == BANK_ORDER
    alpha = col.decks.id_for_name("Test & KI::Alpha-Thema")
    assert {col.get_card(cid).note()["ID"] for cid in col.find_cards(f"did:{alpha}")} == set(BANK_ORDER[:8])


def test_sort_field_is_the_question_text(col, deck_de: Path) -> None:
    import_package(col, deck_de)
    for spec in (BASIC, TYPE_IN, CHOICE):
        assert col.models.get(spec.ids["de"])["sortf"] == 0
        assert spec.fields[0].name in ("Front", "Prompt")
    notes = notes_by_question(col)
    assert (
        col.db.scalar("select sfld from notes where id = ?", notes["alpha-single"].id) == "Wo sitzt DeepSeek?"
    )


def test_tags_are_hierarchical(col, deck_de: Path) -> None:
    import_package(col, deck_de)
    tags = set(notes_by_question(col)["alpha-single"].tags)
    assert {
        "chinaai::topic::alpha",
        "chinaai::difficulty::1",
        "chinaai::source::test-doc",
        "chinaai::type::single_choice",
        "chinaai::tag::cities",
    } <= tags
    assert col.find_notes("tag:chinaai::topic::beta")
    assert len(col.find_notes("tag:chinaai::topic::beta")) == 2


# --- stable identity ---------------------------------------------------------------------


def test_note_types_fields_and_templates_keep_their_fixed_ids(col, deck_de: Path) -> None:
    import_package(col, deck_de)
    for spec in NOTE_TYPES.values():
        model = col.models.get(spec.ids["de"])
        assert model is not None, f"note type {spec.kind} was imported under another id"
        assert [(f["name"], f["id"]) for f in model["flds"]] == [(f.name, f.id) for f in spec.fields]
        assert [t["id"] for t in model["tmpls"]] == [spec.template_id]


def test_package_carries_the_recipe_deck_id_and_fixed_subdeck_ids(deck_de: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(deck_de) as archive:
        (tmp_path / "collection.anki2").write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        decks = json.loads(connection.execute("select decks from col").fetchone()[0])
    finally:
        connection.close()
    names = {int(deck_id): deck["name"] for deck_id, deck in decks.items() if deck["name"] != "Default"}
    assert names == {
        DECK_ID: "Test & KI",
        subdeck_id(DECK_ID, "alpha"): "Test & KI::Alpha-Thema",
        subdeck_id(DECK_ID, "beta"): "Test & KI::Beta-Thema",
    }


def test_guids_come_from_question_id_deck_and_language_not_content(tmp_path: Path) -> None:
    assert note_guid(DECK_ID, "de", "alpha-single") == note_guid(DECK_ID, "de", "alpha-single")
    assert (
        len({note_guid(DECK_ID, "de", "x"), note_guid(DECK_ID, "en", "x"), note_guid(DECK_ID + 1, "de", "x")})
        == 3
    )


@given(
    st.integers(min_value=2, max_value=2**63 - 1),
    st.sampled_from(["de", "en"]),
    st.text(min_size=1, max_size=40),
)
def test_guids_are_genankis_so_decks_built_before_keep_updating_the_same_notes(
    deck_id: int, lang: str, question_id: str
) -> None:
    assert note_guid(deck_id, lang, question_id) == genanki.guid_for(
        "chinaai-learn", deck_id, lang, question_id
    )


def test_german_and_english_decks_live_side_by_side(col, tmp_path: Path, deck_de: Path) -> None:
    english = build(
        write_recipe(tmp_path, "test-en", name="Test & AI", deck_id=1_500_000_003, lang="en"),
        tmp_path / "out",
        state=tmp_path / "state.json",
    )
    import_package(col, deck_de)
    counts = import_package(col, english.path)
    assert counts.new == 10
    assert counts.conflicting == 0
    assert col.note_count() == 20
    assert col.models.get(BASIC.ids["en"])["name"] != col.models.get(BASIC.ids["de"])["name"]


# --- card design ---------------------------------------------------------------------------


def test_choice_fields_hold_one_plain_choice_each_in_a_fixed_shuffled_order(col, deck_de: Path) -> None:
    import_package(col, deck_de)
    note = notes_by_question(col)["alpha-single"]
    shown = [note[f"Choice{n}"] for n in range(1, 4)]
    assert sorted(shown) == ["Hangzhou", "Peking", "Shenzhen"]
    assert note["Choice4"] == ""
    right = letter(shown.index("Hangzhou"))
    assert (note["Correct"], note["Mode"]) == (right, "single")
    assert note["Answer"] == f"{right}) Hangzhou"
    question, answer = rendered(col, "alpha-single")
    assert "Wo sitzt DeepSeek?" in question
    assert re.search(
        "".join(
            rf'data-letter="{letter(n)}"><span class="letter">{letter(n)}\)</span><span class="choice-text">{text}</span>.*'
            for n, text in enumerate(shown)
        ),
        question,
    )
    assert "Hangzhou" not in question.split(shown[-1])[1]  # the answer is not given away below the list
    # Nor in the front's markup, where an inspector or add-on would read it: only the back names it.
    assert 'data-correct="' not in question
    assert f'data-correct="{right}"' in answer
    assert (
        f'<div class="label">Antwort</div>{right}) Hangzhou' in answer
    )  # static, for clients without scripts
    multi = notes_by_question(col)["alpha-multi"]
    assert len(multi["Correct"].split()) == 2
    assert multi["Mode"] == "multiple"


def test_choice_order_is_shuffled_but_a_question_may_keep_bank_order(tmp_path: Path) -> None:
    bank = copy_bank(tmp_path)
    alpha = bank / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace(
            "    choices:\n      - text: Shenzhen", "    shuffle: false\n    choices:\n      - text: Shenzhen"
        ),
        encoding="utf-8",
    )
    question = load_bank(bank).get("alpha-single")
    assert anki_fields.choice_order(question) == (0, 1, 2)
    shipped = load_bank()
    orders = [anki_fields.choice_order(q) for q in shipped.questions if hasattr(q, "choices")]
    firsts = [
        order.index(q.correct_indices[0])
        for order, q in zip(orders, [q for q in shipped.questions if hasattr(q, "choices")], strict=True)
    ]
    assert max(firsts.count(p) for p in set(firsts)) < 0.45 * len(firsts)


def test_type_in_card_has_anki_typing_placeholder(col, deck_de: Path) -> None:
    import_package(col, deck_de)
    question, answer = rendered(col, "alpha-short")
    assert "[[type:Answer]]" in question
    assert "[[type:Answer]]" in answer
    assert "Auch richtig: DeepSeek-R1" in answer
    question, answer = rendered(col, "alpha-number")
    assert "[[type:Answer]]" in question
    assert "Einheit: TOPS" in question
    assert notes_by_question(col)["alpha-number"]["Answer"] == "1254,5"  # typed without separators
    assert "1.254,5 TOPS (± 5%)" in answer


def test_cloze_note_gives_one_card_per_gap(col, deck_de: Path) -> None:
    import_package(col, deck_de)
    first_q, first_a = rendered(col, "alpha-cloze", 0)
    second_q, _ = rendered(col, "alpha-cloze", 1)
    assert 'class="cloze"' in first_q
    assert "[...]" in first_q
    assert "Laserradare" in first_q
    assert re.search(r'<span class="cloze"[^>]*>3</span>', first_a)
    assert "3" in second_q
    assert "[...]" in second_q


def test_true_false_ordering_and_matching_read_as_front_and_back(col, deck_de: Path) -> None:
    import_package(col, deck_de)
    question, answer = rendered(col, "alpha-tf")
    assert "Wahr oder falsch?" in question
    assert "Wahr" not in question.replace("Wahr oder falsch?", "")
    assert re.search(r'class="answer">.*Wahr</section>', answer)
    question, answer = rendered(col, "alpha-order")
    shown = re.findall(r'<li><span class="letter">([A-C])\)</span>(Stufe [A-C])</li>', question)
    assert [text for _, text in shown] != ["Stufe C", "Stufe B", "Stufe A"]  # never the answer order
    assert sorted(text for _, text in shown) == ["Stufe A", "Stufe B", "Stufe C"]
    letters = {text: mark for mark, text in shown}
    back = answer.split('id="answer"')[1]
    for place, item in enumerate(["Stufe C", "Stufe B", "Stufe A"], start=1):
        # each item with its place in the answer (the style sheet orders the list by it)
        assert (
            f'data-place="{place}">{place}. <span class="letter">{letters[item]})</span>{item}</li>' in back
        )
    question, answer = rendered(col, "alpha-match")
    assert "DiPilot 600" in question
    assert "1. Stufe A" in question
    (mark,) = re.findall(r'<li><span class="letter">([A-C])\)</span>DiPilot 600</li>', question)
    assert '<div class="pair-left" data-row="1">1. Stufe A</div>' in answer
    assert (
        f'<div class="pair-right" data-row="1">→ <span class="letter">{mark})</span>DiPilot 600</div>'
        in answer
    )


def test_every_back_shows_explanation_and_source_with_the_answer_marked(col, deck_de: Path) -> None:
    import_package(col, deck_de)
    for qid in BANK_ORDER:
        question, answer = rendered(col, qid)
        assert "Erklärung" in answer, qid
        assert "Quelle" in answer, qid
        assert "Quelle" not in question, qid
    _, answer = rendered(col, "alpha-single")
    assert "Mustermann, „Ein Testartikel“, Testverlag, 1. März 2025, Abschnitt „Firmen“" in answer
    assert 'Das Start-up DeepSeek aus <mark class="highlight">Hangzhou</mark> ist bekannt.' in answer
    assert "DeepSeek sitzt in Hangzhou." in answer


def test_style_sheet_has_night_mode_and_cards_no_inline_colours(col, deck_de: Path) -> None:
    import_package(col, deck_de)
    for spec in NOTE_TYPES.values():
        model = col.models.get(spec.ids["de"])
        assert ".nightMode" in model["css"]
        assert ".night_mode" in model["css"]
        for template in model["tmpls"]:
            assert "style=" not in template["qfmt"] + template["afmt"]
    for nid in col.find_notes(""):
        assert not any("style=" in value or "color" in value for value in col.get_note(nid).fields)


# --- safety ----------------------------------------------------------------------------------


def test_markup_and_anki_syntax_in_questions_show_literally(col, deck_de: Path) -> None:
    import_package(col, deck_de)
    question, answer = rendered(col, "beta-escape")
    assert "Is &lt;A&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in question
    assert question.count("<script") == 1  # the card's own script only
    assert "<b>" not in question
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in question
    assert "&#91;sound:x.mp3&#93;" in question
    assert "&#91;&#91;type:Answer&#93;&#93;" in answer
    assert notes_by_question(col)["beta-escape"].cards()[0].question_av_tags() == []  # no sound to play
    assert 'class="cloze"' not in question  # the {{c1::…}} in the prompt is text, not a gap
    assert '<mark class="highlight">&lt;A&gt; &amp; B</mark>' in answer


def test_cloze_answers_with_colons_and_braces_stay_one_gap(col, deck_de: Path) -> None:
    import_package(col, deck_de)
    notes = notes_by_question(col)
    assert len(notes["beta-cloze-escape"].cards()) == 1
    question, answer = rendered(col, "beta-cloze-escape")
    assert "&lt;i&gt;x&lt;/i&gt;" in question
    assert re.search(r'<span class="cloze"[^>]*>1&#58;&#58;2 &#125;&#125;</span>', answer)


def test_output_is_written_atomically_and_an_unwritable_target_keeps_the_old_file(tmp_path: Path) -> None:
    recipe = write_recipe(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "test-de.apkg").mkdir()  # something that cannot be replaced by a file
    with pytest.raises(UserError, match="cannot write"):
        build(recipe, out, state=tmp_path / "state.json")
    assert (out / "test-de.apkg").is_dir()
    assert [p.name for p in out.iterdir()] == ["test-de.apkg"]  # no temporary file left behind


# --- updates -----------------------------------------------------------------------------------


def test_rebuilding_unchanged_content_is_byte_identical_and_imports_as_no_change(col, tmp_path: Path) -> None:
    recipe = write_recipe(tmp_path)
    state = tmp_path / "state.json"
    first = build(recipe, tmp_path / "one", state=state).path.read_bytes()
    state_text = state.read_text(encoding="utf-8")
    second = build(recipe, tmp_path / "two", state=state, now=NOW + 86_400)
    assert second.path.read_bytes() == first
    assert second.changed == []
    assert state.read_text(encoding="utf-8") == state_text
    assert import_package(col, tmp_path / "one" / "test-de.apkg").new == 10
    counts = import_package(col, second.path)
    assert (counts.new, counts.updated, counts.duplicate, counts.conflicting) == (0, 0, 10, 0)
    assert len(col.models.all_names_and_ids()) == len({n.name for n in col.models.all_names_and_ids()})


def test_an_edited_question_updates_in_place_and_keeps_its_reviews(col, tmp_path: Path) -> None:
    bank = copy_bank(tmp_path)
    recipe = write_recipe(tmp_path)
    state = tmp_path / "state.json"
    import_package(col, build(recipe, tmp_path / "v1", bank=bank, state=state).path)

    col.decks.select(col.decks.id_for_name("Test & KI"))
    card = col.sched.getCard()
    assert card is not None
    assert card.note()["ID"] == "alpha-single"
    col.sched.answerCard(card, 3)
    reviewed = col.get_card(card.id)
    note_id = reviewed.nid

    alpha = bank / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace("Wo sitzt DeepSeek?", "Wo hat DeepSeek seinen Sitz?"),
        encoding="utf-8",
    )
    rebuilt = build(recipe, tmp_path / "v2", bank=bank, state=state, now=NOW + 3600)
    assert rebuilt.changed == ["alpha-single"]

    counts = import_package(col, rebuilt.path)
    assert (counts.new, counts.updated, counts.duplicate, counts.conflicting) == (0, 1, 9, 0)
    note = col.get_note(note_id)
    assert note["Prompt"] == "Wo hat DeepSeek seinen Sitz?"
    after = col.get_card(card.id)
    assert after.reps == reviewed.reps == 1
    assert after.type == reviewed.type
    assert after.due == reviewed.due
    assert col.db.scalar("select count() from revlog where cid = ?", card.id) == 1
    assert col.note_count() == 10
    assert col.card_count() == 11


def test_changed_card_design_updates_the_note_type_but_no_note(col, tmp_path: Path, monkeypatch) -> None:
    recipe = write_recipe(tmp_path)
    state = tmp_path / "state.json"
    import_package(col, build(recipe, tmp_path / "v1", state=state).path)

    monkeypatch.setattr(
        anki_notetypes,
        "card_css",
        lambda: ".card { font-size: 30px; } .nightMode .card, .night_mode .card {}",
    )
    counts = import_package(col, build(recipe, tmp_path / "v2", state=state, now=NOW + 60).path)
    assert (counts.new, counts.updated, counts.conflicting) == (0, 0, 0)
    assert "font-size: 30px" in col.models.get(BASIC.ids["de"])["css"]


def test_a_field_added_to_a_note_type_merges_on_reimport(col, tmp_path: Path, monkeypatch) -> None:
    recipe = write_recipe(tmp_path)
    state = tmp_path / "state.json"
    import_package(col, build(recipe, tmp_path / "v1", state=state).path)
    col.decks.select(col.decks.id_for_name("Test & KI"))
    card = col.sched.getCard()
    col.sched.answerCard(card, 3)
    notetypes_before = len(col.models.all_names_and_ids())

    mnemonic = FieldSpec(1_234_567_890_123, "Mnemonic")
    grown = dataclasses.replace(CHOICE, fields=(*CHOICE.fields, mnemonic))
    monkeypatch.setattr(anki_fields, "CHOICE", grown)
    plain_content = anki.note_content

    def with_mnemonic(bank, question, lang):
        content = plain_content(bank, question, lang)
        extra = {"Mnemonic": "Eselsbrücke"} if content.spec is grown else {}
        return dataclasses.replace(content, fields={**content.fields, **extra})

    monkeypatch.setattr(anki, "note_content", with_mnemonic)
    rebuilt = build(recipe, tmp_path / "v2", state=state, now=NOW + 60)
    counts = import_package(col, rebuilt.path, merge_notetypes=True)

    assert counts.new == 0
    assert counts.conflicting == 0
    assert len(col.models.all_names_and_ids()) == notetypes_before  # merged, not duplicated
    model = col.models.get(CHOICE.ids["de"])
    assert [(f["name"], f["id"]) for f in model["flds"]][-1] == ("Mnemonic", mnemonic.id)
    assert col.note_count() == 10
    assert notes_by_question(col)["alpha-single"]["Prompt"] == "Wo sitzt DeepSeek?"
    assert col.get_card(card.id).reps == 1
    # Anki stamps every merged note with the time of the merge, so the new field's content
    # arrives with "Update notes: Always" (as decks/README.md tells learners).
    assert notes_by_question(col)["alpha-single"]["Mnemonic"] == ""
    import_package(col, rebuilt.path, merge_notetypes=True, always_update=True)
    assert notes_by_question(col)["alpha-single"]["Mnemonic"] == "Eselsbrücke"
    assert col.get_card(card.id).reps == 1
    assert col.note_count() == 10
