"""Tests for domain/schedule.py: sessions across DST and year ends, due messages, quiet hours.

Everything is pure: "now" is passed in, nothing sleeps. DST dates used (2026):
Europe/London springs forward 29 Mar (01:00 -> 02:00) and falls back 25 Oct (02:00 -> 01:00);
America/New_York 8 Mar (02:00 -> 03:00) and 1 Nov (02:00 -> 01:00); Australia/Sydney falls back
5 Apr (03:00 -> 02:00) and springs forward 4 Oct (02:00 -> 03:00).
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.schedule import (
    GROUP_AND_PRIVATE,
    KINDS,
    PRIVATE,
    ClassSchedule,
    Due,
    Offsets,
    apply_quiet_hours,
    due_messages,
    next_session,
    pending,
    resolve_local,
    session_list,
)

HOUR = timedelta(hours=1)
WEEK = timedelta(weeks=1)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def by_key(dues: list[Due]) -> dict[tuple[str, int], Due]:
    return {due.key: due for due in dues}


# --- resolve_local and the DST rule ---------------------------------------------------------


@pytest.mark.parametrize(
    ("tz", "day", "gap_time", "expected_local"),
    [
        ("Europe/London", date(2026, 3, 29), time(1, 30), time(2, 30)),
        ("America/New_York", date(2026, 3, 8), time(2, 30), time(3, 30)),
        ("Australia/Sydney", date(2026, 10, 4), time(2, 30), time(3, 30)),
    ],
)
def test_time_in_spring_gap_moves_forward_by_the_gap(tz, day, gap_time, expected_local):
    resolved = resolve_local(day, gap_time, tz)
    assert resolved.tzinfo is UTC
    local = resolved.astimezone(ZoneInfo(tz))
    assert local.date() == day
    assert local.time() == expected_local


@pytest.mark.parametrize(
    ("tz", "day", "ambiguous", "expected_utc"),
    [
        # First occurrence = still summer time.
        ("Europe/London", date(2026, 10, 25), time(1, 30), utc(2026, 10, 25, 0, 30)),
        ("America/New_York", date(2026, 11, 1), time(1, 30), utc(2026, 11, 1, 5, 30)),
        ("Australia/Sydney", date(2026, 4, 5), time(2, 30), utc(2026, 4, 4, 15, 30)),
    ],
)
def test_ambiguous_time_takes_first_occurrence(tz, day, ambiguous, expected_utc):
    assert resolve_local(day, ambiguous, tz) == expected_utc


def test_resolve_local_ordinary_time():
    assert resolve_local(date(2026, 7, 1), time(10), "Europe/London") == utc(2026, 7, 1, 9)
    assert resolve_local(date(2026, 1, 1), time(10), "Europe/London") == utc(2026, 1, 1, 10)


def test_resolve_local_unknown_zone():
    with pytest.raises(ValueError, match="unknown time zone"):
        resolve_local(date(2026, 1, 1), time(10), "Mars/Olympus_Mons")


# --- session_list across DST ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("tz", "first", "change_after", "utc_shift"),
    [
        # Spring forward: same wall clock, one hour EARLIER in UTC.
        ("Europe/London", date(2026, 3, 15), 2, -HOUR),
        ("America/New_York", date(2026, 3, 1), 1, -HOUR),
        ("Australia/Sydney", date(2026, 9, 20), 2, -HOUR),
        # Fall back: one hour LATER in UTC.
        ("Europe/London", date(2026, 10, 11), 2, HOUR),
        ("America/New_York", date(2026, 10, 18), 2, HOUR),
        ("Australia/Sydney", date(2026, 3, 22), 2, HOUR),
    ],
)
def test_sessions_keep_wall_clock_across_dst(tz, first, change_after, utc_shift):
    s = ClassSchedule(tz=tz, first_date=first, start=time(10, 15))
    sessions = session_list(s)
    assert [x.number for x in sessions] == [1, 2, 3, 4, 5]
    for index, session in enumerate(sessions):
        assert session.local_start.date() == first + index * WEEK
        assert session.local_start.time() == time(10, 15)
        assert session.local_start.tzinfo == ZoneInfo(tz)
        assert session.start.tzinfo is UTC
        assert session.end - session.start == timedelta(minutes=60)
    gaps = [b.start - a.start for a, b in itertools.pairwise(sessions)]
    expected = [WEEK] * 4
    expected[change_after - 1] = WEEK + utc_shift
    assert gaps == expected


@pytest.mark.parametrize(
    ("tz", "first", "start", "dst_session", "expected_local"),
    [
        # A 01:30 London class: the 29 March session falls in the gap, runs at 02:30 BST.
        ("Europe/London", date(2026, 3, 15), time(1, 30), 3, time(2, 30)),
        ("America/New_York", date(2026, 3, 1), time(2, 30), 2, time(3, 30)),
        ("Australia/Sydney", date(2026, 9, 27), time(2, 0), 2, time(3, 0)),
        # Ambiguous hour: the wall-clock time is kept (first occurrence).
        ("Europe/London", date(2026, 10, 11), time(1, 30), 3, time(1, 30)),
        ("America/New_York", date(2026, 10, 25), time(1, 0), 2, time(1, 0)),
        ("Australia/Sydney", date(2026, 3, 29), time(2, 45), 2, time(2, 45)),
    ],
)
def test_session_inside_dst_change_resolves_as_documented(
    tz, first, start, dst_session, expected_local
):
    s = ClassSchedule(tz=tz, first_date=first, start=start, sessions=3)
    sessions = {x.number: x for x in session_list(s)}
    hit = sessions[dst_session]
    assert hit.local_start.time() == expected_local
    assert hit.start == resolve_local(hit.local_start.date(), start, tz)
    # The sessions either side keep the plain wall-clock time.
    for number, session in sessions.items():
        if number != dst_session:
            assert session.local_start.time() == start


def test_ambiguous_session_is_first_occurrence():
    s = ClassSchedule(tz="Europe/London", first_date=date(2026, 10, 25), start=time(1, 30))
    assert session_list(s)[0].start == utc(2026, 10, 25, 0, 30)  # 01:30 BST, not GMT


@pytest.mark.parametrize(
    ("tz", "first", "expected_dates"),
    [
        (
            "Europe/London",
            date(2026, 12, 17),
            [
                date(2026, 12, 17),
                date(2026, 12, 24),
                date(2026, 12, 31),
                date(2027, 1, 7),
                date(2027, 1, 14),
            ],
        ),
        (
            "Australia/Sydney",
            date(2026, 12, 30),
            [
                date(2026, 12, 30),
                date(2027, 1, 6),
                date(2027, 1, 13),
                date(2027, 1, 20),
                date(2027, 1, 27),
            ],
        ),
    ],
)
def test_across_year_end(tz, first, expected_dates):
    s = ClassSchedule(tz=tz, first_date=first, start=time(18, 30))
    sessions = session_list(s)
    assert [x.local_start.date() for x in sessions] == expected_dates
    assert all(x.local_start.time() == time(18, 30) for x in sessions)
    # No DST change over the new year in either zone: exactly a week apart in UTC too.
    assert all(b.start - a.start == WEEK for a, b in itertools.pairwise(sessions))


def test_year_end_due_messages_cross_into_new_year():
    s = ClassSchedule(tz="Europe/London", first_date=date(2026, 12, 31), start=time(10))
    dues = by_key(due_messages(s))
    assert dues[("reminder_day_before", 1)].at == utc(2026, 12, 30, 18)
    assert dues[("checkin_invite", 1)].at == utc(2027, 1, 3, 10)
    assert dues[("checkin_nudge", 1)].at == utc(2027, 1, 6, 10)


def test_day_before_reminder_on_day_after_dst_change():
    # The session is the first BST Sunday; the reminder is 18:00 GMT on the Saturday.
    s = ClassSchedule(tz="Europe/London", first_date=date(2026, 3, 29), start=time(10))
    dues = by_key(due_messages(s))
    assert dues[("reminder_day_before", 1)].at == utc(2026, 3, 28, 18)
    assert dues[("reminder_today", 1)].at == utc(2026, 3, 29, 7)  # 08:00 BST


# --- moved, cancelled, ended early ----------------------------------------------------------


def base(**kwargs: object) -> ClassSchedule:
    return ClassSchedule(tz="Europe/London", first_date=date(2026, 5, 4), start=time(10), **kwargs)


def test_moved_session_and_its_messages_follow_it():
    s = base(moved={3: datetime(2026, 5, 20, 14, 0)})  # Monday 18 -> Wednesday 20, 14:00
    sessions = {x.number: x for x in session_list(s)}
    assert sessions[3].local_start.replace(tzinfo=None) == datetime(2026, 5, 20, 14)
    assert sessions[3].start == utc(2026, 5, 20, 13)
    dues = by_key(due_messages(s))
    assert dues[("reminder_day_before", 3)].at == utc(2026, 5, 19, 17)  # 18:00 BST, Tuesday
    assert dues[("reminder_today", 3)].at == utc(2026, 5, 20, 11)
    assert dues[("summary", 3)].at == utc(2026, 5, 20, 15)
    assert dues[("checkin_invite", 3)].at == utc(2026, 5, 23, 13)
    # Session 2's window now runs until the moved session 3.
    assert dues[("summary", 2)].expires == sessions[3].start
    assert dues[("checkin_nudge", 2)].at == sessions[3].start - timedelta(days=1)


def test_moved_session_out_of_order():
    # Session 2 moved after session 3: order is by time, numbers are kept.
    s = base(moved={2: datetime(2026, 5, 21, 10)})
    assert [x.number for x in session_list(s)] == [1, 3, 2, 4, 5]
    dues = by_key(due_messages(s))
    assert dues[("summary", 3)].expires == resolve_local(date(2026, 5, 21), time(10), s.tz)


def test_moved_accepts_aware_datetime():
    aware = datetime(2026, 5, 20, 13, tzinfo=UTC)
    s = base(moved={3: aware})
    assert s.moved[3] == datetime(2026, 5, 20, 14)  # stored as local wall clock
    assert {x.number: x for x in session_list(s)}[3].start == aware


def test_moved_too_close_drops_useless_messages():
    # Session 2 moved to two days after session 1: the 3-day invitation would come after it.
    s = base(moved={2: datetime(2026, 5, 6, 10)})
    keys = {due.key for due in due_messages(s)}
    assert ("checkin_invite", 1) not in keys
    assert ("checkin_nudge", 1) not in keys
    assert ("summary", 1) in keys


def test_cancelled_session_gets_no_messages():
    s = base(cancelled=frozenset({3}))
    assert [x.number for x in session_list(s)] == [1, 2, 4, 5]
    dues = due_messages(s)
    assert all(due.session != 3 for due in dues)
    by = by_key(dues)
    session4 = resolve_local(date(2026, 5, 25), time(10), s.tz)
    assert by[("summary", 2)].expires == session4
    assert by[("checkin_nudge", 2)].at == session4 - timedelta(days=1)


def test_cancelled_last_session_moves_closing():
    s = base(cancelled={5})
    dues = by_key(due_messages(s))
    assert ("closing", 4) in dues
    assert ("closing", 5) not in dues
    assert all(due.session != 5 for due in dues.values())


@pytest.mark.parametrize("ended_after", [1, 3, 4])
def test_ended_early(ended_after):
    s = base(ended_after=ended_after)
    sessions = session_list(s)
    assert [x.number for x in sessions] == list(range(1, ended_after + 1))
    dues = due_messages(s)
    assert {due.session for due in dues} == set(range(1, ended_after + 1))
    closings = [due for due in dues if due.kind == "closing"]
    assert len(closings) == 1
    assert closings[0].session == ended_after
    assert closings[0].at == sessions[-1].end + timedelta(hours=2)
    by = by_key(dues)
    assert by[("checkin_nudge", ended_after)].at == sessions[-1].start + timedelta(days=6)


def test_ended_before_last_held_session_after_cancellation():
    s = base(cancelled={3}, ended_after=3)
    dues = due_messages(s)
    assert next(d for d in dues if d.kind == "closing").session == 2


@pytest.mark.parametrize(
    "kwargs", [{"ended_after": 0}, {"cancelled": frozenset({1, 2})}], ids=["ended", "all"]
)
def test_no_sessions_no_messages(kwargs):
    s = ClassSchedule(
        tz="Europe/London", first_date=date(2026, 5, 4), start=time(10), sessions=2, **kwargs
    )
    assert session_list(s) == []
    assert due_messages(s) == []
    assert next_session(s, utc(2026, 1, 1)) is None


# --- next_session ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (utc(2026, 1, 1), 1),
        (utc(2026, 5, 4, 8, 59), 1),
        (utc(2026, 5, 4, 9, 0), 2),  # session 1 just started: the next one is 2
        (utc(2026, 5, 4, 9, 30), 2),
        (utc(2026, 6, 1, 8, 59, 59), 5),
        (utc(2026, 6, 1, 9, 0), None),
    ],
)
def test_next_session(now, expected):
    found = next_session(base(), now)
    assert (found.number if found else None) == expected


def test_next_session_accepts_other_offsets_and_rejects_naive():
    tokyo = datetime(2026, 5, 4, 17, 59, tzinfo=ZoneInfo("Asia/Tokyo"))  # 08:59 UTC
    assert next_session(base(), tokyo).number == 1
    with pytest.raises(ValueError, match="aware"):
        next_session(base(), datetime(2026, 5, 4))


# --- due messages: kinds, order, audiences, expiry ------------------------------------------


def test_due_messages_complete_order_and_audience():
    s = base()
    sessions = session_list(s)
    dues = due_messages(s)
    # 5 sessions x (2 reminders, summary, invite, nudge) + one closing.
    assert len(dues) == 5 * 5 + 1
    assert dues == sorted(dues, key=lambda d: d.at)
    assert len({d.key for d in dues}) == len(dues)
    assert {d.kind for d in dues} == set(KINDS)
    for due in dues:
        assert due.at.tzinfo is not None
        assert due.expires is not None and due.at < due.expires
        expected = PRIVATE if due.kind.startswith("checkin") else GROUP_AND_PRIVATE
        assert due.audience == expected
    by = by_key(dues)
    for index, session in enumerate(sessions):
        n = session.number
        following = sessions[index + 1] if index + 1 < len(sessions) else None
        # Reminders stop being useful once the session starts.
        assert by[("reminder_day_before", n)].expires == session.start
        assert by[("reminder_today", n)].at == session.start - timedelta(hours=2)
        assert by[("reminder_today", n)].expires == session.start
        assert by[("summary", n)].at == session.end + HOUR
        assert by[("checkin_invite", n)].at == session.start + timedelta(days=3)
        if following:
            assert by[("summary", n)].expires == following.start
            assert by[("checkin_invite", n)].expires == following.start
            assert by[("checkin_nudge", n)].at == following.start - timedelta(days=1)
            assert by[("checkin_nudge", n)].expires == following.start
        else:
            assert by[("checkin_nudge", n)].at == session.start + timedelta(days=6)
    closing = by[("closing", 5)]
    assert closing.at == sessions[-1].end + timedelta(hours=2)
    assert closing.expires == closing.at + timedelta(days=14)


def test_every_session_messages_come_in_sequence():
    # Within one week: day-before < today < start < summary < invite < nudge < next day-before.
    s = base()
    by = by_key(due_messages(s))
    sessions = session_list(s)
    for index, session in enumerate(sessions[:-1]):
        n = session.number
        chain = [
            by[("reminder_day_before", n)].at,
            by[("reminder_today", n)].at,
            session.start,
            by[("summary", n)].at,
            by[("checkin_invite", n)].at,
            by[("checkin_nudge", n)].at,
            by[("reminder_day_before", sessions[index + 1].number)].at,
        ]
        assert chain == sorted(chain)
        assert len(set(chain)) == len(chain)


def test_custom_offsets_are_used():
    offsets = Offsets(
        reminder_day_before=time(9, 30),
        reminder_same_day_before=timedelta(minutes=30),
        summary_after=timedelta(0),
        checkin_after=timedelta(days=2),
        nudge_before_next=timedelta(hours=12),
        closing_after=timedelta(minutes=5),
    )
    s = base()
    by = by_key(due_messages(s, offsets))
    assert by[("reminder_day_before", 1)].at == utc(2026, 5, 3, 8, 30)
    assert by[("reminder_today", 1)].at == utc(2026, 5, 4, 8, 30)
    assert by[("summary", 1)].at == utc(2026, 5, 4, 10)
    assert by[("checkin_invite", 1)].at == utc(2026, 5, 6, 9)
    assert by[("checkin_nudge", 1)].at == utc(2026, 5, 10, 21)
    assert by[("closing", 5)].at == utc(2026, 6, 1, 10, 5)


def test_compact_offsets_seconds_apart():
    unit = timedelta(seconds=1)
    s = ClassSchedule(
        tz="Europe/London",
        first_date=date(2026, 5, 4),
        start=time(10, 0, 0),
        sessions=3,
        every=timedelta(seconds=10),
    )
    sessions = session_list(s)
    assert [x.start - sessions[0].start for x in sessions] == [
        timedelta(0),
        timedelta(seconds=10),
        timedelta(seconds=20),
    ]
    dues = due_messages(s, Offsets.compact(unit))
    t0 = sessions[0].start
    offsets = [((d.at - t0).total_seconds(), d.kind, d.session) for d in dues]
    assert offsets == [
        (-4, "reminder_day_before", 1),
        (-2, "reminder_today", 1),
        (1, "summary", 1),
        (3, "checkin_invite", 1),
        (5, "checkin_nudge", 1),
        (6, "reminder_day_before", 2),
        (8, "reminder_today", 2),
        (11, "summary", 2),
        (13, "checkin_invite", 2),
        (15, "checkin_nudge", 2),
        (16, "reminder_day_before", 3),
        (18, "reminder_today", 3),
        (21, "summary", 3),
        (22, "closing", 3),
        (23, "checkin_invite", 3),
        (25, "checkin_nudge", 3),
    ]
    assert all(d.at < d.expires for d in dues)


def test_compact_rejects_non_positive_unit():
    with pytest.raises(ValueError):
        Offsets.compact(timedelta(0))


# --- pending --------------------------------------------------------------------------------


def test_pending_excludes_sent_and_expired_keeps_future():
    s = base()
    dues = due_messages(s)
    now = utc(2026, 5, 4, 8, 30)  # 09:30 BST, half an hour before session 1
    sent = {("reminder_day_before", 1)}
    result = pending(dues, now, sent)
    keys = [d.key for d in result]
    assert ("reminder_day_before", 1) not in keys  # sent
    assert ("reminder_today", 1) in keys  # overdue (08:00 BST) but still useful
    assert ("summary", 5) in keys  # future: to schedule
    assert len(result) == len(dues) - 1


def test_pending_drops_reminder_once_session_started():
    s = base()
    dues = due_messages(s)
    start = session_list(s)[0].start
    keys_before = {d.key for d in pending(dues, start - timedelta(seconds=1), set())}
    keys_at = {d.key for d in pending(dues, start, set())}
    assert ("reminder_today", 1) in keys_before
    assert ("reminder_today", 1) not in keys_at
    assert ("reminder_day_before", 1) not in keys_at
    assert ("summary", 1) in keys_at


def test_pending_after_course_only_closing_window():
    s = base()
    dues = due_messages(s)
    closing = by_key(dues)[("closing", 5)]
    assert [d.key for d in pending(dues, closing.expires - timedelta(seconds=1), set())] == [
        ("closing", 5)
    ]
    assert pending(dues, closing.expires, set()) == []


def test_pending_with_no_expiry_and_naive_now():
    due = Due("summary", 1, utc(2026, 1, 1), GROUP_AND_PRIVATE, None)
    assert pending([due], utc(2030, 1, 1), set()) == [due]
    with pytest.raises(ValueError):
        pending([due], datetime(2030, 1, 1), set())


# --- quiet hours ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tz", "at", "expected"),
    [
        # 20:30 UTC in June: 21:30 in London (quiet, until 08:00 BST tomorrow)...
        ("Europe/London", utc(2026, 6, 1, 20, 30), utc(2026, 6, 2, 7)),
        # ...16:30 in New York (not quiet)...
        ("America/New_York", utc(2026, 6, 1, 20, 30), utc(2026, 6, 1, 20, 30)),
        # ...06:30 tomorrow in Sydney (quiet, after midnight: ends 08:00 the same local day).
        ("Australia/Sydney", utc(2026, 6, 1, 20, 30), utc(2026, 6, 1, 22)),
        # Window edges: start is quiet, end is not.
        ("Europe/London", utc(2026, 6, 1, 20, 0), utc(2026, 6, 2, 7)),
        ("Europe/London", utc(2026, 6, 2, 7, 0), utc(2026, 6, 2, 7, 0)),
        ("Europe/London", utc(2026, 6, 1, 19, 59), utc(2026, 6, 1, 19, 59)),
        # Just after midnight local in winter (GMT).
        ("Europe/London", utc(2026, 1, 10, 0, 5), utc(2026, 1, 10, 8)),
        # Over New Year's Eve: ends on 1 January.
        ("America/New_York", utc(2027, 1, 1, 3), utc(2027, 1, 1, 13)),
    ],
)
def test_quiet_hours_default_window(tz, at, expected):
    assert apply_quiet_hours(at, tz) == expected


def test_quiet_hours_window_not_crossing_midnight():
    start, end = time(13), time(15)
    assert apply_quiet_hours(utc(2026, 1, 5, 14), "Europe/London", start, end) == utc(
        2026, 1, 5, 15
    )
    assert apply_quiet_hours(utc(2026, 1, 5, 15), "Europe/London", start, end) == utc(
        2026, 1, 5, 15
    )
    assert apply_quiet_hours(utc(2026, 1, 5, 12), "Europe/London", start, end) == utc(
        2026, 1, 5, 12
    )


def test_quiet_hours_equal_start_and_end_means_none():
    at = utc(2026, 1, 5, 2)
    assert apply_quiet_hours(at, "Europe/London", time(22), time(22)) == at


def test_quiet_hours_end_in_spring_gap():
    # Quiet until 01:30 on the night London skips 01:00-02:00: the end becomes 02:30 BST.
    at = utc(2026, 3, 29, 0, 30)  # 00:30 GMT
    assert apply_quiet_hours(at, "Europe/London", time(23), time(1, 30)) == utc(2026, 3, 29, 1, 30)


def test_quiet_hours_never_moves_a_message_earlier_in_repeated_hour():
    # 01:10 GMT on 25 Oct is the second 01:10; the first 01:30 (BST) has already passed.
    at = utc(2026, 10, 25, 1, 10)
    assert apply_quiet_hours(at, "Europe/London", time(21), time(1, 30)) == at


def test_quiet_hours_result_is_utc_and_requires_aware():
    local = datetime(2026, 6, 1, 22, 0, tzinfo=ZoneInfo("Europe/London"))
    result = apply_quiet_hours(local, "Europe/London")
    assert result == utc(2026, 6, 2, 7)
    assert result.tzinfo is UTC
    with pytest.raises(ValueError):
        apply_quiet_hours(datetime(2026, 6, 1, 22), "Europe/London")


# --- validation and purity ------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"tz": "Nowhere/Town"},
        {"sessions": 0},
        {"sessions": 13},
        {"length_min": 0},
        {"moved": {6: datetime(2026, 5, 5, 10)}},
        {"cancelled": frozenset({0})},
        {"ended_after": 6},
        {"every": timedelta(0)},
    ],
)
def test_schedule_validation(kwargs):
    values = {"tz": "Europe/London", "first_date": date(2026, 5, 4), "start": time(10)}
    values.update(kwargs)
    with pytest.raises(ValueError):
        ClassSchedule(**values)


def test_schedule_is_immutable_and_comparable():
    moves = {2: datetime(2026, 5, 12, 10)}
    s = base(moved=moves, cancelled={4})
    moves[3] = datetime(2026, 5, 19, 10)  # the caller's dict changing must not leak in
    assert 3 not in s.moved
    assert isinstance(s.cancelled, frozenset)
    with pytest.raises(TypeError):
        s.moved[3] = datetime(2026, 5, 19, 10)  # type: ignore[index]
    assert s == base(moved={2: datetime(2026, 5, 12, 10)}, cancelled=frozenset({4}))


def test_schedule_module_imports_no_telegram_or_tinydb():
    code = (
        "import sys, domain.schedule; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('telegram', 'tinydb')]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
