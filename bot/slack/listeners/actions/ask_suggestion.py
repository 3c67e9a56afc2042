"""A suggested-question button under "I don't know that one": ask it, and answer where the
original answer was (only to the asker for /rte, in the thread for mentions and DMs)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from bot.slack.replies import channel_of, message_kwargs, reply_for, respond_with


def ask_suggestion(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    client: WebClient,
    respond: Respond,
    context: Any,
) -> None:
    ack()
    question = action.get("value") or ""
    container = body.get("container") or {}
    message = body.get("message") or {}
    if container.get("is_ephemeral") or not message:
        _, reply = reply_for(context, question, share=True)
        respond_with(respond, reply, in_channel=False)
        return
    user = (body.get("user") or {}).get("id")
    _, reply = reply_for(context, question, asked_by=user)
    client.chat_postMessage(
        channel=str(channel_of(body)),
        thread_ts=message.get("thread_ts") or message.get("ts"),
        **message_kwargs(reply),
    )
