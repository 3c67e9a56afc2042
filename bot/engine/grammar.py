"""Small structural facts about a question's tokens: its lead word, phrases, what lies between."""

from __future__ import annotations

from bot.engine.lexicon import INTERJECTIONS
from bot.engine.reading import RoleHit


def lead_word(tokens: tuple[str, ...]) -> str:
    """The question's first word after a greeting ("hey, so does ..." -> "does")."""
    for t in tokens:
        if t not in INTERJECTIONS:
            return t
    return ""


def contains(tokens: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tokens[i : i + size] == phrase for i in range(len(tokens) - size + 1))


def words_between(tokens: tuple[str, ...], hits: tuple[RoleHit, ...]) -> tuple[str, ...]:
    first, second = hits[0], hits[1]
    return tokens[first.end : second.start]


def distinct_hits(hits: tuple[RoleHit, ...]) -> tuple[RoleHit, ...]:
    seen: dict[str, RoleHit] = {}
    for h in hits:
        seen.setdefault(h.role, h)
    return tuple(sorted(seen.values(), key=lambda h: h.start))
