"""The Anki build state (``decks/anki-state.json``): content hash and modification time per note.

Anki updates an existing note on import only when the incoming note's modification time
is newer than its own. So a note's ``mod`` must change when, and only when, its content
changes: this file remembers, per note guid (and per note type), the hash of what was
last written and the time it first looked like that. It is committed with the recipes, so
any checkout rebuilds byte-identical decks, and a re-import of an unchanged deck changes
nothing. Entries are written one per line, sorted, so that diffs and merges stay small.

The file is checked against its pydantic schema once when it is read; while a build runs,
stamps are plain tuples, because a deck renews one per note.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import UserError, display_path
from .atomic_write import write_atomically

STATE_FILE = "anki-state.json"
_ABOUT = (
    "Written by `chinaai-learn anki`; commit it. It keeps each note's modification time "
    "stable until the note's content changes, so re-imports update only what changed."
)

# One encoder each, built once: json.dumps with options builds a new encoder per call.
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_json_string = json.JSONEncoder(ensure_ascii=False).encode


class StampEntry(BaseModel):
    """A stamp as the file stores it."""

    model_config = ConfigDict(extra="forbid", strict=True)

    hash: str
    mod: int
    question: str | None = None
    name: str | None = None


class DeckEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    name: str
    notes: dict[str, StampEntry]


class StateFile(BaseModel):
    """The shape of the whole file, checked when it is read."""

    model_config = ConfigDict(extra="forbid", strict=True)

    version: Literal[1]
    about: str = _ABOUT
    notetypes: dict[str, StampEntry] = {}
    decks: dict[str, DeckEntry] = {}


class Stamp(NamedTuple):
    """When something last changed, and a hash of what it looked like then."""

    hash: str
    mod: int
    question: str | None = None
    name: str | None = None

    @classmethod
    def of(cls, entry: StampEntry) -> Stamp:
        return cls(entry.hash, entry.mod, entry.question, entry.name)

    def line(self, key: str) -> str:
        """``"key": {...}`` exactly as ``json.dumps`` writes the entry (keys in field order, no nulls)."""
        text = f'{_json_string(key)}: {{"hash": {_json_string(self.hash)}, "mod": {self.mod}'
        if self.question is not None:
            text += f', "question": {_json_string(self.question)}'
        if self.name is not None:
            text += f', "name": {_json_string(self.name)}'
        return text + "}"


@dataclass
class DeckStamps:
    """One deck's name and its notes' stamps by guid."""

    name: str
    notes: dict[str, Stamp]


def content_hash(value: object) -> str:
    """A short, stable hash of JSON-like data (enough to notice any change)."""
    return hashlib.sha256(_CANONICAL.encode(value).encode("utf-8")).hexdigest()[:20]


@dataclass
class AnkiBuildState:
    """The stamps of every deck and note type built so far; ``stamp_*`` keep or renew them."""

    path: Path
    notetypes: dict[str, Stamp] = field(default_factory=dict)
    decks: dict[str, DeckStamps] = field(default_factory=dict)
    _original: str = ""

    @classmethod
    def load(cls, path: Path) -> AnkiBuildState:
        """Read the state file; a missing file is an empty state (every note is new)."""
        if not path.exists():
            state = cls(path)
            state._original = state.text()
            return state
        shown = display_path(path)
        advice = "fix it, or restore it with git (deleting it marks every note as changed once)"
        try:
            raw = path.read_text(encoding="utf-8")
            data = StateFile.model_validate(json.loads(raw))
        except OSError as exc:
            raise UserError(f"{shown}: cannot read the Anki build state: {exc.strerror or exc}") from None
        except json.JSONDecodeError as exc:
            raise UserError(
                f"{shown}:{exc.lineno}:{exc.colno}: the Anki build state is not valid JSON ({exc.msg}): {advice}"
            ) from None
        except (ValidationError, UnicodeDecodeError) as exc:
            raise UserError(
                f"{shown}: the Anki build state has an unexpected shape: {advice}\n{exc}"
            ) from None
        notetypes = {key: Stamp.of(entry) for key, entry in data.notetypes.items()}
        decks = {
            key: DeckStamps(deck.name, {guid: Stamp.of(entry) for guid, entry in deck.notes.items()})
            for key, deck in data.decks.items()
        }
        return cls(path, notetypes, decks, raw)

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

    def stamp_notes(
        self, deck_id: int, deck_name: str, notes: list[tuple[str, str, str]], now: int
    ) -> list[tuple[int, bool]]:
        """(modification time, changed?) for a deck's notes, given as (guid, question id, digest).

        A note is changed when it is new or its digest differs from the last build. The
        deck's stamps are replaced by exactly these notes, so questions that left the deck
        leave the state too.
        """
        key = str(deck_id)
        old_deck = self.decks.get(key)
        before = old_deck.notes if old_deck else {}
        stamps: dict[str, Stamp] = {}
        result = []
        for guid, question_id, digest in notes:
            old = before.get(guid)
            if old is not None and old.hash == digest:
                stamp = old if old.question == question_id else old._replace(question=question_id)
                result.append((stamp.mod, False))
            else:
                stamp = Stamp(digest, _later(old, now), question=question_id)
                result.append((stamp.mod, True))
            stamps[guid] = stamp
        self.decks[key] = DeckStamps(deck_name, stamps)
        return result

    @property
    def changed(self) -> bool:
        return self.text() != self._original

    def text(self) -> str:
        """The file's content: sorted, one note per line."""
        notetypes = ",\n".join(
            f"    {self.notetypes[key].line(key)}" for key in sorted(self.notetypes, key=int)
        )
        decks = []
        for deck_id in sorted(self.decks, key=int):
            deck = self.decks[deck_id]
            order = sorted((stamp.question or "", guid, stamp) for guid, stamp in deck.notes.items())
            notes = ",\n".join(f"        {stamp.line(guid)}" for _, guid, stamp in order)
            decks.append(
                f'    {json.dumps(deck_id)}: {{\n      "name": {_json_string(deck.name)},\n'
                f'      "notes": {{\n{notes}\n      }}\n    }}'
            )
        deck_text = ",\n".join(decks)
        return (
            "{\n"
            '  "version": 1,\n'
            f'  "about": {json.dumps(_ABOUT)},\n'
            f'  "notetypes": {{\n{notetypes}\n  }},\n'
            f'  "decks": {{\n{deck_text}\n  }}\n'
            "}\n"
        )

    def save(self) -> bool:
        """Write the file atomically if anything changed; True if it was written."""
        text = self.text()
        if text == self._original:
            return False
        try:
            write_atomically(self.path, text.encode("utf-8"))
        except OSError as exc:
            raise UserError(
                f"{display_path(self.path)}: cannot write the Anki build state ({exc.strerror or exc}): "
                "pass --state FILE to keep it somewhere writable"
            ) from None
        self._original = text
        return True


def _later(old: Stamp | None, now: int) -> int:
    """A new stamp's time: ``now``, but strictly later than the old stamp even if the clock runs behind."""
    return now if old is None else max(now, old.mod + 1)
