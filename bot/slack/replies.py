"""What every listener shares: get an answer, render it, send it, and apologise on failure."""

from __future__ import annotations

import functools
import logging
from typing import Any

from slack_bolt.context.respond import Respond
from slack_bolt.context.say import Say

from bot.engine import Engine
from bot.engine.answer import Answer, Kind
from bot.engine.normalise import MAX_INPUT_CHARS
from bot.feedback.records import Unanswered
from bot.render.blocks import Message, answer_message, share_value

log = logging.getLogger(__name__)

SORRY = "Sorry, something went wrong while answering. Please try again in a moment."


def engine_of(context: Any) -> Engine:
    return context["knowledge"].engine  # type: ignore[no-any-return]


def reply_for(
    context: Any, text: str, *, asked_by: str | None = None, share: bool = False
) -> tuple[Answer, Message]:
    """The answer to `text` and its message; `share` adds the "Post to channel" button."""
    # Past MAX_INPUT_CHARS nothing more is read, so a longer text has the same answer.
    return _rendered(engine_of(context), text[: MAX_INPUT_CHARS + 1], asked_by, share)


@functools.lru_cache(maxsize=1024)
def _rendered(
    engine: Engine, text: str, asked_by: str | None, share: bool
) -> tuple[Answer, Message]:
    """Answers depend only on the knowledge base (one engine per version) and the text, and
    popular questions repeat: rendering each once keeps the work after the ack small."""
    answer = engine.ask(text)
    button = share_value(answer.question) if share else None
    return answer, answer_message(answer, asked_by=asked_by, share=button)


def channel_of(body: dict[str, Any]) -> str | None:
    """The channel a button was clicked in (Slack sends it as `container` and as `channel`)."""
    return (body.get("container") or {}).get("channel_id") or (body.get("channel") or {}).get("id")


def note_unanswered(
    context: Any, answer: Answer, team_id: str | None, channel_id: str | None
) -> None:
    """Curators see what people ask that the knowledge base lacks."""
    if answer.kind is not Kind.NO_MATCH or not answer.question:
        return
    context["feedback"].record_unanswered(
        Unanswered(
            question=answer.question,
            team_id=team_id,
            channel_id=channel_id,
            best_candidate=answer.nearest,
            score=answer.nearest_score,
            kb_version=answer.kb_version,
        )
    )


def message_kwargs(message: Message) -> dict[str, Any]:
    # No link_names, no parse=full: nothing in a reply may turn into a ping.
    return {
        "blocks": message.blocks,
        "text": message.text,
        "unfurl_links": False,
        "unfurl_media": False,
    }


def send_in_thread(say: Say, message: Message, thread_ts: str | None) -> None:
    say(**message_kwargs(message), thread_ts=thread_ts)


def respond_with(respond: Respond, message: Message, *, in_channel: bool) -> None:
    respond(
        **message_kwargs(message),
        response_type="in_channel" if in_channel else "ephemeral",
        replace_original=False,
    )


def apologise(
    error: Exception,
    body: dict[str, Any],
    logger: logging.Logger,
    respond: Respond | None,
    say: Say | None,
) -> None:
    """The one error handler: log with context, then tell the user instead of going silent."""
    event = body.get("event") or {}
    logger.error(
        "listener failed: %r (type=%s command=%s event=%s team=%s channel=%s user=%s)",
        error,
        body.get("type"),
        body.get("command"),
        event.get("type"),
        body.get("team_id") or (body.get("team") or {}).get("id"),
        body.get("channel_id") or event.get("channel") or (body.get("channel") or {}).get("id"),
        body.get("user_id") or event.get("user") or (body.get("user") or {}).get("id"),
        exc_info=error,
    )
    try:
        if respond is not None and body.get("response_url"):
            respond(text=SORRY, response_type="ephemeral", replace_original=False)
        elif say is not None and event:
            say(text=SORRY, thread_ts=event.get("thread_ts") or event.get("ts"))
    except Exception:  # the apology itself failed (Slack unreachable): the log must do
        logger.exception("could not tell the user about the failure")
