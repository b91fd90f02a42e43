"""The progress store: every graded answer committed in its own transaction, cards, unfinished sessions.

One SQLite file (WAL) may be shared by several app instances: each answer is scheduled
inside a ``BEGIN IMMEDIATE`` transaction that reads the card's latest state, so two
instances never overwrite each other's reviews.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sqlite3
import uuid
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from fsrs import Card, Rating, ReviewLog, State

from ..errors import InternalError, UserError
from .clock import next_midnight, stamp, unstamp
from .lease import Lease, Owner, wall_now
from .location import store_path
from .opening import MEMORY, Recovery, open_connection, sqlite_errors
from .records import Answer, Burial, CardInfo, Flag, RecordedAnswer, Review, UnfinishedSession
from .scheduler import RATINGS, CardScheduler, rating_for

# The running time a session has used is kept in its settings JSON under this key (not a setting:
# ``_session_from_row`` moves it to ``UnfinishedSession.time_used``), which needs no new schema version.
TIME_USED_KEY = "time_used_seconds"


class ProgressStore:
    """A learner's progress: open with ``ProgressStore.open(path)``; use as a context manager or ``close()``."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path | str, scheduler: CardScheduler, recovery: Recovery | None
    ):
        self._conn = conn
        self.path = path
        self.scheduler = scheduler
        self.recovery = recovery  # set when a damaged or foreign file was kept aside on opening

    @classmethod
    def open(
        cls,
        path: Path | str | None = None,
        *,
        scheduler: CardScheduler | None = None,
        read_only: bool = False,
    ) -> ProgressStore:
        """Open (creating or migrating) the store at ``path`` (default: $CHINAAI_LEARN_PROGRESS or the user data dir).

        ``":memory:"`` gives a throw-away store. ``read_only`` opens an existing store without
        ever writing (SQLite ``mode=ro``); recording then raises ProgressStoreError.
        """
        target = MEMORY if str(path) == MEMORY else store_path(path)
        conn, recovery = open_connection(target, read_only=read_only)
        return cls(conn, target, scheduler or CardScheduler(), recovery)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing: each method is one transaction ---------------------------------------------

    def record(
        self,
        answer: Answer,
        *,
        session_id: str | None = None,
        position: int | None = None,
        owner: Owner | None = None,
    ) -> RecordedAnswer:
        """Schedule and commit one graded answer; with ``session_id``, also move that session to ``position``.

        With ``owner``, the answer counts for the session only while that owner holds its lease
        (otherwise it is still kept and scheduled, outside the session: ``in_session`` is False).
        """
        rating = answer.rating or rating_for(answer.correct, answer.hinted)
        at = stamp(answer.answered_at)
        with self._transaction() as conn:
            in_session = session_id is None or owner is None or _holds(conn, session_id, owner)
            if not in_session:
                session_id = position = None
            row = conn.execute("SELECT * FROM cards WHERE question_id = ?", (answer.question_id,)).fetchone()
            before = (
                _card_from_row(row)
                if row
                else self.scheduler.new_card(answer.question_id, answer.answered_at)
            )
            after, _log = self.scheduler.review(before, rating, answer.answered_at, answer.duration_ms)
            graded = rating_for(answer.correct, answer.hinted)
            cursor = conn.execute(
                "INSERT INTO reviews (question_id, card_id, topic_id, answered_at, correct, score, hinted, lang,"
                " rating, graded_rating, duration_ms, session_id, position, card_before, response)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    answer.question_id, before.card_id, answer.topic_id, at, int(answer.correct), float(answer.score),
                    int(answer.hinted), answer.lang, int(rating), int(graded), answer.duration_ms, session_id,
                    position, before.to_json(), answer.response,
                ),
            )  # fmt: skip
            conn.execute(
                "INSERT INTO cards (question_id, card_id, topic_id, state, step, stability, difficulty, due,"
                " last_review, first_review, last_correct, reviews) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
                " ON CONFLICT (question_id) DO UPDATE SET topic_id = excluded.topic_id, state = excluded.state,"
                " step = excluded.step, stability = excluded.stability, difficulty = excluded.difficulty,"
                " due = excluded.due, last_review = excluded.last_review, last_correct = excluded.last_correct,"
                " reviews = cards.reviews + 1",
                (
                    answer.question_id,
                    after.card_id,
                    answer.topic_id,
                    *_card_columns(after),
                    at,
                    int(answer.correct),
                ),
            )
            if session_id is not None and position is not None:
                self._move_session(conn, session_id, position, at)
        return RecordedAnswer(int(cursor.lastrowid or 0), answer.question_id, rating, after.due, in_session)

    def override_rating(self, review_id: int, rating: Rating | int) -> RecordedAnswer:
        """Replace the rating of the question's latest review (the learner's key on the feedback screen)."""
        rating = RATINGS[int(rating)]
        with self._transaction() as conn:
            review = conn.execute("SELECT * FROM reviews WHERE id = ?", (review_id,)).fetchone()
            if review is None:
                raise InternalError(f"override_rating: no review {review_id}")
            latest = conn.execute(
                "SELECT max(id) FROM reviews WHERE question_id = ?", (review["question_id"],)
            ).fetchone()[0]
            if latest != review_id:
                raise UserError(
                    "this question was answered again since (in another window?), so this rating can no longer be changed"
                )
            before = Card.from_json(review["card_before"])
            after, _log = self.scheduler.review(
                before, rating, unstamp(review["answered_at"]), review["duration_ms"]
            )
            conn.execute("UPDATE reviews SET rating = ? WHERE id = ?", (int(rating), review_id))
            conn.execute(
                "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, last_review = ?"
                " WHERE question_id = ?",
                (*_card_columns(after), review["question_id"]),
            )
        return RecordedAnswer(review_id, review["question_id"], rating, after.due)

    def undo(self, review_id: int) -> None:
        """Take back a question's latest answer: the review goes, the card is as before it, its session one step back."""
        with self._transaction() as conn:
            review = conn.execute("SELECT * FROM reviews WHERE id = ?", (review_id,)).fetchone()
            if review is None:
                raise InternalError(f"undo: no review {review_id}")
            qid = review["question_id"]
            if (
                conn.execute("SELECT max(id) FROM reviews WHERE question_id = ?", (qid,)).fetchone()[0]
                != review_id
            ):
                raise UserError(
                    "this question was answered again since (in another window?), so this answer can no longer be taken back"
                )
            previous = conn.execute(
                "SELECT correct FROM reviews WHERE question_id = ? AND id < ? ORDER BY id DESC LIMIT 1",
                (qid, review_id),
            ).fetchone()
            if previous is None:  # its first answer: the question is new again
                conn.execute("DELETE FROM cards WHERE question_id = ?", (qid,))
            else:
                conn.execute(
                    "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, last_review = ?,"
                    " last_correct = ?, reviews = reviews - 1 WHERE question_id = ?",
                    (*_card_columns(Card.from_json(review["card_before"])), previous["correct"], qid),
                )
            conn.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
            if review["session_id"] is not None and review["position"] is not None:
                conn.execute(
                    "UPDATE sessions SET position = ? WHERE id = ? AND position = ?",
                    (review["position"] - 1, review["session_id"], review["position"]),
                )

    def begin_session(
        self,
        question_ids: Sequence[str],
        settings: Mapping[str, Any] | None = None,
        *,
        at: datetime,
        session_id: str | None = None,
        position: int = 0,
        owner: Owner | None = None,
    ) -> UnfinishedSession:
        """Remember a quiz that starts now, so a later start can offer to resume it; ``owner`` takes its lease."""
        lease = _lease_for(owner)
        session = UnfinishedSession(
            session_id or uuid.uuid4().hex, tuple(question_ids), position, dict(settings or {}), at, at, lease
        )
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO sessions (id, question_ids, position, settings, started_at, updated_at,"
                " owner, owner_pid, owner_host, heartbeat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET question_ids = excluded.question_ids,"
                " position = excluded.position, updated_at = excluded.updated_at",
                (
                    session.id,
                    json.dumps(session.question_ids),
                    position,
                    json.dumps(session.settings),
                    stamp(at),
                    stamp(at),
                    *_lease_columns(lease),
                ),
            )
        return session

    def claim_session(self, session_id: str, owner: Owner) -> UnfinishedSession | None:
        """Take the lease of an unfinished session unless another live instance holds it; None if it cannot be had."""
        with self._transaction() as conn:
            row = conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
            if row is None:
                return None
            found = _session_from_row(row)
            if found.lease is not None and found.lease.owner != owner.id and found.lease.live():
                return None
            lease = _lease_for(owner)
            conn.execute(
                "UPDATE sessions SET owner = ?, owner_pid = ?, owner_host = ?, heartbeat = ? WHERE id = ?",
                (*_lease_columns(lease), session_id),
            )
        return dataclasses.replace(found, lease=lease)

    def renew_lease(self, session_id: str, owner: Owner, *, time_used: timedelta | None = None) -> bool:
        """Say that ``owner`` still runs the session (and, given, the running time it has used so far).

        False when it no longer holds it (taken over or gone).
        """
        with self._transaction() as conn:
            cursor = conn.execute(
                "UPDATE sessions SET heartbeat = ? WHERE id = ? AND owner = ?",
                (stamp(wall_now()), session_id, owner.id),
            )
            held = cursor.rowcount == 1
            if held and time_used is not None:
                _save_time_used(conn, session_id, time_used)
        return held

    def release_session(self, session_id: str, owner: Owner, *, time_used: timedelta | None = None) -> None:
        """Give up the lease (the quiz was closed): the next start may offer the session for resume."""
        with self._transaction() as conn:
            if time_used is not None and _holds(conn, session_id, owner):
                _save_time_used(conn, session_id, time_used)
            conn.execute(
                "UPDATE sessions SET owner = NULL, owner_pid = NULL, owner_host = NULL, heartbeat = NULL"
                " WHERE id = ? AND owner = ?",
                (session_id, owner.id),
            )

    def finish_session(self, session_id: str, owner: Owner | None = None) -> bool:
        """Forget an unfinished session (finished, or the learner chose to discard it).

        With ``owner``, only a session that owner holds or that no live instance holds is
        forgotten; False when it was left alone (another instance runs it).
        """
        with self._transaction() as conn:
            if owner is not None and not _holds(conn, session_id, owner):
                return False
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        return True

    def flag(
        self, question_id: str, at: datetime, *, comment: str | None = None, lang: str | None = None
    ) -> Flag:
        """Keep the learner's note that a question is wrong or unclear (``comment`` may be empty)."""
        text = (comment or "").strip() or None
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO flags (question_id, flagged_at, lang, comment) VALUES (?, ?, ?, ?)",
                (question_id, stamp(at), lang, text),
            )
        return Flag(int(cursor.lastrowid or 0), question_id, at, lang, text)

    def bury(
        self, question_id: str, at: datetime, *, session_id: str | None = None, owner: Owner | None = None
    ) -> Burial:
        """Put a question away until the next local midnight after ``at`` (Anki's "bury").

        With ``session_id``, the question also leaves that unfinished session (its questions
        not yet answered), unless another live instance holds the session; a session with
        nothing left to ask is forgotten. ``at`` is the learner's local time.
        """
        until = next_midnight(at)
        with self._transaction() as conn:
            conn.execute("DELETE FROM buried WHERE until <= ?", (stamp(at),))  # expired ones
            conn.execute(
                "INSERT INTO buried (question_id, buried_at, until) VALUES (?, ?, ?)"
                " ON CONFLICT (question_id) DO UPDATE SET buried_at = excluded.buried_at, until = excluded.until",
                (question_id, stamp(at), stamp(until)),
            )
            in_session = False
            if session_id is not None and (owner is None or _holds(conn, session_id, owner)):
                in_session = self._drop_from_session(conn, session_id, question_id, stamp(at))
        return Burial(question_id, until, in_session)

    def buried(self, now: datetime) -> dict[str, datetime]:
        """The questions buried at ``now``, each with the moment it comes back."""
        rows = self._query("SELECT question_id, until FROM buried WHERE until > ?", (stamp(now),))
        return {r["question_id"]: unstamp(r["until"]) for r in rows}

    @staticmethod
    def _drop_from_session(conn: sqlite3.Connection, session_id: str, question_id: str, at: str) -> bool:
        """Take ``question_id`` out of the session's questions still to come; False when it is not among them."""
        row = conn.execute(
            "SELECT question_ids, position FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None:
            return False
        ids, position = json.loads(row["question_ids"]), row["position"]
        if question_id not in ids[position:]:
            return False
        del ids[ids.index(question_id, position)]
        if position >= len(ids):
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        else:
            conn.execute(
                "UPDATE sessions SET question_ids = ?, updated_at = ? WHERE id = ?",
                (json.dumps(ids), at, session_id),
            )
        return True

    @staticmethod
    def _move_session(conn: sqlite3.Connection, session_id: str, position: int, at: str) -> None:
        row = conn.execute("SELECT question_ids FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            return
        if position >= len(json.loads(row["question_ids"])):
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        else:
            conn.execute(
                "UPDATE sessions SET position = ?, updated_at = ? WHERE id = ?", (position, at, session_id)
            )

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with sqlite_errors(self.path):
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    # --- reading ---------------------------------------------------------------------------------

    def unfinished_sessions(self) -> list[UnfinishedSession]:
        """Sessions started and not finished, the most recently active first."""
        rows = self._query("SELECT * FROM sessions ORDER BY updated_at DESC, rowid DESC")
        return [_session_from_row(r) for r in rows]

    def flags(self) -> list[Flag]:
        """Every flagged question, oldest first (an older store without the table has none)."""
        if not self._query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'flags'"):
            return []
        rows = self._query("SELECT * FROM flags ORDER BY id")
        return [
            Flag(r["id"], r["question_id"], unstamp(r["flagged_at"]), r["lang"], r["comment"]) for r in rows
        ]

    def cards(self) -> dict[str, CardInfo]:
        """Every question ever answered (including ids no longer in any bank), by question id."""
        return {r["question_id"]: _info_from_row(r) for r in self._query("SELECT * FROM cards")}

    def card(self, question_id: str) -> CardInfo | None:
        rows = self._query("SELECT * FROM cards WHERE question_id = ?", (question_id,))
        return _info_from_row(rows[0]) if rows else None

    def reviews(self, question_id: str | None = None, *, session_id: str | None = None) -> list[Review]:
        """Stored answers in the order they were recorded, optionally of one question or one session."""
        where, params = [], []
        if question_id is not None:
            where.append("question_id = ?")
            params.append(question_id)
        if session_id is not None:
            where.append("session_id = ?")
            params.append(session_id)
        sql = "SELECT * FROM reviews" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
        return [_review_from_row(r) for r in self._query(sql, tuple(params))]

    def review_logs(self) -> list[ReviewLog]:
        """Every review as an FSRS ReviewLog (card id, rating, time, duration): input for the FSRS optimizer."""
        return [ReviewLog(r.card_id, r.rating, r.answered_at, r.duration_ms) for r in self.reviews()]

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with sqlite_errors(self.path):
            return self._conn.execute(sql, params).fetchall()


def _holds(conn: sqlite3.Connection, session_id: str, owner: Owner) -> bool:
    """Whether ``owner`` may write the session: it holds the lease, or no live instance does."""
    row = conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
    if row is None:
        return True  # nothing left to take over (finished)
    lease = _session_from_row(row).lease
    return lease is None or lease.owner == owner.id or not lease.live()


def _save_time_used(conn: sqlite3.Connection, session_id: str, time_used: timedelta) -> None:
    row = conn.execute("SELECT settings FROM sessions WHERE id = ?", (session_id,)).fetchone()
    if row is None:
        return
    settings = json.loads(row["settings"])
    settings[TIME_USED_KEY] = round(max(time_used.total_seconds(), 0.0), 3)
    conn.execute("UPDATE sessions SET settings = ? WHERE id = ?", (json.dumps(settings), session_id))


def _lease_for(owner: Owner | None) -> Lease | None:
    return Lease(owner.id, owner.pid, owner.host, wall_now()) if owner is not None else None


def _lease_columns(lease: Lease | None) -> tuple[Any, ...]:
    if lease is None:
        return (None, None, None, None)
    return (lease.owner, lease.pid, lease.host, stamp(lease.heartbeat))


def _session_from_row(row: sqlite3.Row) -> UnfinishedSession:
    columns = row.keys()  # a read-only store of version 2 has no lease columns
    leased = "owner" in columns and row["owner"] and row["heartbeat"]
    lease = (
        Lease(row["owner"], row["owner_pid"], row["owner_host"], unstamp(row["heartbeat"]))
        if leased
        else None
    )
    settings = json.loads(row["settings"])
    seconds = settings.pop(TIME_USED_KEY, None) if isinstance(settings, dict) else None
    time_used = (
        timedelta(seconds=seconds)
        if isinstance(seconds, (int, float)) and not isinstance(seconds, bool) and seconds >= 0
        else None
    )
    return UnfinishedSession(
        row["id"], tuple(json.loads(row["question_ids"])), row["position"], settings,
        unstamp(row["started_at"]), unstamp(row["updated_at"]), lease, time_used,
    )  # fmt: skip


def _card_columns(card: Card) -> tuple[Any, ...]:
    last = stamp(card.last_review) if card.last_review else None
    return (int(card.state), card.step, card.stability, card.difficulty, stamp(card.due), last)


def _card_from_row(row: sqlite3.Row) -> Card:
    return Card(
        card_id=row["card_id"],
        state=State(row["state"]),
        step=row["step"],
        stability=row["stability"],
        difficulty=row["difficulty"],
        due=unstamp(row["due"]),
        last_review=unstamp(row["last_review"]) if row["last_review"] else None,
    )


def _info_from_row(row: sqlite3.Row) -> CardInfo:
    return CardInfo(
        question_id=row["question_id"],
        topic_id=row["topic_id"],
        due=unstamp(row["due"]),
        first_review=unstamp(row["first_review"]),
        last_review=unstamp(row["last_review"]) if row["last_review"] else None,
        last_correct=bool(row["last_correct"]),
        reviews=row["reviews"],
        state=State(row["state"]),
    )


def _review_from_row(row: sqlite3.Row) -> Review:
    return Review(
        id=row["id"],
        question_id=row["question_id"],
        card_id=row["card_id"],
        topic_id=row["topic_id"],
        answered_at=unstamp(row["answered_at"]),
        correct=bool(row["correct"]),
        score=row["score"],
        hinted=bool(row["hinted"]),
        lang=row["lang"],
        rating=RATINGS[row["rating"]],
        graded_rating=RATINGS[row["graded_rating"]],
        duration_ms=row["duration_ms"],
        session_id=row["session_id"],
        position=row["position"],
        response=row["response"],
    )
