import re

from slack_bolt import App

from bot.slack.ids import (
    ACTION_ASK_SUGGESTION,
    ACTION_FEEDBACK_HELPFUL,
    ACTION_FEEDBACK_WRONG,
    ACTION_POST_TO_CHANNEL,
)
from bot.slack.listeners.actions.ask_suggestion import ask_suggestion
from bot.slack.listeners.actions.feedback import helpful, wrong
from bot.slack.listeners.actions.post_to_channel import post_to_channel


def register(app: App) -> None:
    app.action(ACTION_POST_TO_CHANNEL)(post_to_channel)
    app.action(re.compile(rf"^{ACTION_ASK_SUGGESTION}_\d+$"))(ask_suggestion)
    app.action(ACTION_FEEDBACK_HELPFUL)(helpful)
    app.action(ACTION_FEEDBACK_WRONG)(wrong)
