"""The feedback store, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.feedback.records import Unanswered, Vote
from bot.feedback.store import SCHEMA_VERSION, FeedbackStore, integrity_ok, schema_version


def vote(**changes: object) -> Vote:
    base = {
        "user_id": "U1",
        "answer_ref": "C1:1767225610.000400",
        "question": "does an RTE handle scope?",
        "vote": "wrong",
        "kind": "answer",
        "roles": "rte",
        "topic": "scope",
        "verdict": "no",
        "claim_ids": "rte-scope-owner,article-a16",
        "kb_version": "abc123",
    }
    return Vote(**{**base, **changes})  # type: ignore[arg-type]


def test_a_second_click_updates_the_vote(db_url: str) -> None:
    store = FeedbackStore(db_url)
    store.record_vote(vote(vote="wrong"))
    assert store.record_reason("C1:1767225610.000400", "U1", "SAFe 6 says otherwise")
    store.record_vote(vote(vote="wrong"))  # clicking Wrong again keeps the reason
    assert [(v["vote"], v["reason"]) for v in store.votes()] == [("wrong", "SAFe 6 says otherwise")]
    store.record_vote(vote(vote="helpful"))  # changing one's mind clears it
    assert [(v["vote"], v["reason"]) for v in store.votes()] == [("helpful", None)]
    store.record_vote(vote(user_id="U2"))  # someone else's vote is a second row
    assert len(store.votes()) == 2
    store.close()


def test_reason_without_a_vote_is_reported(db_url: str) -> None:
    store = FeedbackStore(db_url)
    assert store.record_reason("C9:1.1", "U9", "why") is False
    store.close()


def test_unanswered_questions_are_kept(db_url: str) -> None:
    store = FeedbackStore(db_url)
    store.record_unanswered(
        Unanswered("does a DBA handle backups?", "T1", "C1", "rte-risk", 0.2, "v1")
    )
    [row] = store.unanswered_questions()
    assert (row["question"], row["best_candidate"], row["score"]) == (
        "does a DBA handle backups?",
        "rte-risk",
        0.2,
    )
    store.close()


def test_schema_is_created_once_and_reopens(db_url: str) -> None:
    FeedbackStore(db_url).close()
    store = FeedbackStore(db_url)  # a second start finds the schema and changes nothing
    with store.engine.connect() as conn:
        assert conn.execute(select(schema_version.c.version)).scalars().all() == [SCHEMA_VERSION]
        assert integrity_ok(conn)
    store.close()


def test_rows_past_retention_are_purged(db_url: str) -> None:
    store = FeedbackStore(db_url, retention_days=30)
    store.record_vote(vote())
    store.record_unanswered(Unanswered("qwerty"))
    assert store.purge() == 0
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=31)
    assert store.purge(now=later) == 2
    assert store.votes() == [] and store.unanswered_questions() == []
    store.close()


def test_since_filters_by_date(db_url: str) -> None:
    store = FeedbackStore(db_url)
    store.record_vote(vote())
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    assert store.votes(since=tomorrow) == []
    assert len(store.votes(since=tomorrow - dt.timedelta(days=2))) == 1
    store.close()


def test_several_processes_may_migrate_at_once(db_url: str) -> None:
    """Every gunicorn worker opens the store at start: a fresh database must survive that."""
    import threading

    errors: list[BaseException] = []

    def start() -> None:
        try:
            FeedbackStore(db_url).close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    store = FeedbackStore(db_url)
    with store.engine.connect() as conn:
        assert conn.execute(select(schema_version.c.version)).scalars().all() == [SCHEMA_VERSION]
    store.close()
