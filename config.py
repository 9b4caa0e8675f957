"""Settings from the environment and an optional `.env` file, read once in `main()`.

Every problem is reported as one line that names the setting and says how to fix it, so the
person starting the bot never has to read a traceback.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from dotenv import dotenv_values

DEFAULT_BASE_URL = "https://api.telegram.org/bot"
# A Telegram bot token is "<numeric bot id>:<35ish url-safe characters>".
_TOKEN_RE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")


class SettingsError(Exception):
    """A setting is missing or wrong; the message is the one line shown to the person."""


@dataclass(frozen=True)
class Settings:
    """Everything the bot is configured with; built by `load_settings`."""

    token: str
    owner_ids: frozenset[int] = frozenset()
    data_dir: Path = Path("data")
    default_timezone: str = "Europe/London"
    base_url: str = DEFAULT_BASE_URL
    # Days after a class ends before its personal data is deleted (PRODUCT.md section 7).
    retention_days: int = 90
    # Seconds per "unit" when the schedule is compressed for end-to-end tests; 0 means real time.
    schedule_unit_seconds: float = 0.0
    # Webhook mode (instead of polling) when a public HTTPS URL is set; a reverse proxy forwards
    # it to webhook_listen:webhook_port on this machine.
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str = ""
    # Nightly backups (jobs/backup.py): where, at what local time, and for how many days each
    # is kept. None = no nightly backups (tests, the playground; or BACKUP_DIR set empty).
    backup_dir: Path | None = None
    backup_at: time = time(3, 0)
    backup_keep_days: int = 14


def _suggest_timezone(name: str) -> str:
    """Return a hint naming close IANA zones, so a typo is easy to fix."""
    needle = name.strip().lower().replace(" ", "_")
    close = sorted(z for z in available_timezones() if needle and needle in z.lower())[:3]
    return (
        f" Did you mean {', '.join(close)}?" if close else " Use an IANA name like Europe/London."
    )


def validate_timezone(name: str) -> str:
    """Return `name` if it is a real IANA time zone, else raise `SettingsError` with a hint."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            f"DEFAULT_TIMEZONE={name!r} is not a time zone I know.{_suggest_timezone(name)}"
        ) from None
    return name


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: Path | None = None
) -> Settings:
    """Read `.env` (if present) overlaid by the real environment, and validate the settings."""
    env_file = env_file if env_file is not None else Path(".env")
    values: dict[str, str] = {}
    if env_file.is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ if environ is None else environ)

    token = values.get("BOT_TOKEN", "").strip()
    if not token:
        raise SettingsError(
            "BOT_TOKEN is not set. Ask @BotFather on Telegram for a token (/newbot), then put "
            "BOT_TOKEN=<token> in the environment or in a .env file (see .env.example). "
            "To try the bot without a token first: python bot.py playground"
        )
    if not _TOKEN_RE.match(token):
        raise SettingsError(
            "BOT_TOKEN does not look like a bot token (it should look like 123456:ABC-DEF...). "
            "Copy it again from @BotFather."
        )

    owners: set[int] = set()
    for part in values.get("OWNER_IDS", "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise SettingsError(
                f"OWNER_IDS contains {part!r}, which is not a Telegram user id. Use numbers "
                "separated by commas, e.g. OWNER_IDS=12345,67890 (@userinfobot tells you yours)."
            )
        owners.add(int(part))

    tz = validate_timezone(values.get("DEFAULT_TIMEZONE", "Europe/London").strip())

    base_url = values.get("TELEGRAM_BASE_URL", DEFAULT_BASE_URL).strip() or DEFAULT_BASE_URL
    if not base_url.startswith(("http://", "https://")):
        raise SettingsError(
            f"TELEGRAM_BASE_URL={base_url!r} must start with http:// or https://, "
            f"e.g. {DEFAULT_BASE_URL}"
        )

    def number(name: str, default: float, minimum: float) -> float:
        raw = values.get(name, "").strip()
        if not raw:
            return default
        try:
            value = float(raw)
        except ValueError:
            raise SettingsError(f"{name}={raw!r} must be a number.") from None
        if value < minimum:
            raise SettingsError(f"{name}={raw!r} must be at least {minimum:g}.")
        return value

    webhook_url = values.get("WEBHOOK_URL", "").strip()
    if webhook_url and not webhook_url.startswith("https://"):
        raise SettingsError(
            f"WEBHOOK_URL={webhook_url!r} must be an https:// address Telegram can reach "
            "(leave it empty to use polling)."
        )
    secret = values.get("WEBHOOK_SECRET", "").strip()
    if secret and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
        raise SettingsError(
            "WEBHOOK_SECRET may only contain letters, digits, _ and - (up to 256 characters)."
        )

    backup_dir = values.get("BACKUP_DIR", "backups").strip()
    backup_at = values.get("BACKUP_AT", "03:00").strip() or "03:00"
    try:
        hour, minute = (int(part) for part in backup_at.split(":"))
        at = time(hour, minute)
    except ValueError:
        raise SettingsError(
            f"BACKUP_AT={backup_at!r} must be a time of day as HH:MM, e.g. BACKUP_AT=03:00."
        ) from None

    return Settings(
        token=token,
        owner_ids=frozenset(owners),
        data_dir=Path(values.get("DATA_DIR", "data").strip() or "data"),
        default_timezone=tz,
        base_url=base_url,
        retention_days=int(number("RETENTION_DAYS", 90, 1)),
        schedule_unit_seconds=number("SCHEDULE_UNIT_SECONDS", 0.0, 0.0),
        webhook_url=webhook_url,
        webhook_listen=values.get("WEBHOOK_LISTEN", "127.0.0.1").strip() or "127.0.0.1",
        webhook_port=int(number("WEBHOOK_PORT", 8443, 1)),
        webhook_secret=secret,
        backup_dir=Path(backup_dir) if backup_dir else None,
        backup_at=at,
        backup_keep_days=int(number("BACKUP_KEEP_DAYS", 14, 1)),
    )
