"""Settings from WIJKBOT_* environment variables and an optional .env file."""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PUBLIC_API_URL = "https://api.telegram.org/bot"


class SettingsError(Exception):
    """A setting that is missing or malformed; the message names it in one line."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="WIJKBOT_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    telegram_token: SecretStr | None = None
    telegram_api_url: str = PUBLIC_API_URL
    # The bot's @username, for invite links printed where Telegram cannot be asked.
    bot_username: str | None = Field(default=None, pattern=r"^[A-Za-z][A-Za-z0-9_]{4,31}$")
    database: Path = Path("wijkbot.db")
    # The zone's name as residents know it ("Politiezone Gent"), printed on meeting flyers.
    zone_name: str = Field(default="", max_length=60)
    timezone: str = "Europe/Brussels"
    locale: str = "nl_BE"
    invite_days: int = Field(default=14, ge=1, le=365)
    # Visit reminders: a contact is due this many months after his last scan, "due soon"
    # this many days before; the digest goes out on working days at this local time.
    visit_interval_months: int = Field(default=12, ge=1, le=60)
    visit_due_soon_days: int = Field(default=30, ge=0, le=365)
    reminder_time: time = time(8, 30)
    # Group chats the bot serves, by chat id (the bot must be a member); all others are ignored.
    group_interventie: int | None = None
    group_recherche: int | None = None
    # Running it for a zone: /healthz and /metrics on this host:port while polling (off when
    # unset); log lines as plain text or as one JSON object each; a daily backup into this
    # folder, keeping the newest so many.
    health_listen: str | None = None
    # Webhook mode (`wijkbot run --webhook`): the public HTTPS address Telegram posts to, the
    # host:port behind the reverse proxy, and the secret Telegram sends along with each post.
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1:8080"
    webhook_secret: SecretStr | None = None
    log_format: Literal["text", "json"] = "text"
    backup_dir: Path | None = None
    backup_keep: int = Field(default=7, ge=1, le=366)
    # BIN alerts of the kind "waarschuwing" as Telegram's paid broadcasts (Stars per message).
    bin_paid_broadcast: bool = False

    @field_validator("telegram_api_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("health_listen", "webhook_listen")
    @classmethod
    def _listen(cls, value: str | None) -> str | None:
        if value is not None:
            listen_address(value)
        return value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("the public address Telegram posts to, https://...")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram's rule for secret_token; the header would refuse anything else.
        if value is not None and not re.fullmatch(
            r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()
        ):
            raise ValueError("1 to 256 of the characters A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("reminder_time")
    @classmethod
    def _local_time(cls, value: time) -> time:
        if value.tzinfo is not None:
            raise ValueError("a local time such as 08:30, without a time zone")
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value

    @field_validator("locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        try:
            Locale.parse(value)
        except (UnknownLocaleError, ValueError) as error:
            raise ValueError(f"unknown locale {value!r}") from error
        return value

    @property
    def groups(self) -> frozenset[int]:
        return frozenset(g for g in (self.group_interventie, self.group_recherche) if g)

    @property
    def language(self) -> str:
        return Locale.parse(self.locale).language

    @property
    def health_address(self) -> tuple[str, int] | None:
        return None if self.health_listen is None else listen_address(self.health_listen)

    @property
    def webhook_address(self) -> tuple[str, int]:
        return listen_address(self.webhook_listen)

    def webhook_missing(self) -> str | None:
        """The setting webhook mode needs and lacks, as WIJKBOT_<NAME>; None when all are set."""
        if self.webhook_url is None:
            return "WIJKBOT_WEBHOOK_URL"
        if self.webhook_secret is None:
            return "WIJKBOT_WEBHOOK_SECRET"
        return None


def listen_address(value: str) -> tuple[str, int]:
    """`host:port` (`[::1]:8081` for IPv6; port 0 takes a free one) as a pair, or ValueError."""
    host, colon, port = value.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not colon or not host or not port.isdigit() or not 0 <= int(port) < 65536:
        raise ValueError("host:port, such as 127.0.0.1:8081")
    return host, int(port)


def load_settings(**overrides: object) -> Settings:
    """Read the settings; a bad one raises SettingsError naming WIJKBOT_<NAME>."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        problem = error.errors()[0]
        name = "WIJKBOT_" + str(problem["loc"][0]).upper() if problem["loc"] else "WIJKBOT_*"
        raise SettingsError(f"{name}: {problem['msg']}") from None
