"""The textual-serve server behind ``chinaai-learn serve``: safe on a school network, and a clean stop.

textual-serve starts one app process per browser tab. This server adds:

- the access rules of ``classroom_gate``: only this server's own hosts and origins,
  a class code beyond this computer, a cap on open quizzes, clamped terminal sizes
  (refusals are answered 403/503 and logged);
- its own page: every asset from this server (no web fonts from elsewhere), a title,
  texts in the class's language, and focus on the quiz from the first key;
- every app process ended within seconds of its tab closing, and all of them before
  the server stops (Ctrl+C, SIGTERM);
- app processes forked from one process that has imported the app already (``Zygote``,
  where the system can fork), so a new tab does not pay Python's start and the imports;
  a plain process per tab where it cannot;
- variables of its own in each app process's environment (``tab_environment``: where the
  processes keep their compiled bytecode, see ``cmd_serve.bytecode_environment``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
import subprocess
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import WSMsgType, web
from rich.logging import RichHandler
from textual_serve.app_service import AppService
from textual_serve.server import LogHighlighter, Server, to_int

from .classroom_gate import MAX_CHECK_WAIT_S, ClassCode, HostPolicy, clamp_size

log = logging.getLogger("textual-serve")

PAGE_DIR = Path(__file__).resolve().parent / "classroom_page"
STOP_TIMEOUT_S = 10.0  # how long the server waits for the learners' app processes to end
QUIT_TIMEOUT_S = 3.0  # how long a closed tab's app process may take to quit before it is killed
PASS_COOKIE = "chinaai_class_pass"

WORDS = {
    "de": {
        "title": "chinaai-learn – Quiz",
        "loading": "Das Quiz wird geladen …",
        "start": "Starten",
        "ended": "Die Sitzung ist beendet. Deine Antworten sind gespeichert.",
        "restart": "Neu starten",
        "code_heading": "Klassencode",
        "code_text": "Gib den Code ein, den deine Lehrkraft an die Tafel geschrieben hat.",
        "code_label": "Code",
        "code_submit": "Weiter",
        "code_wrong": "Dieser Code stimmt nicht. Prüfe ihn und versuche es noch einmal.",
        "code_busy": "Gerade werden sehr viele Codes eingegeben. Warte ein paar Sekunden und versuche es dann noch einmal.",
        "full_heading": "Die Klasse ist voll",
        "full_text": "Es sind schon {n} Quiz-Fenster offen. Schließe ein anderes Fenster oder versuche es gleich noch einmal.",
    },
    "en": {
        "title": "chinaai-learn – Quiz",
        "loading": "Loading the quiz …",
        "start": "Start",
        "ended": "The session has ended. Your answers are saved.",
        "restart": "Start again",
        "code_heading": "Class code",
        "code_text": "Type the code your teacher has written on the board.",
        "code_label": "Code",
        "code_submit": "Continue",
        "code_wrong": "That code is not right. Check it and try again.",
        "code_busy": "Very many codes are being typed just now. Wait a few seconds, then try again.",
        "full_heading": "The class is full",
        "full_text": "{n} quiz windows are open already. Close another window or try again in a moment.",
    },
}


ZYGOTE_START_TIMEOUT_S = 60.0  # how long a fork request may wait for the zygote's imports


def can_fork() -> bool:
    """Whether tabs can be forked from a zygote here (POSIX with descriptor passing)."""
    return hasattr(os, "fork") and hasattr(socket, "send_fds") and hasattr(socket, "AF_UNIX")


class ForkedTab:
    """A tab's app process forked by the zygote, with what textual-serve uses of an asyncio ``Process``.

    The process holds the only other end of its sockets, so their end of file means it has exited.
    """

    def __init__(
        self,
        pid: int,
        streams: tuple[asyncio.StreamReader, asyncio.StreamWriter],
        errors: tuple[asyncio.StreamReader, asyncio.StreamWriter],
    ):
        self.pid = pid
        self.stdout, self.stdin = streams
        self.stderr, self._errors_writer = errors
        self.returncode: int | None = None

    async def wait(self) -> int:
        while not self.stdout.at_eof():
            await asyncio.sleep(0.05)  # textual-serve's reader takes the output up to its end
        self.stdin.close()
        self._errors_writer.close()
        self.returncode = 0
        return 0

    def kill(self) -> None:
        if not self.stdout.at_eof():  # still running: its pid is still its own
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, 9)


class Zygote:
    """``python -m chinaai_learn_tui.zygote``: imports the app once, then forks one child per tab on request."""

    def __init__(self, command: Sequence[str]):
        self.command = list(command)
        self.process: asyncio.subprocess.Process | None = None
        self._control: socket.socket | None = None
        self._lock = asyncio.Lock()
        self._replies = b""

    async def start(self, environment: Mapping[str, str]) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self.process = await asyncio.create_subprocess_exec(
                *self.command,
                "--control-fd",
                str(theirs.fileno()),
                pass_fds=[theirs.fileno()],
                env=dict(environment),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
            )
        except OSError:
            ours.close()
            raise
        finally:
            theirs.close()
        ours.setblocking(False)
        self._control = ours

    @property
    def running(self) -> bool:
        return self._control is not None and self.process is not None and self.process.returncode is None

    @property
    def given_up(self) -> bool:
        """True once it has failed a tab (or was stopped): the server starts tabs without it then."""
        return self._control is None

    async def fork(self, width: int, height: int) -> ForkedTab:
        """A new app process for a tab of ``width`` x ``height``; OSError when the zygote cannot give one."""
        control = self._control
        if control is None or not self.running:
            self._give_up()
            raise OSError("it has ended")
        loop = asyncio.get_running_loop()
        io_ours, io_theirs = socket.socketpair()
        errors_ours, errors_theirs = socket.socketpair()
        try:
            async with self._lock:
                request = json.dumps({"columns": width, "rows": height}).encode() + b"\n"
                socket.send_fds(control, [request], [io_theirs.fileno(), errors_theirs.fileno()])
                pid = await asyncio.wait_for(self._reply(loop, control), ZYGOTE_START_TIMEOUT_S)
        except BaseException as problem:
            io_ours.close()
            errors_ours.close()
            if isinstance(problem, (OSError, ValueError, KeyError, TimeoutError)):
                self._give_up()  # the next tabs start as processes of their own, without asking
            raise
        finally:
            io_theirs.close()
            errors_theirs.close()
        if pid <= 0:
            io_ours.close()
            errors_ours.close()
            raise OSError("the zygote refused the request")
        streams = await asyncio.open_unix_connection(sock=io_ours)
        errors = await asyncio.open_unix_connection(sock=errors_ours)
        return ForkedTab(pid, streams, errors)

    async def _reply(self, loop: asyncio.AbstractEventLoop, control: socket.socket) -> int:
        while b"\n" not in self._replies:
            data = await loop.sock_recv(control, 256)
            if not data:
                raise OSError("the zygote has ended")
            self._replies += data
        line, self._replies = self._replies.split(b"\n", 1)
        return int(json.loads(line)["pid"])

    def _give_up(self) -> None:
        if self._control is not None:
            self._control.close()
            self._control = None
        if self.process is not None and self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()

    async def stop(self) -> None:
        """Close the socket (the zygote then ends) and reap the process."""
        if self._control is not None:
            self._control.close()
            self._control = None
        process = self.process
        if process is None:
            return
        try:
            await asyncio.wait_for(process.wait(), QUIT_TIMEOUT_S)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(process.wait(), QUIT_TIMEOUT_S)


class TabService(AppService):
    """textual-serve's app process for one tab: forked by the zygote if there is one, with the server's variables."""

    def __init__(
        self, command: str, *, environment: Mapping[str, str | None], zygote: Zygote | None, **options: Any
    ) -> None:
        super().__init__(command, **options)
        self.environment = dict(environment)
        self.zygote = zygote

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        built = super()._build_environment(width=width, height=height)
        for name, value in self.environment.items():
            if value is None:
                built.pop(name, None)
            else:
                built[name] = value
        return built

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        if self.zygote is not None and not self.zygote.given_up:
            try:
                forked = await self.zygote.fork(width, height)
            except (OSError, ValueError, KeyError, TimeoutError) as problem:
                log.warning(
                    "quizzes start as processes of their own from now: the process forking them failed (%s)",
                    problem,
                )
            else:
                self._process = forked  # type: ignore[assignment]  # what textual-serve reads of a Process
                self._stdin = forked.stdin
                return forked
        return await super()._open_app_process(width, height)


class ClassroomServer(Server):
    """A textual-serve ``Server`` that runs ``command`` once per browser tab, within the gate's rules."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        title: str,
        banner: str,
        policy: HostPolicy,
        lang: str = "de",
        class_code: ClassCode | None = None,
        max_learners: int = 30,
        public_url: str | None = None,
        tab_environment: Mapping[str, str | None] | None = None,
        zygote_command: Sequence[str] | None = None,
    ):
        super().__init__(command, host=host, port=port, title=title, public_url=public_url)
        self.templates_path = PAGE_DIR
        self.follows_browser_address = public_url is None
        self.banner = banner
        self.policy = policy
        self.lang = "en" if lang == "en" else "de"
        self.class_code = class_code
        self.max_learners = max_learners
        self.tab_environment = dict(tab_environment or {})  # a None value removes the variable
        self.zygote = Zygote(zygote_command) if zygote_command and can_fork() else None
        self._sessions: set[asyncio.Task[object]] = set()

    @property
    def words(self) -> dict[str, str]:
        return WORDS[self.lang]

    def initialize_logging(self) -> None:
        """textual-serve's logging (its documented hook), but tracebacks without local variables.

        textual-serve's own shows every frame's variables: the class-code frames hold the code,
        the text a learner typed and the passes given out, and a console the teacher projects or
        a log they keep would hand them on. Tracebacks keep their lines, without the values.
        """
        logging.basicConfig(
            level="DEBUG" if self.debug else "INFO",
            format="%(message)s",
            datefmt="[%X]",
            handlers=[
                RichHandler(
                    show_path=False,
                    show_time=False,
                    rich_tracebacks=True,
                    tracebacks_show_locals=False,
                    highlighter=LogHighlighter(),
                    console=self.console,
                )
            ],
        )

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._gate)
        app.router.add_post("/", self.handle_code)
        return app

    @web.middleware
    async def _gate(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Refuse requests for another host, and websockets from another origin, before anything runs."""
        host = request.headers.get("Host")
        if not self.policy.host_allowed(host):
            log.warning("refused %s %s: Host %r is not this server", request.method, request.path, host)
            raise web.HTTPForbidden(text="This server does not answer for that host name.\n")
        if request.path == "/ws":
            origin = request.headers.get("Origin")
            if not self.policy.origin_allowed(origin, request.scheme, host):
                log.warning("refused a websocket from origin %r (host %r)", origin, host)
                raise web.HTTPForbidden(text="Connections are accepted from this server's own page only.\n")
            if not self._admitted(request):
                log.warning("refused a websocket without the class code from %s", request.remote)
                raise web.HTTPForbidden(text="Open the quiz's page and type the class code first.\n")
            if len(self._sessions) >= self.max_learners:
                log.warning("refused a websocket: %d quizzes open (--max-learners)", len(self._sessions))
                raise web.HTTPServiceUnavailable(text="The class is full.\n")
        return await handler(request)

    def _admitted(self, request: web.Request) -> bool:
        return self.class_code is None or self.class_code.admits(request.cookies.get(PASS_COOKIE))

    async def on_startup(self, app: web.Application) -> None:
        if self.zygote is not None:
            environment = TabService(
                self.command,
                environment=self.tab_environment,
                zygote=None,
                write_bytes=_nothing,
                write_str=_nothing,
                close=_nothing,
                download_manager=self.download_manager,
            )._build_environment()
            try:
                await self.zygote.start(environment)
            except OSError as problem:
                log.warning(
                    "quizzes start as processes of their own: the process forking them did not start (%s)",
                    problem,
                )
                self.zygote = None
        self.console.print(self.banner, markup=False, highlight=False, soft_wrap=True)

    async def handle_code(self, request: web.Request) -> web.StreamResponse:
        """The class-code form: a right code gives this browser a pass and opens the quiz."""
        if self.class_code is None:
            raise web.HTTPFound("./")
        client = request.remote or "?"
        try:
            form = await request.post()
        except web.HTTPException:  # a body too large: aiohttp's own answer
            raise
        except Exception:  # a form aiohttp cannot read (ValueError, InvalidHeader, RuntimeError ...)
            log.warning("refused a broken class-code form from %s", client)
            return self._code_form(request, self.words["code_wrong"], status=400)
        typed = str(form.get("code", ""))
        wait = self.class_code.wait_before_check(client)  # guessing is slowed, see ClassCode
        if wait is None:
            log.warning("refused a class code from %s unchecked: too many tries at once", client)
            busy = self._code_form(request, self.words["code_busy"], status=429)
            busy.headers["Retry-After"] = str(int(MAX_CHECK_WAIT_S))
            return busy
        if wait:
            await asyncio.sleep(wait)
        token = self.class_code.check(typed, client)
        if token is None:
            log.warning("wrong class code from %s", client)
            return self._code_form(request, self.words["code_wrong"], status=403)
        response = web.HTTPSeeOther("./")
        response.set_cookie(PASS_COOKIE, token, httponly=True, samesite="Strict", path="/")
        raise response

    def _code_form(self, request: web.Request, problem: str = "", status: int = 200) -> web.Response:
        words = self.words
        context = {
            "lang": self.lang,
            "words": words,
            "heading": words["code_heading"],
            "text": words["code_text"],
            "problem": problem,
            "ask_code": True,
        }
        return aiohttp_jinja2.render_template("message.html", request, context, status=status)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if not self._admitted(request):
            return self._code_form(request)
        if len(self._sessions) >= self.max_learners:
            words = self.words
            full = {
                "lang": self.lang,
                "words": words,
                "heading": words["full_heading"],
                "text": words["full_text"].format(n=len(self._sessions)),
            }
            return aiohttp_jinja2.render_template("message.html", request, full, status=503)
        if self.follows_browser_address:
            # The Host header passed the gate, so it names this server.
            self.public_url = f"{request.scheme}://{request.host}"
        router = request.app.router
        base = self.public_url.rstrip("/")
        socket_url = f"{base}{router['websocket'].url_for()}"
        socket_url = ("wss:" if base.startswith("https") else "ws:") + socket_url.split(":", 1)[1]
        context: dict[str, Any] = {
            "lang": self.lang,
            "words": self.words,
            "font_size": max(8, min(40, to_int(request.query.get("fontsize", "16"), 16))),
            "app_websocket_url": socket_url,
            "config": {
                "static": {"url": f"{base}{router['static'].url_for(filename='/')}".rstrip("/") + "/"}
            },
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One quiz per tab: the app process starts with a sane size and ends soon after the tab closes."""
        task = asyncio.current_task()
        assert task is not None
        self._sessions.add(task)
        websocket = web.WebSocketResponse(heartbeat=15)
        width, height = clamp_size(
            to_int(request.query.get("width", "80"), 80), to_int(request.query.get("height", "24"), 24)
        )
        service: AppService | None = None

        async def close() -> None:
            await websocket.close()

        try:
            await websocket.prepare(request)
            service = TabService(
                self.command,
                environment=self.tab_environment,
                zygote=self.zygote,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await service.start(width, height)
            await self._relay(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a broken connection must not take the server down
            log.exception(error)
        finally:
            if service is not None:
                await _end(service)
            self._sessions.discard(task)
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, service: AppService) -> None:
        """The browser's keys, sizes and focus to the app process (sizes clamped)."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, data = message.json()
            except (ValueError, TypeError):
                continue
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                width, height = clamp_size(
                    to_int(str(data.get("width", 80)), 80), to_int(str(data.get("height", 24)), 24)
                )
                await service.set_terminal_size(width, height)
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every session: each then asks its app to quit and waits for the process (or kills it)."""
        sessions = [task for task in self._sessions if not task.done()]
        for task in sessions:
            task.cancel()
        if sessions:
            _done, pending = await asyncio.wait(sessions, timeout=STOP_TIMEOUT_S)
            if pending:
                log.warning("%d quiz session(s) did not end within %.0f s", len(pending), STOP_TIMEOUT_S)
        if self.zygote is not None:
            await self.zygote.stop()


async def _nothing(*_args: object) -> None:
    """A websocket callback for a service that never runs."""


async def _end(service: AppService) -> None:
    """Ask the app process to quit and wait until it has exited; kill it after QUIT_TIMEOUT_S.

    textual-serve's ``stop`` returns once the process closes its output, which can be moments
    before the process itself has exited: the server must reap it before its event loop closes,
    or asyncio's child watcher reports the exit to a closed loop (and logs a warning).
    """
    process = getattr(service, "_process", None)  # textual-serve keeps no public handle on it
    with contextlib.suppress(TimeoutError, Exception):
        await asyncio.wait_for(service.stop(), QUIT_TIMEOUT_S)
    if process is None:
        return
    try:
        await asyncio.wait_for(process.wait(), QUIT_TIMEOUT_S)
    except (TimeoutError, Exception):
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(process.wait(), QUIT_TIMEOUT_S)
