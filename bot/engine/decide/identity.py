"""Questions about two roles at once: identity ("is an RTE a business analyst?", "does RTE stand
for Release Train Engineer?") and one person in both ("can the PO also be the Scrum Master?").
Answered from the claims that link the two roles, the sources' own words first."""

from __future__ import annotations

from bot.engine.answer import Answer, Kind
from bot.engine.decide.context import MAX_SHOWN, Context, question_words
from bot.engine.decide.decline import decline
from bot.engine.decide.yes_no import yes_no
from bot.engine.phrasing import article, subject
from bot.engine.reading import Reading, Reason
from bot.records import IDENTITY_TOPIC, ROLE_COMBINATION_TOPIC, Claim, Stance

# "can an SM become an RTE?" asks what is possible, not what the role is.
POSSIBILITY = frozenset({"can", "could", "may", "might"})


def identity(ctx: Context, r: Reading) -> Answer:
    ix = ctx.index
    first, second = (ix.roles[x] for x in r.roles[:2])
    topic = ix.topics.get(IDENTITY_TOPIC)
    linking = [c for c in ix.by_role[first.id] if second.id in c.roles]
    q = question_words(r)

    def rank(c: Claim) -> tuple[int, int, bool, float]:
        # Prefer "is <first> a <second>?" claims, then the reverse, then any claim linking
        # them; the sources' own words before someone's claim that they confirm.
        direction = 0 if c.roles[0] == first.id else 1
        topic = 0 if c.topic == IDENTITY_TOPIC else 1
        return (topic, direction, c.claimed_by is not None, -ix.similarity(c, q))

    linking.sort(key=rank)
    forward = [c for c in linking if c.roles[0] == first.id and not c.disputed]
    # "is an SM a PM?" and "is a PM an SM?" often say the same; show the asked direction.
    established = forward or [c for c in linking if not c.disputed]
    disputed = [c for c in linking if c.disputed]
    decider = next((c for c in established if c.stance and c.topic == IDENTITY_TOPIC), None)
    decider = decider or next((c for c in disputed if c.stance), None)
    if decider is None:
        # No claim relates them: they are still two distinct roles, each defined by its source.
        return Answer(
            r.question.text,
            Kind.ANSWER,
            f"No: {article(first.short)} {first.short} and {article(second.name)} "
            f"{second.name} are different roles.",
            roles=(first, second),
            topic=topic,
            verdict=Stance.NO,
            confidence=min(r.confidence, 0.6),
            claims=tuple(ix.definitions(first)[:1] + ix.definitions(second)[:1]),
            misnomer=r.misnomer,
            note="No claim in the knowledge base compares these two roles directly.",
        )
    verdict = decider.stance
    one = f"{article(first.short)} {first.short}"
    other = f"{article(second.name)} {second.name}"
    if r.question.tokens[:1] and r.question.tokens[0] in POSSIBILITY:
        # "can a project manager become an RTE?" asks what is possible, which the claims
        # (what each role is) do not settle: show them without a verdict.
        verdict = None
        headline = f"How {one} and {other} relate:"
    elif decider.disputed and decider.correction:
        word = verdict.value.capitalize() if verdict else "Not quite"
        headline = f"{word}: {decider.correction}"
    elif verdict is Stance.NO:
        headline = f"No: {one} is not {other}."
    elif verdict is Stance.PARTLY:
        headline = f"Partly: {one} does some of what {other} does, but the roles differ."
    else:
        headline = f"Yes: {one} is {other}."
    return Answer(
        r.question.text,
        Kind.ANSWER,
        headline,
        roles=(first, second),
        topic=topic,
        verdict=verdict,
        confidence=r.confidence,
        claims=tuple(established[:MAX_SHOWN]),
        disputed=tuple(disputed[:MAX_SHOWN]),
        misnomer=r.misnomer,
    )


def names_match(ctx: Context, r: Reading) -> Answer:
    """ "Does RTE stand for Release Train Engineer?": both names found name the same role."""
    ix = ctx.index
    role = ix.roles[r.roles[0]]
    return Answer(
        r.question.text,
        Kind.ANSWER,
        f"Yes: {role.short} stands for {role.name}."
        if role.short != role.name
        else f"Yes: that is the {role.name}.",
        roles=(role,),
        topic=ix.topics.get(IDENTITY_TOPIC),
        verdict=Stance.YES,
        confidence=r.confidence,
        claims=tuple(ix.definitions(role)[:MAX_SHOWN]),
    )


def combination(ctx: Context, r: Reading) -> Answer:
    """ "Can the Product Owner also be the Scrum Master?": the claims on one person holding both
    roles, in either direction; none means no sourced answer, never a guess."""
    ix = ctx.index
    topic = ix.topics[ROLE_COMBINATION_TOPIC]
    first = ix.roles[r.roles[0]]
    if len(r.roles) < 2:
        return yes_no(ctx, r)
    second = ix.roles[r.roles[1]]
    linking = [
        c
        for c in ix.by_role[first.id]
        if c.topic == ROLE_COMBINATION_TOPIC and set(c.roles[:2]) == {first.id, second.id}
    ]
    # The asked direction first ("can the PO be the SM?" before "can the SM be the PO?").
    linking.sort(key=lambda c: (c.roles[0] != first.id, c.disputed, not c.headline))
    if not linking:
        note = (
            f"The knowledge base has no sourced claim on one person being both "
            f"{subject(first)} and {subject(second)}."
        )
        return decline(ctx, r, note, Reason.NO_CLAIM)
    established = [c for c in linking if not c.disputed]
    disputed = [c for c in linking if c.disputed]
    decider = next((c for c in established if c.stance), None) or next(
        (c for c in disputed if c.stance), None
    )
    verdict = decider.stance if decider else None
    if decider is None or verdict is None:
        headline = f"What the sources say about one person being both {subject(first)} and " + (
            f"{subject(second)}:"
        )
    elif decider.disputed and decider.correction:
        headline = f"{verdict.value.capitalize()}: {decider.correction}"
    else:
        headline = f"{verdict.value.capitalize()}: {decider.statement}"
    return Answer(
        r.question.text,
        Kind.ANSWER,
        headline,
        roles=(first, second),
        topic=topic,
        verdict=verdict,
        confidence=r.confidence,
        claims=tuple(established[:MAX_SHOWN]),
        disputed=tuple(disputed[:MAX_SHOWN]),
        misnomer=r.misnomer,
    )
