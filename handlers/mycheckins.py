"""/mycheckins: a parent's own check-ins, week by week (never anyone else's)."""

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from botdata import App
from content.lessons import telegram_length
from content.texts import Html
from handlers.checkin_common import MESSAGE_BUDGET
from handlers.checkin_screen import recap_text
from handlers.classpick import member_classes
from handlers.commands import Command
from handlers.common import Context, store_of, texts_of
from handlers.ui import not_in_private

#: How much of each note /mycheckins shows.
MY_NOTE_PREVIEW = 150


# -- /mycheckins -------------------------------------------------------------------------------


async def mycheckins_command(update: Update, context: Context) -> None:
    """/mycheckins: a parent's own check-ins, week by week (never anyone else's)."""
    user = update.effective_user
    message = update.effective_message
    if user is None or message is None or await not_in_private(update, context):
        return
    store = store_of(context)
    texts = texts_of(context)
    classes = await member_classes(context, user.id, include_ended=True)
    sections: list[str] = []
    for klass in classes:
        mine = await store.checkins(klass["id"], user_id=user.id)
        if not mine:
            continue
        lines = [texts("checkin.my_class", class_name=klass.get("name") or "")]
        for checkin in mine:
            recap = recap_text(texts, checkin, note_limit=MY_NOTE_PREVIEW)
            lines.append(texts("checkin.my_week", week=checkin["week"], recap=recap))
        sections.append("\n\n".join(lines))
    if not sections:
        await message.reply_text(texts("checkin.my_none"))
        return
    text = str(texts("checkin.my_header"))
    for section in sections:
        if telegram_length(text) + telegram_length(section) > MESSAGE_BUDGET:
            await message.reply_text(Html(text))
            text = ""
        text = f"{text}\n\n{section}" if text else section
    await message.reply_text(Html(text))


COMMANDS = [Command("mycheckins", "parent")]


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module, in the order they must be tried."""
    del app
    return [CommandHandler("mycheckins", mycheckins_command)]
