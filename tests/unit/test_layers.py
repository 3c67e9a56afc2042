"""Data flows one way: the engine knows nothing of Slack or YAML; the Slack layer nothing of YAML.

The check follows imports inside the `bot` package, so an engine module cannot reach YAML or
Slack through a helper either.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "bot"
# Every module of the engine package, found on disk (a new module is covered without a list).
ENGINE = [
    ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
    for p in sorted((PACKAGE / "engine").rglob("*.py"))
] + ["bot.records", "bot.evaluate", "bot.render.text", "bot.render.json"]
FORBIDDEN_IN_ENGINE = ("yaml", "slack_bolt", "slack_sdk", "bot.kb", "bot.slack")


def module_path(name: str) -> Path:
    relative = Path(*name.split("."))
    candidate = PACKAGE.parent / relative.with_suffix(".py")
    return candidate if candidate.exists() else PACKAGE.parent / relative / "__init__.py"


def imports_of(name: str) -> set[str]:
    tree = ast.parse(module_path(name).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def closure(name: str) -> set[str]:
    """Every module `name` imports, following imports within the bot package."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        for imported in imports_of(current):
            if imported in seen:
                continue
            seen.add(imported)
            if imported.startswith("bot.") and module_path(imported).exists():
                todo.append(imported)
    return seen


@pytest.mark.parametrize("module", ENGINE)
def test_engine_modules_know_nothing_of_slack_or_yaml(module: str) -> None:
    bad = {m for m in closure(module) if m.split(".")[0] in ("yaml", "slack_bolt", "slack_sdk")}
    bad |= {m for m in closure(module) if m.startswith(("bot.kb", "bot.slack"))}
    assert bad == set()


def test_only_storage_and_the_manifest_import_yaml() -> None:
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if name.startswith("bot.kb") or name == "bot.manifest":
            continue
        assert "yaml" not in {
            m.split(".")[0] for m in imports_of(name.removesuffix(".__init__"))
        }, name


def test_the_slack_layer_knows_nothing_of_storage() -> None:
    for path in (PACKAGE / "slack").rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        reached = closure(name.removesuffix(".__init__"))
        assert not {m for m in reached if m == "yaml" or m.startswith(("bot.kb", "bot.live_kb"))}, (
            name
        )


def test_only_the_slack_layer_imports_slack_bolt() -> None:
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if name.startswith("bot.slack"):
            continue
        bolt = {m for m in imports_of(name.removesuffix(".__init__")) if m.startswith("slack_bolt")}
        assert bolt == set(), name
