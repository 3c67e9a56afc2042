"""A suggested-question button under "I don't know that one": ask it, and answer where the
original answer was (only to the asker for /rte, in the thread for mentions and DMs)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from bot.render_blocks import answer_message, share_value
from bot.slack.replies import ask, message_kwargs


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
    answer = ask(context, question)
    container = body.get("container") or {}
    message = body.get("message") or {}
    if container.get("is_ephemeral") or not message:
        reply = answer_message(answer, share=share_value(question))
        respond(**message_kwargs(reply), response_type="ephemeral", replace_original=False)
        return
    user = (body.get("user") or {}).get("id")
    client.chat_postMessage(
        channel=str(container.get("channel_id") or (body.get("channel") or {}).get("id")),
        thread_ts=message.get("thread_ts") or message.get("ts"),
        **message_kwargs(answer_message(answer, asked_by=user)),
    )
