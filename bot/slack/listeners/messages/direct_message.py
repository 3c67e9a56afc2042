"""A direct message: answer in the DM. Edits, joins, deletions and bots (us included) are
ignored on purpose."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.say import Say

from bot.slack.replies import note_unanswered, reply_for, send_in_thread


def direct_message(event: dict[str, Any], say: Say, context: Any) -> None:
    if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
        return
    answer, message = reply_for(context, event.get("text") or "")
    note_unanswered(context, answer, event.get("team"), event.get("channel"))
    send_in_thread(say, message, event.get("thread_ts"))
