"""A throwaway PostgreSQL server for the tests, started from the machine's own binaries.

`.ci/run` installs Debian's postgresql package and sets RTE_BOT_REQUIRE_POSTGRES=1, so there a
missing server fails the run; on a developer's machine without PostgreSQL the Postgres half of
the storage tests is skipped with a message saying so. RTE_BOT_TEST_POSTGRES may instead name
an existing server (an admin URL).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

REQUIRED = os.environ.get("RTE_BOT_REQUIRE_POSTGRES") == "1"


def _bin(name: str) -> str | None:
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(folder, name).is_file():
            return str(Path(folder, name))
    return shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self) -> None:
        initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError("PostgreSQL's initdb / pg_ctl are not installed")
        self.pg_ctl = pg_ctl
        self.dir = Path(tempfile.mkdtemp(prefix="rte-bot-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.as_postgres = os.geteuid() == 0  # initdb refuses to run as root
        if self.as_postgres:
            shutil.chown(self.dir, "postgres")
        self._run([initdb, "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8"])
        self._run(
            [
                pg_ctl,
                "-D",
                str(self.data),
                "-l",
                str(self.dir / "log"),
                "-w",
                "-t",
                "60",
                "-o",
                f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=on",
                "start",
            ]
        )
        self.admin_url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, args: list[str]) -> None:
        if self.as_postgres:
            args = ["runuser", "-u", "postgres", "--", *args]
        subprocess.run(args, check=True, capture_output=True, timeout=120)

    def stop(self) -> None:
        try:
            self._run([self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop"])
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[str]:
    given = os.environ.get("RTE_BOT_TEST_POSTGRES")
    if given:
        yield given
        return
    try:
        server = Server()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        if REQUIRED:
            pytest.fail(f"PostgreSQL is required here but could not start: {exc}")
        pytest.skip(f"PostgreSQL not available ({exc}); install it to run these tests")
    try:
        yield server.admin_url
    finally:
        server.stop()


def fresh_database(admin_url: str) -> Iterator[str]:
    """A new, empty database on the server, dropped afterwards."""
    name = f"rte_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.rsplit("/", 1)[0] + "/" + name
    finally:
        deadline = time.monotonic() + 10
        with admin.connect() as conn:
            while True:
                try:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                    break
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
        admin.dispose()
