"""Read a question: which roles, topic or duty and framework it names, and what it asks.

Roles are found by their names, aliases and abbreviations (exactly, after stemming) and by fuzzy
matching of the longer names, so "realease trian enginer" still finds the RTE; topics the same way,
on the words left once the roles are taken out. An unknown subject ("does a DBA ...") is recorded so
the answer can decline instead of answering about some other role.
"""

from __future__ import annotations

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.engine.answer import Kind
from bot.engine.classify import NEAR_EXACT, classify
from bot.engine.grammar import contains, lead_word
from bot.engine.lexicon import (
    ARTICLES,
    ASKING_VERBS,
    AUXILIARIES,
    COMPARE_WORDS,
    CONTEXT_PHRASES,
    CONTEXT_WORDS,
    COPULAS,
    DETERMINERS,
    FRAMEWORK_WORDS,
    INTERJECTIONS,
    NOT_A_SUBJECT,
    POSSESSIVES,
    REQUEST_VERBS,
    ROLE_NOUNS,
    SAMENESS_WORDS,
    STOPWORDS,
    SUBJECT_OK,
    WH_WORDS,
    WHO_WORDS,
    grammar_words,
)
from bot.engine.normalise import Question, stem
from bot.engine.normalise import words as split_words
from bot.engine.phrases import Candidate, Phrase, PhraseIndex, make_phrase
from bot.engine.reading import Reading, Reason, RoleHit, TopicHit, replace_reading
from bot.records import RELATION_TOPICS, REPORTING_LINE_TOPIC, KnowledgeBase


class Reader:
    """Indexes the knowledge base's names once; `read()` is then cheap per question."""

    def __init__(self, kb: KnowledgeBase) -> None:
        role_phrases: list[Phrase] = []
        for role in kb.roles:
            for text in (role.name, *role.aliases):
                if p := make_phrase(role.id, text):
                    role_phrases.append(p)
            for text in role.abbreviations:
                if p := make_phrase(role.id, text, exact_only=True):
                    role_phrases.append(p)
            for misnomer in role.misnomers:
                if p := make_phrase(role.id, misnomer.phrase, misnomer=misnomer):
                    role_phrases.append(p)
            for label in role.labels:
                if p := make_phrase(role.id, label.phrase, label=label):
                    role_phrases.append(p)
        topic_phrases: list[Phrase] = []
        for topic in kb.topics:
            for text in topic.synonyms:
                if p := make_phrase(topic.id, text):
                    topic_phrases.append(p)
            for text in topic.weak_synonyms:
                if p := make_phrase(topic.id, text, weak=True):
                    topic_phrases.append(p)
            for text in topic.antonyms:
                if p := make_phrase(topic.id, text, antonym=True):
                    topic_phrases.append(p)
            for duty in topic.duties:
                for text in duty.synonyms:
                    if p := make_phrase(topic.id, text, duty=duty.id):
                        topic_phrases.append(p)
            for sense in topic.senses:
                # "direct reports" is line management; "roadmap to become" is no topic at all.
                owner, duty_id = _meaning(kb, sense.means)
                if p := make_phrase(owner, sense.phrase, duty=duty_id, sense=True):
                    topic_phrases.append(p)
        self._declines = PhraseIndex(
            p
            for decline in kb.declines
            for text in decline.phrases
            if (p := make_phrase(decline.id, text, exact_only=True))
        )
        self._decline_replies = {d.id: d.reply for d in kb.declines}
        self._context_abbreviations = {
            (framework, " ".join(split_words(text))): role.id
            for role in kb.roles
            for framework, text in role.context_abbreviations
        }
        self._roles = PhraseIndex(role_phrases)
        self._topics = PhraseIndex(topic_phrases)
        # A word either index knows is not a typo for the other ("programme" is no "programmer").
        # Word forms count too: "decided" is known because "decide" is (same stem).
        words = self._roles.vocabulary | self._topics.vocabulary | CONTEXT_WORDS
        for index in (self._roles, self._topics):
            index.vocabulary = words
            index.stem_vocabulary = frozenset(stem(w) for w in words)
        # Grammar words typed with a typo ("diffrence", "managmeent") are read as meant.
        self._grammar = sorted(w for w in grammar_words() if len(w) >= 4 and w.isalpha())
        self._known = words | frozenset(self._grammar)
        self._known_stems = frozenset(stem(w) for w in self._known)
        self._spelling: dict[str, str | None] = {}

    def read(self, question: Question) -> Reading:
        question = self._spelled(question)
        tokens, stems = question.tokens, question.stems
        if not tokens:
            return Reading(question, Kind.HELP, confidence=1.0)
        role_hits, ambiguous = self._find_roles(tokens, stems)
        role_hits = self._shared_heads(role_hits, tokens, stems)
        role_hits = self._not_inside_topics(role_hits, tokens, stems)
        absent = _absent_roles(tokens, role_hits)
        role_hits = [h for h in role_hits if h not in absent]
        taken = {i for h in role_hits for i in range(h.start, h.end)}
        # The framework the question is about, from words outside role names ("Scrum" in
        # "Scrum Master" says nothing about the framework asked about).
        framework = next(
            (
                FRAMEWORK_WORDS[t]
                for i, t in enumerate(tokens)
                if t in FRAMEWORK_WORDS and i not in taken
            ),
            None,
        )
        if framework:
            role_hits = [self._in_context(h, tokens, framework) for h in role_hits]
        context = _context_positions(tokens, taken)
        context |= {i for h in absent for i in range(h.start - 1, h.end)}
        topic_hits = self._find_topics(tokens, stems, taken | context)
        settings = _settings(tokens, topic_hits, taken)
        context |= settings
        topic_hits = [h for h in topic_hits if h.start not in settings]
        subject = _subject(tokens, role_hits)
        ordered = ([subject] if subject else []) + role_hits
        roles = tuple(dict.fromkeys(h.role for h in ordered))
        anchor = subject.end if subject else (role_hits[0].end if role_hits else 0)
        misnomer = next((h.misnomer for h in role_hits if h.misnomer), None)
        label = next((h.label for h in role_hits if h.label), None)
        explained = taken | context | {i for h in topic_hits for i in range(h.start, h.end)}
        unexplained = tuple(
            t
            for i, t in enumerate(tokens)
            if i not in explained
            and t not in STOPWORDS
            and t not in COMPARE_WORDS
            and t not in CONTEXT_WORDS
        )
        base = Reading(
            question,
            Kind.NO_MATCH,
            roles=roles,
            misnomer=misnomer,
            label=label,
            framework=framework,
            unexplained=unexplained,
            anchor=anchor,
            open_question=lead_word(tokens) in WH_WORDS,
            role_hits=tuple(role_hits),
            topic_hits=tuple(topic_hits),
        )
        declined = self._declined(tokens, stems)
        if declined:
            return replace_reading(base, off_topic=declined)
        if ambiguous:
            return replace_reading(base, ambiguous=ambiguous)
        unknown = _unknown_subject(tokens, stems, taken, self._topics, topic_hits)
        if unknown:
            return replace_reading(base, unknown=unknown)
        labelled = {i for h in role_hits if h.label for i in range(h.start, h.end)}
        off_topic = _off_topic(tokens, set(unexplained), taken - labelled)
        if off_topic:
            return replace_reading(base, off_topic=off_topic)
        phrases = {i for h in topic_hits if not h.weak for i in range(h.start, h.end)}
        strangers = _unknown_roles(tokens, taken, phrases)
        if strangers:
            # "should a team lead be ...": the words of a job title are not topic words.
            ends = [
                i for i in range(1, len(tokens)) if " ".join(tokens[i - 1 : i + 1]) in strangers
            ]
            titled = {i for end in ends for i in (end - 1, end)}
            kept = tuple(h for h in topic_hits if not titled & set(range(h.start, h.end)))
            base = replace_reading(base, topic_hits=kept)
        reading = classify(replace_reading(base, unknown_roles=strangers))
        if strangers and _relates_roles(reading):
            # "RTE vs delivery manager", "should a team lead be the Scrum Master?": an answer
            # would say something about a role nobody here knows.
            return replace_reading(base, unknown=strangers[0], unknown_roles=strangers)
        return reading

    def _spelled(self, question: Question) -> Question:
        """The question with each grammar word that has one typo spelled right."""
        tokens = list(question.tokens)
        for i, token in enumerate(tokens):
            fixed = self._spell(token)
            if fixed:
                tokens[i] = fixed
        if tokens == list(question.tokens):
            return question
        stems = tuple(stem(t) for t in tokens)
        return Question(question.text, tuple(tokens), stems, question.truncated)

    def _spell(self, token: str) -> str | None:
        if len(token) < 4 or not token.isalpha() or token in self._known:
            return None
        if token not in self._spelling:
            near = {
                word
                for word, distance, _ in process.extract(
                    token, self._grammar, scorer=OSA.distance, score_cutoff=1, limit=None
                )
                if distance == 1 and (len(token) >= 7 or sorted(word) == sorted(token))
            }
            unknown = stem(token) not in self._known_stems
            self._spelling[token] = near.pop() if len(near) == 1 and unknown else None
        return self._spelling[token]

    def _declined(self, tokens: tuple[str, ...], stems: tuple[str, ...]) -> tuple[str, str] | None:
        """A phrase of the knowledge base's declines ("salary", "how do I become"): (id, reply)."""
        found = self._declines.candidates(tokens, stems)
        if not found:
            return None
        first = min(found, key=lambda c: c.start)
        return first.owner, self._decline_replies[first.owner]

    def _shared_heads(
        self, hits: list[RoleHit], tokens: tuple[str, ...], stems: tuple[str, ...]
    ) -> list[RoleHit]:
        """ "project and program managers", "Program/Project Managers": a modifier before a role's
        name shares its head noun, and names a role when modifier + head is one."""
        taken = {i for h in hits for i in range(h.start, h.end)}
        found = list(hits)
        for h in hits:
            if h.end - h.start < 2 or h.misnomer is not None:
                continue
            head_tokens, head_stems = tokens[h.start + 1 : h.end], stems[h.start + 1 : h.end]
            j = h.start - 1
            while j >= 0:
                if tokens[j] in _LIST_JOINERS:
                    j -= 1
                    continue
                if j in taken:
                    break
                owner = self._role_named((tokens[j], *head_tokens), (stems[j], *head_stems))
                if owner is None:
                    break
                found.append(RoleHit(owner, j, j + 1, 0.99))
                taken.add(j)
                j -= 1
        return sorted(found, key=lambda h: h.start)

    def _role_named(self, words: tuple[str, ...], roots: tuple[str, ...]) -> str | None:
        """The role a whole phrase names exactly, if any (no abbreviations, no misnomers)."""
        for phrase in (*self._roles.by_tokens.get(words, ()), *self._roles.by_stems.get(roots, ())):
            if not phrase.exact_only and phrase.misnomer is None:
                return str(phrase.owner)
        return None

    def _not_inside_topics(
        self, hits: list[RoleHit], tokens: tuple[str, ...], stems: tuple[str, ...]
    ) -> list[RoleHit]:
        """ "PO Sync" is an event, not the Product Owner: a role name inside a longer topic
        phrase belongs to the phrase."""
        phrases = [
            c
            for c in self._topics.candidates(tokens, stems)
            if c.score >= 0.99 and not c.weak and c.end - c.start > 1 and c.owner
        ]
        return [
            h
            for h in hits
            if not any(
                c.start <= h.start and h.end <= c.end and (c.end - c.start) > (h.end - h.start)
                for c in phrases
            )
        ]

    def _in_context(self, hit: RoleHit, tokens: tuple[str, ...], framework: str) -> RoleHit:
        """In a SAFe question "PM" means Product Management (roles.yaml `abbreviations_in`)."""
        text = " ".join(tokens[hit.start : hit.end])
        owner = self._context_abbreviations.get((framework, text))
        return (
            RoleHit(owner, hit.start, hit.end, hit.score, hit.misnomer, hit.label) if owner else hit
        )

    # -- kinds ---------------------------------------------------------------------------------
    # -- roles and topics ----------------------------------------------------------------------
    def _find_roles(
        self, tokens: tuple[str, ...], stems: tuple[str, ...]
    ) -> tuple[list[RoleHit], tuple[str, ...]]:
        candidates = self._roles.candidates(tokens, stems)
        chosen, ambiguous = _choose_roles(candidates)
        plain = {h.role for h in chosen if h.label is None}
        if any(h.label and h.role in plain for h in chosen):
            # "is the RTE the chief scrum master?" weighs the label against the role it is used
            # for: read the roles its words name, as the claims about that label do.
            return _choose_roles([c for c in candidates if c.label is None])
        return chosen, ambiguous

    def _find_topics(
        self, tokens: tuple[str, ...], stems: tuple[str, ...], skip: set[int]
    ) -> list[TopicHit]:
        hits: list[TopicHit] = []
        taken = set(skip)
        candidates = self._topics.candidates(tokens, stems, skip)
        exact_first = sorted(
            candidates, key=lambda c: (c.score < NEAR_EXACT, -(c.end - c.start), -c.score, c.start)
        )
        for c in exact_first:
            span = set(range(c.start, c.end))
            if span & taken:
                continue
            taken |= span
            if not c.owner:
                continue  # a sense of a topic word that names no topic: those words stay unread
            hit = TopicHit(
                c.owner, c.start, c.end, c.score, c.weak, c.antonym, c.phrase.duty, c.phrase.stems
            )
            hits.append(hit)
        hits.sort(key=lambda h: h.start)
        return hits


# Words that join a list of modifiers sharing one head noun ("project, program and portfolio").
_LIST_JOINERS = frozenset({"and", "or", "vs", "versus", "v"})


def _choose_roles(candidates: list[Candidate]) -> tuple[list[RoleHit], tuple[str, ...]]:
    """The role names read, best match first where they overlap; near-equal rivals are ambiguous."""
    chosen: list[RoleHit] = []
    ambiguous: set[str] = set()
    taken: set[int] = set()
    for c in sorted(candidates, key=lambda c: (-c.score, -(c.end - c.start), c.start)):
        span = set(range(c.start, c.end))
        if span & taken:
            continue
        rivals = {
            o.owner
            for o in candidates
            if o.owner != c.owner
            and set(range(o.start, o.end)) & span
            and c.score < 1.0
            and c.score - o.score < 0.03
        }
        if rivals:
            ambiguous |= rivals | {c.owner}
        taken |= span
        chosen.append(RoleHit(c.owner, c.start, c.end, c.score, c.misnomer, c.label))
    chosen.sort(key=lambda h: h.start)
    return chosen, tuple(sorted(ambiguous))


def _meaning(kb: KnowledgeBase, means: str | None) -> tuple[str, str | None]:
    """The (topic, duty) a word sense stands for: a topic id, a duty id, or nothing ("", None)."""
    if not means:
        return "", None
    for topic in kb.topics:
        if topic.id == means:
            return topic.id, None
        for duty in topic.duties:
            if duty.id == means:
                return topic.id, duty.id
    return "", None


def _context_positions(tokens: tuple[str, ...], taken: set[int]) -> set[int]:
    """Positions of phrases such as "release train" that name a setting, not a topic."""
    out: set[int] = set()
    for phrase in CONTEXT_PHRASES:
        size = len(phrase)
        for start in range(len(tokens) - size + 1):
            span = set(range(start, start + size))
            if tokens[start : start + size] == phrase and not span & taken:
                out |= span
    return out


def _off_topic(
    tokens: tuple[str, ...], unexplained: set[str], roles: set[int]
) -> tuple[str, str] | None:
    """Why a question that may name a role is still not one this bot can answer, or None.

    "who is our product owner?" asks for a person, "what salary does an RTE get?" for a fact the
    knowledge base does not hold, "can you book the PI planning room?" for an action.
    """
    lead = lead_word(tokens)
    start = tokens.index(lead) if lead else 0
    rest = tokens[start:]
    if lead in WHO_WORDS and len(rest) > 2 and rest[1] in COPULAS:
        # "who is our PO?", "who is the RTE for the payments train?": a person, not a role
        i = start + 2
        while i < len(tokens) and tokens[i] in ARTICLES:
            i += 1
        role_follows = i in roles
        while i < len(tokens) and i in roles:
            i += 1
        named_for = i < len(tokens) and tokens[i] in {"for", "of", "on", "in"}
        if rest[2] in POSSESSIVES or (role_follows and named_for):
            return (
                Reason.PERSON,
                "I can't tell who holds a role on your team; I can say what the role is.",
            )
    if lead in REQUEST_VERBS:
        return Reason.REQUEST, "I only answer questions; I can't do things for you."
    if (
        lead in {"can", "could", "would", "will"}
        and len(rest) > 2
        and rest[1] == "you"
        and rest[2] not in ASKING_VERBS
    ):
        return Reason.REQUEST, "I only answer questions; I can't do things for you."
    if lead in {"what", "which"} and len(rest) > 1:
        nxt = next((t for t in rest[1:] if t not in DETERMINERS), "")
        if nxt in unexplained:
            return Reason.NO_FACTS, f'I have no facts about "{nxt}".'
    if contains(tokens, ("how", "much")):
        return Reason.NO_FACTS, "I have no facts about amounts or prices."
    return None


def _subject(tokens: tuple[str, ...], hits: list[RoleHit]) -> RoleHit | None:
    """The role a yes/no question asks about: the one right after "does / is / can (the)".

    With several sentences ("The article says X. So does an RTE ...?") the last one wins.
    """
    found = None
    for h in hits:
        i = h.start - 1
        while i >= 0 and tokens[i] in DETERMINERS:
            i -= 1
        if i >= 0 and tokens[i] in AUXILIARIES:
            found = h
    return found


# Words that say a role is not there ("since there is no project manager, who ...").
_ABSENCE_WORDS = frozenset({"no", "without", "absent", "lacking"})


def _absent_roles(tokens: tuple[str, ...], hits: list[RoleHit]) -> list[RoleHit]:
    """Roles a who/what question names only to say they are missing: "if there's no project
    manager, who manages the budget?" asks who does it instead, not about the project manager."""
    asks = next((i for i, t in enumerate(tokens) if t in WHO_WORDS or t in {"what", "which"}), None)
    if asks is None:
        return []
    out = []
    for h in hits:
        i = h.start - 1
        while i >= 0 and tokens[i] in DETERMINERS:
            i -= 1
        if i >= 0 and tokens[i] in _ABSENCE_WORDS and h.end <= asks:
            out.append(h)
    return out


# Words that put what follows in a setting ("in a Scrum team", "during the sprint") rather than
# make it the thing asked about.
_SETTING_WORDS = frozenset(
    {"in", "during", "within", "inside", "throughout", "of", "for", "on", "across"}
)


def _settings(tokens: tuple[str, ...], hits: list[TopicHit], roles: set[int]) -> set[int]:
    """Positions of weak topic words that only set the scene: "the role of a Scrum Master in a
    Scrum team", "the role of PM in sprint methodology", "what does the PO do during a sprint?"."""
    out: set[int] = set()
    for h in hits:
        if not h.weak:
            continue
        i = h.start - 1
        while i >= 0 and (tokens[i] in DETERMINERS or tokens[i] in CONTEXT_WORDS or i in roles):
            i -= 1
        if i >= 0 and tokens[i] in _SETTING_WORDS:
            out |= set(range(h.start, h.end))
    return out


def _unknown_roles(tokens: tuple[str, ...], roles: set[int], phrases: set[int]) -> tuple[str, ...]:
    """Job titles the knowledge base does not know ("delivery manager", "release engineer"): a
    role noun outside every role name and topic phrase, after a word that is neither a grammar
    word nor part of a known role's name."""
    found: list[str] = []
    for i, token in enumerate(tokens):
        if token not in ROLE_NOUNS or i in roles or i in phrases or i == 0:
            continue
        before = tokens[i - 1]
        if i - 1 in roles or before in STOPWORDS or before in DETERMINERS or before.isdigit():
            continue
        found.append(f"{before} {token}")
    return tuple(dict.fromkeys(found))


def _relates_roles(r: Reading) -> bool:
    """An answer that puts roles side by side or in relation to each other."""
    relation = r.topic in RELATION_TOPICS or r.topic == REPORTING_LINE_TOPIC
    tokens = r.question.tokens
    cue = set(tokens) & (COMPARE_WORDS | SAMENESS_WORDS)
    if lead_word(tokens) in {"should", "can", "could", "would", "may", "must"} and "be" in tokens:
        cue = cue | {"be"}  # "should a team lead be the Scrum Master?": one person, two roles
    several = len(r.roles) > 1
    return r.kind is Kind.COMPARISON or r.identity or relation or several or bool(cue)


def _unknown_subject(
    tokens: tuple[str, ...],
    stems: tuple[str, ...],
    taken: set[int],
    topics: PhraseIndex,
    topic_hits: list[TopicHit],
) -> str | None:
    """The subject of "does a DBA handle backups?" when it is not a role the KB knows."""
    # The question's own auxiliary: first word, or after an interjection ("so does a DBA ...").
    lead = 1 if tokens[0] in INTERJECTIONS else 0
    if len(tokens) <= lead or tokens[lead] not in AUXILIARIES:
        return None
    start = lead
    i = start + 1
    while i < len(tokens) and tokens[i] in DETERMINERS:
        i += 1
    if i >= len(tokens) or (i == start + 1 and tokens[start] in {"is", "are"}):
        # "is scope ..." has no determiner: too often a topic or an adjective to judge.
        return None
    if i in taken or any(h.start == i for h in topic_hits):
        return None  # a role, or a topic phrase ("is the daily scrum run by ...")
    word = tokens[i]
    if word in SUBJECT_OK or word in STOPWORDS or word.isdigit() or word in NOT_A_SUBJECT:
        return None
    if i + 1 in taken:
        return None  # "does teh RTE ...", "does every RTE ...": the role is the subject
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if nxt in ROLE_NOUNS and i + 1 not in taken:
        return f"{word} {nxt}"  # "does the DevOps lead ...", "is the release lead ..."
    if (stems[i],) in topics.by_stems or (word,) in topics.by_tokens:
        return None
    # A determiner followed by an unknown word, then more: "a chef", "the cfo", "a qa lead".
    return word
