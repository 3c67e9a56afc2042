"""Socket Mode: the handler connects through a fake apps.connections.open to a local websocket
server, acknowledges a slash command envelope over the socket and answers via response_url."""

from __future__ import annotations

import json
import queue
import threading

from bot.config import Mode, Settings
from bot.serve import prepare
from bot.slack.app import create_app
from bot.slack.socket import socket_handler
from tests.slack.conftest import ASKER, CHANNEL
from tests.slack.fake_slack import TEAM, FakeSlack
from tests.slack.fake_socket import FakeSocketMode


def test_socket_mode_answers_a_slash_command(fake_slack: FakeSlack, slack_db_url: str) -> None:
    fake_slack.quiet(0.2)
    fake_slack.reset()
    server = FakeSocketMode()
    fake_slack.websocket_url = server.url
    settings = Settings(
        bot_token="xoxb-test",
        app_token="xapp-test",
        api_url=fake_slack.api_url,
        database_url=slack_db_url,
    )
    runtime = prepare(Mode.SOCKET, settings)
    app = create_app(runtime.settings, runtime.knowledge, runtime.store)
    handler = socket_handler(app, "xapp-test")
    threading.Thread(target=handler.connect, daemon=True).start()
    try:
        assert server.connected.wait(10), "the handler never opened the websocket"
        opened = [c for c in fake_slack.calls if c.method == "apps.connections.open"]
        assert opened and opened[0].token == "xapp-test"
        server.send(
            {
                "envelope_id": "env-1",
                "type": "slash_commands",
                "accepts_response_payload": True,
                "payload": {
                    "token": "x",
                    "team_id": TEAM,
                    "channel_id": CHANNEL,
                    "user_id": ASKER,
                    "command": "/rte",
                    "text": "does an RTE handle scope?",
                    "response_url": fake_slack.response_url("socket"),
                    "trigger_id": "1.2.3",
                    "api_app_id": "A0RTEBOT1",
                },
            }
        )
        ack = server.received.get(timeout=10)
        assert ack["envelope_id"] == "env-1"
        [post] = fake_slack.wait_for_posts(1, timeout=10)
        assert post.path.endswith("/response/socket")
        assert post.params["response_type"] == "ephemeral"
        assert post.params["blocks"][0]["text"]["text"].startswith("*No:")
        assert "scaledagileframework.com" in json.dumps(post.params["blocks"])
    finally:
        handler.close()
        server.close()
        try:
            while True:
                server.received.get_nowait()
        except queue.Empty:
            pass
