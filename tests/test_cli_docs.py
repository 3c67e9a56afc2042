"""The CLI's help is its manual: every command has help, every option too, and the README
mentions every command (sqlite-utils' test_docs idea)."""

from __future__ import annotations

import click
import pytest

from bot.cli import cli
from tests.conftest import ROOT


def all_commands(group: click.Group = cli, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, command in group.commands.items():
        if command.hidden:
            continue
        full = f"{prefix}{name}"
        out.append((full, command))
        if isinstance(command, click.Group):
            out += all_commands(command, full + " ")
    return out


COMMANDS = all_commands()


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_command_has_help_and_every_option_too(name: str, command: click.Command) -> None:
    assert command.help and command.help.strip(), name
    for param in command.params:
        if isinstance(param, click.Option) and param.name != "help":
            assert param.help, f"{name} --{param.name} has no help"


@pytest.mark.parametrize("name", [n for n, _ in COMMANDS])
def test_readme_mentions_every_command(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"rte-bot {name}" in readme, f"README.md does not mention `rte-bot {name}`"
