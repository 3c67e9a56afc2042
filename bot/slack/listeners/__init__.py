"""Wire every listener to the app: one module per Slack trigger, one register() per surface."""

from slack_bolt import App

from bot.slack.listeners import actions, commands, events, messages, views


def register_listeners(app: App) -> None:
    commands.register(app)
    events.register(app)
    messages.register(app)
    actions.register(app)
    views.register(app)
