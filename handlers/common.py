"""What every handler needs: the shared services out of `bot_data`, and the safe way to reply."""

from __future__ import annotations

import contextlib
import html
import re
from collections import OrderedDict
from collections.abc import Mapping
from datetime import datetime
from typing import Any, cast
from zoneinfo import ZoneInfo

from babel import Locale
from telegram import CallbackQuery, InlineKeyboardMarkup, Message, MessageEntity, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes, ExtBot

from config import Settings
from content.lessons import _fit_escaped, telegram_length
from content.loader import Content
from content.texts import Html, Texts
from domain.places import as_country, country_name, describe_zone
from domain.when import DateWords
from storage.repo import Store

Context = ContextTypes.DEFAULT_TYPE


def store_of(context: Context) -> Store:
    """The repository."""
    return cast(Store, context.bot_data["store"])


def content_of(context: Context) -> Content:
    """All loaded content."""
    return cast(Content, context.bot_data["content"])


# Where a person's language is kept for this process (handlers.language fills it in).
LANG_KEY = "lang"


def lang_of(context: Context) -> str:
    """The language of this update's chat: the person's in a private chat, the class's in its
    group ("en" when not known)."""
    data = context.chat_data
    return str(data.get(LANG_KEY, "en")) if data is not None else "en"


def language_name(texts: Texts, lang: str) -> str:
    """A language's name in the language of `texts` ("es" -> "Spanish", "espagnol"), from
    CLDR through Babel; a code CLDR does not know stays a code."""
    return str(Locale.parse(texts.raw("core.locale")).languages.get(lang, lang))


def texts_of(context: Context) -> Texts:
    """The message templates, in the language of this update's chat (handlers.language)."""
    return content_of(context).texts_in(lang_of(context))


async def texts_for(context: Context, user_id: int) -> Texts:
    """The message templates in another person's language (their saved choice, else English):
    for a private message to someone this update is not from (an instructor told of a group's
    news)."""
    record = await store_of(context).get_user(user_id)
    return content_of(context).texts_in(str((record or {}).get("lang") or "en"))


def addressed_to(message: Message, username: str) -> bool:
    """Whether a group message mentions the bot or replies to one of its messages."""
    mention = f"@{username}".lower()
    for entity, text in message.parse_entities([MessageEntity.MENTION]).items():
        if entity.type == MessageEntity.MENTION and text.lower() == mention:
            return True
    reply = message.reply_to_message
    return bool(reply and reply.from_user and reply.from_user.username == username)


def date_words_of(context: Context) -> DateWords:
    """The words typed dates and times are read by: every language's, this person's first."""
    return content_of(context).date_words(lang_of(context))


def settings_of(context: Context) -> Settings:
    """The settings the bot runs with."""
    return cast(Settings, context.bot_data["settings"])


async def owner_ids(bot_data: Mapping[str, Any]) -> frozenset[int]:
    """Who owns this deployment: OWNER_IDS, and whoever claimed the first-run owner link."""
    settings = cast(Settings, bot_data["settings"])
    claimed = await cast(Store, bot_data["store"]).list_owners()
    return settings.owner_ids | {int(o["user_id"]) for o in claimed}


def user_id_of(update: Update) -> int | None:
    """The Telegram id of the person behind an update, if there is one."""
    return update.effective_user.id if update.effective_user else None


#: A week number typed after a command: /lesson 3, /weeknote 3.
WEEK_ARG = re.compile(r"^\d{1,2}$")


async def reply(update: Update, text: Html, **kwargs: object) -> None:
    """Answer in the chat the update came from (message or button press)."""
    chat = update.effective_chat
    if chat is None:
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    await chat.send_message(text, **kwargs)  # type: ignore[arg-type]


# What Telegram says to an answer for a press already answered (or answered too late).
_ANSWERED_ALREADY = ("query is too old", "query id is invalid")


async def answer_press(query: CallbackQuery, text: str | None = None, **kwargs: Any) -> None:
    """Answer a button press; one already answered (or too old) is harmless and left be."""
    if answered_already(query):
        return  # Telegram would refuse a second answer
    try:
        await query.answer(text, **kwargs)
    except BadRequest as exc:
        if not any(words in exc.message.lower() for words in _ANSWERED_ALREADY):
            raise


class PressBot(ExtBot[Any]):
    """The bot, remembering which button presses it has answered (the latest `REMEMBERED`): a
    press is answered once, and Telegram refuses a second answer, so whoever comes last (the
    error handler, after a write failed under a handler that had answered already) asks
    `answered` first and says what it has to say in the chat instead."""

    REMEMBERED = 1000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._answered: OrderedDict[str, None] = OrderedDict()

    async def answer_callback_query(
        self, callback_query_id: str, *args: Any, **kwargs: Any
    ) -> bool:
        """Answer a press, and remember it was (also when Telegram says it was already)."""
        self._answered[str(callback_query_id)] = None
        while len(self._answered) > self.REMEMBERED:
            self._answered.popitem(last=False)
        return await super().answer_callback_query(callback_query_id, *args, **kwargs)

    def answered(self, callback_query_id: str) -> bool:
        """Whether this press was answered already."""
        return str(callback_query_id) in self._answered


def answered_already(query: CallbackQuery) -> bool:
    """Whether a press was answered already (False when the bot does not keep count)."""
    bot = query.get_bot()
    return isinstance(bot, PressBot) and bot.answered(query.id)


async def stale_button(update: Update, context: Context) -> None:
    """A button no feature recognises (from an old version, or forged): say it no longer works,
    so the spinner stops and the person knows what to do instead."""
    if update.callback_query is not None:
        await answer_press(update.callback_query, texts_of(context).raw("core.stale_button"))


_TAG = re.compile(r"<[^>]*>")


def shown_already(
    message: object, markup: InlineKeyboardMarkup | None, text: Html | None = None
) -> bool:
    """Whether the pressed message already shows these buttons (and this text): a press
    carries its message as it is now, so a double tap sees the first tap's edit. Telegram
    refuses an edit that changes nothing ("message is not modified"), so none is sent."""
    if not isinstance(message, Message) or _keys(message.reply_markup) != _keys(markup):
        return False
    if text is None:
        return True
    # Telegram keeps the text without its markup, trimmed.
    return (message.text or "").strip() == html.unescape(_TAG.sub("", text)).strip()


def _keys(markup: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """A keyboard as Telegram keeps it: one without buttons is no keyboard at all."""
    return markup if markup is not None and any(markup.inline_keyboard) else None


async def set_buttons(query: CallbackQuery, markup: InlineKeyboardMarkup | None) -> None:
    """Put `markup` (None: no buttons) on the message a button was pressed on, unless it is
    there already (a double tap); a message that can no longer be edited is left as it is."""
    if shown_already(query.message, markup):
        return
    with contextlib.suppress(BadRequest):  # too old to edit, or gone: nothing to tidy
        await query.edit_message_reply_markup(reply_markup=markup)


async def show_in_place(
    query: CallbackQuery, text: Html, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Show `text` in place of the message a button was pressed on. A double tap changes
    nothing (and asks Telegram for nothing); a message that can no longer be edited gets the
    text as a new message below it."""
    if shown_already(query.message, markup, text):
        return
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" in exc.message.lower():
            return
        if query.message is None:
            raise
        await query.message.chat.send_message(text, reply_markup=markup)


# Telegram's limit on one message, in UTF-16 units (with room for nothing else to go wrong).
MESSAGE_LIMIT = 4096


def pack_lines(lines: list[Html], limit: int = MESSAGE_LIMIT) -> list[Html]:
    """Lines joined into as few messages as fit Telegram's limit, never splitting a line; a
    line that alone passes the limit is cut to fit (as plain text, so no tag is split)."""
    messages: list[Html] = []
    current: list[str] = []
    size = 0
    for line in lines:
        if telegram_length(line) > limit:
            line = Html(_fit_escaped(html.unescape(_TAG.sub("", line)), limit))
        length = telegram_length(line) + 1
        if current and size + length > limit:
            messages.append(Html("\n".join(current)))
            current, size = [], 0
        current.append(line)
        size += length
    if current:
        messages.append(Html("\n".join(current)))
    return messages


def country_words(texts: Texts, code: str) -> str:
    """A country's name in the language of `texts`: the pack's everyday name where it has one
    ("UK", "USA": `core.country_GB`), else CLDR's ("Alemania")."""
    key = f"core.country_{code}"
    return texts.raw(key) if key in texts else country_name(code, texts.raw("core.locale"))


def place_words(
    texts: Texts, zone: str, place: str | None = None, country: str | None = None
) -> tuple[str, str | None]:
    """(place, country) in the language of `texts` for a zone and the place it was chosen by
    (`country`: that place's own country code, else the zone's); no country when the place is
    the country itself ("Germany" -> "Alemania", alone)."""
    name, code = describe_zone(zone, place)
    code = country or code
    if code is None:
        return name, None
    country = country_words(texts, code)
    alone = as_country(name, code, country)
    return (name, country) if alone is None else (alone, None)


def zone_label(texts: Texts, zone: str, place: str | None, now: datetime) -> Html:
    """A class's time zone as people read it: "London (UK time, now 14:05)", never a raw zone
    name, the country in the reader's language. `place` is the city the instructor chose (else
    the zone's own city)."""
    name, country = place_words(texts, zone, place)
    clock = f"{now.astimezone(ZoneInfo(zone)):%H:%M}"
    if country is None:
        return texts("core.zone_label_plain", place=name, now=clock)
    return texts("core.zone_label", place=name, country=country, now=clock)


def class_zone(texts: Texts, klass: Mapping[str, Any], now: datetime) -> Html:
    """A stored class's zone as people read it (see `zone_label`)."""
    return zone_label(texts, klass["tz"], klass.get("place"), now)
