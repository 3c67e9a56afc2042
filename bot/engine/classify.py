"""Decide what kind of question a reading is: a yes/no, a comparison, "who does X?", an overview."""

from __future__ import annotations

from bot.engine.answer import Kind
from bot.engine.grammar import contains, distinct_hits, lead_word, words_between
from bot.engine.lexicon import (
    ARTICLES,
    AUXILIARIES,
    COMPARE_WORDS,
    COPULAS,
    HELP_PHRASES,
    HELP_WORDS,
    IDENTITY_FILLER,
    IDENTITY_MARKERS,
    MAX_OVERVIEW_NOISE,
    MODALS,
    OVERVIEW_WORDS,
    ROLE_NOUNS,
    SAMENESS_WORDS,
    STOPWORDS,
    STRONG_COMPARE_WORDS,
    WH_WORDS,
    WHO_WORDS,
)
from bot.engine.reading import Reading, RoleHit, TopicHit, replace_reading
from bot.records import (
    IDENTITY_TOPIC,
    OFFICIAL_ROLE_TOPIC,
    RELATION_TOPICS,
    REPORTING_LINE_TOPIC,
    ROLE_COMBINATION_TOPIC,
)

# A fuzzy match this good is one typo in a long word: it ranks like an exact one.
NEAR_EXACT = 0.85


def classify(r: Reading) -> Reading:
    """The reading with its kind, topic (and duty) and confidence set."""
    ranked = _rank_topics(r.topic_hits, r.anchor)
    topic, duty, topic_score = ranked[0] if ranked else (None, None, 0.0)
    r = replace_reading(r, topics=tuple(dict.fromkeys(t for t, _, _ in ranked)))
    r = _classify(r, topic, topic_score)
    # The duty goes with the topic it belongs to; a reading moved to another topic drops it.
    return replace_reading(r, duty=duty if r.topic == topic and topic is not None else None)


def _classify(r: Reading, topic: str | None, topic_score: float) -> Reading:
    tokens = r.question.tokens
    token_set = set(tokens)
    role_score = min((h.score for h in r.role_hits), default=0.0)
    # The more of the question that nobody understood, the less sure the reading.
    content = [t for t in tokens if t not in STOPWORDS]
    unexplained_share = len(r.unexplained) / max(1, len(content))
    clarity = 1.0 - 0.6 * unexplained_share

    relation = topic in RELATION_TOPICS or topic == REPORTING_LINE_TOPIC
    if (
        r.roles
        and topic
        and topic != IDENTITY_TOPIC
        and not relation
        and _role_is_object(tokens, r.role_hits)
    ):
        # "who coaches Scrum Masters?": the role named is the one acted on, not the actor. But
        # "who is the Scrum Master's manager?" asks about the Scrum Master's reporting line.
        return replace_reading(r, kind=Kind.TOPIC, topic=topic, confidence=topic_score * clarity)
    if not r.roles:
        if _is_help(tokens) and not any(not h.weak for h in r.topic_hits):
            return replace_reading(r, kind=Kind.HELP, confidence=1.0)
        if (
            topic
            and topic != IDENTITY_TOPIC
            and (token_set & WHO_WORDS or _asks_which_role(tokens))
        ):
            return replace_reading(
                r, kind=Kind.TOPIC, topic=topic, confidence=topic_score * clarity
            )
        return replace_reading(r, kind=Kind.NO_MATCH, topic=topic, confidence=0.0)

    if len(r.roles) >= 2:
        same = bool(token_set & SAMENESS_WORDS)
        strong_topic = any(not h.weak for h in r.topic_hits)
        if "both" in token_set and strong_topic and not token_set & COMPARE_WORDS:
            # "RTEs and PMs both do cost management, don't they?" asks about a shared claim.
            return replace_reading(
                r, kind=Kind.ANSWER, topic=topic, confidence=role_score * topic_score * clarity
            )
        if _asks_combination(tokens, r.role_hits, r.topic_hits):
            # "can the PO also be the Scrum Master?": one person in both roles
            return replace_reading(
                r,
                kind=Kind.ANSWER,
                topic=ROLE_COMBINATION_TOPIC,
                confidence=role_score * max(clarity, 0.8),
            )
        chosen = None if topic == IDENTITY_TOPIC else topic
        compared = role_score * (topic_score if chosen else 1.0) * max(clarity, 0.8)
        if _is_comparison(tokens, r.role_hits, strong=True) and not same:
            return replace_reading(r, kind=Kind.COMPARISON, topic=chosen, confidence=compared)
        identity = same or _is_identity(tokens, r.role_hits, r.topic_hits)
        if not identity and _is_comparison(tokens, r.role_hits, strong=False):
            return replace_reading(r, kind=Kind.COMPARISON, topic=chosen, confidence=compared)
        if identity:
            return replace_reading(
                r,
                kind=Kind.ANSWER,
                roles=r.roles[:2],
                topic=IDENTITY_TOPIC,
                identity=True,
                confidence=role_score * max(clarity, 0.8),
            )
        if topic is None:
            # Two roles and nothing else to go on: show them side by side.
            return replace_reading(r, kind=Kind.COMPARISON, confidence=role_score * clarity)
        return replace_reading(
            r, kind=Kind.ANSWER, topic=topic, confidence=role_score * topic_score * clarity
        )

    # One role.
    strong = any(not h.weak for h in r.topic_hits)
    unknown_role = set(r.unexplained) & ROLE_NOUNS  # "RTE vs DevOps lead"
    cue = token_set & (STRONG_COMPARE_WORDS | SAMENESS_WORDS)  # "RTE same as PMO?"
    if cue and r.unexplained and (not strong or unknown_role):
        # "RTE vs DBA": comparing with a role the KB does not know.
        return replace_reading(r, kind=Kind.NO_MATCH, confidence=0.0)
    if r.misnomer is not None and (topic is None or topic == IDENTITY_TOPIC):
        return replace_reading(r, kind=Kind.ANSWER, topic=IDENTITY_TOPIC, confidence=role_score)
    yes_no = lead_word(tokens) in AUXILIARIES
    if topic == IDENTITY_TOPIC and yes_no and r.misnomer is None and len(r.role_hits) > 1:
        # "does RTE stand for Release Train Engineer?": the role named twice, its two names
        return replace_reading(r, kind=Kind.ANSWER, topic=IDENTITY_TOPIC, confidence=role_score)
    leftover = [t for t in r.unexplained if t not in OVERVIEW_WORDS]
    if (topic is None or topic == IDENTITY_TOPIC) and yes_no and r.framework and not leftover:
        # "is there a program manager in Scrum?", "does PMI define the RTE role?"
        return replace_reading(
            r, kind=Kind.ANSWER, topic=OFFICIAL_ROLE_TOPIC, confidence=role_score
        )
    if topic is None or topic == IDENTITY_TOPIC:
        # "does an RTE like pizza?" asks something we cannot answer; "tldr on the RTE pls"
        # and "what does an RTE actually do all day" ask for the overview.
        if (yes_no and leftover) or len(leftover) > MAX_OVERVIEW_NOISE:
            return replace_reading(r, kind=Kind.NO_MATCH, confidence=0.0)
        return replace_reading(r, kind=Kind.ROLE, topic=None, confidence=role_score)
    return replace_reading(
        r, kind=Kind.ANSWER, topic=topic, confidence=role_score * topic_score * clarity
    )


def _rank_topics(hits: tuple[TopicHit, ...], anchor: int) -> list[tuple[str, str | None, float]]:
    """The topics named, best first.

    Strong before weak and exact before fuzzy. Then the object of the question: the first topic
    after the role asked about ("does a release manager manage risks and issues for a release?"
    is about risk). Adjacent topic words form a compound whose head is its last word ("release
    roadmap" is about the roadmap).
    """
    heads: list[tuple[TopicHit, int]] = []  # (head hit, compound start)
    for h in sorted(hits, key=lambda h: h.start):
        exact = _near_exact(h) and heads and _near_exact(heads[-1][0])
        if heads and heads[-1][0].end == h.start and heads[-1][0].weak == h.weak and exact:
            # "Daily Scrum meeting": a duty followed by its own topic's word keeps the duty.
            before = heads[-1][0]
            specific = before.topic == h.topic and before.duty and not h.duty
            heads[-1] = (before if specific else h, heads[-1][1])
        else:
            heads.append((h, h.start))

    def key(pair: tuple[TopicHit, int]) -> tuple[bool, bool, bool, int, int]:
        h, start = pair
        after = start >= anchor
        return (not h.weak, _near_exact(h), after, -start if after else start, h.end - h.start)

    out: dict[tuple[str, str | None], float] = {}
    for h, _ in sorted(heads, key=key, reverse=True):
        out.setdefault((h.topic, h.duty), h.score * (0.75 if h.weak else 1.0))
    for h in hits:  # words swallowed into a compound still count, after the heads
        out.setdefault((h.topic, h.duty), h.score * (0.75 if h.weak else 1.0))
    return [(topic, duty, score) for (topic, duty), score in out.items()]


def _asks_combination(
    tokens: tuple[str, ...], hits: tuple[RoleHit, ...], topics: tuple[TopicHit, ...]
) -> bool:
    """ "can the PO and SM be the same person?", "can a PM double as an SM?", "should a PO be the
    SM?", "if the SM also acts as the PO": one person in two roles, not whether they are alike."""
    if any(h.topic == ROLE_COMBINATION_TOPIC and not h.weak for h in topics):
        return True
    distinct = distinct_hits(hits)
    if len(distinct) < 2:
        return False
    between = set(words_between(tokens, distinct))
    lead = lead_word(tokens)
    if lead in MODALS | {"should", "would"} and "be" in between and "become" not in between:
        return True
    return "also" in between and bool(between & {"be", "act", "acts", "acting", "serve", "serves"})


def _near_exact(hit: TopicHit) -> bool:
    """Exact, or one typo in a long word ("backgorund"): as good as typed right."""
    return hit.score >= NEAR_EXACT


def _role_is_object(tokens: tuple[str, ...], hits: tuple[RoleHit, ...]) -> bool:
    """ "who coaches Scrum Masters?" (a verb follows "who"), unlike "who does the RTE report
    to?" or "who is the RTE?" (an auxiliary follows)."""
    lead = lead_word(tokens)
    if lead not in {"who", "whos"} or not hits:
        return False
    at = tokens.index(lead)
    nxt = tokens[at + 1] if at + 1 < len(tokens) else ""
    return bool(nxt) and nxt not in AUXILIARIES and nxt not in COPULAS and hits[0].start > at + 1


def _is_help(tokens: tuple[str, ...]) -> bool:
    if set(tokens) & HELP_WORDS and len(tokens) <= 6:
        return True
    return any(contains(tokens, phrase) for phrase in HELP_PHRASES)


def _asks_which_role(tokens: tuple[str, ...]) -> bool:
    """ "which role owns X", "what role decides X", "whose job is X"."""
    for i, t in enumerate(tokens[:-1]):
        if t in {"which", "what"} and tokens[i + 1] in {
            "role",
            "roles",
            "person",
            "job",
            "position",
        }:
            return True
    return False


def _is_comparison(tokens: tuple[str, ...], hits: tuple[RoleHit, ...], strong: bool) -> bool:
    """ "RTE vs PgM", "difference between ...", and, when `strong` is False, the weaker forms:
    "how is X different from Y", "RTE or PO: who ...", "RTE and PgM", "RTE PgM"."""
    token_set = set(tokens)
    if token_set & STRONG_COMPARE_WORDS:
        return True
    if strong:
        return False
    if token_set & COMPARE_WORDS:
        return True
    distinct = distinct_hits(hits)
    if len(distinct) < 2:
        return False
    asks_yes_no = lead_word(tokens) in AUXILIARIES
    between = set(words_between(tokens, distinct)) - ARTICLES
    if between == {"or"}:
        return True
    return (between == {"and"} or not between) and not asks_yes_no


def _is_identity(
    tokens: tuple[str, ...], hits: tuple[RoleHit, ...], topics: tuple[TopicHit, ...]
) -> bool:
    """ "is an RTE a business analyst?", "RTE = BA?", "RTEs are basically BAs", "do RTEs act as
    Scrum Masters?".

    A copula or an identity word links the two roles, little else stands between them, and no
    topic follows the second one ("is the RTE the program manager's assistant?" is about the
    reporting line). A question opened by "does" / "do" needs an identity word ("act as").
    """
    first, second = distinct_hits(hits)[:2]
    between = tokens[first.end : second.start]
    if any(not h.weak and h.topic != IDENTITY_TOPIC for h in topics):
        return False  # "is the roadmap owned by the RTE or PM?", "is the RTE the PgM's assistant?"
    if any(
        first.end <= h.start < second.start
        and h.topic != IDENTITY_TOPIC
        and not set(tokens[h.start : h.end]) <= IDENTITY_FILLER
        for h in topics
    ):
        return False  # "is the RTE there to support the program manager?"
    markers = set(between) & IDENTITY_MARKERS
    if any(contains(between, (verb, "on")) for verb in ("take", "takes", "taking")):
        markers.add("take on")  # "can a PgM take on the RTE role?" (not "take part in")
    copula = bool(set(between) & COPULAS) or bool(set(tokens[: first.start]) & COPULAS)
    lead = lead_word(tokens)
    if lead in WH_WORDS:
        return False  # "how is an SM different from an agile coach?" asks for the differences
    if lead in AUXILIARIES and lead not in COPULAS and lead not in MODALS and not markers:
        return False  # "does our RTE manage X or is that on the POs?"
    noise = [t for t in between if t not in IDENTITY_FILLER and t not in STOPWORDS]
    return (copula or bool(markers)) and len(noise) <= 1
