"""Parents joining a class: the join deep link, consent, the baby's details, carer links, /leave.

Nothing but the Telegram id is stored before a person agrees: the class they are joining rides
in the consent button's callback data (domain.buttons.JoinAgreed: the join code), and a refusal
leaves no trace.
After consent come two optional questions (the baby's name, then birth date), each skippable.

A carer link ("/start car_<code>", made by /carer) lets a parent bring a partner or grandparent
into the same family: one-time, valid CARER_VALID_DAYS; the carer consents too.
"""

from __future__ import annotations

import logging
import re
import warnings
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import quote

from telegram import ChatMember, InlineKeyboardButton, InlineKeyboardMarkup, Update, User
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.helpers import create_deep_linked_url
from telegram.warnings import PTBUserWarning

from content.texts import Html, Texts
from domain.buttons import (
    Button,
    CarerAgreed,
    CarerClass,
    JoinAgreed,
    JoinDeclined,
    LeaveClass,
    LeaveConfirmed,
    RemindersWhere,
    SkipBirth,
    SkipName,
    Stay,
    encode,
    family,
    parse,
    routes,
)
from domain.schedule import next_session
from domain.when import parse_date
from handlers.auth import private_only
from handlers.class_view import format_when
from handlers.classpick import (
    choose_class,
    chosen_class_id,
    close_buttons,
    member_class,
    member_classes,
)
from handlers.commands import Command
from handlers.common import (
    Context,
    date_words_of,
    lang_of,
    language_name,
    set_buttons,
    settings_of,
    store_of,
    texts_of,
)
from handlers.conversation import StoredConversation
from handlers.course import calendar_markup
from jobs.timing import now_of, schedule_for, unit_of

log = logging.getLogger(__name__)

CARER_PREFIX = "car_"
CARER_VALID_DAYS = 7
MAX_BABY_NAME = 40
BABY_NAME, BABY_BIRTH = range(2)
# An unanswered "what's your baby's name?" stops catching messages after this long.
TIMEOUT = timedelta(minutes=30)
_CODE_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

Record = dict[str, Any]


# -- shared pieces -----------------------------------------------------------------------------


async def _send(
    update: Update, text: Html, markup: InlineKeyboardMarkup | None = None, *, answer: bool = True
) -> None:
    """Reply in the private chat, for a command and a button press alike. A button press is
    answered here unless the caller already did (Telegram refuses a second answer)."""
    if update.callback_query is not None and answer:
        await update.callback_query.answer()
    chat = update.effective_chat
    if chat is not None:
        await chat.send_message(text, reply_markup=markup)


async def _send_after_answer(
    update: Update, text: Html, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Send without answering the button (the join's Agree button was answered already)."""
    await _send(update, text, markup, answer=False)


def _buttons(*rows: list[tuple[str, Button]]) -> InlineKeyboardMarkup:
    """An inline keyboard from rows of (label, the button pressed)."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=encode(pressed)) for label, pressed in row]
            for row in rows
        ]
    )


def next_line(context: Context, klass: Record) -> Html:
    """ "Next session: Thu 3 Dec 2026, 10:30, at the venue." (or that none is left)."""
    texts = texts_of(context)
    app = context.application
    upcoming = next_session(schedule_for(klass, unit_of(app)), now_of(app))
    if upcoming is None:
        return texts("joining.no_next")
    venue = texts("joining.next_venue", venue=klass["venue"]) if klass.get("venue") else Html("")
    return texts("joining.next_session", when=format_when(texts, upcoming.local_start), venue=venue)


async def _give_consent(context: Context, user: User) -> Record:
    """Store the person's consent (and first name); defaults for a brand-new record."""
    store = store_of(context)
    changes: Record = {
        "consent": True,
        "consent_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "first_name": user.first_name,
    }
    existing = await store.get_user(user.id)
    if existing is None:
        changes |= {"quiet_start": "21:00", "quiet_end": "08:00", "private_reminders": True}
    if not (existing or {}).get("lang"):
        # The language they have been reading here (Telegram's, or their /language choice)
        # is kept with the rest, so reminders and summaries come in it too.
        changes["lang"] = lang_of(context)
    return await store.update_user(user.id, changes)


async def _consented(context: Context, user_id: int) -> Record | None:
    """The person's own record if they already agreed to what is stored."""
    record = await store_of(context).get_user(user_id)
    return record if record is not None and record.get("consent") else None


# -- joining a class ---------------------------------------------------------------------------


async def start_with_payload(update: Update, context: Context) -> int:
    """/start with a class join code or a carer link ("car_<code>")."""
    payload = (context.args or [""])[0]
    if payload.startswith(CARER_PREFIX):
        return await _carer_link(update, context, payload[len(CARER_PREFIX) :], agreed=False)
    return await _class_link(update, context, payload, agreed=False)


async def agreed(update: Update, context: Context) -> int:
    """The "I agree" button under the consent text: store consent and join the class."""
    query = update.callback_query
    assert query is not None
    await close_buttons(query)
    # Answered once here: joining may send several messages, and each must not answer again.
    await query.answer()
    pressed = parse(query.data, JoinAgreed)
    code = pressed.code if pressed is not None else ""  # not a code: answered as unknown
    return await _class_link(update, context, code, agreed=True)


async def declined(update: Update, context: Context) -> None:
    """The "No thanks" button: nothing was stored, nothing is."""
    query = update.callback_query
    assert query is not None
    await close_buttons(query)
    await _send(update, texts_of(context)("joining.declined"))


async def _class_link(update: Update, context: Context, code: str, *, agreed: bool) -> int:
    """Check a join code, then ask for consent, or (given) add the person to the class."""
    user = update.effective_user
    assert user is not None
    store, texts = store_of(context), texts_of(context)
    klass = await store.class_by_code(code) if _CODE_RE.match(code) else None
    if klass is None:
        await _send_after_answer(update, texts("joining.unknown_code"))
        return ConversationHandler.END
    if klass.get("ended"):
        await _send_after_answer(update, texts("joining.class_ended", name=klass["name"]))
        return ConversationHandler.END
    if klass["instructor_id"] == user.id:
        await _send_after_answer(update, texts("joining.own_class", name=klass["name"]))
        return ConversationHandler.END
    if await store.get_member(klass["id"], user.id) is not None:
        await _send_after_answer(
            update, texts("joining.already_in", name=klass["name"], next=next_line(context, klass))
        )
        return ConversationHandler.END
    record = await _consented(context, user.id)
    if record is None and not agreed:
        instructor = await store.get_instructor(klass["instructor_id"])
        with_instructor = (
            texts("joining.with_instructor", instructor=instructor["name"])
            if instructor and instructor.get("name")
            else Html("")
        )
        await _send_after_answer(
            update,
            texts(
                "joining.consent",
                name=user.first_name,
                class_name=klass["name"],
                with_instructor=with_instructor,
                days=settings_of(context).retention_days,
            ),
            _buttons(
                [
                    (texts.raw("joining.agree_button"), JoinAgreed(code)),
                    (texts.raw("joining.decline_button"), JoinDeclined()),
                ]
            ),
        )
        return ConversationHandler.END
    if record is None:
        record = await _give_consent(context, user)
    await store.add_member(
        klass["id"],
        user.id,
        {"first_name": user.first_name, "role": "parent", "family_of": None, "blocked": False},
    )
    joined = texts("joining.joined", name=klass["name"], next=next_line(context, klass))
    question = await _reminders_question(context, klass, user.id)
    calendar = calendar_markup(texts, klass).inline_keyboard
    if question is None:
        await _send_after_answer(update, joined, InlineKeyboardMarkup(calendar))
    else:
        markup = InlineKeyboardMarkup([*question[1].inline_keyboard, *calendar])
        await _send_after_answer(update, Html(f"{joined}\n{question[0]}"), markup)
    if record.get("baby_name"):
        await _send_after_answer(update, texts("joining.all_set"))
        return ConversationHandler.END
    await _send_after_answer(
        update,
        texts("joining.ask_baby_name"),
        _buttons([(texts.raw("joining.skip_button"), SkipName())]),
    )
    return BABY_NAME


# -- where reminders come (asked once, at joining) ----------------------------------------------


async def _in_group(context: Context, chat_id: int, user_id: int) -> bool:
    """Whether a person is a member of a group (False when Telegram cannot say)."""
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except TelegramError as exc:
        log.info("Could not look up a group membership: %s", type(exc).__name__)
        return False
    return member.status in (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER) or (
        member.status == ChatMember.RESTRICTED and bool(getattr(member, "is_member", False))
    )


def reminders_markup(texts: Texts, here: bool) -> InlineKeyboardMarkup:
    """[Here too] [Only in the group], the current choice ticked."""

    def label(key: str, chosen: bool) -> str:
        return ("✓ " if chosen else "") + texts.raw(key)

    return _buttons(
        [
            (label("joining.reminders_here_button", here), RemindersWhere("here")),
            (label("joining.reminders_group_button", not here), RemindersWhere("group")),
        ]
    )


async def _reminders_question(
    context: Context, klass: Record, user_id: int
) -> tuple[Html, InlineKeyboardMarkup] | None:
    """For a class with a linked group: set the default and ask once, with buttons to change
    it. None when the class has no group (reminders can only come here).

    The default is only in the group for someone who is in it and reads the group's language,
    so every reminder does not arrive twice; here otherwise: a Spanish-speaking parent in an
    English class's group gets their own copy, in Spanish."""
    group = klass.get("group_chat_id")
    if not group:
        return None
    texts = texts_of(context)
    group_lang = str(klass.get("lang") or "en")
    if group_lang != lang_of(context):
        here, question = (
            True,
            texts(
                "joining.reminders_where_own_language", language=language_name(texts, group_lang)
            ),
        )
    else:
        here = not await _in_group(context, int(group), user_id)
        key = "joining.reminders_where_private" if here else "joining.reminders_where_group"
        question = texts(key)
    await store_of(context).update_user(user_id, {"private_reminders": here})
    return question, reminders_markup(texts, here)


async def reminders_chosen(update: Update, context: Context) -> None:
    """[Here too] or [Only in the group] under the welcome: keep the choice (/settings changes
    it later) and tick it."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    texts, store = texts_of(context), store_of(context)
    if await _consented(context, user.id) is None:
        await query.answer(texts.raw("course.settings_no_class"), show_alert=True)
        return
    pressed = parse(query.data, RemindersWhere)  # routed here only when it reads
    here = pressed is not None and pressed.where == "here"
    await store.update_user(user.id, {"private_reminders": here})
    await query.answer(texts.raw("joining.reminders_saved"))
    await set_buttons(query, reminders_markup(texts, here))


# -- the baby's details (optional) -------------------------------------------------------------


def _looks_like_a_name(text: str) -> bool:
    """A first name or nickname, not a question typed into the wrong place."""
    return 0 < len(text) <= MAX_BABY_NAME and "?" not in text and len(text.split()) <= 4


async def baby_name(update: Update, context: Context) -> int:
    """Keep the baby's name or nickname; ask the birth date."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    texts = texts_of(context)
    name = " ".join((message.text or "").split())
    if not _looks_like_a_name(name):
        await _send(
            update,
            texts("joining.baby_name_bad", limit=MAX_BABY_NAME),
            _buttons([(texts.raw("joining.skip_button"), SkipName())]),
        )
        return BABY_NAME
    await store_of(context).update_user(user.id, {"baby_name": name})
    return await _ask_birth(update, context, name)


async def skip_name(update: Update, context: Context) -> int:
    """No name given; ask the birth date anyway (also optional)."""
    query = update.callback_query
    assert query is not None
    await close_buttons(query)
    return await _ask_birth(update, context, texts_of(context).raw("joining.your_baby"))


async def _ask_birth(update: Update, context: Context, baby: str) -> int:
    """Ask when the baby was born, with a Skip button."""
    texts = texts_of(context)
    await _send(
        update,
        texts("joining.ask_baby_birth", baby=baby),
        _buttons([(texts.raw("joining.skip_button"), SkipBirth())]),
    )
    return BABY_BIRTH


def _two_years_before(today: date) -> date:
    """The same calendar day two years earlier (28 Feb for 29 Feb)."""
    try:
        return today.replace(year=today.year - 2)
    except ValueError:
        return today.replace(year=today.year - 2, day=28)


async def baby_birth(update: Update, context: Context) -> int:
    """Keep the birth date (not in the future, not over two years ago); all set."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    texts = texts_of(context)
    skip = _buttons([(texts.raw("joining.skip_button"), SkipBirth())])
    today = datetime.now(UTC).date()
    born = parse_date(message.text or "", today, past=True, words=date_words_of(context))
    if born is None:
        await _send(update, texts("joining.birth_bad"), skip)
        return BABY_BIRTH
    if born > today:
        await _send(update, texts("joining.birth_future"), skip)
        return BABY_BIRTH
    if born < _two_years_before(today):
        await _send(update, texts("joining.birth_too_old"), skip)
        return BABY_BIRTH
    await store_of(context).update_user(user.id, {"baby_birth": born.isoformat()})
    await _send(update, texts("joining.all_set"))
    return ConversationHandler.END


async def skip_birth(update: Update, context: Context) -> int:
    """No birth date given; all set."""
    query = update.callback_query
    assert query is not None
    await close_buttons(query)
    await _send(update, texts_of(context)("joining.all_set"))
    return ConversationHandler.END


async def details_later(update: Update, context: Context) -> int:
    """/cancel during the baby questions: stop asking; the person stays in the class."""
    await _send(update, texts_of(context)("joining.details_later"))
    return ConversationHandler.END


async def not_text(update: Update, context: Context) -> None:
    """A sticker or photo where a typed answer is expected: ask again, same step."""
    await _send(update, texts_of(context)("core.not_text"))


# -- carers ------------------------------------------------------------------------------------


async def carer_command(update: Update, context: Context) -> None:
    """/carer: make a one-time link for a partner or grandparent (which class, if several)."""
    user = update.effective_user
    assert user is not None
    store, texts = store_of(context), texts_of(context)
    classes = await member_classes(context, user.id)
    mine = []
    for klass in classes:
        member = await store.get_member(klass["id"], user.id)
        if member is not None and member.get("role", "parent") == "parent":
            mine.append(klass)
    if classes and not mine:
        await _send(update, texts("joining.carer_only_parent"))
        return
    chosen = await choose_class(update, context, mine, callback=CarerClass)
    if chosen is not None:
        await _send_carer_link(update, context, chosen)


async def carer_chosen(update: Update, context: Context) -> None:
    """The class chosen for /carer (checked: the person must be its parent member)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    class_id = chosen_class_id(query.data, CarerClass)
    klass = await member_class(context, user.id, class_id) if class_id else None
    member = await store_of(context).get_member(class_id, user.id) if klass and class_id else None
    if klass is None or member is None or member.get("role", "parent") != "parent":
        await query.answer(texts_of(context).raw("joining.not_in_class"), show_alert=True)
        return
    await close_buttons(query)
    await _send_carer_link(update, context, klass)


async def _send_carer_link(update: Update, context: Context, klass: Record) -> None:
    """Make the carer link and send it with a Share button."""
    user = update.effective_user
    assert user is not None
    texts = texts_of(context)
    code = await store_of(context).create_carer_code(klass["id"], user.id)
    link = create_deep_linked_url(context.bot.username, CARER_PREFIX + code)
    share = (
        f"https://t.me/share/url?url={quote(link, safe='')}"
        f"&text={quote(texts.raw('joining.carer_share_text'), safe='')}"
    )
    await _send(
        update,
        texts("joining.carer_link", name=klass["name"], link=link, days=CARER_VALID_DAYS),
        InlineKeyboardMarkup(
            [[InlineKeyboardButton(texts.raw("joining.carer_share_button"), url=share)]]
        ),
    )


async def carer_agreed(update: Update, context: Context) -> None:
    """The "I agree" button under a carer's consent text."""
    query = update.callback_query
    assert query is not None
    await close_buttons(query)
    pressed = parse(query.data, CarerAgreed)
    code = pressed.code if pressed is not None else ""  # not a code: answered as invalid
    await _carer_link(update, context, code, agreed=True)


def _expired(invite: Record) -> bool:
    """Whether a carer link is older than CARER_VALID_DAYS."""
    made = invite.get("at")
    if not isinstance(made, str):
        return False
    return datetime.now(UTC) - datetime.fromisoformat(made) > timedelta(days=CARER_VALID_DAYS)


async def _carer_link(update: Update, context: Context, code: str, *, agreed: bool) -> int:
    """Check a carer link, then ask for consent, or (given) add the carer to the family."""
    user = update.effective_user
    assert user is not None
    store, texts = store_of(context), texts_of(context)
    invite = await store.carer_invite(code) if _CODE_RE.match(code) else None
    klass = await store.get_class(invite["class_id"]) if invite else None
    if invite is None or klass is None or _expired(invite):
        await _send(update, texts("joining.carer_invalid"))
        return ConversationHandler.END
    if klass.get("ended"):
        await _send(update, texts("joining.class_ended", name=klass["name"]))
        return ConversationHandler.END
    parent_id = invite["parent_id"]
    if parent_id == user.id:
        await _send(update, texts("joining.carer_own_link"))
        return ConversationHandler.END
    if await store.get_member(klass["id"], user.id) is not None:
        await _send(
            update, texts("joining.already_in", name=klass["name"], next=next_line(context, klass))
        )
        return ConversationHandler.END
    parent = await store.get_member(klass["id"], parent_id) or {}
    parent_name = parent.get("first_name") or texts.raw("joining.a_parent")
    if not agreed and await _consented(context, user.id) is None:
        await _send(
            update,
            texts(
                "joining.carer_consent",
                name=user.first_name,
                parent=parent_name,
                class_name=klass["name"],
                days=settings_of(context).retention_days,
            ),
            _buttons(
                [
                    (texts.raw("joining.agree_button"), CarerAgreed(code)),
                    (texts.raw("joining.decline_button"), JoinDeclined()),
                ]
            ),
        )
        return ConversationHandler.END
    if not await store.spend_carer_code(code):  # used a moment ago (a double tap)
        await _send(update, texts("joining.carer_invalid"))
        return ConversationHandler.END
    if await _consented(context, user.id) is None:
        await _give_consent(context, user)
    await store.add_member(
        klass["id"],
        user.id,
        {"first_name": user.first_name, "role": "carer", "family_of": parent_id, "blocked": False},
    )
    await _send(
        update,
        texts(
            "joining.carer_joined",
            name=klass["name"],
            parent=parent_name,
            next=next_line(context, klass),
        ),
    )
    try:
        await context.bot.send_message(
            parent_id,
            texts("joining.carer_joined_parent", name=user.first_name, class_name=klass["name"]),
        )
    except TelegramError as exc:  # the parent may have blocked the bot; the carer is in anyway
        log.info("Could not tell the parent about their carer: %s", type(exc).__name__)
    return ConversationHandler.END


# -- leaving -----------------------------------------------------------------------------------


async def leave_command(update: Update, context: Context) -> None:
    """/leave: leave a class (which one, if several), after a confirmation."""
    user = update.effective_user
    assert user is not None
    classes = await member_classes(context, user.id, include_ended=True)
    klass = await choose_class(update, context, classes, callback=LeaveClass)
    if klass is not None:
        await _ask_leave(update, context, klass)


async def leave_chosen(update: Update, context: Context) -> None:
    """The class chosen for /leave (checked: the person must be in it)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    class_id = chosen_class_id(query.data, LeaveClass)
    klass = await member_class(context, user.id, class_id, include_ended=True) if class_id else None
    if klass is None:
        await query.answer(texts_of(context).raw("joining.not_in_class"), show_alert=True)
        return
    await close_buttons(query)
    await _ask_leave(update, context, klass)


async def _ask_leave(update: Update, context: Context, klass: Record) -> None:
    """Ask to confirm leaving a class."""
    texts = texts_of(context)
    await _send(
        update,
        texts("joining.confirm_leave", name=klass["name"]),
        _buttons(
            [
                (texts.raw("joining.leave_yes"), LeaveConfirmed(klass["id"])),
                (texts.raw("joining.stay_button"), Stay()),
            ]
        ),
    )


async def leave_confirmed(update: Update, context: Context) -> None:
    """Leaving confirmed: out of the class (pressed twice: already out)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    await close_buttons(query)
    texts = texts_of(context)
    class_id = chosen_class_id(query.data, LeaveConfirmed)
    klass = await member_class(context, user.id, class_id, include_ended=True) if class_id else None
    if klass is None:
        await _send(update, texts("joining.not_in_class"))
        return
    await store_of(context).remove_member(klass["id"], user.id)
    await _send(update, texts("joining.left", name=klass["name"]))


async def stay(update: Update, context: Context) -> None:
    """Leaving called off."""
    query = update.callback_query
    assert query is not None
    await close_buttons(query)
    await _send(update, texts_of(context)("joining.stayed"))


async def stale_button(update: Update, context: Context) -> None:
    """A joining button from a finished step (or pressed twice)."""
    query = update.callback_query
    assert query is not None
    await query.answer(texts_of(context).raw("core.stale_button"), show_alert=True)


COMMANDS = [Command("carer", "parent"), Command("leave", "parent")]


def handlers(app: Application) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    private = filters.ChatType.PRIVATE
    typed = filters.TEXT & ~filters.COMMAND
    other = ~filters.TEXT & ~filters.COMMAND
    with warnings.catch_warnings():
        # Buttons are tracked per chat and user on purpose: an old step's button falls
        # through to `stale_button` below.
        warnings.filterwarnings("ignore", "If 'per_message=False'", PTBUserWarning)
        join = StoredConversation(
            app,
            entry_points=[
                # "/start <code>" and "/start car_<code>" (roles.py took "inv_" before us;
                # "faq_" opens an answer, "privacy" the privacy page, "fb_" the course
                # feedback: handlers/start.py).
                CommandHandler(
                    "start",
                    start_with_payload,
                    filters=private & filters.Regex(r"^/start\s+(?!faq_|privacy$|fb_)\S"),
                ),
                CallbackQueryHandler(agreed, pattern=routes(JoinAgreed)),
            ],
            states={
                BABY_NAME: [
                    CallbackQueryHandler(skip_name, pattern=routes(SkipName)),
                    MessageHandler(typed, baby_name),
                    MessageHandler(other, not_text),
                ],
                BABY_BIRTH: [
                    CallbackQueryHandler(skip_birth, pattern=routes(SkipBirth)),
                    MessageHandler(typed, baby_birth),
                    MessageHandler(other, not_text),
                ],
            },
            fallbacks=[CommandHandler("cancel", details_later)],
            allow_reentry=True,
            name="joining",
            max_age=TIMEOUT,
        )
    return [
        join,
        CallbackQueryHandler(declined, pattern=routes(JoinDeclined)),
        CallbackQueryHandler(reminders_chosen, pattern=routes(RemindersWhere, strict=True)),
        CallbackQueryHandler(carer_agreed, pattern=routes(CarerAgreed)),
        CommandHandler("carer", carer_command, filters=private),
        CallbackQueryHandler(carer_chosen, pattern=routes(CarerClass)),
        CommandHandler("leave", leave_command, filters=private),
        CallbackQueryHandler(leave_chosen, pattern=routes(LeaveClass)),
        CallbackQueryHandler(leave_confirmed, pattern=routes(LeaveConfirmed)),
        CallbackQueryHandler(stay, pattern=routes(Stay)),
        CallbackQueryHandler(stale_button, pattern=family("jn")),
        CommandHandler(["carer", "leave"], private_only, filters=filters.ChatType.GROUPS),
    ]
