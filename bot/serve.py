"""Entry points that run the bot: they read the settings, load the knowledge base and hand both
to the Slack layer. gunicorn imports `bot.serve:wsgi()`; `rte-bot serve` and `rte-bot socket`
call the functions below."""

from __future__ import annotations

import logging
import sys
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from bot.config import ConfigError, Mode, Settings
from bot.kb.problems import KBError, Level
from bot.live_kb import LiveKnowledge
from bot.slack.app import create_app
from bot.slack.http import SlackWsgi
from bot.slack.socket import socket_handler

log = logging.getLogger("bot")


class StartupError(Exception):
    """The bot cannot start; the message says why in one or a few lines."""


def _configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def prepare(mode: Mode, settings: Settings | None = None) -> tuple[Settings, LiveKnowledge]:
    """Settings checked for `mode` and the knowledge base loaded, or StartupError."""
    try:
        settings = settings or Settings.from_env()
        settings.require(mode)
    except ConfigError as exc:
        raise StartupError(str(exc)) from None
    _configure_logging(settings)
    try:
        knowledge = LiveKnowledge(settings.kb_dir)
    except KBError as exc:
        lines = [str(p) for p in exc.problems if p.level is Level.ERROR]
        raise StartupError("the knowledge base is invalid:\n" + "\n".join(lines)) from None
    return settings, knowledge


def wsgi(settings: Settings | None = None) -> SlackWsgi:
    """The WSGI application (gunicorn: 'bot.serve:wsgi()')."""
    try:
        settings, knowledge = prepare(Mode.HTTP, settings)
    except StartupError as exc:
        print(f"rte-bot: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    log.info("knowledge base version %s loaded", knowledge.engine.kb.version)
    return SlackWsgi(create_app(settings, knowledge), knowledge)


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s - %s", self.address_string(), format % args)


def serve_http(port: int, host: str = "127.0.0.1", settings: Settings | None = None) -> None:
    """A threaded stdlib HTTP server for local development (use gunicorn in production)."""
    application = wsgi(settings)
    with make_server(host, port, application, _ThreadingServer, _QuietHandler) as server:
        log.info("serving Slack requests on http://%s:%d/slack/events", host, port)
        server.serve_forever()


def serve_socket(settings: Settings | None = None) -> None:
    settings, knowledge = prepare(Mode.SOCKET, settings)
    assert settings.app_token is not None
    handler = socket_handler(create_app(settings, knowledge), settings.app_token)
    log.info("connecting to Slack in Socket Mode")
    handler.start()  # type: ignore[no-untyped-call]
