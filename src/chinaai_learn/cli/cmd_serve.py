"""``chinaai-learn serve``: the quiz in the browser for a classroom, one app per tab, progress per learner name."""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import socket
import subprocess
import sys
from pathlib import Path

from ..bank_cache import cache_dir
from ..classroom import default_classroom_dir, prepare_classroom_dir
from ..errors import UserError
from ..selection import positive_int
from .classroom_gate import (
    MAX_CODE_LENGTH,
    MIN_CODE_LENGTH,
    ClassCode,
    HostPolicy,
    class_code_problem,
    default_max_learners,
    is_local_bind,
    new_class_code,
    normal_code,
)
from .common import ExitStatus, add_bank_option, add_lang_option, bank_from

SESSION_MODULE = "chinaai_learn_tui.classroom"  # what textual-serve runs for every browser tab
ZYGOTE_MODULE = "chinaai_learn_tui.zygote"  # what forks the tabs' processes, where the system can
FORK_ENV = "CHINAAI_LEARN_SERVE_FORK"  # "off": start every tab's process afresh, as textual-serve does
BYTECODE_FOLDER = "bytecode"  # in the user cache folder: the tabs' compiled Python
WARM_UP_TIMEOUT_S = 120.0


def port_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is between 1 and 65535, not {value}")
    return value


def web_address(text: str) -> str:
    if not text.startswith(("http://", "https://")) or len(text.rstrip("/").split("//", 1)[1]) == 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a web address like http://192.168.1.20:8000")
    return text.rstrip("/")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help="serve the quiz to web browsers (a classroom)", description=__doc__)
    add_bank_option(p)
    add_lang_option(p)
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer only)"
    )
    p.add_argument("--port", type=port_number, default=8000, help="port to listen on (default: 8000)")
    p.add_argument(
        "--progress-dir",
        metavar="DIR",
        type=Path,
        default=None,
        help=f"folder with one progress store per learner name (default: {default_classroom_dir()})",
    )
    p.add_argument(
        "--public-url",
        metavar="URL",
        type=web_address,
        default=None,
        help="address learners open, when it differs from the one their browser used (e.g. behind a proxy)",
    )
    p.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a host name learners may use to reach this server (repeat for several); "
        "IP addresses and this computer's own names need no option",
    )
    p.add_argument(
        "--class-code",
        metavar="CODE",
        type=class_code_text,
        default=None,
        help="the code learners type before a quiz opens when the server is reachable from the "
        f"network: {MIN_CODE_LENGTH} to {MAX_CODE_LENGTH} letters A-Z and digits 0-9, case, spaces "
        "and dashes do not matter (default: a new random code at every start, printed with the address)",
    )
    p.add_argument(
        "--max-learners",
        metavar="N",
        type=positive_int,
        default=None,
        help=f"open quizzes at most; more tabs are told the class is full (default here: {default_max_learners()})",
    )
    p.set_defaults(func=run)


def class_code_text(text: str) -> str:
    problem = class_code_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return normal_code(text)


def is_local(host: str) -> bool:
    return is_local_bind(host)


def exposure_warning(host: str, port: int) -> str:
    return (
        f"Note: listening on {host}, not only on this computer. Learners need the class code below to "
        f"open a quiz on port {port}; anyone who has the code can type any learner's name, so hand it "
        "out in class only. --host 127.0.0.1 keeps the server to this computer."
    )


def check_can_listen(host: str, port: int) -> None:
    """Fail early, before the banner, when the address is taken or not this computer's."""
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself does
            probe.bind(address)
    except OSError as exc:
        raise cannot_listen(host, port, exc) from None


def cannot_listen(host: str, port: int, exc: OSError) -> UserError:
    reason = (exc.strerror or str(exc)).lower()
    return UserError(f"cannot listen on {host} port {port}: {reason}; choose another --port (or --host)")


def session_options(bank_dir: Path | None, progress_dir: Path, lang: str) -> list[str]:
    """The options of every tab's app process."""
    options = ["--progress-dir", str(progress_dir), "--lang", lang]
    if bank_dir is not None:
        options += ["--bank", str(bank_dir.resolve())]
    return options


def session_command(bank_dir: Path | None, progress_dir: Path, lang: str) -> str:
    """The shell command textual-serve runs per browser tab (this Python, so the same installation)."""
    return shlex.join([sys.executable, "-m", SESSION_MODULE, *session_options(bank_dir, progress_dir, lang)])


def zygote_command(bank_dir: Path | None, progress_dir: Path, lang: str) -> list[str] | None:
    """The process that forks the tabs' app processes (the server adds its socket); None when switched off."""
    if os.environ.get(FORK_ENV, "").strip().lower() == "off":
        return None
    return [sys.executable, "-m", ZYGOTE_MODULE, *session_options(bank_dir, progress_dir, lang)]


def bytecode_environment() -> dict[str, str | None]:
    """What the tabs' environment needs so that each tab does not compile the app's Python anew.

    Python keeps compiled modules beside their source, and where it may not (a read-only
    installation, ``PYTHONDONTWRITEBYTECODE``) every tab compiles every module it imports,
    most of a new tab's CPU time. The tabs keep their bytecode in the user cache folder
    instead (``PYTHONPYCACHEPREFIX``), never next to the code, so that only the first one
    compiles. Nothing changes when the cache is switched off or a prefix is set already.
    A ``None`` value removes the variable.
    """
    folder = cache_dir()
    if folder is None or os.environ.get("PYTHONPYCACHEPREFIX"):
        return {}
    return {"PYTHONPYCACHEPREFIX": str(folder / BYTECODE_FOLDER), "PYTHONDONTWRITEBYTECODE": None}


def warm_up_tabs(environment: dict[str, str | None]) -> None:
    """Import the tab's app once, as a tab does, so the first tabs of a lesson find it compiled."""
    if not environment:
        return
    env = {**os.environ}
    for name, value in environment.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    with contextlib.suppress(OSError, subprocess.SubprocessError):  # only a head start
        subprocess.run(
            [sys.executable, "-c", f"import {SESSION_MODULE}"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=WARM_UP_TIMEOUT_S,
            check=False,
        )


def browser_url(host: str, port: int) -> str:
    """The address to tell learners (a wildcard host is no address a browser can open)."""
    if host in ("0.0.0.0", "::"):
        host = "<this computer's address>"
    elif ":" in host:
        host = f"[{host}]"  # an IPv6 address in a URL
    return f"http://{host}:{port}"


def banner(url: str, progress_dir: Path, code: str | None = None, max_learners: int | None = None) -> str:
    lines = [f"chinaai-learn classroom: open {url} in a web browser (one quiz per tab)."]
    if code:
        lines.append(f"Class code: {code}  (write it on the board; learners type it once per browser)")
    lines.append(f"Each learner types a name; progress is kept per name in {progress_dir}")
    if max_learners:
        lines.append(f"At most {max_learners} quizzes at once (--max-learners).")
    lines.append("Stop with Ctrl+C.")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    bank_from(args)  # a bank problem is reported here, not in every learner's tab
    progress_dir = prepare_classroom_dir(args.progress_dir or default_classroom_dir())
    if not is_local(args.host):
        print(exposure_warning(args.host, args.port), file=sys.stderr)
    check_can_listen(args.host, args.port)

    from .classroom_server import ClassroomServer, can_fork  # here: textual-serve loads only for this command

    tab_environment = bytecode_environment()
    zygote = zygote_command(args.bank, progress_dir, args.lang) if can_fork() else None
    if zygote is None:
        warm_up_tabs(tab_environment)  # the zygote's own imports do this where tabs are forked

    local = is_local(args.host)
    code = None if local and args.class_code is None else ClassCode(args.class_code or new_class_code())
    max_learners = args.max_learners or default_max_learners()
    server = ClassroomServer(
        session_command(args.bank, progress_dir, args.lang),
        host=args.host,
        port=args.port,
        title="chinaai-learn",
        banner=banner(
            args.public_url or browser_url(args.host, args.port),
            progress_dir,
            code.code if code else None,
            max_learners,
        ),
        policy=HostPolicy.for_server(args.host, args.allow_host, args.public_url),
        lang=args.lang,
        class_code=code,
        max_learners=max_learners,
        public_url=args.public_url,
        tab_environment=tab_environment,
        zygote_command=zygote,
    )
    try:
        server.serve()
    except OSError as exc:  # taken between the check and the start
        raise cannot_listen(args.host, args.port, exc) from None
    return ExitStatus.SUCCESS
