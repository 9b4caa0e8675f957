"""End to end: the real `python bot.py run` process against the fake Bot API over loopback HTTP."""

from __future__ import annotations

from pathlib import Path

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
