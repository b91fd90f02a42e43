"""What is looked at before SQLite opens a store: the file's header, under a lock shared by all instances."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100


def header_damage(path: Path) -> str | None:
    """Why the file at ``path`` cannot be a SQLite database, judged from its first 100 bytes; None if it may be.

    A missing or empty file is a new store. SQLite itself is not asked: given a damaged
    header it may truncate or delete the write-ahead log that holds committed answers.
    """
    try:
        with path.open("rb") as file:
            header = file.read(HEADER_BYTES)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"it cannot be read ({exc.strerror or exc})"
    if not header:
        return None
    if not header.startswith(SQLITE_MAGIC):
        return "it does not start like a SQLite database (damaged, or another kind of file)"
    if len(header) < HEADER_BYTES:
        return "it is cut short: the SQLite header is incomplete"
    page_size = int.from_bytes(header[16:18], "big")
    if not (page_size == 1 or (512 <= page_size <= 32768 and page_size & (page_size - 1) == 0)):
        return f"its SQLite header is damaged (page size {page_size})"
    if header[18] not in (1, 2) or header[19] not in (1, 2):
        return "its SQLite header is damaged (unknown file format version)"
    return None


@contextlib.contextmanager
def opening_lock(path: Path) -> Iterator[None]:
    """Hold ``<store>.lock`` exclusively while a store is checked, kept aside or created."""
    lock_path = path.with_name(path.name + ".lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield  # a folder we cannot write to: opening fails later with the learner's words
        return
    try:
        _lock(fd)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined,unused-ignore]
        return
    fcntl.flock(fd, fcntl.LOCK_EX)


def _unlock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined,unused-ignore]
        return
    fcntl.flock(fd, fcntl.LOCK_UN)
