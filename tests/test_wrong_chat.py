"""Commands sent where they do not belong: every private-chat command sent in a group gets a
kind pointer to the private chat (never a crash, never private data in the group)."""

from __future__ import annotations

import pytest

from handlers import MODULES
from tests.conftest import OWNER_ID, BotHarness
from tests.support import updates as tg
from tests.support.says import says

GROUP = -5005
PRIVATE_ONLY = sorted(
    {c.name for m in MODULES for c in m.COMMANDS if c.listed and not c.in_group} - {"start"}
)


@pytest.mark.parametrize("command", PRIVATE_ONLY)
async def test_a_private_command_in_a_group_points_to_the_private_chat(
    bot: BotHarness, command: str
) -> None:
    code = await bot.store.create_invite(OWNER_ID)
    await bot.store.use_invite(code, 77, "Maria")  # an instructor: no refusal on role grounds
    await bot.send(tg.group_command(GROUP, 77, command, bot=bot.app.bot))
    said = bot.texts(GROUP)
    assert said, f"/{command} in a group got no answer at all"
    assert says(said[-1], "core.private_only") or "t.me/iaim_test_bot" in said[-1], said[-1]


EVERY_COMMAND = sorted({c.name for m in MODULES for c in m.COMMANDS if c.listed})


@pytest.mark.parametrize("command", EVERY_COMMAND)
async def test_a_stranger_gets_a_kind_answer_to_every_command(
    bot: BotHarness, command: str
) -> None:
    stranger = 4040
    await bot.say(stranger, f"/{command}")
    said = bot.texts(stranger)
    assert said, f"/{command} from someone in no class got no answer"
    assert "went wrong" not in said[-1]
    # Nothing about them is stored just because they tried a command.
    assert await bot.store.get_user(stranger) is None


FORGED = [
    "nc:ok",
    "nc:tz:Mars/Olympus",
    "cls:end:nosuchclass",
    "cls:endok:nosuchclass",
    "ses:list:nosuchclass",
    "ses:mvok:nosuchclass:2:202603121030",
    "ses:cxok:nosuchclass:9",
    "ses:md:nosuchclass:2:2026-03-12",
    "cvn:ask:nosuchclass",
    "cvn:rm:nosuchclass",
    "clg:nosuchclass:es",
    "nc:lang:es",
    "jn:ok:not-a-code",
    "grp:link:nosuchclass",
    "pv:forget:yes",
    "crs:next:nosuchclass",
    "ci:start:nosuchclass:1",
    "ci:vc:nosuchclass",
    "ci:x:nosuchclass",
    "q:reply:nosuchclass:1",
    "faq:show:not-a-topic",
    "faq:fb:oil:7",
    "ann:now",
    "ann:x",
    "ann:later",
    "totally:unknown:button",
    "",
]


@pytest.mark.parametrize("data", FORGED)
async def test_a_forged_or_outdated_button_is_answered_and_changes_nothing(
    bot: BotHarness, data: str
) -> None:
    presser = 4041
    before = sorted(p.name for p in bot.store.db.folder.rglob("*") if p.is_file())
    await bot.press(presser, data)
    answers = [c for c in bot.api.calls if c.method == "answerCallbackQuery"]
    assert answers, f"the button {data!r} left the spinner turning"
    assert await bot.store.get_user(presser) is None
    after = sorted(p.name for p in bot.store.db.folder.rglob("*") if p.is_file())
    assert after == before  # no new file: nothing was created for a forged button
