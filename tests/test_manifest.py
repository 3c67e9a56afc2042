"""manifest.yml is what `rte-bot manifest` prints, and every Slack trigger the app registers
is declared in it (and every declared one is handled)."""

from __future__ import annotations

import json

import yaml
from click.testing import CliRunner

from bot.cli import cli
from bot.config import Settings
from bot.slack import ids
from bot.slack.app import create_app
from tests.conftest import ROOT


class _Knowledge:
    engine = None

    def status(self) -> dict[str, object]:
        return {}


def shipped() -> dict[str, object]:
    return yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_manifest_yml_is_current() -> None:
    out = CliRunner().invoke(cli, ["manifest"]).output
    assert out == (ROOT / "manifest.yml").read_text(encoding="utf-8")


def test_json_for_the_slack_cli_matches_the_yaml() -> None:
    result = CliRunner().invoke(cli, ["manifest", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output) == shipped()
    hooks = json.loads((ROOT / ".slack" / "hooks.json").read_text())
    assert hooks["hooks"]["get-manifest"] == "rte-bot manifest --json"


def test_http_variant_fills_the_three_urls() -> None:
    result = CliRunner().invoke(cli, ["manifest", "--url", "https://rte.example.com/"])
    data = yaml.safe_load(result.output)
    url = "https://rte.example.com/slack/events"
    assert data["features"]["slash_commands"][0]["url"] == url
    assert data["settings"]["event_subscriptions"]["request_url"] == url
    assert data["settings"]["interactivity"]["request_url"] == url
    assert data["settings"]["socket_mode_enabled"] is False
    assert CliRunner().invoke(cli, ["manifest", "--url", "http://x"]).exit_code == 2


def test_declared_and_registered_triggers_agree() -> None:
    manifest = shipped()
    features, settings = manifest["features"], manifest["settings"]  # type: ignore[index]
    assert [c["command"] for c in features["slash_commands"]] == [ids.COMMAND]  # type: ignore[index]
    assert settings["event_subscriptions"]["bot_events"] == list(ids.BOT_EVENTS)  # type: ignore[index]
    assert manifest["oauth_config"]["scopes"]["bot"] == list(ids.BOT_SCOPES)  # type: ignore[index]
    assert settings["interactivity"]["is_enabled"] is True  # type: ignore[index]
    assert features["app_home"]["messages_tab_read_only_enabled"] is False  # type: ignore[index]

    app = create_app(Settings(bot_token="xoxb-x", signing_secret="s"), _Knowledge(), None)  # type: ignore[arg-type]
    registered = " ".join(
        repr(listener.matchers) + repr(getattr(listener, "ack_function", ""))
        for listener in app._listeners
    )
    assert "rte_command" in registered and "app_mention" in registered
    assert "direct_message" in registered and "post_to_channel" in registered
    assert "ask_suggestion" in registered
    # each subscribed event has a listener; each listener's event is subscribed
    assert {"app_mention", "message"} == {e.split(".")[0] for e in ids.BOT_EVENTS}
