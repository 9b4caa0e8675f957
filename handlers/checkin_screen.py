"""The check-in message on screen: at each step, what was answered so far, the question and
its buttons (domain.buttons' CheckinStep kinds, naming the class and week; taken by
handlers/checkin.py), and the recap of a week's answers that /mycheckins and the thank-you show.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from content.texts import Html, Texts
from domain.buttons import (
    CheckinArea,
    CheckinAsk,
    CheckinDays,
    CheckinDone,
    CheckinKeep,
    CheckinLater,
    CheckinResponse,
    CheckinSkip,
    CheckinStep,
    encode,
)
from domain.checkin_stats import AREAS, DAYS, RESPONSES
from handlers.checkin_common import NOTE_PREVIEW, CheckinState, days_label, shorten
from storage.records import ClassRecord


def recap_text(
    texts: Texts, answers: Mapping[str, Any], *, areas: bool = True, note_limit: int = NOTE_PREVIEW
) -> Html:
    """The answers given so far, one line each (`areas` once that step was answered; never
    for a week without practice, which skips it)."""
    lines: list[str] = []
    days = answers.get("days")
    if days in DAYS:
        lines.append(texts("checkin.recap_days", days=days_label(texts, days)))
    if answers.get("response") in RESPONSES:
        label = texts.raw(f"checkin.response_{answers['response']}")
        lines.append(texts("checkin.recap_response", response=label))
    if areas and days in DAYS and days != "0":
        names = [texts.raw(f"checkin.area_{a}") for a in answers.get("areas") or () if a in AREAS]
        lines.append(
            texts("checkin.recap_areas", areas=", ".join(names) or texts.raw("checkin.none"))
        )
    if answers.get("note"):
        lines.append(texts("checkin.recap_note", note=shorten(answers["note"], note_limit)))
    return Html("\n".join(lines))


def _button(label: str, pressed: CheckinStep) -> InlineKeyboardButton:
    """A button of the check-in message."""
    return InlineKeyboardButton(label, callback_data=encode(pressed))


def render(
    texts: Texts, klass: ClassRecord, state: CheckinState
) -> tuple[Html, InlineKeyboardMarkup]:
    """The check-in message at its current step: what was answered so far, the question, and
    its buttons."""
    step, cid, week = state["step"], state["class_id"], state["week"]
    parts = [texts("checkin.header", week=state["week"], class_name=klass.get("name") or "")]
    rows: list[list[InlineKeyboardButton]]
    if step == "days":
        if state.get("changing"):
            parts.append(texts("checkin.changing"))
        parts.append(texts("checkin.ask_days"))
        rows = [
            [_button(days_label(texts, code), CheckinDays(cid, week, code)) for code in DAYS],
            [_button(texts.raw("checkin.later_button"), CheckinLater(cid, week))],
        ]
    else:
        recap = recap_text(texts, {**state, "note": None}, areas=step == "note")
        if recap:
            parts.append(recap)
        if step == "response":
            parts.append(texts("checkin.ask_response"))
            labels = [(texts.raw(f"checkin.response_{code}"), code) for code in RESPONSES]
            buttons = [_button(label, CheckinResponse(cid, week, code)) for label, code in labels]
            rows = [buttons[:2], buttons[2:]]
        elif step == "areas":
            parts.append(texts("checkin.ask_areas"))
            chosen = set(state.get("areas") or ())
            buttons = []
            for code in AREAS:
                label = texts.raw(f"checkin.area_{code}")
                if code in chosen:
                    label = texts.raw("checkin.selected").format(label=label)
                buttons.append(_button(label, CheckinArea(cid, week, code)))
            rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
            rows.append([_button(texts.raw("checkin.done_button"), CheckinDone(cid, week))])
        else:
            if state.get("ask"):
                parts.append(texts("checkin.ask_question"))
                rows = []
            else:
                key = "checkin.ask_note_zero" if state.get("days") == "0" else "checkin.ask_note"
                parts.append(texts(key))
                rows = [[_button(texts.raw("checkin.ask_button"), CheckinAsk(cid, week))]]
            if state.get("prev_note"):
                rows.append([_button(texts.raw("checkin.keep_button"), CheckinKeep(cid, week))])
            rows.append([_button(texts.raw("checkin.skip_button"), CheckinSkip(cid, week))])
    return Html("\n\n".join(parts)), InlineKeyboardMarkup(rows)
