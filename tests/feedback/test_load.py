"""Feedback under load and under a crash: nothing is lost."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

from sqlalchemy import text

from bot.feedback.store import FeedbackStore, integrity_ok
from bot.render.blocks import feedback_value
from tests.slack.conftest import Slack, serving_process
from tests.slack.fake_slack import FakeSlack

THREADS, PER_THREAD = 8, 500


def a_feedback_value() -> str:
    from bot import kb
    from bot.engine import Engine

    return feedback_value(Engine(kb.load()).ask("does an RTE handle scope?"))


def test_8_threads_x_500_votes_through_the_handler_leave_4000_rows(bot: Slack, db_url: str) -> None:
    value = a_feedback_value()
    failures: list[object] = []

    def clicker(n: int) -> None:
        for i in range(PER_THREAD):
            reply = bot.click(
                "feedback_helpful", value, ephemeral=False, message_ts=f"1767226000.{n:02d}{i:04d}"
            )
            if reply.status != 200:
                failures.append(reply.status)

    threads = [threading.Thread(target=clicker, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    store = FeedbackStore(db_url)
    with store.engine.connect() as conn:
        count = conn.execute(text("SELECT COUNT(*) FROM feedback")).scalar()
        distinct = conn.execute(text("SELECT COUNT(DISTINCT answer_ref) FROM feedback")).scalar()
    assert count == distinct == THREADS * PER_THREAD
    store.close()


def test_sigkill_mid_load_loses_no_acknowledged_vote(
    fake_slack: FakeSlack, db_url: str, tmp_path: Path
) -> None:
    """Votes are committed before the ack: every click that got its 200 is in the database."""
    env = {"RTE_BOT_KB_POLL": "0", "RTE_BOT_DB": db_url, "DATABASE_URL": ""}
    proc, bot = serving_process(env, tmp_path, fake_slack)
    try:
        value = a_feedback_value()
        acked: list[str] = []
        lock = threading.Lock()
        stop = threading.Event()

        def clicker(n: int) -> None:
            i = 0
            while not stop.is_set():
                ts = f"1767227000.{n:02d}{i:05d}"
                i += 1
                try:
                    reply = bot.click("feedback_wrong", value, ephemeral=False, message_ts=ts)
                except OSError:
                    return  # the server is gone mid-request: not acknowledged
                if reply.status == 200:
                    with lock:
                        acked.append(f"C0KB12345:{ts}")

        threads = [threading.Thread(target=clicker, args=(n,)) for n in range(6)]
        for t in threads:
            t.start()
        while len(acked) < 300:
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)  # in the middle of the load
        stop.set()
        for t in threads:
            t.join()
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    store = FeedbackStore(db_url)  # opens cleanly (and migrates nothing) after the crash
    stored = {row["answer_ref"] for row in store.votes()}
    with store.engine.connect() as conn:
        assert integrity_ok(conn)
    store.close()
    missing = set(acked) - stored
    assert len(acked) >= 300 and missing == set()
