"""Socket Mode: for teams without a public URL. Bolt opens a websocket to Slack."""

from __future__ import annotations

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler


def socket_handler(app: App, app_token: str) -> SocketModeHandler:
    # The handler asks apps.connections.open through the app's WebClient, so SLACK_API_URL
    # (a fake in tests) applies to it too.
    return SocketModeHandler(app, app_token)
