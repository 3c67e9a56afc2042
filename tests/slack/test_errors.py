"""A failure while answering gets a polite reply, logged with context, never silence."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any
from wsgiref.simple_server import make_server

import pytest

from bot.config import Settings
from bot.feedback.store import FeedbackStore
from bot.serve import _ThreadingServer
from bot.slack.app import create_app
from bot.slack.http import SlackWsgi
from bot.slack.replies import SORRY
from tests.slack.conftest import SECRET, Slack, _Quiet
from tests.slack.fake_slack import FakeSlack


class BrokenEngine:
    def ask(self, text: str) -> Any:
        raise RuntimeError("the engine broke")


class BrokenKnowledge:
    engine = BrokenEngine()

    def status(self) -> dict[str, Any]:
        return {}


@pytest.fixture
def broken_bot(fake_slack: FakeSlack) -> Iterator[Slack]:
    settings = Settings(bot_token="xoxb-test", signing_secret=SECRET, api_url=fake_slack.api_url)
    knowledge = BrokenKnowledge()
    app = create_app(settings, knowledge, FeedbackStore("sqlite://"))  # type: ignore[arg-type]
    server = make_server("127.0.0.1", 0, SlackWsgi(app, knowledge), _ThreadingServer, _Quiet)  # type: ignore[arg-type]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fake_slack.quiet(0.2)
    fake_slack.reset()
    yield Slack(f"http://127.0.0.1:{server.server_address[1]}", fake_slack)
    server.shutdown()
    server.server_close()


def test_a_failing_slash_command_apologises(
    broken_bot: Slack, caplog: pytest.LogCaptureFixture
) -> None:
    assert broken_bot.slash("does an RTE handle scope?").status == 200
    [post] = broken_bot.fake.wait_for_posts(1)
    assert post.params["text"] == SORRY
    assert post.params["response_type"] == "ephemeral"
    assert any(
        "the engine broke" in r.getMessage() and "command=/rte" in r.getMessage()
        for r in caplog.records
    )


def test_a_failing_mention_apologises_in_the_thread(broken_bot: Slack) -> None:
    broken_bot.mention("does an RTE handle scope?")
    [post] = broken_bot.fake.wait_for_posts(1)
    assert post.params["text"] == SORRY
    assert post.params["thread_ts"]
