"""Hot reload: an edit is picked up; an edit that fails `kb check` is rejected and the last good
knowledge base keeps answering; SIGHUP reloads too."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from collections.abc import Callable
from pathlib import Path

from bot.config import Settings
from bot.live_kb import LiveKnowledge
from tests.conftest import KB_DIR
from tests.slack.conftest import SECRET, Slack, serve_bot, serving_process
from tests.slack.fake_slack import FakeSlack

OLD = "Release Train Engineer"


def copy_kb(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    shutil.copytree(KB_DIR, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path)


def wait_until(check: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_live_knowledge_keeps_the_last_good_version(tmp_path: Path) -> None:
    folder = copy_kb(tmp_path)
    live = LiveKnowledge(folder)
    first = live.engine.kb.version
    roles = folder / "roles.yaml"
    edit(roles, f"name: {OLD}", f"name: {OLD} (SAFe)")
    assert live.reload_if_changed() and live.engine.kb.version != first
    good = live.engine.kb.version
    edit(roles, "    short: RTE", "    short: RTE\n    short: again")  # a duplicate key
    assert live.reload_if_changed() is False
    assert live.engine.kb.version == good
    assert live.status()["rejected_edit"] and "duplicate key" in live.status()["rejected_edit"][0]
    assert live.engine.ask("does an RTE handle scope?").verdict is not None


def test_a_serving_bot_picks_up_edits_and_survives_bad_ones(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    folder = copy_kb(tmp_path)
    settings = Settings(
        bot_token="xoxb-t",
        signing_secret=SECRET,
        api_url=fake_slack.api_url,
        kb_dir=folder,
        database_url=f"sqlite:///{tmp_path / 'f.db'}",
        kb_poll_seconds=0.1,
    )
    url, server = serve_bot(settings)
    try:
        slack = Slack(url, fake_slack)
        first = slack.get("/healthz").json()["kb_version"]
        claims = folder / "claims" / "rte.yaml"
        edit(claims, "stance:", "stance: maybe-not-a-stance #")  # fails kb check
        wait_until(lambda: bool(slack.get("/healthz").json()["rejected_edit"]))
        assert slack.get("/healthz").json()["kb_version"] == first
        fake_slack.reset()
        slack.mention("does an RTE handle scope?")
        [post] = fake_slack.wait_for_posts(1)
        assert post.blocks[0]["text"]["text"].startswith("*No:")  # still answering
        edit(claims, "stance: maybe-not-a-stance #", "stance:")  # fixed
        edit(folder / "roles.yaml", f"name: {OLD}", f"name: {OLD} (SAFe)")
        wait_until(lambda: slack.get("/healthz").json()["kb_version"] != first)
        health = slack.get("/healthz").json()
        assert health["rejected_edit"] == [] and health["kb_loaded_at"]
        fake_slack.reset()
        slack.mention("what is an RTE?")
        [post] = fake_slack.wait_for_posts(1)
        assert f"{OLD} (SAFe)" in json.dumps(post.blocks)
    finally:
        fake_slack.quiet(0.2)
        server.shutdown()
        server.server_close()


def test_sighup_reloads_a_running_process(fake_slack: FakeSlack, tmp_path: Path) -> None:
    folder = copy_kb(tmp_path)
    env = {"RTE_BOT_KB": str(folder), "RTE_BOT_KB_POLL": "0", "RTE_BOT_DB": str(tmp_path / "f.db")}
    proc, slack = serving_process(env, tmp_path, fake_slack)
    try:

        def health() -> dict[str, object]:
            try:
                return slack.get("/healthz").json()  # type: ignore[no-any-return]
            except OSError:
                return {}

        first = health()["kb_version"]
        edit(folder / "roles.yaml", f"name: {OLD}", f"name: {OLD} (SAFe)")
        time.sleep(0.5)
        assert health()["kb_version"] == first  # polling is off: nothing yet
        proc.send_signal(signal.SIGHUP)
        wait_until(lambda: health()["kb_version"] != first)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
