"""Read a question: which roles and topic it names, and what kind of question it is.

Roles are found by their names, aliases and abbreviations (exactly, after stemming) and by fuzzy
matching of the longer names, so "realease trian enginer" still finds the RTE; topics the same way,
on the words left once the roles are taken out. The kind of question comes from small cue words
("vs", "who", "is an X a Y"). An unknown subject ("does a DBA ...") is recorded so the answer can
decline instead of answering about some other role.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.normalise import Question, stem
from bot.normalise import words as split_words
from bot.records import IDENTITY_TOPIC, OFFICIAL_ROLE_TOPIC, KnowledgeBase, Misnomer

MAX_TYPOS = 4


class Kind(StrEnum):
    ANSWER = "answer"
    COMPARISON = "comparison"
    TOPIC = "topic"
    ROLE = "role"
    NO_MATCH = "no-match"
    HELP = "help"


# Words that carry no meaning of their own in a question about roles. They never count as
# "unexplained", and they are left out when comparing a question with a claim's wording.
STOPWORDS = frozenset(
    """a an the of to in on for from by with at as and or but if so than then that this these those
    is are was were be been being am do does did doing done has have had having can could should
    would will shall may might must not no nor isnt arent doesnt dont didnt wasnt cant wont
    shouldnt i me my we our us you your yours he she it its they them their there here what
    which who whom whose when where why how any some all each every one ones also just only
    really actually basically simply still even more most much many very too own owns owned
    owning handle handles handled handling manage manages managed managing management
    responsible responsibility responsibilities job role roles task tasks duty duties part about
    into over under between within typically usually normally always ever thing things stuff
    like need needs get gets got make makes made take takes go goes lot lots kind type sort
    someone somebody anyone anybody person people ok okay hey hi hello please thanks thank tell
    know want wondering question quick true right correct yes yeah agree think thought say says
    said claim claims whats wheres hows whos thats theres isnt according""".split()
)

# Framework names and units that say where a role lives, not which role or topic.
CONTEXT_WORDS = frozenset(
    """safe scrum agile lean pmi pmis pmbok itil babok iiba art arts train trains framework
    frameworks organisation organization company companies team teams standard standards guide
    guides version v3 v4 v5 v6 site website world""".split()
)
CONTEXT_PHRASES = (
    ("agile", "release", "train"),
    ("release", "train"),
    ("solution", "train"),
    ("scaled", "agile", "framework"),
    ("scaled", "agile"),
)

FRAMEWORK_WORDS = {
    "safe": "SAFe",
    "scrum": "Scrum",
    "pmi": "PMI",
    "pmis": "PMI",
    "pmbok": "PMI",
    "itil": "ITIL",
    "babok": "IIBA",
    "iiba": "IIBA",
}

AUXILIARIES = frozenset(
    """do does did is are was were can could should would will shall may might must has have had
    isnt arent doesnt dont didnt cant wont shouldnt""".split()
)
ARTICLES = frozenset({"a", "an", "the"})
DETERMINERS = frozenset(
    """a an the my our your their his her this that these those any every each""".split()
)
SUBJECT_OK = (
    frozenset(
        """i you we they he she it there anyone anybody someone somebody everyone everybody
        people one who what which""".split()
    )
    | CONTEXT_WORDS
)

COMPARE_WORDS = frozenset(
    """vs v versus difference differences differ differs different compare compared comparing
    comparison contrast distinguish distinction""".split()
)
WHO_WORDS = frozenset({"who", "whom", "whose", "whos"})
WH_WORDS = WHO_WORDS | frozenset("""what whats which how hows where when why""".split())
# "A vs B" cues that make a comparison whatever else the question says; "different" is weaker
# ("is an SM just a PM with a different title?" asks whether they are one role).
STRONG_COMPARE_WORDS = frozenset(
    """vs v versus difference differences differ differs compare compared comparing comparison
    contrast distinguish distinction""".split()
)
# Words that say the question is about a particular team, day or person, not about a role.
PERSONAL_WORDS = frozenset(
    """today tomorrow tonight yesterday weekend monday tuesday wednesday thursday friday
    oncall salary salaries pay paid earn earns earning wage wages""".split()
)
POSSESSIVES = frozenset({"our", "my", "your", "their"})
# Nouns that make a job title: one outside every known role name is an unknown role.
ROLE_NOUNS = frozenset(
    """lead leads manager managers engineer engineers owner owners analyst analysts coach coaches
    director directors architect architects officer head designer designers developer tester
    administrator consultant specialist champion""".split()
)
# An instruction to the bot ("write a job description for ..."), not a question.
REQUEST_VERBS = frozenset(
    """translate write draft create generate book schedule remind send email invite find make
    set add draw plan organise organize arrange call ping post""".split()
)
# "can you tell me ..." asks for information; "can you book ..." asks the bot to do something.
ASKING_VERBS = frozenset(
    """tell explain compare help clarify describe list show summarise summarize answer
    say""".split()
)
IDENTITY_FILLER = (
    frozenset(
        """a an the just really basically simply actually essentially same as kind type sort form of
        like equal equals equivalent = is are another name for considered glorified fancy similar to
        title role thing also or not isnt arent senior junior chief head lead new bigger higher
        level our my your their its team teams s sort of more less than take takes taking on act
        acts acting serve serves become becomes replace replaces different name called""".split()
    )
    | CONTEXT_WORDS
)
COPULAS = frozenset({"is", "are", "isnt", "arent", "=", "was", "be"})
IDENTITY_MARKERS = frozenset(
    """= same like equivalent equal equals similar act acts acting serve serves become becomes
    replace replaces basically just""".split()
)
MODALS = frozenset({"can", "could", "may", "might", "should"})
# "X vs Y, same thing?" asks whether they are one role, not for a side-by-side table.
SAMENESS_WORDS = frozenset({"same", "equivalent", "interchangeable", "synonym", "synonyms"})
# Unknown words a role overview question may carry ("tldr on the RTE role pls").
MAX_OVERVIEW_NOISE = 3
HELP_WORDS = frozenset({"help", "usage", "commands", "command", "examples", "instructions"})
HELP_PHRASES = (
    ("what", "can", "you", "do"),
    ("what", "can", "i", "ask"),
    ("how", "do", "i", "use"),
    ("how", "does", "this", "work"),
    ("what", "do", "you", "know"),
)
# Words that ask for a role's overview; a role named with only these is a "what is it?" question.
OVERVIEW_WORDS = frozenset(
    """explain describe description define definition tell overview summary summarise summarize
    mean means meaning stand stands purpose purposes role job position title info information
    responsibilities responsibility duties duty day work works doing life look looks""".split()
)


_NOT_A_SUBJECT = COMPARE_WORDS | OVERVIEW_WORDS | HELP_WORDS
INTERJECTIONS = frozenset("""so and but ok okay hey hi hello also then well quick q""".split())


@dataclass(frozen=True)
class RoleHit:
    role: str
    start: int
    end: int
    score: float  # 1.0 exact; less for a stemmed or fuzzy match
    misnomer: Misnomer | None = None


@dataclass(frozen=True)
class TopicHit:
    topic: str
    start: int
    end: int
    score: float
    weak: bool = False
    antonym: bool = False  # "unofficial" names the topic but asks the opposite


@dataclass(frozen=True)
class Reading:
    """What the matcher understood. Plain data; `answer.build` turns it into an Answer."""

    question: Question
    kind: Kind
    roles: tuple[str, ...] = ()
    topic: str | None = None
    topics: tuple[str, ...] = ()  # every topic named, best first; `topic` is the one answered
    confidence: float = 0.0
    misnomer: Misnomer | None = None
    framework: str | None = None
    identity: bool = False
    unknown: str | None = None  # a subject that is not a known role ("dba")
    ambiguous: tuple[str, ...] = ()  # roles a typo could equally mean
    unexplained: tuple[str, ...] = ()
    anchor: int = 0  # where the role asked about ends; topics after it are its object
    open_question: bool = False  # who / what / how ...: asks for facts, not a yes or no
    off_topic: str | None = None  # why a question that names a role is still not ours
    role_hits: tuple[RoleHit, ...] = field(default=(), repr=False)
    topic_hits: tuple[TopicHit, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class _Phrase:
    owner: str  # role or topic id
    tokens: tuple[str, ...]
    stems: tuple[str, ...]
    text: str
    exact_only: bool = False
    weak: bool = False
    misnomer: Misnomer | None = None
    antonym: bool = False


def _phrase(owner: str, text: str, **kwargs: object) -> _Phrase | None:
    tokens = tuple(t for t in split_words(text) if t not in ARTICLES) or split_words(text)
    if not tokens:
        return None
    return _Phrase(owner, tokens, tuple(stem(t) for t in tokens), " ".join(tokens), **kwargs)  # type: ignore[arg-type]


def _typos_allowed(text: str) -> int:
    """How many edits (a swap of two letters counts as one) still count as the same name:
    none for short words, where one letter makes another word ("scope" is not "score"),
    more for long names."""
    n = len(text)
    return 0 if n <= 5 else 1 if n <= 8 else 2 if n <= 11 else 3 if n <= 20 else 4


def _is_swap(a: str, b: str) -> bool:
    """ "scoep" for "scope": two neighbouring letters swapped, the commonest typo in short words."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


class Matcher:
    """Indexes the knowledge base's names once; `read()` is then cheap per question."""

    def __init__(self, kb: KnowledgeBase) -> None:
        role_phrases: list[_Phrase] = []
        for role in kb.roles:
            for text in (role.name, *role.aliases):
                if p := _phrase(role.id, text):
                    role_phrases.append(p)
            for text in role.abbreviations:
                if p := _phrase(role.id, text, exact_only=True):
                    role_phrases.append(p)
            for misnomer in role.misnomers:
                if p := _phrase(role.id, misnomer.phrase, misnomer=misnomer):
                    role_phrases.append(p)
        topic_phrases: list[_Phrase] = []
        for topic in kb.topics:
            for text in topic.synonyms:
                if p := _phrase(topic.id, text):
                    topic_phrases.append(p)
            for text in topic.weak_synonyms:
                if p := _phrase(topic.id, text, weak=True):
                    topic_phrases.append(p)
            for text in topic.antonyms:
                if p := _phrase(topic.id, text, antonym=True):
                    topic_phrases.append(p)
        self._context_abbreviations = {
            (framework, " ".join(split_words(text))): role.id
            for role in kb.roles
            for framework, text in role.context_abbreviations
        }
        self._roles = _Index(role_phrases)
        self._topics = _Index(topic_phrases)
        # A word either index knows is not a typo for the other ("programme" is no "programmer").
        # Word forms count too: "decided" is known because "decide" is (same stem).
        words = self._roles.vocabulary | self._topics.vocabulary | CONTEXT_WORDS
        for index in (self._roles, self._topics):
            index.vocabulary = words
            index.stem_vocabulary = frozenset(stem(w) for w in words)

    def read(self, question: Question) -> Reading:
        tokens, stems = question.tokens, question.stems
        if not tokens:
            return Reading(question, Kind.HELP, confidence=1.0)
        role_hits, ambiguous = self._find_roles(tokens, stems)
        role_hits = self._not_inside_topics(role_hits, tokens, stems)
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
        topic_hits = self._find_topics(tokens, stems, taken | context)
        subject = _subject(tokens, role_hits)
        ordered = ([subject] if subject else []) + role_hits
        roles = tuple(dict.fromkeys(h.role for h in ordered))
        anchor = subject.end if subject else (role_hits[0].end if role_hits else 0)
        misnomer = next((h.misnomer for h in role_hits if h.misnomer), None)
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
            framework=framework,
            unexplained=unexplained,
            anchor=anchor,
            open_question=_lead(tokens) in WH_WORDS,
            role_hits=tuple(role_hits),
            topic_hits=tuple(topic_hits),
        )
        if ambiguous:
            return _replace(base, ambiguous=ambiguous)
        unknown = _unknown_subject(tokens, stems, taken, self._topics, topic_hits)
        if unknown:
            return _replace(base, unknown=unknown)
        off_topic = _off_topic(tokens, set(unexplained), taken)
        if off_topic:
            return _replace(base, off_topic=off_topic)
        return self._classify(base)

    def _not_inside_topics(
        self, hits: list[RoleHit], tokens: tuple[str, ...], stems: tuple[str, ...]
    ) -> list[RoleHit]:
        """ "PO Sync" is an event, not the Product Owner: a role name inside a longer topic
        phrase belongs to the phrase."""
        phrases = [
            c
            for c in self._topics.candidates(tokens, stems)
            if c.score >= 0.99 and not c.weak and c.end - c.start > 1
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
        return RoleHit(owner, hit.start, hit.end, hit.score, hit.misnomer) if owner else hit

    # -- kinds ---------------------------------------------------------------------------------
    def _classify(self, r: Reading) -> Reading:
        tokens = r.question.tokens
        token_set = set(tokens)
        ranked = _rank_topics(r.topic_hits, r.anchor)
        topic, topic_score = ranked[0] if ranked else (None, 0.0)
        r = _replace(r, topics=tuple(t for t, _ in ranked))
        role_score = min((h.score for h in r.role_hits), default=0.0)
        # The more of the question that nobody understood, the less sure the reading.
        content = [t for t in tokens if t not in STOPWORDS]
        unexplained_share = len(r.unexplained) / max(1, len(content))
        clarity = 1.0 - 0.6 * unexplained_share

        if r.roles and topic and topic != IDENTITY_TOPIC and _role_is_object(tokens, r.role_hits):
            # "who coaches Scrum Masters?": the role named is the one acted on, not the actor.
            return _replace(r, kind=Kind.TOPIC, topic=topic, confidence=topic_score * clarity)
        if not r.roles:
            if _is_help(tokens) and not any(not h.weak for h in r.topic_hits):
                return _replace(r, kind=Kind.HELP, confidence=1.0)
            if (
                topic
                and topic != IDENTITY_TOPIC
                and (token_set & WHO_WORDS or _asks_which_role(tokens))
            ):
                return _replace(r, kind=Kind.TOPIC, topic=topic, confidence=topic_score * clarity)
            return _replace(r, kind=Kind.NO_MATCH, topic=topic, confidence=0.0)

        if len(r.roles) >= 2:
            same = bool(token_set & SAMENESS_WORDS)
            strong_topic = any(not h.weak for h in r.topic_hits)
            if "both" in token_set and strong_topic and not token_set & COMPARE_WORDS:
                # "RTEs and PMs both do cost management, don't they?" asks about a shared claim.
                return _replace(
                    r, kind=Kind.ANSWER, topic=topic, confidence=role_score * topic_score * clarity
                )
            chosen = None if topic == IDENTITY_TOPIC else topic
            compared = role_score * (topic_score if chosen else 1.0) * max(clarity, 0.8)
            if _is_comparison(tokens, r.role_hits, strong=True) and not same:
                return _replace(r, kind=Kind.COMPARISON, topic=chosen, confidence=compared)
            identity = same or _is_identity(tokens, r.role_hits, r.topic_hits)
            if not identity and _is_comparison(tokens, r.role_hits, strong=False):
                return _replace(r, kind=Kind.COMPARISON, topic=chosen, confidence=compared)
            if identity:
                return _replace(
                    r,
                    kind=Kind.ANSWER,
                    roles=r.roles[:2],
                    topic=IDENTITY_TOPIC,
                    identity=True,
                    confidence=role_score * max(clarity, 0.8),
                )
            if topic is None:
                # Two roles and nothing else to go on: show them side by side.
                return _replace(r, kind=Kind.COMPARISON, confidence=role_score * clarity)
            return _replace(
                r, kind=Kind.ANSWER, topic=topic, confidence=role_score * topic_score * clarity
            )

        # One role.
        strong = any(not h.weak for h in r.topic_hits)
        unknown_role = set(r.unexplained) & ROLE_NOUNS  # "RTE vs DevOps lead"
        cue = token_set & (STRONG_COMPARE_WORDS | SAMENESS_WORDS)  # "RTE same as PMO?"
        if cue and r.unexplained and (not strong or unknown_role):
            # "RTE vs DBA": comparing with a role the KB does not know.
            return _replace(r, kind=Kind.NO_MATCH, confidence=0.0)
        if r.misnomer is not None and (topic is None or topic == IDENTITY_TOPIC):
            return _replace(r, kind=Kind.ANSWER, topic=IDENTITY_TOPIC, confidence=role_score)
        yes_no = _lead(tokens) in AUXILIARIES
        if topic == IDENTITY_TOPIC and yes_no and r.misnomer is None and len(r.role_hits) > 1:
            # "does RTE stand for Release Train Engineer?": the role named twice, its two names
            return _replace(r, kind=Kind.ANSWER, topic=IDENTITY_TOPIC, confidence=role_score)
        leftover = [t for t in r.unexplained if t not in OVERVIEW_WORDS]
        if (topic is None or topic == IDENTITY_TOPIC) and yes_no and r.framework and not leftover:
            # "is there a program manager in Scrum?", "does PMI define the RTE role?"
            return _replace(r, kind=Kind.ANSWER, topic=OFFICIAL_ROLE_TOPIC, confidence=role_score)
        if topic is None or topic == IDENTITY_TOPIC:
            # "does an RTE like pizza?" asks something we cannot answer; "tldr on the RTE pls"
            # and "what does an RTE actually do all day" ask for the overview.
            if (yes_no and leftover) or len(leftover) > MAX_OVERVIEW_NOISE:
                return _replace(r, kind=Kind.NO_MATCH, confidence=0.0)
            return _replace(r, kind=Kind.ROLE, topic=None, confidence=role_score)
        return _replace(
            r, kind=Kind.ANSWER, topic=topic, confidence=role_score * topic_score * clarity
        )

    # -- roles and topics ----------------------------------------------------------------------
    def _find_roles(
        self, tokens: tuple[str, ...], stems: tuple[str, ...]
    ) -> tuple[list[RoleHit], tuple[str, ...]]:
        candidates = self._roles.candidates(tokens, stems)
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
            chosen.append(RoleHit(c.owner, c.start, c.end, c.score, c.misnomer))
        chosen.sort(key=lambda h: h.start)
        return chosen, tuple(sorted(ambiguous))

    def _find_topics(
        self, tokens: tuple[str, ...], stems: tuple[str, ...], skip: set[int]
    ) -> list[TopicHit]:
        hits: list[TopicHit] = []
        taken = set(skip)
        candidates = self._topics.candidates(tokens, stems, skip)
        exact_first = sorted(
            candidates, key=lambda c: (c.score < 0.99, -(c.end - c.start), -c.score, c.start)
        )
        for c in exact_first:
            span = set(range(c.start, c.end))
            if span & taken:
                continue
            taken |= span
            hits.append(TopicHit(c.owner, c.start, c.end, c.score, c.weak, c.antonym))
        hits.sort(key=lambda h: h.start)
        return hits


@dataclass(frozen=True)
class _Candidate:
    owner: str
    start: int
    end: int
    score: float
    weak: bool = False
    misnomer: Misnomer | None = None
    antonym: bool = False


class _Index:
    """Exact lookup by token and stem tuples, plus fuzzy lookup of the longer phrases."""

    def __init__(self, phrases: Iterable[_Phrase]) -> None:
        self.by_tokens: dict[tuple[str, ...], list[_Phrase]] = {}
        self.by_stems: dict[tuple[str, ...], list[_Phrase]] = {}
        fuzzy: list[_Phrase] = []
        for p in phrases:
            self.by_tokens.setdefault(p.tokens, []).append(p)
            self.by_stems.setdefault(p.stems, []).append(p)
            if not p.exact_only and not p.weak and len(p.text) >= 4:
                fuzzy.append(p)
        self.longest = max(
            (len(p.tokens) for group in self.by_tokens.values() for p in group), default=1
        )
        self.fuzzy_by_size: dict[int, tuple[list[_Phrase], list[str]]] = {}
        for p in fuzzy:
            bucket = self.fuzzy_by_size.setdefault(len(p.tokens), ([], []))
            bucket[0].append(p)
            bucket[1].append(p.text)
        # A window of known words can only fuzzily match a *different* known phrase ("project
        # manager" is two edits from "product manager"), so only windows with an unknown word,
        # where a typo may hide, are compared.
        self.vocabulary = frozenset(t for key in self.by_tokens for t in key) | STOPWORDS
        self.stem_vocabulary = frozenset(stem(t) for t in self.vocabulary)

    def candidates(
        self, tokens: tuple[str, ...], stems: tuple[str, ...], skip: set[int] | None = None
    ) -> list[_Candidate]:
        skip = skip or set()
        out: list[_Candidate] = []
        # Articles do not count: "part of the Scrum Guide" matches "part of scrum guide".
        kept = [i for i, t in enumerate(tokens) if t not in ARTICLES]
        words = tuple(tokens[i] for i in kept)
        roots = tuple(stems[i] for i in kept)
        for a in range(len(kept)):
            if kept[a] in skip:
                continue
            for size in range(1, min(self.longest, len(kept) - a) + 1):
                start, end = kept[a], kept[a + size - 1] + 1
                if skip.intersection(range(start, end)):
                    break
                for p in self.by_tokens.get(words[a : a + size], ()):
                    out.append(_Candidate(p.owner, start, end, 1.0, p.weak, p.misnomer, p.antonym))
                for p in self.by_stems.get(roots[a : a + size], ()):
                    if p.tokens != words[a : a + size]:
                        out.append(
                            _Candidate(p.owner, start, end, 0.99, p.weak, p.misnomer, p.antonym)
                        )
        out.extend(self._fuzzy(tokens, stems, skip))
        return out

    def _fuzzy(
        self, tokens: tuple[str, ...], stems: tuple[str, ...], skip: set[int]
    ) -> list[_Candidate]:
        unknown = {
            i
            for i, (t, s) in enumerate(zip(tokens, stems, strict=True))
            if i not in skip
            and t not in self.vocabulary
            and s not in self.stem_vocabulary
            and len(t) > 2
        }
        out: list[_Candidate] = []
        for size, (phrases, texts) in self.fuzzy_by_size.items():
            for start in range(max(0, min(unknown, default=0) - size + 1), len(tokens) - size + 1):
                end = start + size
                span = range(start, end)
                if not unknown.intersection(span) or skip.intersection(span):
                    continue
                # extract() with a distance scorer keeps the choices at or under the cutoff.
                window = " ".join(tokens[start:end])
                for _, distance, pi in process.extract(
                    window, texts, scorer=OSA.distance, score_cutoff=MAX_TYPOS, limit=None
                ):
                    p = phrases[pi]
                    if 0 < distance <= _typos_allowed(p.text) or _is_swap(window, p.text):
                        score = 0.97 * (1.0 - distance / len(p.text))
                        out.append(
                            _Candidate(p.owner, start, end, score, p.weak, p.misnomer, p.antonym)
                        )
        return out


def _replace(r: Reading, **changes: object) -> Reading:
    from dataclasses import replace

    return replace(r, **changes)  # type: ignore[arg-type]


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


def _rank_topics(hits: tuple[TopicHit, ...], anchor: int) -> list[tuple[str, float]]:
    """The topics named, best first.

    Strong before weak and exact before fuzzy. Then the object of the question: the first topic
    after the role asked about ("does a release manager manage risks and issues for a release?"
    is about risk). Adjacent topic words form a compound whose head is its last word ("release
    roadmap" is about the roadmap).
    """
    heads: list[tuple[TopicHit, int]] = []  # (head hit, compound start)
    for h in sorted(hits, key=lambda h: h.start):
        exact = h.score >= 0.99 and heads and heads[-1][0].score >= 0.99
        if heads and heads[-1][0].end == h.start and heads[-1][0].weak == h.weak and exact:
            heads[-1] = (h, heads[-1][1])
        else:
            heads.append((h, h.start))

    def key(pair: tuple[TopicHit, int]) -> tuple[bool, bool, bool, int, int]:
        h, start = pair
        after = start >= anchor
        return (not h.weak, h.score >= 0.99, after, -start if after else start, h.end - h.start)

    out: dict[str, float] = {}
    for h, _ in sorted(heads, key=key, reverse=True):
        out.setdefault(h.topic, h.score * (0.75 if h.weak else 1.0))
    for h in hits:  # words swallowed into a compound still count, after the heads
        out.setdefault(h.topic, h.score * (0.75 if h.weak else 1.0))
    return list(out.items())


def _role_is_object(tokens: tuple[str, ...], hits: tuple[RoleHit, ...]) -> bool:
    """ "who coaches Scrum Masters?" (a verb follows "who"), unlike "who does the RTE report
    to?" or "who is the RTE?" (an auxiliary follows)."""
    lead = _lead(tokens)
    if lead not in {"who", "whos"} or not hits:
        return False
    at = tokens.index(lead)
    nxt = tokens[at + 1] if at + 1 < len(tokens) else ""
    return bool(nxt) and nxt not in AUXILIARIES and nxt not in COPULAS and hits[0].start > at + 1


def _lead(tokens: tuple[str, ...]) -> str:
    """The question's first word after a greeting ("hey, so does ..." -> "does")."""
    for t in tokens:
        if t not in INTERJECTIONS:
            return t
    return ""


def _off_topic(tokens: tuple[str, ...], unexplained: set[str], roles: set[int]) -> str | None:
    """Why a question that may name a role is still not one this bot can answer, or None.

    "who is our product owner?" asks for a person, "what salary does an RTE get?" for a fact the
    knowledge base does not hold, "can you book the PI planning room?" for an action.
    """
    lead = _lead(tokens)
    start = tokens.index(lead) if lead else 0
    rest = tokens[start:]
    if set(tokens) & PERSONAL_WORDS or _contains(tokens, ("on", "call")):
        return "I know what roles are responsible for, not who does what on a given team or day."
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
            return "I can't tell who holds a role on your team; I can say what the role is."
    if lead in REQUEST_VERBS:
        return "I only answer questions; I can't do things for you."
    if (
        lead in {"can", "could", "would", "will"}
        and len(rest) > 2
        and rest[1] == "you"
        and rest[2] not in ASKING_VERBS
    ):
        return "I only answer questions; I can't do things for you."
    if lead in {"what", "which"} and len(rest) > 1:
        nxt = next((t for t in rest[1:] if t not in DETERMINERS), "")
        if nxt in unexplained:
            return f'I have no facts about "{nxt}".'
    if _contains(tokens, ("how", "much")):
        return "I have no facts about amounts or prices."
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


def _is_help(tokens: tuple[str, ...]) -> bool:
    if set(tokens) & HELP_WORDS and len(tokens) <= 6:
        return True
    return any(_contains(tokens, phrase) for phrase in HELP_PHRASES)


def _contains(tokens: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tokens[i : i + size] == phrase for i in range(len(tokens) - size + 1))


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


def _between(tokens: tuple[str, ...], hits: tuple[RoleHit, ...]) -> tuple[str, ...]:
    first, second = hits[0], hits[1]
    return tokens[first.end : second.start]


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
    distinct = _distinct_hits(hits)
    if len(distinct) < 2:
        return False
    asks_yes_no = _lead(tokens) in AUXILIARIES
    between = set(_between(tokens, distinct)) - ARTICLES
    if between == {"or"}:
        return True
    return (between == {"and"} or not between) and not asks_yes_no


def _distinct_hits(hits: tuple[RoleHit, ...]) -> tuple[RoleHit, ...]:
    seen: dict[str, RoleHit] = {}
    for h in hits:
        seen.setdefault(h.role, h)
    return tuple(sorted(seen.values(), key=lambda h: h.start))


def _is_identity(
    tokens: tuple[str, ...], hits: tuple[RoleHit, ...], topics: tuple[TopicHit, ...]
) -> bool:
    """ "is an RTE a business analyst?", "RTE = BA?", "RTEs are basically BAs", "do RTEs act as
    Scrum Masters?".

    A copula or an identity word links the two roles, little else stands between them, and no
    topic follows the second one ("is the RTE the program manager's assistant?" is about the
    reporting line). A question opened by "does" / "do" needs an identity word ("act as").
    """
    first, second = _distinct_hits(hits)[:2]
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
    if any(_contains(between, (verb, "on")) for verb in ("take", "takes", "taking")):
        markers.add("take on")  # "can a PgM take on the RTE role?" (not "take part in")
    copula = bool(set(between) & COPULAS) or bool(set(tokens[: first.start]) & COPULAS)
    lead = _lead(tokens)
    if lead in WH_WORDS:
        return False  # "how is an SM different from an agile coach?" asks for the differences
    if lead in AUXILIARIES and lead not in COPULAS and lead not in MODALS and not markers:
        return False  # "does our RTE manage X or is that on the POs?"
    noise = [t for t in between if t not in IDENTITY_FILLER and t not in STOPWORDS]
    return (copula or bool(markers)) and len(noise) <= 1


def _unknown_subject(
    tokens: tuple[str, ...],
    stems: tuple[str, ...],
    taken: set[int],
    topics: _Index,
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
    if word in SUBJECT_OK or word in STOPWORDS or word.isdigit() or word in _NOT_A_SUBJECT:
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
