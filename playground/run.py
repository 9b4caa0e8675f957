"""`python bot.py playground`: the real bot, the embedded Bot API and the page, in one process.

The bot is started by the very `bot.serve()` that `python bot.py run` uses (same Application,
handlers, JobQueue and storage); only its Bot API address points at the embedded one on
127.0.0.1, and its clock is the playground's (see :mod:`playground.clock`). The data folder is
a throwaway one unless `--data DIR` names one to keep.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from telegram.ext import Application

from config import Settings
from content.loader import Content
from playground.clock import PlaygroundClock, driving
from playground.core import Playground
from playground.fake_api import FakeBotApi
from playground.server import start_web
from playground.timeline import OWNER, Timeline

# Any well-formed token will do: the embedded Bot API accepts every one.
TOKEN = "123456:PLAYGROUNDplaygroundPLAYGROUNDplay"
ZONE = "Europe/London"
# The clock's position, kept beside the data of a chosen folder (a course resumes where it was).
CLOCK_FILE = ".playground-clock.json"
EXIT_CONFIG = 2


async def run_playground(content: Content, *, port: int = 0, data_dir: Path | None = None) -> int:
    """Serve the playground until Ctrl+C or SIGTERM; the exit code."""
    from bot import serve  # bot.py imports this module lazily; no import cycle at load time

    with contextlib.ExitStack() as cleanup:
        if data_dir is None:
            data_dir = Path(cleanup.enter_context(tempfile.TemporaryDirectory())) / "data"
            clock = PlaygroundClock()
        else:
            data_dir.mkdir(parents=True, exist_ok=True)
            clock = PlaygroundClock(data_dir / CLOCK_FILE)
        api = FakeBotApi().start()
        cleanup.callback(api.stop)
        playground = Playground(api, Timeline(clock, ZONE), clock)
        try:
            server, bound = start_web(playground, ZONE, port)
        except OSError as exc:
            print(f"I can't serve the playground on port {port}: {exc.strerror}.", file=sys.stderr)
            return EXIT_CONFIG
        cleanup.callback(server.stop)
        settings = Settings(
            token=TOKEN,
            owner_ids=frozenset({OWNER.user_id}),
            data_dir=data_dir,
            default_timezone=ZONE,
            base_url=api.base_url,
        )

        @contextlib.asynccontextmanager
        async def while_serving(app: Application) -> AsyncIterator[None]:
            playground.app = app
            async with driving(app, clock):
                await _models_ready(app, content)
                print(f"Playground: http://127.0.0.1:{bound}/ (stop it with Ctrl+C)", flush=True)
                yield

        return await serve(settings, content, bot_data={"clock": clock}, around=while_serving)
    return 0  # pragma: no cover - the with block always returns


async def _models_ready(app: Application, content: Content) -> None:
    """Wait for the FAQ matchers and the safety nets, trained at the first run on a machine
    (then kept in the model cache): a newcomer who presses "Seed a demo class" at once would
    otherwise see the bot not answer in time while they train."""
    warming = app.bot_data.get("matchers_warming")
    learned = content.safety.model.learned
    if (warming is None or warming.done()) and (learned is None or learned.ready):
        return
    print("Getting the language models ready (the first run only: about half a minute)...")
    sys.stdout.flush()
    if warming is not None:
        await warming
    if learned is not None:
        await asyncio.wrap_future(learned.started())
