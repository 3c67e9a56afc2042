from slack_bolt import App

from bot.slack.ids import EVENT_APP_MENTION
from bot.slack.listeners.events.app_mention import app_mention


def register(app: App) -> None:
    app.event(EVENT_APP_MENTION)(app_mention)
