"""The baseline for bench_http.py: a Bolt app whose /rte handler only acks (nothing else)."""

from __future__ import annotations

import os

from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient


def wsgi() -> SlackRequestHandler:
    client = WebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"])
    app = App(
        client=client,
        signing_secret=os.environ["SLACK_SIGNING_SECRET"],
        token_verification_enabled=False,
    )

    @app.command("/rte")
    def rte(ack: Ack) -> None:
        ack()

    return SlackRequestHandler(app, path="/slack/events")
