"""What every handler needs: the shared services out of `bot_data` (storage, content, settings),
the language and texts of an update, and places and time zones as people read them. What is
shown on screen, and how, is handlers/ui.py."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from babel import Locale
from telegram import Message, MessageEntity, Update

from botdata import BotData, Context
from config import Settings
from content.loader import Content
from content.texts import Html, Texts
from domain.places import as_country, country_name, describe_zone
from domain.when import DateWords
from storage.records import ClassFields
from storage.repo import Store


def store_of(context: Context) -> Store:
    """The repository."""
    return context.bot_data["store"]


def content_of(context: Context) -> Content:
    """All loaded content."""
    return context.bot_data["content"]


# Where a person's language is kept for this process (handlers.language fills it in).
LANG_KEY = "lang"
# Where the message a parent may still pass to the instructor is kept (the "Ask my instructor"
# button under an answer, "none of these", or a story told at length).
LAST_QUESTION = "last_question"


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


async def saved_language(context: Context, user_id: int) -> str | None:
    """The language a person chose or joined in, as kept on their record (None: none kept)."""
    record = await store_of(context).get_user(user_id)
    lang = record.get("lang") if record else None
    return str(lang) if lang else None


async def texts_for(context: Context, user_id: int) -> Texts:
    """The message templates in another person's language (their saved choice, else English):
    for a private message to someone this update is not from (an instructor told of a group's
    news)."""
    return content_of(context).texts_in(await saved_language(context, user_id) or "en")


async def texts_for_presser(context: Context, update: Update) -> Texts:
    """The templates for a button's answer (a toast only the presser sees): the chat's
    language in a private chat; under a message in the class group (whose language is the
    class's), the presser's own when they chose one, else the group's."""
    query, user = update.callback_query, update.effective_user
    message = query.message if query is not None else None
    if user is None or message is None or message.chat.type == "private":
        return texts_of(context)
    own = await saved_language(context, user.id)
    return content_of(context).texts_in(own) if own else texts_of(context)


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
    return context.bot_data["settings"]


async def owner_ids(bot_data: BotData) -> frozenset[int]:
    """Who owns this deployment: OWNER_IDS, and whoever claimed the first-run owner link."""
    claimed = await bot_data["store"].list_owners()
    return bot_data["settings"].owner_ids | {int(o["user_id"]) for o in claimed}


def user_id_of(update: Update) -> int | None:
    """The Telegram id of the person behind an update, if there is one."""
    return update.effective_user.id if update.effective_user else None


#: A week number typed after a command: /lesson 3, /weeknote 3.
WEEK_ARG = re.compile(r"^\d{1,2}$")


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


def class_zone(texts: Texts, klass: ClassFields, now: datetime) -> Html:
    """A stored class's zone as people read it (see `zone_label`)."""
    return zone_label(texts, klass["tz"], klass.get("place"), now)
