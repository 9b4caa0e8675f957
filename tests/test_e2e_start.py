"""End to end: the real `python bot.py run` process against the fake Bot API over loopback HTTP."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import httpx

from tests.support import updates as tg
from tests.support.fake_api import FakeBotApi
from tests.support.process import BotProcess


async def test_start_is_answered_and_sigterm_stops_cleanly(tmp_path: Path) -> None:
    async with FakeBotApi() as api:
        with BotProcess(api.base_url, tmp_path / "data") as bot:
            api.push_message(4242, "/start", first_name="Ana")
            (reply,) = await api.wait_for("sendMessage", chat_id=4242, timeout=30)
            assert "Ana" in reply.text
            assert bot.terminate() == 0, bot.log()
        assert "123456:E2E" not in bot.log(), "the token must never reach the log"


async def test_a_second_copy_on_the_same_data_refuses_to_start(tmp_path: Path) -> None:
    async with FakeBotApi() as api:
        with BotProcess(api.base_url, tmp_path / "data") as first:
            api.push_message(4242, "/start")
            await api.wait_for("sendMessage", chat_id=4242, timeout=30)
            second = BotProcess(api.base_url, tmp_path / "data").start()
            assert second.wait() == 2
            assert "already using DATA_DIR" in second.log()
            assert first.terminate() == 0, first.log()


async def test_a_damaged_data_file_stops_the_start_and_is_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "global.json").write_text('{"meta": {"1": {"schema_')
    async with FakeBotApi() as api:
        bot = BotProcess(api.base_url, data).start()
        assert bot.wait() == 2
        assert "global.json" in bot.log() and "damaged" in bot.log()
    assert (data / "global.json").read_text() == '{"meta": {"1": {"schema_'


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _until_listening(port: int, bot: BotProcess) -> None:
    """Wait (bounded) until the bot's webhook server accepts connections: python-telegram-bot
    registers the webhook with Telegram *before* its server listens, so the setWebhook call
    alone does not mean the port is open yet. Nothing else signals it, hence the polling."""
    try:
        async with asyncio.timeout(30):
            while True:
                try:
                    _, writer = await asyncio.open_connection("127.0.0.1", port)
                except OSError:
                    await asyncio.sleep(0.05)
                    continue
                writer.close()
                await writer.wait_closed()
                return
    except TimeoutError:
        raise AssertionError(f"the webhook port never opened:\n{bot.log()}") from None


async def test_webhook_mode_registers_and_answers_updates_with_the_secret(
    tmp_path: Path,
) -> None:
    port = _free_port()
    async with FakeBotApi() as api:
        env = {
            "WEBHOOK_URL": "https://bot.example.org/telegram",
            "WEBHOOK_PORT": str(port),
            "WEBHOOK_SECRET": "s3cret-value",
        }
        with BotProcess(api.base_url, tmp_path / "data", **env) as bot:
            (registered,) = await api.wait_for("setWebhook", timeout=30)
            assert registered.params["url"] == "https://bot.example.org/telegram"
            assert registered.params["secret_token"] == "s3cret-value"
            await _until_listening(port, bot)
            update = tg.private_message_json(4242, "/start", first_name="Ana")
            async with httpx.AsyncClient() as client:
                url = f"http://127.0.0.1:{port}/telegram"
                # A stranger who found the URL but not the secret is turned away.
                forged = await client.post(url, json=update, timeout=10)
                assert forged.status_code == 403
                ok = await client.post(
                    url,
                    json=update,
                    headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-value"},
                    timeout=10,
                )
                assert ok.status_code == 200
            (reply,) = await api.wait_for("sendMessage", chat_id=4242, timeout=30)
            assert "Ana" in reply.text
            assert bot.terminate() == 0, bot.log()


async def test_a_data_folder_that_cannot_be_used_is_named_in_one_line(tmp_path: Path) -> None:
    # A file where the folder should be: what a read-only or wrong path looks like to the bot
    # (as root, which CI is, a read-only folder would still be writable).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    async with FakeBotApi() as api:
        bot = BotProcess(api.base_url, blocker).start()
        assert bot.wait() == 2
        log = bot.log()
        assert "data folder" in log and str(blocker) in log
        assert "Traceback" not in log
