from slack_bolt import App

from bot.slack.ids import VIEW_FEEDBACK_REASON
from bot.slack.listeners.views.feedback_reason import feedback_reason


def register(app: App) -> None:
    app.view(VIEW_FEEDBACK_REASON)(feedback_reason)
