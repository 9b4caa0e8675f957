"""The instructor's check-in reports: /checkins (one week of a class at a time, with buttons
for the other weeks, and the course as a chart) and /export (the roster and the check-ins as CSV
files).

Their buttons (domain.buttons' CheckinWeek, CheckinReport, CheckinExport) share the check-in's
"ci:" prefix: this module is registered before handlers/checkin.py, whose conversation takes
every other "ci:" button.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from botdata import App
from content.lessons import telegram_length
from content.texts import Html, Texts
from domain.buttons import CheckinExport, CheckinReport, CheckinWeek, encode, parse, routes
from domain.checkin_stats import (
    AREAS,
    DAYS,
    RESPONSES,
    WeekStats,
    course_stats,
    current_week,
    started_weeks,
)
from handlers.auth import own_class, requires
from handlers.checkin_common import (
    MESSAGE_BUDGET,
    NOTE_PREVIEW,
    days_label,
    pressed_message_id,
    schedule_of,
    shorten,
)
from handlers.classpick import choose_class
from handlers.commands import Command
from handlers.common import Context, store_of, texts_of
from handlers.ui import edit_or_send, not_in_private, shown_already
from jobs.timing import now_of
from reports.csv_export import export_files
from reports.worker import draw_course_chart, run_in_worker
from storage.records import ClassRecord

COMMANDS = [
    Command("checkins", "instructor"),
    Command("export", "instructor"),
]


# -- /checkins ---------------------------------------------------------------------------------


def _counts(texts: Texts, labels: list[tuple[str, int]]) -> Html:
    return Html(" · ".join(texts("checkin.view_count", label=lb, count=n) for lb, n in labels))


def _render_view(texts: Texts, klass: ClassRecord, stats: WeekStats) -> Html:
    """One week of a class for its instructor: rate, answers in aggregate, notes, who is missing."""
    parts: list[str] = [
        texts("checkin.view_header", class_name=klass.get("name") or "", week=stats.week)
    ]
    if stats.families:
        percent = round(100 * (stats.rate or 0))
        parts.append(
            texts(
                "checkin.view_rate",
                answered=stats.answered,
                families=stats.families,
                percent=percent,
            )
        )
    else:
        parts.append(texts("checkin.view_no_families"))
    if not stats.answers:
        parts.append(texts("checkin.view_no_answers"))
    else:
        mean = f"{stats.mean_days:.1f}" if stats.mean_days is not None else "–"
        days = [(days_label(texts, code), stats.days[code]) for code in DAYS]
        parts.append(f"{texts('checkin.view_days', mean=mean)}\n{_counts(texts, days)}")
        responses = [(texts.raw(f"checkin.response_{c}"), stats.responses[c]) for c in RESPONSES]
        parts.append(f"{texts('checkin.view_responses')}\n{_counts(texts, responses)}")
        areas = [(texts.raw(f"checkin.area_{c}"), stats.areas[c]) for c in AREAS if stats.areas[c]]
        shown = _counts(texts, areas) if areas else texts("checkin.none")
        parts.append(f"{texts('checkin.view_areas')}\n{shown}")
    if stats.missing:
        parts.append(texts("checkin.view_missing", names=", ".join(stats.missing)))
    elif stats.families:
        parts.append(texts("checkin.view_all_answered"))
    if stats.notes:
        notes = [str(texts("checkin.view_notes"))]
        used = sum(telegram_length(p) for p in parts)
        for index, note in enumerate(stats.notes):
            key = "checkin.view_note_question" if note.question else "checkin.view_note"
            line = texts(key, name=note.first_name, note=shorten(note.text, NOTE_PREVIEW))
            used += telegram_length(line) + 1
            if used > MESSAGE_BUDGET:
                more = len(stats.notes) - index
                notes.append(texts("checkin.view_notes_more", count=more))
                break
            notes.append(line)
        parts.append("\n".join(notes))
    return Html("\n\n".join(parts))


def _week_buttons(
    texts: Texts, class_id: str, weeks: list[int], shown: int
) -> InlineKeyboardMarkup | None:
    """One button per week that has started (the shown one marked), four to a row."""
    if len(weeks) < 2:
        return None
    buttons = [
        InlineKeyboardButton(
            texts.raw(
                "checkin.week_button_current" if w == shown else "checkin.week_button"
            ).format(week=w),
            callback_data=encode(CheckinWeek(class_id, w)),
        )
        for w in weeks
    ]
    return InlineKeyboardMarkup([buttons[i : i + 4] for i in range(0, len(buttons), 4)])


async def _show_view(
    context: Context,
    chat_id: int,
    klass: ClassRecord,
    week: int | None,
    message_id: int | None,
    *,
    chart: bool,
    shown: object = None,
) -> None:
    """Show a class's check-ins for `week` (default: the current week) on `message_id` or a new
    message; with `chart`, the course chart follows as an image. When the pressed message
    (`shown`) shows this view already, it was a double tap: nothing is edited or sent again."""
    texts = texts_of(context)
    store = store_of(context)
    schedule = schedule_of(context, klass)
    now = now_of(context.application)
    weeks = started_weeks(schedule, now) if schedule else []
    if not weeks:
        text = texts("checkin.view_not_started", class_name=klass.get("name") or "")
        if not shown_already(shown, None, text):
            await edit_or_send(context, chat_id, message_id, text, None)
        return
    if week not in weeks:
        week = current_week(schedule, now) if schedule else weeks[-1]
    members = await store.members(klass["id"], active_only=False)
    checkins = await store.checkins(klass["id"])
    series = course_stats(weeks, members, checkins)
    stats = next(s for s in series if s.week == week)
    markup = _week_buttons(texts, klass["id"], weeks, stats.week)
    text = _render_view(texts, klass, stats)
    if shown_already(shown, markup, text):
        return
    await edit_or_send(context, chat_id, message_id, text, markup)
    if chart and any(s.answers for s in series):
        # In the worker process: drawing never holds this interpreter, so no update waits.
        png = await run_in_worker(draw_course_chart, series, _chart_labels(texts))
        caption = texts("checkin.chart_caption", class_name=klass.get("name") or "")
        await context.bot.send_photo(chat_id, png, caption=caption)


def _chart_labels(texts: Texts) -> dict[str, Any]:
    """Every word on the chart (reports.chart.ChartLabels' fields), from the message texts."""
    return {
        "title": texts.raw("checkin.chart_title"),
        "days_axis": texts.raw("checkin.chart_days_axis"),
        "response_axis": texts.raw("checkin.chart_response_axis"),
        "week": texts.raw("checkin.chart_week"),
        "answered": texts.raw("checkin.chart_answered"),
        "responses": tuple(texts.raw(f"checkin.response_{c}") for c in RESPONSES),
        "no_answers": texts.raw("checkin.chart_no_answers"),
    }


async def _chosen_class(
    update: Update, context: Context, callback: type[CheckinReport | CheckinExport], prompt: str
) -> tuple[int, ClassRecord] | None:
    """The chat and the class an instructor's /checkins or /export is for: their only class, or
    None after asking them to choose (`prompt`; the press comes back as `callback`) or telling
    them they have none. Private chats only."""
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None or await not_in_private(update, context):
        return None
    texts = texts_of(context)
    classes = await store_of(context).classes_of_instructor(user.id)
    klass = await choose_class(
        update,
        context,
        classes,
        callback=callback,
        prompt=texts(prompt),
        none=texts("checkin.view_no_classes"),
    )
    return None if klass is None else (chat.id, klass)


@requires("instructor")
async def checkins_command(update: Update, context: Context) -> None:
    """/checkins: the instructor's view of a class's check-ins (choose the class if several)."""
    chosen = await _chosen_class(update, context, CheckinReport, "checkin.view_pick_class")
    if chosen is not None:
        chat_id, klass = chosen
        await _show_view(context, chat_id, klass, None, None, chart=True)


# -- /export -----------------------------------------------------------------------------------


@requires("instructor")
async def export_command(update: Update, context: Context) -> None:
    """/export: a class's roster and check-ins as CSV files (choose the class if several)."""
    chosen = await _chosen_class(update, context, CheckinExport, "checkin.export_pick_class")
    if chosen is not None:
        chat_id, klass = chosen
        await _send_export(context, chat_id, klass, None)


async def _send_export(
    context: Context, chat_id: int, klass: ClassRecord, message_id: int | None, shown: object = None
) -> None:
    """Send a class's roster and check-ins as CSV documents (once: a double tap finds the
    pressed message saying they were sent, and sends nothing again)."""
    texts = texts_of(context)
    store = store_of(context)
    name = klass.get("name") or ""
    sent = texts("checkin.export_sent", class_name=name)
    if shown_already(shown, None, sent):
        return
    await edit_or_send(context, chat_id, message_id, sent, None)
    members = await store.members(klass["id"], active_only=False)
    checkins = await store.checkins(klass["id"])
    roster, answers = export_files(klass, members, checkins, texts)
    for file, key in ((roster, "export_roster_caption"), (answers, "export_checkins_caption")):
        await context.bot.send_document(
            chat_id, file.data, filename=file.name, caption=texts(f"checkin.{key}", class_name=name)
        )


# -- their buttons -----------------------------------------------------------------------------


@requires("instructor")
async def on_instructor_button(update: Update, context: Context) -> None:
    """The instructor's buttons: which class to view or export, which week to view.

    The class in the data is checked against storage (own_class): data can be forged. Views are
    only ever drawn in the private chat, never on a message in a group.
    """
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    texts = texts_of(context)
    pressed = parse(query.data, CheckinWeek, CheckinReport, CheckinExport)
    message_id = pressed_message_id(update)
    if not isinstance(query.message, Message) or query.message.chat.type != "private":
        await query.answer(texts.raw("checkin.stale_button"))
        return
    chat_id = query.message.chat.id
    klass = await own_class(context, user.id, pressed.class_id) if pressed is not None else None
    if pressed is None or klass is None:
        await query.answer(texts.raw("checkin.not_your_class"), show_alert=True)
        return
    if isinstance(pressed, CheckinWeek):
        schedule = schedule_of(context, klass)
        weeks = started_weeks(schedule, now_of(context.application)) if schedule else []
        if pressed.week not in weeks:
            await query.answer(texts.raw("checkin.stale_button"))
            return
        await query.answer()
        await _show_view(
            context, chat_id, klass, pressed.week, message_id, chart=False, shown=query.message
        )
    elif isinstance(pressed, CheckinReport):
        await query.answer()
        await _show_view(context, chat_id, klass, None, message_id, chart=True, shown=query.message)
    else:
        await query.answer()
        await _send_export(context, chat_id, klass, message_id, shown=query.message)


# -- registration --------------------------------------------------------------------------------


def handlers(app: App) -> list[BaseHandler]:
    """The handlers of this module: the instructor's commands and buttons."""
    return [
        CommandHandler("checkins", checkins_command),
        CommandHandler("export", export_command),
        CallbackQueryHandler(
            on_instructor_button, pattern=routes(CheckinWeek, CheckinReport, CheckinExport)
        ),
    ]
