"""Test support for the bot: Bot API fakes (in-process and over HTTP) and update builders.

* :mod:`tests.support.updates` builds updates exactly as Telegram sends them (JSON dicts and
  :class:`telegram.Update` objects).
* :mod:`tests.support.fake_request` is an in-process :class:`telegram.request.BaseRequest` that
  answers every Bot API call locally and records it, for fast handler tests.
* :mod:`tests.support.fake_api` is a real HTTP server speaking the Bot API on 127.0.0.1, for
  end-to-end tests and benchmarks of the polling bot.
"""
