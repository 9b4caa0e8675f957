"""What the outbound queue holds (jobs/outbox.py): a queued message (`Entry`), one recipient
of it still to deliver (`Item`), the outcomes a recipient's delivery ends in, and what each
kind of entry does around its delivery (`Hooks`, set with `register`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from telegram import Message
from telegram.ext import Application

from storage.records import OutboxEntry

#: A JSON object (a message's buttons, a kind's own data).
JSONDict = dict[str, Any]

#: The recipient part of keys into the class group (its chat id may change: it is looked up).
GROUP = "group"
#: Outcomes that end a recipient's delivery. Only refusals and expiry are stored with the entry;
#: "delivered" lives in the sent log; "cancelled" means the entry or person was deleted.
DELIVERED, BLOCKED, FAILED, EXPIRED, UNLINKED, CANCELLED = (
    "delivered",
    "blocked",
    "failed",
    "expired",
    "unlinked",
    "cancelled",
)


def recipient_of(key: str) -> str:
    """The recipient part of a sent-log key ("group" or a Telegram id)."""
    return key.rsplit(":", 1)[-1]


def iso(at: datetime) -> str:
    """A moment as stored with an entry (UTC, to the second)."""
    return at.astimezone(UTC).isoformat(timespec="seconds")


def parse_iso(value: object) -> datetime | None:
    """A stored moment read back (None when there is none; naive ones are UTC)."""
    if not value:
        return None
    parsed = datetime.fromisoformat(str(value))
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


@dataclass(eq=False)
class Entry:
    """One queued message (mirrors its stored document) and how far its delivery got."""

    class_id: str
    oid: int
    ref: str
    kind: str
    keys: list[str]
    text: str | None
    photo: str | None
    markup: JSONDict | None
    silent: frozenset[str]
    expires: datetime
    not_before: datetime | None
    edit_message_id: int | None
    render: bool
    meta: JSONDict
    outcomes: dict[str, str] = field(default_factory=dict)
    tried: set[str] = field(default_factory=set)
    first_pass: asyncio.Event = field(default_factory=asyncio.Event)
    settled: asyncio.Event = field(default_factory=asyncio.Event)
    settling: bool = False
    cancelled: bool = False

    @property
    def pending(self) -> list[str]:
        """Keys with no outcome yet."""
        return [k for k in self.keys if k not in self.outcomes]

    @property
    def done(self) -> bool:
        """Whether every recipient has an outcome."""
        return all(k in self.outcomes for k in self.keys)


@dataclass(eq=False)
class Item:
    """One (entry, recipient) still to deliver."""

    entry: Entry
    key: str
    attempts: int = 0
    network_wait: bool = False
    in_flight: bool = False
    finished: bool = False

    @property
    def chat(self) -> str:
        """The chat this goes into, as a token (a group is its class's)."""
        recipient = recipient_of(self.key)
        return f"g:{self.entry.class_id}" if recipient == GROUP else f"u:{recipient}"


def stored_entry(
    class_id: str, oid: int, doc: OutboxEntry, sent: frozenset[str], *, no_deadline: datetime
) -> Entry:
    """The entry a stored document is, its recipients already in the sent log delivered
    (`no_deadline` is when it expires if the document does not say)."""
    entry = Entry(
        class_id=class_id,
        oid=oid,
        ref=str(doc["ref"]),
        kind=str(doc.get("kind") or ""),
        keys=list(doc.get("keys", [])),
        text=doc.get("text"),
        photo=doc.get("photo"),
        markup=doc.get("markup"),
        silent=frozenset(str(s) for s in doc.get("silent", [])),
        expires=parse_iso(doc.get("expires")) or no_deadline,
        not_before=parse_iso(doc.get("not_before")),
        edit_message_id=doc.get("edit_message_id"),
        render=bool(doc.get("render")),
        meta=dict(doc.get("meta") or {}),
    )
    entry.outcomes.update(doc.get("outcomes") or {})
    for key in entry.keys:
        if key in sent:
            entry.outcomes.setdefault(key, DELIVERED)
    entry.tried.update(entry.outcomes)
    return entry


Hook = Callable[[Application, Entry], Awaitable[None]]
#: After one recipient got an entry: the app, the entry, the recipient's key, what Telegram sent.
SentHook = Callable[[Application, Entry, str, Message | None], Awaitable[None]]


@dataclass
class Hooks:
    """What an entry's kind does around its delivery (all optional)."""

    #: The text, made when it is sent (a report that counts what has arrived by then).
    render: Callable[[Application, Entry], Awaitable[str]] | None = None
    #: After one recipient got it, before it counts as delivered (e.g. remember the report's
    #: message id, pin the group's reminder).
    on_sent: SentHook | None = None
    #: Once every recipient has been tried once.
    on_first_pass: Hook | None = None
    #: Once every recipient has an outcome (before the entry is removed).
    on_settled: Hook | None = None


HOOKS: dict[str, Hooks] = {}


def register(kind: str, hooks: Hooks) -> None:
    """Set what entries of `kind` do around their delivery (modules call this at import)."""
    HOOKS[kind] = hooks


def hooks_of(entry: Entry) -> Hooks:
    """What the entry's kind does around its delivery (nothing, for a kind with no hooks)."""
    return HOOKS.get(entry.kind, Hooks())
