"""Who may open the classroom: allowed hosts and origins, the class code, the learner cap, sane sizes.

Pure rules, no server: ``classroom_server`` asks them about each request, and the tests
ask them directly. The threats they answer, on a school network:

- another web page in a learner's or the teacher's browser driving the quiz (a
  cross-origin websocket): the websocket's ``Origin`` must be this server's own;
- DNS rebinding (an attacker's domain name resolving to this server): the ``Host``
  header must name this server, an address, or a host the teacher allowed;
- anyone on the network taking a learner's name: beyond this computer, a class code
  (printed at start, handed out in class) is needed before a quiz opens;
- one tab exhausting the machine: a cap on open quizzes and clamped terminal sizes.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import secrets
import string
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARDS = frozenset({"0.0.0.0", "::", ""})

# A terminal a browser window can really show; anything larger only costs memory.
MIN_COLUMNS, MAX_COLUMNS = 20, 300
MIN_ROWS, MAX_ROWS = 8, 120

# What one open quiz costs on the machines this runs on (measured by benchmarks/serve_capacity.py).
PER_LEARNER_BYTES = 160 * 1024 * 1024
LEARNERS_PER_CORE = 15

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by pupils
CODE_LENGTH = 6
# A teacher's own --class-code: what every keyboard types alike, and no weaker than a random code
# (36 ** 6 possible codes, more than the 32 ** 6 of CODE_ALPHABET; see ClassCode on guessing).
CODE_CHARACTERS = frozenset(string.ascii_uppercase + string.digits)
MIN_CODE_LENGTH, MAX_CODE_LENGTH = 6, 32
MAX_TYPED_LENGTH = 128  # a learner's text longer than this is not the code (nor normalised)
# Guessing the code (see ClassCode): per address, wrong codes checked at once per minute, then one check per
# spacing; a try that would wait longer than the last is refused unchecked.
WRONG_CODE_WINDOW_S = 60.0
FREE_WRONG_CODES = 10
SLOW_CHECK_SPACING_S = 1.0
MAX_CHECK_WAIT_S = 5.0


def host_name(host_header: str) -> str:
    """The name part of a ``Host`` header (``[::1]:8000`` -> ``::1``), lower-cased."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    if host.count(":") == 1:
        return host.split(":", 1)[0]
    return host


def is_ip_literal(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def is_local_bind(host: str) -> bool:
    """True when the server listens on this computer only."""
    name = host_name(host) if not is_ip_literal(host.strip("[]")) else host.strip("[]")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class HostPolicy:
    """Which ``Host`` headers and websocket origins this server answers."""

    bind: str
    allowed: frozenset[str]
    public_origin: str | None = None

    @classmethod
    def for_server(
        cls, bind: str, allow_hosts: Iterable[str] = (), public_url: str | None = None
    ) -> HostPolicy:
        names = {host_name(h) for h in allow_hosts if h.strip()}
        names |= LOCAL_NAMES
        if bind.strip("[]") not in WILDCARDS:
            names.add(host_name(bind) if not is_ip_literal(bind.strip("[]")) else bind.strip("[]").lower())
        origin = None
        if public_url:
            parts = urlsplit(public_url)
            if parts.hostname:
                names.add(parts.hostname.lower())
            origin = f"{parts.scheme}://{parts.netloc}".lower()
        return cls(bind=bind, allowed=frozenset(names), public_origin=origin)

    @property
    def wildcard(self) -> bool:
        return self.bind.strip("[]") in WILDCARDS

    def host_allowed(self, host_header: str | None) -> bool:
        """A request's ``Host`` names this server.

        Bound to every address, any IP address is this server's (a rebinding attack needs
        a domain name); names must be allowed by ``--allow-host`` or ``--public-url``.
        """
        if not host_header:
            return False
        name = host_name(host_header)
        if name in self.allowed:
            return True
        return self.wildcard and is_ip_literal(name)

    def origin_allowed(self, origin: str | None, scheme: str, host_header: str | None) -> bool:
        """A websocket's ``Origin`` is this server's own page (the same scheme, host and port)."""
        if not origin or not host_header:
            return False
        origin = origin.strip().lower().rstrip("/")
        if origin == f"{scheme}://{host_header.strip().lower()}":
            return self.host_allowed(host_header)
        return self.public_origin is not None and origin == self.public_origin


def clamp_size(width: int, height: int) -> tuple[int, int]:
    """Terminal columns and rows within what a browser window can show."""
    return max(MIN_COLUMNS, min(MAX_COLUMNS, width)), max(MIN_ROWS, min(MAX_ROWS, height))


def default_max_learners() -> int:
    """Open quizzes this machine can carry: per core, and what its memory allows."""
    by_cpu = LEARNERS_PER_CORE * (os.cpu_count() or 1)
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return by_cpu
    return max(1, min(by_cpu, memory // PER_LEARNER_BYTES))


def new_class_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(text: str) -> str:
    """A typed class code as compared: case, spaces, dashes and full-width forms do not matter.

    NFKC first, so that the full-width letters and digits of a Chinese or Japanese input
    method (U+FF21 and on) are the keyboard's ``K7PQ2X``, and a letter sent as letter plus
    accent is the one letter; then upper case, and only letters and digits remain. The
    result may hold any letter: a learner's text with an umlaut is simply not the code.
    """
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).upper() if ch.isalnum())


def class_code_problem(text: str) -> str | None:
    """What keeps ``text`` from being a teacher's class code (``--class-code``), or None.

    A class code is 6 to 32 letters A-Z and digits 0-9; case, spaces, dashes and other
    punctuation do not count (the banner shows the code as compared). Other letters
    (``ü``, ``é``, Chinese characters) are refused: not every learner's keyboard types them,
    nor types them the same way, so such a code would shut out part of the class.
    """
    code = normal_code(text)
    odd = sorted(
        {
            ch
            for ch in unicodedata.normalize("NFKC", text)
            if ch.isalnum() and not all(c in CODE_CHARACTERS for c in ch.upper())
        }
    )
    if odd:
        return (
            f"{text!r} has {', '.join(repr(ch) for ch in odd)}, which not every learner can type; "
            "use only the letters A-Z and the digits 0-9 (spaces and dashes are ignored), "
            "or leave --class-code out for a new random code"
        )
    if len(code) < MIN_CODE_LENGTH:
        return (
            f"a class code has at least {MIN_CODE_LENGTH} letters or digits, so that it cannot be "
            f"guessed; {text!r} has {len(code)}: choose a longer one, or leave --class-code out"
        )
    if len(code) > MAX_CODE_LENGTH:
        return f"a class code has at most {MAX_CODE_LENGTH} letters or digits; {text!r} has {len(code)}"
    return None


def codes_match(typed: str, code: str) -> bool:
    """Whether a learner's text is the class code, in constant time, for any text at all.

    Compared as UTF-8 bytes after the same ``normal_code`` on both sides:
    ``hmac.compare_digest`` refuses ``str`` values with non-ASCII characters (a
    ``TypeError``, which was an HTTP 500 for a learner who typed an umlaut).
    """
    typed_code = normal_code(typed) if len(typed) <= MAX_TYPED_LENGTH else ""
    return hmac.compare_digest(typed_code.encode("utf-8"), normal_code(code).encode("utf-8"))


@dataclass
class ClassCode:
    """The code a learner types once per browser; the browser then holds a pass (a cookie).

    Guessing is slowed down per client address, never blocked, so that nobody can lock the
    class out. Why this is enough, and why a block is wrong:

    - Behind a school's NAT, or the proxy ``--public-url`` is for, the whole class is one
      address. A block after N wrong codes (even the right code refused) let one pupil, by
      mistyping or on purpose, shut the class out for a minute, again and again.
    - A block that still lets the right code through would stop nothing: a guess is only
      known to be wrong once it has been checked. What stops guessing is the number of
      checks per second, and only that.
    - So the first ``FREE_WRONG_CODES`` wrong codes per address and minute are checked at
      once (a class mistyping); beyond that, each check from that address waits for its
      turn, one per ``SLOW_CHECK_SPACING_S``, and is then checked like any other: the right
      code gets in after a wait of at most ``MAX_CHECK_WAIT_S``. A try that would wait longer
      (only a script sends that many at once) is refused unchecked, for the moment only.
    - The arithmetic: from one address at most about one check a second, 86,400 a day. A
      code has at least 32^6 (random, ``CODE_ALPHABET``) or 36^6 (a teacher's, 6 letters or
      digits at least) possible values, about 10^9: one address guesses it within a day with a
      chance below 1 in 10,000, and needs years on average. (A teacher's code that is a word
      is weaker than its length says; the random default is the safe choice.)
    - An attacker with many addresses gets one rate per address, as with any per-address
      rule; a school network gives a pupil few.

    Addresses whose wrong codes are older than a minute are forgotten (at most one sweep a
    minute), so the memory holds only the last minute's guessers. Its repr shows none of its
    values: a pass replayed is a way in, and tracebacks and debuggers print what they meet.
    """

    code: str = field(repr=False)
    passes: set[str] = field(default_factory=set, repr=False)
    _wrong: dict[str, list[float]] = field(default_factory=dict, repr=False)  # per address, the last minute's
    _next_check: dict[str, float] = field(
        default_factory=dict, repr=False
    )  # per slowed address, its next turn
    _swept: float = field(default=float("-inf"), repr=False)

    def wait_before_check(self, client: str, now: float | None = None) -> float | None:
        """Seconds the next check from ``client`` waits for its turn (0: at once); None: refused unchecked.

        Call it right before ``check`` and check after the wait: a turn is taken even if the
        check then never happens. A 0 needs no wait at all, so nothing runs between the two.
        """
        now = time.monotonic() if now is None else now
        self._sweep(now)
        if len(self._recent(client, now)) < FREE_WRONG_CODES:
            return 0.0
        turn = max(now, self._next_check.get(client, now))
        if turn - now > MAX_CHECK_WAIT_S:
            return None
        self._next_check[client] = turn + SLOW_CHECK_SPACING_S
        return turn - now

    def check(self, typed: str, client: str, now: float | None = None) -> str | None:
        """A new pass for the right code; None for a wrong one (counted against ``client``)."""
        now = time.monotonic() if now is None else now
        self._sweep(now)
        if codes_match(typed, self.code):
            token = secrets.token_urlsafe(24)
            self.passes.add(token)
            return token
        self._wrong[client] = [*self._recent(client, now), now]
        return None

    def admits(self, token: str | None) -> bool:
        return bool(token) and any(hmac.compare_digest(token or "", known) for known in self.passes)

    def _recent(self, client: str, now: float) -> list[float]:
        return [t for t in self._wrong.get(client, []) if now - t < WRONG_CODE_WINDOW_S]

    def _sweep(self, now: float) -> None:
        """Forget the addresses with no wrong code in the last minute and no turn still to come."""
        if now - self._swept < WRONG_CODE_WINDOW_S:
            return
        self._swept = now
        for client in list(self._wrong):
            if not self._recent(client, now):
                del self._wrong[client]
        for client, turn in list(self._next_check.items()):
            if turn <= now and client not in self._wrong:
                del self._next_check[client]
