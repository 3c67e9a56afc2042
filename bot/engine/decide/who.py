"""Who-does-X questions: "who removes impediments?" lists which roles own, support or do not own
a topic or duty, the role whose claim says what the question says first."""

from __future__ import annotations

from bot.engine.answer import Answer, Holder, Kind
from bot.engine.decide.context import Context, question_words
from bot.engine.decide.decline import decline
from bot.engine.phrasing import sentence
from bot.engine.reading import Reading, Reason
from bot.records import Stance

STANCE_ORDER = {Stance.YES: 0, Stance.PARTLY: 1, Stance.NO: 2}


def who(ctx: Context, r: Reading) -> Answer:
    ix = ctx.index
    assert r.topic is not None
    topic = ix.topics[r.topic]
    roles = list(ix.kb.roles)
    if r.framework:
        framed = [role for role in roles if r.framework in role.frameworks]
        roles = framed or roles
    holders: list[Holder] = []
    for role in roles:
        decider = ix.decider(role.id, topic.id)
        if decider is not None:
            holders.append(Holder(role, decider.stance, decider))
    if not holders:
        note = f"The knowledge base has no claims about {topic.label}."
        return decline(ctx, r, note, Reason.NO_CLAIM)
    # The role whose claim says what the question says comes first ("who accepts user
    # stories?": the Product Owner); then owners, contributors, the rest.
    q = question_words(r)
    holders.sort(
        key=lambda h: (
            -min(ix.shared(h.claim, q), 2),
            STANCE_ORDER[h.stance] if h.stance else 3,
        )
    )
    owners = [h.role.name for h in holders if h.stance is Stance.YES]
    where = f" in {r.framework}" if r.framework and len(roles) < len(ix.kb.roles) else ""
    headline = (
        f"{sentence(topic.label)}{where}: "
        + ", ".join(owners)
        + (" own it." if len(owners) > 1 else " owns it.")
        if owners
        else f"No single role owns {topic.label}{where}; here is who contributes."
    )
    return Answer(
        r.question.text,
        Kind.TOPIC,
        headline,
        roles=tuple(h.role for h in holders),
        topic=topic,
        confidence=r.confidence,
        holders=tuple(holders),
    )
