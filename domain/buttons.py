"""Every kind of inline button the bot shows, and what its callback data carries: one frozen
dataclass per kind, declared with its prefix on the bot's one codec (domain/callback_data.py).

Handlers and jobs build a button's data with `encode(Kind(...))`, route presses with
`routes(Kind, ...)` (or `family("jn")` for a feature's catch-all of outdated and forged
buttons), and read a press with `parse(data, Kind)`: the typed value, or None for anything
else, which the feature answers kindly.

A kind whose format changed says so with its version and keeps the heads of its earlier formats
(`old=`): the buttons renamed from the old two-letter codes ("ses:mv" is now "ses:move@1") are
still understood on every message sent before the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Literal, get_args

from domain.callback_data import Button, Codec, OneOf, Text, Whole
from domain.checkin_stats import AREAS, DAYS, RESPONSES

#: The bot's one codec: every kind below is declared on it.
CODEC = Codec()
encode = CODEC.encode
decode = CODEC.decode
parse = CODEC.parse
routes = CODEC.routes
family = CODEC.family
head = CODEC.head

# -- what fields hold --------------------------------------------------------------------------

#: A class id (storage.repo.new_code: url-safe base64).
ClassId = Annotated[str, Text(r"[A-Za-z0-9_-]{1,32}")]
#: A join code or a carer's invitation code (url-safe base64).
Code = Annotated[str, Text(r"[A-Za-z0-9_-]{1,32}")]
#: A session or week number.
Number = Annotated[int, Whole(99)]
#: The number of a stored record (a question, an announcement).
RecordNo = Annotated[int, Whole(999_999_999)]
#: A page of a list.
Page = Annotated[int, Whole(9999)]
#: A short code the feature checks against its own choices (an audience, a deadline).
Word = Annotated[str, Text(r"[a-z0-9-]{1,12}")]
#: A language code of a content pack.
Lang = Annotated[str, Text(r"[a-z]{2,3}")]
#: An IANA time zone name (checked again by the feature: data can be forged).
Zone = Annotated[str, Text(r"[A-Za-z0-9_+/-]{1,58}")]
#: An FAQ entry's id, or a category of the FAQ.
FaqId = Annotated[str, Text(r"[A-Za-z0-9_-]{1,40}")]

RsvpChoice = Literal["yes", "late", "no"]
#: A reminder's answers, in the order the buttons show them.
RSVP_ANSWERS: tuple[RsvpChoice, ...] = get_args(RsvpChoice)
FeedbackChoice = Literal["loved", "good", "mixed", "tell"]
#: The closing message's one-tap answers ("tell" is the button to write a few words).
FEEDBACK_ANSWERS: tuple[FeedbackChoice, ...] = get_args(FeedbackChoice)[:3]


@dataclass(frozen=True)
class OfClass(Button):
    """A button about one class, whose id comes first in its data (most buttons are)."""

    class_id: ClassId


# -- the course's own messages (jobs/course_messages.py) ------------------------------------------


@CODEC.kind("rsvp")
@dataclass(frozen=True)
class RsvpAnswer(OfClass):
    """An answer under a session reminder: coming, late or not (handlers/rsvp.py)."""

    session: Number
    answer: RsvpChoice


@CODEC.kind("ci:start")
@dataclass(frozen=True)
class CheckinStart(OfClass):
    """The check-in invitation's button, for one week (handlers/checkin.py)."""

    week: Number


@CODEC.kind("fb")
@dataclass(frozen=True)
class CourseFeedback(OfClass):
    """An answer under the closing message, or its "Tell <instructor>" (handlers/feedback.py)."""

    answer: FeedbackChoice


# -- the parent's check-in (handlers/checkin.py, handlers/checkin_screen.py) -------------------


@CODEC.kind("ci:pick")
@dataclass(frozen=True)
class CheckinPick(OfClass):
    """The class a /checkin is for, when the parent has several."""


@dataclass(frozen=True)
class CheckinStep(OfClass):
    """A button on the check-in message of one class and week (each step's kind below)."""

    week: Number


@CODEC.kind("ci:days", version=1, old=["ci:d"])
@dataclass(frozen=True)
class CheckinDays(CheckinStep):
    """How many days the parent practised."""

    days: Annotated[str, OneOf(DAYS)]


@CODEC.kind("ci:response", version=1, old=["ci:r"])
@dataclass(frozen=True)
class CheckinResponse(CheckinStep):
    """How the baby responded."""

    response: Annotated[str, OneOf(RESPONSES)]


@CODEC.kind("ci:area", version=1, old=["ci:a"])
@dataclass(frozen=True)
class CheckinArea(CheckinStep):
    """A body area practised, ticked or unticked."""

    area: Annotated[str, OneOf(AREAS)]


@CODEC.kind("ci:done")
@dataclass(frozen=True)
class CheckinDone(CheckinStep):
    """Done choosing areas."""


@CODEC.kind("ci:skip")
@dataclass(frozen=True)
class CheckinSkip(CheckinStep):
    """No note: save the check-in."""


@CODEC.kind("ci:ask")
@dataclass(frozen=True)
class CheckinAsk(CheckinStep):
    """The note is a question for the instructor."""


@CODEC.kind("ci:keep")
@dataclass(frozen=True)
class CheckinKeep(CheckinStep):
    """Keep the note of the earlier answers (when changing them)."""


@CODEC.kind("ci:later")
@dataclass(frozen=True)
class CheckinLater(CheckinStep):
    """Not now."""


# -- the instructor's check-in reports (handlers/checkin_reports.py) ----------------------------


@CODEC.kind("ci:week", version=1, old=["ci:v"])
@dataclass(frozen=True)
class CheckinWeek(OfClass):
    """One week of a class's check-ins."""

    week: Number


@CODEC.kind("ci:report", version=1, old=["ci:vc"])
@dataclass(frozen=True)
class CheckinReport(OfClass):
    """The class a /checkins is for (the current week, and the course as a chart)."""


@CODEC.kind("ci:export", version=1, old=["ci:x"])
@dataclass(frozen=True)
class CheckinExport(OfClass):
    """The class an /export is for."""


# -- a class's sessions (handlers/sessions.py) -------------------------------------------------


@CODEC.kind("ses:list")
@dataclass(frozen=True)
class SessionsList(OfClass):
    """The sessions screen of a class."""


@CODEC.kind("ses:move", version=1, old=["ses:mv"])
@dataclass(frozen=True)
class MoveSession(OfClass):
    """Move a session: ask for its new day and time."""

    session: Number


@CODEC.kind("ses:move-day", version=1, old=["ses:md"])
@dataclass(frozen=True)
class MoveToDay(OfClass):
    """A day tapped for a session's move."""

    session: Number
    day: date


@CODEC.kind("ses:move-ok", version=1, old=["ses:mvok"])
@dataclass(frozen=True)
class MoveConfirmed(OfClass):
    """Yes, move the session to this local time (carried here: nothing waits in memory)."""

    session: Number
    to: datetime


@CODEC.kind("ses:cancel", version=1, old=["ses:cx"])
@dataclass(frozen=True)
class CancelSession(OfClass):
    """Cancel a session: ask to confirm."""

    session: Number


@CODEC.kind("ses:cancel-ok", version=1, old=["ses:cxok"])
@dataclass(frozen=True)
class CancelConfirmed(OfClass):
    """Yes, cancel the session."""

    session: Number


@CODEC.kind("ses:end")
@dataclass(frozen=True)
class EndFromSessions(OfClass):
    """End the class early, from the sessions screen: ask to confirm."""


@CODEC.kind("ses:endok")
@dataclass(frozen=True)
class EndFromSessionsConfirmed(OfClass):
    """Yes, end it (keeping as many sessions as the confirm said)."""

    kept: Number


@CODEC.kind("ses:times")
@dataclass(frozen=True)
class ReminderTimes(OfClass):
    """The class's reminder times."""


@CODEC.kind("ses:day-before", version=1, old=["ses:tdb"])
@dataclass(frozen=True)
class DayBeforeTime(OfClass):
    """The evening-before reminder's local time, as HHMM (checked against the choices)."""

    at: Annotated[str, Text(r"[0-9]{4}")]


@CODEC.kind("ses:same-day", version=1, old=["ses:tsd"])
@dataclass(frozen=True)
class SameDayLead(OfClass):
    """How many minutes before a session its same-day reminder goes (checked likewise)."""

    minutes: Annotated[int, Whole(999)]


# -- /classes (handlers/classes.py, handlers/classlang.py, handlers/venue.py) -------------------


@CODEC.kind("cls:list")
@dataclass(frozen=True)
class ClassesList(Button):
    """Back to the list of one's classes."""


@CODEC.kind("cls:page")
@dataclass(frozen=True)
class ClassesPage(Button):
    """A page of the list of one's classes."""

    page: Page


@CODEC.kind("cls:show")
@dataclass(frozen=True)
class ClassShow(OfClass):
    """A class's details."""


@CODEC.kind("cls:link")
@dataclass(frozen=True)
class ClassLink(OfClass):
    """A class's join link, as a message of its own."""


@CODEC.kind("cls:end")
@dataclass(frozen=True)
class ClassEnd(OfClass):
    """End a class now: ask to confirm."""


@CODEC.kind("cls:endok")
@dataclass(frozen=True)
class ClassEndConfirmed(OfClass):
    """Yes, end it (keeping as many sessions as the confirm said; none given on old ones)."""

    kept: Number | None = None


@CODEC.kind("cls:del")
@dataclass(frozen=True)
class ClassDelete(OfClass):
    """Delete an ended class's data now: ask to confirm."""


@CODEC.kind("cls:delok")
@dataclass(frozen=True)
class ClassDeleteConfirmed(OfClass):
    """Yes, delete it."""


@CODEC.kind("clg")
@dataclass(frozen=True)
class ClassLanguage(OfClass):
    """A class's group language: the choice (without `lang`), or one chosen."""

    lang: Lang | None = None


@CODEC.kind("cvn:ask")
@dataclass(frozen=True)
class VenueAsk(OfClass):
    """Change a class's venue."""


@CODEC.kind("cvn:done")
@dataclass(frozen=True)
class VenueDone(OfClass):
    """Done with the venue: back to the class."""


@CODEC.kind("cvn:rm")
@dataclass(frozen=True)
class VenueRemove(OfClass):
    """Remove the class's venue."""


# -- /newclass (handlers/newclass.py) ----------------------------------------------------------


@CODEC.kind("nc:d")
@dataclass(frozen=True)
class FirstDay(Button):
    """The first session's day."""

    day: date


@CODEC.kind("nc:tz")
@dataclass(frozen=True)
class ZoneChosen(Button):
    """A time zone offered by name."""

    zone: Zone


@CODEC.kind("nc:pl")
@dataclass(frozen=True)
class PlaceChosen(Button):
    """One of the places a typed name may mean (they are kept in the draft)."""

    index: Number


@CODEC.kind("nc:n")
@dataclass(frozen=True)
class SessionCount(Button):
    """How many sessions."""

    count: Number


@CODEC.kind("nc:len")
@dataclass(frozen=True)
class SessionLength(Button):
    """How long each session is, in minutes."""

    minutes: Annotated[int, Whole(999)]


@CODEC.kind("nc:venue:skip")
@dataclass(frozen=True)
class VenueSkip(Button):
    """No venue for now."""


@CODEC.kind("nc:ok")
@dataclass(frozen=True)
class CreateClass(Button):
    """Create the class."""


@CODEC.kind("nc:lang")
@dataclass(frozen=True)
class GroupLanguage(Button):
    """The new class's group language, at the confirm."""

    lang: Lang


@CODEC.kind("nc:again")
@dataclass(frozen=True)
class StartAgain(Button):
    """Start the setup again."""


@CODEC.kind("nc:cancel")
@dataclass(frozen=True)
class CancelSetup(Button):
    """Cancel the setup."""


# -- joining and leaving (handlers/joining.py, carers.py, leaving.py) ---------------------------


@CODEC.kind("jn:ok")
@dataclass(frozen=True)
class JoinAgreed(Button):
    """ "I agree" under the consent text, for the class with this join code."""

    code: Code


@CODEC.kind("jn:no")
@dataclass(frozen=True)
class JoinDeclined(Button):
    """ "No thanks" under a consent text."""


@CODEC.kind("jn:skipname")
@dataclass(frozen=True)
class SkipName(Button):
    """Skip the baby's name."""


@CODEC.kind("jn:skipbirth")
@dataclass(frozen=True)
class SkipBirth(Button):
    """Skip the baby's birth date."""


@CODEC.kind("jn:rem")
@dataclass(frozen=True)
class RemindersWhere(Button):
    """Where reminders go: here (the private chat) or the class group only."""

    where: Literal["here", "group"]


@CODEC.kind("jn:car")
@dataclass(frozen=True)
class CarerClass(OfClass):
    """The class a carer invitation is for."""


@CODEC.kind("jn:cok")
@dataclass(frozen=True)
class CarerAgreed(Button):
    """ "I agree" under a carer's consent text."""

    code: Code


@CODEC.kind("jn:leave")
@dataclass(frozen=True)
class LeaveClass(OfClass):
    """The class to leave: ask to confirm."""


@CODEC.kind("jn:leaveok")
@dataclass(frozen=True)
class LeaveConfirmed(OfClass):
    """Yes, leave it."""


@CODEC.kind("jn:stay")
@dataclass(frozen=True)
class Stay(Button):
    """Stay in the class after all."""


# -- groups, help, privacy, language, settings -------------------------------------------------


@CODEC.kind("grp:link")
@dataclass(frozen=True)
class LinkGroup(OfClass):
    """The class a group is linked to (/link)."""


@CODEC.kind("help")
@dataclass(frozen=True)
class HelpPage(Button):
    """A page of /help: the parents' commands, or one's own tools."""

    page: Literal["parents", "tools"]


@CODEC.kind("pv:forget")
@dataclass(frozen=True)
class ForgetMe(Button):
    """/forgetme's answer."""

    answer: Literal["yes", "no"]


@CODEC.kind("lang")
@dataclass(frozen=True)
class ChooseLanguage(Button):
    """/language's choice."""

    lang: Lang


@CODEC.kind("crs:quiet", version=1, old=["crs:qh"])
@dataclass(frozen=True)
class QuietHours(Button):
    """A quiet-hours choice of /settings (checked against its choices)."""

    choice: Word


@CODEC.kind("crs:reminders", version=1, old=["crs:pr"])
@dataclass(frozen=True)
class PrivateReminders(Button):
    """Reminders in the private chat, turned on or off (/settings)."""

    turn: Literal["on", "off"]


# -- the course for parents and /weeknote (handlers/course.py, handlers/weeknote.py) -----------


@CODEC.kind("crs:next")
@dataclass(frozen=True)
class NextPick(OfClass):
    """The class a /next is for."""


@CODEC.kind("crs:ics")
@dataclass(frozen=True)
class CalendarFile(OfClass):
    """The course as a calendar file."""


@CODEC.kind("crs:lesson", version=1, old=["crs:ls"])
@dataclass(frozen=True)
class LessonPick(Button):
    """The class a /lesson is for, and its week (0: the current one)."""

    week: Number
    class_id: ClassId


@CODEC.kind("crs:wnc")
@dataclass(frozen=True)
class WeeknoteClass(OfClass):
    """The class a /weeknote is for."""


@CODEC.kind("crs:wnw")
@dataclass(frozen=True)
class WeeknoteWeek(OfClass):
    """The week a /weeknote is for."""

    week: Number


# -- questions: the FAQ and the instructor's replies (handlers/faq.py, handlers/handoff.py) ------


@CODEC.kind("faq:helpful", version=1, old=["faq:fb"])
@dataclass(frozen=True)
class FaqHelpful(Button):
    """Whether an answer helped."""

    faq_id: FaqId
    helpful: bool


@CODEC.kind("faq:show")
@dataclass(frozen=True)
class FaqShow(Button):
    """An FAQ entry."""

    faq_id: FaqId


@CODEC.kind("faq:cat")
@dataclass(frozen=True)
class FaqCategory(Button):
    """A category of the /faq menu."""

    category: FaqId


@CODEC.kind("faq:menu")
@dataclass(frozen=True)
class FaqMenu(Button):
    """Back to the /faq menu."""


@CODEC.kind("faq:pass")
@dataclass(frozen=True)
class FaqPass(Button):
    """ "None of these" / "Ask my instructor": pass the last question on."""


@CODEC.kind("q:reply")
@dataclass(frozen=True)
class ReplyToQuestion(OfClass):
    """The instructor's Reply under a passed-on question."""

    qid: RecordNo


# -- announcements (handlers/announce.py) ------------------------------------------------------


@CODEC.kind("ann:cls")
@dataclass(frozen=True)
class AnnounceClass(OfClass):
    """The class an announcement is for."""


@CODEC.kind("ann:aud")
@dataclass(frozen=True)
class AnnounceAudience(Button):
    """Who it goes to (checked against the audiences)."""

    audience: Word


@CODEC.kind("ann:now")
@dataclass(frozen=True)
class AnnounceNow(Button):
    """Send it now."""


@CODEC.kind("ann:later")
@dataclass(frozen=True)
class AnnounceLater(Button):
    """Schedule it: ask when."""


@CODEC.kind("ann:at")
@dataclass(frozen=True)
class AnnounceAt(Button):
    """A quick choice of when, in the class's local time."""

    at: datetime


@CODEC.kind("ann:x")
@dataclass(frozen=True)
class AnnounceCancel(Button):
    """Cancel the composer."""


@CODEC.kind("ann:del")
@dataclass(frozen=True)
class AnnounceDelete(OfClass):
    """Cancel a scheduled announcement (/announcements)."""

    aid: RecordNo


@CODEC.kind("ann:page")
@dataclass(frozen=True)
class AnnouncePage(Button):
    """A page of /announcements."""

    page: Page


@CODEC.kind("ann:dl")
@dataclass(frozen=True)
class AnnounceDeadline(OfClass):
    """How long an announcement is worth delivering (checked against the choices)."""

    aid: RecordNo
    choice: Word
