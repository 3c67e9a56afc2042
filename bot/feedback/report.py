"""Curator reports: which claims people say are wrong (and why), which questions the bot could
not answer, and how helpful answers are per role and topic. Plain data in, plain data out."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.engine.normalise import normalise
from bot.records import KnowledgeBase


@dataclass
class WrongClaim:
    claim_id: str
    wrong: int = 0
    helpful: int = 0
    deciding: int = 0  # wrong votes on answers this claim decided (listed first)
    reasons: list[str] = field(default_factory=list)
    statement: str = ""
    sources: list[str] = field(default_factory=list)  # "title <url>"
    in_kb: bool = True


@dataclass
class Unanswered:
    question: str
    count: int
    last_asked: str
    best_candidate: str | None


@dataclass
class HelpfulRate:
    role: str
    topic: str
    helpful: int
    total: int

    @property
    def rate(self) -> float:
        return self.helpful / self.total if self.total else 0.0


@dataclass
class Report:
    wrong_claims: list[WrongClaim]
    unanswered: list[Unanswered]
    helpful_rates: list[HelpfulRate]
    votes: int
    unanswered_total: int


def _split(text: str | None) -> list[str]:
    return [x for x in (text or "").split(",") if x]


def build(
    votes: Sequence[dict[str, Any]],
    unanswered: Sequence[dict[str, Any]],
    kb: KnowledgeBase | None = None,
    limit: int = 20,
) -> Report:
    claims = {c.id: c for c in kb.claims} if kb else {}
    per_claim: dict[str, WrongClaim] = {}
    for vote in votes:
        for position, claim_id in enumerate(_split(vote.get("claim_ids"))):
            item = per_claim.setdefault(claim_id, WrongClaim(claim_id))
            if vote["vote"] == "wrong":
                item.wrong += 1
                item.deciding += position == 0
                if vote.get("reason"):
                    item.reasons.append(str(vote["reason"]))
            else:
                item.helpful += 1
    for item in per_claim.values():
        claim = claims.get(item.claim_id)
        if claim is None:
            item.in_kb = kb is None
            continue
        item.statement = claim.statement
        item.sources = [f"{c.source.title} <{c.source.url}>" for c in claim.all_citations()]
    wrong = sorted(
        (c for c in per_claim.values() if c.wrong),
        key=lambda c: (-c.wrong, -c.deciding, c.helpful, c.claim_id),
    )[:limit]

    asked: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in unanswered:
        key = " ".join(normalise(str(row["question"])).tokens) or str(row["question"]).strip()
        asked[key].append(row)
    missing = sorted(
        (
            Unanswered(
                question=str(rows[-1]["question"]),
                count=len(rows),
                last_asked=str(max(r["created_at"] for r in rows))[:19],
                best_candidate=Counter(
                    r.get("best_candidate") for r in rows if r.get("best_candidate")
                ).most_common(1)[0][0]
                if any(r.get("best_candidate") for r in rows)
                else None,
            )
            for rows in asked.values()
        ),
        key=lambda u: (-u.count, u.question),
    )[:limit]

    rates: dict[tuple[str, str], HelpfulRate] = {}
    for vote in votes:
        roles = _split(vote.get("roles"))
        pair = (roles[0] if roles else "-", str(vote.get("topic") or "-"))
        rate = rates.setdefault(pair, HelpfulRate(pair[0], pair[1], 0, 0))
        rate.total += 1
        rate.helpful += vote["vote"] == "helpful"
    helpful = sorted(rates.values(), key=lambda r: (r.rate, -r.total, r.role, r.topic))
    return Report(wrong, missing, helpful, len(votes), len(unanswered))


def render_text(report: Report) -> str:
    out = [f"{report.votes} vote(s), {report.unanswered_total} unanswered question(s)", ""]
    out.append("Claims most often marked wrong")
    if not report.wrong_claims:
        out.append("  (none)")
    for c in report.wrong_claims:
        note = "" if c.in_kb else " (no longer in the knowledge base)"
        out.append(f"  {c.claim_id}: {c.wrong} wrong, {c.helpful} helpful{note}")
        if c.statement:
            out.append(f"    says: {c.statement}")
        out += [f"    source: {s}" for s in dict.fromkeys(c.sources)]
        out += [f"    reason: {r}" for r in c.reasons]
    out += ["", "Questions most often unanswered"]
    if not report.unanswered:
        out.append("  (none)")
    for u in report.unanswered:
        near = f" (nearest claim: {u.best_candidate})" if u.best_candidate else ""
        out.append(f"  {u.count} x {u.question!r}, last {u.last_asked}{near}")
    out += ["", "Helpful rate per role and topic (least helpful first)"]
    if not report.helpful_rates:
        out.append("  (none)")
    for r in report.helpful_rates:
        out.append(f"  {r.role:<18} {r.topic:<24} {r.helpful}/{r.total} = {100 * r.rate:.0f}%")
    return "\n".join(out)


def render_csv(report: Report) -> str:
    """One CSV: a `section` column says which list each row belongs to."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["section", "key", "topic", "count", "helpful", "total", "detail"])
    for c in report.wrong_claims:
        writer.writerow(
            [
                "wrong_claim",
                c.claim_id,
                "",
                c.wrong,
                c.helpful,
                c.wrong + c.helpful,
                " | ".join(c.reasons),
            ]
        )
    for u in report.unanswered:
        writer.writerow(["unanswered", u.question, "", u.count, "", "", u.best_candidate or ""])
    for r in report.helpful_rates:
        writer.writerow(["helpful_rate", r.role, r.topic, "", r.helpful, r.total, f"{r.rate:.3f}"])
    return buffer.getvalue()


EXPORT_COLUMNS = [
    "record",
    "id",
    "created_at",
    "updated_at",
    "team_id",
    "channel_id",
    "user_id",
    "answer_ref",
    "question",
    "kind",
    "roles",
    "topic",
    "verdict",
    "claim_ids",
    "kb_version",
    "vote",
    "reason",
    "best_candidate",
    "score",
]


def export_csv(votes: Iterable[dict[str, Any]], unanswered: Iterable[dict[str, Any]]) -> str:
    """Everything, one row per record: feedback and unanswered rows share the columns."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, EXPORT_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in votes:
        writer.writerow({"record": "feedback", **row})
    for row in unanswered:
        writer.writerow({"record": "unanswered", **row})
    return buffer.getvalue()
