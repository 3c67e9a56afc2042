"""Helpful / Wrong under every answer, the reason form, and unanswered questions, end to end:
signed requests in, rows in the database, and what the user sees."""

from __future__ import annotations

import json
from typing import Any

from bot.feedback.store import FeedbackStore
from tests.slack.conftest import ASKER, CHANNEL, Slack


def buttons(blocks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["action_id"]: e for b in blocks if b["type"] == "actions" for e in b["elements"]}


def test_helpful_wrong_reason_and_a_change_of_mind(bot: Slack, db_url: str) -> None:
    bot.mention("does an RTE handle scope?")
    [answer] = bot.fake.wait_for_posts(1)
    found = buttons(answer.blocks)
    assert {"feedback_helpful", "feedback_wrong"} <= set(found)
    bot.fake.reset()

    # Wrong: the vote is stored before the ack, thanks come at once, the form opens.
    reply = bot.click(
        "feedback_wrong",
        found["feedback_wrong"]["value"],
        ephemeral=False,
        message_ts="1767225800.000100",
    )
    assert reply.status == 200
    thanks = bot.fake.wait_for_posts(1)[0]
    assert thanks.method == "response_url" and "Thanks" in thanks.params["text"]
    assert thanks.params["response_type"] == "ephemeral"
    store = FeedbackStore(db_url)
    [row] = store.votes()
    assert (row["vote"], row["user_id"], row["channel_id"]) == ("wrong", ASKER, CHANNEL)
    assert row["answer_ref"] == f"{CHANNEL}:1767225800.000100"
    assert (row["question"], row["kind"], row["roles"], row["topic"], row["verdict"]) == (
        "does an RTE handle scope?",
        "answer",
        "rte",
        "scope",
        "no",
    )
    assert row["claim_ids"] and row["kb_version"]
    opened = [c for c in bot.fake.calls if c.method == "views.open"]
    assert len(opened) == 1
    view = (
        json.loads(opened[0].params["view"])
        if isinstance(opened[0].params["view"], str)
        else opened[0].params["view"]
    )
    assert view["callback_id"] == "feedback_reason"

    # The form's reason is attached to the same vote.
    bot.fake.reset()
    view["state"] = {
        "values": {
            "reason": {
                "reason_input": {
                    "type": "plain_text_input",
                    "value": "SAFe 6 gives the RTE scope now",
                }
            }
        }
    }
    assert bot.submit_view(view).status == 200
    [noted] = bot.fake.wait_for_posts(1)
    assert "reason is recorded" in noted.params["text"]
    [row] = store.votes()
    assert row["reason"] == "SAFe 6 gives the RTE scope now"

    # Clicking Helpful on the same answer updates the vote, it does not add one.
    bot.click(
        "feedback_helpful",
        found["feedback_helpful"]["value"],
        ephemeral=False,
        message_ts="1767225800.000100",
    )
    bot.fake.wait_for_posts(2)
    [row] = store.votes()
    assert (row["vote"], row["reason"]) == ("helpful", None)
    store.close()


def test_feedback_on_an_ephemeral_slash_answer(bot: Slack, db_url: str) -> None:
    bot.slash("who removes impediments?")
    [answer] = bot.fake.wait_for_posts(1)
    value = buttons(answer.params["blocks"])["feedback_helpful"]["value"]
    bot.click("feedback_helpful", value, ephemeral=True, message_ts="1767225900.000200")
    bot.fake.wait_for_posts(2)
    store = FeedbackStore(db_url)
    [row] = store.votes()
    assert (row["vote"], row["kind"], row["topic"]) == ("helpful", "topic", "impediments")
    store.close()


def test_every_no_match_is_recorded(bot: Slack, db_url: str) -> None:
    bot.mention("does the CFO approve the budget?")
    bot.slash("what's the wifi password?")
    bot.dm("qwertyuiop")
    bot.mention("does an RTE handle scope?")  # answered: not recorded
    bot.fake.wait_for_posts(4)
    bot.fake.quiet()
    store = FeedbackStore(db_url)
    rows = store.unanswered_questions()
    assert sorted(r["question"] for r in rows) == [
        "does the CFO approve the budget?",
        "qwertyuiop",
        "what's the wifi password?",
    ]
    assert all(r["kb_version"] for r in rows)
    assert any(r["best_candidate"] for r in rows)
    store.close()
