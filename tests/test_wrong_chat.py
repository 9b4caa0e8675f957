"""Commands sent where they do not belong: every private-chat command sent in a group gets a
kind pointer to the private chat (never a crash, never private data in the group)."""

from __future__ import annotations

import pytest

from handlers import MODULES
from tests.conftest import OWNER_ID, BotHarness
from tests.support import updates as tg

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
    assert "private chat" in said[-1] or "t.me/iaim_test_bot" in said[-1], said[-1]


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
