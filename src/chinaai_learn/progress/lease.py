"""Who runs an unfinished session: a lease (owner id, process, host, heartbeat) that the live instance renews.

A session belongs to one running quiz at a time. The instance that starts or resumes it
holds the lease and renews the heartbeat every ``RENEW_SECONDS``; another instance treats
the session as live (never offers it) unless the heartbeat is older than ``LEASE_SECONDS``
or, on the same host, the owner's process is gone (a crash or ``kill -9``).
"""

from __future__ import annotations

import os
import socket
import sys
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

LEASE_SECONDS = 60  # a heartbeat older than this means the owner stopped (hung, suspended or on a lost host)
RENEW_SECONDS = 15  # how often a live instance renews its lease


def wall_now() -> datetime:
    """The real time for heartbeats (never the fixed time of $CHINAAI_LEARN_NOW or a test clock)."""
    return datetime.now(UTC)


def this_host() -> str:
    return socket.gethostname()


@dataclass(frozen=True)
class Owner:
    """One running quiz instance: a fresh id, its process id and host."""

    id: str
    pid: int
    host: str

    @classmethod
    def this_process(cls) -> Owner:
        return cls(uuid.uuid4().hex, os.getpid(), this_host())


@dataclass(frozen=True)
class Lease:
    """The stored claim on a session: who holds it and when it was last renewed."""

    owner: str
    pid: int | None
    host: str | None
    heartbeat: datetime

    def live(self, at: datetime | None = None, *, host: str | None = None) -> bool:
        """Whether the owner still runs: a recent heartbeat and, on this host, its process still there."""
        if (at or wall_now()) - self.heartbeat > timedelta(seconds=LEASE_SECONDS):
            return False
        if self.pid is not None and self.host == (host or this_host()):
            return process_running(self.pid)
        return True


def process_running(pid: int) -> bool:
    """Whether process ``pid`` exists on this machine (on Windows: assumed, the heartbeat decides)."""
    if sys.platform == "win32":  # os.kill would terminate the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except OSError:
        return False
    return True
