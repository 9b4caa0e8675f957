"""The playground's web page and its small JSON API, served by tornado on 127.0.0.1.

    GET  /                      the page (static/index.html, app.js, style.css; no build step)
    GET  /api/state             the people, the group, the bot's name
    GET  /api/events?after=N    events after N, waiting up to 20 s for one (long poll)
    GET  /api/commands?who=K&chat=C   the command menu that person sees in that chat
    POST /api/send    {who, chat, text}         someone types in a chat
    POST /api/press   {who, chat, id, data}     someone presses a button
    POST /api/open    {who, payload}            someone opens a t.me/<bot>?start=... link
    POST /api/seed                              "Seed a demo class"
    POST /api/next                              the clock jumps to the next scheduled event
    GET  /file/K                                a photo or document the bot sent

Everything runs on the bot's own event loop. POSTs must be JSON and the Host must be this
machine, so another web site open in the same browser cannot drive the playground.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from pathlib import Path
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application as WebApplication
from tornado.web import HTTPError, RequestHandler, StaticFileHandler

from playground import updates as tg
from playground.core import Playground
from playground.seed import SeedError, seed
from playground.timeline import GROUP_ID, GROUP_TITLE, person

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
LONG_POLL_S = 20.0
MAX_TEXT = 4096
IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


class Base(RequestHandler):
    """Shared checks and helpers of the API handlers."""

    playground: Playground
    zone: str

    def initialize(self, playground: Playground, zone: str) -> None:
        """Tornado passes the playground to every handler."""
        self.playground = playground
        self.zone = zone

    def prepare(self) -> None:
        """Refuse requests addressed to another host name (DNS rebinding) and non-JSON posts."""
        host = self.request.host.rsplit(":", 1)[0].strip("[]")
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise HTTPError(403, "the playground answers only on this machine")
        if self.request.method == "POST":
            kind = self.request.headers.get("Content-Type", "").split(";")[0].strip()
            if kind != "application/json":
                raise HTTPError(415, "send JSON")

    def body(self) -> dict[str, Any]:
        """The JSON body of a POST."""
        try:
            data = json.loads(self.request.body or b"{}")
        except ValueError:
            raise HTTPError(400, "not JSON") from None
        if not isinstance(data, dict):
            raise HTTPError(400, "expected an object")
        return data

    def who(self, data: dict[str, Any]) -> Any:
        """The person named in the request."""
        found = person(str(data.get("who", "")))
        if found is None:
            raise HTTPError(400, "unknown person")
        return found

    @staticmethod
    def chat(value: Any, default: int) -> int:
        """A chat id from the request: the group, or the person's own private chat."""
        try:
            chat = int(value)
        except (TypeError, ValueError):
            return default
        return GROUP_ID if chat == GROUP_ID else default

    def clock_info(self) -> dict[str, Any]:
        """The virtual time and the next scheduled event, for the page's header."""
        event = self.playground.next_event()
        timeline = self.playground.timeline
        nxt = None
        if event is not None:
            nxt = {"at": event.at.astimezone(timeline.zone).isoformat(), "what": event.what}
        return {"now": timeline.now_text(), "zone": self.zone, "next": nxt}


class State(Base):
    """GET /api/state: who is in the playground."""

    def get(self) -> None:
        """The people, the group and the bot."""
        self.write(
            {
                "people": self.playground.people(),
                "group": {"id": GROUP_ID, "title": GROUP_TITLE},
                "bot": tg.BOT_USERNAME,
                "clock": self.clock_info(),
            }
        )


class Events(Base):
    """GET /api/events?after=N: the page's long poll."""

    async def get(self) -> None:
        """Events after N (waiting for one up to LONG_POLL_S), the clock, the last number."""
        try:
            after = int(self.get_argument("after", "0"))
        except ValueError:
            raise HTTPError(400, "after must be a number") from None
        timeout = 0.0 if self.get_argument("wait", "1") == "0" else LONG_POLL_S
        events = await self.playground.timeline.wait_after(after, timeout)
        last = events[-1]["seq"] if events else after
        self.write({"events": events, "last": last, "clock": self.clock_info()})


class Commands(Base):
    """GET /api/commands: the menu a person sees in a chat."""

    def get(self) -> None:
        """The commands with their descriptions."""
        found = person(self.get_argument("who", ""))
        if found is None:
            raise HTTPError(400, "unknown person")
        chat = self.chat(self.get_argument("chat", ""), found.user_id)
        self.write({"commands": self.playground.commands(found, chat)})


class Send(Base):
    """POST /api/send: someone types a message."""

    def post(self) -> None:
        """Push the message as an update; answer its message id."""
        data = self.body()
        who = self.who(data)
        text = str(data.get("text", "")).strip()
        if not text or len(text) > MAX_TEXT:
            raise HTTPError(400, "a message is 1 to 4096 characters")
        chat = self.chat(data.get("chat"), who.user_id)
        self.write({"id": self.playground.say(who, text, chat)})


class Press(Base):
    """POST /api/press: someone presses an inline button."""

    def post(self) -> None:
        """Push the button press as a callback query."""
        data = self.body()
        who = self.who(data)
        chat = self.chat(data.get("chat"), who.user_id)
        try:
            message_id = int(data.get("id", 0))
        except (TypeError, ValueError):
            raise HTTPError(400, "id must be a message id") from None
        self.playground.press(who, chat, message_id, str(data.get("data", ""))[:64])
        self.write({"ok": True})


class Open(Base):
    """POST /api/open: someone opens a deep link to the bot."""

    def post(self) -> None:
        """Push "/start <payload>" from that person."""
        data = self.body()
        payload = str(data.get("payload", ""))[:64]
        self.write({"id": self.playground.open_link(self.who(data), payload)})


class Seed(Base):
    """POST /api/seed: set up the demo class through the bot."""

    async def post(self) -> None:
        """Run the seed; its result, or why it could not run."""
        self.body()
        lock: asyncio.Lock = self.settings["seed_lock"]
        if lock.locked():
            raise HTTPError(409, "already seeding")
        async with lock:
            try:
                result = await seed(self.playground, self.zone)
            except SeedError as exc:
                self.set_status(500)
                self.write({"error": str(exc)})
                return
        self.write(result)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Errors as JSON with the reason, for the page to show."""
        self.write({"error": self._reason})


class Next(Base):
    """POST /api/next: the clock jumps to the next scheduled event."""

    async def post(self) -> None:
        """Jump; what ran, and the clock after it."""
        self.body()
        lock: asyncio.Lock = self.settings["clock_lock"]
        async with lock:  # two quick clicks: one jump after the other, never interleaved
            event = await self.playground.jump()
        ran = None if event is None else {"at": event.at.isoformat(), "what": event.what}
        self.write({"ran": ran, "clock": self.clock_info()})


class File(Base):
    """GET /file/K: a photo or document the bot sent."""

    def get(self, key: str) -> None:
        """The file's bytes, with its type; documents download under their name."""
        upload = self.playground.timeline.file(key)
        if upload is None:
            raise HTTPError(404)
        # A photo sent as raw bytes arrives without a type or name; its first bytes tell.
        kind = next(
            (mime for magic, mime in IMAGE_MAGIC.items() if upload.content.startswith(magic)),
            upload.mimetype or "application/octet-stream",
        )
        self.set_header("Content-Type", kind)
        if not kind.startswith("image/"):
            name = upload.filename.replace('"', "")
            self.set_header("Content-Disposition", f'attachment; filename="{name}"')
        self.write(upload.content)


def make_web_app(playground: Playground, zone: str) -> WebApplication:
    """The tornado application of the page and its API."""
    args = {"playground": playground, "zone": zone}
    return WebApplication(
        [
            (r"/api/state", State, args),
            (r"/api/events", Events, args),
            (r"/api/commands", Commands, args),
            (r"/api/send", Send, args),
            (r"/api/press", Press, args),
            (r"/api/open", Open, args),
            (r"/api/seed", Seed, args),
            (r"/api/next", Next, args),
            (r"/file/([0-9]+)", File, args),
            (r"/(.*)", StaticFileHandler, {"path": str(STATIC), "default_filename": "index.html"}),
        ],
        seed_lock=asyncio.Lock(),
        clock_lock=asyncio.Lock(),
    )


def start_web(playground: Playground, zone: str, port: int) -> tuple[HTTPServer, int]:
    """Serve the page on 127.0.0.1:`port` (0: a free one); the server and its port."""
    sockets = bind_sockets(port, "127.0.0.1", family=socket.AF_INET)
    server = HTTPServer(make_web_app(playground, zone))
    server.add_sockets(sockets)
    return server, int(sockets[0].getsockname()[1])
