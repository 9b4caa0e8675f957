"""Ending a class early, the one implementation for both its buttons: "End class" under /classes
and "End the class early" on the sessions screen. The class keeps the unbroken run of sessions
that already started; nothing later stays scheduled."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from telegram import Update

from content.texts import Html, Texts
from domain.buttons import (
    Button,
    ClassEndConfirmed,
    ClassShow,
    EndFromSessionsConfirmed,
    SessionsList,
)
from domain.schedule import session_list
from handlers.class_view import delete_on, keyboard
from handlers.common import Context, settings_of, store_of, texts_of
from handlers.ui import show_in_place
from jobs.course import reschedule_class
from jobs.timing import now_of, schedule_for, unit_of
from storage.records import ClassRecord


def ended_after_now(klass: ClassRecord, now: datetime, unit: timedelta | None = None) -> int:
    """The session number an early end keeps: the last of the unbroken run of sessions that
    already started (0 if none). Later ones, even a moved one that already ran, don't count:
    nothing may stay scheduled after the end."""
    unended: ClassRecord = {**klass, "ended_after": None}
    schedule = schedule_for(unended, unit)
    kept = 0
    for session in sorted(session_list(schedule), key=lambda s: s.number):
        if session.start > now:
            break
        kept = session.number
    return kept


#: Where an End button was pressed: under /classes (ClassEnd) or on the sessions screen
#: (EndFromSessions, handlers/sessions.py routes it here).
EndVia = Literal["cls", "ses"]


def _end_effect(texts: Texts, klass: ClassRecord, kept: int) -> Html:
    """What ending now means for the sessions: none held yet, some dropped, or all held."""
    total = int(klass.get("sessions") or 0)
    if kept == 0:
        return texts("newclass.end_none_held")
    if kept >= total:
        return texts("newclass.end_all_held", sessions=total)
    if kept + 1 == total:
        return texts("newclass.end_drops_one", first=total)
    return texts("newclass.end_drops", first=kept + 1, last=total)


def _end_buttons(via: EndVia, class_id: str, kept: int) -> tuple[Button, Button]:
    """The confirm's Yes and Keep buttons: Yes carries how many sessions are kept; Keep goes
    back where the instructor came from."""
    if via == "ses":
        return EndFromSessionsConfirmed(class_id, kept), SessionsList(class_id)
    return ClassEndConfirmed(class_id, kept), ClassShow(class_id)


async def ask_end(
    update: Update, context: Context, klass: ClassRecord, via: EndVia, *, again: bool = False
) -> None:
    """Ask to confirm ending a class now, saying which sessions won't happen. `via` is the
    screen the End button was on: /classes ("cls") or the sessions screen ("ses"); `again`
    when the earlier confirm no longer holds (a session has started since)."""
    query = update.callback_query
    assert query is not None
    texts = texts_of(context)
    if klass.get("ended"):  # e.g. pressed twice
        await query.answer(texts.raw("newclass.already_ended"), show_alert=True)
        return
    app = context.application
    kept = ended_after_now(klass, now_of(app), unit_of(app))
    text = texts(
        "newclass.confirm_end",
        name=klass["name"],
        what=_end_effect(texts, klass, kept),
        days=settings_of(context).retention_days,
    )
    yes, back = _end_buttons(via, klass["id"], kept)
    markup = keyboard(texts, [("end_yes", yes), ("keep_button", back)])
    if again:
        await query.answer(texts.raw("newclass.end_changed"), show_alert=True)
    else:
        await query.answer()
    await show_in_place(query, text, markup)


async def end_class(
    update: Update, context: Context, klass: ClassRecord, confirmed: int | None, via: EndVia
) -> None:
    """End a class now: it keeps the unbroken run of sessions that already started (the course
    jobs then send the closing after the last of them), and nothing later stays scheduled.

    `confirmed` is the number of kept sessions the confirm showed (None from an older button
    that did not carry it); if another session has started since, the confirm is shown again.
    """
    query = update.callback_query
    assert query is not None
    texts = texts_of(context)
    if klass.get("ended"):  # pressed twice
        await query.answer(texts.raw("newclass.already_ended"), show_alert=True)
        return
    app = context.application
    now = now_of(app)
    kept = ended_after_now(klass, now, unit_of(app))
    if confirmed is not None and confirmed != kept:
        await ask_end(update, context, klass, via, again=True)
        return
    klass = await store_of(context).update_class(
        klass["id"],
        {"ended": True, "ended_at": now.isoformat(timespec="seconds"), "ended_after": kept},
    )
    await reschedule_class(app, klass["id"])
    await query.answer()
    what = texts("newclass.ended_closing" if kept else "newclass.ended_nothing_more")
    await show_in_place(
        query,
        texts(
            "newclass.ended",
            name=klass["name"],
            what=what,
            delete_on=delete_on(context, klass),
        ),
    )
