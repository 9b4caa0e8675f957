"""Which class? The shared helper for commands that act on one class when a person has several.

A command calls `choose_class(...)`: with exactly one class it gets that class back at once;
with several it gets None while the person is shown one button per class, each carrying the
feature's button (`callback`: a kind of domain.buttons with the class id, like CheckinPick);
with none, a kind reply. The feature's own button handler then reads the id with
`chosen_class_id` and MUST check it again (`member_class` for parents, `handlers.auth.own_class`
for instructors): callback data comes from the client.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update

from content.dates import short_day
from content.texts import Html, Texts
from domain.buttons import Button, OfClass, encode, parse
from handlers.common import Context, store_of, texts_of
from handlers.ui import set_buttons
from storage.records import ClassRecord


async def member_classes(
    context: Context, user_id: int, *, include_ended: bool = False
) -> list[ClassRecord]:
    """The classes a person belongs to (as parent or carer), oldest first."""
    store = store_of(context)
    user = await store.get_user(user_id)
    found = []
    for class_id in user.get("classes", []) if user else []:
        klass = await store.get_class(class_id)
        if klass is None or (klass.get("ended") and not include_ended):
            continue
        if await store.get_member(class_id, user_id) is not None:
            found.append(klass)
    return found


async def member_class(
    context: Context, user_id: int, class_id: str, *, include_ended: bool = False
) -> ClassRecord | None:
    """The class `class_id` if this person belongs to it, else None (check ids from buttons)."""
    store = store_of(context)
    klass = await store.get_class(class_id)
    if klass is None or (klass.get("ended") and not include_ended):
        return None
    if await store.get_member(class_id, user_id) is None:
        return None
    return klass


def class_label(texts: Texts, klass: ClassRecord) -> str:
    """A button label that tells two classes apart, in the language of `texts`: the name and
    the first session's day ("Tuesday babies · Tue 3 Mar", "Bebés · mar 3 mar")."""
    name = str(klass.get("name") or texts.raw("core.unnamed_class"))
    try:
        first = date.fromisoformat(klass["first_date"])
    except (KeyError, TypeError, ValueError):
        return name
    return texts.raw("core.class_label").format(name=name, day=short_day(first, texts))


def class_buttons(
    texts: Texts, classes: list[ClassRecord], callback: Callable[[str], Button]
) -> InlineKeyboardMarkup:
    """One button per class, each carrying `callback` made with the class's id."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(class_label(texts, k), callback_data=encode(callback(k["id"])))]
            for k in classes
        ]
    )


def chosen_class_id(data: str | None, *kinds: type[OfClass]) -> str | None:
    """The class id a button of one of `kinds` carries, or None if the data is not one."""
    pressed = parse(data, *kinds)
    return pressed.class_id if pressed is not None else None


async def choose_class(
    update: Update,
    context: Context,
    classes: list[ClassRecord],
    *,
    callback: Callable[[str], Button],
    prompt: Html | None = None,
    none: Html | None = None,
) -> ClassRecord | None:
    """The class to act on: returned at once when there is exactly one.

    With several, the person gets `prompt` ("Which class?") with one button per class and this
    returns None (the feature's button handler carries on). With none, `none` (default: how to
    join a class) is the reply and this returns None.
    """
    if len(classes) == 1:
        return classes[0]
    message = update.effective_message
    if message is None:
        return None
    texts = texts_of(context)
    if not classes:
        await message.reply_text(none or texts("core.no_class"))
        return None
    await message.reply_text(
        prompt or texts("core.which_class"), reply_markup=class_buttons(texts, classes, callback)
    )
    return None


async def close_buttons(query: CallbackQuery) -> None:
    """Take the buttons off the message a choice was made on, so it cannot be pressed again.

    A double tap finds them gone already and asks Telegram for nothing.
    """
    await set_buttons(query, None)
