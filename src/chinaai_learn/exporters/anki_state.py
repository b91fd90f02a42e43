"""The Anki build state (``decks/anki-state.json``): content hash and modification time per note.

Anki updates an existing note on import only when the incoming note's modification time
is newer than its own. So a note's ``mod`` must change when, and only when, its content
changes: this file remembers, per note guid (and per note type), the hash of what was
last written and the time it first looked like that. It is committed with the recipes, so
any checkout rebuilds byte-identical decks, and a re-import of an unchanged deck changes
nothing. Entries are written one per line, sorted, so that diffs and merges stay small.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import UserError, display_path
from .atomic_write import write_atomically

STATE_FILE = "anki-state.json"
_ABOUT = (
    "Written by `chinaai-learn anki`; commit it. It keeps each note's modification time "
    "stable until the note's content changes, so re-imports update only what changed."
)


class Stamp(BaseModel):
    """When something last changed, and a hash of what it looked like then."""

    model_config = ConfigDict(extra="forbid", strict=True)

    hash: str
    mod: int
    question: str | None = None
    name: str | None = None


class DeckStamps(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    name: str
    notes: dict[str, Stamp]


class StateFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    version: Literal[1]
    about: str = _ABOUT
    notetypes: dict[str, Stamp] = {}
    decks: dict[str, DeckStamps] = {}


def content_hash(value: object) -> str:
    """A short, stable hash of JSON-like data (enough to notice any change)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


@dataclass
class AnkiBuildState:
    """The stamps of every deck and note type built so far; ``stamp_*`` keep or renew them."""

    path: Path
    data: StateFile = field(default_factory=lambda: StateFile(version=1))
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
            raise UserError(f"{shown}:{exc.lineno}:{exc.colno}: the Anki build state is not valid JSON ({exc.msg}): {advice}") from None
        except (ValidationError, UnicodeDecodeError) as exc:
            raise UserError(f"{shown}: the Anki build state has an unexpected shape: {advice}\n{exc}") from None
        return cls(path, data, raw)

    def stamp_notetype(self, model_id: int, name: str, digest: str, now: int) -> int:
        """The note type's modification time: kept while ``digest`` is unchanged."""
        key = str(model_id)
        self.data.notetypes[key] = _renew(self.data.notetypes.get(key), digest, now, name=name)
        return self.data.notetypes[key].mod

    def stamp_notes(self, deck_id: int, deck_name: str, notes: list[tuple[str, str, str]], now: int) -> list[tuple[int, bool]]:
        """(modification time, changed?) for a deck's notes, given as (guid, question id, digest).

        A note is changed when it is new or its digest differs from the last build. The
        deck's stamps are replaced by exactly these notes, so questions that left the deck
        leave the state too.
        """
        key = str(deck_id)
        old = self.data.decks.get(key)
        before = old.notes if old else {}
        stamps = {guid: _renew(before.get(guid), digest, now, question=qid) for guid, qid, digest in notes}
        self.data.decks[key] = DeckStamps(name=deck_name, notes=stamps)
        return [
            (stamps[guid].mod, guid not in before or before[guid].hash != digest) for guid, _, digest in notes
        ]

    @property
    def changed(self) -> bool:
        return self.text() != self._original

    def text(self) -> str:
        """The file's content: sorted, one note per line."""
        def line(key: str, stamp: Stamp) -> str:
            return f"{json.dumps(key, ensure_ascii=False)}: {json.dumps(stamp.model_dump(exclude_none=True), ensure_ascii=False)}"

        notetypes = ",\n".join(f"    {line(k, s)}" for k, s in sorted(self.data.notetypes.items(), key=lambda kv: int(kv[0])))
        decks = []
        for deck_id, deck in sorted(self.data.decks.items(), key=lambda kv: int(kv[0])):
            notes = ",\n".join(
                f"        {line(g, s)}" for g, s in sorted(deck.notes.items(), key=lambda kv: (kv[1].question or "", kv[0]))
            )
            decks.append(
                f"    {json.dumps(deck_id)}: {{\n      \"name\": {json.dumps(deck.name, ensure_ascii=False)},\n"
                f"      \"notes\": {{\n{notes}\n      }}\n    }}"
            )
        deck_text = ",\n".join(decks)
        return (
            "{\n"
            f'  "version": {self.data.version},\n'
            f'  "about": {json.dumps(_ABOUT)},\n'
            f'  "notetypes": {{\n{notetypes}\n  }},\n'
            f'  "decks": {{\n{deck_text}\n  }}\n'
            "}\n"
        )

    def save(self) -> bool:
        """Write the file atomically if anything changed; True if it was written."""
        if not self.changed:
            return False
        text = self.text()
        try:
            write_atomically(self.path, text.encode("utf-8"))
        except OSError as exc:
            raise UserError(
                f"{display_path(self.path)}: cannot write the Anki build state ({exc.strerror or exc}): "
                "pass --state FILE to keep it somewhere writable"
            ) from None
        self._original = text
        return True


def _renew(old: Stamp | None, digest: str, now: int, **labels: str) -> Stamp:
    """Keep ``old`` if the content is the same; otherwise a new stamp, strictly later than the old one."""
    if old is not None and old.hash == digest:
        return old.model_copy(update=labels)
    mod = now if old is None else max(now, old.mod + 1)
    return Stamp(hash=digest, mod=mod, **labels)

