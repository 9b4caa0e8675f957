"""The safety net: every text the bot receives is checked for an emergency or a parent in crisis
before any other handler sees it.

It runs in its own handler group, ahead of all the others, so one place covers every path: the
private chat, each free-text step of every conversation (a baby's name, a birth date, /newclass,
/announce, an instructor's reply), check-in notes, class groups, captions and edited messages.
It reads the whole message (nothing is cut first), but not a deep link's /start payload, which
the bot made itself. When it finds something, the parent gets the urgent or crisis reply with
the numbers of their class's country, in the language the message is written in where the bot
has replies in it, else in the chat's (the person's own in private, the class's in its group);
the instructor is told, loudly; and no other handler runs, so an emergency is never stored as a
baby's name or answered with a topic. A red flag that a frame explained away ("what do I do if
she ever chokes", "the GP saw her last week") gets no emergency reply, but in a private chat one
line with the emergency number goes ahead of the usual answer, in case the frame read it wrong.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Awaitable, Callable

from telegram import Message, Update, User
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    MessageHandler,
    filters,
)

from botdata import App
from content.safety_pack import SafetyPack
from domain.safety import CRISIS, SAFE, Verdict
from handlers.commands import Command
from handlers.common import Context, content_of, lang_of, store_of
from handlers.concurrency import in_background
from handlers.handoff import active_class, edited_question, excerpt, pass_to_instructor
from storage.records import ClassRecord

log = logging.getLogger(__name__)

COMMANDS: list[Command] = []
# Ahead of every other handler group (the features all use the default group 0).
GROUP = -1
# A deep link's "/start <payload>" (a join code, "faq_oil"): the payload is made by the bot,
# never written by a person, and a random join code can read like words ("...-8AW41c" as a
# fever of 41 °C), which sent a whole class's parents an emergency reply instead of joining.
_DEEP_LINK = re.compile(r"/start(?:@\w+)?\s+[A-Za-z0-9_-]{1,64}")


async def class_for(update: Update, context: Context) -> ClassRecord | None:
    """The class a message belongs to: the group's class, else the sender's running class."""
    chat = update.effective_chat
    user = update.effective_user
    store = store_of(context)
    if chat is not None and chat.type != "private":
        return await store.class_for_group(chat.id)
    if user is None:
        return None
    return await active_class(store, user.id)


async def zone_for(update: Update, context: Context, klass: ClassRecord | None) -> str | None:
    """The time zone whose country's numbers the reply names: the class's; for an instructor
    writing in private, the newest class they run (their own baby is where they teach)."""
    if klass is not None:
        return klass.get("tz")
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None or chat.type != "private":
        return None
    running = [
        k for k in await store_of(context).classes_of_instructor(user.id) if not k.get("ended")
    ]
    return running[-1].get("tz") if running else None


async def safety_reply(
    message: Message,
    pack: SafetyPack,
    kind: str,
    lang: str,
    zone: str | None,
    category: str | None = None,
) -> None:
    """Send the urgent or crisis reply (the red flag category's own, if it has one) with the
    numbers of the country of `zone`."""
    await message.reply_text(pack.render(kind, lang, pack.numbers_in_zone(zone), category))


async def on_text(update: Update, context: Context) -> None:
    """Check any text or caption; on an emergency or crisis, answer it and stop there. An edit
    that is not an emergency stops here too."""
    message = update.effective_message
    if message is None:
        return
    text = message.text or message.caption or ""
    if not text and update.edited_message is None:
        return
    pack = content_of(context).safety
    if _DEEP_LINK.fullmatch(text.strip()):
        verdict = SAFE
    elif pack.model.ready:
        verdict = pack.model.check(text)
    else:
        # The learned nets are still training (a first start, seconds of CPU): wait for them
        # off the event loop, so other chats are served meanwhile, and read this one whole;
        # on a thread stopping the bot does not wait for (in_background).
        verdict = await in_background("safety-wait", functools.partial(pack.model.check, text))
    if not verdict:
        edited = update.edited_message is not None or update.edited_channel_post is not None
        # An edit too: the red flag may be what the edit added, and the line is no action.
        if verdict.framed and message.chat.type == "private":
            await _number_in_case(update, context, message, text)
        if edited:
            # An edit is read for safety, and must never repeat an action (pass a question on
            # again, send /mydata again, take a step twice). An edited question that is still
            # open takes the new wording, so the instructor answers what the parent meant.
            user = update.effective_user
            if text and user is not None and message.chat.type == "private":
                await edited_question(context.application, user.id, message.message_id, text)
            raise ApplicationHandlerStop
        return
    log.info("safety: %s (%s)", verdict.kind, verdict.rule)
    await _answer(update, context, message, text, verdict)
    # Nothing else may take this message: not a conversation step, not the FAQ.
    raise ApplicationHandlerStop


def reply_language(pack: SafetyPack, text: str, usual: str) -> str:
    """The language to answer an emergency in: the message's own when we have replies in it,
    else `usual` (the class's in its group, the person's own in private)."""
    lang = pack.language_of(text, default=usual)
    return lang if lang in pack.replies else usual


async def _number_in_case(update: Update, context: Context, message: Message, text: str) -> None:
    """One line with the emergency number, ahead of the usual answer, for a red flag that a frame
    explained away ("what do I do if she ever chokes", "the GP saw her last week"): if the frame
    read it wrong, the parent still has the number in front of them. Private chats only: in the
    class group it would answer parents' stories to each other."""
    pack = content_of(context).safety
    klass = await class_for(update, context)
    lang = reply_language(pack, text, lang_of(context))
    numbers = pack.numbers_in_zone(await zone_for(update, context, klass))
    await message.reply_text(pack.line(lang, "if_emergency", emergency=numbers.emergency_in(lang)))


async def _answer(
    update: Update, context: Context, message: Message, text: str, verdict: Verdict
) -> None:
    pack = content_of(context).safety
    klass = await class_for(update, context)
    group = message.chat.type != "private"
    usual = str(klass.get("lang") or "en") if group and klass is not None else lang_of(context)
    lang = reply_language(pack, text, usual)
    assert verdict.kind is not None
    zone = await zone_for(update, context, klass)
    user = update.effective_user
    # A parent in crisis who wrote in the class group is answered in their private chat, where
    # the class does not read it; the group gets one warm line with the emergency number.
    answer: Callable[[str], Awaitable[object]]
    if (
        group
        and verdict.kind == CRISIS
        and user is not None
        and await _crisis_in_private(context, message, pack, user, lang, zone)
    ):
        answer = functools.partial(context.bot.send_message, user.id)
    else:
        answer = message.reply_text
        await safety_reply(message, pack, verdict.kind, lang, zone, verdict.category)
        if verdict.also_crisis:
            await safety_reply(message, pack, CRISIS, lang, zone)
    if klass is None or user is None:
        return  # nobody to tell, and the reply has not claimed anybody was told
    # A long message is cut for the instructor around the sentence that raised the alarm.
    model = content_of(context).safety.model
    shown = excerpt(text, lambda sentence: model.check(sentence).kind is not None)
    handoff = await pass_to_instructor(
        context.application, klass["id"], user.id, user.first_name, shown, source=verdict.kind
    )
    if handoff.delivered:
        instructor = await store_of(context).get_instructor(klass["instructor_id"])
        name = (instructor.get("name") if instructor else None) or ""
        await answer(pack.line(lang, "told_instructor", instructor=name))
    else:
        await answer(pack.line(lang, "not_told"))


async def _crisis_in_private(
    context: Context, message: Message, pack: SafetyPack, user: User, lang: str, zone: str | None
) -> bool:
    """Send the crisis reply to `user`'s private chat and leave a line in the group; False when
    the private chat cannot be reached (never started, or the bot blocked), and nothing sent."""
    numbers = pack.numbers_in_zone(zone)
    try:
        await context.bot.send_message(user.id, pack.render(CRISIS, lang, numbers))
    except TelegramError:
        log.info("safety: the crisis reply could not go privately; answered in the group")
        return False
    line = pack.line(
        lang, "crisis_in_private", name=user.first_name or "", emergency=numbers.emergency_in(lang)
    )
    await message.reply_text(line)
    return True


def handlers(app: App) -> list[BaseHandler]:
    """The safety net's one handler (registered in its own group by `handlers.register`)."""
    del app
    return [
        MessageHandler(filters.TEXT | filters.CAPTION, on_text),
        # Edits of anything else (a photo swapped, a sticker): ignored, never acted on twice.
        MessageHandler(filters.UpdateType.EDITED, on_text),
    ]
