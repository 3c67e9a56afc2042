"""A bot per database: the feedback tests run the Slack flow against SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.config import Settings
from tests.slack.conftest import SECRET, Slack, fake_slack, serve_bot  # noqa: F401
from tests.slack.fake_slack import FakeSlack


@pytest.fixture
def bot(fake_slack: FakeSlack, db_url: str) -> Iterator[Slack]:  # noqa: F811
    settings = Settings(
        bot_token="xoxb-test-token",
        signing_secret=SECRET,
        api_url=fake_slack.api_url,
        database_url=db_url,
        kb_poll_seconds=0,
    )
    url, server = serve_bot(settings)
    fake_slack.quiet(0.2)
    fake_slack.reset()
    yield Slack(url, fake_slack)
    fake_slack.quiet(0.2)
    server.shutdown()
    server.server_close()
