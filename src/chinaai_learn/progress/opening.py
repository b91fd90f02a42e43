"""Open the store's SQLite file safely: WAL, schema migrations, damaged or foreign files kept aside.

Nothing the learner has is ever deleted: a file at the store path that is not a readable
chinaai-learn store is renamed with a timestamp (``progress.sqlite3.damaged-20250301T090000``)
and a new store is started, with a ``Recovery`` note saying so. Locations that cannot be
written and stores from a newer release raise ``ProgressStoreError`` with what to do.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .damage import header_damage, opening_lock
from .errors import ProgressStoreError
from .migrations import APPLICATION_ID, migrate, schema_version

MEMORY = ":memory:"
BUSY_TIMEOUT_S = 30.0

# Primary SQLite result codes (the low byte of an extended code).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 3, 5, 6, 8, 10, 11, 13, 14, 26


@dataclass(frozen=True)
class Recovery:
    """A file that was at the store path and could not be used: where it was kept, and why."""

    path: Path
    kept_as: Path
    reason: str

    def message(self) -> str:
        return (
            f"the progress store {self.path} could not be used ({self.reason}). "
            f"It was kept as {self.kept_as.name}; a new, empty store was started."
        )


class _Unusable(Exception):
    def __init__(self, kind: str, reason: str):
        self.kind, self.reason = kind, reason
        super().__init__(reason)


def error_code(exc: sqlite3.Error) -> int:
    return (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def problem_for(path: Path | str, exc: sqlite3.Error) -> ProgressStoreError:
    """The learner's words for a SQLite failure at ``path``."""
    code = error_code(exc)
    if code in (_READONLY, _PERM):
        return ProgressStoreError(path, "the file or its folder cannot be written (read-only)")
    if code == _CANTOPEN:
        return ProgressStoreError(path, "the file cannot be opened or created there")
    if code == _FULL:
        return ProgressStoreError(path, "the disk is full", "free some space and try again")
    if code in (_BUSY, _LOCKED):
        return ProgressStoreError(
            path,
            "another program has kept it locked for too long",
            "close other chinaai-learn windows and try again",
        )
    if code in (_CORRUPT, _NOTADB):
        return ProgressStoreError(
            path,
            f"the file is damaged ({exc})",
            "start again: the damaged file is kept aside and a new store begun",
        )
    if code == _IOERR:
        return ProgressStoreError(path, f"reading or writing the file failed ({exc})")
    return ProgressStoreError(path, f"SQLite reported: {exc}")


@contextlib.contextmanager
def sqlite_errors(path: Path | str) -> Iterator[None]:
    """Turn SQLite failures inside the block into a ProgressStoreError for ``path``."""
    try:
        yield
    except sqlite3.Error as exc:
        raise problem_for(path, exc) from exc


def open_connection(
    path: Path | str, *, read_only: bool = False
) -> tuple[sqlite3.Connection, Recovery | None]:
    """A connection to an up-to-date store at ``path`` (created if missing), and what was recovered."""
    if str(path) == MEMORY:
        conn = _connect(MEMORY, read_only=False)
        _ensure_schema(conn, MEMORY)
        return conn, None
    path = Path(path)
    if read_only:
        return _open_read_only(path), None
    _prepare_folder(path)
    # Checking the file and moving it aside happen under one lock, so a second instance
    # never judges (or moves) a store the first has just started.
    with opening_lock(path):
        recovery = None
        damage = header_damage(path)
        if damage is not None:  # before SQLite opens it: SQLite would drop a WAL it cannot match
            recovery = Recovery(path, _keep_aside(path, "damaged"), damage)
        with sqlite_errors(path):
            conn = _connect(path, read_only=False)
            try:
                _check_is_store(conn)
            except _Unusable as unusable:
                conn.close()
                recovery = Recovery(path, _keep_aside(path, unusable.kind), unusable.reason)
                conn = _connect(path, read_only=False)
            _use_wal(conn)
            _ensure_schema(conn, path)
    return conn, recovery


def check_location(path: Path) -> None:
    """Raise ProgressStoreError when a store could never be created at ``path`` (creates nothing)."""
    if path.is_dir():
        raise ProgressStoreError(
            path, "this is a folder; the store is a file", "name a file, e.g. --progress DIR/progress.sqlite3"
        )
    ancestor = path.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise ProgressStoreError(
            path, "a part of the folder path is a file, so the store cannot be created there"
        )


def _prepare_folder(path: Path) -> None:
    check_location(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise ProgressStoreError(
            path, "a part of the folder path is a file, so the store cannot be created there"
        ) from None
    except OSError as exc:
        raise ProgressStoreError(path, f"its folder cannot be created ({exc.strerror or exc})") from None


def _open_read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise ProgressStoreError(path, "no such file (it is opened read-only, so it is not created)")
    damage = header_damage(path)
    if damage is not None:
        raise ProgressStoreError(path, damage, "open it without read-only to keep it aside and start anew")
    with sqlite_errors(path):
        conn = _connect(path, read_only=True)
        try:
            _check_is_store(conn)
        except _Unusable as unusable:
            conn.close()
            raise ProgressStoreError(
                path, unusable.reason, "open it without read-only to keep it aside and start anew"
            ) from None
        found = conn.execute("PRAGMA user_version").fetchone()[0]
        if found != schema_version():
            conn.close()
            raise ProgressStoreError(
                path,
                f"it has schema version {found}, this release reads {schema_version()}",
                "open it once without read-only",
            )
    return conn


def _connect(target: Path | str, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        conn = sqlite3.connect(
            Path(target).resolve().as_uri() + "?mode=ro",
            uri=True,
            timeout=BUSY_TIMEOUT_S,
            isolation_level=None,
        )
    else:
        conn = sqlite3.connect(str(target), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return conn


def _check_is_store(conn: sqlite3.Connection) -> None:
    """Raise _Unusable unless the file is a healthy chinaai-learn store or a new, empty database."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id == APPLICATION_ID:
            verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise _Unusable("damaged", f"SQLite's check failed: {verdict}")
            for (sql,) in conn.execute("SELECT CAST(sql AS BLOB) FROM sqlite_master"):
                if sql is not None:
                    bytes(sql).decode("utf-8")
        elif app_id != 0 or tables:
            raise _Unusable("foreign", "it is a SQLite database, but not a chinaai-learn progress store")
    except UnicodeDecodeError:
        raise _Unusable("damaged", "its table definitions are garbled (not UTF-8 text)") from None
    except sqlite3.DatabaseError as exc:
        if error_code(exc) in (_CORRUPT, _NOTADB):
            raise _Unusable("damaged", f"not a readable SQLite database: {exc}") from None
        raise


def _keep_aside(path: Path, kind: str) -> Path:
    """Rename the file (and its -wal/-shm companions) to ``<name>.<kind>-<timestamp>``; return the new path."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    kept = path.with_name(f"{path.name}.{kind}-{stamp}")
    n = 1
    while kept.exists():
        n += 1
        kept = path.with_name(f"{path.name}.{kind}-{stamp}-{n}")
    try:
        path.rename(kept)
    except FileNotFoundError:
        pass  # another instance kept it aside first
    except OSError as exc:
        raise ProgressStoreError(
            path, f"the file is {kind} and cannot be renamed ({exc.strerror or exc})"
        ) from None
    for suffix in ("-wal", "-shm", "-journal"):
        companion = path.with_name(path.name + suffix)
        with contextlib.suppress(OSError):
            if companion.exists():
                companion.rename(kept.with_name(kept.name + suffix))
    return kept


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL (readers never block the writer); retried while another instance holds a lock."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            break
        except sqlite3.OperationalError as exc:
            if error_code(exc) not in (_BUSY, _LOCKED) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    conn.execute("PRAGMA synchronous = FULL")  # an answer that was committed survives a power cut too


def _ensure_schema(conn: sqlite3.Connection, path: Path | str) -> None:
    if conn.execute("PRAGMA user_version").fetchone()[0] == schema_version():
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = conn.execute("PRAGMA user_version").fetchone()[0]
        if found > schema_version():
            raise ProgressStoreError(
                path,
                f"it was written by a newer chinaai-learn (schema {found}, this one knows {schema_version()})",
                "update chinaai-learn, or use another file with --progress PATH",
            )
        migrate(conn, found)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
