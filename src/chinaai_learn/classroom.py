"""Classroom progress: one progress store per learner name, all in one folder (for ``chinaai-learn serve``).

Learners type their name in the browser; ``Anna``, ``anna`` and `` Anna `` are the same learner,
so the same store. A name becomes a file name of letters, digits and hyphens only, so no name
can reach outside the folder; where that drops something (``İnan`` → ``i-nan``, ``O'Brien``)
or would be a device name on Windows (``con``, ``nul``, ``com1``), a short digest of the whole
name is added, so different names never share a store. Two tabs with the same name share one store, which the store
allows (WAL, one transaction per answer); different names never touch each other's file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path

import platformdirs

from .errors import UserError
from .progress.location import APP_NAME

MAX_NAME_LENGTH = 40
STORE_SUFFIX = ".sqlite3"
CLASSROOM_FOLDER = "classroom"
_NOT_NAME = re.compile(r"[^\w]+")  # runs of anything but letters, digits and "_"
# Names Windows reserves for devices, whatever the extension.
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "clock$", "conin$", "conout$"}
    | {f"{dev}{n}" for dev in ("com", "lpt") for n in [*"123456789", "¹", "²", "³"]}
)


class LearnerNameError(UserError):
    """A learner name that cannot name a store; ``reason`` is ``"empty"`` or ``"too_long"``."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


def default_classroom_dir() -> Path:
    """``<user data dir>/classroom``: where ``serve`` keeps one store per learner unless told otherwise."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / CLASSROOM_FOLDER


def learner_key(name: str) -> str:
    """The file-name form of a learner name: case-folded, words joined by hyphens (``"Anna Maria"`` → ``anna-maria``)."""
    folded = unicodedata.normalize("NFKC", name).strip().casefold()
    if len(folded) > MAX_NAME_LENGTH:
        raise LearnerNameError(f"a name has at most {MAX_NAME_LENGTH} characters", "too_long")
    words = folded.replace("_", " ").split()
    key = "-".join(part for part in _NOT_NAME.split(" ".join(words)) if part)
    if not key:
        raise LearnerNameError("type a name with at least one letter or digit", "empty")
    if key != "-".join(words) or key in _RESERVED:
        digest = hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:8]
        key = f"{key}-{digest}"
    return key


def learner_store_path(folder: Path, name: str) -> Path:
    """The progress store of learner ``name`` in ``folder``."""
    return folder / f"{learner_key(name)}{STORE_SUFFIX}"


def prepare_classroom_dir(folder: Path) -> Path:
    """Create ``folder`` if needed and prove it can be written; a UserError says what to do otherwise."""
    folder = folder.expanduser()
    advice = "choose another folder with --progress-dir DIR"
    if folder.exists() and not folder.is_dir():
        raise UserError(f"--progress-dir {folder}: this is a file, not a folder; {advice}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise UserError(
            f"--progress-dir {folder}: cannot write there ({exc.strerror or exc}); {advice}"
        ) from None
    return folder.resolve()


PREFERENCES_SUFFIX = ".prefs.json"


def learner_preferences_path(folder: Path, name: str) -> Path:
    """Beside the learner's store: the choices a learner made in the classroom (the language)."""
    store = learner_store_path(folder, name)
    return store.with_name(store.name.removesuffix(STORE_SUFFIX) + PREFERENCES_SUFFIX)


def learner_language(folder: Path, name: str) -> str | None:
    """The language the learner last chose, or None (never chosen, or an unreadable file)."""
    try:
        data = json.loads(learner_preferences_path(folder, name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    lang = data.get("lang") if isinstance(data, dict) else None
    return lang if lang in ("de", "en") else None


def remember_learner_language(folder: Path, name: str, lang: str) -> None:
    """Keep the learner's language for the next visit; a folder that cannot be written only loses this."""
    path = learner_preferences_path(folder, name)
    temp: str | None = None
    try:
        fd, temp = tempfile.mkstemp(prefix=".prefs-", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"lang": lang}, out)
        os.replace(temp, path)
    except OSError:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
