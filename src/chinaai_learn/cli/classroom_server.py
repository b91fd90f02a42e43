"""The textual-serve server behind ``chinaai-learn serve``: links that work from any machine, and a clean stop.

textual-serve starts one app process per browser tab. Two things are added here:
the page's script and socket addresses follow the address the browser actually used
(a learner who opened ``http://192.168.1.20:8000`` is not sent to ``0.0.0.0``), and
stopping the server (Ctrl+C, SIGTERM) first closes every open tab's session and waits
for its app process to end, so no quiz process outlives the server.
"""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web
from textual_serve.server import Server

log = logging.getLogger("textual-serve")

STOP_TIMEOUT_S = 10.0  # how long the server waits for the learners' app processes to end


class ClassroomServer(Server):
    """A textual-serve ``Server`` that runs ``command`` once per browser tab."""

    def __init__(
        self, command: str, *, host: str, port: int, title: str, banner: str, public_url: str | None = None
    ):
        super().__init__(command, host=host, port=port, title=title, public_url=public_url)
        self.follows_browser_address = public_url is None
        self.banner = banner
        self._sessions: set[asyncio.Task[object]] = set()

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(self.banner, markup=False, highlight=False, soft_wrap=True)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.follows_browser_address:
            # Read synchronously by the page template below, before anything else can run.
            self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        task = asyncio.current_task()
        assert task is not None
        self._sessions.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self._sessions.discard(task)

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every session: textual-serve then tells its app to quit and waits for the process."""
        sessions = [task for task in self._sessions if not task.done()]
        for task in sessions:
            task.cancel()
        if sessions:
            _done, pending = await asyncio.wait(sessions, timeout=STOP_TIMEOUT_S)
            if pending:
                log.warning("%d quiz session(s) did not end within %.0f s", len(pending), STOP_TIMEOUT_S)
