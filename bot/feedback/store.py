"""Durable feedback and unanswered questions: one code path for SQLite and Postgres.

SQLite (the default, a file next to the app, in WAL mode) suits a single machine; on Heroku the
dyno's disk is wiped on every restart, so there DATABASE_URL points at Postgres. SQLAlchemy Core
gives both the same statements, including the upsert that turns a second click on the same
answer into an update instead of a second vote.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.pool import StaticPool

from bot.feedback.records import VOTES, Unanswered, Vote

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
MIGRATE_ATTEMPTS = 5
MIGRATION_LOCK = 0x72746562  # a Postgres advisory lock key ("rteb") held while migrating
DEFAULT_RETENTION_DAYS = 365

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("team_id", String(32)),
    Column("channel_id", String(32)),
    Column("user_id", String(32), nullable=False),
    # The answer message voted on ("C0123:1767225610.000400"): a second click updates the vote.
    Column("answer_ref", String(128), nullable=False),
    Column("question", Text, nullable=False),
    Column("kind", String(16)),
    Column("roles", Text),  # comma-separated role ids, the one asked about first
    Column("topic", String(64)),
    Column("verdict", String(16)),
    Column("claim_ids", Text),  # comma-separated, in the order the answer showed them
    Column("kb_version", String(32)),
    Column("vote", String(16), nullable=False),
    Column("reason", Text),
    UniqueConstraint("answer_ref", "user_id", name="one_vote_per_answer_and_user"),
)

unanswered = Table(
    "unanswered",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
    Column("team_id", String(32)),
    Column("channel_id", String(32)),
    Column("question", Text, nullable=False),
    Column("best_candidate", Text),  # the nearest claim id, if any
    Column("score", Float),
    Column("kb_version", String(32)),
)

# Each migration takes the schema from version n-1 to n. Version 1 is the tables above.
MIGRATIONS: dict[int, list[str]] = {}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class FeedbackStore:
    """Writes are committed before the call returns: a caller that acks after a write never
    acknowledges something a crash could lose."""

    def __init__(self, url: str, retention_days: int = DEFAULT_RETENTION_DAYS) -> None:
        self.url = url
        self.retention_days = retention_days
        self.engine = _engine(url)
        self.migrate()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self) -> None:
        """Create the schema, or bring an older one up to date; safe to run on every start, and
        from several processes starting at once (every gunicorn worker runs it)."""
        for attempt in range(MIGRATE_ATTEMPTS):
            try:
                self._migrate_once()
                return
            except (OperationalError, ProgrammingError, IntegrityError):
                # Another process created the same table a moment earlier: look again.
                if attempt == MIGRATE_ATTEMPTS - 1:
                    raise
                time.sleep(0.1 * (attempt + 1))

    def _migrate_once(self) -> None:
        with self.engine.begin() as conn:
            if self.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            metadata.create_all(conn, checkfirst=True)
            current = conn.execute(select(schema_version.c.version)).scalars().all()
            have = max(current, default=0)
            if have == 0:
                conn.execute(
                    insert(schema_version).values(version=SCHEMA_VERSION, applied_at=_now())
                )
                return
            for version in range(have + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS.get(version, []):
                    conn.exec_driver_sql(statement)
                conn.execute(insert(schema_version).values(version=version, applied_at=_now()))

    def _upsert(self) -> Any:
        return postgresql.insert if self.dialect == "postgresql" else sqlite.insert

    def record_vote(self, vote: Vote) -> None:
        """Insert the vote, or update this user's earlier vote on the same answer."""
        if vote.vote not in VOTES:
            raise ValueError(f"vote must be one of {VOTES}")
        now = _now()
        row = {**asdict(vote), "created_at": now, "updated_at": now}
        statement = self._upsert()(feedback).values(**row)
        changes: dict[str, Any] = {"vote": statement.excluded.vote, "updated_at": now}
        if vote.reason is not None or vote.vote == "helpful":
            changes["reason"] = statement.excluded.reason  # "helpful" clears an old reason
        statement = statement.on_conflict_do_update(
            index_elements=["answer_ref", "user_id"], set_=changes
        )
        with self.engine.begin() as conn:
            conn.execute(statement)

    def record_reason(self, answer_ref: str, user_id: str, reason: str) -> bool:
        """Attach the reason from the "Wrong" form; False if there was no vote to attach it to."""
        with self.engine.begin() as conn:
            result = conn.execute(
                update(feedback)
                .where(feedback.c.answer_ref == answer_ref, feedback.c.user_id == user_id)
                .values(reason=reason, vote="wrong", updated_at=_now())
            )
        return bool(result.rowcount)

    def record_unanswered(self, item: Unanswered) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(unanswered).values(**asdict(item), created_at=_now()))

    def purge(self, now: dt.datetime | None = None) -> int:
        """Delete rows older than the retention period; returns how many went."""
        cutoff = (now or _now()) - dt.timedelta(days=self.retention_days)
        with self.engine.begin() as conn:
            gone = conn.execute(delete(feedback).where(feedback.c.updated_at < cutoff)).rowcount
            gone += conn.execute(
                delete(unanswered).where(unanswered.c.created_at < cutoff)
            ).rowcount
        if gone:
            log.info("purged %d feedback rows older than %d days", gone, self.retention_days)
        return int(gone)

    def votes(self, since: dt.datetime | None = None) -> list[dict[str, Any]]:
        return list(self._rows(feedback, feedback.c.created_at, since))

    def unanswered_questions(self, since: dt.datetime | None = None) -> list[dict[str, Any]]:
        return list(self._rows(unanswered, unanswered.c.created_at, since))

    def _rows(
        self, table: Table, column: Any, since: dt.datetime | None
    ) -> Iterator[dict[str, Any]]:
        query = select(table).order_by(table.c.id)
        if since is not None:
            query = query.where(column >= since)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield dict(row._mapping)

    def close(self) -> None:
        self.engine.dispose()


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///:memory:")
        pool: dict[str, Any] = (
            {"poolclass": StaticPool} if memory else {"pool_size": 8, "max_overflow": 8}
        )
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, **pool
        )

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _: Any) -> None:
            cursor = dbapi_conn.cursor()
            # WAL: readers never block the writer; a killed process loses no committed write.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_engine(url, pool_size=5, max_overflow=10, pool_pre_ping=True)


def integrity_ok(conn: Connection) -> bool:
    """SQLite's own consistency check (always true on Postgres, which checks itself)."""
    if conn.dialect.name != "sqlite":
        return True
    return bool(conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok")
