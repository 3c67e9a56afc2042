from slack_bolt import App

from bot.slack.ids import COMMAND
from bot.slack.listeners.commands.rte_command import rte_command


def register(app: App) -> None:
    app.command(COMMAND)(rte_command)
