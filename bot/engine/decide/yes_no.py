"""Yes/no questions about one role and a topic or duty: "does an RTE handle scope?".

The verdict is the stance of one deciding claim: the headline of that role's claims on the topic
(or duty), unless another established claim says more exactly what was asked. A contested claim
decides only when the question repeats that claim.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from bot.engine.answer import Answer, Kind
from bot.engine.claims import Fit
from bot.engine.decide.context import MAX_SHOWN, Context, question_words
from bot.engine.decide.decline import decline
from bot.engine.phrasing import article, subject
from bot.engine.reading import Reading, Reason
from bot.records import IDENTITY_TOPIC, OFFICIAL_ROLE_TOPIC, Claim, Duty, Role, Stance, Topic

# A contested claim decides a yes/no answer only when the question is about that claim itself.
DISPUTED_DECIDES_AT = 0.5
DISPUTED_ALONE_AT = 0.25
HEADLINE_BONUS = 0.25
# Share of a question's words one claim must contain to answer a question that names no topic.
RETRIEVE_AT = 0.6
RETRIEVE_ALONE_AT = 0.4  # ... when the named topic has no claim on the role at all
RETRIEVE_OVER_NAMED_AT = 0.75  # ... and against topics the question does name
FRAMEWORK_BONUS = 0.3
OTHER_ROLE_BONUS = 0.3
# How much the reader's ranking of the named topics counts when choosing among them.
TOPIC_PRIOR = (0.2, 0.1, 0.05, 0.0)
# Verbs that start a second question about the same role ("... and own the backlog?").
RELATION_VERBS = frozenset(
    """own owns manage manages handle handles run runs remove removes decide decides do does
    coach coaches lead leads set sets approve approves control controls prioritise prioritize
    prioritises prioritizes escalate escalates facilitate facilitates report reports write
    writes define defines accept accepts plan plans need needs""".split()
)


def asks_opposite(r: Reading, topic: str) -> bool:
    """The topic was named only by an antonym ("unofficial"): the question asks the opposite."""
    hits = [h for h in r.topic_hits if h.topic == topic and not h.weak]
    return bool(hits) and all(h.antonym for h in hits)


def yes_no(ctx: Context, r: Reading) -> Answer:
    ix = ctx.index
    assert r.topic is not None
    role = ix.roles[r.roles[0]]
    q = question_words(r)
    fit = ix.fit_for(q)
    duty = ix.duties.get(r.duty) if r.duty else None
    if duty is not None:
        # A duty named decides by that duty's claims alone, never by the broader topic.
        topic_id: str | None = duty.topic
        if not ix.has(role.id, duty.topic, duty.id):
            return decline(
                ctx,
                r,
                f"The knowledge base has no sourced claim on {possessive(role)} part in "
                f"{duty.label}.",
                Reason.NO_CLAIM,
                split=(duty.question,),
            )
    else:
        topic_id = choose_topic(ctx, role.id, r, q, fit)
        # The topic chosen may be one whose duty the question named beside another topic
        # ("does a BA elicit stakeholder needs?" names the requirements duty): that duty decides.
        named = next(
            (h.duty for h in r.topic_hits if h.topic == topic_id and h.duty and not h.weak), None
        )
        if topic_id and named and ix.has(role.id, topic_id, named):
            duty = ix.duties[named]
    if topic_id is None:
        topic = ix.topics[r.topic]
        return decline(
            ctx,
            r,
            f"The knowledge base has no sourced claim about {subject(role)} and {topic.label}.",
            Reason.NO_CLAIM,
        )
    topic = ix.topics[topic_id]
    if topic.id == OFFICIAL_ROLE_TOPIC and r.framework and r.framework not in role.frameworks:
        return not_in_framework(ctx, r, role, topic, r.framework)
    split = two_questions(ctx, r, role)
    if split:
        return decline(
            ctx,
            r,
            "That asks two things with different answers; ask one at a time.",
            Reason.TWO_QUESTIONS,
            split=split,
        )
    others = set(r.roles[1:])
    duty_id = duty.id if duty else None
    candidates = ix.claims(role.id, topic.id, duty_id)
    score = {c.id: claim_score(ctx, c, fit, others, r.framework) for c in candidates}
    ranked = sorted(candidates, key=lambda c: -score[c.id])
    established = [c for c in ranked if not c.disputed and c.stance is not None]
    if duty is None:
        # No duty named: a claim on one duty (the Sprint Backlog) does not answer for the topic
        # (the backlog) while a claim on the topic as a whole can.
        whole = [c for c in established if c.duty is None]
        established = whole or established
    head = established[0] if established else None
    decider = decide(ctx, head, ranked, q, fit, others, may_dispute=not r.open_question)
    verdict = decider.stance if decider else None
    headline = headline_of(ctx, role, duty or topic, verdict, decider)
    if verdict is not None and asks_opposite(r, topic.id):
        # "Is the RTE an unofficial role?" -> "No: the RTE is an official, defined role."
        flipped = {Stance.YES: Stance.NO, Stance.NO: Stance.YES}.get(verdict, verdict)
        phrase = topic.says(verdict)
        headline = (
            f"{flipped.value.capitalize()}: {subject(role)} {phrase}."
            if phrase and not (decider and decider.disputed)
            else f"{flipped.value.capitalize()}: {headline.split(': ', 1)[-1]}"
        )
        verdict = flipped
    established = [c for c in ranked if not c.disputed]
    disputed = [c for c in ranked if c.disputed]
    if decider is not None and not decider.disputed:
        established.remove(decider)
        established.insert(0, decider)
    elif decider is not None:
        disputed.remove(decider)
        disputed.insert(0, decider)
    return Answer(
        r.question.text,
        Kind.ANSWER,
        headline,
        roles=tuple(ix.roles[x] for x in r.roles),
        topic=topic,
        duty=duty,
        verdict=verdict,
        confidence=r.confidence,
        claims=tuple(established[:MAX_SHOWN]),
        disputed=tuple(disputed[:MAX_SHOWN]),
        misnomer=r.misnomer,
    )


def possessive(role: Role) -> str:
    """ "the Scrum Master's", "Product Management's", "the Developers'"."""
    name = subject(role)
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def not_in_framework(ctx: Context, r: Reading, role: Role, topic: Topic, framework: str) -> Answer:
    """ "Is the Scrum Master a PMI role?": the roles file says which frameworks define each
    role, and the role's official-role claims say where it is defined."""
    ix = ctx.index
    claims = [c for c in ix.by_role_topic.get((role.id, topic.id), []) if not c.disputed]
    claims.sort(key=lambda c: (framework not in c.frameworks, c.stance is not Stance.NO))
    where = " and ".join(role.frameworks)
    headline = f"No: {framework} does not define {article(role.name)} {role.name}" + (
        f"; it is a {where} role." if where else "."
    )
    return Answer(
        r.question.text,
        Kind.ANSWER,
        headline,
        roles=tuple(ix.roles[x] for x in r.roles),
        topic=topic,
        verdict=Stance.NO,
        confidence=r.confidence,
        claims=tuple(claims[:MAX_SHOWN]) or tuple(ix.definitions(role)[:1]),
        disputed=tuple(c for c in ix.by_role_topic.get((role.id, topic.id), []) if c.disputed)[
            :MAX_SHOWN
        ],
        misnomer=r.misnomer,
    )


def two_questions(ctx: Context, r: Reading, role: Role) -> tuple[str, ...]:
    """ "Does the RTE manage risk and own the backlog?" joins two questions whose answers
    differ (yes and no): one verdict would be wrong for half of it. Returns a question for
    each half, or () when there is one question (or one answer for both)."""
    ix = ctx.index
    heads: list[tuple[str, int]] = []
    for h in r.topic_hits:
        if not h.weak and h.topic != IDENTITY_TOPIC and h.topic not in dict(heads):
            heads.append((h.topic, h.end))
    if len(heads) < 2:
        return ()
    (first, end), (second, _) = heads[0], heads[1]
    start = next(h.start for h in r.topic_hits if h.topic == second and not h.weak)
    between = r.question.tokens[end:start]
    # Two clauses: "... risk and own the backlog", both after the role asked about.
    conjunctions = {"and", "or", "also", "plus"}
    joined = any(
        t in conjunctions and nxt in RELATION_VERBS for t, nxt in itertools.pairwise(between)
    ) or (  # "... own the backlog and the budget?"
        bool(between)
        and all(t in conjunctions or t in {"a", "an", "the", "its", "their"} for t in between)
        and bool(set(between) & conjunctions)
    )
    first_start = next(h.start for h in r.topic_hits if h.topic == first and not h.weak)
    if not joined or first_start < r.anchor:
        return ()
    deciders = [ix.decider(role.id, t) for t in (first, second)]
    stances = {d.stance for d in deciders if d is not None}
    if len(stances) < 2 or None in (d.stance if d else None for d in deciders):
        return ()
    questions = []
    for decider in deciders:
        assert decider is not None
        example = next(iter(decider.examples), None)
        questions.append(example or ix.topics[decider.topic].question)
    return tuple(questions)


def choose_topic(ctx: Context, role: str, r: Reading, q: frozenset[str], fit: Fit) -> str | None:
    """Of the topics the question names, the one whose claims on this role fit it best.

    The matcher's ranking is a prior; a claim that says what the question says can move the
    answer to its topic ("does an RTE coach leaders?" is coaching, not leadership), even when
    no topic word was recognised at all.
    """
    ix = ctx.index
    named = {h.topic for h in r.topic_hits if not h.weak}
    if r.topic and r.topic not in {h.topic for h in r.topic_hits}:
        # The reading inferred the topic from the question's form ("is there an RTE in
        # Scrum?" is about official roles): no word competes with that.
        return r.topic if (role, r.topic) in ix.by_role_topic else None
    options: dict[str, float] = {}
    for rank, topic in enumerate((r.topic, *r.topics)):
        if topic and (role, topic) in ix.by_role_topic and topic not in options:
            if named and topic not in named and named & ix.topics_of(role):
                continue  # a weak hint never outvotes a topic the question names
            options[topic] = TOPIC_PRIOR[min(rank, len(TOPIC_PRIOR) - 1)]
    # A claim that says what the question says may know better than the topic words, when
    # only weak hints were named, or when it says nearly all of it.
    specific = any(
        not h.weak and h.score >= 0.99 and h.end - h.start > 1 and h.topic in options
        for h in r.topic_hits
    )
    if specific:
        # A precise phrase ("change control") names the topic beyond doubt.
        best, best_fit, enough = None, 0.0, 1.0
    elif named & set(options):
        # Over named topics, only a disputed claim quoted nearly word for word ("RTEs have
        # in-depth knowledge of finance or marketing") moves the answer to its own topic.
        disputed = [c for c in ix.sharing(q) if c.disputed and c.role == role]
        best, best_fit = ix.best_claim(disputed, role, q, fit, any_roles=True)
        enough = RETRIEVE_OVER_NAMED_AT
    else:
        best, best_fit = ix.best_claim(ix.sharing(q), role, q, fit)
        enough = RETRIEVE_AT if options else RETRIEVE_ALONE_AT
    if best is not None and best_fit >= enough and best.topic not in options:
        options[best.topic] = 0.0
    if not options:
        return None

    def value(topic: str) -> float:
        claims = ix.by_role_topic[(role, topic)]
        return options[topic] + max(fit(c) for c in claims)

    return max(options, key=value)


def decide(
    ctx: Context,
    head: Claim | None,
    ranked: list[Claim],
    q: frozenset[str],
    similarity: Fit,
    others: set[str],
    may_dispute: bool,
) -> Claim | None:
    """The claim whose stance is the verdict.

    The established `head` decides (the group's headline, unless another established claim says
    clearly more of what was asked), unless the question repeats a contested or corrected claim
    ("do RTEs need a business degree?"): that claim, as made, fits the question clearly better
    than any established claim. "How many people does an RTE serve?" gets no yes or no from a
    dispute.
    """
    ix = ctx.index
    disputed = [c for c in ranked if c.disputed and c.stance is not None and may_dispute]

    def fit(c: Claim) -> float:
        # A claim about the other role the question names ("assist the program manager")
        # fits better than one that does not.
        return similarity(c) + (OTHER_ROLE_BONUS if others & set(c.roles[1:]) else 0)

    def fit_as_made(c: Claim) -> float:
        # Only the claim as made (and the ways people ask about it) counts here: its
        # correction states the facts, which are the answer to other questions.
        words = ix.words[c.id]
        as_made = max(len(q & words.examples), 0.8 * len(q & words.said)) / max(1, len(q))
        return as_made + (OTHER_ROLE_BONUS if others & set(c.roles[1:]) else 0)

    if disputed:
        challenger = max(disputed, key=fit_as_made)
        # The established claim nearest the question, with a stance or not: "does the RTE
        # report to the Agile PMO?" is about an established fact, not about the dispute.
        nearest = max((fit(c) for c in ranked if not c.disputed), default=0.0)
        if fit_as_made(challenger) < nearest:
            return head
        if head is None:
            # Nothing established takes a stance: the sources' side of a dispute is the answer.
            return challenger if fit_as_made(challenger) >= DISPUTED_ALONE_AT else None
        if fit_as_made(challenger) >= DISPUTED_DECIDES_AT:
            return challenger
    return head


def headline_of(
    ctx: Context, role: Role, topic: Topic | Duty, verdict: Stance | None, decider: Claim | None
) -> str:
    if decider is None or verdict is None:
        return f"What the sources say about {subject(role)} and {topic.label}:"
    word = verdict.value.capitalize()
    if decider.disputed and decider.correction:
        return f"{word}: {decider.correction}"
    phrase = topic.says(verdict)
    if phrase:
        return f"{word}: {subject(role)} {phrase}."
    return f"{word}: {decider.statement}"


def retrieve(ctx: Context, r: Reading) -> Answer | None:
    """No topic word matched, but the question may still say what one claim says
    ("does an agile coach work with several teams?"): answer from that claim's topic."""
    ix = ctx.index
    q = question_words(r)
    best, best_fit = ix.best_claim(ix.sharing(q), r.roles[0], q, ix.fit_for(q))
    if best is None or best_fit < RETRIEVE_ALONE_AT:
        return None
    confidence = best_fit * min((h.score for h in r.role_hits), default=1.0)
    return yes_no(ctx, replace(r, kind=Kind.ANSWER, topic=best.topic, confidence=confidence))


def claim_score(
    ctx: Context,
    claim: Claim,
    fit: Fit,
    others: set[str],
    framework: str | None,
) -> float:
    ix = ctx.index
    score = fit(claim)
    if framework and framework in claim.frameworks:
        score += FRAMEWORK_BONUS  # "is X one of the Scrum roles?" is about Scrum
    if claim.id in ix.headlines:
        score += HEADLINE_BONUS
    if others and others & set(claim.roles[1:]):
        score += OTHER_ROLE_BONUS
    return score
