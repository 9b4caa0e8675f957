"""Parents joining a class: the join deep link, consent, where reminders come, the baby's details.

Nothing but the Telegram id is stored before a person agrees: the class they are joining rides
in the consent button's callback data (domain.buttons.JoinAgreed: the join code), and a refusal
leaves no trace.
After consent come two optional questions (the baby's name, then birth date), each skippable.
A carer link ("/start car_<code>") comes in here too and is handled by handlers/carers.py;
/leave is handlers/leaving.py.
"""

from __future__ import annotations

import logging
import warnings
from datetime import UTC, date, datetime, timedelta

from telegram import ChatMember, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from botdata import App
from content.texts import Html, Texts
from domain.buttons import (
    JoinAgreed,
    JoinDeclined,
    RemindersWhere,
    SkipBirth,
    SkipName,
    family,
    parse,
    routes,
)
from domain.when import parse_date
from handlers.carers import carer_link
from handlers.classpick import close_buttons
from handlers.commands import Command
from handlers.common import (
    Context,
    date_words_of,
    lang_of,
    language_name,
    settings_of,
    store_of,
    texts_of,
)
from handlers.conversation import StoredConversation
from handlers.course import calendar_markup
from handlers.joining_common import (
    CARER_PREFIX,
    CODE_RE,
    consented,
    give_consent,
    keyboard_of,
    next_line,
)
from handlers.ui import reply, set_buttons, stale_step_button
from storage.records import ClassRecord

log = logging.getLogger(__name__)


MAX_BABY_NAME = 40
BABY_NAME, BABY_BIRTH = range(2)
# An unanswered "what's your baby's name?" stops catching messages after this long.
TIMEOUT = timedelta(minutes=30)


# -- joining a class ---------------------------------------------------------------------------


async def start_with_payload(update: Update, context: Context) -> int:
    """/start with a class join code or a carer link ("car_<code>")."""
    payload = (context.args or [""])[0]
    if payload.startswith(CARER_PREFIX):
        return await carer_link(update, context, payload[len(CARER_PREFIX) :], agreed=False)
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
    await reply(update, texts_of(context)("joining.declined"))


async def _class_link(update: Update, context: Context, code: str, *, agreed: bool) -> int:
    """Check a join code, then ask for consent, or (given) add the person to the class."""
    user = update.effective_user
    assert user is not None
    store, texts = store_of(context), texts_of(context)
    klass = await store.class_by_code(code) if CODE_RE.match(code) else None
    if klass is None:
        await reply(update, texts("joining.unknown_code"), answer=False)
        return ConversationHandler.END
    if klass.get("ended"):
        await reply(update, texts("joining.class_ended", name=klass["name"]), answer=False)
        return ConversationHandler.END
    if klass["instructor_id"] == user.id:
        await reply(update, texts("joining.own_class", name=klass["name"]), answer=False)
        return ConversationHandler.END
    if await store.get_member(klass["id"], user.id) is not None:
        await reply(
            update,
            texts("joining.already_in", name=klass["name"], next=next_line(context, klass)),
            answer=False,
        )
        return ConversationHandler.END
    record = await consented(context, user.id)
    if record is None and not agreed:
        instructor = await store.get_instructor(klass["instructor_id"])
        with_instructor = (
            texts("joining.with_instructor", instructor=instructor["name"])
            if instructor and instructor.get("name")
            else Html("")
        )
        await reply(
            update,
            texts(
                "joining.consent",
                name=user.first_name,
                class_name=klass["name"],
                with_instructor=with_instructor,
                days=settings_of(context).retention_days,
            ),
            keyboard_of(
                [
                    (texts.raw("joining.agree_button"), JoinAgreed(code)),
                    (texts.raw("joining.decline_button"), JoinDeclined()),
                ]
            ),
            answer=False,
        )
        return ConversationHandler.END
    if record is None:
        record = await give_consent(context, user)
    await store.add_member(
        klass["id"],
        user.id,
        {"first_name": user.first_name, "role": "parent", "family_of": None, "blocked": False},
    )
    joined = texts("joining.joined", name=klass["name"], next=next_line(context, klass))
    question = await _reminders_question(context, klass, user.id)
    calendar = calendar_markup(texts, klass).inline_keyboard
    if question is None:
        await reply(update, joined, InlineKeyboardMarkup(calendar), answer=False)
    else:
        markup = InlineKeyboardMarkup([*question[1].inline_keyboard, *calendar])
        await reply(update, Html(f"{joined}\n{question[0]}"), markup, answer=False)
    if record.get("baby_name"):
        await reply(update, texts("joining.all_set"), answer=False)
        return ConversationHandler.END
    await reply(
        update,
        texts("joining.ask_baby_name"),
        keyboard_of([(texts.raw("joining.skip_button"), SkipName())]),
        answer=False,
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

    return keyboard_of(
        [
            (label("joining.reminders_here_button", here), RemindersWhere("here")),
            (label("joining.reminders_group_button", not here), RemindersWhere("group")),
        ]
    )


async def _reminders_question(
    context: Context, klass: ClassRecord, user_id: int
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
    if await consented(context, user.id) is None:
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
        await reply(
            update,
            texts("joining.baby_name_bad", limit=MAX_BABY_NAME),
            keyboard_of([(texts.raw("joining.skip_button"), SkipName())]),
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
    await reply(
        update,
        texts("joining.ask_baby_birth", baby=baby),
        keyboard_of([(texts.raw("joining.skip_button"), SkipBirth())]),
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
    skip = keyboard_of([(texts.raw("joining.skip_button"), SkipBirth())])
    today = datetime.now(UTC).date()
    born = parse_date(message.text or "", today, past=True, words=date_words_of(context))
    if born is None:
        await reply(update, texts("joining.birth_bad"), skip)
        return BABY_BIRTH
    if born > today:
        await reply(update, texts("joining.birth_future"), skip)
        return BABY_BIRTH
    if born < _two_years_before(today):
        await reply(update, texts("joining.birth_too_old"), skip)
        return BABY_BIRTH
    await store_of(context).update_user(user.id, {"baby_birth": born.isoformat()})
    await reply(update, texts("joining.all_set"))
    return ConversationHandler.END


async def skip_birth(update: Update, context: Context) -> int:
    """No birth date given; all set."""
    query = update.callback_query
    assert query is not None
    await close_buttons(query)
    await reply(update, texts_of(context)("joining.all_set"))
    return ConversationHandler.END


async def details_later(update: Update, context: Context) -> int:
    """/cancel during the baby questions: stop asking; the person stays in the class."""
    await reply(update, texts_of(context)("joining.details_later"))
    return ConversationHandler.END


async def not_text(update: Update, context: Context) -> None:
    """A sticker or photo where a typed answer is expected: ask again, same step."""
    await reply(update, texts_of(context)("core.not_text"))


COMMANDS: list[Command] = []


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried (after handlers/carers.py
    and handlers/leaving.py, whose buttons share the "jn" family `stale_step_button` catches)."""
    private = filters.ChatType.PRIVATE
    typed = filters.TEXT & ~filters.COMMAND
    other = ~filters.TEXT & ~filters.COMMAND
    with warnings.catch_warnings():
        # Buttons are tracked per chat and user on purpose: an old step's button falls
        # through to `stale_step_button` below.
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
        CallbackQueryHandler(stale_step_button, pattern=family("jn")),
    ]
