"""The "Helpful" and "Wrong" buttons under every answer.

The vote is written (and committed) before the click is acknowledged, so an acknowledged vote is
never lost; a second click by the same person on the same answer updates their vote. "Wrong"
also opens a small form for an optional reason.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from slack_bolt import Ack
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from bot.feedback.records import Vote
from bot.render.blocks import feedback_from_value, reason_modal
from bot.slack.replies import channel_of

THANKS = {
    "helpful": "Thanks! Marked as helpful.",
    "wrong": "Thanks for flagging it: curators will check the claims behind this answer.",
}


def answer_ref(body: dict[str, Any], question: str, kb_version: str) -> str:
    """The answer message clicked on: its channel and timestamp, which Slack sends for ephemeral
    messages too."""
    channel = channel_of(body)
    ts = (body.get("container") or {}).get("message_ts") or (body.get("message") or {}).get("ts")
    if channel and ts:
        return f"{channel}:{ts}"
    digest = hashlib.sha256(question.encode()).hexdigest()[:16]
    return f"kb:{kb_version}:{digest}"


def vote_from(body: dict[str, Any], action: dict[str, Any], vote: str) -> Vote:
    data = feedback_from_value(action.get("value") or "")
    question = str(data.get("q") or "")
    return Vote(
        user_id=str((body.get("user") or {}).get("id") or "unknown"),
        answer_ref=answer_ref(body, question, str(data.get("kb") or "")),
        question=question,
        vote=vote,
        team_id=(body.get("team") or {}).get("id"),
        channel_id=channel_of(body),
        kind=data.get("k"),
        roles=",".join(data.get("r") or []) or None,
        topic=data.get("t"),
        verdict=data.get("v"),
        claim_ids=",".join(data.get("c") or []) or None,
        kb_version=data.get("kb"),
    )


def helpful(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: Any
) -> None:
    context["feedback"].record_vote(vote_from(body, action, "helpful"))
    ack()
    respond(text=THANKS["helpful"], response_type="ephemeral", replace_original=False)


def wrong(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    client: WebClient,
    respond: Respond,
    context: Any,
) -> None:
    vote = vote_from(body, action, "wrong")
    context["feedback"].record_vote(vote)
    ack()
    respond(text=THANKS["wrong"], response_type="ephemeral", replace_original=False)
    metadata = json.dumps(
        {"ref": vote.answer_ref, "url": body.get("response_url"), "q": vote.question[:300]}
    )
    client.views_open(trigger_id=body["trigger_id"], view=reason_modal(metadata, vote.question))
