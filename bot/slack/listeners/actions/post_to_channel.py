"""The "Post to channel" button under an ephemeral /rte answer: post the same answer for
everyone, marked as asked by the person who clicked."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.render.blocks import question_from_value
from bot.slack.replies import channel_of, message_kwargs, reply_for, respond_with

log = logging.getLogger(__name__)


def post_to_channel(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    client: WebClient,
    respond: Respond,
    context: Any,
) -> None:
    ack()
    question = question_from_value(action.get("value") or "")
    user = (body.get("user") or {}).get("id")
    channel = str(channel_of(body))
    _, message = reply_for(context, question, asked_by=user)
    try:
        client.chat_postMessage(channel=channel, **message_kwargs(message))
    except SlackApiError as exc:
        # A private channel the bot is not in: the command's response_url can still post there.
        log.info("chat.postMessage to %s failed (%s); posting through response_url", channel, exc)
        respond_with(respond, message, in_channel=True)
        return
    respond(text="Posted to the channel.", response_type="ephemeral", replace_original=True)
