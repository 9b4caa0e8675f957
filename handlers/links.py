"""Links that let Telegram do the work: a share sheet for a link, and "add me to a group" with
the admin rights the bot needs, so an instructor sets a class up in taps instead of copying
links and typing commands."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from telegram.helpers import create_deep_linked_url

#: Telegram's share sheet: the person picks chats, the link and text are filled in.
SHARE_URL = "https://t.me/share/url"
#: Rights asked for when the bot is added to a class group: pinning the next-session reminder
#: and tidying away its own greetings.
GROUP_RIGHTS = ("pin_messages", "delete_messages")


def share_url(url: str, text: str) -> str:
    """A t.me/share/url link that opens Telegram's share sheet with `url` and `text`."""
    return f"{SHARE_URL}?{urlencode({'url': url, 'text': text}, quote_via=quote)}"


def add_to_group_url(bot_username: str, payload: str) -> str:
    """A startgroup deep link: pick a group, the bot joins it with GROUP_RIGHTS requested and
    receives "/start <payload>" there from the person who added it."""
    link = create_deep_linked_url(bot_username, payload, group=True)
    return f"{link}&admin={'+'.join(GROUP_RIGHTS)}"
