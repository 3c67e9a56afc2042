"""The JSON form of an answer (`rte-bot ask --json`): one object per question, a stable shape."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.engine.answer import Answer, Kind
from bot.records import Claim


def claim_json(claim: Claim) -> dict[str, Any]:
    text = claim.statement
    if claim.disputed and claim.correction:
        text = f"{text} Correction: {claim.correction}"
    sources: dict[str, dict[str, str]] = {}
    for citation in claim.all_citations():
        sources.setdefault(
            citation.source.id, {"title": citation.source.name, "url": citation.source.url}
        )
    return {
        "id": claim.id,
        "role": claim.role,
        "topic": claim.topic,
        "duty": claim.duty,
        "stance": claim.stance.value if claim.stance else None,
        "status": claim.status.value,
        "text": text,
        "sources": list(sources.values()),
        "secondary": claim.secondary_only,
        "reviewed": claim.reviewed.isoformat() if claim.reviewed else None,
        "review_overdue": claim.overdue(dt.date.today()),
    }


def answer_json(answer: Answer) -> dict[str, Any]:
    declined = answer.kind in (Kind.NO_MATCH, Kind.HELP)
    return {
        "question": answer.question,
        "kind": answer.kind.value,
        "roles": [] if declined else [role.id for role in answer.roles],
        "topic": answer.topic.id if answer.topic and not declined else None,
        "duty": answer.duty.id if answer.duty and not declined else None,
        "framework": answer.framework,
        "verdict": answer.verdict.value if answer.verdict else None,
        "contested": answer.contested,
        "confidence": round(answer.confidence, 3),
        "reviewed": answer.reviewed.isoformat() if answer.reviewed and not declined else None,
        "review_overdue": answer.review_overdue,
        "claims": [claim_json(c) for c in answer.all_claims()],
        "suggestions": [s.question for s in answer.suggestions],
        "reason": answer.reason if declined else None,
    }
