"""Every answer renders to a message Slack accepts, and echoes nothing that could ping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.kb.golden import load_cases
from bot.render.blocks import answer_message, escape, roles_message, share_value, topics_message
from tests.conftest import SHARED
from tests.slack.limits import pings, problems

GOLDEN = [*sorted((Path(__file__).parents[1] / "golden").glob("*.yaml"))]
if (SHARED / "eval" / "dev-questions.yaml").is_file():
    GOLDEN.append(SHARED / "eval" / "dev-questions.yaml")
QUESTIONS = [case.question for path in GOLDEN for case in load_cases(path)]
HARD = [
    "RTE vs STE vs project manager vs program manager vs scrum master",
    "compare all of: product owner, product manager, business analyst, agile coach",
    "<!channel> " * 500 + "does an RTE handle scope?",
    "does an RTE handle scope? " + "x" * 40_000,
    "who owns the backlog?",
    "what is a release train engineer?",
    "",
    "help",
]


@pytest.mark.parametrize("question", QUESTIONS + HARD, ids=lambda q: q[:50])
def test_answer_fits_block_kit_limits(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    for message in (
        answer_message(answer),
        answer_message(answer, asked_by="U0ASKER01", share=share_value(answer.question)),
    ):
        assert problems(message.blocks, message.text) == []
        assert pings(json.dumps(message.blocks) + message.text) == []


def test_escape_neutralises_slack_control_characters() -> None:
    assert escape("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"


def test_lists_fit_too(engine: Engine) -> None:
    for message in (roles_message(engine.kb.roles), topics_message(engine.kb.topics)):
        assert problems(message.blocks, message.text) == []


def test_share_value_fits_a_button(engine: Engine) -> None:
    assert len(share_value("é" * 5000)) <= 2000
