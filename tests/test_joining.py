"""Parents joining through the class link: consent first, the optional baby details, carers,
leaving, and the shared "which class?" helper."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import BotHarness
from tests.support import updates as tg
from tests.support.says import says
from tests.test_newclass import INSTRUCTOR, alerts, data_of, last_shown, seed_class, shown

PARENT = 3_777_000_111  # distinctive, so a scan of the data files cannot match by chance
CARER = 3_888_000_222


def files_mentioning(bot: BotHarness, needle: int) -> list[Path]:
    """Every file under DATA_DIR whose content contains the number."""
    root = bot.app.bot_data["settings"].data_dir
    return [
        p for p in root.rglob("*") if p.is_file() and str(needle) in p.read_text(errors="ignore")
    ]


async def join(bot: BotHarness, klass: dict, user_id: int = PARENT, name: str = "Ana") -> None:
    """Open the join link and agree; skip the baby's details."""
    await bot.say(user_id, f"/start {klass['code']}", first_name=name)
    if f"jn:ok:{klass['code']}" in data_of(bot, user_id):
        await bot.press(user_id, f"jn:ok:{klass['code']}", first_name=name)
    if "jn:skipname" in data_of(bot, user_id):
        await bot.press(user_id, "jn:skipname")
        await bot.press(user_id, "jn:skipbirth")


async def test_consent_comes_first_and_nothing_is_stored_before_it(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await bot.say(PARENT, f"/start {klass['code']}", first_name="Ana")
    consent = last_shown(bot, PARENT)
    assert "Tuesday babies" in consent and "Ines" in consent
    assert says(consent, "joining.consent") and "/forgetme" in consent
    assert data_of(bot, PARENT) == [f"jn:ok:{klass['code']}", "jn:no"]
    assert files_mentioning(bot, PARENT) == []
    assert await bot.store.get_user(PARENT) is None

    await bot.press(PARENT, f"jn:ok:{klass['code']}", first_name="Ana")
    user = await bot.store.get_user(PARENT)
    assert user["consent"] is True and user["first_name"] == "Ana"
    assert user["classes"] == [klass["id"]]
    member = await bot.store.get_member(klass["id"], PARENT)
    assert (member["role"], member["family_of"], member["active"]) == ("parent", None, True)
    texts = shown(bot, PARENT)
    assert any(
        says(t, "joining.joined", name="Tuesday babies") and says(t, "joining.next_session")
        for t in texts
    )
    assert says(last_shown(bot, PARENT), "joining.ask_baby_name")


async def test_the_babys_details_are_optional_and_checked(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await bot.say(PARENT, f"/start {klass['code']}")
    await bot.press(PARENT, f"jn:ok:{klass['code']}")
    await bot.send(tg.sticker_message(PARENT, bot=bot.app.bot))
    assert says(last_shown(bot, PARENT), "core.not_text")
    await bot.say(PARENT, "how often should I massage my baby each week?")
    assert says(last_shown(bot, PARENT), "joining.baby_name_bad")
    await bot.say(PARENT, "🍼" * 4000)
    assert says(last_shown(bot, PARENT), "joining.baby_name_bad")
    await bot.say(PARENT, "Leo <3")
    assert "when was Leo &lt;3 born?" in last_shown(bot, PARENT)
    await bot.say(PARENT, "someday")
    assert says(last_shown(bot, PARENT), "joining.birth_bad")
    await bot.say(PARENT, (date.today() + timedelta(days=30)).isoformat())
    assert says(last_shown(bot, PARENT), "joining.birth_future")
    await bot.say(PARENT, (date.today() - timedelta(days=800)).isoformat())
    assert says(last_shown(bot, PARENT), "joining.birth_too_old")
    await bot.send(tg.photo_message(PARENT, bot=bot.app.bot))
    assert says(last_shown(bot, PARENT), "core.not_text")
    born = date.today() - timedelta(days=60)
    await bot.say(PARENT, f"{born.day}/{born.month}/{born.year}")
    assert says(last_shown(bot, PARENT), "joining.all_set")
    user = await bot.store.get_user(PARENT)
    assert (user["baby_name"], user["baby_birth"]) == ("Leo <3", born.isoformat())
    await bot.press(PARENT, "jn:skipbirth")  # a button of a finished step
    assert says(alerts(bot)[-1], "core.stale_button")


async def test_skipping_both_questions(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await join(bot, klass)
    assert says(last_shown(bot, PARENT), "joining.all_set")
    user = await bot.store.get_user(PARENT)
    assert "baby_name" not in user and "baby_birth" not in user


async def test_cancel_during_the_baby_questions_keeps_the_membership(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await bot.say(PARENT, f"/start {klass['code']}")
    await bot.press(PARENT, f"jn:ok:{klass['code']}")
    await bot.say(PARENT, "/cancel")
    assert says(last_shown(bot, PARENT), "joining.details_later")
    assert await bot.store.get_member(klass["id"], PARENT) is not None


async def test_no_thanks_stores_nothing(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await bot.say(PARENT, f"/start {klass['code']}")
    await bot.press(PARENT, "jn:no")
    assert says(last_shown(bot, PARENT), "joining.declined")
    assert files_mentioning(bot, PARENT) == []


async def test_wrong_ended_and_own_links_get_a_clear_reply(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await bot.say(PARENT, "/start Zz9notacode")
    assert says(last_shown(bot, PARENT), "joining.unknown_code")
    await bot.say(PARENT, "/start ../../etc")
    assert says(last_shown(bot, PARENT), "joining.unknown_code")
    await bot.say(PARENT, "/start " + "🍼" * 4000)
    assert says(last_shown(bot, PARENT), "joining.unknown_code")
    await bot.say(INSTRUCTOR, f"/start {klass['code']}")
    assert says(last_shown(bot, INSTRUCTOR), "joining.own_class")
    await bot.store.update_class(klass["id"], {"ended": True})
    await bot.say(PARENT, f"/start {klass['code']}")
    assert says(last_shown(bot, PARENT), "joining.class_ended")
    await bot.press(PARENT, f"jn:ok:{klass['code']}")  # consent given after the class ended
    assert says(last_shown(bot, PARENT), "joining.class_ended")
    await bot.press(PARENT, "jn:ok:Zz9notacode")  # tampered
    assert says(last_shown(bot, PARENT), "joining.unknown_code")
    assert files_mentioning(bot, PARENT) == []


async def test_a_join_code_that_reads_like_a_fever_still_joins(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Join codes are random: one ending "-8AW41c" reads like "41 C" to the safety net's rules.
    # A link's payload is made by the bot, not written by anyone: it is not read for safety.
    monkeypatch.setattr("storage.repo.classes.new_code", lambda nbytes=9: "ttB7c-8AW41c")
    klass = await seed_class(bot)
    assert klass["code"] == "ttB7c-8AW41c"
    await bot.say(PARENT, f"/start {klass['code']}", first_name="Ana")
    assert says(last_shown(bot, PARENT), "joining.consent")
    await bot.press(PARENT, f"jn:ok:{klass['code']}", first_name="Ana")
    assert await bot.store.get_member(klass["id"], PARENT) is not None
    assert bot.texts(INSTRUCTOR) == []  # nobody was alerted


async def test_agreeing_twice_or_reopening_the_link_joins_once(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await bot.say(PARENT, f"/start {klass['code']}")
    await bot.press(PARENT, f"jn:ok:{klass['code']}")
    await bot.press(PARENT, f"jn:ok:{klass['code']}")
    assert says(last_shown(bot, PARENT), "joining.already_in")
    await bot.say(PARENT, f"/start {klass['code']}")
    assert says(last_shown(bot, PARENT), "joining.already_in")
    assert len(await bot.store.members(klass["id"])) == 1
    assert (await bot.store.get_user(PARENT))["classes"] == [klass["id"]]


async def test_a_parent_who_agreed_before_joins_a_second_class_directly(bot: BotHarness) -> None:
    first = await seed_class(bot)
    second = await seed_class(bot, name="Thursday babies")
    await bot.say(PARENT, f"/start {first['code']}")
    await bot.press(PARENT, f"jn:ok:{first['code']}")
    await bot.say(PARENT, "Mia")
    await bot.press(PARENT, "jn:skipbirth")
    await bot.say(PARENT, f"/start {second['code']}")
    assert "jn:ok" not in " ".join(data_of(bot, PARENT))
    assert says(
        last_shown(bot, PARENT), "joining.all_set"
    )  # Mia's name is known: no questions again
    assert set((await bot.store.get_user(PARENT))["classes"]) == {first["id"], second["id"]}


# -- carers ------------------------------------------------------------------------------------


def _carer_code(text: str) -> str:
    match = re.search(rf"https://t\.me/{tg.BOT_USERNAME}\?start=car_([A-Za-z0-9_-]+)", text)
    assert match, text
    return match[1]


async def test_a_carer_joins_the_family_through_a_one_time_link(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await join(bot, klass, name="Ana")
    await bot.say(PARENT, "/carer")
    code = _carer_code(last_shown(bot, PARENT))
    assert any(url.startswith("https://t.me/share/url?url=") for url in data_of(bot, PARENT))
    assert files_mentioning(bot, CARER) == []

    await bot.say(CARER, f"/start car_{code}", first_name="Bea")
    assert says(last_shown(bot, CARER), "joining.carer_consent", parent="Ana")
    assert files_mentioning(bot, CARER) == []  # nothing before consent
    await bot.press(CARER, f"jn:cok:{code}", first_name="Bea")
    member = await bot.store.get_member(klass["id"], CARER)
    assert (member["role"], member["family_of"]) == ("carer", PARENT)
    assert (await bot.store.get_user(CARER))["consent"] is True
    assert "Ana's family" in last_shown(bot, CARER)
    assert says(last_shown(bot, PARENT), "joining.carer_joined_parent", name="Bea")

    await bot.press(CARER, f"jn:cok:{code}")  # pressed twice: the link is spent, no harm
    assert says(last_shown(bot, CARER), "joining.carer_invalid")
    assert len(await bot.store.members(klass["id"])) == 2
    await bot.say(CARER + 1, f"/start car_{code}")  # one-time
    assert says(last_shown(bot, CARER + 1), "joining.carer_invalid")
    await bot.say(CARER, "/carer")  # a carer cannot chain more carers
    assert says(last_shown(bot, CARER), "joining.carer_only_parent")


async def test_carer_link_edge_cases(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await join(bot, klass)
    await bot.say(PARENT, "/carer")
    code = _carer_code(last_shown(bot, PARENT))
    await bot.say(PARENT, f"/start car_{code}")
    assert says(last_shown(bot, PARENT), "joining.carer_own_link")
    await bot.say(CARER, "/start car_nope")
    assert says(last_shown(bot, CARER), "joining.carer_invalid")
    # A newer link replaces the older one.
    await bot.say(PARENT, "/carer")
    newer = _carer_code(last_shown(bot, PARENT))
    await bot.say(CARER, f"/start car_{code}")
    assert says(last_shown(bot, CARER), "joining.carer_invalid")
    # An old link (made more than a week ago) has expired.
    old = (datetime.now(UTC) - timedelta(days=8)).isoformat(timespec="seconds")
    await bot.store.update_member(klass["id"], PARENT, {"carer_invite": {"code": newer, "at": old}})
    await bot.say(CARER, f"/start car_{newer}")
    assert says(last_shown(bot, CARER), "joining.carer_invalid")
    assert await bot.store.get_member(klass["id"], CARER) is None


async def test_a_carer_who_already_agreed_joins_at_once(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    other = await seed_class(bot, name="Other class")
    await join(bot, other, user_id=CARER, name="Bea")
    await join(bot, klass)
    await bot.say(PARENT, "/carer")
    code = _carer_code(last_shown(bot, PARENT))
    await bot.say(CARER, f"/start car_{code}", first_name="Bea")
    assert (await bot.store.get_member(klass["id"], CARER))["role"] == "carer"


async def test_which_class_when_a_parent_has_several(bot: BotHarness) -> None:
    first = await seed_class(bot)
    second = await seed_class(bot, name="Thursday babies")
    stranger_class = await seed_class(bot, name="Not hers")
    await join(bot, first)
    await join(bot, second)
    await bot.say(PARENT, "/carer")
    assert says(last_shown(bot, PARENT), "core.which_class")
    assert data_of(bot, PARENT) == [f"jn:car:{first['id']}", f"jn:car:{second['id']}"]
    await bot.press(PARENT, f"jn:car:{stranger_class['id']}")  # tampered: not her class
    assert says(alerts(bot)[-1], "joining.not_in_class")
    await bot.press(PARENT, f"jn:car:{second['id']}")
    assert "Thursday babies" in last_shown(bot, PARENT)
    assert "car_" in last_shown(bot, PARENT)


async def test_carer_and_leave_without_a_class(bot: BotHarness) -> None:
    await bot.say(PARENT, "/carer")
    assert says(last_shown(bot, PARENT), "core.no_class")
    await bot.say(PARENT, "/leave")
    assert says(last_shown(bot, PARENT), "core.no_class")


# -- leaving -----------------------------------------------------------------------------------


async def test_leave_asks_first_and_leaves_once(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await join(bot, klass)
    await bot.say(PARENT, "/leave")
    assert says(last_shown(bot, PARENT), "joining.confirm_leave", name="Tuesday babies")
    await bot.press(PARENT, "jn:stay")
    assert await bot.store.get_member(klass["id"], PARENT) is not None
    await bot.say(PARENT, "/leave")
    await bot.press(PARENT, f"jn:leaveok:{klass['id']}")
    assert says(last_shown(bot, PARENT), "joining.left")
    assert await bot.store.get_member(klass["id"], PARENT) is None
    assert (await bot.store.get_user(PARENT))["classes"] == []
    await bot.press(PARENT, f"jn:leaveok:{klass['id']}")  # pressed twice
    assert says(last_shown(bot, PARENT), "joining.not_in_class")
    await join(bot, klass)  # coming back works
    assert await bot.store.get_member(klass["id"], PARENT) is not None


async def test_leave_with_several_classes_and_tampered_ids(bot: BotHarness) -> None:
    first = await seed_class(bot)
    second = await seed_class(bot, name="Thursday babies")
    await join(bot, first)
    await join(bot, second)
    await join(bot, second, user_id=CARER)
    await bot.say(PARENT, "/leave")
    assert data_of(bot, PARENT) == [f"jn:leave:{first['id']}", f"jn:leave:{second['id']}"]
    await bot.press(PARENT, "jn:leave:nope")
    assert says(alerts(bot)[-1], "joining.not_in_class")
    await bot.press(PARENT, f"jn:leave:{second['id']}")
    await bot.press(PARENT, f"jn:leaveok:{second['id']}")
    assert await bot.store.get_member(second["id"], PARENT) is None
    assert await bot.store.get_member(first["id"], PARENT) is not None
    assert await bot.store.get_member(second["id"], CARER) is not None


async def test_private_commands_in_a_group_point_to_the_private_chat(bot: BotHarness) -> None:
    await bot.send(tg.group_command(-800, PARENT, "leave", bot=bot.app.bot))
    assert says(last_shown(bot, -800), "core.private_only")


async def test_agreeing_answers_the_button_exactly_once(bot: BotHarness) -> None:
    klass = await seed_class(bot)
    await bot.say(PARENT, f"/start {klass['code']}")
    before = len([c for c in bot.api.calls if c.method == "answerCallbackQuery"])
    await bot.press(PARENT, f"jn:ok:{klass['code']}")
    answers = [c for c in bot.api.calls if c.method == "answerCallbackQuery"][before:]
    assert len(answers) == 1  # Telegram refuses a second answer to the same press
    assert says(last_shown(bot, PARENT), "joining.ask_baby_name")
