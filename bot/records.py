"""Typed records of the knowledge base.

The storage layer (`bot.kb`) builds these from YAML; everything else only ever sees these frozen
records, so the engine and the renderers never depend on how the knowledge base is stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

# The topic of "what is it" and of "is an X a Y?" questions (a taxonomy id).
IDENTITY_TOPIC = "definition"
# The topic of "is X an official role (in Scrum, SAFe, PMI...)?" (a taxonomy id).
OFFICIAL_ROLE_TOPIC = "official-role"
# The topic of "can one person be both X and Y?".
ROLE_COMBINATION_TOPIC = "role-combination"
# Topics whose claims relate two roles: a claim there answers for its pair, not for either alone.
RELATION_TOPICS = frozenset({IDENTITY_TOPIC, ROLE_COMBINATION_TOPIC})
# The topic of "who does the RTE report to?".
REPORTING_LINE_TOPIC = "reporting-line"


class Stance(StrEnum):
    """Does the role do / own / is it this, according to the primary sources?"""

    YES = "yes"
    NO = "no"
    PARTLY = "partly"


class Status(StrEnum):
    ESTABLISHED = "established"
    CONTESTED = "contested"
    CORRECTED = "corrected"


class SourceKind(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"
    ARTICLE = "article"
    COMMENT = "comment"


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str
    kind: SourceKind
    section: str | None = None
    accessed: dt.date | None = None
    framework: str | None = None  # the framework whose text this is (SAFe, Scrum, PMI, ...)
    edition: str | None = None  # "SAFe 6.0", "7th edition": part of how the source is named
    publisher_id: str | None = None  # the publishers.yaml entry, whose hosts `url` must be on

    @property
    def primary(self) -> bool:
        return self.kind is SourceKind.PRIMARY

    @property
    def secondary(self) -> bool:
        """A blog, course or vendor page: support, never the authority."""
        return self.kind is SourceKind.SECONDARY

    @property
    def name(self) -> str:
        """How an answer names the work: its title, with the edition when the title lacks it
        ("The Scrum Guide (November 2020)" beside "The Scrum Guide (November 2017)")."""
        if self.edition and self.edition.lower() not in self.title.lower():
            return f"{self.title} ({self.edition})"
        return self.title

    @property
    def credit(self) -> str:
        """How an answer names who published it: "Scaled Agile, Inc., SAFe 6.0"."""
        return f"{self.publisher}, {self.edition}" if self.edition else self.publisher


@dataclass(frozen=True)
class Publisher:
    """Who owns a body of work, and the hosts where its own pages live."""

    id: str
    name: str
    hosts: tuple[str, ...]

    def owns(self, url: str) -> bool:
        host = url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
        return any(host == h or host.endswith("." + h) for h in self.hosts)


@dataclass(frozen=True)
class Citation:
    """A source as one record cites it, with the section read where known."""

    source: Source
    section: str | None = None


@dataclass(frozen=True)
class Misnomer:
    phrase: str
    correction: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Label:
    """Another name some people use for a role ("chief scrum master" for the RTE): not wrong, but
    not the framework's own name, so an answer found through it says so."""

    phrase: str
    caveat: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    short: str
    definition: str
    citations: tuple[Citation, ...]
    frameworks: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    misnomers: tuple[Misnomer, ...] = ()
    # Abbreviations that mean this role only in one framework's context: in SAFe, "PM" is
    # Product Management. (framework, abbreviation) pairs.
    context_abbreviations: tuple[tuple[str, str], ...] = ()
    labels: tuple[Label, ...] = ()


@dataclass(frozen=True)
class Sense:
    """A phrase in which one of a topic's words means something else: "direct reports" is about
    line management, not status reports. `means` is the topic or duty id it is about instead, or
    None when it is about nothing the knowledge base answers (a career "roadmap to become ...")."""

    phrase: str
    means: str | None = None


@dataclass(frozen=True)
class Duty:
    """One specific duty under a topic (the Daily Scrum under events): questions that name it are
    decided by the claims about it, not by the topic as a whole."""

    id: str
    topic: str
    name: str
    label: str
    question: str
    synonyms: tuple[str, ...] = ()
    verdicts: tuple[tuple[Stance, str], ...] = ()

    def says(self, stance: Stance) -> str | None:
        return next((text for s, text in self.verdicts if s is stance), None)


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    label: str
    question: str
    synonyms: tuple[str, ...] = ()
    weak_synonyms: tuple[str, ...] = ()
    verdicts: tuple[tuple[Stance, str], ...] = ()
    antonyms: tuple[str, ...] = ()  # words asking the opposite ("unofficial")
    duties: tuple[Duty, ...] = ()
    senses: tuple[Sense, ...] = ()

    def says(self, stance: Stance) -> str | None:
        """How a headline finishes "Yes: the RTE ..." for this topic, if the KB says."""
        return next((text for s, text in self.verdicts if s is stance), None)


@dataclass(frozen=True)
class Decline:
    """A kind of question the bot declines on purpose (pay, a particular team's day), with the
    phrases that show it and the reply that says why."""

    id: str
    reply: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Owner:
    """Who answers for a set of claims: `kb stale` groups what is due by owner."""

    id: str
    name: str
    contact: str | None = None


@dataclass(frozen=True)
class Evidence:
    """The other side of a contested or corrected claim."""

    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Claim:
    id: str
    roles: tuple[str, ...]
    topic: str
    status: Status
    statement: str
    citations: tuple[Citation, ...]
    reviewed: dt.date | None  # when a person last re-checked it against its sources; None: never
    stance: Stance | None = None
    headline: bool = False
    examples: tuple[str, ...] = ()
    claimed_by: Source | None = None
    claimed_stance: Stance | None = None
    verdict: str | None = None
    evidence: Evidence | None = None
    correction: str | None = None
    seed: str | None = None
    duty: str | None = None  # the duty under `topic` the claim is about, if any
    owner: str | None = None
    review_by: dt.date | None = None  # due for review after this date (default reviewed + 1 year)

    @property
    def role(self) -> str:
        """The role the claim is about; the others in `roles` are ones it also speaks about."""
        return self.roles[0]

    @property
    def disputed(self) -> bool:
        return self.status is not Status.ESTABLISHED

    @property
    def frameworks(self) -> frozenset[str]:
        """The frameworks whose texts the claim rests on (its own side, not the evidence)."""
        return frozenset(c.source.framework for c in self.citations if c.source.framework)

    @property
    def secondary_only(self) -> bool:
        """Rests on blogs, courses or vendor pages alone, with no primary text behind it."""
        return not any(c.source.primary for c in self.citations) and any(
            c.source.secondary for c in self.citations
        )

    def overdue(self, today: dt.date) -> bool:
        return self.review_by is not None and today > self.review_by

    def all_citations(self) -> tuple[Citation, ...]:
        """Both sides' sources, the claim's own first."""
        if self.evidence is None:
            return self.citations
        return self.citations + self.evidence.citations


@dataclass(frozen=True)
class KnowledgeBase:
    sources: tuple[Source, ...]
    roles: tuple[Role, ...]
    topics: tuple[Topic, ...]
    claims: tuple[Claim, ...]
    version: str = ""
    warnings: tuple[str, ...] = field(default=(), compare=False)
    declines: tuple[Decline, ...] = ()
    owners: tuple[Owner, ...] = ()
    publishers: tuple[Publisher, ...] = ()

    @property
    def duties(self) -> tuple[Duty, ...]:
        return tuple(d for t in self.topics for d in t.duties)

    def role(self, role_id: str) -> Role:
        for role in self.roles:
            if role.id == role_id:
                return role
        raise KeyError(role_id)

    def topic(self, topic_id: str) -> Topic:
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        raise KeyError(topic_id)

    def counts(self) -> dict[str, int]:
        disputed = sum(1 for c in self.claims if c.disputed)
        return {
            "sources": len(self.sources),
            "roles": len(self.roles),
            "topics": len(self.topics),
            "claims": len(self.claims),
            "contested_or_corrected": disputed,
        }
