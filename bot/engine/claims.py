"""The knowledge base's claims, indexed once for answering: by role, topic and duty, with the claim
that decides each group worked out ahead, and the words of every claim for matching questions.

Nothing here depends on a question except the fit helpers at the bottom, which compare a question's
words with the claims that share at least one of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.engine.answer import Position
from bot.engine.lexicon import STOPWORDS
from bot.engine.normalise import stem
from bot.engine.normalise import words as split_words
from bot.records import IDENTITY_TOPIC, RELATION_TOPICS, Claim, Duty, KnowledgeBase, Role, Topic

# Claims compared with one question at most: a common word alone says little, and a large knowledge
# base would otherwise make every question slow.
SHARING_LIMIT = 400


def bag(texts: Iterable[str]) -> frozenset[str]:
    """The stems of the content words of some texts."""
    return frozenset(stem(w) for text in texts for w in split_words(text) if w not in STOPWORDS)


@dataclass(frozen=True)
class ClaimWords:
    examples: frozenset[str]
    text: frozenset[str]  # the statement and its correction
    said: frozenset[str]  # the statement alone: for a disputed claim, the claim as made


class Fit:
    """How well each claim fits one question: worked out when first asked, then remembered for
    the rest of that question."""

    def __init__(self, score: Callable[[Claim], float]) -> None:
        self._score = score
        self._known: dict[str, float] = {}

    def __call__(self, claim: Claim) -> float:
        if claim.id not in self._known:
            self._known[claim.id] = self._score(claim)
        return self._known[claim.id]


# A group of claims: (role, topic, duty) with "" for claims on the topic as a whole.
Key = tuple[str, str, str]


class ClaimIndex:
    """Every lookup the deciders need, built once per knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.roles: dict[str, Role] = {r.id: r for r in kb.roles}
        self.topics: dict[str, Topic] = {t.id: t for t in kb.topics}
        self.duties: dict[str, Duty] = {d.id: d for d in kb.duties}
        self.by_role_topic: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        self.by_group: dict[Key, list[Claim]] = defaultdict(list)
        self.by_role: dict[str, list[Claim]] = defaultdict(list)
        self.words: dict[str, ClaimWords] = {}
        # word -> the claims using it: a question is only compared with claims it shares a word
        # with, which keeps the cost per question flat as the knowledge base grows.
        self._claims_with: dict[str, list[Claim]] = defaultdict(list)
        for claim in kb.claims:
            self.by_role_topic[(claim.role, claim.topic)].append(claim)
            self.by_group[(claim.role, claim.topic, claim.duty or "")].append(claim)
            for role in claim.roles:
                self.by_role[role].append(claim)
            words = ClaimWords(
                bag(claim.examples),
                bag([claim.statement, claim.correction or ""]),
                bag([claim.statement]),
            )
            self.words[claim.id] = words
            for word in words.examples | words.text:
                self._claims_with[word].append(claim)
        self.headlines: set[str] = set()
        for group in self.by_group.values():
            self.headlines |= headlines_of(group)
        self._deciders = {
            key: decider_of(group, self.headlines, any_claim=False)
            for key, group in self.by_group.items()
        }
        self._cells = {
            key: decider_of(group, self.headlines, any_claim=True)
            for key, group in self.by_group.items()
        }
        self.profiles = {role.id: self._profile(role) for role in kb.roles}

    # -- groups --------------------------------------------------------------------------------
    def claims(self, role: str, topic: str, duty: str | None = None) -> list[Claim]:
        """The claims on a role and a duty, or on a role and a topic (all its duties included)."""
        if duty:
            return self.by_group.get((role, topic, duty), [])
        return self.by_role_topic.get((role, topic), [])

    def decider(
        self, role: str, topic: str, duty: str | None = None, any_claim: bool = False
    ) -> Claim | None:
        """The claim that answers "does <role> do <topic or duty>?" with no other words to go on.

        For a topic, only claims on the topic as a whole count: a claim about the Daily Scrum does
        not say whether the role runs the events in general.
        """
        table = self._cells if any_claim else self._deciders
        return table.get((role, topic, duty or ""))

    def has(self, role: str, topic: str, duty: str | None = None) -> bool:
        return bool(self.claims(role, topic, duty))

    def topics_of(self, role: str) -> set[str]:
        return {topic for (owner, topic) in self.by_role_topic if owner == role}

    def definitions(self, role: Role) -> list[Claim]:
        return [
            c
            for c in self.by_role_topic.get((role.id, IDENTITY_TOPIC), [])
            if len(c.roles) == 1 and not c.disputed
        ]

    def _profile(self, role: Role) -> tuple[Position, ...]:
        """The role's stance on every topic the KB decides, for an overview."""
        out = []
        for topic in self.kb.topics:
            if topic.id == IDENTITY_TOPIC:
                continue
            decider = self.decider(role.id, topic.id)
            if decider is not None:
                out.append(Position(topic, decider.stance, decider))
        return tuple(out)

    # -- fitting a question ----------------------------------------------------------------------
    def similarity(self, claim: Claim, q: frozenset[str]) -> float:
        """Share of the question's words the claim's examples (or, less, its text) contain."""
        if not q:
            return 0.0
        words = self.words[claim.id]
        return max(len(q & words.examples) / len(q), 0.8 * len(q & words.text) / len(q))

    def fit_for(self, q: frozenset[str]) -> Fit:
        return Fit(lambda claim: self.similarity(claim, q))

    def shared(self, claim: Claim, q: frozenset[str]) -> int:
        words = self.words[claim.id]
        return max(len(q & words.examples), len(q & words.text))

    def sharing(self, q: frozenset[str]) -> list[Claim]:
        """Claims that share a word with the question, each once: those with the question's
        rarer words first, and at most SHARING_LIMIT of them."""
        seen: dict[str, Claim] = {}
        for word in sorted(q, key=lambda w: len(self._claims_with.get(w, ()))):
            for claim in self._claims_with.get(word, ()):
                seen.setdefault(claim.id, claim)
                if len(seen) >= SHARING_LIMIT:
                    return list(seen.values())
        return list(seen.values())

    def best_claim(
        self,
        claims: list[Claim],
        role: str,
        q: frozenset[str],
        fit: Fit,
        any_roles: bool = False,
    ) -> tuple[Claim | None, float]:
        """The claim about `role` that fits the question best, if it shares two words or more."""
        best, best_fit = None, 0.0
        for claim in claims:
            # A claim about two roles answers a question about both (unless `any_roles`: a
            # disputed claim quoted back is about its first role, whoever else it names).
            if claim.roles == (role,) or (
                any_roles and claim.role == role and claim.topic != IDENTITY_TOPIC
            ):
                score = fit(claim)
                if score > best_fit:
                    best, best_fit = claim, score
        if best is None or self.shared(best, q) < 2:  # one shared word proves nothing
            return None, 0.0
        return best, best_fit


def headlines_of(group: list[Claim]) -> set[str]:
    """The claims that answer the plain question for their group: the one marked `headline`, or
    the only established single-role claim with a stance. A claim resting on secondary sources
    alone heads a group only when no claim with a primary source could."""
    marked = {c.id for c in group if c.headline and not c.disputed and c.stance is not None}
    if marked:
        return marked
    decided = [c for c in group if not c.disputed and c.stance is not None and len(c.roles) == 1]
    primary = [c for c in decided if not c.secondary_only]
    if len(primary) == 1:
        return {primary[0].id}
    return {decided[0].id} if len(decided) == 1 else set()


def decider_of(group: list[Claim], headlines: set[str], any_claim: bool) -> Claim | None:
    """The claim whose stance answers a group's plain question (None: the sources take none).

    On a topic that relates two roles (identity, one person in both), a claim about a pair says
    nothing about the role alone: "can the SM hold other roles?" has no single answer."""
    single = [c for c in group if len(c.roles) == 1]
    if not single and group and group[0].topic in RELATION_TOPICS:
        return None
    single = single or group
    for c in single:
        if c.id in headlines:
            return c
    with_stance = [c for c in single if not c.disputed and c.stance is not None]
    with_stance.sort(key=lambda c: c.secondary_only)  # primary sources first
    if with_stance:
        return with_stance[0]
    if any_claim:
        return next((c for c in single if not c.disputed), None)
    return None
