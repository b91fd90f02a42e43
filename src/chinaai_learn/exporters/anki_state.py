"""The Anki build state (``anki-state.json``): identity, content hash and modification time per note.

Anki updates an existing note on import only when the incoming note's modification time
is newer than its own. So a note's ``mod`` must change when, and only when, its content
changes: this file remembers, per note guid (and per note type), the hash of what was
last written and the time it first looked like that. It also remembers each note's
question id, note kind, fields and tags, so that the build knows which GUID a question's
note has (``guid_of``) and can ship a note whose question left the deck once more,
retired (``leaving``). It is committed with the recipes, so any checkout rebuilds
byte-identical decks, and a re-import of an unchanged deck changes nothing. Entries are
written one per line, sorted, so that diffs and merges stay small.

The file is checked against its pydantic schema once when it is read; while a build runs,
stamps are plain tuples, because a deck renews one per note.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import UserError, display_path
from ..json_problems import not_utf8_position, shape_problem
from .atomic_write import StagedFile

if TYPE_CHECKING:
    from .anki_notetypes import NoteTypeSpec

STATE_FILE = "anki-state.json"
_ABOUT = (
    "Written by `chinaai-learn anki`; commit it, never delete it. It keeps each note's GUID and "
    "modification time stable until the note's content changes, so re-imports update only what "
    "changed, and it remembers retired notes so that no GUID ever carries two note types."
)

# One encoder each, built once: json.dumps with options builds a new encoder per call.
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_json_string = json.JSONEncoder(ensure_ascii=False).encode
# What those encoders write for one str (the C function behind ``ensure_ascii=False``), called
# directly: a note's hash and its line join the encoded texts, several times faster than
# handing the encoder a whole list or dict per note.
_encode_text: Callable[[str], str] = json.encoder.encode_basestring


class StampEntry(BaseModel):
    """A stamp as the file stores it."""

    model_config = ConfigDict(extra="forbid", strict=True)

    hash: str
    mod: int
    question: str | None = None
    name: str | None = None
    kind: str | None = None
    retired: bool = False
    fields: dict[str, str] | None = None
    tags: list[str] | None = None


class DeckEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    name: str
    notes: dict[str, StampEntry]


class StateFile(BaseModel):
    """The shape of the whole file, checked when it is read."""

    model_config = ConfigDict(extra="forbid", strict=True)

    version: Literal[1, 2]
    about: str = _ABOUT
    namespace: str | None = None
    notetypes: dict[str, StampEntry] = {}
    decks: dict[str, DeckEntry] = {}


class Stamp(NamedTuple):
    """When something last changed, and a hash of what it looked like then."""

    hash: str
    mod: int
    question: str | None = None
    name: str | None = None
    kind: str | None = None
    retired: bool = False
    fields: dict[str, str] | None = None
    tags: tuple[str, ...] | None = None
    # The fields and tags as the file writes them (``, "fields": {...}, "tags": [...]``), when
    # the build has encoded them already (``note_entry``); else ``line`` encodes them.
    encoded: str | None = None

    @classmethod
    def of(cls, entry: StampEntry) -> Stamp:
        tags = tuple(entry.tags) if entry.tags is not None else None
        return cls(
            entry.hash, entry.mod, entry.question, entry.name, entry.kind, entry.retired, entry.fields, tags
        )

    def line(self, key: str) -> str:
        """``"key": {...}`` exactly as ``json.dumps`` writes the entry (keys in field order, no nulls)."""
        parts = [_encode_text(key), ': {"hash": ', _encode_text(self.hash), ', "mod": ', str(self.mod)]
        if self.question is not None:
            parts += (', "question": ', _encode_text(self.question))
        if self.name is not None:
            parts += (', "name": ', _encode_text(self.name))
        if self.kind is not None:
            parts += (', "kind": ', _encode_text(self.kind))
        if self.retired:
            parts.append(', "retired": true')
        if self.encoded is not None:
            parts.append(self.encoded)
        elif self.fields is not None:
            parts += (', "fields": {', ", ".join(_encoded_items(self.fields)), "}")
        if self.encoded is None and self.tags is not None:
            parts += (', "tags": [', ", ".join(map(_encode_text, self.tags)), "]")
        parts.append("}")
        return "".join(parts)


class NoteRecord(NamedTuple):
    """One note as a build ships it: what the state remembers about it."""

    guid: str
    question: str
    kind: str
    digest: str
    fields: dict[str, str]
    tags: tuple[str, ...]
    retired: bool = False
    encoded: str | None = None  # its fields and tags as the file writes them (``Stamp.encoded``)


@dataclass
class DeckStamps:
    """One deck's name and its notes' stamps by guid."""

    name: str
    notes: dict[str, Stamp]


def content_hash(value: object) -> str:
    """A short, stable hash of JSON-like data (enough to notice any change)."""
    return hashlib.sha256(_CANONICAL.encode(value).encode("utf-8")).hexdigest()[:20]


class NoteTags(NamedTuple):
    """A note's tags, and their texts JSON-encoded as a note's hash and its line in the file join them."""

    tags: tuple[str, ...]
    hashed: str  # joined with "," (the canonical JSON of the hash)
    written: str  # joined with ", " (the file)

    @classmethod
    def of(cls, tags: Sequence[str]) -> NoteTags:
        encoded = list(map(_encode_text, tags))
        return cls(tuple(tags), ",".join(encoded), ", ".join(encoded))


class NoteEntry(NamedTuple):
    """A note's field values, its content hash, and what the state file remembers of it."""

    values: list[str]  # every field, in field order ("" for an empty one)
    digest: str
    stored: dict[str, str]  # the non-empty fields, in field order
    encoded: str  # ``Stamp.encoded``: the stored fields and the tags as the file writes them


def note_entry(spec: NoteTypeSpec, fields: dict[str, str], model_id: int, tags: NoteTags) -> NoteEntry:
    """The note that shows ``fields`` as a ``spec`` note, each non-empty text JSON-encoded once.

    The hash is ``content_hash([model_id, spec.hashed_content(values), list(tags)])`` and
    the encoded text what ``Stamp.line`` writes for the stored fields and the tags; here
    both are joined from the same encoded texts, rather than the encoder being handed a
    list and a dict per note (a test keeps the three equal: the committed state's hashes
    and lines depend on it). The canonical JSON of a list of an integer and texts is those
    pieces joined with ","; an upgraded note type's ``[texts, {name: text}]`` is joined the
    same way, the dict's keys sorted as the encoder sorts them.
    """
    values, filled = spec.filled_values(fields)
    names = spec.field_names
    first_added = spec.first_added
    if first_added is None:  # added fields between the first release's: the encoder's way
        return _note_entry_encoder(spec, values, filled, model_id, tags)
    keys = _written_keys(names)
    base = ['""'] * first_added
    written, added, stored = [], [], {}
    for position in filled:  # one pass, each text encoded once
        value = values[position]
        text = _encode_text(value)
        written.append(keys[position] + text)
        stored[names[position]] = value
        if position < first_added:
            base[position] = text
        else:
            added.append((names[position], text))
    hashed = ",".join(base)
    if added:
        pairs = ",".join(f"{_encode_text(name)}:{text}" for name, text in sorted(added))
        hashed = f"[{hashed}],{{{pairs}}}"
    digest = hashlib.sha256(f"[{model_id},[{hashed}],[{tags.hashed}]]".encode()).hexdigest()[:20]
    return NoteEntry(
        values, digest, stored, f', "fields": {{{", ".join(written)}}}, "tags": [{tags.written}]'
    )


def _note_entry_encoder(
    spec: NoteTypeSpec, values: list[str], filled: list[int], model_id: int, tags: NoteTags
) -> NoteEntry:
    names = spec.field_names
    stored = {names[position]: values[position] for position in filled}
    digest = content_hash([model_id, spec.hashed_content(values), list(tags.tags)])
    written = ", ".join(_encoded_items(stored))
    return NoteEntry(values, digest, stored, f', "fields": {{{written}}}, "tags": [{tags.written}]')


@lru_cache(maxsize=64)
def _written_keys(names: tuple[str, ...]) -> tuple[str, ...]:
    """``"name": `` for each field name, as the file writes the keys of a note's fields."""
    return tuple(map(_written_key, names))


@lru_cache(maxsize=256)
def _written_key(name: str) -> str:
    return _encode_text(name) + ": "


def _encoded_items(fields: dict[str, str]) -> list[str]:
    """``"name": "value"`` for each field, as ``json.dumps`` writes the items of a dict."""
    return [_written_key(name) + _encode_text(value) for name, value in fields.items()]


@dataclass
class AnkiBuildState:
    """The stamps of every deck and note type built so far; ``stamp_*`` keep or renew them."""

    path: Path
    notetypes: dict[str, Stamp] = field(default_factory=dict)
    decks: dict[str, DeckStamps] = field(default_factory=dict)
    _original: list[bytes] = field(default_factory=list, repr=False)  # the file as read or last written
    namespace: str | None = None  # a bank built without recipes: where its deck ids come from
    _index: dict[int, dict[tuple[str, str | None], str]] = field(default_factory=dict, repr=False)
    _staged: list[bytes] = field(default_factory=list, repr=False)  # the file as ``stage`` last wrote it

    @classmethod
    def load(cls, path: Path) -> AnkiBuildState:
        """Read the state file; a missing file is an empty state (every note is new)."""
        if not path.exists():
            state = cls(path)
            state._original = state.encoded()
            return state
        shown = display_path(path)
        advice = "fix it, or restore it with git (deleting it marks every note as changed once)"
        try:
            raw = path.read_bytes()
            data = _read_state(raw)
        except OSError as exc:
            raise UserError(f"{shown}: cannot read the Anki build state: {exc.strerror or exc}") from None
        except json.JSONDecodeError as exc:
            raise UserError(
                f"{shown}:{exc.lineno}:{exc.colno}: the Anki build state is not valid JSON ({exc.msg}): {advice}"
            ) from None
        except UnicodeDecodeError as exc:
            line, column = not_utf8_position(raw, exc)
            raise UserError(
                f"{shown}:{line}:{column}: the Anki build state is not UTF-8 text: {advice}"
            ) from None
        except ValidationError as exc:
            line, column, problem = shape_problem(raw.decode("utf-8"), exc)
            raise UserError(
                f"{shown}:{line}:{column}: the Anki build state has an unexpected shape ({problem}): {advice}"
            ) from None
        notetypes = {key: Stamp.of(entry) for key, entry in data.notetypes.items()}
        decks = {
            key: DeckStamps(deck.name, {guid: Stamp.of(entry) for guid, entry in deck.notes.items()})
            for key, deck in data.decks.items()
        }
        return cls(path, notetypes, decks, [raw], data.namespace)

    def stamp_notetype(self, model_id: int, name: str, digest: str, now: int) -> int:
        """The note type's modification time: kept while ``digest`` is unchanged."""
        key = str(model_id)
        old = self.notetypes.get(key)
        if old is not None and old.hash == digest:
            stamp = old if old.name == name else old._replace(name=name)
        else:
            stamp = Stamp(digest, _later(old, now), name=name)
        self.notetypes[key] = stamp
        return stamp.mod

    def guid_of(self, deck_id: int, question_id: str, kind: str) -> str | None:
        """The GUID of the note that shows ``question_id`` as a ``kind`` note in this deck, if it has one.

        A GUID belongs to one question *and* one note kind forever: the GUID this state
        already gave that pair (even to a retired note, which then comes back); None for a
        new pair, whose GUID the build makes (including the kind). A note remembered without
        a kind (a state from before kinds were recorded) keeps its GUID for the kind the
        question has at its first build with kinds.
        """
        deck = self.decks.get(str(deck_id))
        if deck is None:
            return None
        index = self._index.get(deck_id)
        if index is None:
            index = {}
            for guid, stamp in deck.notes.items():
                if stamp.question is not None:
                    index.setdefault((stamp.question, stamp.kind), guid)
            self._index[deck_id] = index
        known = index.get((question_id, kind))
        if known is None:
            known = index.pop((question_id, None), None)
            if known is not None:
                index[(question_id, kind)] = known
        return known

    def leaving(self, deck_id: int, shipped: set[str]) -> list[tuple[str, Stamp]]:
        """The deck's remembered notes that this build does not ship as questions: to ship retired."""
        deck = self.decks.get(str(deck_id))
        if deck is None:
            return []
        return [(guid, stamp) for guid, stamp in deck.notes.items() if guid not in shipped]

    def stamp_notes(
        self, deck_id: int, deck_name: str, notes: list[NoteRecord], now: int
    ) -> list[tuple[int, bool]]:
        """(modification time, changed?) for every note of a deck, retired ones included.

        A note is changed when it is new or its digest differs from the last build. The
        deck's stamps are replaced by exactly these notes, so the build must pass the
        retired notes (``leaving``) too: a GUID, once given, is never forgotten.
        """
        key = str(deck_id)
        old_deck = self.decks.get(key)
        before = old_deck.notes if old_deck else {}
        stamps: dict[str, Stamp] = {}
        result = []
        for note in notes:
            old = before.get(note.guid)
            changed = old is None or old.hash != note.digest
            mod = _later(old, now) if changed else old.mod  # type: ignore[union-attr]
            stamp = Stamp(
                note.digest,
                mod,
                note.question,
                None,
                note.kind,
                note.retired,
                note.fields,
                note.tags,
                note.encoded,
            )
            result.append((mod, changed))
            stamps[note.guid] = stamp
        self.decks[key] = DeckStamps(deck_name, stamps)
        self._index.pop(deck_id, None)
        return result

    @property
    def changed(self) -> bool:
        return not _same_bytes(self.encoded(), self._original)

    def text(self) -> str:
        """The file's content: sorted, one note per line."""
        return b"".join(self.encoded()).decode("utf-8")

    def encoded(self) -> list[bytes]:
        """The file's content in UTF-8, in pieces of about a megabyte.

        A state of 100,000 notes is some 80 MB of text: built as one string, and then as
        the bytes written, it would take several times that at once.
        """
        chunks: list[bytes] = []
        batch: list[str] = []
        size = 0
        for piece in self._pieces():
            batch.append(piece)
            size += len(piece)
            if size >= _CHUNK:
                chunks.append("".join(batch).encode("utf-8"))
                batch, size = [], 0
        chunks.append("".join(batch).encode("utf-8"))
        return chunks

    def _pieces(self) -> Iterator[str]:
        yield '{\n  "version": 2,\n'
        yield f'  "about": {json.dumps(_ABOUT)},\n'
        if self.namespace:
            yield f'  "namespace": {_json_string(self.namespace)},\n'
        yield '  "notetypes": {\n'
        yield ",\n".join(f"    {self.notetypes[key].line(key)}" for key in sorted(self.notetypes, key=int))
        yield '\n  },\n  "decks": {\n'
        deck_separator = ""
        for deck_id in sorted(self.decks, key=int):
            deck = self.decks[deck_id]
            notes = deck.notes
            yield (
                f'{deck_separator}    {json.dumps(deck_id)}: {{\n      "name": {_json_string(deck.name)},\n'
                '      "notes": {\n'
            )
            deck_separator = ",\n"
            separator = "        "
            for guid in sorted(notes, key=lambda guid: (notes[guid].question or "", guid)):
                yield separator + notes[guid].line(guid)
                separator = ",\n        "
            yield "\n      }\n    }"
        yield "\n  }\n}\n"

    def save(self) -> bool:
        """Write the file atomically if anything changed; True if it was written."""
        staged = self.stage()
        if staged is None:
            return False
        self.commit(staged)
        return True

    def stage(self) -> StagedFile | None:
        """The new file, written beside the old one but not yet in place; None if nothing changed.

        ``commit`` puts it in place; meanwhile the old file stands, so outputs that go with
        this state can be staged too and all be put in place only once every one is ready.
        """
        chunks = self.encoded()
        if _same_bytes(chunks, self._original):
            return None
        try:
            staged = StagedFile.write(self.path, chunks)
        except OSError as exc:
            raise self._cannot_write(exc) from None
        self._staged = chunks
        return staged

    def commit(self, staged: StagedFile) -> None:
        try:
            staged.commit()
        except OSError as exc:
            raise self._cannot_write(exc) from None
        self._original = self._staged

    def _cannot_write(self, exc: OSError) -> UserError:
        return UserError(
            f"{display_path(self.path)}: cannot write the Anki build state ({exc.strerror or exc}): "
            "pass --state FILE to keep it somewhere writable"
        )


_CHUNK = 1 << 20


def _same_bytes(first: list[bytes], second: list[bytes]) -> bool:
    """Whether two lists of byte strings hold the same bytes once joined (without joining them)."""
    if sum(map(len, first)) != sum(map(len, second)):
        return False
    a, b = filter(None, first), filter(None, second)  # empty pieces hold nothing to compare
    left, right = memoryview(b""), memoryview(b"")
    while True:
        if not left:
            left = memoryview(next(a, b""))
        if not right:
            right = memoryview(next(b, b""))
        if not left or not right:
            return not left and not right
        n = min(len(left), len(right))
        if left[:n] != right[:n]:
            return False
        left, right = left[n:], right[n:]


def _read_state(raw: bytes) -> StateFile:
    """The file checked against its schema, parsed by pydantic itself (a fifth faster than ``json`` first).

    A file that is not JSON (or not UTF-8) raises ``json``'s own error, which says where.
    """
    try:
        return StateFile.model_validate_json(raw)
    except ValidationError as exc:
        if any(error["type"] == "json_invalid" for error in exc.errors()):
            json.loads(raw.decode("utf-8"))  # JSONDecodeError or UnicodeDecodeError, with the position
        raise


def _later(old: Stamp | None, now: int) -> int:
    """A new stamp's time: ``now``, but strictly later than the old stamp even if the clock runs behind."""
    return now if old is None else max(now, old.mod + 1)
