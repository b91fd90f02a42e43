"""``chinaai-learn serve``: the quiz in the browser for a classroom, one app per tab, progress per learner name."""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import socket
import sys
from pathlib import Path

from ..classroom import default_classroom_dir, prepare_classroom_dir
from ..errors import UserError
from .common import ExitStatus, add_bank_option, add_lang_option, bank_from

SESSION_MODULE = "chinaai_learn_tui.classroom"  # what textual-serve runs for every browser tab


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
    p.set_defaults(func=run)


def is_local(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str, port: int) -> str:
    return (
        f"Warning: listening on {host}, not only on this computer. Anyone who can reach it on port {port} "
        "can open the quiz, and whoever types a learner's name adds to that learner's progress "
        "(there are no passwords). Use this only on a network you trust; --host 127.0.0.1 keeps it local."
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


def session_command(bank_dir: Path | None, progress_dir: Path, lang: str) -> str:
    """The shell command textual-serve runs per browser tab (this Python, so the same installation)."""
    argv = [sys.executable, "-m", SESSION_MODULE, "--progress-dir", str(progress_dir), "--lang", lang]
    if bank_dir is not None:
        argv += ["--bank", str(bank_dir.resolve())]
    return shlex.join(argv)


def browser_url(host: str, port: int) -> str:
    """The address to tell learners (a wildcard host is no address a browser can open)."""
    if host in ("0.0.0.0", "::"):
        host = "<this computer's address>"
    elif ":" in host:
        host = f"[{host}]"  # an IPv6 address in a URL
    return f"http://{host}:{port}"


def banner(url: str, progress_dir: Path) -> str:
    return (
        f"chinaai-learn classroom: open {url} in a web browser (one quiz per tab).\n"
        f"Each learner types a name; progress is kept per name in {progress_dir}\n"
        "Stop with Ctrl+C."
    )


def run(args: argparse.Namespace) -> int:
    bank_from(args)  # a bank problem is reported here, not in every learner's tab
    progress_dir = prepare_classroom_dir(args.progress_dir or default_classroom_dir())
    if not is_local(args.host):
        print(exposure_warning(args.host, args.port), file=sys.stderr)
    check_can_listen(args.host, args.port)

    from .classroom_server import ClassroomServer  # here: textual-serve loads only for this command

    server = ClassroomServer(
        session_command(args.bank, progress_dir, args.lang),
        host=args.host,
        port=args.port,
        title="chinaai-learn",
        banner=banner(args.public_url or browser_url(args.host, args.port), progress_dir),
        public_url=args.public_url,
    )
    try:
        server.serve()
    except OSError as exc:  # taken between the check and the start
        raise cannot_listen(args.host, args.port, exc) from None
    return ExitStatus.SUCCESS
