"""Declining: "I don't know that one", why, and up to three questions the bot can answer instead.

A confident wrong answer is the worst thing the bot can do, so every decider hands over to this
module whenever it is unsure. The decline records the claim that came closest, for curators.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.engine.answer import Answer, Kind, Suggestion
from bot.engine.claims import ClaimIndex
from bot.engine.decide.context import Context, question_words
from bot.engine.normalise import normalise
from bot.engine.phrasing import article
from bot.engine.read import Reader
from bot.engine.reading import Reading
from bot.records import IDENTITY_TOPIC

MIN_CONFIDENCE = 0.45  # below this, an answer is declined as "not sure I understood"


def decline(
    ctx: Context,
    r: Reading,
    note: str,
    reason: str,
    roles: tuple[str, ...] | None = None,
    split: tuple[str, ...] = (),
) -> Answer:
    q = question_words(r)
    fit = ctx.index.fit_for(q)
    nearest = max(ctx.index.sharing(q), key=fit, default=None)
    score = fit(nearest) if nearest is not None else 0.0
    suggester = ctx.suggester
    return Answer(
        r.question.text,
        Kind.NO_MATCH,
        "I don't know that one.",
        confidence=0.0,
        suggestions=tuple(Suggestion(s) for s in split if suggester.answerable(s))
        or suggester.near(r.roles if roles is None else roles, r.topic),
        note=note,
        reason=reason,
        nearest=nearest.id if nearest is not None and score > 0 else None,
        nearest_score=round(score, 3),
    )


class Suggester:
    """Questions near what was asked that the bot can answer, each checked by reading it."""

    def __init__(self, index: ClaimIndex, reader: Reader) -> None:
        self.index = index
        self.reader = reader
        self._near: dict[tuple[tuple[str, ...], str | None], tuple[Suggestion, ...]] = {}
        self.defaults = self._default_suggestions()

    def near(self, roles: tuple[str, ...], topic_id: str | None) -> tuple[Suggestion, ...]:
        """Up to three questions near the roles and topic asked about."""
        key = (roles[:3], topic_id)
        if key not in self._near:
            self._near[key] = self._make(*key)
        return self._near[key]

    def _make(self, roles: tuple[str, ...], topic_id: str | None) -> tuple[Suggestion, ...]:
        texts: list[str] = []
        topic = self.index.topics.get(topic_id) if topic_id else None
        for role_id in roles:
            role = self.index.roles[role_id]
            texts.append(f"What is {article(role.name)} {role.name}?")
            profile = self.index.profiles[role.id]
            examples = [h.claim.examples[0] for h in profile if h.claim.examples]
            texts.extend(examples[:2])
        if topic is not None and topic.id != IDENTITY_TOPIC:
            texts.insert(0, topic.question)
        texts.extend(s.question for s in self.defaults)
        return self._checked(dict.fromkeys(texts))

    def answerable(self, text: str) -> bool:
        reading = self.reader.read(normalise(text))
        if reading.kind in (Kind.NO_MATCH, Kind.HELP) or reading.unknown or reading.ambiguous:
            return False
        return reading.confidence >= MIN_CONFIDENCE

    def _checked(self, texts: Iterable[str]) -> tuple[Suggestion, ...]:
        out: list[Suggestion] = []
        for text in texts:
            if len(out) == 3:
                break
            if text and self.answerable(text):
                out.append(Suggestion(text))
        return tuple(out)

    def _default_suggestions(self) -> tuple[Suggestion, ...]:
        texts = []
        kb = self.index.kb
        if kb.roles:
            first = kb.roles[0]
            texts.append(f"What is {article(first.name)} {first.name}?")
            linked = next(
                (
                    c.roles[1]
                    for c in self.index.by_role[first.id]
                    if c.topic == IDENTITY_TOPIC and len(c.roles) > 1
                ),
                None,
            )
            if linked:
                texts.append(f"{first.short} vs {self.index.roles[linked].name}")
        texts.extend(t.question for t in kb.topics if t.id != IDENTITY_TOPIC)
        return self._checked(texts)
