"""The Procfile's web command, run as written: gunicorn serves signed requests end to end."""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.slack.conftest import SECRET, Slack
from tests.slack.fake_slack import FakeSlack


def web_command(port: int) -> list[str]:
    line = next(
        line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:")
    )
    return shlex.split(line.removeprefix("web:").replace("$PORT", str(port)))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def gunicorn(fake_slack: FakeSlack, tmp_path: Path):  # type: ignore[no-untyped-def]
    port = free_port()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake_slack.api_url,
        "RTE_BOT_DB": str(tmp_path / "feedback.sqlite3"),  # not next to the code
    }
    env.pop("RTE_BOT_KB", None)
    env.pop("DATABASE_URL", None)
    log = (tmp_path / "gunicorn.log").open("w")
    proc = subprocess.Popen(web_command(port), cwd=ROOT, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                log.close()
                raise AssertionError((tmp_path / "gunicorn.log").read_text()) from None
            time.sleep(0.2)
    yield base
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    log.close()


def test_procfile_web_command_serves_signed_requests(gunicorn: str, fake_slack: FakeSlack) -> None:
    fake_slack.quiet(0.2)
    fake_slack.reset()
    slack = Slack(gunicorn, fake_slack)
    assert slack.slash("is the scrum master a servant leader?").status == 200
    assert slack.mention("RTE vs program manager").status == 200
    posts = fake_slack.wait_for_posts(2)
    assert len(fake_slack.quiet()) == 2
    assert {p.method for p in posts} == {"response_url", "chat.postMessage"}
    assert slack.slash("does an RTE handle scope?", signed=False).status == 401
    health = slack.get("/healthz").json()
    assert health["ok"] and health["counts"]["roles"] >= 10
