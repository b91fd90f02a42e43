"""The Anki export: deck recipes → ``.apkg`` files that re-import cleanly, with genanki.

What a learner importing the deck relies on, and where it is kept:
- identity: fixed note type, field and template ids (``anki_notetypes``), fixed deck ids
  (the recipe's, and one derived per topic), note GUIDs from the question id, the deck id
  and the language, never from content;
- updates: each note's ``mod`` changes only when its content does (``anki_state``), and
  an unchanged bank rebuilds byte for byte (``anki_package``);
- cards: one note type per kind of card, escaped fields and a ``Source`` on every back
  (``anki_fields``); notes in bank order (``due``); hierarchical tags.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import genanki

from ..bank import Bank
from ..bank_location import default_decks_dir
from ..collector import collector_paused
from ..errors import InternalError, Problem, UserError, did_you_mean, display_path
from ..model import Cloze, QuestionBase
from .anki_fields import note_content, text_html
from .anki_notetypes import BASIC, NOTE_TYPES, NoteTypeSpec, StampedModel, model_json_parts
from .anki_package import BatchedDeck, StampedNote, package_bytes
from .anki_recipe import LoadedRecipe, RecipeError, find_recipes, load_recipe
from .anki_state import AnkiBuildState, NoteRecord, NoteTags, Stamp, content_hash, note_entry
from .anki_state_location import bank_recipes, bank_state_path, load_state, recipe_state_path
from .atomic_write import StagedFile

_BASE91 = "".join(genanki.util.BASE91_TABLE)
_BASE91_PAIR = 91 * 91
_BASE91_PAIRS = [high + low for high in _BASE91 for low in _BASE91]
_TAG = re.compile(r"^[a-z0-9_-]+(?:::[a-z0-9_-]+)*$")

RETIRED_TAG = "chinaai::retired"
RETIRED_KEY = "::retired"  # not a topic id (those are slugs), so no topic's subdeck id can match
RETIRED_DECK = {"de": "Ausgemustert", "en": "Retired"}
RETIRED_NOTICE = {
    "de": "Ausgemustert: Diese Frage gibt es im Fragenkatalog nicht mehr; Karte aussetzen oder löschen.",
    "en": "Retired: this question has left the bank; suspend or delete this card.",
}

UPDATE_ADVICE = {
    "de": (
        "Aktualisieren: die neue Datei wieder importieren; Lernfortschritt bleibt, nur geänderte "
        "Fragen werden aktualisiert. Anki ersetzt dabei die Schlagwörter der Notiz (eigene, marked, "
        "leech): Karten lieber mit Markierungen (Flags) kennzeichnen. Eine nach dem Build bearbeitete "
        "Notiz überspringt Anki bei „Notizen aktualisieren: wenn neuer“; „Immer“ übernimmt die neue "
        "Fassung. Ändern sich Notiztypen, „Notiztypen zusammenführen“ wählen und danach einmal mit "
        "„Immer“ importieren. Ausgemusterte Fragen: Suche tag:chinaai::retired, dann aussetzen oder löschen; "
        "ihre Karten verschiebt Anki nicht, nur bei einem neuen Import liegen sie im Unterstapel „Ausgemustert“."
    ),
    "en": (
        "To update, import the new file again: your reviews stay and only changed questions are "
        "updated. Anki then replaces the note's tags (your own, marked, leech): mark cards with "
        "flags instead. A note you edited after the build is skipped under “Update notes: if "
        "newer”; “Always” takes the new version. If the note types change, tick “Merge note "
        "types”, then import once more with “Always”. Retired questions: search "
        "tag:chinaai::retired, then suspend or delete; Anki leaves their cards where they are, only a "
        "fresh import puts them in the “Retired” subdeck."
    ),
}


@dataclass
class AnkiDeckResult:
    """What one recipe produced."""

    path: Path
    deck_name: str
    notes: int = 0
    cards: int = 0
    subdecks: int = 0
    changed: list[str] = field(default_factory=list)  # question ids new or changed since the last build
    retired: list[str] = field(default_factory=list)  # question ids whose notes retired in this build
    retired_notes: int = 0  # retired notes shipped (this build's and earlier ones)
    state_path: Path | None = None  # the build state this deck was stamped from and into
    content: bytes = b""

    def summary(self) -> str:
        changed = f"{len(self.changed)} new or changed since the last build" if self.changed else "no changes"
        lines = [
            f"wrote {display_path(self.path)}: deck “{self.deck_name}”, {self.notes} notes, {self.cards} cards "
            f"in {self.subdecks} subdecks ({changed})"
        ]
        if self.state_path is not None:
            lines.append(f"  build state: {display_path(self.state_path)}")
        if self.retired:
            lines.append(
                f"  retired {len(self.retired)} note(s) whose question left the deck or changed type: "
                f"{', '.join(self.retired)}; they ship once more tagged {RETIRED_TAG} "
                f"(learners: search tag:{RETIRED_TAG}, then suspend or delete)"
            )
        return "\n".join(lines)


def export_anki(
    bank: Bank,
    recipes: Sequence[Path] | None = None,
    out_dir: Path = Path("."),
    *,
    state_path: Path | None = None,
    now: int | None = None,
    bank_dir: Path | None = None,
) -> list[AnkiDeckResult]:
    """Build one ``.apkg`` per recipe (default: every recipe in ``decks/``) into ``out_dir``.

    The build state lives beside each recipe (``anki-state.json``; for the recipes of an
    installed package, in the user data folder) unless ``state_path`` is given. With
    ``bank_dir`` and no recipes, the bank gets decks and a state of its own instead
    (``anki_state_location``), never the shipped ones. ``now`` (seconds) stamps notes whose
    content changed (default: the clock). Every recipe is checked against the bank before
    anything is written; RecipeError lists all their problems at once.
    """
    stamp_time = int(time.time()) if now is None else int(now)
    plan: list[tuple[LoadedRecipe, AnkiBuildState]] = []
    if bank_dir is not None and not recipes:
        state = load_state(state_path or bank_state_path(bank_dir))
        plan = [(recipe, state) for recipe in bank_recipes(bank_dir, state)]
    else:
        paths = list(recipes) if recipes else find_recipes(default_decks_dir())
        if not paths:
            raise RecipeError(
                [
                    Problem(
                        display_path(default_decks_dir()),
                        1,
                        1,
                        "no deck recipes (*.yaml) in this folder: name a recipe file",
                    )
                ]
            )
        states: dict[Path, AnkiBuildState] = {}
        for recipe in _load_all(bank, paths):
            where = state_path or recipe_state_path(recipe.path)
            if where not in states:
                states[where] = load_state(where, recipe.path)
            plan.append((recipe, states[where]))
    results = []
    with collector_paused():  # notes, fields and rows: many small objects, no cycles
        for recipe, state in plan:
            result = build_deck(bank, recipe, out_dir, state, stamp_time)
            result.state_path = state.path
            results.append(result)
    _write_together(results, list({id(state): state for _, state in plan}.values()))
    return results


def _write_together(results: list[AnkiDeckResult], states: list[AnkiBuildState]) -> None:
    """Every deck and the build states that say what the decks hold: all of them, or none.

    All are written to temporary files first (the states first of all); only when every one is
    written do they go into place, the states last. A deck that cannot be written (a read-only folder, a folder in
    its way) leaves the old decks and the old state: a state saved for decks that never
    arrived would call their changes delivered, and the next build would report none.
    """
    decks: list[tuple[AnkiDeckResult, StagedFile]] = []
    pending: list[tuple[AnkiBuildState, StagedFile]] = []
    try:
        for state in states:  # first: a state that cannot be written leaves no trace in the output folder
            staged = state.stage()
            if staged is not None:
                pending.append((state, staged))
        for result in results:
            try:
                decks.append((result, StagedFile.write(result.path, result.content)))
            except OSError as exc:
                raise _cannot_write(result, exc) from None
        for result, file in decks:
            try:
                file.commit()
            except OSError as exc:
                raise _cannot_write(result, exc) from None
        for state, file in pending:
            state.commit(file)
    finally:
        for _, file in (*decks, *pending):
            file.discard()  # those not committed; a committed one has no temporary file left


def _cannot_write(result: AnkiDeckResult, exc: OSError) -> UserError:
    return UserError(
        f"cannot write {display_path(result.path)}: {exc.strerror or exc}; choose another folder with -o DIR"
    )


def _load_all(bank: Bank, paths: Sequence[Path]) -> list[LoadedRecipe]:
    loaded, problems = [], []
    for path in paths:
        try:
            recipe = load_recipe(path)
        except RecipeError as exc:
            problems += exc.problems
            continue
        problems += recipe_problems(bank, recipe)
        loaded.append(recipe)
    by_id: dict[int, LoadedRecipe] = {}
    by_output: dict[str, LoadedRecipe] = {}
    for recipe in loaded:
        other = by_id.setdefault(recipe.recipe.deck_id, recipe)
        if other is not recipe:
            problems.append(
                recipe.problem(
                    ("deck_id",),
                    f"deck_id {recipe.recipe.deck_id} is also used by {other.path.name}: every deck needs its own id",
                )
            )
        other = by_output.setdefault(recipe.output_name, recipe)
        if other is not recipe:
            problems.append(
                recipe.problem(
                    ("output",),
                    f"{recipe.output_name} is also written by {other.path.name}: give each recipe its own 'output'",
                )
            )
    if problems:
        raise RecipeError(problems)
    return loaded


def recipe_problems(bank: Bank, loaded: LoadedRecipe) -> list[Problem]:
    """What in a recipe does not fit the bank: unknown topics or tags, an empty selection."""
    recipe, problems = loaded.recipe, []
    for index, topic in enumerate(recipe.topics or ()):
        if topic not in bank.topic_ids:
            hint = did_you_mean(topic, bank.topic_ids)
            problems.append(
                loaded.problem(
                    ("topics", index),
                    f"unknown topic {topic!r}{hint}; the bank has: {', '.join(bank.topic_ids)}",
                )
            )
    known_tags = sorted({t for q in bank.questions for t in q.tags}) if recipe.tags else []
    for index, tag in enumerate(recipe.tags):
        if tag not in known_tags:
            problems.append(
                loaded.problem(
                    ("tags", index), f"no question has the tag {tag!r}{did_you_mean(tag, known_tags)}"
                )
            )
    if not problems and not selected_questions(bank, loaded):
        problems.append(
            loaded.problem(("topics",), "this recipe selects no questions: widen its topics or tags")
        )
    return problems


def selected_questions(bank: Bank, loaded: LoadedRecipe) -> list[QuestionBase]:
    """The recipe's questions in bank order."""
    recipe = loaded.recipe
    questions = bank.select(topics=recipe.topics)
    if recipe.tags:
        wanted = set(recipe.tags)
        questions = [q for q in questions if wanted.intersection(q.tags)]
    return questions


def build_deck(
    bank: Bank, loaded: LoadedRecipe, out_dir: Path, state: AnkiBuildState, now: int
) -> AnkiDeckResult:
    """Build one recipe's package in memory (``result.content``) and renew its stamps in ``state``."""
    recipe, lang, deck_id = loaded.recipe, loaded.recipe.lang, loaded.recipe.deck_id
    questions = selected_questions(bank, loaded)
    result = AnkiDeckResult(out_dir / loaded.output_name, recipe.name)

    models: dict[str, StampedModel] = {}

    def model(spec: NoteTypeSpec) -> StampedModel:
        if spec.kind not in models:
            models[spec.kind] = _stamped_model(spec, lang, state, now)
        return models[spec.kind]

    # One pass per question: its fields are built and hashed once, and the list of values goes
    # on into the package as it is.
    records: list[NoteRecord] = []
    specs: list[NoteTypeSpec] = []
    shown: list[tuple[list[str], QuestionBase] | None] = []
    for question in questions:
        content = note_content(bank, question, lang)
        spec = content.spec
        kind = spec.kind
        guid = state.guid_of(deck_id, question.id, kind) or note_guid(deck_id, lang, question.id, kind)
        tags = note_tags(bank, question)
        entry = note_entry(spec, content.fields, model(spec).model_id, tags)
        records.append(
            NoteRecord(guid, question.id, kind, entry.digest, entry.stored, tags.tags, encoded=entry.encoded)
        )
        specs.append(spec)
        shown.append((entry.values, question))
    shipped = {r.guid for r in records}
    for guid, old in state.leaving(deck_id, shipped):
        record = _retired_record(guid, old, lang, model)
        records.append(record)
        specs.append(NOTE_TYPES.get(record.kind, BASIC))
        shown.append(None)
        if not old.retired:
            result.retired.append(record.question)
    stamps = state.stamp_notes(deck_id, recipe.name, records, now)

    top = BatchedDeck(deck_id, recipe.name, description=_deck_description(loaded))
    subdecks: dict[str, BatchedDeck] = {}
    retired_deck = BatchedDeck(
        subdeck_id(deck_id, RETIRED_KEY),
        f"{recipe.name}::{RETIRED_DECK[lang]}",
        description=text_html(RETIRED_NOTICE[lang]),
    )
    for position, (record, spec, live, (mod, changed)) in enumerate(
        zip(records, specs, shown, stamps, strict=True), start=1
    ):
        if live is None:
            if record.kind not in NOTE_TYPES:
                continue  # retired before kinds were recorded: nothing left to ship
            fields = [record.fields.get(name, "") for name in spec.field_names]
            retired_deck.add_note(
                StampedNote(model(spec), fields, list(record.tags), record.guid, mod, position)
            )
            continue
        values, question = live
        note = StampedNote(model(spec), values, record.tags, record.guid, mod, position)
        topic = bank.topic_of(record.question)
        if topic.id not in subdecks:
            subdecks[topic.id] = BatchedDeck(
                subdeck_id(deck_id, topic.id),
                f"{recipe.name}::{topic.title(lang).replace('::', ':')}",
                description=text_html(topic.description(lang)) if topic.description else "",
            )
        subdecks[topic.id].add_note(note)
        result.notes += 1
        result.cards += len(question.blanks) if isinstance(question, Cloze) else 1
        if changed:
            result.changed.append(record.question)
    decks = [top, *subdecks.values()]
    if retired_deck.notes:
        decks.append(retired_deck)
        result.retired_notes = len(retired_deck.notes)
    result.subdecks = len(subdecks)
    timestamp = max([mod for mod, _ in stamps] + [m.mod for m in models.values()])
    result.content = package_bytes(decks, timestamp)
    return result


def _stored(spec: NoteTypeSpec, values: list[str]) -> dict[str, str]:
    """The fields worth remembering (the non-empty ones), to ship the note again once it retires."""
    return {name: value for name, value in zip(spec.field_names, values, strict=True) if value}


def _retired_record(
    guid: str, old: Stamp, lang: str, model: Callable[[NoteTypeSpec], StampedModel]
) -> NoteRecord:
    """A note whose question left the deck: its last content, tagged retired, with a one-line notice."""
    question, kind = old.question or "", old.kind or ""
    spec = NOTE_TYPES.get(kind)
    if spec is None:
        return NoteRecord(guid, question, kind, old.hash, dict(old.fields or {}), old.tags or (), True)
    fields = {**(old.fields or {}), "Notice": text_html(RETIRED_NOTICE[lang])}
    if "ID" not in fields:
        fields["ID"] = text_html(question)
    tags = (*(t for t in (old.tags or ()) if t != RETIRED_TAG), RETIRED_TAG)
    values = [fields.get(name, "") for name in spec.field_names]
    digest = content_hash([model(spec).model_id, spec.hashed_content(values), list(tags)])
    return NoteRecord(guid, question, kind, digest, _stored(spec, values), tags, True)


def _stamped_model(spec: NoteTypeSpec, lang: str, state: AnkiBuildState, now: int) -> StampedModel:
    parts = model_json_parts(spec, lang)
    mod = state.stamp_notetype(spec.ids[lang], str(parts["name"]), content_hash(parts), now)
    return StampedModel(spec, lang, mod)


def note_guid(deck_id: int, lang: str, question_id: str, kind: str | None = None) -> str:
    """The note's GUID: from the question id and its note kind, in the deck's and language's namespace.

    Never from content, and never the same for two note kinds: Anki must never receive a
    GUID it knows with another note type (with "Merge note types" it would change the note
    type under the learner's note and empty the fields of every other note of that type;
    without, it refuses the update). A question that changes kind therefore gets a new
    note, and its old one is retired. ``kind=None`` is the GUID of the first builds, before
    kinds counted; the build state keeps those for the kind their question had then.

    The value of ``genanki.guid_for("chinaai-learn", deck_id, lang, question_id[, kind])``
    (the first 8 bytes of a SHA-256, in Anki's base 91), computed here with one ``divmod``
    per two digits instead of genanki's loops over bytes; a test keeps the two equal.
    """
    suffix = f"__{kind}" if kind is not None else ""
    key = f"chinaai-learn__{deck_id}__{lang}__{question_id}{suffix}".encode()
    number = int.from_bytes(hashlib.sha256(key).digest()[:8], "big")
    pairs = []  # two base-91 digits per divmod
    while number >= _BASE91_PAIR:
        number, pair = divmod(number, _BASE91_PAIR)
        pairs.append(_BASE91_PAIRS[pair])
    if number:  # the leading one or two digits (no leading zero digit)
        pairs.append(_BASE91_PAIRS[number] if number >= 91 else _BASE91[number])
    return "".join(reversed(pairs))


def subdeck_id(deck_id: int, topic_id: str) -> int:
    """A fixed id for a topic's subdeck, derived from the recipe's deck id and the topic id."""
    digest = hashlib.sha256(f"chinaai-learn/{deck_id}/{topic_id}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def note_tags(bank: Bank, question: QuestionBase) -> NoteTags:
    """Hierarchical tags: topic, difficulty, type, cited documents and the bank's own tags."""
    docs = tuple(cite.doc for cite in question.citations)
    kind: str = question.type  # type: ignore[attr-defined]
    try:
        return _note_tags(bank.topic_of(question).id, question.difficulty, kind, docs, tuple(question.tags))
    except InternalError as exc:
        raise InternalError(f"question {question.id}: {exc}") from None


@lru_cache(maxsize=4096)
def _note_tags(
    topic: str, difficulty: int, kind: str, docs: tuple[str, ...], own: tuple[str, ...]
) -> NoteTags:
    # Cached: most notes share their topic, difficulty, type, documents and bank tags with others.
    tags = [f"chinaai::topic::{topic}", f"chinaai::difficulty::{difficulty}", f"chinaai::type::{kind}"]
    tags += dict.fromkeys(f"chinaai::source::{doc}" for doc in docs)  # each document once
    tags += [f"chinaai::tag::{tag}" for tag in own]
    for tag in tags:
        if _TAG.match(tag) is None:
            raise InternalError(f"{tag!r} is not a valid Anki tag")
    return NoteTags.of(tags)


def _deck_description(loaded: LoadedRecipe) -> str:
    recipe = loaded.recipe
    parts = [f"<p>{text_html(recipe.description)}</p>"] if recipe.description else []
    parts.append(f"<p>{text_html(UPDATE_ADVICE[recipe.lang])}</p>")
    return "".join(parts)
