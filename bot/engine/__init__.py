"""The answer engine: question text in, `Answer` out. The same engine serves Slack and the CLI.

The pipeline, one module each: normalise (Slack markup, case, unicode) -> read (roles, topic or
duty, framework, kind of question: `read`, `classify`) -> decide (one module per kind of answer
under `decide/`) -> an `Answer` (plain data, `answer`). A question is declined whenever the
reading is unsure, names a role the knowledge base does not know, or lands on a role and topic with
no sourced claim: a confident wrong answer is the worst thing this bot can do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from bot.engine.answer import Answer, Kind
from bot.engine.claims import ClaimIndex
from bot.engine.decide import comparison, identity, overview, who, yes_no
from bot.engine.decide.context import Context
from bot.engine.decide.decline import MIN_CONFIDENCE, Suggester, decline
from bot.engine.normalise import is_blank, normalise
from bot.engine.read import Reader
from bot.engine.reading import Reading, Reason
from bot.records import (
    IDENTITY_TOPIC,
    OFFICIAL_ROLE_TOPIC,
    ROLE_COMBINATION_TOPIC,
    KnowledgeBase,
)

__all__ = ["Answer", "Engine", "Kind"]

# How much less sure an answer is when a claim deciding it is past its review date.
OVERDUE_CONFIDENCE = 0.8


class Engine:
    """Built once per knowledge base; `ask` is then a pure function of the question text."""

    def __init__(self, kb: KnowledgeBase, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.kb = kb
        self.today = today  # for review dates; tests pass a fixed day
        self.reader = Reader(kb)
        self.index = ClaimIndex(kb)
        self.ctx = Context(self.index, Suggester(self.index, self.reader))

    def ask(self, raw: str) -> Answer:
        question = normalise(raw)
        reading = self.reader.read(question)
        if not question.tokens and not is_blank(raw):
            answer = decline(self.ctx, reading, "I couldn't find a question in that.", Reason.EMPTY)
        else:
            answer = self._answer(reading)
        if reading.label and answer.kind not in (Kind.NO_MATCH, Kind.HELP):
            # "who is the chief scrum master of the train?": answered for the role that name
            # stands for, saying that it is not the framework's own name.
            role = self.index.roles[reading.roles[0]] if reading.roles else None
            meant = f" is read as the {role.name}" if role else ""
            aside = f'"{reading.label.phrase}"{meant}. {reading.label.caveat.strip()}'
            answer = replace(answer, note=f"{answer.note} {aside}" if answer.note else aside)
        if reading.unknown_roles and answer.kind not in (Kind.NO_MATCH, Kind.HELP):
            # "RTE or Scrum Master, or a team lead?": answered for the roles known, saying so.
            names = " or ".join(f'"{name}"' for name in reading.unknown_roles)
            aside = f"I don't know the role {names}, so this answer says nothing about it."
            answer = replace(answer, note=f"{answer.note} {aside}" if answer.note else aside)
        if answer.kind not in (Kind.NO_MATCH, Kind.HELP) and answer.confidence < MIN_CONFIDENCE:
            answer = decline(
                self.ctx, reading, "I'm not sure I understood the question.", Reason.NOT_UNDERSTOOD
            )
        if answer.kind not in (Kind.NO_MATCH, Kind.HELP):
            answer = replace(self._review_state(answer), framework=reading.framework)
        return replace(answer, kb_version=self.kb.version, truncated=question.truncated)

    def _review_state(self, answer: Answer) -> Answer:
        """An answer resting on a claim nobody re-checked in time says so, and is less sure."""
        today = self.today()
        if not any(c.overdue(today) for c in answer.deciding()):
            return answer
        confidence = round(answer.confidence * OVERDUE_CONFIDENCE, 2)
        return replace(answer, review_overdue=True, confidence=confidence)

    def compare(self, role_ids: list[str], topic_id: str | None = None) -> Answer:
        """Compare known roles directly (role and topic ids), as `rte-bot compare` does."""
        names = " vs ".join(self.index.roles[r].name for r in role_ids)
        topic = f" on {self.index.topics[topic_id].name}" if topic_id else ""
        reading = Reading(
            normalise(names + topic),
            Kind.COMPARISON,
            roles=tuple(role_ids),
            topic=topic_id,
            confidence=1.0,
        )
        return replace(comparison.comparison(self.ctx, reading), kb_version=self.kb.version)

    def resolve_role(self, text: str) -> str | None:
        """A role id from an id, a name, an alias or an abbreviation ("rte", "RTE", "PgM")."""
        if text in self.index.roles:
            return text
        reading = self.reader.read(normalise(text))
        if len(reading.roles) == 1 and not reading.ambiguous and reading.role_hits:
            return reading.roles[0]
        return None

    def resolve_topic(self, text: str) -> str | None:
        """A topic id from an id or a synonym ("scope", "blockers")."""
        if text in self.index.topics:
            return text
        hits = {h.topic for h in self.reader.read(normalise(text)).topic_hits}
        return hits.pop() if len(hits) == 1 else None

    def _answer(self, r: Reading) -> Answer:
        """Hand the reading to the decider for its kind."""
        ctx = self.ctx
        if r.kind is Kind.HELP:
            return Answer(
                r.question.text,
                Kind.HELP,
                "I answer questions about delivery roles, with sources.",
                confidence=1.0,
                suggestions=ctx.suggester.defaults,
            )
        if r.ambiguous:
            names = " or ".join(self.index.roles[x].name for x in r.ambiguous)
            note = f"That could mean the {names}; which one?"
            return decline(ctx, r, note, Reason.AMBIGUOUS_ROLE, r.ambiguous)
        if r.off_topic:
            reason, note = r.off_topic
            return decline(ctx, r, note, reason, ())
        if r.unknown:
            known = ", ".join(role.short for role in self.kb.roles)
            note = f'I don\'t know the role "{r.unknown}". I know about: {known}.'
            return decline(ctx, r, note, Reason.UNKNOWN_ROLE, ())
        if r.kind is Kind.NO_MATCH:
            found = yes_no.retrieve(ctx, r) if r.roles else None
            note = "I couldn't match that to a role and topic I know."
            return found or decline(ctx, r, note, Reason.NOT_UNDERSTOOD)
        if r.kind is Kind.ROLE:
            role = self.index.roles[r.roles[0]]
            if r.framework and role.frameworks and r.framework not in role.frameworks:
                # "what is the project manager's role in Scrum?": Scrum defines none.
                official = replace(r, kind=Kind.ANSWER, topic=OFFICIAL_ROLE_TOPIC)
                return yes_no.yes_no(ctx, official)
            return overview.overview(ctx, r)
        if r.kind is Kind.TOPIC:
            return who.who(ctx, r)
        if r.kind is Kind.COMPARISON:
            return comparison.comparison(ctx, r)
        if r.identity:
            return identity.identity(ctx, r)
        if r.topic == ROLE_COMBINATION_TOPIC and len(r.roles) > 1:
            return identity.combination(ctx, r)
        names_twice = len(r.roles) == 1 and len(r.role_hits) > 1 and r.misnomer is None
        if r.topic == IDENTITY_TOPIC and names_twice:
            return identity.names_match(ctx, r)
        return yes_no.yes_no(ctx, r)
