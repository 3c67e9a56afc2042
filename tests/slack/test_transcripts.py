"""Transcripts: a user says X, the bot posts Y where it should, and nothing else is posted."""

from __future__ import annotations

import json
import time

from tests.slack.conftest import ASKER, CHANNEL, DM, SECRET, Slack
from tests.slack.fake_slack import BOT_ID, BOT_USER
from tests.slack.limits import pings, problems


def test_slash_question_gets_an_ephemeral_answer_with_sources(slack: Slack) -> None:
    reply = slack.slash("does an RTE handle scope?")
    assert reply.status == 200
    [post] = slack.fake.wait_for_posts(1)
    assert slack.fake.quiet() == [post]
    assert post.method == "response_url"
    assert post.params["response_type"] == "ephemeral"
    blocks = post.params["blocks"]
    assert blocks[0]["text"]["text"].startswith("*No:")
    assert "scaledagileframework.com/release-train-engineer/" in json.dumps(blocks)
    assert "Contested" in json.dumps(blocks)
    buttons = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert [b["action_id"] for b in buttons] == [
        "post_to_channel",
        "feedback_helpful",
        "feedback_wrong",
    ]
    assert problems(blocks, post.params["text"]) == []


def test_post_to_channel_shares_the_answer_marked_as_asked_by_the_clicker(slack: Slack) -> None:
    slack.slash("does an RTE handle scope?")
    [ephemeral] = slack.fake.wait_for_posts(1)
    button = next(
        e
        for b in ephemeral.params["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "post_to_channel"
    )
    slack.fake.reset()
    reply = slack.click("post_to_channel", button["value"], ephemeral=True)
    assert reply.status == 200
    posts = slack.fake.wait_for_posts(2)
    assert len(slack.fake.quiet()) == 2
    shared = next(p for p in posts if p.method == "chat.postMessage")
    assert shared.params["channel"] == CHANNEL
    assert f"asked by <@{ASKER}>" in json.dumps(shared.blocks)
    assert shared.blocks[0]["text"]["text"].startswith("*No:")
    shared_buttons = [
        e["action_id"] for b in shared.blocks if b["type"] == "actions" for e in b["elements"]
    ]
    assert shared_buttons == ["feedback_helpful", "feedback_wrong"]  # no second "Post" button
    done = next(p for p in posts if p.method == "response_url")
    assert done.params["replace_original"] is True


def test_post_to_channel_in_a_channel_the_bot_is_not_in(slack: Slack) -> None:
    slack.slash("who removes impediments?")
    [ephemeral] = slack.fake.wait_for_posts(1)
    value = next(
        e["value"]
        for b in ephemeral.params["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "post_to_channel"
    )
    slack.fake.reset()
    slack.fake.not_in_channel.add(CHANNEL)
    slack.click("post_to_channel", value, ephemeral=True)
    slack.fake.wait_for_posts(1)
    posts = slack.fake.quiet()
    shared = [p for p in posts if p.method == "response_url"]
    assert len(shared) == 1 and shared[0].params["response_type"] == "in_channel"
    assert f"asked by <@{ASKER}>" in json.dumps(shared[0].params["blocks"])


def test_compare_posts_a_table_in_channel(slack: Slack) -> None:
    slack.slash("compare RTE and program manager on scope")
    [post] = slack.fake.wait_for_posts(1)
    assert slack.fake.quiet() == [post]
    assert post.params["response_type"] == "in_channel"
    table = [b for b in post.params["blocks"] if b["type"] == "section" and "fields" in b]
    assert table and "*Scope*" in json.dumps(table)
    assert "Release Train Engineer vs Program Manager" in post.params["blocks"][0]["text"]["text"]


def test_vs_in_a_slash_question_is_a_comparison_in_channel(slack: Slack) -> None:
    slack.slash("RTE vs PgM")
    [post] = slack.fake.wait_for_posts(1)
    assert post.params["response_type"] == "in_channel"
    assert problems(post.params["blocks"], post.params["text"]) == []


def test_slash_help_roles_topics_and_empty(slack: Slack) -> None:
    for text, expected in (
        ("", "/rte compare"),
        ("help", "/rte compare"),
        ("roles", "Solution Train Engineer"),
        ("topics", "Reporting line"),
    ):
        slack.fake.reset()
        slack.slash(text)
        [post] = slack.fake.wait_for_posts(1)
        assert post.params["response_type"] == "ephemeral"
        assert expected in json.dumps(post.params["blocks"]), text


def test_mention_gets_a_threaded_reply(slack: Slack) -> None:
    slack.mention("is an RTE a business analyst?")
    [post] = slack.fake.wait_for_posts(1)
    assert slack.fake.quiet() == [post]
    assert post.method == "chat.postMessage"
    assert post.params["channel"] == CHANNEL
    assert post.params["thread_ts"]  # under the mention
    assert post.blocks[0]["text"]["text"].startswith("*No:")
    assert "link_names" not in post.params


def test_mention_inside_a_thread_replies_in_that_thread(slack: Slack) -> None:
    slack.mention("who removes impediments?", thread_ts="1767225000.000100")
    [post] = slack.fake.wait_for_posts(1)
    assert post.params["thread_ts"] == "1767225000.000100"


def test_direct_message_gets_a_reply_in_the_dm(slack: Slack) -> None:
    slack.dm("what is a release train engineer?")
    [post] = slack.fake.wait_for_posts(1)
    assert slack.fake.quiet() == [post]
    assert post.params["channel"] == DM
    assert "thread_ts" not in post.params


def test_retried_event_gets_one_reply(slack: Slack) -> None:
    slack.mention("does the RTE manage risk?", event_id="EvRETRY0001")
    slack.fake.wait_for_posts(1)
    # Slack's retry carries the same event id and X-Slack-Retry-Num; a duplicate delivery
    # without the header is caught by the event id alone.
    again = slack.mention(
        "does the RTE manage risk?",
        event_id="EvRETRY0001",
        headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"},
    )
    same = slack.mention("does the RTE manage risk?", event_id="EvRETRY0001")
    assert again.status == 200 and same.status == 200
    assert len(slack.fake.quiet()) == 1


def test_other_bots_and_our_own_messages_are_ignored(slack: Slack) -> None:
    slack.dm("does the RTE manage risk?", bot_id="B0OTHERBOT")
    slack.dm("does the RTE manage risk?", bot_id=BOT_ID, user=BOT_USER)
    slack.dm("does the RTE manage risk?", subtype="message_changed")
    slack.event(
        {
            "type": "app_mention",
            "user": "U0OTHER",
            "bot_id": "B0OTHERBOT",
            "text": f"<@{BOT_USER}> does the RTE manage risk?",
            "ts": "1.2",
            "channel": CHANNEL,
        }
    )
    assert slack.fake.quiet() == []


def test_unsigned_wrongly_signed_and_old_requests_get_401_and_nothing_posted(slack: Slack) -> None:
    assert slack.slash("does an RTE handle scope?", signed=False).status == 401
    assert slack.slash("does an RTE handle scope?", secret="not-the-secret").status == 401
    assert slack.slash("does an RTE handle scope?", timestamp=int(time.time()) - 360).status == 401
    assert slack.mention("does the RTE manage risk?", signed=False).status == 401
    assert slack.fake.quiet() == []


def test_mass_mentions_in_a_question_never_ping(slack: Slack) -> None:
    slack.mention(
        "<!channel> <!here> <!everyone> <!subteam^S0LEADS|@leads> does the CFO own the budget?"
    )
    slack.slash("<!channel> is <@U0SOMEONE> a <!here> business analyst &amp; <b>RTE</b>?")
    slack.dm("<!everyone> RTE vs <!channel>")
    posts = slack.fake.wait_for_posts(3)
    assert len(slack.fake.quiet()) == 3
    for post in posts:
        assert pings(post.everything()) == [], post.everything()
        assert "link_names" not in post.params


def test_url_verification_is_answered(slack: Slack) -> None:
    body = json.dumps(
        {"token": "x", "challenge": "p7Qm2ZkR9xT4", "type": "url_verification"}
    ).encode()
    reply = slack.send(body, "application/json")
    assert reply.status == 200
    assert reply.json() == {"challenge": "p7Qm2ZkR9xT4"}


def test_a_40000_character_question_is_answered_within_3_seconds(slack: Slack) -> None:
    start = time.monotonic()
    reply = slack.slash("does an RTE handle scope? " + "blah " * 8_000)
    [post] = slack.fake.wait_for_posts(1, timeout=3)
    assert reply.status == 200
    assert time.monotonic() - start < 3
    assert problems(post.params["blocks"], post.params["text"]) == []


def test_no_match_offers_suggestions_as_buttons_that_ask_them(slack: Slack) -> None:
    slack.mention("does the CFO approve the budget?")
    [post] = slack.fake.wait_for_posts(1)
    assert "I don't know that one" in post.blocks[0]["text"]["text"]
    buttons = [
        e
        for b in post.blocks
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"].startswith("ask_suggestion")
    ]
    assert 1 <= len(buttons) <= 3
    slack.fake.reset()
    slack.click(
        buttons[0]["action_id"],
        buttons[0]["value"],
        ephemeral=False,
        message_ts="1767225699.000100",
    )
    [answer] = slack.fake.wait_for_posts(1)
    assert answer.method == "chat.postMessage"
    assert answer.params["thread_ts"] == "1767225699.000100"
    assert "I don't know" not in answer.blocks[0]["text"]["text"]


def test_healthz_reports_the_knowledge_base(slack: Slack) -> None:
    reply = slack.get("/healthz")
    data = reply.json()
    assert reply.status == 200 and data["ok"] is True
    assert data["counts"]["claims"] >= 120 and data["kb_version"]


def test_rate_limited_posts_are_retried(slack: Slack) -> None:
    slack.fake.rate_limit_next = 1
    slack.mention("does the RTE manage risk?")
    [post] = slack.fake.wait_for_posts(1, timeout=8)
    assert post.method == "chat.postMessage"
    assert [c.method for c in slack.fake.calls if c.method == "rate-limited"] == ["rate-limited"]
    assert SECRET  # the signing secret never appears in what is sent
    assert SECRET not in post.everything()
