"""Comparisons: "RTE vs program manager" puts each role's stance per topic side by side."""

from __future__ import annotations

from bot.engine.answer import Answer, Cell, Kind, Row
from bot.engine.decide.context import Context
from bot.engine.reading import Reading
from bot.records import IDENTITY_TOPIC


def comparison(ctx: Context, r: Reading) -> Answer:
    ix = ctx.index
    compared = [ix.roles[x] for x in r.roles]
    topics = [ix.topics[r.topic]] if r.topic else list(ix.kb.topics)
    duty = ix.duties.get(r.duty) if r.duty and r.topic else None
    rows: list[Row] = []
    for topic in topics:
        cells = []
        for role in compared:
            claim = (
                next(iter(ix.definitions(role)), None)
                if topic.id == IDENTITY_TOPIC
                else ix.decider(role.id, topic.id, duty.id if duty else None, any_claim=True)
            )
            group = ix.claims(role.id, topic.id, duty.id if duty else None)
            contested = any(c.disputed for c in group)
            cells.append(Cell(role, claim.stance if claim else None, claim, contested))
        if r.topic or all(cell.claim for cell in cells):
            rows.append(Row(duty or topic, tuple(cells)))
    linking = [
        c
        for c in ix.by_role[compared[0].id]
        if c.topic == IDENTITY_TOPIC
        and not c.disputed
        and all(x.id in c.roles for x in compared[1:])
    ][:1]
    names = " vs ".join(role.name for role in compared)
    headline = names + (f", on {(duty or topics[0]).label}" if r.topic else "")
    return Answer(
        r.question.text,
        Kind.COMPARISON,
        headline,
        roles=tuple(compared),
        topic=ix.topics[r.topic] if r.topic else None,
        duty=duty,
        confidence=r.confidence,
        claims=tuple(linking),
        rows=tuple(rows),
        misnomer=r.misnomer,
    )
