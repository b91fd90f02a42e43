"""Fixtures of the classroom tests: ``chinaai-learn serve`` in a subprocess on a free localhost port, and chromium.

Only 127.0.0.1 is ever contacted: the server listens there, and the browser aborts every
request for another host (textual-serve's page asks a web font service for a font).
Every wait is bounded in time.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ..conftest import DATA, ROOT

CLASSROOM_BANK = DATA / "serve"
HOST = "127.0.0.1"
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 30.0
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def serve_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "chinaai_learn", "serve", *args]


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (Linux /proc): the app processes a server started."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] != "Z":
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return 0


def zygotes(server: RunningServer) -> list[int]:
    """The server's process that forks the tabs' app processes (none when tabs are spawned).

    Its forked children carry its command line too; it is the one the server started.
    """
    return [
        pid
        for pid in descendants(server.process.pid)
        if b"chinaai_learn_tui.zygote" in cmdline(pid) and parent(pid) == server.process.pid
    ]


def app_processes(server: RunningServer) -> list[int]:
    """The tabs' app processes: forked by the zygote, or each started as its own Python."""
    forked = {pid for zygote in zygotes(server) for pid in descendants(zygote)}
    return [
        pid
        for pid in descendants(server.process.pid)
        if pid in forked or b"chinaai_learn_tui.classroom" in cmdline(pid).split(b"\0")
    ]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class RunningServer:
    """A ``chinaai-learn serve`` process in its own process group, as in a teacher's terminal."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, progress_dir: Path, log: Path):
        self.process = process
        self.url = f"http://{HOST}:{port}/"
        self.port = port
        self.progress_dir = progress_dir
        self.log = log

    def wait_until_listening(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the server exited with {self.process.returncode}:\n{self.output()}")
            try:
                with socket.create_connection((HOST, self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"the server did not listen within {START_TIMEOUT_S} s:\n{self.output()}")

    def stop(self, how: str) -> int:
        """Stop as a teacher's Ctrl+C does (SIGINT to the whole process group) or ``kill`` (SIGTERM to the server)."""
        if how == "ctrl+c":
            os.killpg(self.process.pid, signal.SIGINT)  # its own group: started with start_new_session
        else:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=STOP_TIMEOUT_S)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def classroom_server(tmp_path: Path) -> Iterator[RunningServer]:
    """The server on the one-question classroom bank, in English, with its own progress folder."""
    with running_classroom(tmp_path) as server:
        yield server


@contextlib.contextmanager
def running_classroom(
    tmp_path: Path, *extra: str, environment: dict[str, str] | None = None
) -> Iterator[RunningServer]:
    """``chinaai-learn serve`` on 127.0.0.1 with ``extra`` options; stopped (and its quizzes killed) after."""
    port = free_port()
    progress_dir = tmp_path / "class room"  # a space: the per-tab command must quote it
    log = tmp_path / "serve.log"
    args = [
        "--bank",
        str(CLASSROOM_BANK),
        "--host",
        HOST,
        "--port",
        str(port),
        "--progress-dir",
        str(progress_dir),
    ]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", **(environment or {})}
    with log.open("wb") as out:
        process = subprocess.Popen(
            serve_command(*args, "--lang", "en", *extra),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
    server = RunningServer(process, port, progress_dir, log)
    try:
        server.wait_until_listening()
        yield server
    finally:
        if process.poll() is None:
            for pid in descendants(process.pid):
                os.kill(pid, signal.SIGKILL)
            process.kill()
            process.wait(timeout=STOP_TIMEOUT_S)


def only_localhost(outside: list[str]):
    """A route handler that lets requests to this machine through and records (and aborts) all others."""

    def route_request(route) -> None:
        url = urlsplit(route.request.url)
        if url.scheme in ("data", "blob") or url.hostname == HOST:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    return route_request


@pytest.fixture
def browser(tmp_path: Path):
    """Headless Debian chromium with a fresh profile, reading localhost only (skips where none is installed)."""
    if not CHROMIUM.exists():
        pytest.skip(f"no browser: Debian's chromium is not at {CHROMIUM} (.ci/run installs it with apt-get)")
    from playwright.sync_api import sync_playwright

    from .xterm_screen import CAPTURE_TERMINAL

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1000, "height": 640},
        )
        try:
            context.outside_requests = []  # what the page asked of other hosts: must stay empty
            context.route("**/*", only_localhost(context.outside_requests))
            context.add_init_script(CAPTURE_TERMINAL)
            yield context
        finally:
            context.close()
