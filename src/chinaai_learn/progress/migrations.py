"""The store's schema, one migration per version: ``PRAGMA user_version`` says which ones have run.

A migration is only ever appended, never edited: a learner's store written by an older
release is brought up to date step by step, inside the same transaction that checks the
version, so two instances opening an old store at once migrate it exactly once.
"""

from __future__ import annotations

import sqlite3

# "CALn" in ASCII: marks a SQLite file as a chinaai-learn progress store (PRAGMA application_id).
APPLICATION_ID = 0x43414C6E

_V1 = """
CREATE TABLE cards (
    question_id   TEXT PRIMARY KEY,
    card_id       INTEGER NOT NULL,
    topic_id      TEXT NOT NULL,
    state         INTEGER NOT NULL,
    step          INTEGER,
    stability     REAL,
    difficulty    REAL,
    due           TEXT NOT NULL,
    last_review   TEXT,
    first_review  TEXT NOT NULL,
    last_correct  INTEGER NOT NULL,
    reviews       INTEGER NOT NULL
);
CREATE INDEX cards_due ON cards (due);

CREATE TABLE reviews (
    id            INTEGER PRIMARY KEY,
    question_id   TEXT NOT NULL,
    card_id       INTEGER NOT NULL,
    topic_id      TEXT NOT NULL,
    answered_at   TEXT NOT NULL,
    correct       INTEGER NOT NULL,
    score         REAL NOT NULL,
    hinted        INTEGER NOT NULL,
    lang          TEXT,
    rating        INTEGER NOT NULL,
    graded_rating INTEGER NOT NULL,
    duration_ms   INTEGER,
    session_id    TEXT,
    position      INTEGER,
    card_before   TEXT
);
CREATE INDEX reviews_question ON reviews (question_id, answered_at);
CREATE INDEX reviews_session ON reviews (session_id, position);

CREATE TABLE sessions (
    id            TEXT PRIMARY KEY,
    question_ids  TEXT NOT NULL,
    position      INTEGER NOT NULL,
    settings      TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
"""

# Version 2: what the learner answered (JSON of the response: choice indices, text, numbers),
# for the teacher's class report ("most common wrong answer").
_V2 = """
ALTER TABLE reviews ADD COLUMN response TEXT
"""

# Version 3: the lease on an unfinished session (progress/lease.py): which running instance
# owns it (a fresh id per instance, its process id and host) and when it last said it is alive;
# and the questions a learner flagged as wrong or unclear, for whoever maintains the bank.
_V3 = """
ALTER TABLE sessions ADD COLUMN owner TEXT;
ALTER TABLE sessions ADD COLUMN owner_pid INTEGER;
ALTER TABLE sessions ADD COLUMN owner_host TEXT;
ALTER TABLE sessions ADD COLUMN heartbeat TEXT;
CREATE TABLE flags (
    id            INTEGER PRIMARY KEY,
    question_id   TEXT NOT NULL,
    flagged_at    TEXT NOT NULL,
    lang          TEXT,
    comment       TEXT
)
"""

# Version 4: questions the learner buried ("not today"): out of the due and mistakes modes,
# and of the start screen's counts, until ``until`` (the next local midnight, stored in UTC).
_V4 = """
CREATE TABLE buried (
    question_id   TEXT PRIMARY KEY,
    buried_at     TEXT NOT NULL,
    until         TEXT NOT NULL
)
"""

# Index i holds the SQL that brings a store from version i to version i + 1.
MIGRATIONS: list[str] = [_V1, _V2, _V3, _V4]


def schema_version() -> int:
    """The version this release writes."""
    return len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, found: int) -> None:
    """Run every migration after version ``found`` (inside the caller's write transaction)."""
    for version in range(found, len(MIGRATIONS)):
        for statement in filter(str.strip, MIGRATIONS[version].split(";")):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version + 1}")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
