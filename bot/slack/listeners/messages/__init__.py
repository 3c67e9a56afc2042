from slack_bolt import App

from bot.slack.ids import EVENT_MESSAGE
from bot.slack.listeners.messages.direct_message import direct_message


def register(app: App) -> None:
    # Every message event is acknowledged here, even the ones ignored on purpose: an
    # unhandled event would get a 404 and Slack would deliver it again.
    app.event(EVENT_MESSAGE)(direct_message)
