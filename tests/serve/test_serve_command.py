"""``chinaai-learn serve`` without a browser: bad options and addresses get one clear message, the page's links."""

from __future__ import annotations

import http.client
import socket
import subprocess
import time
from pathlib import Path

import pytest

from chinaai_learn.cli.cmd_serve import FORK_ENV, browser_url, is_local

from ..conftest import ROOT
from .conftest import CLASSROOM_BANK, HOST, RunningServer, free_port, running_classroom, serve_command

BANK = ["--bank", str(CLASSROOM_BANK)]


def serve(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        serve_command(*args),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def assert_user_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("quiz.example", False),
    ],
)
def test_only_loopback_addresses_count_as_this_computer(host: str, local: bool) -> None:
    assert is_local(host) is local


def test_learners_are_told_an_address_a_browser_can_open() -> None:
    assert browser_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert browser_url("::1", 8000) == "http://[::1]:8000"
    assert "this computer's address" in browser_url("0.0.0.0", 8000)


def test_a_port_in_use_is_reported_before_anything_starts(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = serve(*BANK, "--port", str(port), "--progress-dir", str(tmp_path / "classroom"))
    assert_user_error(result, f"port {port}", "address already in use", "--port")
    assert "open http" not in result.stdout  # no banner for a server that never ran


def test_another_address_gets_a_warning_and_one_that_is_not_this_computers_an_error(tmp_path: Path) -> None:
    # 192.0.2.1 is reserved for documentation: never this computer's, so nothing is ever bound.
    result = serve(
        *BANK, "--host", "192.0.2.1", "--port", "8000", "--progress-dir", str(tmp_path / "classroom")
    )
    assert_user_error(
        result,
        "listening on 192.0.2.1",
        "class code",
        "--host 127.0.0.1",
        "cannot listen on 192.0.2.1",
    )


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [("--port", "70000", "between 1 and 65535"), ("--public-url", "example", "not a web address")],
)
def test_bad_option_values_are_named(option: str, value: str, words: str) -> None:
    result = serve(*BANK, option, value)
    assert_user_error(result, option, words)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("Grün7X", ["'ü'", "A-Z", "0-9", "leave --class-code out"]),
        ("Klasse-7ä-ß", ["'ä'", "A-Z"]),  # ß is SS, which every keyboard types; ä is not
        ("班级代码2024", ["'代'", "'班'", "A-Z"]),
        ("K7P-Q2", ["at least 6", "has 5", "longer"]),
        ("A" * 33, ["at most 32"]),
    ],
)
def test_a_class_code_learners_cannot_all_type_is_refused_at_start(
    tmp_path: Path, code: str, words: list[str]
) -> None:
    result = serve(
        *BANK,
        "--host",
        HOST,
        "--port",
        str(free_port()),
        "--progress-dir",
        str(tmp_path / "classroom"),
        "--class-code",
        code,
        timeout=30,  # without the rule the server would start and keep running
    )
    assert_user_error(result, "--class-code", *words)
    assert not (tmp_path / "classroom").exists()


def test_a_class_code_is_shown_as_learners_may_type_it(tmp_path: Path) -> None:
    with running_classroom(tmp_path, "--class-code", "k7p q2-x") as server:
        deadline = time.monotonic() + 10
        while "Class code" not in server.output() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "Class code: K7PQ2X " in server.output()
    assert "A-Z and digits 0-9" in " ".join(serve("--help").stdout.split())


def test_a_bank_problem_is_reported_once_before_serving(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(
        (CLASSROOM_BANK / "sources.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "broken.yaml").write_text("topic:\n  id: broken\nquestions: [\n", encoding="utf-8")
    result = serve(
        "--bank", str(tmp_path), "--port", str(free_port()), "--progress-dir", str(tmp_path / "classroom")
    )
    assert_user_error(result, "broken.yaml:")
    assert not (tmp_path / "classroom").exists()


def test_a_progress_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    taken = tmp_path / "classroom"
    taken.write_text("my notes", encoding="utf-8")
    result = serve(*BANK, "--port", str(free_port()), "--progress-dir", str(taken))
    assert_user_error(result, "--progress-dir", "not a folder")
    assert taken.read_text(encoding="utf-8") == "my notes"


def get_page(server: RunningServer, host_header: str) -> str:
    connection = http.client.HTTPConnection(HOST, server.port, timeout=10)
    try:
        connection.request("GET", "/", headers={"Host": host_header})
        response = connection.getresponse()
        assert response.status == 200
        return response.read().decode("utf-8")
    finally:
        connection.close()


def test_the_page_links_back_to_the_address_the_browser_used(classroom_server: RunningServer) -> None:
    # A learner opens one of this server's names, never necessarily the one the server bound.
    page = get_page(classroom_server, f"localhost:{classroom_server.port}")
    assert f'data-session-websocket-url="ws://localhost:{classroom_server.port}/ws"' in page
    assert f"http://localhost:{classroom_server.port}/static/js/textual.js" in page
    assert classroom_server.stop("sigterm") == 0


@pytest.mark.parametrize("fork", ["on", "off"])
def test_the_tabs_keep_their_compiled_python_in_the_cache_folder_even_where_python_may_not_write_it(
    tmp_path: Path, fork: str
) -> None:
    cache = tmp_path / "cache"
    environment = {"PYTHONDONTWRITEBYTECODE": "1", "CHINAAI_LEARN_CACHE": str(cache), FORK_ENV: fork}
    with running_classroom(tmp_path, environment=environment) as server:
        deadline = time.monotonic() + 60
        compiled: list[Path] = []
        while not compiled and time.monotonic() < deadline:
            compiled = list((cache / "bytecode").rglob("classroom.cpython-*.pyc"))
            time.sleep(0.2)
        assert compiled, "the tab's app should be compiled once, into the cache folder"
        assert any(path.parent.name == "chinaai_learn_tui" for path in compiled)
        assert server.stop("sigterm") == 0
