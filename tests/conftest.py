"""Shared fixtures: the shipped knowledge base and engine, optional files beside the checkout."""

from __future__ import annotations

from collections.abc import Iterator
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
    """An optional file kept in a `shared` folder beside the checkout (an extra public golden set,
    the taxonomy it uses). A plain clone has no such folder, and the test that needs it skips."""
    path = SHARED / relative
    if not path.is_file():
        pytest.skip(
            f"optional file {relative} not found in {SHARED} (an extra golden set kept outside "
            "the repository; a plain clone does not have it)"
        )
    return path


# -- databases: every storage test runs against SQLite and a real PostgreSQL -------------------
from tests.postgres import fresh_database, postgres_admin  # noqa: E402, F401


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'feedback.sqlite3'}"
        return
    admin = request.getfixturevalue("postgres_admin")
    yield from fresh_database(admin)


@pytest.fixture(scope="session", autouse=True)
def nothing_written_into_the_checkout() -> Iterator[None]:
    """Tests keep their databases in temporary folders, never next to the code."""
    before = set(ROOT.glob("*.sqlite3*"))
    yield
    assert set(ROOT.glob("*.sqlite3*")) == before
