"""`python bot.py playground` as a person starts it: the real bot against the embedded Bot API,
driven through the page's own API (the browser test, test_playground_browser.py, clicks the
page itself). Seeding sets a class up through the bot's real conversations, a question gets its
FAQ answer, the clock jumps to the reminders, and SIGTERM stops it with exit code 0."""

from __future__ import annotations

import re
import socket
import time
import urllib.request
from pathlib import Path
from typing import Any

from content.loader import load_content
from playground.timeline import GROUP_ID, INSTRUCTOR, OWNER, PARENT_A, PARENT_B
from tests.support.playground_process import ROOT, PlaygroundProcess
from tests.support.says import says


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_events(pg: PlaygroundProcess, after: int, test: Any, timeout: float = 20.0) -> list[Any]:
    """Events after `after` until one passes `test` (bounded); all of them."""
    deadline = time.monotonic() + timeout
    seen: list[Any] = []
    while time.monotonic() < deadline:
        answer = pg.get(f"api/events?after={after}")
        seen += answer["events"]
        after = answer["last"]
        if any(test(e) for e in answer["events"]):
            return seen
    raise AssertionError(f"no such event in {timeout}s; got {seen[-10:]}")


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def texts(events: list[Any], chat: int) -> list[str]:
    return [e["text"] for e in events if e["kind"] == "message" and e["chat"] == chat]


def test_playground_seeds_answers_and_plays_the_course(tmp_path: Path) -> None:
    port = free_port()
    with PlaygroundProcess(tmp_path, "--port", str(port)) as pg:
        assert pg.url == f"http://127.0.0.1:{port}/"
        with urllib.request.urlopen(pg.url, timeout=10) as page:
            html = page.read().decode()
        assert "Seed a demo class" in html

        seeded = pg.post("api/seed")
        everything = pg.get("api/events?after=0&wait=0")["events"]
        # The story happened in the chats, through the bot.
        assert any(f"start={seeded['code']}" in t for t in texts(everything, INSTRUCTOR.user_id))
        assert any(says(t, "roles.instructor_joined") for t in texts(everything, OWNER.user_id))
        for parent in (PARENT_A, PARENT_B):
            assert any(says(t, "joining.joined") for t in texts(everything, parent.user_id))
        assert any(says(t, "groups.linked") for t in texts(everything, GROUP_ID))
        last = pg.get("api/events?after=0&wait=0")["last"]

        pg.post(
            "api/send",
            {"who": "ana", "chat": PARENT_A.user_id, "text": "Should I massage my baby every day?"},
        )
        answer = plain(load_content().faq["frequency"].answer).strip().splitlines()[0]
        wait_events(
            pg, last, lambda e: e["chat"] == PARENT_A.user_id and answer in plain(e["text"])
        )

        state = pg.get("api/state")
        assert state["clock"]["next"] is not None
        last = pg.get("api/events?after=0&wait=0")["last"]
        jumped = pg.post("api/next")
        assert jumped["ran"]["at"] == state["clock"]["next"]["at"] or jumped["ran"]
        assert jumped["clock"]["now"] >= state["clock"]["now"]
        reminders = pg.get(f"api/events?after={last}&wait=0")["events"]
        for chat in (PARENT_A.user_id, PARENT_B.user_id, GROUP_ID):
            rsvp = [
                e
                for e in reminders
                if e["kind"] == "message"
                and e["chat"] == chat
                and any(b.get("data", "").startswith("rsvp:") for row in e["buttons"] for b in row)
            ]
            assert rsvp, (chat, reminders)
        # The bot's clock moved: the reminder says the session is tomorrow.
        assert "tomorrow" in rsvp[0]["text"]

        assert pg.terminate() == 0, pg.log()


def test_the_page_loads_nothing_from_elsewhere() -> None:
    static = ROOT / "playground" / "static"
    for path in static.iterdir():
        text = path.read_text()
        # Only links to the bot (t.me, drawn as chats' links) may name another host.
        for url in re.findall(r"""(?:src|href)\s*=\s*["'](\w+:[^"']*)""", text):
            assert url.startswith("data:"), (path.name, url)
        assert "@import" not in text and "//cdn" not in text, path.name
