"""Settings come from the environment; a missing variable is one line naming it, exit 2."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.config import ConfigError, Mode, Settings


def test_http_needs_bot_token_and_signing_secret() -> None:
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET"):
        Settings.from_env({}).require(Mode.HTTP)


def test_socket_needs_the_app_token() -> None:
    with pytest.raises(ConfigError, match=r"for socket mode: SLACK_APP_TOKEN$"):
        Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1"}).require(Mode.SOCKET)


def test_slack_cli_token_fallbacks() -> None:
    settings = Settings.from_env({"SLACK_CLI_XOXB": "xoxb-1", "SLACK_CLI_XAPP": "xapp-1"})
    settings.require(Mode.SOCKET)
    assert settings.bot_token == "xoxb-1" and settings.app_token == "xapp-1"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SLACK_API_URL": "ftp://x"}, r"SLACK_API_URL must be an http\(s\) URL"),
        ({"LOG_LEVEL": "chatty"}, "LOG_LEVEL must be"),
    ],
)
def test_malformed_values(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)


def test_api_url_gets_its_trailing_slash() -> None:
    assert (
        Settings.from_env({"SLACK_API_URL": "http://127.0.0.1:9/api"}).api_url
        == "http://127.0.0.1:9/api/"
    )


def test_wrong_token_kinds() -> None:
    with pytest.raises(ConfigError, match="xoxb"):
        Settings.from_env({"SLACK_BOT_TOKEN": "xoxp-1", "SLACK_SIGNING_SECRET": "s"}).require(
            Mode.HTTP
        )


@pytest.mark.parametrize("command", [["socket"], ["serve", "--port", "0"]])
def test_run_commands_exit_2_with_one_line(
    command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in (
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
        "SLACK_APP_TOKEN",
        "SLACK_CLI_XOXB",
        "SLACK_CLI_XAPP",
    ):
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "missing environment variable" in result.stderr and "SLACK_BOT_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr
