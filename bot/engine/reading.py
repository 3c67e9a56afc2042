"""What the reader understood of a question: plain data passed from reading to deciding."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.engine.answer import Kind
from bot.engine.normalise import Question
from bot.records import Label, Misnomer


class Reason:
    """Why a question was declined (the `reason` of `rte-bot ask --json`)."""

    EMPTY = "empty"
    AMBIGUOUS_ROLE = "ambiguous-role"
    UNKNOWN_ROLE = "unknown-role"
    REQUEST = "request"  # asks the bot to do something
    PERSON = "person"  # asks who holds a role on some team
    NO_FACTS = "no-facts"  # asks about something the knowledge base holds no facts on
    NO_CLAIM = "no-claim"  # the role and topic or duty have no sourced claim
    TWO_QUESTIONS = "two-questions"
    NOT_UNDERSTOOD = "not-understood"


@dataclass(frozen=True)
class RoleHit:
    role: str
    start: int
    end: int
    score: float  # 1.0 exact; less for a stemmed or fuzzy match
    misnomer: Misnomer | None = None
    label: Label | None = None


@dataclass(frozen=True)
class TopicHit:
    topic: str
    start: int
    end: int
    score: float
    weak: bool = False
    antonym: bool = False  # "unofficial" names the topic but asks the opposite
    duty: str | None = None  # the duty of the topic the words name ("daily standup")
    stems: tuple[str, ...] = ()  # the stems of the phrase matched (for a typo, the right words)


@dataclass(frozen=True)
class Reading:
    """What the reader understood. Plain data; a decider turns it into an Answer."""

    question: Question
    kind: Kind
    roles: tuple[str, ...] = ()
    topic: str | None = None
    topics: tuple[str, ...] = ()  # every topic named, best first; `topic` is the one answered
    duty: str | None = None  # the duty of `topic` the question names, if any
    confidence: float = 0.0
    misnomer: Misnomer | None = None
    label: Label | None = (
        None  # the role was named by another name people use ("chief scrum master")
    )
    framework: str | None = None
    identity: bool = False
    unknown: str | None = None  # a subject that is not a known role ("dba")
    unknown_roles: tuple[str, ...] = ()  # job titles named that the KB does not know
    ambiguous: tuple[str, ...] = ()  # roles a typo could equally mean
    unexplained: tuple[str, ...] = ()
    anchor: int = 0  # where the role asked about ends; topics after it are its object
    open_question: bool = False  # who / what / how ...: asks for facts, not a yes or no
    off_topic: tuple[str, str] | None = None  # (reason, note): why it is still not ours
    role_hits: tuple[RoleHit, ...] = field(default=(), repr=False)
    topic_hits: tuple[TopicHit, ...] = field(default=(), repr=False)


def replace_reading(r: Reading, **changes: object) -> Reading:
    from dataclasses import replace

    return replace(r, **changes)  # type: ignore[arg-type]
