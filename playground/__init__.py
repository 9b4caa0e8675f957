"""The playground: the real bot against a Telegram Bot API embedded in this process.

`python bot.py playground` runs the bot's own Application (handlers, JobQueue, storage) against
:mod:`playground.fake_api`, a Bot API served on 127.0.0.1, and shows a web page with the chats
of an owner, an instructor, two parents and the class group (:mod:`playground.server`).

The Bot API simulation lives here, not under tests/, because it is a product feature now; the
tests use the very same modules:

* :mod:`playground.updates` builds updates exactly as Telegram sends them (JSON dicts and
  :class:`telegram.Update` objects).
* :mod:`playground.fake_request` is an in-process :class:`telegram.request.BaseRequest` that
  answers every Bot API call locally and records it, for fast handler tests.
* :mod:`playground.fake_api` is a real HTTP server speaking the Bot API on 127.0.0.1.
"""
