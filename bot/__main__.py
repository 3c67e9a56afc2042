"""`python -m bot` is the same as the `rte-bot` command."""

from bot.cli import cli

if __name__ == "__main__":
    cli()
