"""@rte-bot in a channel: answer in a thread under the mention (or in its thread)."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.say import Say

from bot.slack.replies import note_unanswered, reply_for, send_in_thread


def app_mention(event: dict[str, Any], say: Say, context: Any) -> None:
    if event.get("bot_id") or event.get("subtype"):
        return  # another bot mentioned us, or an edit: not a question from a person
    answer, message = reply_for(context, event.get("text") or "", asked_by=event.get("user"))
    note_unanswered(context, answer, event.get("team"), event.get("channel"))
    send_in_thread(say, message, event.get("thread_ts") or event.get("ts"))
