"""Every Slack identifier the app uses, defined once. A test checks them against manifest.yml."""

from bot.render.blocks import (
    ACTION_ASK_SUGGESTION,
    ACTION_FEEDBACK_HELPFUL,
    ACTION_FEEDBACK_WRONG,
    ACTION_POST_TO_CHANNEL,
    VIEW_FEEDBACK_REASON,
)

COMMAND = "/rte"
EVENT_APP_MENTION = "app_mention"
EVENT_MESSAGE = "message"  # subscribed as message.im: direct messages
BOT_EVENTS = ("app_mention", "message.im")
BOT_SCOPES = ("commands", "app_mentions:read", "chat:write", "chat:write.public", "im:history")

__all__ = [
    "ACTION_ASK_SUGGESTION",
    "ACTION_FEEDBACK_HELPFUL",
    "ACTION_FEEDBACK_WRONG",
    "ACTION_POST_TO_CHANNEL",
    "BOT_EVENTS",
    "BOT_SCOPES",
    "COMMAND",
    "EVENT_APP_MENTION",
    "EVENT_MESSAGE",
    "VIEW_FEEDBACK_REASON",
]
