"""Class groups: /link and /unlink, greeting new members, migration, the bot being removed.

A group is linked to exactly one class, by that class's instructor. New members are greeted with
a button that opens the private chat on the class's join link (a bot cannot write first to
someone who never started it). Joins arrive twice, as a `chat_member` update (when the bot is
an admin) and as a `new_chat_members` service message; a short memory keeps the greeting single.
In groups the bot never answers ordinary chatter: nothing here reacts to plain messages.

The bot's own status changes (`my_chat_member`) are handled here too: removed from a group, the
link is dropped and the instructor told; blocked or unblocked in a private chat, the person's
memberships are marked unreachable or reachable again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from datetime import timedelta
from typing import Final

from telegram import (
    ChatMember,
    ChatMemberUpdated,
    InlineKeyboardMarkup,
    Update,
    User,
)
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from botdata import App
from content.texts import Html, Texts
from domain.buttons import LinkGroup, routes
from handlers.auth import own_class, refuse_class, requires
from handlers.class_view import join_link
from handlers.classpick import choose_class, chosen_class_id, close_buttons
from handlers.commands import Command
from handlers.common import LANG_KEY, Context, content_of, store_of, texts_for, texts_of
from handlers.ui import link_button
from storage.records import ClassRecord

log = logging.getLogger(__name__)


# How long a greeting is remembered, so the two notices of one join greet once.
GREET_MEMORY_S = 600.0
_GREETED: Final = "greeted"
# A greeting stays this long, then goes (new members have tapped it or seen the pinned reminder);
# the class record's GREETING field names the latest, deleted when the next one comes.
GREETING_TTL = timedelta(minutes=30)
GREETING: Final = "greeting"
_IN = frozenset({ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER})


def _class_texts(context: Context, klass: ClassRecord) -> Texts:
    """The message templates in the class's language: what its group is spoken to in."""
    return content_of(context).texts_in(str(klass.get("lang") or "en"))


def _join_markup(context: Context, klass: ClassRecord) -> InlineKeyboardMarkup:
    """The button that opens the private chat on the class's join link (in its language)."""
    url = join_link(context, klass)
    label = _class_texts(context, klass).raw("groups.join_button")
    return link_button(label, url)


# -- linking -----------------------------------------------------------------------------------


@requires("instructor")
async def link(update: Update, context: Context) -> None:
    """/link in a group: link it to one of the instructor's running classes (buttons if several)."""
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    assert user is not None and chat is not None and message is not None
    store, texts = store_of(context), texts_of(context)
    current = await store.class_for_group(chat.id)
    if current is not None and current["instructor_id"] != user.id:
        await message.reply_text(texts("groups.other_instructor"))
        return
    classes = [k for k in await store.classes_of_instructor(user.id) if not k.get("ended")]
    klass = await choose_class(
        update,
        context,
        classes,
        callback=LinkGroup,
        prompt=texts("groups.which_class"),
        none=texts("groups.no_classes"),
    )
    if klass is not None:
        await _link(update, context, klass, current)


@requires("instructor")
async def link_chosen(update: Update, context: Context) -> None:
    """The class chosen under /link (checked: it must be this instructor's, still running)."""
    query, user, chat = update.callback_query, update.effective_user, update.effective_chat
    assert query is not None and user is not None and chat is not None
    class_id = chosen_class_id(query.data, LinkGroup)
    klass = await own_class(context, user.id, class_id) if class_id else None
    if klass is None or klass.get("ended") or chat.type == ChatType.PRIVATE:
        await refuse_class(update, context)
        return
    current = await store_of(context).class_for_group(chat.id)
    if current is not None and current["instructor_id"] != user.id:
        await query.answer(texts_of(context).raw("groups.other_instructor"), show_alert=True)
        return
    await query.answer()
    await close_buttons(query)
    await _link(update, context, klass, current)


async def _link(
    update: Update, context: Context, klass: ClassRecord, current: ClassRecord | None
) -> None:
    """Link this group to the class and say so, with the join button for the parents: in the
    class's language, which the group speaks from now on."""
    chat = update.effective_chat
    assert chat is not None
    texts = _class_texts(context, klass)
    await store_of(context).link_group(chat.id, klass["id"])
    if context.chat_data is not None:
        context.chat_data[LANG_KEY] = str(klass.get("lang") or "en")
    text = texts("groups.linked", name=klass["name"])
    if current is not None and current["id"] != klass["id"]:
        text = Html(f"{text}\n{texts('groups.relinked_note', old=current['name'])}")
    await chat.send_message(text, reply_markup=_join_markup(context, klass))


@requires("instructor")
async def start_in_group(update: Update, context: Context) -> None:
    """ "/start <class code>" in a group: the instructor added the bot with the set-up's "Add me
    to your class group" link, so the group is linked in that one tap (only by the class's own
    instructor: the code is the families' join code too)."""
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    assert user is not None and chat is not None and message is not None
    store, texts = store_of(context), texts_of(context)
    code = (context.args or [""])[0]
    klass = await store.class_by_code(code)
    if klass is None or klass["instructor_id"] != user.id or klass.get("ended"):
        await message.reply_text(texts("groups.link_code_unknown"))
        return
    current = await store.class_for_group(chat.id)
    if current is not None and current["instructor_id"] != user.id:
        await message.reply_text(texts("groups.other_instructor"))
        return
    await _link(update, context, klass, current)


@requires("instructor")
async def unlink(update: Update, context: Context) -> None:
    """/unlink in a group: only the linked class's own instructor may."""
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    assert user is not None and chat is not None and message is not None
    store, texts = store_of(context), texts_of(context)
    current = await store.class_for_group(chat.id)
    if current is None:
        await message.reply_text(texts("groups.not_linked"))
        return
    if await own_class(context, user.id, current["id"]) is None:
        await message.reply_text(texts("groups.not_your_group", name=current["name"]))
        return
    await store.unlink_group(chat.id)
    await message.reply_text(texts("groups.unlinked", name=current["name"]))


async def link_in_private(update: Update, context: Context) -> None:
    """/link or /unlink in the private chat: they belong in the group."""
    message = update.effective_message
    if message is not None:
        await message.reply_text(texts_of(context)("groups.link_in_group"))


# -- greeting ----------------------------------------------------------------------------------


def _first_time(context: Context, chat_id: int, user_id: int) -> bool:
    """True the first time a join is seen within GREET_MEMORY_S (and remembers it)."""
    seen: dict[tuple[int, int], float] = context.bot_data.setdefault(_GREETED, {})
    now = time.monotonic()
    for key in [k for k, at in seen.items() if now - at > GREET_MEMORY_S]:
        del seen[key]
    if (chat_id, user_id) in seen:
        return False
    seen[(chat_id, user_id)] = now
    return True


# How many newcomers one greeting names (first names are up to 64 characters each).
GREET_NAMES = 8


def _is_in(member: ChatMember) -> bool:
    """Whether a chat member status means "in the group"."""
    return member.status in _IN or (
        member.status == ChatMember.RESTRICTED and bool(getattr(member, "is_member", False))
    )


def _joined(change: ChatMemberUpdated) -> bool:
    """Whether a membership change is someone arriving in the group."""
    return not _is_in(change.old_chat_member) and _is_in(change.new_chat_member)


async def _greet(context: Context, chat_id: int, people: Sequence[User]) -> None:
    """Greet newcomers of a linked group with the join button (once; not bots; not members)."""
    store = store_of(context)
    klass = await store.class_for_group(chat_id)
    if klass is None or klass.get("ended"):
        return
    fresh = []
    for person in people:
        if person.is_bot or not _first_time(context, chat_id, person.id):
            continue
        if await store.get_member(klass["id"], person.id) is None:
            fresh.append(person)
    if not fresh:
        return
    # A crowd (a whole class added at once) gets one greeting naming the first few: every name
    # would pass Telegram's 4,096 units (and a phone screen), and the greeting would be lost.
    names = ", ".join(p.first_name for p in fresh[:GREET_NAMES])
    if len(fresh) > GREET_NAMES:
        names += ", …"
    text = _class_texts(context, klass)("groups.greet", names=names, class_name=klass["name"])
    try:
        sent = await context.bot.send_message(
            chat_id, text, reply_markup=_join_markup(context, klass), disable_notification=True
        )
    except TelegramError as exc:  # e.g. the bot may not post in this group
        log.info("Could not greet in a group: %s", type(exc).__name__)
        return
    await _tidy_greetings(context, klass, chat_id, sent.message_id)


async def _delete_greeting(context: Context, chat_id: int, message_id: int) -> None:
    """Delete one of our greetings (already gone, or no right to delete: leave it)."""
    try:
        await context.bot.delete_message(chat_id, message_id)
    except TelegramError as exc:
        log.info("Could not delete a greeting: %s", type(exc).__name__)


async def _greeting_expired(context: Context) -> None:
    """Job: a greeting has been up GREETING_TTL; delete it."""
    job = context.job
    if job is not None and isinstance(job.data, tuple):
        await _delete_greeting(context, *job.data)


async def _tidy_greetings(
    context: Context, klass: ClassRecord, chat_id: int, message_id: int
) -> None:
    """Keep one greeting in the group at a time: the previous one goes as a new one comes, and
    each goes by itself after GREETING_TTL (the record of the latest survives a restart)."""
    previous = klass.get(GREETING)
    if isinstance(previous, dict):
        await _delete_greeting(context, int(previous["chat_id"]), int(previous["message_id"]))
    await store_of(context).update_class(
        klass["id"], {GREETING: {"chat_id": chat_id, "message_id": message_id}}
    )
    if context.job_queue is not None:
        context.job_queue.run_once(
            _greeting_expired,
            GREETING_TTL,
            data=(chat_id, message_id),
            name=f"greeting:{chat_id}:{message_id}",
        )


async def _hello(context: Context, chat_id: int) -> None:
    """The bot was added to a group: say how to link it (once, only if it isn't linked)."""
    if not _first_time(context, chat_id, context.bot.id):
        return
    if await store_of(context).class_for_group(chat_id) is not None:
        return
    try:
        await context.bot.send_message(chat_id, texts_of(context)("groups.hello_group"))
    except TelegramError as exc:
        log.info("Could not say hello in a group: %s", type(exc).__name__)


async def member_changed(update: Update, context: Context) -> None:
    """A `chat_member` update: someone joined a group (greet them)."""
    change = update.chat_member
    if change is None or not _joined(change):
        return
    await _greet(context, change.chat.id, [change.new_chat_member.user])


async def new_members(update: Update, context: Context) -> None:
    """The `new_chat_members` service message: greet people; say hello if it is the bot."""
    message = update.effective_message
    if message is None:
        return
    if any(u.id == context.bot.id for u in message.new_chat_members):
        await _hello(context, message.chat.id)
    await _greet(context, message.chat.id, message.new_chat_members)


async def migrated(update: Update, context: Context) -> None:
    """A group became a supergroup (its chat id changes): keep its class link."""
    message = update.effective_message
    if message is None:
        return
    store = store_of(context)
    if message.migrate_to_chat_id:
        await store.migrate_group(message.chat.id, message.migrate_to_chat_id)
    elif message.migrate_from_chat_id:
        # Idempotent: nothing to do if the old group's notice already moved the link.
        await store.migrate_group(message.migrate_from_chat_id, message.chat.id)


# -- the bot's own status ----------------------------------------------------------------------


async def my_status_changed(update: Update, context: Context) -> None:
    """The bot's status changed: removed from a group, added to one, blocked or unblocked."""
    change = update.my_chat_member
    if change is None:
        return
    if change.chat.type == ChatType.PRIVATE:
        await _private_status(context, change)
        return
    new = change.new_chat_member.status
    if new in (ChatMember.LEFT, ChatMember.BANNED):
        await _removed(context, change)
    elif _joined(change):
        await _hello(context, change.chat.id)


async def _removed(context: Context, change: ChatMemberUpdated) -> None:
    """Removed from a group: drop its link and tell the class's instructor."""
    store = store_of(context)
    klass = await store.class_for_group(change.chat.id)
    if klass is None:
        return
    await store.unlink_group(change.chat.id)
    texts = await texts_for(context, klass["instructor_id"])  # told privately, in their own
    text = texts("groups.removed", title=change.chat.title or "", name=klass["name"])
    try:
        await context.bot.send_message(klass["instructor_id"], text)
    except TelegramError as exc:
        log.info("Could not tell the instructor about the removal: %s", type(exc).__name__)


async def _private_status(context: Context, change: ChatMemberUpdated) -> None:
    """A person blocked the bot (unreachable in every class) or unblocked it (reachable again)."""
    store = store_of(context)
    user_id = change.chat.id
    record = await store.get_user(user_id)
    if record is None:
        return
    blocked = change.new_chat_member.status == ChatMember.BANNED
    unblocked = change.old_chat_member.status == ChatMember.BANNED and not blocked
    if not blocked and not unblocked:
        return
    for class_id in record.get("classes", []):
        member = await store.get_member(class_id, user_id)
        if member is None:
            continue
        if blocked:
            await store.update_member(class_id, user_id, {"active": False, "blocked": True})
        elif member.get("blocked"):
            await store.update_member(class_id, user_id, {"active": True, "blocked": False})


COMMANDS = [
    Command("link", "instructor", in_group=True),
    Command("unlink", "instructor", in_group=True),
]


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    groups = filters.ChatType.GROUPS
    return [
        CommandHandler("link", link, filters=groups),
        # "/start@bot <code>": sent by Telegram when the startgroup link added the bot.
        CommandHandler("start", start_in_group, filters=groups & filters.Regex(r"^/start\S*\s+\S")),
        CommandHandler("unlink", unlink, filters=groups),
        CommandHandler(["link", "unlink"], link_in_private, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(link_chosen, pattern=routes(LinkGroup)),
        ChatMemberHandler(member_changed, ChatMemberHandler.CHAT_MEMBER),
        ChatMemberHandler(my_status_changed, ChatMemberHandler.MY_CHAT_MEMBER),
        MessageHandler(filters.StatusUpdate.NEW_CHAT_MEMBERS, new_members),
        MessageHandler(filters.StatusUpdate.MIGRATE, migrated),
    ]
