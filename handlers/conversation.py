"""Conversations that survive a restart: the ONE mechanism every multi-step exchange uses.

Every conversation of the bot (joining, /newclass, moving a session, /announce, /weeknote, the
check-in, the instructor's reply to a passed-on question) is a `StoredConversation`: PTB's own
ConversationHandler, persistent, named. `StorePersistence` (PTB's BasePersistence over our
store) keeps, per person, the state of each conversation they are in and their `user_data`
(the drafts the steps build up) as one small record in their user shard, so a step's state and
its draft are always saved together (storage/repo/conversations.py).

When it is saved: `DurableApplication` saves what an update changed right after the update has
been handled, before it takes the next one (updates are handled one at a time). A stop (SIGTERM)
saves too, so after a restart, or a crash, the next message continues at the step the person was
at. The one window left is the millisecond or so between a step's answer going out and its save
returning: PTB knows a conversation's next state only once the step's callback has returned,
after it answered, so a crash in that instant loses that one step.

How long one lasts: each conversation has a `max_age` since the person's last step in it, after
which it is over. PTB's `conversation_timeout` is not used: it runs on in-memory jobs that a
restart loses. Instead a conversation older than its `max_age` is dropped with its drafts when
the bot starts, and one that ages while the bot runs ends when the person next writes, whose
message is then read as if no conversation were going on (a question, a command, ...).
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
from collections.abc import Callable, Coroutine, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import Update
from telegram.ext import Application, BasePersistence, ConversationHandler, PersistenceInput

from handlers.common import Context, texts_of
from storage.records import ConversationRecord
from storage.repo import Store

log = logging.getLogger(__name__)

#: One conversation's state in one chat: {"state": ..., "at": iso time of the last step}.
Entry = dict[str, Any]
Key = tuple[int | str, ...]

#: A conversation with no time limit of its own is over a day after the person's last step.
DEFAULT_MAX_AGE = timedelta(days=1)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _plain(value: Any) -> Any:
    """`value` as it will read back from storage (JSON: a tuple comes back as a list); raises
    TypeError or ValueError for what cannot be stored."""
    return json.loads(json.dumps(value, ensure_ascii=False))


def _parse_time(value: Any) -> datetime | None:
    try:
        at = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


class StorePersistence(BasePersistence[dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB's persistence over our store: conversation states and user_data, nothing else
    (bot_data holds live services, chat_data is unused, and button data keeps no state).

    It keeps a copy of every saved record in memory. PTB hands it changes (`update_*`); they
    are written by `flush`, one write per person changed, which `DurableApplication` calls after
    every update.
    """

    def __init__(self, store: Store) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=True, callback_data=False
            ),
            # DurableApplication saves after every update; PTB's own timer is left to pick up
            # what a scheduled job might change in between.
            update_interval=60,
        )
        self.store = store
        #: The clock conversation ages are measured with (tests move it on).
        self.clock: Callable[[], datetime] = _utc_now
        self._conversations: dict[str, StoredConversation] = {}
        self._records: dict[int, ConversationRecord] = {}
        self._loaded = False
        self._dirty: set[int] = set()
        self._lock = asyncio.Lock()

    # -- what the conversations ask ----------------------------------------------------------

    def register(self, conversation: StoredConversation) -> None:
        """Know a conversation by its name (its age limit, its drafts), before loading."""
        name = str(conversation.name)
        if name in self._conversations:
            raise ValueError(f"two conversations are named {name!r}")
        self._conversations[name] = conversation

    def conversations(self) -> list[StoredConversation]:
        """Every registered conversation."""
        return list(self._conversations.values())

    def chats_of(self, name: str, user_id: int) -> list[int]:
        """The chats in which this person is in the conversation `name`."""
        entries = self._records.get(user_id, {}).get("states", {}).get(name, {})
        return [int(chat) for chat in entries]

    def expired(self, name: str, key: Key) -> bool:
        """Whether the person's conversation `name` (in the chat of `key`) has outlived its
        max_age since their last step in it."""
        entry = self._entry(name, key)
        return entry is not None and self._is_expired(name, entry, self.clock())

    def touch(self, name: str, key: Key) -> None:
        """The person just took a step in the conversation: its age starts again (even when its
        state stays the same, as PTB's own timeout would)."""
        entry = self._entry(name, key)
        if entry is not None:
            entry["at"] = self.clock().isoformat(timespec="seconds")
            self._dirty.add(int(key[1]))

    def forget_state(self, name: str, key: Key) -> None:
        """Drop a conversation's saved state (it has ended)."""
        self._set_state(name, key, None)

    # -- loading -----------------------------------------------------------------------------

    async def _load(self) -> None:
        """Read every saved record once; drop the conversations that are over since (too old,
        or a conversation this version no longer has), with their drafts."""
        if self._loaded:
            return
        self._records = await self.store.conversation_records()
        self._loaded = True
        now = self.clock()
        for user_id, record in list(self._records.items()):
            for name, entries in list((record.get("states") or {}).items()):
                for chat, entry in list(entries.items()):
                    if self._is_expired(name, entry, now):
                        self._set_state(name, (int(chat), user_id), None)
                        conversation = self._conversations.get(name)
                        data = record.get("data") or {}
                        for draft in conversation.drafts if conversation else ():
                            data.pop(draft, None)
                        self._set_record(user_id, record)
        await self.flush()

    def _is_expired(self, name: str, entry: Entry, now: datetime) -> bool:
        conversation = self._conversations.get(name)
        at = _parse_time(entry.get("at"))
        return conversation is None or at is None or now - at > conversation.max_age

    # -- the record of one person ------------------------------------------------------------

    def _entry(self, name: str, key: Key) -> Entry | None:
        if len(key) != 2:
            return None
        chat, user_id = key
        entries = self._records.get(int(user_id), {}).get("states", {}).get(name, {})
        entry = entries.get(str(chat))
        return entry if isinstance(entry, dict) else None

    def _set_record(self, user_id: int, record: ConversationRecord) -> None:
        """Keep `record` as the person's (none when it holds nothing), to be written."""
        if not record.get("data"):
            record.pop("data", None)
        if not record.get("states"):
            record.pop("states", None)
        if record:
            self._records[user_id] = record
        else:
            self._records.pop(user_id, None)
        self._dirty.add(user_id)

    def _set_state(self, name: str, key: Key, state: object | None) -> None:
        if len(key) != 2:  # StoredConversation allows no other key
            raise ValueError(f"unexpected conversation key {key!r}")
        chat, user_id = str(key[0]), int(key[1])
        record = self._records.get(user_id, {})
        states = record.setdefault("states", {})
        entries = states.setdefault(name, {})
        if state is None:
            entries.pop(chat, None)
        else:
            entries[chat] = {
                "state": _plain(state),
                "at": self.clock().isoformat(timespec="seconds"),
            }
        if not entries:
            states.pop(name, None)
        self._set_record(user_id, record)

    # -- PTB's BasePersistence -----------------------------------------------------------------

    async def get_user_data(self) -> dict[int, dict[Any, Any]]:
        """Everyone's saved user_data (copies: PTB's live dicts are its own)."""
        await self._load()
        return {
            user_id: copy.deepcopy(record["data"])
            for user_id, record in self._records.items()
            if record.get("data")
        }

    async def get_conversations(self, name: str) -> dict[Key, object]:
        """The saved states of one conversation, by (chat, user)."""
        await self._load()
        found: dict[Key, object] = {}
        for user_id, record in self._records.items():
            for chat, entry in (record.get("states") or {}).get(name, {}).items():
                found[(int(chat), user_id)] = entry["state"]
        return found

    async def update_conversation(self, name: str, key: Key, new_state: object | None) -> None:
        """A conversation moved to `new_state` (None: it ended)."""
        self._set_state(name, key, new_state)

    async def update_user_data(self, user_id: int, data: dict[Any, Any]) -> None:
        """A person's user_data after an update: kept if it changed."""
        try:
            plain = _plain(data)
        except (TypeError, ValueError):
            # A programming error, not the person's: name the keys, never their values.
            log.error("user_data that cannot be saved, keys %s", sorted(map(str, data)))
            return
        record = self._records.get(user_id, {})
        if (record.get("data") or {}) == plain:
            return
        self._set_record(user_id, {**record, "data": plain})

    async def drop_user_data(self, user_id: int) -> None:
        """A person's user_data is gone (/forgetme)."""
        record = self._records.get(user_id)
        if record is not None and "data" in record:
            rest: ConversationRecord = {**record}
            del rest["data"]
            self._set_record(user_id, rest)

    async def flush(self) -> None:
        """Write the record of everyone whose conversations or user_data changed. A failed write
        is logged and tried again at the next flush; the bot carries on."""
        async with self._lock:
            if not self._dirty:
                return
            users, self._dirty = self._dirty, set()
            changes = {u: copy.deepcopy(self._records.get(u)) for u in sorted(users)}
            try:
                await self.store.set_conversation_records(changes)
            except Exception:
                self._dirty |= users
                log.exception(
                    "Could not save conversation state; will try again after the next update"
                )

    # Kept nowhere: bot_data holds live services, chat data and callback data are unused.
    async def get_chat_data(self) -> dict[int, dict[Any, Any]]:
        """No chat data is kept."""
        return {}

    async def get_bot_data(self) -> dict[Any, Any]:
        """bot_data is not kept (it holds the live store, settings and content)."""
        return {}

    async def get_callback_data(self) -> None:
        """Buttons carry their own data; nothing is kept."""
        return None

    async def update_chat_data(self, chat_id: int, data: dict[Any, Any]) -> None:
        """Not kept."""

    async def update_bot_data(self, data: dict[Any, Any]) -> None:
        """Not kept."""

    async def update_callback_data(self, data: Any) -> None:
        """Not kept."""

    async def drop_chat_data(self, chat_id: int) -> None:
        """Not kept."""

    async def refresh_user_data(self, user_id: int, user_data: dict[Any, Any]) -> None:
        """This process is the only writer: memory is always current."""

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[Any, Any]) -> None:
        """Not kept."""

    async def refresh_bot_data(self, bot_data: dict[Any, Any]) -> None:
        """Not kept."""


class StoredConversation(ConversationHandler[Context]):
    """A ConversationHandler that survives restarts (see the module's docstring), per person
    and chat, over `max_age` after the person's last step in it. `drafts` are the user_data
    keys it builds its answers in: they go with it when it ages out."""

    def __init__(
        self,
        app: Application[Any, Any, Any, Any, Any, Any],
        *,
        name: str,
        max_age: timedelta = DEFAULT_MAX_AGE,
        drafts: Iterable[str] = (),
        **kwargs: Any,
    ) -> None:
        persistence = app.persistence
        if not isinstance(persistence, StorePersistence):
            raise TypeError("StoredConversation needs an Application with a StorePersistence")
        if "conversation_timeout" in kwargs:
            raise ValueError("use max_age: PTB's conversation_timeout does not survive restarts")
        if kwargs.get("per_message") or not kwargs.get("per_chat", True):
            raise ValueError("stored conversations are kept per chat and person")
        if not kwargs.get("per_user", True):
            raise ValueError("stored conversations are kept per chat and person")
        super().__init__(name=name, persistent=True, **kwargs)
        self.max_age = max_age
        self.drafts = tuple(drafts)
        self._app = app
        self._persistence = persistence
        persistence.register(self)

    def check_update(self, update: object) -> Any:
        """PTB's check, after ending this person's conversation if it has aged out: their
        message is then read afresh (an entry point, or whatever else wants it)."""
        if isinstance(update, Update):
            chat, user = update.effective_chat, update.effective_user
            if chat is not None and user is not None:
                key = (chat.id, user.id)
                if self._persistence.expired(str(self.name), key):
                    self.end(key)
        return super().check_update(update)

    async def handle_update(
        self, update: Update, application: Any, check_result: Any, context: Any
    ) -> object | None:
        """PTB's handling; every step taken starts the conversation's age again."""
        try:
            return await super().handle_update(update, application, check_result, context)
        finally:
            self._persistence.touch(str(self.name), check_result[1])

    def end(self, key: Key) -> None:
        """End the conversation of `key` (chat, person) and drop its drafts."""
        # PTB has no public way to end a conversation from outside a step; `_update_state` is
        # what its own timeout uses.
        self._update_state(self.END, key)
        self._persistence.forget_state(str(self.name), key)
        data = self._app.user_data.get(int(key[1]))
        if data is not None and any(draft in data for draft in self.drafts):
            for draft in self.drafts:
                data.pop(draft, None)
            self._app.mark_data_for_update_persistence(user_ids=int(key[1]))

    def end_for(self, user_id: int) -> None:
        """End this conversation for a person, in whichever chat it is going on."""
        for chat in self._persistence.chats_of(str(self.name), user_id):
            self.end((chat, user_id))


class DurableApplication(Application[Any, Any, Any, Any, Any, Any]):
    """PTB's Application, saving what each update changed in conversations and user_data right
    after handling it, before it takes the next update (PTB alone saves once a minute)."""

    async def process_update(self, update: object) -> None:
        """Handle the update as PTB does, then save."""
        await super().process_update(update)
        if self.persistence is not None:
            await self.update_persistence()
            await self.persistence.flush()


def forget(app: Application[Any, Any, Any, Any, Any, Any], user_id: int) -> None:
    """/forgetme: end every conversation of the person and drop their user_data, so the save
    after this update deletes their record rather than writing it back."""
    persistence = app.persistence
    if isinstance(persistence, StorePersistence):
        for conversation in persistence.conversations():
            conversation.end_for(user_id)
    app.drop_user_data(user_id)


def cancel_with(
    draft: str, message_key: str = "core.cancelled"
) -> Callable[[Update, Context], Coroutine[Any, Any, int]]:
    """The /cancel fallback of a conversation that waits for typed text: drop its draft (the
    user_data key `draft`), say `message_key`, end. One shape for every such conversation."""

    async def cancel(update: Update, context: Context) -> int:
        """/cancel while typing: nothing is sent or changed."""
        if context.user_data is not None:
            context.user_data.pop(draft, None)
        if update.effective_message is not None:
            await update.effective_message.reply_text(texts_of(context)(message_key))
        return ConversationHandler.END

    return cancel
