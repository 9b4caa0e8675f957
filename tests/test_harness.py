"""Tests of the test harness itself, driven by the real python-telegram-bot.

If these fail, every bot test built on :mod:`tests.support` is suspect, so they exercise the
exact paths the bot uses: polling through HTTP, error mapping to PTB exceptions, uploads, and
handler tests through :class:`RecordingRequest`.
"""

import asyncio
import datetime as dtm
import threading
import time
import warnings
from typing import Any

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from playground.app_runner import polling
from tests.support import updates as tg
from tests.support.fake_api import FakeBotApi
from tests.support.fake_request import RecordingRequest, check_html, check_markdown_v2

TOKEN = "123:ABC"

# PTB warns on every RetryAfter that retry_after will become a timedelta; irrelevant here.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*")


def retry_seconds(exc: RetryAfter) -> float:
    """Read RetryAfter.retry_after whether PTB returns int or timedelta."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


async def greet(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A trivial /start handler replying through the Message shortcut."""
    assert update.message is not None and update.effective_user is not None
    await update.message.reply_text(f"Hello {update.effective_user.first_name}!")


def app_for(api: FakeBotApi, *handlers: BaseHandler[Any, Any, Any]) -> Application:
    """Build an Application that talks HTTP to ``api``."""
    app = ApplicationBuilder().token(TOKEN).base_url(api.base_url).build()
    for handler in handlers:
        app.add_handler(handler)
    return app


# ---- FakeBotApi + real polling ----------------------------------------------------------------


async def test_polling_start_is_answered() -> None:
    """A polling Application answers /start through HTTP; offsets get confirmed."""
    async with FakeBotApi() as api:
        assert api.base_url.startswith("http://127.0.0.1:") and api.base_url.endswith("/bot")
        async with polling(app_for(api, CommandHandler("start", greet))):
            api.push_message(42, "/start", first_name="Maria")
            (reply,) = await api.wait_for("sendMessage", chat_id=42, timeout=5)
        assert reply.params["text"] == "Hello Maria!"
        assert reply.result["chat"]["first_name"] == "Maria"  # chat remembered from the update
        assert api.texts_to(42) == ["Hello Maria!"]
        methods = [call.method for call in api.calls]
        assert methods[:2] == ["getMe", "deleteWebhook"]
        assert "getUpdates" in methods
        assert api.tokens == {TOKEN}
        # PTB's shutdown getUpdates confirmed the offset, like on Telegram.
        assert api.pending_updates == []


async def test_group_command_with_bot_mention_and_stop_during_long_poll() -> None:
    """/cmd@bot in a supergroup works, and stopping does not wait out a long poll."""
    async with FakeBotApi() as api:
        app = app_for(api, CommandHandler("start", greet))
        started = time.monotonic()
        async with polling(app, timeout=20):  # a long poll is pending when we stop
            api.push_message(5, f"/start@{tg.BOT_USERNAME}", chat_id=-1001234, first_name="Eva")
            (reply,) = await api.wait_for("sendMessage", chat_id=-1001234, timeout=5)
        assert reply.params["text"] == "Hello Eva!"
        assert reply.result["chat"]["type"] == "supergroup"
        # Stopping must cancel the 20 s long poll rather than wait it out.
        assert time.monotonic() - started < 5


async def test_callback_button_press_on_recorded_message() -> None:
    """push_callback presses the keyboard of the bot's last recorded message."""

    async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Reply with a one-button inline keyboard."""
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="yes")]])
        await update.message.reply_text("Continue?", reply_markup=keyboard)  # type: ignore[union-attr]

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Answer the button press and edit the message."""
        query = update.callback_query
        assert query is not None
        await query.answer()
        await query.edit_message_text(f"You chose {query.data}")

    async with FakeBotApi() as api:
        handlers = (CommandHandler("menu", menu), CallbackQueryHandler(pressed))
        async with polling(app_for(api, *handlers)):
            api.push_command(42, "menu")
            (sent,) = await api.wait_for("sendMessage", chat_id=42, timeout=5)
            api.push_callback(42, "yes")  # lands on the bot's last message in chat 42
            (edit,) = await api.wait_for("editMessageText", chat_id=42, timeout=5)
            await api.wait_for("answerCallbackQuery", timeout=5)
        assert edit.params["message_id"] == sent.result["message_id"]
        assert edit.params["text"] == "You chose yes"
        assert sent.result["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "yes"


async def test_chat_member_updates_need_allowed_updates() -> None:
    """Like Telegram, chat_member updates only arrive when requested explicitly."""
    seen: list[str] = []
    handled = asyncio.Event()

    async def on_member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Record the new status of a chat_member update."""
        assert update.chat_member is not None
        seen.append(update.chat_member.new_chat_member.status)
        handled.set()

    handler = ChatMemberHandler(on_member, ChatMemberHandler.CHAT_MEMBER)
    async with FakeBotApi() as api:
        # Default allowed_updates: Telegram (and the fake) never deliver chat_member.
        async with polling(app_for(api, handler)):
            api.push_update(tg.chat_member_update_json(-100777, 5, "left", "member"))
            with pytest.raises(AssertionError, match="allowed_updates"):
                await api.wait_for("sendMessage", timeout=0.3)
        assert seen == []
        assert len(api.undelivered_updates) == 1

        async with polling(app_for(api, handler), allowed_updates=Update.ALL_TYPES):
            api.push_update(tg.chat_member_update_json(-100777, 5, "left", "member"))
            await asyncio.wait_for(handled.wait(), 5)
        assert seen == ["member"]


# ---- FakeBotApi + raw Bot: errors, uploads, concurrency -------------------------------------


async def test_injected_429_raises_retry_after_then_succeeds() -> None:
    """fail(429) maps to RetryAfter with the given retry_after; the next call works."""
    async with FakeBotApi() as api, Bot(TOKEN, base_url=api.base_url) as bot:
        api.fail("sendMessage", error_code=429, retry_after=1)
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(42, "hi")
        assert retry_seconds(caught.value) == 1
        message = await bot.send_message(42, "hi")
        assert message.text == "hi" and message.chat.id == 42
        assert [c.error_code for c in api.rejected] == [429]
        assert api.rejected[0].response["parameters"] == {"retry_after": 1}


async def test_rate_limit_mode_global_window_recovers_after_retry_after() -> None:
    """Over the per-second budget a send gets 429; after retry_after it goes through."""
    async with FakeBotApi() as api, Bot(TOKEN, base_url=api.base_url) as bot:
        api.rate_limit(per_second=2, per_chat_per_minute=None)
        await bot.send_message(1, "a")
        await bot.send_message(2, "b")
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(3, "c")
        await asyncio.sleep(retry_seconds(caught.value))
        await bot.send_message(3, "c")
        assert [call.params["text"] for call in api.sent] == ["a", "b", "c"]


async def test_rate_limit_mode_per_group_chat() -> None:
    """The per-group budget is per chat and leaves private chats alone."""
    async with FakeBotApi() as api, Bot(TOKEN, base_url=api.base_url) as bot:
        api.rate_limit(per_second=30, per_chat_per_minute=3)
        for n in range(3):
            await bot.send_message(-100555, f"group {n}")
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(-100555, "one too many")
        assert 55 <= retry_seconds(caught.value) <= 60
        # Private chats and other groups are not affected by that group's budget.
        await bot.send_message(42, "private is fine")
        await bot.send_message(-100556, "other group is fine")


async def test_aio_rate_limiter_retries_through_fake_429() -> None:
    """PTB's AIORateLimiter sleeps through the fake's 429 and retries."""
    async with FakeBotApi() as api:
        app = (
            ApplicationBuilder()
            .token(TOKEN)
            .base_url(api.base_url)
            .rate_limiter(AIORateLimiter(max_retries=1))
            .build()
        )
        async with app:
            api.fail("sendMessage", error_code=429, retry_after=1)
            await app.bot.send_message(42, "eventually")
        assert api.texts_to(42) == ["eventually"]
        assert len(api.rejected) == 1


async def test_forbidden_blocked_and_injected() -> None:
    """Blocked chats and injected 403s raise Forbidden."""
    async with FakeBotApi() as api, Bot(TOKEN, base_url=api.base_url) as bot:
        api.blocked(77)
        with pytest.raises(Forbidden, match="blocked by the user"):
            await bot.send_message(77, "hello?")
        api.unblocked(77)
        await bot.send_message(77, "hello again")

        api.fail("sendPhoto", error_code=403, description="bot was kicked", chat_id=-100)
        with pytest.raises(Forbidden, match="Forbidden: bot was kicked"):
            await bot.send_photo(-100, photo="AgACknownFileId")
        assert api.texts_to(77) == ["hello again"]


async def test_bad_requests_telegram_would_reject() -> None:
    """Markup, length, button and edit mistakes fail as they would on Telegram."""
    async with FakeBotApi() as api, Bot(TOKEN, base_url=api.base_url) as bot:
        with pytest.raises(BadRequest, match=r'(?i)unsupported start tag "br"'):
            await bot.send_message(42, "line<br>line", parse_mode="HTML")
        # PTB strips "Bad Request: " and str.capitalize()s the rest, hence (?i) in matches.
        with pytest.raises(BadRequest, match="reserved"):
            await bot.send_message(42, "Done.", parse_mode="MarkdownV2")
        with pytest.raises(BadRequest, match="too long"):
            await bot.send_message(42, "x" * 4097)
        long_data = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
        with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
            await bot.send_message(42, "pick", reply_markup=long_data)
        api.fail("sendMessage", error_code=400, migrate_to_chat_id=-100999)
        with pytest.raises(ChatMigrated) as migrated:
            await bot.send_message(-5, "old group")
        assert migrated.value.new_chat_id == -100999
        sent = await bot.send_message(42, "<b>fine</b> &amp; dandy", parse_mode="HTML")
        assert sent.text == "fine & dandy"  # Telegram returns the parsed text
        with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
            await sent.edit_text("<b>fine</b> &amp; dandy", parse_mode="HTML")


async def test_uploads_are_recorded_with_bytes_and_filename() -> None:
    """Multipart uploads are decoded: bytes in params, filename in files."""
    async with FakeBotApi() as api, Bot(TOKEN, base_url=api.base_url) as bot:
        photo = await bot.send_photo(42, photo=b"\x89PNG fake", filename="pic.png", caption="Look")
        doc = await bot.send_document(42, document=b"%PDF-1.4", filename="notes.pdf")
        copy = await bot.copy_message(43, from_chat_id=42, message_id=doc.message_id)
        photo_call, doc_call, copy_call = api.sent
        assert photo_call.params["photo"] == b"\x89PNG fake"
        assert photo_call.files["photo"].filename == "pic.png"
        assert photo_call.params["caption"] == "Look" and photo_call.params["chat_id"] == 42
        assert photo.photo[-1].file_size == len(b"\x89PNG fake") and photo.caption == "Look"
        assert doc_call.files["document"].filename == "notes.pdf"
        assert doc.document is not None and doc.document.file_name == "notes.pdf"
        assert copy.message_id > doc.message_id and copy_call.params["from_chat_id"] == 42
        assert api.texts_to(42) == ["Look"]


async def test_many_concurrent_keep_alive_requests() -> None:
    """100 concurrent sends over PTB's httpx pool are all served and recorded."""
    async with FakeBotApi() as api:
        app = ApplicationBuilder().token(TOKEN).base_url(api.base_url).build()
        async with app:
            await asyncio.gather(*(app.bot.send_message(n, f"n{n}") for n in range(1, 101)))
        assert len(api.sent) == 100
        assert {call.params["chat_id"] for call in api.sent} == set(range(1, 101))


async def test_wait_for_timeout_lists_received_calls() -> None:
    """A wait_for timeout is bounded and says what did arrive."""
    async with FakeBotApi() as api, Bot(TOKEN, base_url=api.base_url) as bot:
        await bot.send_message(42, "something else")
        started = time.monotonic()
        with pytest.raises(AssertionError) as caught:
            await api.wait_for("sendMessage", chat_id=42, text_contains="welcome", timeout=0.2)
        assert time.monotonic() - started < 2
        assert "sendMessage chat_id=42 text='something else'" in str(caught.value)


def test_sync_usage_from_a_script() -> None:
    """A benchmark script: server in its thread, bot in another, main thread waits."""
    api = FakeBotApi().start()
    try:

        def run_bot() -> None:
            """Run a bot with its own event loop, as a separate bot process would."""

            async def main() -> None:
                """Send one message."""
                async with Bot(TOKEN, base_url=api.base_url) as bot:
                    await bot.send_message(42, "from the script")

            asyncio.run(main())

        worker = threading.Thread(target=run_bot)
        worker.start()
        (call,) = api.wait_for_sync("sendMessage", chat_id=42, timeout=5)
        worker.join(5)
        assert call.params["text"] == "from the script"
    finally:
        api.stop()
    assert not api.running


# ---- RecordingRequest: handler tests without HTTP ------------------------------------------


async def test_recording_request_handler_reply() -> None:
    """process_update through RecordingRequest reaches the handler and records the reply."""
    request = RecordingRequest()
    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .request(request)
        .get_updates_request(RecordingRequest(request.simulator))
        .build()
    )
    app.add_handler(CommandHandler("start", greet))
    await app.initialize()
    try:
        assert app.bot.username == tg.BOT_USERNAME
        await app.process_update(tg.private_message(42, "/start", first_name="Maria", bot=app.bot))
    finally:
        await app.shutdown()
    assert request.methods() == ["getMe", "sendMessage"]
    assert request.texts(42) == ["Hello Maria!"]
    assert request.sent("sendMessage", chat_id=42)[0]["chat_id"] == 42


async def test_recording_request_fail_next_reaches_error_handler() -> None:
    """fail_next makes exactly one reply raise Forbidden into the error handler."""
    errors: list[object] = []

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Collect errors raised by handlers."""
        errors.append(context.error)

    request = RecordingRequest()
    app = ApplicationBuilder().token(TOKEN).request(request).get_updates_request(request).build()
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, greet))
    app.add_error_handler(on_error)
    async with app:
        request.fail_next("sendMessage")
        await app.process_update(tg.private_message(42, "hi", bot=app.bot))
        await app.process_update(tg.private_message(42, "hi again", bot=app.bot))
    assert len(errors) == 1 and isinstance(errors[0], Forbidden)
    assert request.texts(42) == ["Hello Ana!"]
    request.reset()
    assert request.calls == []


async def test_recording_request_uploads() -> None:
    """RecordingRequest records uploads like the HTTP fake does."""
    request = RecordingRequest()
    async with Bot(TOKEN, request=request, get_updates_request=request) as bot:
        await bot.send_document(-100, document=b"data", filename="plan.txt", caption="Plan")
    (call,) = request.calls[1:]
    assert call.params["document"] == b"data"
    assert call.files["document"].filename == "plan.txt"
    assert call.params["chat_id"] == -100 and call.params["caption"] == "Plan"


# ---- update builders ---------------------------------------------------------------------


def test_builders_match_what_ptb_parses() -> None:
    """The update builders produce JSON PTB parses into the expected objects."""
    update = tg.group_message(-100123, 7, "👋 /help@iaim_test_bot now @teacher_ana")
    message = update.message
    assert message is not None and message.chat.type == "supergroup"
    entities = message.parse_entities()
    assert sorted(entities.values()) == ["/help@iaim_test_bot", "@teacher_ana"]
    # The emoji is two UTF-16 units, so the command starts at offset 3, not 2.
    assert message.entities[0].offset == 3

    first, second = tg.private_message(1, "a"), tg.private_message(1, "b")
    assert second.update_id == first.update_id + 1
    assert first.effective_user.id == first.effective_chat.id == 1  # type: ignore[union-attr]

    query = tg.callback_query(5, "pay", message_chat_id=-42, message_id=9)
    assert query.callback_query.message.chat.type == "group"  # type: ignore[union-attr]
    assert query.callback_query.message.message_id == 9  # type: ignore[union-attr]

    joined = tg.new_chat_members_message(-42, [tg.BOT_ID], by_user_id=5)
    assert joined.message.new_chat_members[0].username == tg.BOT_USERNAME  # type: ignore[union-attr]

    blocked = tg.my_chat_member_update(5, 5, "member", "kicked")
    assert blocked.my_chat_member.new_chat_member.status == "kicked"  # type: ignore[union-attr]
    assert blocked.my_chat_member.chat.type == "private"  # type: ignore[union-attr]

    promoted = tg.chat_member_update(-100123, 8, "member", "administrator", by_user_id=7)
    assert promoted.chat_member.new_chat_member.status == "administrator"  # type: ignore[union-attr]
    restricted = tg.chat_member_update(-100123, 8, "member", "restricted")
    assert restricted.chat_member.new_chat_member.status == "restricted"  # type: ignore[union-attr]

    migrated = tg.migrate_message(-42, -100042)
    assert migrated.message.migrate_to_chat_id == -100042  # type: ignore[union-attr]
    assert tg.photo_message(5).message.photo  # type: ignore[union-attr]
    assert tg.sticker_message(5, chat_id=-42).message.sticker.emoji == "👍"  # type: ignore[union-attr]


def test_markup_checks() -> None:
    """The HTML/MarkdownV2 checks accept valid markup and reject typical mistakes."""
    assert check_html("<b>bold <i>both</i></b> &lt;3") is None
    assert check_html("a <b>b") == 'Can\'t find end tag corresponding to start tag "b"'
    assert "Unmatched end tag" in (check_html("<b><i>x</b></i>") or "")
    assert check_markdown_v2(r"*Hi* \- see [site](https://e.com/a_b)\.") is None
    assert check_markdown_v2("(x)") is not None
    assert "Bold" in (check_markdown_v2("*unclosed") or "")
