"""Every message fits a phone screen: its visible part (plain text wrapped at 38 characters, plus
the first lines of each folded quote) is at most 28 lines.

Every template in content/messages is rendered with realistic field values (the longest names
and texts people really send), and so is every lesson, FAQ answer, the course outline and the
closing message; what the bot builds from several templates per role (/help, /start, /privacy in
both chats) is measured from what the real Application sends. A template with a field this file
has no sample for fails too, so a new message cannot skip the check.
"""

from __future__ import annotations

import string

import pytest
from telegram import Update

from content.lessons import render_lesson, render_outline
from content.loader import Content
from content.screen import PHONE_LINES, visible_lines
from content.texts import Html, Texts
from handlers.faq import render_answer
from jobs.course_messages import closing_messages
from tests.conftest import OWNER_ID, BotHarness
from tests.support import updates as tg

# The longest realistic values: a double-barrelled first name, a class name that says where and
# when, a full street address, a question of a few sentences.
NAME = "Anne-Sophie Charlotte"
CLASS = "Baby massage, Tuesday mornings at St Mary's"
VENUE = "St Mary's Church Hall (side door), 14 Queen Street, Manchester M2 5HT"
QUESTION = (
    "Hi, quick question about the tummy strokes we learned on Tuesday. My daughter is 11 weeks "
    "and gets very windy in the evenings; she pulls her legs up and cries for an hour or so. "
    "Should I do the colic routine then, or is it better earlier in the day? And is it okay "
    "to use the same oil we use for her dry patches?"
)
REPLY = (
    "Great question! Try the colic routine earlier, about an hour before her usual fussy time, "
    "when she's calm: twice a day for a couple of weeks is a good test. During a crying spell "
    "just hold and comfort her. The oil is fine if it's plain, unscented and you've patch "
    "tested it. If the crying goes on for hours or she feeds poorly, do see your GP or health "
    "visitor. See you next week!"
)
NOTE = (
    "Lovely to see everyone today. Next week we'll do chest and arms, so a vest that opens at "
    "the front makes it easier. The hall car park is closed for resurfacing: please use the "
    "one on Queen Street, and allow ten extra minutes. Bring a spare towel, a bottle of your "
    "oil, and anything your baby needs to settle."
)
WHEN = "tomorrow, Wednesday 30 September, at 10:30"
LINK = "https://t.me/IAIMCompanionBot?start=AbCdEfGhIjKlMn"
DAY = "Wednesday 30 September"
DATE = "Wed 30 Sep 2026"
# English and every language pack: a person whose Telegram app is in one of these gets it.
LANGUAGES = ["en", "es", "fr", "de"]


def _dates(texts: Texts, count: int = 12) -> Html:
    """The date lines of a class's summary (the most sessions a class may have)."""
    return Html(
        "\n".join(
            texts("newclass.date_line", n=n, when=f"Tue {n} Sep 2026, 10:30")
            for n in range(1, count + 1)
        )
    )


def samples(texts: Texts) -> dict[str, object]:
    """A realistic value for every field name the templates use."""
    summary = texts(
        "newclass.summary",
        name=CLASS,
        sessions=12,
        length=90,
        tz="London (UK time, now 14:05)",
        venue=VENUE,
        language="Französisch",
        dates=_dates(texts),
    )
    recap = Html(
        "\n".join(
            [
                texts("checkin.recap_days", days="5–7"),
                texts("checkin.recap_response", response="Mostly happy"),
                texts("checkin.recap_areas", areas="Legs and feet, Tummy, Chest, Arms and hands"),
                texts("checkin.recap_note", note=NOTE[:200] + "…"),
            ]
        )
    )
    return {
        "active": 3,
        "actual": "03:30",
        "alert": Html("🚨 "),
        "answer": "Mostly happy",
        "answered": 11,
        "answers": "✅ Anne-Sophie, Maximilian, Oluwaseun · 🕒 Charlotte · ❌ Priyanka",
        "areas": "Legs and feet, Tummy, Chest, Arms and hands, Face, Back, Gentle movements",
        "asked": "02:30",
        "audience": "the class group and each family's private chat (12)",
        "baby": "Maximiliane",
        "carers": 3,
        "class_name": CLASS,
        "command": "announcements",
        "count": 12,
        "current": Html("\n" + texts("course.weeknote_current", note=NOTE)),
        "date": DATE,
        "dates": _dates(texts),
        "day": DAY,
        "day_before": "18:00",
        "days": 90,
        "delete_on": DATE,
        "deletion": DATE,
        "delivered": 11,
        "description": "Open questions from parents, with Reply buttons",
        "dst_note": Html(texts("announce.dst_gap", asked="02:30", actual="03:30")),
        "end": "08:00",
        "ended": DATE,
        "example": "30/9/2026 10:30",
        "families": 12,
        "first": 3,
        "glimpse": "Reminder: the hall car park is closed next week, please use the one on…",
        "group": texts.raw("newclass.group_not_linked"),
        "hours": "2 h",
        "instructor": NAME,
        "instructor_note": Html(texts("privacy.forget_instructor_note")),
        "label": "Gentle movements",
        "language": "Portuguese",
        "last": 5,
        "length": 1000,
        "limit": 1000,
        "link": LINK,
        "mark": "✅",
        "mean": "4.2",
        "n": 12,
        "name": NAME,
        "names": ", ".join([NAME, "Maximilian", "Oluwaseun", "Priyanka", "Charlotte", "Zoë"]),
        "next": Html(texts("joining.next_session", when=WHEN, venue=Html(f", at {VENUE}"))),
        "note": NOTE,
        "now": "14:05",
        "number": 12,
        "old": CLASS,
        "old_day": DAY,
        "old_time": "10:30",
        "other": 4,
        "page": 2,
        "pages": 5,
        "parent": NAME,
        "parents": 12,
        "percent": 92,
        "pin": Html(texts("venue.pin_started")),
        "question": QUESTION,
        "quiet": "21:00 to 08:00",
        "reason": "Bad Request: can't parse entities",
        "recap": recap,
        "reminders": texts.raw("course.settings_off"),
        "reply": REPLY,
        "response": "Mostly happy",
        "same_day": "2 h",
        "session": 12,
        "sessions": 12,
        "since": DATE,
        "sources": "IAIM colic relief routine; Huhtala et al. 2000; Sheidaei et al. 2016",
        "start": "21:00",
        "status": texts("newclass.status_ended", ended=DATE, delete_on=DATE),
        "summary": summary,
        "text": QUESTION,
        "time": "10:30",
        "title": "Colic and wind",
        "topic": "Le corps, la détente et la digestion",  # the longest FAQ title in any pack
        "total": 12,
        "typed": "Europe/Londn",
        "until": "Wed 30 September, 22:30",
        "tz": "London (UK time, now 14:05)",
        "place": "London",
        "country": "UK",
        "update": "callback query in a private chat",
        "venue": VENUE,
        "week": 5,
        "what": Html(texts("newclass.end_drops", first=3, last=12)),
        "when": WHEN,
        "where": "handlers.checkin.note_typed",
        "who": texts.raw("core.who_owner"),
        "with_instructor": Html(texts("joining.with_instructor", instructor=NAME)),
        # /status
        "ago": "3 hours",
        "uptime": "12 days, 4 hours",
        "version": "0.2.0",
        "running": 148,
        "jobs": 1_204,
        "last_error": "TimedOut in handlers.faq.on_private_question, 3 hours ago",
        "size": "182.4 MB",
        "schema": 2,
        "backup": "9 h ago, 182.4 MB",
        "backup_days": 14,
        "error": "OSError: [Errno 28] No space left on device: '/backups/iaim-bot-2026.tar.gz'",
    }


def _fields(texts: Texts, key: str, values: dict[str, object]) -> dict[str, object]:
    """The values for one template; `venue` is a whole line in the course's messages."""
    names = {f for _, f, _, _ in string.Formatter().parse(texts.raw(key)) if f}
    missing = names - values.keys()
    assert not missing, f"{key}: no sample value for {sorted(missing)}: add one above"
    fields = {name: values[name] for name in names}
    if "venue" in fields and key.startswith("course."):
        fields["venue"] = Html("\n" + texts("course.venue_line", venue=VENUE))
    elif "venue" in fields and key == "joining.next_session":
        fields["venue"] = Html(texts("joining.next_venue", venue=VENUE))
    elif "venue" in fields and key == "sessions.notice_moved":
        fields["venue"] = Html(texts("sessions.notice_venue", venue=VENUE))
    return fields


def rendered_messages(content: Content, lang: str = "en") -> dict[str, str]:
    """Every message the content can produce in `lang`, rendered with realistic values, by
    name (the lessons and the course outline are English-only so far)."""
    texts = content.texts_in(lang)
    values = samples(texts)
    out: dict[str, str] = {key: texts(key, **_fields(texts, key, values)) for key in texts.names()}
    for fid, entry in content.faq_in(lang).items():
        out[f"faq {fid}"] = render_answer(texts, entry)
    if lang != "en":
        return out
    for week, lesson in content.lessons.items():
        out[f"lesson week {week}"] = render_lesson(lesson)
        out[f"lesson week {week} with a note"] = render_lesson(lesson, NOTE * 3)
    outline = render_outline(content.outline, content.lessons)
    out["/course"] = f"{outline}\n\n{texts('course.course_footer')}"
    for index, part in enumerate(closing_messages(content), start=1):
        out[f"closing part {index}"] = part
    return out


def report(measured: dict[str, int]) -> str:
    """The messages over one screen, longest first, for the failure message."""
    over = sorted(((n, k) for k, n in measured.items() if n > PHONE_LINES), reverse=True)
    return "\n".join(f"  {n:3d} lines  {k}" for n, k in over)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_template_lesson_and_answer_fits_one_screen(content: Content, lang: str) -> None:
    measured = {
        name: visible_lines(text) for name, text in rendered_messages(content, lang).items()
    }
    longest = max(measured, key=lambda k: measured[k])
    print(f"longest visible part: {measured[longest]} lines ({longest})")
    assert not report(measured), (
        f"over {PHONE_LINES} phone lines (38 characters each):\n{report(measured)}"
    )


def _in_language(user_id: int, text: str, lang: str, bot: BotHarness) -> Update:
    """A private message from someone whose Telegram app is set to `lang` ("en": unset, as
    `bot.say` sends), so the bot answers in that language (handlers/language.py)."""
    data = tg.private_message_json(user_id, text, first_name=NAME)
    if lang != "en":
        data["message"]["from"]["language_code"] = lang
    return tg.to_update(data, bot.app.bot)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("user_id", [OWNER_ID, 42], ids=["owner", "parent"])
async def test_start_help_and_privacy_fit_one_screen_for_each_role(
    bot: BotHarness, content: Content, user_id: int, lang: str
) -> None:
    for command in ("/start", "/help", "/privacy"):
        await bot.send(_in_language(user_id, command, lang, bot))
        text = bot.last_text(user_id)
        if command == "/start":  # the bot did answer in the person's language
            welcome = "core.welcome_owner" if user_id == OWNER_ID else "core.welcome"
            assert text == content.texts_in(lang)(welcome, name=NAME)
        assert visible_lines(text) <= PHONE_LINES, (lang, command, visible_lines(text))


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_an_instructors_help_fits_one_screen(
    bot: BotHarness, content: Content, lang: str
) -> None:
    code = await bot.store.create_invite(OWNER_ID)
    await bot.store.use_invite(code, 77, NAME)
    for command in ("/start", "/help"):
        await bot.send(_in_language(77, command, lang, bot))
        text = bot.last_text(77)
        if command == "/start":  # the bot did answer in the person's language
            assert text == content.texts_in(lang)("core.welcome_instructor", name=NAME)
        assert visible_lines(text) <= PHONE_LINES, (lang, command, visible_lines(text))


@pytest.mark.parametrize(
    "lang",
    ["en", "es", "fr", "de"],
)
async def test_an_owner_who_teaches_help_fits_one_screen(bot: BotHarness, lang: str) -> None:
    # The owner who runs classes too sees the most tools of anyone.
    code = await bot.store.create_invite(OWNER_ID)
    await bot.store.use_invite(code, OWNER_ID, NAME)
    await bot.send(_in_language(OWNER_ID, "/help", lang, bot))
    text = bot.last_text(OWNER_ID)
    assert visible_lines(text) <= PHONE_LINES, (lang, visible_lines(text))


async def test_privacy_in_a_group_is_a_button_to_the_private_chat(bot: BotHarness) -> None:
    await bot.send(tg.group_command(-100500, 42, "privacy", bot=bot.app.bot))
    text = bot.last_text(-100500)
    assert visible_lines(text) <= 4
    labels = bot.buttons(-100500)
    assert labels and labels[0][1].startswith("https://t.me/")
