"""/rte: the answer goes to the asker only, with a "Post to channel" button; comparisons are
posted in the channel; help, roles and topics list what the bot knows."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_bolt.context.respond import Respond

from bot.engine.answer import Kind
from bot.render.blocks import roles_message, topics_message
from bot.slack.replies import engine_of, note_unanswered, reply_for, respond_with


def rte_command(ack: Ack, command: dict[str, Any], respond: Respond, context: Any) -> None:
    ack()  # within Slack's 3 seconds; the answer follows through response_url
    text = (command.get("text") or "").strip()
    word = text.lower()
    if word in ("roles", "topics"):
        kb = engine_of(context).kb
        listing = roles_message(kb.roles) if word == "roles" else topics_message(kb.topics)
        respond_with(respond, listing, in_channel=False)
        return
    answer, message = reply_for(context, text, share=True)
    note_unanswered(context, answer, command.get("team_id"), command.get("channel_id"))
    if answer.kind is Kind.COMPARISON:
        _, message = reply_for(context, text, asked_by=command.get("user_id"))
        respond_with(respond, message, in_channel=True)
    else:
        respond_with(respond, message, in_channel=False)
