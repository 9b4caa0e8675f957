"""What the course's messages say and the buttons under them: built by the course job
(jobs/course.py) and by the commands that show the same things, read back by the handlers that
take the presses: a reminder's answer buttons (handlers/rsvp.py), the check-in invitation's
button (handlers/checkin.py), the closing message and its feedback buttons (handlers/feedback.py),
and the venue line of reminders and /next.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from content.lessons import MAX_MESSAGE_CHARS, render_closing, render_outline, telegram_length
from content.loader import Content
from content.texts import Html, Texts
from domain.buttons import (
    FEEDBACK_ANSWERS,
    RSVP_ANSWERS,
    CheckinStart,
    CourseFeedback,
    RsvpAnswer,
    encode,
    head,
)
from storage.records import ClassFields

#: What the closing message's feedback buttons' data starts with (domain.buttons.CourseFeedback).
FEEDBACK_PREFIX = head(CourseFeedback)
#: In the group, "Tell <instructor>" opens the private chat with "/start fb_<class id>".
FEEDBACK_START = "fb_"


def venue_line(texts: Texts, record: ClassFields) -> Html:
    """The venue as its own line, or nothing when the class has none."""
    venue = str(record.get("venue") or "").strip()
    return Html("\n" + texts("course.venue_line", venue=venue)) if venue else Html("")


def rsvp_markup(texts: Texts, class_id: str, session: int) -> InlineKeyboardMarkup:
    """The answer buttons under a reminder for `session` (handlers/rsvp.py takes the press)."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.raw(f"rsvp.{answer}"),
                    callback_data=encode(RsvpAnswer(class_id, session, answer)),
                )
                for answer in RSVP_ANSWERS
            ]
        ]
    )


def checkin_markup(texts: Texts, class_id: str, week: int) -> InlineKeyboardMarkup:
    """The button under a check-in invitation or nudge (handlers/checkin.py takes the press)."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.raw("course.checkin_button"),
                    callback_data=encode(CheckinStart(class_id, week)),
                )
            ]
        ]
    )


def feedback_markup(
    texts: Texts, class_id: str, instructor: str, tell_url: str | None = None
) -> InlineKeyboardMarkup:
    """The answer buttons under the closing message (handlers/feedback.py takes the press):
    one tap for how the course was, and "Tell <instructor>" for a few words of their own (in
    the group a link into the private chat, where they type it)."""
    answers = [
        InlineKeyboardButton(
            texts.raw(f"course.feedback_{answer}"),
            callback_data=encode(CourseFeedback(class_id, answer)),
        )
        for answer in FEEDBACK_ANSWERS
    ]
    label = texts.raw("course.feedback_tell").format(instructor=instructor)
    tell = (
        InlineKeyboardButton(label, url=tell_url)
        if tell_url
        else InlineKeyboardButton(label, callback_data=encode(CourseFeedback(class_id, "tell")))
    )
    return InlineKeyboardMarkup([answers, [tell]])


def closing_messages(content: Content, lang: str | None = None) -> list[str]:
    """The closing message (words, recap, the course folded, the feedback question) in `lang`:
    one message, or the outline on its own if a content edit ever made it too long for one."""
    lessons, outline = content.lessons_in(lang)
    closing = render_closing(outline, lessons)
    if telegram_length(closing) <= MAX_MESSAGE_CHARS:
        return [closing]
    question = f"<b>{outline.feedback_question}</b>"
    return [render_outline(outline, lessons), question]
