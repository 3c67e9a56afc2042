"""The review and provenance labels every renderer shows beside a claim and an answer, worded
once: a reader must be able to tell a re-checked claim from a copied one."""

from __future__ import annotations

import datetime as dt

from bot.engine.answer import Answer
from bot.records import Claim

SECONDARY = "secondary source"
OVERDUE = "review overdue"
UNREVIEWED = "not yet reviewed"


def claim_labels(claim: Claim, today: dt.date | None = None) -> list[str]:
    """ "secondary source" when no primary source backs it; "review overdue" past its review_by;
    "not yet reviewed" when nobody has re-checked it against its sources."""
    labels = [SECONDARY] if claim.secondary_only else []
    if claim.reviewed is None:
        labels.append(UNREVIEWED)
    elif claim.overdue(today or dt.date.today()):
        labels.append(OVERDUE)
    return labels


def review_fact(answer: Answer) -> str | None:
    """The answer's review state for its facts line: "reviewed 2026-12-01", "review overdue"..."""
    if not answer.deciding():
        return None
    if answer.reviewed is None:
        return UNREVIEWED
    if answer.review_overdue:
        return f"reviewed {answer.reviewed.isoformat()}, {OVERDUE}"
    return f"reviewed {answer.reviewed.isoformat()}"
