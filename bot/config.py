"""Settings from the environment, read once and checked before anything starts.

A missing variable is one clear line naming it (exit 2), never a traceback from deep inside
Bolt, and never a silent None that fails on the first request.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

DEFAULT_API_URL = "https://slack.com/api/"


class Mode(StrEnum):
    HTTP = "http"  # gunicorn / `rte-bot serve`: Slack calls us at /slack/events
    SOCKET = "socket"  # `rte-bot socket`: we open a websocket to Slack


class ConfigError(Exception):
    """A setting is missing or malformed; the message names it."""


def _number(text: str, name: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {text!r}") from None
    if value < 0:
        raise ConfigError(f"{name} must not be negative")
    return value


def database_url(env: Mapping[str, str]) -> str:
    """DATABASE_URL (Heroku's Postgres) wins; else RTE_BOT_DB (a path or a URL); else a SQLite
    file next to the app."""
    url = (env.get("DATABASE_URL") or "").strip()
    if url:
        # Heroku still hands out postgres://; SQLAlchemy wants a dialect and a driver.
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url
    path = (env.get("RTE_BOT_DB") or "").strip() or "rte-bot.sqlite3"
    return path if "://" in path else f"sqlite:///{path}"


# Variable, the modes that require it, and what it is (the README table mirrors this).
VARIABLES: tuple[tuple[str, tuple[Mode, ...], str], ...] = (
    ("SLACK_BOT_TOKEN", (Mode.HTTP, Mode.SOCKET), "bot token, xoxb-..."),
    ("SLACK_SIGNING_SECRET", (Mode.HTTP,), "signing secret, to verify requests from Slack"),
    ("SLACK_APP_TOKEN", (Mode.SOCKET,), "app-level token with connections:write, xapp-..."),
    ("SLACK_API_URL", (), "base URL of the Slack Web API (tests point it at a fake)"),
    ("RTE_BOT_KB", (), "knowledge base folder (default: the one shipped with rte-bot)"),
    ("DATABASE_URL", (), "Postgres URL for feedback (Heroku sets it); wins over RTE_BOT_DB"),
    ("RTE_BOT_DB", (), "SQLite file (or a database URL) for feedback, default rte-bot.sqlite3"),
    ("RTE_BOT_RETENTION_DAYS", (), "feedback older than this is purged (default 365)"),
    ("RTE_BOT_KB_POLL", (), "seconds between checks for knowledge base edits (default 5; 0 = off)"),
    ("LOG_LEVEL", (), "DEBUG, INFO (default), WARNING or ERROR"),
)


@dataclass(frozen=True)
class Settings:
    bot_token: str | None = None
    signing_secret: str | None = None
    app_token: str | None = None
    api_url: str = DEFAULT_API_URL
    kb_dir: Path | None = None
    log_level: str = "INFO"
    database_url: str = "sqlite:///rte-bot.sqlite3"
    retention_days: int = 365
    kb_poll_seconds: float = 5.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env

        def get(*names: str) -> str | None:
            for name in names:
                value = env.get(name, "").strip()
                if value:
                    return value
            return None

        api_url = get("SLACK_API_URL") or DEFAULT_API_URL
        if not api_url.startswith(("http://", "https://")):
            raise ConfigError(f"SLACK_API_URL must be an http(s) URL, not {api_url!r}")
        level = (get("LOG_LEVEL") or "INFO").upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ConfigError(f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {level!r}")
        kb = get("RTE_BOT_KB")
        retention = _number(get("RTE_BOT_RETENTION_DAYS") or "365", "RTE_BOT_RETENTION_DAYS")
        poll = _number(get("RTE_BOT_KB_POLL") or "5", "RTE_BOT_KB_POLL")
        return cls(
            # The Slack CLI's `start` hook passes tokens as SLACK_CLI_XOXB / SLACK_CLI_XAPP.
            bot_token=get("SLACK_BOT_TOKEN", "SLACK_CLI_XOXB"),
            signing_secret=get("SLACK_SIGNING_SECRET"),
            app_token=get("SLACK_APP_TOKEN", "SLACK_CLI_XAPP"),
            api_url=api_url if api_url.endswith("/") else api_url + "/",
            kb_dir=Path(kb) if kb else None,
            log_level=level,
            database_url=database_url(env),
            retention_days=int(retention),
            kb_poll_seconds=poll,
        )

    def require(self, mode: Mode) -> None:
        """Raise ConfigError naming every variable this mode needs and does not have."""
        present = {
            "SLACK_BOT_TOKEN": self.bot_token,
            "SLACK_SIGNING_SECRET": self.signing_secret,
            "SLACK_APP_TOKEN": self.app_token,
        }
        missing = [name for name, modes, _ in VARIABLES if mode in modes and not present.get(name)]
        if missing:
            raise ConfigError(
                f"missing environment variable{'s' if len(missing) > 1 else ''} for {mode} mode: "
                + ", ".join(missing)
            )
        if self.bot_token and not self.bot_token.startswith("xoxb-"):
            raise ConfigError("SLACK_BOT_TOKEN must be a bot token (xoxb-...)")
        if mode is Mode.SOCKET and self.app_token and not self.app_token.startswith("xapp-"):
            raise ConfigError("SLACK_APP_TOKEN must be an app-level token (xapp-...)")
