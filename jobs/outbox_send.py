"""One delivery of the outbound queue (jobs/outbox.py): the chat it goes into, its pacing slot,
the Bot API call, and what Telegram's answer means for it (delivered, refused for good, tried
again at once, or retried later).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from telegram import InlineKeyboardMarkup, Message
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    RetryAfter,
    TelegramError,
)

from botdata import App
from jobs.outbox_entry import (
    BLOCKED,
    CANCELLED,
    DELIVERED,
    EXPIRED,
    FAILED,
    GROUP,
    UNLINKED,
    Entry,
    Item,
    JSONDict,
    SentHook,
    hooks_of,
    recipient_of,
)
from jobs.outbox_record import DeliveryRecorder
from jobs.pacing import BULK, TelegramRateLimiter
from jobs.timing import now_of
from storage.repo import Store

log = logging.getLogger(__name__)

#: A send held up this long waiting for deliveries to be recorded takes a new pacing slot.
REPACE_AFTER_S = 0.01
#: What `Courier.deliver` returns for a send to try again at once (a migrated group, a chat
#: Telegram asked to wait, an edit whose message is gone).
AGAIN = "again"


class Courier:
    """Sends one queued message to one recipient at a time, in the pace Telegram allows."""

    def __init__(
        self,
        app: App,
        *,
        mono: Callable[[], float],
        recorder: DeliveryRecorder,
        recovered: Callable[[], None],
    ) -> None:
        self.app = app
        self._mono = mono
        self._recorder = recorder  # the sent log's writes
        self._recovered = recovered  # a send got through: network waits may end
        self._starting = asyncio.Lock()  # see `deliver`
        self._groups: dict[str, int] = {}  # class id -> group chat id, as last seen

    @property
    def store(self) -> Store:
        """The repository."""
        return self.app.bot_data["store"]

    @property
    def limiter(self) -> TelegramRateLimiter | None:
        """The bot's rate limiter, when it is ours (tests may run without pacing)."""
        limiter = getattr(self.app.bot, "rate_limiter", None)
        return limiter if isinstance(limiter, TelegramRateLimiter) else None

    def chat_id(self, item: Item) -> int | None:
        """The chat an item goes into, as far as known (a group's as last seen)."""
        recipient = recipient_of(item.key)
        if recipient == GROUP:
            return self._groups.get(item.entry.class_id)
        with contextlib.suppress(ValueError):
            return int(recipient)
        return None

    async def deliver(self, item: Item) -> str | None:
        """One send; returns the outcome, `AGAIN` to retry at once, None after a network error."""
        entry = item.entry
        if now_of(self.app) >= entry.expires:
            return EXPIRED
        target = await self.store.outbox_holds(entry.class_id, entry.oid, item.key)
        if target is None:
            return CANCELLED  # the class, the entry or the person was deleted meanwhile
        recipient = recipient_of(item.key)
        if recipient == GROUP:
            group = target["group_chat_id"]
            if not group:
                return UNLINKED
            chat_id = int(group)
            self._groups[entry.class_id] = chat_id
        else:
            chat_id = int(recipient)
        limiter = self.limiter
        # One send at a time between taking its slot and starting its call, so sends held up
        # by a write cannot go at once and trip Telegram's limit.
        async with self._starting:
            while True:
                if limiter is not None:
                    # The slot is taken only now, right before the call: taken before the
                    # storage look-up above, the sends would reach Telegram bunched up.
                    await limiter.pacer.bulk()
                # Nothing Telegram confirmed may be unrecorded when a new message goes: a kill
                # -9 then resends at most what is in flight. A write takes milliseconds; should
                # it take longer, the slot has passed: it is given back (it was not used, so no
                # slot is lost) and a fresh one taken from now.
                held = self._mono()
                await self._recorder.recorded()
                if limiter is None or self._mono() - held < REPACE_AFTER_S:
                    break
                limiter.pacer.give_back()
        try:
            message = await self._call(entry, recipient, chat_id)
        except ChatMigrated as exc:
            # The group became a supergroup: follow it, and send there at once.
            await self.store.migrate_group(chat_id, exc.new_chat_id)
            self._groups[entry.class_id] = int(exc.new_chat_id)
            return AGAIN
        except RetryAfter:
            return AGAIN  # the limiter holds the chat; the worker comes back when it may
        except Forbidden as exc:
            if chat_id > 0:
                await self._unreachable(entry.class_id, chat_id)
            else:
                log.warning("A class group no longer accepts messages: %s", exc.message)
            return BLOCKED
        except BadRequest as exc:
            if entry.edit_message_id is not None:
                if "not modified" in exc.message.lower():
                    return await self._delivered(item, None)
                entry.edit_message_id = None  # the message is gone: send it as a new one
                return AGAIN
            log.warning("Telegram refused a queued message (%s): %s", entry.ref, exc.message)
            return FAILED
        except TelegramError as exc:
            # Time-outs, Telegram's 5xx, no network: worth another try, later.
            log.info("Queued message %s not sent yet: %s", entry.ref, exc.message)
            return None
        return await self._delivered(item, message)

    async def _delivered(self, item: Item, message: Message | None) -> str:
        """Telegram took it: record it, then run its kind's hook; the outcome is delivered."""
        entry = item.entry
        await self._recorder.record(entry.class_id, item.key)
        self._recovered()
        hook = hooks_of(entry).on_sent
        if hook is not None:
            # Run before the recipient counts as done: whoever waits for the entry (a class
            # pass) sees what the hook did (the group's reminder pinned), and the chat's next
            # message comes after it. `_on_sent` never raises: the send itself stands.
            await self._on_sent(hook, entry, item.key, message)
        return DELIVERED

    async def _on_sent(
        self,
        hook: SentHook,
        entry: Entry,
        key: str,
        message: Message | None,
    ) -> None:
        try:
            await hook(self.app, entry, key, message)
        except Exception:
            log.exception("A delivered message's follow-up failed (%s)", entry.ref)

    async def _call(self, entry: Entry, recipient: str, chat_id: int) -> Message | None:
        """The Bot API call itself, marked as a bulk send for the rate limiter."""
        bot = self.app.bot
        extra: JSONDict = {"rate_limit_args": BULK} if self.limiter is not None else {}
        markup = (
            InlineKeyboardMarkup.de_json(entry.markup, bot) if entry.markup is not None else None
        )
        text = entry.text
        render = hooks_of(entry).render
        if entry.render and render is not None:
            text = await render(self.app, entry)
        if entry.edit_message_id is not None:
            edited = await bot.edit_message_text(
                text or "",
                chat_id=chat_id,
                message_id=entry.edit_message_id,
                reply_markup=markup,
                **extra,
            )
            return edited if isinstance(edited, Message) else None
        silent = recipient in entry.silent
        if entry.photo is not None:
            return await bot.send_photo(
                chat_id,
                entry.photo,
                caption=text,
                reply_markup=markup,
                disable_notification=silent,
                **extra,
            )
        return await bot.send_message(
            chat_id, text or "", reply_markup=markup, disable_notification=silent, **extra
        )

    async def _unreachable(self, class_id: str, user_id: int) -> None:
        """Mark a member who blocked the bot as inactive, so later sends skip them.

        Only members are marked: the instructor's own chat (a delivery report) is not one.
        """
        store = self.store
        with contextlib.suppress(KeyError):  # the class was deleted meanwhile
            if await store.get_member(class_id, user_id) is not None:
                await store.update_member(class_id, user_id, {"active": False, "blocked": True})
