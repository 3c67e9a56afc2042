"""HTTP mode: a WSGI application for gunicorn that serves Slack at /slack/events and a health
check at /healthz (Bolt's WSGI adapter answers 404 to everything but its own path)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.slack.app import Knowledge

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"

StartResponse = Callable[..., Any]


class SlackWsgi:
    def __init__(self, app: App, knowledge: Knowledge) -> None:
        self.slack = SlackRequestHandler(app, path=EVENTS_PATH)
        self.knowledge = knowledge

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH and environ.get("REQUEST_METHOD") in (
            "GET",
            "HEAD",
        ):
            body = json.dumps({"ok": True, **self.knowledge.status()}).encode()
            start_response(
                "200 OK",
                [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
            )
            return [body]
        return self.slack(environ, start_response)
