"""/rte: the answer goes to the asker only, with a "Post to channel" button; comparisons are
posted in the channel; help, roles and topics list what the bot knows."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_bolt.context.respond import Respond

from bot.answer import Kind
from bot.render_blocks import answer_message, roles_message, share_value, topics_message
from bot.slack.replies import ask, engine_of, message_kwargs, respond_with


def rte_command(ack: Ack, command: dict[str, Any], respond: Respond, context: Any) -> None:
    ack()  # within Slack's 3 seconds; the answer follows through response_url
    text = (command.get("text") or "").strip()
    word = text.lower()
    engine = engine_of(context)
    if word in ("roles", "topics"):
        listing = (
            roles_message(engine.kb.roles) if word == "roles" else topics_message(engine.kb.topics)
        )
        respond(**message_kwargs(listing), response_type="ephemeral", replace_original=False)
        return
    answer = ask(context, text)
    if answer.kind is Kind.COMPARISON:
        respond_with(respond, answer, in_channel=True, asked_by=command.get("user_id"))
    else:
        respond(
            # The button carries the question as read (markup stripped), never raw user text.
            **message_kwargs(answer_message(answer, share=share_value(answer.question))),
            response_type="ephemeral",
            replace_original=False,
        )
