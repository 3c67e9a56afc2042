"""A fake Slack Web API on 127.0.0.1 that records every call the bot makes.

Answers auth.test, chat.postMessage, chat.postEphemeral, chat.update, apps.connections.open
and response_url posts, like bolt-python's own mock server, and keeps what was sent so a test
can read it as a transcript.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

BOT_USER = "U0RTEBOT1"
BOT_ID = "B0RTEBOT1"
TEAM = "T0RTE0001"


@dataclass
class Call:
    method: str  # "chat.postMessage", ..., or "response_url"
    params: dict[str, Any]
    path: str
    token: str | None = None

    @property
    def blocks(self) -> list[dict[str, Any]]:
        blocks = self.params.get("blocks") or []
        return json.loads(blocks) if isinstance(blocks, str) else list(blocks)

    @property
    def text(self) -> str:
        return str(self.params.get("text") or "")

    def everything(self) -> str:
        """All text the call sends, blocks included: what a user could end up reading."""
        return json.dumps(self.params, ensure_ascii=False)


@dataclass
class FakeSlack:
    calls: list[Call] = field(default_factory=list)
    rate_limit_next: int = 0  # answer that many chat.postMessage calls with HTTP 429 first
    not_in_channel: set[str] = field(default_factory=set)  # channels chat.postMessage refuses
    websocket_url: str = "ws://127.0.0.1:1/link"
    _changed: threading.Condition = field(default_factory=threading.Condition)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    @property
    def api_url(self) -> str:
        return self.url + "api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.url}response/{name}"

    def record(self, call: Call) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def posts(self) -> list[Call]:
        """What users can see: messages and response_url replies (not auth.test)."""
        return [c for c in self.calls if c.method in POSTING]

    def wait_for_posts(self, count: int, timeout: float = 5.0) -> list[Call]:
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.posts()) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"expected {count} post(s), got {self.posts()}")
                self._changed.wait(left)
        return self.posts()

    def quiet(self, seconds: float = 0.4) -> list[Call]:
        """Wait until nothing more is posted for `seconds`; return every post."""
        while True:
            before = len(self.posts())
            time.sleep(seconds)
            if len(self.posts()) == before:
                return self.posts()

    def reset(self) -> None:
        with self._changed:
            self.calls.clear()
            self.rate_limit_next = 0
            self.not_in_channel.clear()


POSTING = {"chat.postMessage", "chat.postEphemeral", "chat.update", "response_url"}


def _handler(fake: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _reply(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
            body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            if "json" in (self.headers.get("Content-Type") or ""):
                params = json.loads(raw or "{}")
            else:
                params = dict(parse_qsl(raw))
            auth = self.headers.get("Authorization") or ""
            token = auth.removeprefix("Bearer ") or params.get("token")
            if self.path.startswith("/response/"):
                fake.record(Call("response_url", params, self.path))
                self._reply(200, b"ok")
                return
            method = self.path.removeprefix("/api/")
            if method == "chat.postMessage" and fake.rate_limit_next > 0:
                fake.rate_limit_next -= 1
                fake.record(Call("rate-limited", params, self.path, token))
                self._reply(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"})
                return
            fake.record(Call(method, params, self.path, token))
            if method == "chat.postMessage" and params.get("channel") in fake.not_in_channel:
                self._reply(200, {"ok": False, "error": "not_in_channel"})
                return
            if method == "auth.test":
                self._reply(
                    200,
                    {
                        "ok": True,
                        "url": "https://acme.slack.com/",
                        "team": "Acme",
                        "user": "rte-bot",
                        "team_id": TEAM,
                        "user_id": BOT_USER,
                        "bot_id": BOT_ID,
                    },
                )
            elif method == "apps.connections.open":
                self._reply(200, {"ok": True, "url": fake.websocket_url})
            elif method == "chat.postMessage":
                self._reply(
                    200,
                    {
                        "ok": True,
                        "channel": params.get("channel"),
                        "ts": f"{time.time():.6f}",
                        "message": {},
                    },
                )
            else:
                self._reply(200, {"ok": True})

        do_GET = do_POST

    return Handler


def start_fake_slack() -> FakeSlack:
    fake = FakeSlack()
    fake.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.server.daemon_threads = True
    threading.Thread(target=fake.server.serve_forever, daemon=True).start()
    return fake
