"""What every decider gets: the claim index, the suggestions, and the question's content words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.engine.claims import ClaimIndex
from bot.engine.lexicon import FRAMEWORK_WORDS, STOPWORDS
from bot.engine.reading import Reading

if TYPE_CHECKING:
    from bot.engine.decide.decline import Suggester

MAX_SHOWN = 3  # claims shown per side of an answer


@dataclass(frozen=True)
class Context:
    index: ClaimIndex
    suggester: Suggester


def question_words(r: Reading) -> frozenset[str]:
    """The question's content words, without the role names (every candidate shares those) and
    without framework names (most claims mention SAFe; the framework is weighed apart).

    A topic word typed with a typo counts as the word it was read as ("budjet" as "budget"), so
    the claims a question fits do not change with its spelling.
    """
    skip = {i for h in r.role_hits if h.misnomer is None for i in range(h.start, h.end)}
    words: set[str] = set()
    for h in r.topic_hits:
        if h.score < 0.99 and h.stems:
            skip |= set(range(h.start, h.end))
            words |= {s for s in h.stems if s not in STOPWORDS}
    words |= {
        s
        for i, (t, s) in enumerate(zip(r.question.tokens, r.question.stems, strict=True))
        if i not in skip and t not in STOPWORDS and t not in FRAMEWORK_WORDS
    }
    return frozenset(words)
