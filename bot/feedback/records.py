"""What the bot records for curators, as plain data (the Slack layer builds these; the store
writes them)."""

from __future__ import annotations

from dataclasses import dataclass

VOTES = ("helpful", "wrong")


@dataclass(frozen=True)
class Vote:
    user_id: str
    answer_ref: str
    question: str
    vote: str
    team_id: str | None = None
    channel_id: str | None = None
    kind: str | None = None
    roles: str | None = None
    topic: str | None = None
    verdict: str | None = None
    claim_ids: str | None = None
    kb_version: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Unanswered:
    question: str
    team_id: str | None = None
    channel_id: str | None = None
    best_candidate: str | None = None
    score: float | None = None
    kb_version: str | None = None
