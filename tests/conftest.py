"""Shared fixtures: the shipped knowledge base and engine, and the workplace's shared folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import kb
from bot.engine import Engine
from bot.records import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
KB_DIR = ROOT / "knowledge"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shipped_kb() -> KnowledgeBase:
    return kb.load(KB_DIR)


@pytest.fixture(scope="session")
def engine(shipped_kb: KnowledgeBase) -> Engine:
    return Engine(shipped_kb)


def shared_file(relative: str) -> Path:
    """A file of the workplace's ../shared folder; the test skips where it is absent."""
    path = SHARED / relative
    if not path.is_file():
        pytest.skip(f"{path} is not here (../shared exists only in the workplace)")
    return path
