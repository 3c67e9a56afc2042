"""Who-does-X questions: "who removes impediments?" lists which roles own, support or do not own
a topic or duty, the role whose claim says what the question says first."""

from __future__ import annotations

from bot.engine.answer import Answer, Holder, Kind
from bot.engine.decide.context import Context, question_words
from bot.engine.decide.decline import decline
from bot.engine.lexicon import ROLE_NOUNS
from bot.engine.phrasing import plural, sentence
from bot.engine.reading import Reading, Reason
from bot.records import IDENTITY_TOPIC, Stance

STANCE_ORDER = {Stance.YES: 0, Stance.PARTLY: 1, Stance.NO: 2}


def _parts(ctx: Context, r: Reading) -> tuple[str, ...]:
    """The question for each topic or duty a who-question joins with "and", "or" or commas
    ("who manages budget, timeline and scope?"); one entry when it asks about one thing."""
    ix = ctx.index
    named: dict[tuple[str, str | None], int] = {}
    for h in r.topic_hits:
        if not h.weak and h.topic != IDENTITY_TOPIC:
            named.setdefault((h.topic, h.duty), h.start)
    # A topic's word beside one of its duties ("the Daily Scrum meeting") names one thing.
    named = {
        (t, d): at for (t, d), at in named.items() if d or not any(o == t and e for o, e in named)
    }
    if len(named) < 2:
        return ()
    tokens = r.question.tokens
    first, last = min(named.values()), max(named.values())
    if not set(tokens[first:last]) & {"and", "or", "plus", "also"}:
        return ()  # "who owns the release roadmap?": one compound, not two questions
    questions = [ix.duties[d].question if d else ix.topics[t].question for t, d in named]
    return tuple(dict.fromkeys(questions))


def _qualifiers(name: str) -> set[str]:
    """The words of a role's name that set it apart ("project" in "Project Manager")."""
    return {w for w in name.lower().split() if w not in ROLE_NOUNS}


def who(ctx: Context, r: Reading) -> Answer:
    ix = ctx.index
    assert r.topic is not None
    topic = ix.topics[r.topic]
    duty = ix.duties.get(r.duty) if r.duty else None
    subject = duty or topic
    parts = _parts(ctx, r)
    if len(parts) > 1:
        # "who represents the stakeholders and manages the backlog?": one list of owners would
        # answer only half of it.
        note = "That asks about several things; ask one at a time."
        return decline(ctx, r, note, Reason.TWO_QUESTIONS, split=parts)
    roles = list(ix.kb.roles)
    if r.framework:
        framed = [role for role in roles if r.framework in role.frameworks]
        roles = framed or roles
    holders: list[Holder] = []
    for role in roles:
        decider = ix.decider(role.id, topic.id, r.duty)
        if decider is not None:
            holders.append(Holder(role, decider.stance, decider))
    if not holders:
        note = f"The knowledge base has no claims about {subject.label}."
        return decline(ctx, r, note, Reason.NO_CLAIM)
    # Owners first, then contributors, then the rest; within each, the role the question's
    # words point at ("who is responsible for the project budget?": the project manager), then
    # the role whose claim says what the question says ("who accepts user stories?": the PO).
    q = question_words(r)
    asked = set(r.question.tokens)
    holders.sort(
        key=lambda h: (
            STANCE_ORDER[h.stance] if h.stance else 3,
            -len(_qualifiers(h.role.name) & asked),
            -min(ix.shared(h.claim, q), 2),
        )
    )
    owning = [h.role for h in holders if h.stance is Stance.YES]
    owners = [role.name for role in owning]
    where = f" in {r.framework}" if r.framework and len(roles) < len(ix.kb.roles) else ""
    headline = (
        f"{sentence(subject.label)}{where}: "
        + ", ".join(owners)
        + (" own it." if len(owners) > 1 or plural(owning[0]) else " owns it.")
        if owners
        else f"No single role owns {subject.label}{where}; here is who contributes."
    )
    return Answer(
        r.question.text,
        Kind.TOPIC,
        headline,
        roles=tuple(h.role for h in holders),
        topic=topic,
        duty=duty,
        confidence=r.confidence,
        holders=tuple(holders),
    )
