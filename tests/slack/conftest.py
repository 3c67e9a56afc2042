"""Slack tests run for real over loopback: the bot behind an HTTP server, requests signed as
Slack signs them, and a fake Slack Web API that records what the bot posts."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from slack_sdk.signature import SignatureVerifier

from bot.config import Settings
from bot.serve import _ThreadingServer, wsgi
from tests.conftest import ROOT
from tests.slack.fake_slack import BOT_USER, TEAM, FakeSlack, start_fake_slack

SECRET = "test-signing-secret-0123456789ab"
ASKER = "U0ASKER01"
CHANNEL = "C0KB12345"
DM = "D0DMCHAN01"
_ids = itertools.count(1)


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@dataclass
class Reply:
    status: int
    body: str
    headers: dict[str, str]

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Slack:
    """Plays Slack's part: signs and sends requests to the bot like Slack would."""

    base: str
    fake: FakeSlack
    secret: str = SECRET

    def send(
        self,
        body: bytes,
        content_type: str,
        *,
        timestamp: int | None = None,
        secret: str | None = None,
        signed: bool = True,
        headers: dict[str, str] | None = None,
        path: str = "/slack/events",
    ) -> Reply:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        all_headers = {"Content-Type": content_type, **(headers or {})}
        if signed:
            verifier = SignatureVerifier(secret or self.secret)
            all_headers["X-Slack-Request-Timestamp"] = ts
            all_headers["X-Slack-Signature"] = verifier.generate_signature(timestamp=ts, body=body)
        request = urllib.request.Request(
            self.base + path, data=body, headers=all_headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return Reply(response.status, response.read().decode(), dict(response.headers))
        except urllib.error.HTTPError as err:
            with err:
                return Reply(err.code, err.read().decode(), dict(err.headers))

    def get(self, path: str) -> Reply:
        with urllib.request.urlopen(self.base + path, timeout=10) as response:
            return Reply(response.status, response.read().decode(), dict(response.headers))

    # -- the three surfaces -----------------------------------------------------------------
    def slash(self, text: str, *, user: str = ASKER, **kwargs: Any) -> Reply:
        form = {
            "token": "deprecated",
            "team_id": TEAM,
            "team_domain": "acme",
            "channel_id": CHANNEL,
            "channel_name": "delivery",
            "user_id": user,
            "user_name": "dana",
            "command": "/rte",
            "text": text,
            "api_app_id": "A0RTEBOT1",
            "response_url": self.fake.response_url(f"cmd{next(_ids)}"),
            "trigger_id": "1.2.3",
        }
        return self.send(urlencode(form).encode(), "application/x-www-form-urlencoded", **kwargs)

    def event(self, event: dict[str, Any], *, event_id: str | None = None, **kwargs: Any) -> Reply:
        envelope = {
            "token": "deprecated",
            "team_id": TEAM,
            "api_app_id": "A0RTEBOT1",
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(_ids):08d}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
        }
        return self.send(json.dumps(envelope).encode(), "application/json", **kwargs)

    def mention(self, text: str, *, thread_ts: str | None = None, **kwargs: Any) -> Reply:
        ts = f"{time.time():.6f}"
        event = {
            "type": "app_mention",
            "user": ASKER,
            "text": f"<@{BOT_USER}> {text}",
            "ts": ts,
            "channel": CHANNEL,
            "event_ts": ts,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        return self.event(event, **kwargs)

    def dm(self, text: str, **extra: Any) -> Reply:
        ts = f"{time.time():.6f}"
        event = {
            "type": "message",
            "channel": DM,
            "user": ASKER,
            "text": text,
            "ts": ts,
            "event_ts": ts,
            "channel_type": "im",
            **extra,
        }
        return self.event(event)

    def click(
        self,
        action_id: str,
        value: str,
        *,
        ephemeral: bool,
        message_ts: str = "1767225610.000400",
        thread_ts: str | None = None,
    ) -> Reply:
        message = (
            None
            if ephemeral
            else {
                "type": "message",
                "ts": message_ts,
                "bot_id": "B0RTEBOT1",
                **({"thread_ts": thread_ts} if thread_ts else {}),
            }
        )
        payload = {
            "type": "block_actions",
            "user": {"id": ASKER, "username": "dana", "team_id": TEAM},
            "api_app_id": "A0RTEBOT1",
            "container": {
                "type": "message",
                "message_ts": message_ts,
                "channel_id": CHANNEL,
                "is_ephemeral": ephemeral,
            },
            "trigger_id": "1.2.3",
            "team": {"id": TEAM, "domain": "acme"},
            "channel": {"id": CHANNEL, "name": "delivery"},
            "response_url": self.fake.response_url(f"act{next(_ids)}"),
            "actions": [
                {
                    "action_id": action_id,
                    "block_id": "b1",
                    "type": "button",
                    "value": value,
                    "action_ts": "1767225620.123456",
                }
            ],
        }
        if message:
            payload["message"] = message
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return self.send(body, "application/x-www-form-urlencoded")

    def submit_view(self, view: dict[str, Any], user: str = ASKER) -> Reply:
        payload = {
            "type": "view_submission",
            "team": {"id": TEAM, "domain": "acme"},
            "user": {"id": user, "username": "dana", "team_id": TEAM},
            "api_app_id": "A0RTEBOT1",
            "trigger_id": "1.2.4",
            "view": view,
        }
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return self.send(body, "application/x-www-form-urlencoded")


def serving_process(
    env: dict[str, str], folder: Path, fake: FakeSlack
) -> tuple[subprocess.Popen[bytes], Slack]:
    """`rte-bot serve` as a real process (for signals and crashes), on a free port, once its
    /healthz answers."""
    port_file = folder / "port"
    script = (
        "import socket\n"
        "s=socket.socket(); s.bind(('127.0.0.1',0)); p=s.getsockname()[1]; s.close()\n"
        f"open({str(port_file)!r},'w').write(str(p))\n"
        "from bot.serve import serve_http\nserve_http(p)\n"
    )
    full_env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        **env,
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        env=full_env,
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        assert proc.poll() is None and time.monotonic() < deadline, "the server did not start"
        if port_file.exists() and port_file.read_text():
            slack = Slack(f"http://127.0.0.1:{port_file.read_text()}", fake)
            try:
                slack.get("/healthz")
                return proc, slack
            except OSError:
                pass
        time.sleep(0.1)


def serve_bot(settings: Settings) -> tuple[str, Any]:
    """The bot (bot.serve.wsgi) behind a threaded HTTP server on loopback: (base URL, server)."""
    server = make_server("127.0.0.1", 0, wsgi(settings), _ThreadingServer, _Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@pytest.fixture(scope="session")
def fake_slack() -> Iterator[FakeSlack]:
    fake = start_fake_slack()
    yield fake
    assert fake.server is not None
    fake.server.shutdown()
    fake.server.server_close()


@pytest.fixture(scope="session")
def slack_db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'feedback.sqlite3'}"


@pytest.fixture(scope="session")
def bot_url(fake_slack: FakeSlack, slack_db_url: str) -> Iterator[str]:
    settings = Settings(
        bot_token="xoxb-test-token",
        signing_secret=SECRET,
        api_url=fake_slack.api_url,
        database_url=slack_db_url,
        kb_poll_seconds=0,
    )
    url, server = serve_bot(settings)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def slack(bot_url: str, fake_slack: FakeSlack) -> Slack:
    fake_slack.quiet(0.2)  # let the previous test's replies land before forgetting them
    fake_slack.reset()
    return Slack(bot_url, fake_slack)
