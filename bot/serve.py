"""Entry points that run the bot: they read the settings, load the knowledge base, open the
feedback store and hand them to the Slack layer. gunicorn imports `bot.serve:wsgi()` (once per
worker); `rte-bot serve` and `rte-bot socket` call the functions below.

Every serving process also keeps itself current: it reloads the knowledge base when its files
change (polled) or on SIGHUP, and purges feedback past its retention period once a day.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from dataclasses import dataclass
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from sqlalchemy.exc import SQLAlchemyError

from bot.config import ConfigError, Mode, Settings
from bot.feedback.store import FeedbackStore
from bot.kb.problems import KBError, Level
from bot.live_kb import LiveKnowledge
from bot.slack.app import create_app
from bot.slack.http import SlackWsgi
from bot.slack.socket import socket_handler

log = logging.getLogger("bot")
PURGE_EVERY_SECONDS = 24 * 3600


class StartupError(Exception):
    """The bot cannot start; the message says why. `code` is the exit status."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Runtime:
    settings: Settings
    knowledge: LiveKnowledge
    store: FeedbackStore

    def start_background(self) -> None:
        """Reload on edits and on SIGHUP; purge old feedback daily. Daemon threads: they
        never keep a stopping process alive."""
        wake = threading.Event()
        if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, lambda *_: wake.set())
        threading.Thread(target=self._watch, args=(wake,), name="kb-reload", daemon=True).start()
        threading.Thread(target=self._purge_daily, name="feedback-purge", daemon=True).start()

    def _watch(self, wake: threading.Event) -> None:
        poll = self.settings.kb_poll_seconds or None  # 0: only SIGHUP
        while True:
            signalled = wake.wait(poll)
            wake.clear()
            try:
                if signalled:
                    log.info("SIGHUP: reloading the knowledge base")
                    self.knowledge.reload()
                else:
                    self.knowledge.reload_if_changed()
            except Exception:  # never let a reload problem end the watcher
                log.exception("knowledge base reload failed; still answering from the last one")

    def _purge_daily(self) -> None:
        stop = threading.Event()
        while True:
            try:
                self.store.purge()
            except SQLAlchemyError:
                log.exception("purging old feedback failed; will try again tomorrow")
            stop.wait(PURGE_EVERY_SECONDS)


def _configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def prepare(mode: Mode, settings: Settings | None = None) -> Runtime:
    """Settings checked for `mode`, the knowledge base loaded and the store opened; or
    StartupError saying why not."""
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
        raise StartupError("the knowledge base is invalid:\n" + "\n".join(lines), 1) from None
    try:
        store = FeedbackStore(settings.database_url, settings.retention_days)
    except SQLAlchemyError as exc:
        raise StartupError(f"cannot open the feedback database: {exc}", 1) from None
    return Runtime(settings, knowledge, store)


def wsgi(settings: Settings | None = None) -> SlackWsgi:
    """The WSGI application (gunicorn: 'bot.serve:wsgi()')."""
    try:
        runtime = prepare(Mode.HTTP, settings)
    except StartupError as exc:
        print(f"rte-bot: {exc}", file=sys.stderr)
        raise SystemExit(exc.code) from None
    runtime.start_background()
    log.info("knowledge base version %s loaded", runtime.knowledge.engine.kb.version)
    app = create_app(runtime.settings, runtime.knowledge, runtime.store)
    return SlackWsgi(app, runtime.knowledge)


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
    runtime = prepare(Mode.SOCKET, settings)
    assert runtime.settings.app_token is not None
    runtime.start_background()
    app = create_app(runtime.settings, runtime.knowledge, runtime.store)
    handler = socket_handler(app, runtime.settings.app_token)
    log.info("connecting to Slack in Socket Mode")
    handler.start()  # type: ignore[no-untyped-call]
