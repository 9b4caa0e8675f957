"""The delivery report of an announcement, as the instructor reads it: where the delivery stands
(`Summary`: the group, who was reached, blocked the bot, failed, was not reached in time, is
still being tried) and its words, with first names, in the instructor's language and on the
class's clock. jobs/announcements.py sends it when the delivery settles, or while it is slow.
Also `excerpt`, the glimpse of an announcement's text that lists and notices show."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from content.dates import format_local
from content.texts import Html, Texts
from jobs.outbox_entry import (
    BLOCKED,
    CANCELLED,
    DELIVERED,
    EXPIRED,
    FAILED,
    UNLINKED,
    recipient_of,
)
from storage.records import AnnouncementRecord, AnnouncementReport, ClassRecord
from storage.repo import Store

#: Names listed per line of the report; the rest are counted ("and 12 more").
REPORT_NAMES = 30


_TAG_RE = re.compile(r"<[^>]*>")


def excerpt(text_html: str | None, limit: int = 80) -> str:
    """A short plain-text glimpse of an announcement's text (for lists), unescaped."""
    plain = html.unescape(_TAG_RE.sub("", text_html or ""))
    plain = " ".join(plain.split())
    return plain if len(plain) <= limit else plain[: limit - 1].rstrip() + "…"


async def blocked_members(store: Store, class_id: str) -> list[int]:
    """Members still in the class who had blocked the bot (Telegram told us so)."""
    return [
        int(m["user_id"])
        for m in await store.members(class_id, active_only=False)
        if m.get("blocked") and not m.get("left_at")
    ]


async def summarise(
    store: Store,
    klass: ClassRecord,
    ann: AnnouncementRecord,
    group_key: str,
    keys: Sequence[str],
    outcomes: Mapping[str, str],
    silent: frozenset[str],
    until: datetime | None = None,
    *,
    given_up: datetime | None = None,
) -> Summary:
    """Who the announcement reached, from its delivery's keys and outcomes (`until`: when it
    stops being tried, for a report while it is still sending; `given_up`: its deadline, for
    the final report)."""
    audience = str(ann.get("audience", "both"))
    private = [k for k in keys if k != group_key and outcomes.get(k) != CANCELLED]
    # Families who had blocked the bot before were not tried, but the report counts them: the
    # instructor should know who this did not reach.
    tried = {recipient_of(k) for k in keys}
    blocked_before = [
        uid
        for uid in (await blocked_members(store, str(klass["id"])) if audience != "group" else [])
        if str(uid) not in tried
    ]
    if audience == "private":
        group: str | None = None
    elif group_key not in keys:
        group = "unlinked"  # no group (any more) when it went out
    else:
        group = GROUP_STATUS.get(outcomes.get(group_key), "failed")

    def having(*states: str | None) -> list[int]:
        return [int(recipient_of(k)) for k in private if outcomes.get(k) in states]

    return Summary(
        audience=audience,
        group=group,
        total=len(private) + len(blocked_before),
        delivered=having(DELIVERED),
        silent=[u for u in having(DELIVERED) if str(u) in silent],
        blocked=having(BLOCKED) + blocked_before,
        failed=having(FAILED),
        expired=having(EXPIRED),
        pending=having(None),
        until=until,
        deadline=given_up,
    )


# Outbox outcomes of the group's delivery, as the report words them.
GROUP_STATUS: dict[str | None, str] = {
    DELIVERED: "delivered",
    BLOCKED: "blocked",
    UNLINKED: "unlinked",
    EXPIRED: "expired",
    None: "pending",
}


@dataclass(frozen=True)
class Summary:
    """Where a delivery stands: the group's status and who was reached, blocked, failed (refused
    for good), not reached by the deadline (expired), and (while it is still sending) who is
    still being tried."""

    audience: str
    # delivered | blocked | failed | expired | unlinked | pending; None: not asked for
    group: str | None
    total: int
    delivered: list[int]
    silent: list[int]
    blocked: list[int]
    failed: list[int]
    expired: list[int] = field(default_factory=list)
    pending: list[int] = field(default_factory=list)
    until: datetime | None = None  # while it is still sending: when it stops being tried
    deadline: datetime | None = None  # settled: its deadline, for those given up

    @property
    def settled(self) -> bool:
        """Whether no chat is still being tried."""
        return not self.pending and self.group != "pending"

    @property
    def complete(self) -> bool:
        """Settled, and every chat that accepts messages has it ("sent", not "partly sent")."""
        return (
            self.settled
            and not self.failed
            and not self.expired
            and self.group not in ("failed", "expired")
        )

    def counts(self) -> AnnouncementReport:
        """The stored report: numbers only (names go to the instructor, not into storage)."""
        return {
            "group": self.group,
            "total": self.total,
            "delivered": len(self.delivered),
            "silent": len(self.silent),
            "blocked": len(self.blocked),
            # Not reached in time counts as not delivered: the stored numbers keep their shape.
            "failed": len(self.failed) + len(self.expired),
        }


def names_of(ids: Iterable[int], names: dict[int, str], texts: Texts) -> str:
    """First names for the report (escaped later by the template), at most REPORT_NAMES."""
    ids = list(ids)
    shown = [names.get(uid) or texts.raw("announce.someone") for uid in ids[:REPORT_NAMES]]
    text = ", ".join(shown)
    if len(ids) > REPORT_NAMES:
        text += texts.raw("announce.and_more").format(count=len(ids) - REPORT_NAMES)
    return text


async def report_text(texts: Texts, store: Store, klass: ClassRecord, summary: Summary) -> Html:
    """The delivery report the instructor gets: group, delivered, blocked the bot, failed, and
    while it is still sending, how many are still being tried and until when."""
    names = {
        int(m["user_id"]): str(m.get("first_name") or "")
        for m in await store.members(klass["id"], active_only=False)
    }

    def local(at: datetime | None) -> str:
        # In the instructor's language, on the class's clock.
        return format_local(at, klass["tz"], texts) if at is not None else ""

    title = "announce.report_title" if summary.settled else "announce.report_title_sending"
    lines = [texts(title, class_name=klass.get("name", ""))]
    if summary.group is not None:
        lines.append(texts(f"announce.report_group_{summary.group}", until=local(summary.deadline)))
    if summary.audience in ("private", "both"):
        if summary.total == 0:
            lines.append(texts("announce.report_nobody"))
        else:
            lines.append(
                texts(
                    "announce.report_private",
                    delivered=len(summary.delivered),
                    total=summary.total,
                )
            )
            if summary.silent:
                lines.append(texts("announce.report_silent", count=len(summary.silent)))
    for status, ids in (
        ("blocked", summary.blocked),
        ("failed", summary.failed),
        ("expired", summary.expired),
    ):
        if ids:
            lines.append(
                texts(
                    f"announce.report_{status}",
                    count=len(ids),
                    names=names_of(ids, names, texts),
                    until=local(summary.deadline),
                )
            )
    if summary.pending:
        lines.append(
            texts(
                "announce.report_pending",
                count=len(summary.pending),
                names=names_of(summary.pending, names, texts),
                until=local(summary.until),
            )
        )
    return Html("\n\n".join(lines))
