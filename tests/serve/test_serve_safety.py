"""The classroom on a school network: only its own page drives it, a class code, a cap, no leaked processes.

Every request goes to 127.0.0.1; "evil.example" appears only as a forged header value.
"""

from __future__ import annotations

import asyncio
import http.client
import logging
import os
import re
import signal
import time
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import pytest

from chinaai_learn.cli.classroom_gate import (
    FREE_WRONG_CODES,
    MAX_CHECK_WAIT_S,
    MAX_COLUMNS,
    MAX_ROWS,
    SLOW_CHECK_SPACING_S,
    ClassCode,
    HostPolicy,
    clamp_size,
)
from chinaai_learn.cli.cmd_serve import FORK_ENV

from .conftest import HOST, RunningServer, alive, app_processes, parent, running_classroom, zygotes


def request(
    server: RunningServer, method: str, path: str, headers: dict[str, str], body: str = ""
) -> tuple[int, str, http.client.HTTPResponse]:
    connection = http.client.HTTPConnection(HOST, server.port, timeout=10)
    try:
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace"), response
    finally:
        connection.close()


def own_host(server: RunningServer) -> str:
    return f"{HOST}:{server.port}"


async def open_socket(server: RunningServer, origin: str | None, *, query: str = "", cookie: str = "") -> int:
    """The HTTP status of a websocket handshake (101 when accepted)."""
    headers = {"Host": own_host(server)}
    if origin is not None:
        headers["Origin"] = origin
    if cookie:
        headers["Cookie"] = cookie
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(
                f"http://{HOST}:{server.port}/ws{query}",
                headers=headers,
                timeout=aiohttp.ClientWSTimeout(ws_receive=10),
            ) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as refused:
            return refused.status


def test_the_rules_in_brief() -> None:
    local = HostPolicy.for_server("127.0.0.1")
    assert local.host_allowed("127.0.0.1:8000")
    assert local.host_allowed("localhost:8000")
    assert not local.host_allowed("evil.example:8000")  # DNS rebinding
    assert not local.host_allowed("192.168.1.20:8000")
    everywhere = HostPolicy.for_server("0.0.0.0", ["quiz.school.example"])
    assert everywhere.host_allowed("192.168.1.20:8000")
    assert everywhere.host_allowed("quiz.school.example")
    assert not everywhere.host_allowed("evil.example")
    assert everywhere.origin_allowed("http://192.168.1.20:8000", "http", "192.168.1.20:8000")
    assert not everywhere.origin_allowed("http://evil.example", "http", "192.168.1.20:8000")
    assert not everywhere.origin_allowed(None, "http", "192.168.1.20:8000")
    assert clamp_size(20000, 20000) == (MAX_COLUMNS, MAX_ROWS)
    assert clamp_size(-5, 0) == (20, 8)


def test_class_codes_are_forgiving_to_type_and_guessing_is_slowed_down_not_blocked() -> None:
    code = ClassCode("K7P-Q2X")
    assert code.check("k7p q2x", "pupil", now=0.0)
    for attempt in range(FREE_WRONG_CODES):  # a class mistyping: checked at once
        assert code.wait_before_check("school", now=attempt / 10) == 0
        assert code.check("AAAAAA", "school", now=attempt / 10) is None
    # Then each check from that address waits for its turn, one a second; a try beyond five
    # seconds' wait is refused unchecked (only a script sends that many at once).
    waits = [code.wait_before_check("school", now=2.0) for _ in range(8)]
    assert waits == [0, 1, 2, 3, 4, 5, None, None]
    assert code.check("K7PQ2X", "school", now=3.0), "the right code after its wait gets in"
    assert code.wait_before_check("home", now=2.0) == 0, "other addresses are not slowed"
    assert code.wait_before_check("school", now=65.0) == 0, "a minute without wrong codes: no wait"


def test_a_guesser_gets_about_one_check_a_second() -> None:
    code, now, checks = ClassCode("K7PQ2X"), 0.0, 0
    while now < 600:  # ten minutes of a script trying as fast as it is let
        wait = code.wait_before_check("guesser", now=now)
        if wait is None:
            now += 0.01
            continue
        now += wait
        assert code.check(f"GUESS{checks}", "guesser", now=now) is None
        checks += 1
    assert checks <= FREE_WRONG_CODES + 600 / SLOW_CHECK_SPACING_S + 1


def test_addresses_without_recent_wrong_codes_are_forgotten() -> None:
    code = ClassCode("K7PQ2X")
    for n in range(1000):
        assert code.check("WRONG1", f"10.0.{n // 250}.{n % 250}", now=n / 100) is None
    assert len(code._wrong) == 1000
    assert code.check("WRONG1", "10.9.9.9", now=75.0) is None
    assert set(code._wrong) == {"10.9.9.9"}
    assert code.wait_before_check("10.9.9.9", now=76.0) == 0
    assert set(code._next_check) == set()


def test_a_forged_host_header_is_refused_and_logged(classroom_server: RunningServer) -> None:
    status, _body, _ = request(classroom_server, "GET", "/", {"Host": "evil.example:8000"})
    assert status == 403
    assert request(classroom_server, "GET", "/", {"Host": own_host(classroom_server)})[0] == 200
    deadline = time.monotonic() + 5
    while "evil.example" not in classroom_server.output() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "refused GET / : Host 'evil.example:8000'".replace(" :", ":") in classroom_server.output()


def test_a_websocket_from_another_origin_is_refused(classroom_server: RunningServer) -> None:
    assert asyncio.run(open_socket(classroom_server, "http://evil.example")) == 403
    assert asyncio.run(open_socket(classroom_server, None)) == 403
    assert asyncio.run(open_socket(classroom_server, f"http://{own_host(classroom_server)}")) == 101


def test_the_page_is_titled_localised_and_needs_nothing_from_elsewhere(
    classroom_server: RunningServer,
) -> None:
    status, page, _ = request(classroom_server, "GET", "/", {"Host": own_host(classroom_server)})
    assert status == 200
    assert "<title>chinaai-learn – Quiz</title>" in page
    assert "The session has ended. Your answers are saved." in page
    outside = [
        url
        for url in re.findall(r"(?:src|href|url)\(?=?\"?(https?://[^\"')]+)", page)
        if f"//{HOST}:" not in url
    ]
    assert outside == []
    assert "fonts/RobotoMono" in page


def test_beyond_this_computer_a_class_code_opens_the_quiz(tmp_path: Path) -> None:
    with running_classroom(tmp_path, "--class-code", "K7PQ2X") as server:
        host = {"Host": own_host(server)}
        status, page, _ = request(server, "GET", "/", host)
        assert status == 200
        assert 'name="code"' in page
        assert "data-session-websocket-url" not in page
        assert asyncio.run(open_socket(server, f"http://{own_host(server)}")) == 403

        form = {**host, "Content-Type": "application/x-www-form-urlencoded"}
        status, page, _ = request(server, "POST", "/", form, "code=WRONG1")
        assert status == 403
        assert "That code is not right" in page
        status, _page, response = request(server, "POST", "/", form, "code=k7pq2x")
        assert status == 303
        cookie = response.getheader("Set-Cookie", "").split(";", 1)[0]
        assert cookie.startswith("chinaai_class_pass=")
        assert "HttpOnly" in response.getheader("Set-Cookie", "")
        status, page, _ = request(server, "GET", "/", {**host, "Cookie": cookie})
        assert "data-session-websocket-url" in page
        assert asyncio.run(open_socket(server, f"http://{own_host(server)}", cookie=cookie)) == 101


def post_code(server: RunningServer, typed: str) -> tuple[int, str, http.client.HTTPResponse]:
    """The class-code form sent as a browser sends it (UTF-8, form-encoded)."""
    form = {"Host": own_host(server), "Content-Type": "application/x-www-form-urlencoded"}
    return request(server, "POST", "/", form, urlencode({"code": typed}))


def wait_for_log(server: RunningServer, text: str, count: int) -> str:
    deadline = time.monotonic() + 10
    while server.output().count(text) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return server.output()


def full_width(text: str) -> str:
    """``text`` as a Chinese or Japanese input method types it: full-width letters, digits and space."""
    return "".join("\u3000" if ch == " " else chr(ord(ch) + 0xFEE0) for ch in text)


def test_a_code_with_any_letters_is_simply_wrong_and_no_secret_reaches_the_log(tmp_path: Path) -> None:
    with running_classroom(tmp_path, "--class-code", "K7PQ2X") as server:
        status, _page, response = post_code(server, "K7PQ2X")
        assert status == 303
        token = response.getheader("Set-Cookie", "").split(";", 1)[0].split("=", 1)[1]
        wrong = ["ÄÖÜ123", "Grün7", "K7PQ2Ä", full_width("ABC123"), "straße", "测试"]
        for typed in wrong:
            status, page, _ = post_code(server, typed)
            assert (status, "That code is not right" in page) == (403, True), typed
        # A Chinese input method's full-width letters and digits are the code's own.
        assert post_code(server, full_width("k7p q2x"))[0] == 303
        log = wait_for_log(server, "wrong class code from", len(wrong))
        assert "Traceback" not in log
        assert token not in log
        assert log.count("K7PQ2X") == 1, log  # the banner's, for the teacher
        assert "ÄÖÜ" not in log


def test_a_broken_form_is_refused_without_a_traceback(tmp_path: Path) -> None:
    with running_classroom(tmp_path, "--class-code", "K7PQ2X") as server:
        for content_type, body in [
            ("multipart/form-data", "code=K7PQ2X"),  # no boundary
            ("multipart/form-data; boundary=zz", "--zz\r\nbroken"),
        ]:
            status, page, _ = request(
                server, "POST", "/", {"Host": own_host(server), "Content-Type": content_type}, body
            )
            assert (status, "That code is not right" in page) == (400, True)
        log = wait_for_log(server, "POST / HTTP/1.1", 2)
        assert "Traceback" not in log
        assert "client = " not in log


def test_the_class_codes_repr_shows_neither_the_code_nor_the_passes() -> None:
    code = ClassCode("K7PQ2X")
    token = code.check("K7PQ2X", "pupil", now=0.0)
    assert token
    assert "K7PQ2X" not in repr(code)
    assert token not in repr(code)


def test_the_servers_tracebacks_show_no_local_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    from chinaai_learn.cli.classroom_server import ClassroomServer

    configured: dict[str, object] = {}
    monkeypatch.setattr(logging, "basicConfig", lambda **options: configured.update(options))
    server = ClassroomServer(
        "true", host=HOST, port=8000, title="t", banner="", policy=HostPolicy.for_server(HOST)
    )
    server.initialize_logging()
    handlers = configured["handlers"]
    assert isinstance(handlers, list)
    assert handlers
    assert all(handler.tracebacks_show_locals is False for handler in handlers)


def test_after_someones_wrong_codes_the_right_code_still_gets_in_from_the_same_address(
    tmp_path: Path,
) -> None:
    # Every request comes from 127.0.0.1: one address for the whole class, as behind a school's NAT.
    with running_classroom(tmp_path, "--class-code", "K7PQ2X") as server:
        for attempt in range(FREE_WRONG_CODES + 3):
            status, page, _ = post_code(server, f"WRONG{attempt}")
            assert (status, "That code is not right" in page) == (403, True), attempt
        for _classmate in range(2):
            started = time.monotonic()
            assert post_code(server, "K7PQ2X")[0] == 303
            assert time.monotonic() - started < MAX_CHECK_WAIT_S + 2


def test_a_flood_of_codes_is_answered_429_and_then_the_right_code_gets_in(tmp_path: Path) -> None:
    with running_classroom(tmp_path, "--class-code", "K7PQ2X") as server:
        for attempt in range(FREE_WRONG_CODES):
            assert post_code(server, f"WRONG{attempt}")[0] == 403

        async def flood() -> list[int]:
            headers = {"Host": own_host(server)}
            async with aiohttp.ClientSession() as session:

                async def one(n: int) -> int:
                    async with session.post(
                        f"http://{HOST}:{server.port}/", data={"code": f"FLOOD{n}"}, headers=headers
                    ) as response:
                        assert response.status != 429 or response.headers["Retry-After"] == "5"
                        assert response.status != 429 or "Wait a few seconds" in await response.text()
                        return response.status

                return await asyncio.gather(*(one(n) for n in range(20)))

        started = time.monotonic()
        statuses = asyncio.run(flood())
        assert time.monotonic() - started < MAX_CHECK_WAIT_S + 3
        assert sorted(set(statuses)) == [403, 429]
        assert statuses.count(403) <= MAX_CHECK_WAIT_S / SLOW_CHECK_SPACING_S + 1  # the rest unchecked
        assert post_code(server, "K7PQ2X")[0] == 303


def test_the_class_is_full_beyond_max_learners(tmp_path: Path) -> None:
    with running_classroom(tmp_path, "--max-learners", "1") as server:
        origin = f"http://{own_host(server)}"

        async def two_at_once() -> tuple[int, int]:
            headers = {"Host": own_host(server), "Origin": origin}
            async with (
                aiohttp.ClientSession() as session,
                session.ws_connect(f"http://{HOST}:{server.port}/ws", headers=headers),
            ):
                second = await open_socket(server, origin)
                page = request(server, "GET", "/", {"Host": own_host(server)})
                return second, page[0]

        second, page_status = asyncio.run(two_at_once())
        assert second == 503
        assert page_status == 503


async def open_tab_socket(server: RunningServer, query: str = ""):
    """A websocket opened as the quiz's page opens it, with its client session."""
    headers = {"Host": own_host(server), "Origin": f"http://{own_host(server)}"}
    session = aiohttp.ClientSession()
    ws = await session.ws_connect(f"http://{HOST}:{server.port}/ws{query}", headers=headers)
    return session, ws


async def new_app_process(server: RunningServer, before: set[int]) -> int:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        started = set(app_processes(server)) - before
        if started:
            return started.pop()
        await asyncio.sleep(0.1)
    raise AssertionError("no app process started")


def wait_until_gone(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while [pid for pid in pids if alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.1)
    return [pid for pid in pids if alive(pid)]


def test_without_forking_a_huge_terminal_is_clamped_and_the_process_ends_when_the_tab_closes(
    tmp_path: Path,
) -> None:
    with running_classroom(tmp_path, environment={FORK_ENV: "off"}) as server:

        async def open_and_close() -> int:
            session, ws = await open_tab_socket(server, "?width=20000&height=20000")
            async with session, ws:
                pid = await new_app_process(server, set())
                environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
                assert f"COLUMNS={MAX_COLUMNS}".encode() in environ
                assert f"ROWS={MAX_ROWS}".encode() in environ
                assert not zygotes(server), "switched off: no zygote"
            return pid

        pid = asyncio.run(open_and_close())
        assert not wait_until_gone([pid], 10), "the app process outlived its closed tab"


def test_each_tab_gets_its_own_process_forked_from_the_zygote_which_ends_when_the_tab_closes(
    classroom_server: RunningServer,
) -> None:
    server = classroom_server

    async def two_tabs() -> tuple[list[int], list[bytes]]:
        first_session, first = await open_tab_socket(server)
        second_session, second = await open_tab_socket(server)
        async with first_session, first, second_session, second:
            anna = await new_app_process(server, set())
            ben = await new_app_process(server, {anna})
            screens = []
            for ws in (first, second):
                message = await asyncio.wait_for(ws.receive(), 30)
                screens.append(message.data if isinstance(message.data, bytes) else b"")
            assert len(zygotes(server)) == 1
            (zygote,) = zygotes(server)
            assert parent(anna) == parent(ben) == zygote, "a tab's process is forked by the zygote"
        return [anna, ben], screens

    pids, screens = asyncio.run(two_tabs())
    assert all(screens), "each tab shows its first screen"
    assert not wait_until_gone(pids, 10), "an app process outlived its closed tab"
    assert zygotes(server), "the zygote stays for the next tab"
    assert server.stop("sigterm") == 0, server.output()
    assert "WARNING" not in server.output()


def test_when_the_zygote_has_gone_each_tab_gets_a_process_of_its_own(tmp_path: Path) -> None:
    with running_classroom(tmp_path) as server:
        deadline = time.monotonic() + 20
        while not zygotes(server) and time.monotonic() < deadline:
            time.sleep(0.1)
        (zygote,) = zygotes(server)
        os.kill(zygote, signal.SIGKILL)
        assert not wait_until_gone([zygote], 10)

        async def two_tabs() -> list[bytes]:
            screens = []
            for _ in range(2):
                session, ws = await open_tab_socket(server)
                async with session, ws:
                    message = await asyncio.wait_for(ws.receive(), 60)
                    screens.append(message.data if isinstance(message.data, bytes) else b"")
            return screens

        assert all(asyncio.run(two_tabs())), "each tab shows its first screen"
        assert server.stop("sigterm") == 0
        log = server.output()
        assert log.count("the process forking them failed") == 1, log  # said once; the next tab just starts
        assert "Traceback" not in log


def test_the_banner_prints_the_class_code_when_the_network_can_reach_it(tmp_path: Path) -> None:
    from chinaai_learn.cli.cmd_serve import banner

    text = banner("http://<this computer's address>:8000", tmp_path, "K7PQ2X", 30)
    assert "Class code: K7PQ2X" in text
    assert "At most 30 quizzes" in text
