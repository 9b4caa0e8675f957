"""End to end: the real bot process sends the check-in invitation from the course schedule, the
parent answers it with button presses and a typed question, and the instructor's /checkins
shows it (with the chart), all over loopback HTTP against the fake Bot API."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.repo import Store
from tests.support.fake_api import FakeBotApi
from tests.support.fake_request import Call
from tests.support.process import BotProcess

PARENT = 4242
INSTRUCTOR = 5151


async def seed(data: Path) -> str:
    """A one-session class whose session started a couple of minutes ago, with one parent.

    Its check-in invitation and nudge are both overdue when the bot starts, so exactly one of
    them goes out: the invitation (the nudge never overtakes it).
    """
    now = datetime.now(UTC) - timedelta(minutes=2)
    store = Store(data)
    await store.open()
    try:
        invite = await store.create_invite(1)
        await store.use_invite(invite, INSTRUCTOR, "Mia")
        klass = await store.create_class(
            INSTRUCTOR,
            {
                "name": "E2E babies",
                "tz": "UTC",
                "first_date": now.date().isoformat(),
                "start": now.strftime("%H:%M"),
                # One session: with the compressed schedule the week cannot move on mid-test.
                "sessions": 1,
                "length_min": 60,
                "venue": "",
                "moved": {},
                "cancelled": [],
                "ended_after": None,
                "group_chat_id": None,
            },
        )
        await store.update_user(PARENT, {"consent": True, "first_name": "Ana"})
        await store.add_member(
            klass["id"], PARENT, {"first_name": "Ana", "role": "parent", "family_of": None}
        )
        return str(klass["id"])
    finally:
        await store.close()


def has_button(data_prefix: str) -> object:
    """A matcher for calls whose inline keyboard has a button with this callback data prefix."""

    def match(call: Call) -> bool:
        markup = call.params.get("reply_markup")
        return isinstance(markup, dict) and f'"{data_prefix}' in json.dumps(markup)

    return match


async def test_invitation_checkin_by_buttons_and_the_instructor_view(tmp_path: Path) -> None:
    data = tmp_path / "data"
    class_id = await seed(data)
    async with FakeBotApi() as api:
        # One schedule unit = 1 s: the invitation is due 3 s after the session started.
        with BotProcess(api.base_url, data, SCHEDULE_UNIT_SECONDS="1") as bot:
            (invitation,) = await api.wait_for(has_button("ci:start"), chat_id=PARENT, timeout=30)
            assert "E2E babies" in (invitation.text or "")
            message_id = invitation.result["message_id"]

            async def press(data: str, *, expect: str | None = None, markup: str = "") -> None:
                mark = api.mark()
                api.push_callback(PARENT, data, message_id=message_id)
                await api.wait_for(
                    lambda c: (
                        c.method == "editMessageText"
                        and c.params.get("message_id") == message_id
                        and (expect is None or expect in (c.text or ""))
                        and markup
                        in json.dumps(c.params.get("reply_markup") or {}, ensure_ascii=False)
                    ),
                    chat_id=PARENT,
                    since=mark,
                    timeout=15,
                )

            await press(f"ci:start:{class_id}:1", expect="How many days")
            await press(f"ci:d:{class_id}:1:3-4", expect="How did your baby respond?")
            await press(f"ci:r:{class_id}:1:loved", expect="Which areas")
            await press(f"ci:a:{class_id}:1:legs", markup="✓ Legs and feet")
            await press(f"ci:done:{class_id}:1", expect="Anything you'd like")

            api.push_message(PARENT, "Is olive oil all right for her skin?", first_name="Ana")
            await api.wait_for("sendMessage", chat_id=INSTRUCTOR, text_contains="Ana asked")
            await api.wait_for("editMessageText", chat_id=PARENT, text_contains="week 1 is saved")

            api.push_command(INSTRUCTOR, "checkins", first_name="Mia")
            (view,) = await api.wait_for(
                "sendMessage", chat_id=INSTRUCTOR, text_contains="1 of 1 families", timeout=15
            )
            assert "3–4: 1" in (view.text or "") and "Loved it: 1" in (view.text or "")
            assert "olive oil" in (view.text or "")
            # The chart: drawing it (and importing matplotlib the first time) takes a moment.
            (chart,) = await api.wait_for("sendPhoto", chat_id=INSTRUCTOR, timeout=60)
            assert chart.files["photo"].content[:8] == b"\x89PNG\r\n\x1a\n"
            assert bot.terminate() == 0, bot.log()
