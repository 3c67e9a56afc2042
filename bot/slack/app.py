"""Build the Bolt app: one factory shared by Socket Mode, gunicorn and the tests."""

from __future__ import annotations

import logging
from typing import Any, Protocol

from slack_bolt import App, BoltResponse
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from slack_sdk.http_retry import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from bot.config import Settings
from bot.engine import Engine
from bot.feedback.records import Unanswered, Vote
from bot.slack.dedupe import RecentIds
from bot.slack.listeners import register_listeners
from bot.slack.replies import apologise

log = logging.getLogger(__name__)


class FeedbackSink(Protocol):
    """Where votes and unanswered questions go (bot.feedback.store.FeedbackStore)."""

    def record_vote(self, vote: Vote) -> None: ...

    def record_reason(self, answer_ref: str, user_id: str, reason: str) -> bool: ...

    def record_unanswered(self, item: Unanswered) -> None: ...


class Knowledge(Protocol):
    """Where answers come from: the current engine (which may be swapped by a reload)."""

    @property
    def engine(self) -> Engine: ...

    def status(self) -> dict[str, Any]: ...


def create_app(settings: Settings, knowledge: Knowledge, feedback: FeedbackSink) -> App:
    client = WebClient(
        token=settings.bot_token,
        base_url=settings.api_url,
        # Rate limits (HTTP 429) wait for Retry-After and try again, instead of failing.
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=1),
            RateLimitErrorRetryHandler(max_retry_count=2),
        ],
    )
    app = App(
        client=client,
        signing_secret=settings.signing_secret,
        # Start without calling Slack: auth.test happens on the first request instead, so
        # the app (and /healthz) comes up even while Slack is unreachable.
        token_verification_enabled=False,
        logger=logging.getLogger("bot.slack.bolt"),
    )
    seen = RecentIds()

    @app.middleware
    def one_reply_per_event(request: BoltRequest, next: Any) -> BoltResponse | None:
        """Slack retries an event it thinks failed: answer each event once."""
        if request.headers.get("x-slack-retry-num"):
            return BoltResponse(status=200, body="")
        body = request.body
        event_id = body.get("event_id") if isinstance(body, dict) else None
        if event_id and not seen.first_time(f"{body.get('team_id')}:{event_id}"):
            return BoltResponse(status=200, body="")
        request.context["knowledge"] = knowledge
        request.context["feedback"] = feedback
        return next()  # type: ignore[no-any-return]

    app.error(apologise)
    register_listeners(app)
    return app
