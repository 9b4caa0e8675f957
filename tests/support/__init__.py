"""Test support: the bot run as a process (process.py) and a crash-prone writer (crash_writer.py).

The Bot API fakes and update builders moved to the `playground` package, which `python bot.py
playground` uses too. The old names `tests.support.updates`, `tests.support.fake_request` and
`tests.support.fake_api` still import (as the very same modules), so tests written against
either name work.
"""

import sys

from playground import fake_api, fake_request, updates

for _module in (updates, fake_request, fake_api):
    sys.modules[f"{__name__}.{_module.__name__.rsplit('.', 1)[1]}"] = _module
