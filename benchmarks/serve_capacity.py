"""How many learners one classroom server carries: N simulated browser tabs through the real websocket.

    uv run --group dev python benchmarks/serve_capacity.py --learners 30

Starts ``chinaai-learn serve`` on a free 127.0.0.1 port (nothing else is ever contacted),
opens N websockets as textual-serve's page does (all within ``--spread`` seconds), and for
each tab measures: the time to the first screen (the name question), and the round trip of
keystrokes (key sent -> first screen update back) while the learner types a name, starts
the quiz and answers. Memory (RSS) and CPU time are read from /proc for the app processes:
each one's CPU at its tab's first screen, and all of it per learner, with the share of the
process that forks them (where tabs are forked).
Every wait is bounded; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
BANK = ROOT / "tests" / "data" / "serve"
HOST = "127.0.0.1"
TIMEOUT_S = 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def process_tree(pid: int) -> list[int]:
    todo, found = [pid], []
    while todo:
        for child in children(todo.pop()):
            found.append(child)
            todo.append(child)
    return found


def argv_of(pid: int) -> list[bytes]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return []


def zygotes(server_pid: int) -> list[int]:
    """The process that forks the tabs' app processes (none where tabs are spawned)."""
    return [pid for pid in children(server_pid) if b"chinaai_learn_tui.zygote" in argv_of(pid)]


def quiz_processes(server_pid: int) -> list[int]:
    """The per-tab app processes below the server: spawned ones (not a shell around them) and forked ones."""
    found = []
    forked = {pid for zygote in zygotes(server_pid) for pid in children(zygote)}
    for pid in process_tree(server_pid):
        argv = argv_of(pid)
        if pid in forked or (b"chinaai_learn_tui.classroom" in argv and b"-c" not in argv):
            found.append(pid)
    return found


def start_time(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
    except OSError:
        return 0


def rss_and_cpu(pids: list[int]) -> tuple[int, float]:
    """Resident memory (bytes) and CPU seconds (user + system) of ``pids``."""
    tick = os.sysconf("SC_CLK_TCK")
    page = os.sysconf("SC_PAGE_SIZE")
    rss, cpu = 0, 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            rss += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
        except OSError:
            continue
        cpu += (int(fields[11]) + int(fields[12])) / tick
    return rss, cpu


class Tab:
    """One learner's browser tab: a websocket that sends keys and waits for screen output."""

    def __init__(self, session: aiohttp.ClientSession, url: str, headers: dict[str, str]):
        self.session, self.url, self.headers = session, url, headers
        self.first_screen_s: float | None = None
        self.first_screen_at: float | None = None  # time.monotonic() of the first screen
        self.round_trips: list[float] = []
        self._updates = asyncio.Queue[float]()

    async def run(self, name: str, opened: float, hold_until: float) -> None:
        async with self.session.ws_connect(self.url, headers=self.headers, heartbeat=15) as ws:
            reader = asyncio.create_task(self._read(ws))
            await ws.send_json(["resize", {"width": 80, "height": 24}])
            await asyncio.wait_for(self._updates.get(), TIMEOUT_S)
            self.first_screen_at = time.monotonic()
            self.first_screen_s = self.first_screen_at - opened
            await asyncio.sleep(1.0)  # the screen settles
            self._drain()
            for key in [*name, "\r", "s", "1", "\r"]:
                await self._key(ws, key)
                await asyncio.sleep(0.3 + random.random() * 0.3)  # a learner's pace
            await asyncio.sleep(max(0.0, hold_until - time.monotonic()))  # the tab stays open, as in class
            reader.cancel()

    async def _key(self, ws: aiohttp.ClientWebSocketResponse, key: str) -> None:
        self._drain()
        sent = time.monotonic()
        await ws.send_json(["stdin", key])
        try:
            await asyncio.wait_for(self._updates.get(), 10)
            self.round_trips.append(time.monotonic() - sent)
        except TimeoutError:
            self.round_trips.append(10.0)

    def _drain(self) -> None:
        while not self._updates.empty():
            self._updates.get_nowait()

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        async for message in ws:
            if message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                self._updates.put_nowait(time.monotonic())


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def simulate(port: int, learners: int, spread: float, server_pid: int) -> dict[str, object]:
    url = f"http://{HOST}:{port}/ws"
    headers = {"Host": f"{HOST}:{port}", "Origin": f"http://{HOST}:{port}"}
    peak: dict[int, int] = {}  # app process -> its largest resident memory seen
    cpu: dict[int, float] = {}  # app process -> its CPU seconds when last seen
    async with aiohttp.ClientSession() as session:
        tabs = [Tab(session, url, headers) for _ in range(learners)]

        hold_until = time.monotonic() + spread + 15  # every tab open at once at the end

        async def one(i: int, tab: Tab) -> None:
            await asyncio.sleep(spread * i / max(1, learners - 1))
            await tab.run(f"learner{i}", time.monotonic(), hold_until)

        runs = [asyncio.create_task(one(i, tab)) for i, tab in enumerate(tabs)]
        most_at_once = 0
        shared: dict[int, float] = {}  # the zygote (if any) -> its CPU seconds, shared by every learner
        started: list[int] = []  # app processes in the order they started: tab i has the i-th
        to_first: dict[
            int, float
        ] = {}  # tab -> its app process's CPU seconds at its first screen (within 0.25 s)
        while not all(run.done() for run in runs):
            started.extend(sorted(set(quiz_processes(server_pid)) - set(started), key=start_time))
            for i, tab in enumerate(tabs):
                if i not in to_first and tab.first_screen_at is not None and i < len(started):
                    to_first[i] = rss_and_cpu([started[i]])[1]
            for pid in zygotes(server_pid):
                shared[pid] = max(shared.get(pid, 0.0), rss_and_cpu([pid])[1])
            apps = quiz_processes(server_pid)
            most_at_once = max(most_at_once, len(apps))
            for pid in apps:
                rss, seconds = rss_and_cpu([pid])
                peak[pid] = max(peak.get(pid, 0), rss)
                cpu[pid] = max(cpu.get(pid, 0.0), seconds)
            await asyncio.sleep(0.25)
        results = await asyncio.gather(*runs, return_exceptions=True)
    await asyncio.sleep(5)  # every tab has closed: its app process must have ended
    left = len(quiz_processes(server_pid))
    failed = [r for r in results if isinstance(r, BaseException)]
    firsts = [t.first_screen_s for t in tabs if t.first_screen_s is not None]
    trips = [rt for t in tabs for rt in t.round_trips]
    return {
        "learners": learners,
        "failed": len(failed),
        "first_screen_s_median": statistics.median(firsts) if firsts else None,
        "first_screen_s_max": max(firsts) if firsts else None,
        "round_trip_ms_p50": 1000 * percentile(trips, 50) if trips else None,
        "round_trip_ms_p95": 1000 * percentile(trips, 95) if trips else None,
        "most_app_processes_at_once": most_at_once,
        "memory_mb_per_learner": statistics.mean(peak.values()) / 2**20 if peak else None,
        "cpu_s_to_the_first_screen_median": statistics.median(to_first.values()) if to_first else None,
        "cpu_s_per_learner": (statistics.fsum(cpu.values()) + statistics.fsum(shared.values())) / learners,
        "cpu_s_of_the_zygote": statistics.fsum(shared.values()),
        "app_processes_5s_after_the_last_tab_closed": left,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--spread", type=float, default=60.0, help="seconds over which the tabs open")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    port = free_port()
    with tempfile.TemporaryDirectory() as progress:
        server = subprocess.Popen(
            [sys.executable, "-m", "chinaai_learn", "serve", "--bank", str(BANK), "--host", HOST,
             "--port", str(port), "--progress-dir", progress, "--max-learners", str(args.learners + 5)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
            start_new_session=True, cwd=ROOT,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    socket.create_connection((HOST, port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.2)
            figures = asyncio.run(simulate(port, args.learners, args.spread, server.pid))
        finally:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0 if not figures["failed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
