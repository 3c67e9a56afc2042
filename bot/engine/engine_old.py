"""The answer engine: question text in, `Answer` out. The same engine serves Slack and the CLI.

Flow: normalise -> match (a Reading) -> pick the claims that decide it -> Answer. A question is
declined (kind no-match, with suggestions) whenever the reading is unsure, names a role the
knowledge base does not know, or lands on a role and topic with no sourced claim: a confident
wrong answer is the worst thing this bot can do.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.answer import Answer, Cell, Holder, Position, Row, Suggestion
from bot.match import FRAMEWORK_WORDS, STOPWORDS, Kind, Matcher, Reading
from bot.normalise import is_blank, normalise, stem
from bot.normalise import words as split_words
from bot.records import (
    IDENTITY_TOPIC,
    OFFICIAL_ROLE_TOPIC,
    Claim,
    KnowledgeBase,
    Role,
    Stance,
    Topic,
)

MIN_CONFIDENCE = 0.45
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
# How much the matcher's ranking of the named topics counts when choosing among them.
TOPIC_PRIOR = (0.2, 0.1, 0.05, 0.0)
MAX_SHOWN = 3
SHARING_LIMIT = 400
STANCE_ORDER = {Stance.YES: 0, Stance.PARTLY: 1, Stance.NO: 2}
# "can an SM become an RTE?" asks what is possible, not what the role is.
POSSIBILITY = frozenset({"can", "could", "may", "might"})
# Verbs that start a second question about the same role ("... and own the backlog?").
RELATION_VERBS = frozenset(
    """own owns manage manages handle handles run runs remove removes decide decides do does
    coach coaches lead leads set sets approve approves control controls prioritise prioritize
    prioritises prioritizes escalate escalates facilitate facilitates report reports write
    writes define defines accept accepts plan plans need needs""".split()
)


def _bag(texts: tuple[str, ...] | list[str]) -> frozenset[str]:
    return frozenset(stem(w) for text in texts for w in split_words(text) if w not in STOPWORDS)


@dataclass(frozen=True)
class _ClaimWords:
    examples: frozenset[str]
    text: frozenset[str]  # the statement and its correction
    said: frozenset[str]  # the statement alone: for a disputed claim, the claim as made


class _Fit:
    """How well each claim fits one question: worked out when first asked, then remembered for
    the rest of that question."""

    def __init__(self, score: Callable[[Claim], float]) -> None:
        self._score = score
        self._known: dict[str, float] = {}

    def __call__(self, claim: Claim) -> float:
        if claim.id not in self._known:
            self._known[claim.id] = self._score(claim)
        return self._known[claim.id]


def _article(noun: str) -> str:
    return (
        "an"
        if noun[:1].lower() in "aeiou" or (noun.isupper() and noun[:1] in "AEFHILMNORSX")
        else "a"
    )


def _subject(role: Role) -> str:
    """How a sentence names the role: "the RTE", but "Product Management"."""
    return role.short if role.short.lower().endswith("management") else f"the {role.short}"


def _asks_opposite(r: Reading, topic: str) -> bool:
    """The topic was named only by an antonym ("unofficial"): the question asks the opposite."""
    hits = [h for h in r.topic_hits if h.topic == topic and not h.weak]
    return bool(hits) and all(h.antonym for h in hits)


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]


class Engine:
    """Built once per knowledge base; `ask` is then a pure function of the question text."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.matcher = Matcher(kb)
        self.roles = {r.id: r for r in kb.roles}
        self.topics = {t.id: t for t in kb.topics}
        self.by_role_topic: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        self.by_role: dict[str, list[Claim]] = defaultdict(list)
        self.words: dict[str, _ClaimWords] = {}
        # word -> the claims using it: a question is only compared with claims it shares a word
        # with, which keeps the cost per question flat as the knowledge base grows.
        self._claims_with: dict[str, list[Claim]] = defaultdict(list)
        for claim in kb.claims:
            self.by_role_topic[(claim.role, claim.topic)].append(claim)
            for role in claim.roles:
                self.by_role[role].append(claim)
            texts = [claim.statement, claim.correction or ""]
            self.words[claim.id] = _ClaimWords(
                _bag(claim.examples), _bag(texts), _bag([claim.statement])
            )
            for word in self.words[claim.id].examples | self.words[claim.id].text:
                self._claims_with[word].append(claim)
        # Everything that does not depend on the question is worked out once, here.
        self._headlines: set[str] = set()
        for group in self.by_role_topic.values():
            self._headlines |= self._headlines_of(group)
        self._deciders = {
            key: self._decider_of(group, self._headlines, any_claim=False)
            for key, group in self.by_role_topic.items()
        }
        self._cell_claims = {
            key: self._decider_of(group, self._headlines, any_claim=True)
            for key, group in self.by_role_topic.items()
        }
        self._profiles: dict[str, tuple[Position, ...]] = {}
        self._suggestions: dict[tuple[tuple[str, ...], str | None], tuple[Suggestion, ...]] = {}
        self._defaults = self._default_suggestions()

    # -- public ----------------------------------------------------------------------------------
    def ask(self, raw: str) -> Answer:
        question = normalise(raw)
        reading = self.matcher.read(question)
        if not question.tokens and not is_blank(raw):
            answer = self._decline(reading, "I couldn't find a question in that.")
        else:
            answer = self._answer(reading)
        if answer.kind not in (Kind.NO_MATCH, Kind.HELP) and answer.confidence < MIN_CONFIDENCE:
            answer = self._decline(reading, "I'm not sure I understood the question.")
        return replace(answer, kb_version=self.kb.version, truncated=question.truncated)

    def compare(self, role_ids: list[str], topic_id: str | None = None) -> Answer:
        """Compare known roles directly (role and topic ids), as `rte-bot compare` does."""
        names = " vs ".join(self.roles[r].name for r in role_ids)
        reading = Reading(
            normalise(names + (f" on {self.topics[topic_id].name}" if topic_id else "")),
            Kind.COMPARISON,
            roles=tuple(role_ids),
            topic=topic_id,
            confidence=1.0,
        )
        return self._comparison(reading)

    def resolve_role(self, text: str) -> str | None:
        """A role id from an id, a name, an alias or an abbreviation ("rte", "RTE", "PgM")."""
        if text in self.roles:
            return text
        reading = self.matcher.read(normalise(text))
        hits = reading.role_hits
        if len(reading.roles) == 1 and not reading.ambiguous and hits:
            return reading.roles[0]
        return None

    def resolve_topic(self, text: str) -> str | None:
        """A topic id from an id or a synonym ("scope", "blockers")."""
        if text in self.topics:
            return text
        hits = {h.topic for h in self.matcher.read(normalise(text)).topic_hits}
        return hits.pop() if len(hits) == 1 else None

    # -- dispatch ----------------------------------------------------------------------------------
    def _answer(self, r: Reading) -> Answer:
        if r.kind is Kind.HELP:
            return Answer(
                r.question.text,
                Kind.HELP,
                "I answer questions about delivery roles, with sources.",
                confidence=1.0,
                suggestions=self._defaults,
            )
        if r.ambiguous:
            names = " or ".join(self.roles[x].name for x in r.ambiguous)
            return self._decline(r, f"That could mean the {names}; which one?", r.ambiguous)
        if r.off_topic:
            return self._decline(r, r.off_topic, ())
        if r.unknown:
            known = ", ".join(role.short for role in self.kb.roles)
            return self._decline(
                r, f'I don\'t know the role "{r.unknown}". I know about: {known}.', ()
            )
        if r.kind is Kind.NO_MATCH:
            found = self._retrieve(r) if r.roles else None
            return found or self._decline(r, "I couldn't match that to a role and topic I know.")
        if r.kind is Kind.ROLE:
            return self._role(r)
        if r.kind is Kind.TOPIC:
            return self._topic(r)
        if r.kind is Kind.COMPARISON:
            return self._comparison(r)
        if r.identity:
            return self._identity(r)
        if (
            r.topic == IDENTITY_TOPIC
            and len(r.roles) == 1
            and len(r.role_hits) > 1
            and r.misnomer is None
        ):
            return self._names_match(r)
        return self._yes_no(r)

    # -- kinds -----------------------------------------------------------------------------------
    def _yes_no(self, r: Reading) -> Answer:
        assert r.topic is not None
        role = self.roles[r.roles[0]]
        q = self._question_words(r)
        fit = self._fit_for(q)
        topic_id = self._choose_topic(role.id, r, q, fit)
        if topic_id is None:
            topic = self.topics[r.topic]
            return self._decline(
                r,
                f"The knowledge base has no sourced claim about {_subject(role)} "
                f"and {topic.label}.",
            )
        topic = self.topics[topic_id]
        if topic.id == OFFICIAL_ROLE_TOPIC and r.framework and r.framework not in role.frameworks:
            return self._not_in_framework(r, role, topic, r.framework)
        split = self._two_questions(r, role)
        if split:
            return self._decline(
                r, "That asks two things with different answers; ask one at a time.", split=split
            )
        others = set(r.roles[1:])
        candidates = self.by_role_topic[(role.id, topic.id)]
        score = {c.id: self._score(c, fit, others, r.framework) for c in candidates}
        ranked = sorted(candidates, key=lambda c: -score[c.id])
        decider = self._decide(ranked, q, fit, others, may_dispute=not r.open_question)
        verdict = decider.stance if decider else None
        headline = self._headline(role, topic, verdict, decider)
        if verdict is not None and _asks_opposite(r, topic.id):
            # "Is the RTE an unofficial role?" -> "No: the RTE is an official, defined role."
            flipped = {Stance.YES: Stance.NO, Stance.NO: Stance.YES}.get(verdict, verdict)
            phrase = topic.says(verdict)
            headline = (
                f"{flipped.value.capitalize()}: {_subject(role)} {phrase}."
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
            roles=tuple(self.roles[x] for x in r.roles),
            topic=topic,
            verdict=verdict,
            confidence=r.confidence,
            claims=tuple(established[:MAX_SHOWN]),
            disputed=tuple(disputed[:MAX_SHOWN]),
            misnomer=r.misnomer,
        )

    def _not_in_framework(self, r: Reading, role: Role, topic: Topic, framework: str) -> Answer:
        """ "Is the Scrum Master a PMI role?": the roles file says which frameworks define each
        role, and the role's official-role claims say where it is defined."""
        claims = [c for c in self.by_role_topic.get((role.id, topic.id), []) if not c.disputed]
        claims.sort(key=lambda c: (framework not in c.frameworks, c.stance is not Stance.NO))
        where = " and ".join(role.frameworks)
        headline = f"No: {framework} does not define {_article(role.name)} {role.name}" + (
            f"; it is a {where} role." if where else "."
        )
        return Answer(
            r.question.text,
            Kind.ANSWER,
            headline,
            roles=tuple(self.roles[x] for x in r.roles),
            topic=topic,
            verdict=Stance.NO,
            confidence=r.confidence,
            claims=tuple(claims[:MAX_SHOWN]) or tuple(self._definitions(role)[:1]),
            disputed=tuple(
                c for c in self.by_role_topic.get((role.id, topic.id), []) if c.disputed
            )[:MAX_SHOWN],
            misnomer=r.misnomer,
        )

    def _two_questions(self, r: Reading, role: Role) -> tuple[str, ...]:
        """ "Does the RTE manage risk and own the backlog?" joins two questions whose answers
        differ (yes and no): one verdict would be wrong for half of it. Returns a question for
        each half, or () when there is one question (or one answer for both)."""
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
        deciders = [self._decider(role.id, t) for t in (first, second)]
        stances = {d.stance for d in deciders if d is not None}
        if len(stances) < 2 or None in (d.stance if d else None for d in deciders):
            return ()
        questions = []
        for decider in deciders:
            assert decider is not None
            example = next(iter(decider.examples), None)
            questions.append(example or self.topics[decider.topic].question)
        return tuple(questions)

    def _choose_topic(self, role: str, r: Reading, q: frozenset[str], fit: _Fit) -> str | None:
        """Of the topics the question names, the one whose claims on this role fit it best.

        The matcher's ranking is a prior; a claim that says what the question says can move the
        answer to its topic ("does an RTE coach leaders?" is coaching, not leadership), even when
        no topic word was recognised at all.
        """
        named = {h.topic for h in r.topic_hits if not h.weak}
        if r.topic and r.topic not in {h.topic for h in r.topic_hits}:
            # The reading inferred the topic from the question's form ("is there an RTE in
            # Scrum?" is about official roles): no word competes with that.
            return r.topic if (role, r.topic) in self.by_role_topic else None
        options: dict[str, float] = {}
        for rank, topic in enumerate((r.topic, *r.topics)):
            if topic and (role, topic) in self.by_role_topic and topic not in options:
                if named and topic not in named and named & self._topics_of(role):
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
            disputed = [c for c in self._sharing(q) if c.disputed and c.role == role]
            best, best_fit = self._best_claim(disputed, role, q, fit, any_roles=True)
            enough = RETRIEVE_OVER_NAMED_AT
        else:
            best, best_fit = self._best_claim(self._sharing(q), role, q, fit)
            enough = RETRIEVE_AT if options else RETRIEVE_ALONE_AT
        if best is not None and best_fit >= enough and best.topic not in options:
            options[best.topic] = 0.0
        if not options:
            return None

        def value(topic: str) -> float:
            claims = self.by_role_topic[(role, topic)]
            return options[topic] + max(fit(c) for c in claims)

        return max(options, key=value)

    def _topics_of(self, role: str) -> set[str]:
        return {topic for (owner, topic) in self.by_role_topic if owner == role}

    def _fit_for(self, q: frozenset[str]) -> _Fit:
        return _Fit(lambda claim: self._similarity(claim, q))

    def _sharing(self, q: frozenset[str]) -> list[Claim]:
        """Claims that share a word with the question, each once: those with the question's
        rarer words first, and at most SHARING_LIMIT of them (a common word alone says little,
        and a large knowledge base would otherwise make every question slow)."""
        seen: dict[str, Claim] = {}
        for word in sorted(q, key=lambda w: len(self._claims_with.get(w, ()))):
            for claim in self._claims_with.get(word, ()):
                seen.setdefault(claim.id, claim)
                if len(seen) >= SHARING_LIMIT:
                    return list(seen.values())
        return list(seen.values())

    def _best_claim(
        self,
        claims: list[Claim],
        role: str,
        q: frozenset[str],
        fit: _Fit,
        any_roles: bool = False,
    ) -> tuple[Claim | None, float]:
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
        if best is None or self._shared(best, q) < 2:  # one shared word proves nothing
            return None, 0.0
        return best, best_fit

    def _shared(self, claim: Claim, q: frozenset[str]) -> int:
        words = self.words[claim.id]
        return max(len(q & words.examples), len(q & words.text))

    def _decide(
        self,
        ranked: list[Claim],
        q: frozenset[str],
        similarity: _Fit,
        others: set[str],
        may_dispute: bool,
    ) -> Claim | None:
        """The claim whose stance is the verdict.

        An established claim normally decides (the headline, unless another fits the question
        better). A contested or corrected claim decides only a yes/no question about that claim
        itself ("do RTEs need a business degree?"): it fits clearly better than any established
        claim. "How many people does an RTE serve?" gets no yes or no from a dispute.
        """
        established = [c for c in ranked if not c.disputed and c.stance is not None]
        disputed = [c for c in ranked if c.disputed and c.stance is not None and may_dispute]
        head = established[0] if established else None

        def fit(c: Claim) -> float:
            # A claim about the other role the question names ("assist the program manager")
            # fits better than one that does not.
            return similarity(c) + (OTHER_ROLE_BONUS if others & set(c.roles[1:]) else 0)

        def fit_as_made(c: Claim) -> float:
            # Only the claim as made (and the ways people ask about it) counts here: its
            # correction states the facts, which are the answer to other questions.
            words = self.words[c.id]
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

    def _identity(self, r: Reading) -> Answer:
        first, second = (self.roles[x] for x in r.roles[:2])
        topic = self.topics.get(IDENTITY_TOPIC)
        linking = [c for c in self.by_role[first.id] if second.id in c.roles]
        q = self._question_words(r)

        def rank(c: Claim) -> tuple[int, int, bool, float]:
            # Prefer "is <first> a <second>?" claims, then the reverse, then any claim linking
            # them; the sources' own words before someone's claim that they confirm.
            direction = 0 if c.roles[0] == first.id else 1
            topic = 0 if c.topic == IDENTITY_TOPIC else 1
            return (topic, direction, c.claimed_by is not None, -self._similarity(c, q))

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
                f"No: {_article(first.short)} {first.short} and {_article(second.name)} "
                f"{second.name} are different roles.",
                roles=(first, second),
                topic=topic,
                verdict=Stance.NO,
                confidence=min(r.confidence, 0.6),
                claims=tuple(self._definitions(first)[:1] + self._definitions(second)[:1]),
                misnomer=r.misnomer,
                note="No claim in the knowledge base compares these two roles directly.",
            )
        verdict = decider.stance
        one = f"{_article(first.short)} {first.short}"
        other = f"{_article(second.name)} {second.name}"
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

    def _names_match(self, r: Reading) -> Answer:
        """ "Does RTE stand for Release Train Engineer?": both names found name the same role."""
        role = self.roles[r.roles[0]]
        return Answer(
            r.question.text,
            Kind.ANSWER,
            f"Yes: {role.short} stands for {role.name}."
            if role.short != role.name
            else f"Yes: that is the {role.name}.",
            roles=(role,),
            topic=self.topics.get(IDENTITY_TOPIC),
            verdict=Stance.YES,
            confidence=r.confidence,
            claims=tuple(self._definitions(role)[:MAX_SHOWN]),
        )

    def _role(self, r: Reading) -> Answer:
        role = self.roles[r.roles[0]]
        return Answer(
            r.question.text,
            Kind.ROLE,
            f"{_sentence(_article(role.name))} {role.name}"
            + (f" ({role.short})" if role.short != role.name and role.short.isupper() else "")
            + f": {role.definition}",
            roles=(role,),
            confidence=r.confidence,
            claims=tuple(self._definitions(role)[:MAX_SHOWN]),
            misnomer=r.misnomer,
            profile=self._profile(role),
        )

    def _topic(self, r: Reading) -> Answer:
        assert r.topic is not None
        topic = self.topics[r.topic]
        roles = list(self.kb.roles)
        if r.framework:
            framed = [role for role in roles if r.framework in role.frameworks]
            roles = framed or roles
        holders: list[Holder] = []
        for role in roles:
            decider = self._decider(role.id, topic.id)
            if decider is not None:
                holders.append(Holder(role, decider.stance, decider))
        if not holders:
            return self._decline(r, f"The knowledge base has no claims about {topic.label}.")
        # The role whose claim says what the question says comes first ("who accepts user
        # stories?": the Product Owner); then owners, contributors, the rest.
        q = self._question_words(r)
        holders.sort(
            key=lambda h: (
                -min(self._shared(h.claim, q), 2),
                STANCE_ORDER[h.stance] if h.stance else 3,
            )
        )
        owners = [h.role.name for h in holders if h.stance is Stance.YES]
        where = f" in {r.framework}" if r.framework and len(roles) < len(self.kb.roles) else ""
        headline = (
            f"{_sentence(topic.label)}{where}: "
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

    def _comparison(self, r: Reading) -> Answer:
        compared = [self.roles[x] for x in r.roles]
        topics = [self.topics[r.topic]] if r.topic else list(self.kb.topics)
        rows: list[Row] = []
        for topic in topics:
            cells = []
            for role in compared:
                claim = (
                    next(iter(self._definitions(role)), None)
                    if topic.id == IDENTITY_TOPIC
                    else self._decider(role.id, topic.id, any_claim=True)
                )
                contested = any(c.disputed for c in self.by_role_topic.get((role.id, topic.id), []))
                cells.append(Cell(role, claim.stance if claim else None, claim, contested))
            if r.topic or all(cell.claim for cell in cells):
                rows.append(Row(topic, tuple(cells)))
        linking = [
            c
            for c in self.by_role[compared[0].id]
            if c.topic == IDENTITY_TOPIC
            and not c.disputed
            and all(x.id in c.roles for x in compared[1:])
        ][:1]
        names = " vs ".join(role.name for role in compared)
        headline = names + (f", on {topics[0].label}" if r.topic else "")
        return Answer(
            r.question.text,
            Kind.COMPARISON,
            headline,
            roles=tuple(compared),
            topic=self.topics[r.topic] if r.topic else None,
            confidence=r.confidence,
            claims=tuple(linking),
            rows=tuple(rows),
            misnomer=r.misnomer,
        )

    def _retrieve(self, r: Reading) -> Answer | None:
        """No topic word matched, but the question may still say what one claim says
        ("does an agile coach work with several teams?"): answer from that claim's topic."""
        q = self._question_words(r)
        best, best_fit = self._best_claim(self._sharing(q), r.roles[0], q, self._fit_for(q))
        if best is None or best_fit < RETRIEVE_ALONE_AT:
            return None
        confidence = best_fit * min((h.score for h in r.role_hits), default=1.0)
        return self._yes_no(replace(r, kind=Kind.ANSWER, topic=best.topic, confidence=confidence))

    # -- helpers ---------------------------------------------------------------------------------
    def _question_words(self, r: Reading) -> frozenset[str]:
        """The question's content words, without the role names (every candidate shares those)
        and without framework names (most claims mention SAFe; the framework is weighed apart)."""
        skip = {i for h in r.role_hits if h.misnomer is None for i in range(h.start, h.end)}
        return frozenset(
            s
            for i, (t, s) in enumerate(zip(r.question.tokens, r.question.stems, strict=True))
            if i not in skip and t not in STOPWORDS and t not in FRAMEWORK_WORDS
        )

    def _similarity(self, claim: Claim, q: frozenset[str]) -> float:
        if not q:
            return 0.0
        words = self.words[claim.id]
        return max(len(q & words.examples) / len(q), 0.8 * len(q & words.text) / len(q))

    def _score(
        self,
        claim: Claim,
        fit: _Fit,
        others: set[str],
        framework: str | None,
    ) -> float:
        score = fit(claim)
        if framework and framework in claim.frameworks:
            score += FRAMEWORK_BONUS  # "is X one of the Scrum roles?" is about Scrum
        if claim.id in self._headlines:
            score += HEADLINE_BONUS
        if others and others & set(claim.roles[1:]):
            score += OTHER_ROLE_BONUS
        return score

    @staticmethod
    def _headlines_of(group: list[Claim]) -> set[str]:
        """The claims that answer the plain question for their role and topic: the one marked
        `headline`, or the only established single-role claim with a stance."""
        marked = {c.id for c in group if c.headline and not c.disputed and c.stance is not None}
        if marked:
            return marked
        decided = [
            c for c in group if not c.disputed and c.stance is not None and len(c.roles) == 1
        ]
        return {decided[0].id} if len(decided) == 1 else set()

    @staticmethod
    def _decider_of(group: list[Claim], headlines: set[str], any_claim: bool) -> Claim | None:
        single = [c for c in group if len(c.roles) == 1] or group
        for c in single:
            if c.id in headlines:
                return c
        with_stance = [c for c in single if not c.disputed and c.stance is not None]
        if with_stance:
            return with_stance[0]
        if any_claim:
            return next((c for c in single if not c.disputed), None)
        return None

    def _decider(self, role: str, topic: str, any_claim: bool = False) -> Claim | None:
        """The claim that answers "does <role> do <topic>?" with no other words to go on."""
        table = self._cell_claims if any_claim else self._deciders
        return table.get((role, topic))

    def _definitions(self, role: Role) -> list[Claim]:
        return [
            c
            for c in self.by_role_topic.get((role.id, IDENTITY_TOPIC), [])
            if len(c.roles) == 1 and not c.disputed
        ]

    def _profile(self, role: Role) -> tuple[Position, ...]:
        """The role's stance on every topic the KB decides, for an overview."""
        if role.id in self._profiles:
            return self._profiles[role.id]
        out = []
        for topic in self.kb.topics:
            if topic.id == IDENTITY_TOPIC:
                continue
            decider = self._decider(role.id, topic.id)
            if decider is not None:
                out.append(Position(topic, decider.stance, decider))
        self._profiles[role.id] = tuple(out)
        return self._profiles[role.id]

    def _headline(
        self, role: Role, topic: Topic, verdict: Stance | None, decider: Claim | None
    ) -> str:
        if decider is None or verdict is None:
            return f"What the sources say about {_subject(role)} and {topic.label}:"
        word = verdict.value.capitalize()
        if decider.disputed and decider.correction:
            return f"{word}: {decider.correction}"
        phrase = topic.says(verdict)
        if phrase:
            return f"{word}: {_subject(role)} {phrase}."
        return f"{word}: {decider.statement}"

    def _decline(
        self,
        r: Reading,
        note: str,
        roles: tuple[str, ...] | None = None,
        split: tuple[str, ...] = (),
    ) -> Answer:
        q = self._question_words(r)
        fit = self._fit_for(q)
        nearest = max(self._sharing(q), key=fit, default=None)
        score = fit(nearest) if nearest is not None else 0.0
        return Answer(
            r.question.text,
            Kind.NO_MATCH,
            "I don't know that one.",
            confidence=0.0,
            suggestions=tuple(Suggestion(q) for q in split if self._safe_answerable(q))
            or self._suggest(r.roles if roles is None else roles, r.topic),
            note=note,
            nearest=nearest.id if nearest is not None and score > 0 else None,
            nearest_score=round(score, 3),
        )

    def _suggest(self, roles: tuple[str, ...], topic_id: str | None) -> tuple[Suggestion, ...]:
        """Up to three questions near what was asked that the bot can answer."""
        key = (roles[:3], topic_id)
        if key not in self._suggestions:
            self._suggestions[key] = self._make_suggestions(*key)
        return self._suggestions[key]

    def _make_suggestions(
        self, roles: tuple[str, ...], topic_id: str | None
    ) -> tuple[Suggestion, ...]:
        texts: list[str] = []
        topic = self.topics.get(topic_id) if topic_id else None
        for role_id in roles:
            role = self.roles[role_id]
            texts.append(f"What is {_article(role.name)} {role.name}?")
            profile = self._profile(role)
            examples = [h.claim.examples[0] for h in profile if h.claim.examples]
            texts.extend(examples[:2])
        if topic is not None and topic.id != IDENTITY_TOPIC:
            texts.insert(0, topic.question)
        texts.extend(s.question for s in self._defaults)
        out: list[Suggestion] = []
        for text in dict.fromkeys(texts):
            if len(out) == 3:
                break
            if text and self._safe_answerable(text):
                out.append(Suggestion(text))
        return tuple(out)

    def _safe_answerable(self, text: str) -> bool:
        reading = self.matcher.read(normalise(text))
        if reading.kind in (Kind.NO_MATCH, Kind.HELP) or reading.unknown or reading.ambiguous:
            return False
        return reading.confidence >= MIN_CONFIDENCE

    def _default_suggestions(self) -> tuple[Suggestion, ...]:
        texts = []
        if self.kb.roles:
            first = self.kb.roles[0]
            texts.append(f"What is {_article(first.name)} {first.name}?")
            linked = next(
                (
                    c.roles[1]
                    for c in self.by_role[first.id]
                    if c.topic == IDENTITY_TOPIC and len(c.roles) > 1
                ),
                None,
            )
            if linked:
                texts.append(f"{first.short} vs {self.roles[linked].name}")
        texts.extend(t.question for t in self.kb.topics if t.id != IDENTITY_TOPIC)
        out: list[Suggestion] = []
        for text in texts:
            if len(out) == 3:
                break
            if self._safe_answerable(text):
                out.append(Suggestion(text))
        return tuple(out)
