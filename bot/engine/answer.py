"""Answers as plain data: what the bot says, the claims that decide it, and their sources.

Nothing here knows about Slack, terminals or YAML; renderers turn an Answer into Block Kit or text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from bot.records import Claim, Duty, Misnomer, Role, Source, Stance, Topic

__all__ = ["Answer", "Cell", "Holder", "Kind", "Position", "Row", "Suggestion"]


class Kind(StrEnum):
    """The kinds of answer (the `kind` of `rte-bot ask --json`)."""

    ANSWER = "answer"
    COMPARISON = "comparison"
    TOPIC = "topic"
    ROLE = "role"
    NO_MATCH = "no-match"
    HELP = "help"


@dataclass(frozen=True)
class Suggestion:
    """A question the bot can answer, offered when it could not answer the one asked."""

    question: str


@dataclass(frozen=True)
class Cell:
    """One role's position on one topic in a comparison."""

    role: Role
    stance: Stance | None
    claim: Claim | None
    contested: bool


@dataclass(frozen=True)
class Row:
    topic: Topic | Duty  # a duty when the comparison is about one
    cells: tuple[Cell, ...]

    @property
    def contested(self) -> bool:
        return any(cell.contested for cell in self.cells)


@dataclass(frozen=True)
class Holder:
    """A role's stance on the topic of a "who does X?" question."""

    role: Role
    stance: Stance | None
    claim: Claim


@dataclass(frozen=True)
class Position:
    """A role's stance on one topic, for a role overview."""

    topic: Topic
    stance: Stance | None
    claim: Claim


@dataclass(frozen=True)
class Answer:
    question: str
    kind: Kind
    headline: str
    roles: tuple[Role, ...] = ()
    topic: Topic | None = None
    duty: Duty | None = None  # the duty of `topic` the answer is about, when the question named one
    verdict: Stance | None = None
    confidence: float = 0.0
    claims: tuple[Claim, ...] = ()  # established claims that decide or explain the answer
    disputed: tuple[Claim, ...] = ()  # contested or corrected claims, shown with both sides
    misnomer: Misnomer | None = None
    rows: tuple[Row, ...] = ()  # comparisons
    holders: tuple[Holder, ...] = ()  # "who does X?"
    profile: tuple[Position, ...] = ()  # a role overview's stances; a summary, not cited
    suggestions: tuple[Suggestion, ...] = ()
    note: str | None = None  # why the bot declined, or a caveat on the answer
    reason: str | None = None  # for a decline, why in one word (`Reason` in decide.decline)
    truncated: bool = False
    review_overdue: bool = False  # a deciding claim is past its review_by date
    framework: str | None = None  # the framework the question named ("in Scrum"), if any
    kb_version: str = ""  # the knowledge base that answered
    nearest: str | None = None  # for a decline: the claim that came closest, for curators
    nearest_score: float = 0.0

    def deciding(self) -> tuple[Claim, ...]:
        """The claims the answer rests on: its first claim, else every claim it shows."""
        return self.claims[:1] or self.disputed[:1] or self.all_claims()

    @property
    def reviewed(self) -> dt.date | None:
        """When the claims that decide the answer were last re-checked (the oldest of them);
        None when one of them never was."""
        dates = [c.reviewed for c in self.deciding()]
        if not dates or None in dates:
            return None
        return min(d for d in dates if d is not None)

    @property
    def contested(self) -> bool:
        """True when the answer shows any contested or corrected claim (or a wrong name)."""
        return bool(
            self.disputed
            or self.misnomer
            or any(row.contested for row in self.rows)
            or any(h.claim.disputed for h in self.holders)
        )

    def all_claims(self) -> tuple[Claim, ...]:
        """Every claim the answer shows, in the order it shows them, each once."""
        seen: dict[str, Claim] = {}
        for claim in (
            *self.claims,
            *self.disputed,
            *(cell.claim for row in self.rows for cell in row.cells if cell.claim),
            *(h.claim for h in self.holders),
        ):
            seen.setdefault(claim.id, claim)
        return tuple(seen.values())

    def sources(self) -> tuple[Source, ...]:
        """The sources to list under the answer, numbered in this order."""
        seen: dict[str, Source] = {}
        if self.kind is Kind.ROLE:
            for role in self.roles:
                for citation in role.citations:
                    seen.setdefault(citation.source.id, citation.source)
        if self.misnomer:
            for citation in self.misnomer.citations:
                seen.setdefault(citation.source.id, citation.source)
        for claim in self.all_claims():
            for citation in claim.all_citations():
                seen.setdefault(citation.source.id, citation.source)
        return tuple(seen.values())
