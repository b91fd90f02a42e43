"""A process with the classroom app imported, which forks one child per browser tab (``chinaai-learn serve``).

Starting a Python process and importing Textual and the app is most of a new tab's CPU
time; a child forked from a process that has done so once starts at the name screen's
work. ``chinaai-learn serve`` runs ``python -m chinaai_learn_tui.zygote --control-fd N
TAB-OPTIONS`` once, in the environment textual-serve gives an app process, and asks
through the socket N for each tab's process: a request is one line of JSON (the
terminal's ``columns`` and ``rows``) with two file descriptors, the tab's input and
output (one socket) and its error output; the answer is one line ``{"pid": ...}``.

Before a fork this process only imports: no thread, no event loop, no SQLite or other
file stays open. Each child loads the bank (from the bank cache) and opens its learner's
store itself, exactly as a spawned tab does; Python's ``random`` reseeds itself in a
forked child, and the quiz's seed comes from ``secrets``. The kernel reaps the children.
The process ends when the server closes the socket.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import sys
import traceback
from collections.abc import Sequence

from . import classroom
from .app import import_everything

MAX_REQUEST = 4096


def serve_forks(control: socket.socket, tab_args: Sequence[str]) -> None:
    """Answer fork requests until the server closes ``control``."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # no zombies: the kernel reaps the tabs
    while True:
        try:
            message, fds, _flags, _address = socket.recv_fds(control, MAX_REQUEST, 2)
        except OSError:
            return
        if not message:
            return  # the server has gone
        try:
            request = json.loads(message)
            size = (int(request["columns"]), int(request["rows"]))
            if len(fds) != 2:
                raise ValueError("a fork request carries two file descriptors")
        except (ValueError, KeyError, TypeError):
            for fd in fds:
                os.close(fd)
            control.sendall(b'{"pid": 0}\n')
            continue
        pid = os.fork()
        if pid == 0:
            control.close()
            run_tab(fds[0], fds[1], size, tab_args)  # never returns
        for fd in fds:
            os.close(fd)
        control.sendall(json.dumps({"pid": pid}).encode() + b"\n")


def run_tab(io_fd: int, error_fd: int, size: tuple[int, int], tab_args: Sequence[str]) -> None:
    """In the forked child: the tab's sockets as standard input, output and error, then the app."""
    code = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.dup2(io_fd, 0)
        os.dup2(io_fd, 1)
        os.dup2(error_fd, 2)
        os.close(io_fd)
        os.close(error_fd)
        os.environ["COLUMNS"], os.environ["ROWS"] = str(size[0]), str(size[1])
        code = classroom.main(tab_args)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="chinaai_learn_tui.zygote", description=__doc__)
    parser.add_argument("--control-fd", type=int, required=True)
    ours, tab_args = parser.parse_known_args(argv)
    classroom.parse_args(tab_args)  # wrong options end here, once, not in every tab
    import_everything()  # what a tab imports only later: once here rather than in every child
    control = socket.socket(fileno=ours.control_fd)
    try:
        serve_forks(control, tab_args)
    except KeyboardInterrupt:  # Ctrl+C reaches the whole process group; the server reports it
        pass
    finally:
        control.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
